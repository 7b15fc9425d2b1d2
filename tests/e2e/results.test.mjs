// The results views over a real run in the browser: the Jackman preset run as it is,
// then checked against the CLI's JSON for the same scenario and seed (every number of
// the comparison table, to the last bit); cards, charts and best-value markers present;
// no inline style; marks focusable with a visible focus ring; results marked stale as
// soon as the scenario changes. Then the national preset's per-crossing table (111
// crossings), sorted and rolled up. Screenshots: target/screenshots/results*.png.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { waitForRunEnd } from './figures.mjs';
import { PROJECT_ROOT, SCREENSHOT_DIR, startSession, waitForWorkerReady } from './helpers.mjs';

const run = promisify(execFile);

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** The CLI (`egress`, built if needed) with `args`; resolves to its standard output. */
async function cli(args) {
  const { stdout } = await run('cargo', ['run', '--release', '--quiet', '--locked', '-p', 'egress-cli', '--', ...args], {
    cwd: PROJECT_ROOT,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  return stdout;
}

async function choosePreset(page, id) {
  await page.locator('#preset-picker').selectOption(id);
  await page.waitForFunction((value) => document.querySelector('#preset-picker').value === value, id);
}

/** Presses Run and waits until every unit is done and the results say so. */
async function runToEnd(page, timeout) {
  await page.locator('#run-button').click();
  await page.locator('#run-progress').waitFor();
  await waitForRunEnd(page, timeout);
}

/** The value at a dotted path of a strategy's JSON summary, as the page shows it. */
function expectedValue(strategy, path, field) {
  let value = strategy;
  for (const part of path.split('.')) value = value?.[part];
  if (value === null || value === undefined) return null;
  if (field === 'value') return Number.isFinite(value) ? value : null;
  if (field === 'rate') return value.trials > 0 && Number.isFinite(value.rate) ? value.rate : null;
  return value.n > 0 && Number.isFinite(value.mean) ? value.mean : null;
}

test('results of a run match the CLI, mark the best values, draw the charts and go stale', async () => {
  // The CLI's answer for the same scenario (the preset as it is) and seed.
  const dir = await mkdtemp(join(tmpdir(), 'egress-results-'));
  let expected;
  try {
    const scenarioFile = join(dir, 'jackman.json');
    await writeFile(scenarioFile, await cli(['preset', 'jackman']));
    expected = JSON.parse(await cli(['run', scenarioFile, '--format', 'json']));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);

  // Before any run: an explanatory empty state.
  await page.locator('#results-empty').waitFor();
  assert.match(await page.locator('#results-empty').textContent(), /Press Run/);

  await choosePreset(page, 'jackman');
  await runToEnd(page, 120_000);

  const root = page.locator('#results-root');
  assert.equal(await root.getAttribute('data-stale'), 'false');
  assert.equal(Number(await root.getAttribute('data-replications')), expected.replications);
  assert.equal(await page.locator('#results-stale').count(), 0);

  // Cards, table, charts.
  const strategies = expected.strategies.length;
  assert.equal(await page.locator('#strategy-cards .result-card').count(), strategies);
  assert.equal(await page.locator('#kpi-table thead th.kpi__strategy').count(), strategies);
  for (const id of ['chart-detection', 'chart-budget', 'chart-pareto', 'chart-hourly', 'chart-outcomes', 'chart-seizures', 'chart-sample-day']) {
    assert.equal(await page.locator(`#${id} svg`).first().isVisible(), true, `${id} is drawn`);
  }
  assert.ok((await page.locator('#chart-detection .whisker').count()) >= strategies - 1, 'whiskers on the detection chart');
  assert.equal(await page.locator('#chart-pareto path.pareto__frontier').count(), 1, 'the Pareto frontier is drawn');
  assert.equal(await page.locator('#chart-hourly .hourly__band').count(), strategies);
  assert.equal(await page.locator('#crossing-table').count(), 0, 'no per-crossing table for one crossing');
  assert.equal(await page.locator('#results [style]').count(), 0, 'no inline style');

  // Best-value markers: the highest detection rate and the lowest budget.
  const means = (f) => expected.strategies.map(f);
  const argmax = (xs) => xs.indexOf(Math.max(...xs));
  const argmin = (xs) => xs.indexOf(Math.min(...xs));
  const bestDetection = page.locator('#kpi-table td[data-metric="detection_rate"][data-best="true"]');
  assert.equal(await bestDetection.count(), 1);
  assert.equal(Number(await bestDetection.getAttribute('data-strategy')), argmax(means((s) => s.detection_rate.mean)));
  const bestBudget = page.locator('#kpi-table td[data-metric="budget.total"][data-best="true"]');
  assert.equal(Number(await bestBudget.getAttribute('data-strategy')), argmin(means((s) => s.budget.total.mean)));
  assert.ok((await page.locator('#kpi-table td.kpi__cell--best').count()) >= 5, 'several rows have a best value');

  // Every number of the comparison table is the CLI's, bit for bit.
  const cells = await page.locator('#kpi-table td[data-metric]').evaluateAll((tds) =>
    tds.map((td) => ({
      metric: td.dataset.metric,
      field: td.dataset.field,
      strategy: Number(td.dataset.strategy),
      value: td.dataset.value,
      missing: td.dataset.missing === 'true',
    })),
  );
  assert.ok(cells.length >= 20 * strategies, `${cells.length} cells`);
  for (const cell of cells) {
    const want = expectedValue(expected.strategies[cell.strategy], cell.metric, cell.field);
    const where = `${cell.metric}[${cell.strategy}]`;
    if (want === null) {
      assert.ok(cell.missing, `${where} has no value in the CLI's JSON, so the page shows none`);
    } else {
      assert.ok(!cell.missing, `${where} is shown`);
      assert.equal(Number(cell.value), want, where);
    }
  }
  // The cards' and charts' numbers too.
  for (const selector of ['#strategy-cards [data-metric][data-value]', '#chart-detection [data-metric][data-value]', '#chart-budget [data-metric][data-value]']) {
    const marks = await page.locator(selector).evaluateAll((els) =>
      els.map((e) => ({ metric: e.dataset.metric, strategy: Number(e.dataset.strategy), value: e.dataset.value })),
    );
    assert.ok(marks.length >= strategies, selector);
    for (const m of marks) {
      assert.equal(Number(m.value), expectedValue(expected.strategies[m.strategy], m.metric, 'mean'), `${selector} ${m.metric}[${m.strategy}]`);
    }
  }
  // The Pareto chart's frontier: no strategy on it is beaten on both counts.
  const points = expected.strategies.map((s, i) => ({ i, b: s.budget.total.mean, d: s.detection_rate.mean }));
  const frontier = points
    .filter((p) => !points.some((q) => q.i !== p.i && q.b <= p.b && q.d >= p.d && (q.b < p.b || q.d > p.d)))
    .map((p) => String(p.i));
  const drawn = await page.locator('#chart-pareto .pareto__point[data-pareto="true"]').evaluateAll((els) =>
    els.map((e) => e.dataset.strategy),
  );
  assert.deepEqual(drawn.sort(), frontier.sort());

  // Marks: focusable, titled, with a visible focus ring from the keyboard.
  const marks = page.locator('#chart-detection .mark');
  assert.equal(await marks.count(), strategies);
  assert.match(await marks.nth(1).locator('title').textContent(), /95% interval/);
  await marks.nth(0).focus();
  await page.keyboard.press('Tab');
  assert.equal(await marks.nth(1).evaluate((e) => e === document.activeElement), true, 'Tab moves to the next mark');
  const ring = await marks.nth(1).locator('.mark__ring').evaluate((e) => getComputedStyle(e).stroke);
  assert.notEqual(ring, 'none', 'the focused mark shows a ring');

  await page.locator('#results').screenshot({ path: join(SCREENSHOT_DIR, 'results-panel.png') });
  await app.screenshot('results');

  // Another scenario: the results stay, marked stale.
  await choosePreset(page, 'san-ysidro');
  await page.locator('#results-stale').waitFor();
  assert.match(await page.locator('#results-stale').textContent(), /These results are for an earlier version of the scenario — run again/);
  assert.equal(await root.getAttribute('data-stale'), 'true');
  assert.match(await root.getAttribute('class'), /results--stale/);
  await app.screenshot('results-stale');
  await app.close();
});

test('the national per-crossing table lists, sorts and rolls up 111 crossings', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await choosePreset(page, 'national');
  const started = Date.now();
  await runToEnd(page, 600_000);
  console.log(`national preset ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const table = page.locator('#crossing-table');
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 111);
  assert.equal(await table.getAttribute('data-sort'), 'exits');
  const column = async (metric) =>
    table.locator(`tbody td[data-metric="${metric}"]`).evaluateAll((tds) => tds.map((td) => Number(td.dataset.value ?? NaN)));
  const exits = await column('exits');
  assert.ok(exits.every((x, i) => i === 0 || exits[i - 1] >= x), 'sorted by exits, descending');

  // Sort by budget from the keyboard: focus the header button, press Enter.
  await table.locator('th[data-column="budget"] button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('th[data-column="budget"]').getAttribute('aria-sort') === 'descending');
  const budgets = await column('budget');
  assert.ok(budgets.every((x, i) => i === 0 || budgets[i - 1] >= x), 'sorted by budget, descending');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('th[data-column="budget"]').getAttribute('aria-sort') === 'ascending');

  await page.locator('#results-crossings').scrollIntoViewIfNeeded();
  await page.locator('#results-crossings').screenshot({ path: join(SCREENSHOT_DIR, 'results-national-crossings.png') });

  // Roll-ups and another strategy (rows are drawn in chunks, in turn).
  const settled = () => page.waitForFunction(() => !document.querySelector('#crossing-table [data-pending]'));
  await table.locator('button[data-level="borders"]').click();
  await settled();
  assert.equal(await rows.count(), 2);
  await table.locator('button[data-level="field_offices"]').click();
  await settled();
  assert.ok((await rows.count()) >= 5);
  await page.locator('#crossing-strategy').selectOption('2');
  assert.equal(await table.getAttribute('data-strategy'), '2');
  await table.locator('button[data-level="crossings"]').click();
  await settled();
  assert.equal(await rows.count(), 111);
  await page.locator('#results').screenshot({ path: join(SCREENSHOT_DIR, 'results-national.png') });
  await app.close();
});
