// The programme view: optimise one crossing in the browser's worker pool, cancel an
// optimisation (nothing decided), add the programme as a strategy, run it and find it in
// the briefing; and the same programme with one worker as with two.
//
// The scenario is Jackman (one small crossing) over four weeks with a small candidate
// space (3 plans, 4 to 8 replications each), so the whole file stays well under a
// minute on a busy machine. The heavy variant exists only to be cancelled.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { AXE_VERSION, axeViolations, seriousReport } from './axe.mjs';
import { waitForRunEnd } from './figures.mjs';
import { download, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
let jackman;
before(async () => {
  session = await startSession();
  // The preset as the page writes it, so the test follows the scenario format.
  const app = await session.openApp();
  await waitForWorkerReady(app.page);
  await app.page.locator('#preset-picker').selectOption('jackman');
  jackman = JSON.parse((await download(app.page, '#download-json')).text);
  await app.close();
});
after(async () => {
  await session?.close();
});

/** Jackman with a programme question: the most detections within a budget no plan reaches. */
function programmeScenario({ heavy = false } = {}) {
  const s = structuredClone(jackman);
  s.name = heavy ? 'Jackman programme (long)' : 'Jackman programme';
  s.horizon_days = heavy ? 365 : 28;
  s.replications = 3;
  s.programme = {
    goal: { kind: 'most_within_budget', budget: 1e9, cost: 'full_cost' },
    floor_operations_per_week: 1,
    space: {
      schedules: ['pulse_random'],
      operations_per_week: heavy ? [1, 2, 3, 5, 7, 10, 14] : [1, 3, 7],
      duration_hours: [2],
      daily_windows: [{ from_hour: 6, to_hour: 22, traffic_weighted: false }],
      teams: [1],
      crew_size: [2],
      selection: [{ kind: 'all' }],
      technique: ['interview'],
      nii_units_bought: [0],
    },
    search: heavy
      ? { first_stage: 50, max_replications: 200, alpha: 0.05, indifference: 0.0001 }
      : { first_stage: 4, max_replications: 8, alpha: 0.05, indifference: 0.01 },
  };
  return s;
}

async function openScenario(page, scenario) {
  await page.locator('#open-file').setInputFiles({
    name: 'programme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page
    .waitForFunction((name) => document.querySelector('#f-name')?.value === name, scenario.name, { timeout: 30_000 })
    .catch(async (error) => {
      throw new Error(`the scenario did not open: ${await page.locator('#notice').textContent().catch(() => '')}`, { cause: error });
    });
  await page.locator('#editor-status.editor__status--ok').waitFor();
}

async function optimise(page) {
  await page.locator('#tab-programme').click();
  const button = page.locator('#optimise');
  await button.waitFor();
  if (await button.isDisabled()) assert.fail(`Optimise is disabled: ${await page.locator('#optimise-blocked-reason').textContent()}`);
  // Results fill in: record every "decided so far" the page shows while it runs.
  await page.evaluate(() => {
    window.__soFar = [];
    new MutationObserver(() => {
      const el = document.querySelector('#programme-so-far');
      const seen = el && `${el.dataset.crossings}:${el.querySelectorAll('tr[data-chosen="true"]').length}`;
      if (seen && window.__soFar.at(-1) !== seen) window.__soFar.push(seen);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await button.click();
  const bar = page.locator('.analysis-bar[data-analysis="programme"]');
  await page
    .locator('.analysis-bar[data-analysis="programme"]:is([data-state="done"], [data-state="failed"], [data-state="cancelled"])')
    .waitFor()
    .catch(async (error) => {
      throw new Error(`the optimisation did not end: ${await bar.getAttribute('data-state')}: ${await bar.textContent()}`, { cause: error });
    });
  assert.equal(await bar.getAttribute('data-state'), 'done', await bar.textContent());
  await page.locator('#programme-result').waitFor();
  assert.equal(await page.locator('#programme-so-far').count(), 0, 'the results so far give way to the result');
  return page.evaluate(() => window.__soFar);
}

/** Every figure of the programme view, keyed by what it is. */
async function programmeFigures(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('#programme-result [data-programme-metric][data-value]')) {
      out[`${el.dataset.crossing}|${el.dataset.programmeMetric}`] = el.dataset.value;
    }
    for (const el of document.querySelectorAll('#programme-result [data-rollup-metric]')) {
      out[`${el.dataset.rollup}|${el.dataset.rollupMetric}`] = el.dataset.value;
    }
    const whole = document.querySelector('#programme-whole');
    for (const key of ['detections', 'sumOfParts', 'difference', 'replications']) out[`whole|${key}`] = whole?.dataset[key];
    out.plan = document.querySelector('[data-programme-metric="plan"]')?.textContent;
    out.replications = document.querySelector('#programme-result').dataset.replications;
    return out;
  });
}

test('optimise a crossing, cancel one, add the programme as a strategy, run and brief it', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await openScenario(page, programmeScenario());

  await page.locator('#tab-programme').click();
  assert.match(await page.locator('#programme-goal').textContent(), /most detections for at most \$1\.0B a year/);
  const soFar = await optimise(page);
  // While the whole programme was simulated, the crossing's plan was already on screen.
  assert.deepEqual(soFar, ['1:1']);
  const result = page.locator('#programme-result');
  assert.equal(await result.getAttribute('data-crossings'), '1');
  assert.equal(await result.getAttribute('data-with-plan'), '1');
  const row = page.locator('#programme-crossings tbody tr[data-chosen="true"]');
  assert.equal(await row.count(), 1);
  const ops = Number(await row.locator('[data-programme-metric="operations_per_week"]').getAttribute('data-value'));
  assert.ok([1, 3, 7].includes(ops), `a candidate's frequency: ${ops}`);
  const candidates = Number(await row.locator('[data-programme-metric="candidates"]').getAttribute('data-value'));
  assert.equal(candidates, 3);
  const reps = row.locator('[data-programme-metric="replications"]');
  assert.ok(Number(await reps.getAttribute('data-value')) <= Number(await reps.getAttribute('data-equal-allocation')));
  assert.equal(await page.locator('#programme-crossing-frontier svg.chart__svg').count(), 1, 'the crossing frontier');
  assert.equal(await page.locator('#programme-crossing-frontier .frontier__chosen').count(), 1, 'the chosen point is marked');
  assert.equal(await page.locator('#programme-whole').getAttribute('data-whole'), 'true');
  // The view and the editor's programme question, open, are accessible.
  await page.locator('#editor-section-programme-toggle').click();
  await page.locator('#programme-enabled').waitFor();
  const serious = seriousReport(await axeViolations(page));
  assert.equal(serious, '', `axe-core ${AXE_VERSION}, the programme view and question:\n${serious}`);

  // A long optimisation, cancelled: the bar says so and nothing is decided.
  await openScenario(page, programmeScenario({ heavy: true }));
  await page.locator('#tab-programme').click();
  await page.locator('#optimise').click();
  await page.locator('.analysis-bar[data-analysis="programme"][data-state="running"] .analysis-bar__cancel').click();
  const cancelled = page.locator('.analysis-bar[data-analysis="programme"][data-state="cancelled"]');
  await cancelled.waitFor();
  assert.match(await cancelled.textContent(), /cancelled .* nothing was decided/);
  assert.equal(await page.locator('#programme-result').count(), 0);
  assert.equal(await page.locator('#programme-add-strategy').count(), 0);

  // Optimise again, add the programme as a strategy: it runs and briefs like any other.
  await openScenario(page, programmeScenario());
  await optimise(page);
  const strategies = jackman.strategies.length;
  await page.locator('#programme-add-strategy').click();
  const added = page.locator('#programme-added');
  await added.waitFor();
  assert.match(await added.textContent(), new RegExp(`strategy ${strategies + 1} “Optimised programme”`));
  assert.equal(await page.locator('#programme-stale').count(), 0, 'an added programme is not stale');
  await page.locator('#run-button').click();
  await page.locator('#tab-results').click();
  await waitForRunEnd(page);
  await page.locator('#open-briefing').click();
  await page.locator('#briefing').waitFor();
  await page.waitForFunction(() => !document.querySelector('#briefing [data-pending]'));
  assert.match(await page.locator('#briefing-verdicts').textContent(), /Optimised programme/);
  await app.close();
});

test('the same programme with one worker as with two', async () => {
  const figures = [];
  for (const workers of [1, 2]) {
    const app = await session.openApp(`/?workers=${workers}`);
    await waitForWorkerReady(app.page);
    await openScenario(app.page, programmeScenario());
    await optimise(app.page);
    assert.match(await app.page.locator('.analysis-bar[data-analysis="programme"]').textContent(), /took/);
    figures.push(await programmeFigures(app.page));
    await app.close();
  }
  assert.ok(Object.keys(figures[0]).length > 10, 'figures were read');
  assert.deepEqual(figures[1], figures[0]);
});

test('the programme question in the editor: lists, bad text blocks Optimise, the goal in words', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await openScenario(page, programmeScenario());
  await page.locator('#editor-section-programme-toggle').click();
  await page.locator('#tab-programme').click();
  assert.equal(await page.locator('#programme-space-size').getAttribute('data-candidates'), '3');

  const ops = page.locator('#f-programme-space-operations_per_week');
  await ops.fill('1, x');
  const field = page.locator('.field[data-path="programme.space.operations_per_week"]');
  assert.match(await field.locator('.field-error').textContent(), /enter whole numbers from 1 to 50, separated by commas/);
  assert.equal(await page.locator('#optimise').isDisabled(), true);
  assert.match(await page.locator('#optimise-blocked-reason').textContent(), /Operations a week: enter whole numbers/);
  assert.equal(await page.locator('#run-button').isDisabled(), true, 'Run waits too');

  await ops.fill('1, 2, 5, 7');
  await page.waitForFunction(() => document.querySelector('#programme-space-size')?.dataset.candidates === '4');
  assert.equal(await page.locator('#optimise').isDisabled(), false);

  await page.locator('#f-programme-goal-kind').selectOption('cheapest_for_target');
  await page.locator('#f-programme-goal-target-at_least').fill('2.5');
  await page.waitForFunction(() => /at least 2\.50% of carriers/.test(document.querySelector('#programme-goal')?.textContent));

  // Turned off, the question leaves the scenario and Optimise says what to do.
  await page.locator('#programme-enabled').uncheck();
  assert.match(await page.locator('#optimise-blocked-reason').textContent(), /turn on the programme question/);
  await app.close();
});
