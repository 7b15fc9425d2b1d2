// Running a scenario in the pool of Web Workers: the progress bar moves, Cancel stops
// the run within a second and terminates the workers, a new run starts at once, and
// the main thread never blocks for more than 50 ms while a run is in progress.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** Records long tasks (main thread busy > 50 ms), those already buffered included. */
async function observeLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

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

test('a run reports its progress, can be cancelled within a second, and run again', async () => {
  const app = await session.openApp();
  const { page: p } = app;
  await waitForWorkerReady(p);
  await observeLongTasks(p);

  // A quick scenario, watched from start to end.
  await choosePreset(p, 'jackman');
  const runButton = p.locator('#run-button');
  assert.equal(await runButton.isEnabled(), true);
  const runStart = await p.evaluate(() => performance.now());
  await runButton.click();
  await p.locator('#run-progress').waitFor();
  const seen = new Set();
  let last = await progress(p);
  while (last.done < last.total) {
    seen.add(last.done);
    await p.waitForTimeout(50);
    last = await progress(p);
  }
  seen.add(last.done);
  const runEnd = await p.evaluate(() => performance.now());
  assert.ok(last.total > 0);
  assert.ok(seen.size >= 3, `the progress bar moved through several values: ${[...seen]}`);
  await p.locator('#run-button').waitFor();
  assert.match(await p.locator('#run-progress-text').textContent(), /finished in/);

  const longTasks = await p.evaluate(
    ([from, to]) => window.__longTasks.filter((t) => t.start + t.duration >= from && t.start <= to),
    [runStart, runEnd],
  );
  assert.deepEqual(longTasks, [], 'no long task (> 50 ms) on the main thread during the run');

  // A slow scenario, cancelled mid-way.
  await choosePreset(p, 'san-ysidro');
  await p.locator('#run-button').click();
  await p.waitForFunction(() => Number(document.querySelector('#run-progress')?.dataset.done) >= 1, null, {
    timeout: 60_000,
  });
  const before = await progress(p);
  assert.ok(before.done < before.total, 'cancelled before the end');
  // The status worker plus the pool's workers are alive.
  const alive = p.workers().length;
  assert.ok(alive >= 2, `pool workers are running (${alive} workers)`);
  const cancelAt = Date.now();
  await p.locator('#cancel-button').click();
  await p.locator('#run-button').waitFor({ timeout: 1000 });
  assert.ok(Date.now() - cancelAt <= 1000, 'the app is usable again within a second');
  assert.match(await p.locator('#run-progress-text').textContent(), /cancelled/);
  // Terminated, not merely disconnected: only the status worker is left.
  const deadline = Date.now() + 1000;
  while (p.workers().length > 1 && Date.now() < deadline) await p.waitForTimeout(20);
  assert.equal(p.workers().length, 1, 'the pool workers were terminated');
  const atCancel = await progress(p);
  await p.waitForTimeout(1500);
  assert.deepEqual(await progress(p), atCancel, 'nothing arrives after Cancel: the workers are gone');

  // A new run starts at once and completes.
  await choosePreset(p, 'jackman');
  await p.locator('#run-button').click();
  await p.waitForFunction(
    () => {
      const bar = document.querySelector('#run-progress');
      return bar && bar.dataset.done === bar.dataset.total && !document.querySelector('#cancel-button');
    },
    null,
    { timeout: 60_000 },
  );
  await app.screenshot('run-finished');
  await app.close();
});
