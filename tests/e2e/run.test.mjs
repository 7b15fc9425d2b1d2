// Running a scenario in the pool of Web Workers: the progress bar moves, the page
// answers the planner while a run is in progress, Cancel terminates the workers and
// nothing arrives after it, and a new run starts at once.
//
// Nothing here is timed: every wait is for an event or a state of the page, and the
// ceilings only catch a hang. Responsiveness figures are printed by `make bench`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { waitForRunEnd } from './figures.mjs';
import { startSession, waitForWorkerReady } from './helpers.mjs';

/** Ceiling for a whole run or a hang, never a speed target. */
const HANG = 600_000;

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function progress(page) {
  const bar = page.locator('#run-progress');
  return {
    done: Number(await bar.getAttribute('data-done')),
    total: Number(await bar.getAttribute('data-total')),
  };
}

async function choosePreset(page, id) {
  await page.locator('#preset-picker').selectOption(id);
  await page.waitForFunction((value) => document.querySelector('#preset-picker').value === value, id);
}

/**
 * Records, on every change of the progress bar of the next run, how many units were
 * done: the values the planner saw, without polling against a clock.
 */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.__progressSeen = [];
    window.__progressTexts = [];
    // Only the run started after this call (a new run starts again from zero).
    let started = false;
    const note = () => {
      const bar = document.querySelector('#run-progress');
      if (!bar) return;
      const done = Number(bar.dataset.done);
      started ||= done === 0 && Boolean(document.querySelector('#cancel-button'));
      if (started && window.__progressSeen.at(-1) !== done) window.__progressSeen.push(done);
      const text = document.querySelector('#run-progress-text')?.textContent ?? '';
      if (started) window.__progressTexts.push({ done, text });
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

test('a run reports its progress, answers the planner, is cancelled for good, and runs again', async () => {
  const app = await session.openApp();
  const { page: p } = app;
  await waitForWorkerReady(p);

  // A quick scenario, run to its end.
  await choosePreset(p, 'jackman');
  const runButton = p.locator('#run-button');
  assert.equal(await runButton.isEnabled(), true);
  await runButton.click();
  await p.locator('#run-progress').waitFor();
  await waitForRunEnd(p, HANG);
  const last = await progress(p);
  assert.ok(last.total > 0);
  await p.locator('#run-button').waitFor();
  assert.match(await p.locator('#run-progress-text').textContent(), /finished in/);

  // A slow scenario: the progress bar moves through several values while it runs.
  await choosePreset(p, 'san-ysidro');
  await watchProgress(p);
  await p.locator('#run-button').click();
  await p.waitForFunction(() => new Set(window.__progressSeen).size >= 3, null, { timeout: HANG });
  const seen = await p.evaluate(() => window.__progressSeen);
  assert.ok(
    seen.every((d, i) => i === 0 || seen[i - 1] <= d),
    `the count of units done only grows: ${seen}`,
  );

  // Time left is estimated only from the pace after start-up (loading the model in
  // each worker would inflate it): until a few units are in, the page says so.
  const workers = Number((await p.locator('#run-progress-text').textContent()).match(/(\d+) workers?$/)?.[1]);
  assert.ok(workers >= 1, 'the progress names its workers');
  await p.waitForFunction(() => window.__progressTexts.some((t) => /about .* left/.test(t.text)), null, { timeout: HANG });
  const texts = await p.evaluate(() => window.__progressTexts);
  const early = texts.filter((t) => t.done < workers + 3);
  assert.ok(early.length > 0, 'the first updates come before a pace is known');
  assert.ok(
    early.every((t) => /starting the workers|estimating the time left/.test(t.text)),
    `no estimate from start-up alone: ${JSON.stringify(early)}`,
  );

  // While it runs, the page handles a click on the editor.
  const toggle = p.locator('#editor-section-run-toggle');
  const expandedBefore = await toggle.getAttribute('aria-expanded');
  // The moment the toggle changes, note whether the run was still in progress.
  await p.evaluate(() => {
    const el = document.querySelector('#editor-section-run-toggle');
    window.__handledDuringRun = null;
    new MutationObserver(() => {
      window.__handledDuringRun ??= Boolean(document.querySelector('#cancel-button'));
    }).observe(el, { attributes: true, attributeFilter: ['aria-expanded'] });
  });
  await toggle.click();
  await p.waitForFunction(
    (before) => document.querySelector('#editor-section-run-toggle').getAttribute('aria-expanded') !== before,
    expandedBefore,
    { timeout: HANG },
  );
  assert.equal(await p.evaluate(() => window.__handledDuringRun), true, 'the click was handled while the run was in progress');

  // Cancel it mid-way.
  const before = await progress(p);
  assert.ok(before.done < before.total, 'cancelled before the end');
  // The status worker plus the pool's workers are alive.
  const alive = p.workers();
  assert.ok(alive.length >= 2, `pool workers are running (${alive.length} workers)`);
  const closed = Promise.all(alive.slice(1).map((w) => new Promise((resolve) => w.once('close', resolve))));
  await p.locator('#cancel-button').click();
  await p.locator('#run-button').waitFor({ timeout: HANG });
  assert.match(await p.locator('#run-progress-text').textContent(), /cancelled/);
  // Terminated, not merely disconnected: every pool worker closes; the status worker stays.
  await closed;
  assert.equal(p.workers().length, 1, 'only the status worker is left');
  // With the pool gone nothing can arrive; a round trip through the page's event loop
  // (a click handled and rendered) shows the count unchanged.
  const atCancel = await progress(p);
  await toggle.click();
  await p.waitForFunction(
    (before) => document.querySelector('#editor-section-run-toggle').getAttribute('aria-expanded') === before,
    expandedBefore,
  );
  assert.deepEqual(await progress(p), atCancel, 'nothing arrives after Cancel: the workers are gone');

  // A new run starts at once and completes.
  await choosePreset(p, 'jackman');
  await p.locator('#run-button').click();
  await waitForRunEnd(p, HANG);
  await app.screenshot('run-finished');
  await app.close();
});
