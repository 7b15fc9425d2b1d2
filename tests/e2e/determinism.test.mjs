// The same scenario and seed give the same figures in the browser, whatever the number
// of workers, as `egress run` on the command line.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { cliFigure, egress, scenarioFile, shownFigures, waitForRunEnd } from './figures.mjs';
import { startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

test('the page shows exactly the figures of the command line, with 1 or 3 workers', async () => {
  const file = await scenarioFile('jackman', egress('preset', 'jackman'));
  const summary = JSON.parse(egress('run', file));

  const byWorkers = {};
  for (const workers of [1, 3]) {
    const app = await session.openApp(`?workers=${workers}`);
    const { page } = app;
    await waitForWorkerReady(page);
    await page.locator('#preset-picker').selectOption('jackman');
    await page.locator('#run-button').click();
    await waitForRunEnd(page);
    assert.match(await page.locator('#run-progress-text').textContent(), new RegExp(`${workers} workers?`));
    const shown = await shownFigures(page);
    const keys = Object.keys(shown);
    assert.ok(keys.length >= 50, `many figures compared (${keys.length})`);
    for (const key of keys) {
      assert.equal(shown[key], cliFigure(summary, key), `${key} with ${workers} workers`);
    }
    byWorkers[workers] = shown;
    if (workers === 1) await app.screenshot('results-jackman');
    await app.close();
  }
  assert.deepEqual(byWorkers[1], byWorkers[3]);
});
