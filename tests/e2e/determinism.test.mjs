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

test('record files written by the command line in parts open with the figures `egress merge` prints', async () => {
  const file = await scenarioFile('jackman-parts', egress('preset', 'jackman'));
  const parts = [];
  for (let i = 0; i < 3; i += 1) {
    const part = file.replace(/\.json$/, `-part-${i}.jsonl`);
    egress('run', file, '--replications', '4', '--shard', `${i}/3`, '--records', part);
    parts.push(part);
  }
  const summary = JSON.parse(egress('merge', ...parts));

  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  // A part missing: refused, naming the units, and nothing on screen changes.
  await page.locator('#open-file').setInputFiles([parts[0], parts[2]]);
  await page.locator('#notice.notice--error', { hasText: 'units missing' }).waitFor();
  assert.equal(await page.locator('#results-root[data-state="finished"]').count(), 0);

  // Every part, in another order: the run's scenario and its merged figures.
  await page.locator('#open-file').setInputFiles([parts[2], parts[0], parts[1]]);
  await waitForRunEnd(page);
  assert.match(await page.locator('#run-progress-text').textContent(), /opened from record files/);
  const shown = await shownFigures(page);
  const keys = Object.keys(shown);
  assert.ok(keys.length >= 50, `many figures compared (${keys.length})`);
  for (const key of keys) assert.equal(shown[key], cliFigure(summary, key), key);
  await app.screenshot('results-from-records');

  // And they brief like a run made here.
  await page.locator('#open-briefing').click();
  await page.locator('#briefing').waitFor();
  await page.waitForFunction(() => !document.querySelector('#briefing [data-pending]'));
  assert.match(await page.locator('#briefing-title').textContent(), /Jackman/);
  assert.equal(
    await page.locator('#briefing-verdicts .briefing__verdict').count(),
    summary.strategies.length,
    'a verdict per strategy',
  );
  await app.close();
});
