// "How sure are we?" in the browser: calibrate the national preset to the shipped
// record, cancel an analysis, run a sensitivity analysis on San Ysidro, run robustness,
// re-base on the record and undo it, and print the briefing with the new section.
// Scenarios are shrunk through the editor (a short horizon, few replications) so each
// analysis is small; nothing here times anything.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { AXE_VERSION, axeViolations, seriousReport } from './axe.mjs';
import { waitForRunEnd } from './figures.mjs';
import { SCREENSHOT_DIR, startSession, waitForWorkerReady } from './helpers.mjs';
import { pdfPageTexts } from './pdf.mjs';

const ANALYSIS_TIMEOUT = 900_000;
// Calibration has two stages, the first of 2 units: with two workers, one worker can
// finish the first stage before the other has answered its Prepare. That late answer
// must be dropped as stale (each stage has its own message id), not checked against the
// second stage's fingerprint, which failed the analysis ("a worker built another
// experiment"). Two workers, so the race stays tested.
const CALIBRATING = '?workers=2';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function openSection(page, slug) {
  const toggle = page.locator(`#editor-section-${slug}-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`#editor-section-${slug}-body`).waitFor({ state: 'visible' });
}

/** Shrinks the scenario on screen through the editor: horizon and replications. */
async function shrink(page, { days, replications }) {
  await openSection(page, 'run');
  await page.locator('#f-horizon_days').fill(String(days));
  await page.locator('#f-replications').fill(String(replications));
  await page.locator('#editor-status.editor__status--ok').waitFor();
}

/** Picks a shipped seizure record in the editor. */
async function pickRecord(page, id) {
  await openSection(page, 'assurance');
  await page.locator('#record-preset').selectOption(id);
  await page.locator('#record-editor [data-path="record.label"]').waitFor();
}

async function showAssurance(page) {
  await page.locator('#tab-assurance').click();
  await page.locator('#assurance-view').waitFor();
}

/** Starts analysis `kind` and waits for it to end; it must be done, not failed. */
async function analyse(page, kind) {
  await page.locator(`#analyse-${kind}`).click();
  const ended = page.locator(
    ['done', 'failed', 'cancelled'].map((s) => `.analysis-bar[data-analysis="${kind}"][data-state="${s}"]`).join(', '),
  );
  await ended.waitFor({ timeout: ANALYSIS_TIMEOUT });
  assert.equal(await ended.getAttribute('data-state'), 'done', await ended.textContent());
}

async function robustnessShares(page) {
  return page
    .locator('#robustness-table td[data-share]')
    .evaluateAll((cells) => cells.map((c) => `${c.closest('tr').dataset.strategy}:${c.dataset.criterion}=${c.dataset.share}`));
}

test('calibration of the national preset to the shipped record, with its explanations', async () => {
  const app = await session.openApp(CALIBRATING);
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('national');
  await shrink(page, { days: 7, replications: 2 });
  await pickRecord(page, 'oig-fy2018-22');
  // A bad figure gets its field message, and blocks the analysis until fixed.
  await page.locator('#record-preset').selectOption('own');
  const amount = page.locator('[data-path="record.entries[0].amount_per_year"]');
  await amount.locator('input').fill('-5');
  await amount.locator('.field-error').filter({ hasText: 'a year, 0 or more' }).waitFor();
  const first = page.locator('[data-path="record.entries[0].first_year"]');
  await first.locator('input').fill('1890');
  await first.locator('.field-error').filter({ hasText: 'from 1990 to 2030' }).waitFor();
  await amount.locator('input').fill('abc');
  await amount.locator('.field-error').filter({ hasText: /enter a number/ }).waitFor();
  await pickRecord(page, 'oig-fy2018-22');
  await page.locator('#editor-status.editor__status--ok').waitFor();

  await showAssurance(page);
  await analyse(page, 'calibration');
  const result = page.locator('#calibration-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-record'), 'OIG FY2018–22');
  const rows = page.locator('#calibration-table tbody tr');
  assert.equal(await rows.count(), 2, 'firearms and currency');
  const firearms = page.locator('#calibration-table tr[data-contraband="firearms"]');
  const multiplier = Number(await firearms.getAttribute('data-multiplier'));
  assert.ok(Number.isFinite(multiplier) && multiplier > 0, `a firearms multiplier: ${multiplier}`);
  const text = await firearms.textContent();
  assert.match(text, /×[\d.,]+ \(95% interval ×[\d.,]+ to ×[\d.,]+\)/);
  assert.match(text, /Poisson/, 'the statistical model is stated');
  // The other explanations of the same record, each with its verdict.
  assert.ok((await page.locator('[data-explanation]').count()) >= 2, 'alternative explanations');
  assert.match(await page.locator('#calibration-verdicts').textContent(), /most|verdict/i);
  await app.screenshot('assurance-calibration');
  await app.close();
});

test('sensitivity on San Ysidro, a cancelled analysis, robustness, re-base and undo, and the briefing', async () => {
  const app = await session.openApp(CALIBRATING);
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('san-ysidro');
  await shrink(page, { days: 14, replications: 2 });
  await pickRecord(page, 'oig-fy2018-22');
  await page.locator('#f-assurance-worlds').fill('8');
  await page.locator('#f-assurance-replications_per_world').fill('1');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  await showAssurance(page);

  // Cancelled as soon as it starts: the bar says so, and nothing was decided.
  await page.locator('#analyse-sensitivity').click();
  await page.locator('.analysis-bar[data-analysis="sensitivity"][data-state="running"]').waitFor();
  await page.locator('.analysis-bar[data-analysis="sensitivity"] .analysis-bar__cancel').click();
  const cancelled = page.locator('.analysis-bar[data-analysis="sensitivity"][data-state="cancelled"]');
  await cancelled.waitFor();
  assert.match(await cancelled.textContent(), /cancelled/);
  assert.equal(await page.locator('#sensitivity-result').count(), 0);

  // Sensitivity: a tornado of planner-named assumptions, widest swing first.
  await analyse(page, 'sensitivity');
  const tornado = page.locator('#tornado svg.tornado');
  await tornado.waitFor();
  const rows = page.locator('#tornado .tornado__row');
  assert.ok((await rows.count()) >= 5, 'several assumptions');
  const swings = await rows.evaluateAll((gs) => gs.map((g) => Math.abs(Number(g.dataset.swing))));
  for (let i = 1; i < swings.length; i += 1) assert.ok(swings[i] <= swings[i - 1], 'sorted by swing');
  const labels = await page.locator('#tornado .tornado__row .chart__label').allTextContents();
  assert.ok(labels.every((l) => !/[a-z]_[a-z]/.test(l)), `planner names, not ids: ${labels.slice(0, 3)}`);
  const topAssumption = labels[0].replace(/ ⇄$/, '').replace(/…$/, '').trim();
  // A flipping assumption is marked in words, not by colour alone.
  for (const row of await rows.all()) {
    if ((await row.getAttribute('data-flips')) === 'true') {
      assert.match(await row.locator('.chart__label').textContent(), /⇄/);
    }
  }
  await page.locator('#tornado-pick').selectOption({ index: 0 });
  await page.locator('#tornado svg.tornado').waitFor();
  await app.screenshot('assurance-tornado');

  // Robustness: wins in X% of plausible worlds, and bands on the results' charts.
  await analyse(page, 'robustness');
  const shares = await robustnessShares(page);
  assert.ok(shares.length >= 2, 'shares per strategy and criterion');
  // The wide shares table scrolls in its frame; it never widens the page.
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px window`);
  const byCriterion = {};
  for (const s of shares) {
    const [, criterion, value] = /:(\w+)=(.*)$/.exec(s);
    byCriterion[criterion] = (byCriterion[criterion] ?? 0) + Number(value);
  }
  for (const [criterion, total] of Object.entries(byCriterion)) {
    assert.ok(total <= 1 + 1e-9, `${criterion}: shares of worlds add up to at most 1 (${total})`);
  }
  // The results tab is mounted only while chosen: the run is watched there.
  await page.locator('#tab-results').click();
  await page.locator('#run-button').click();
  await waitForRunEnd(page);
  await page.locator('#chart-detection .chart-band').first().waitFor();
  await page.locator('#chart-pareto .pareto__band').first().waitFor();
  await showAssurance(page);

  // Calibrate, then re-base on the record and undo it from the notice.
  await analyse(page, 'calibration');
  // Every view of the tab (three results) and the editor's record section: no serious
  // or critical accessibility violation.
  const report = seriousReport(await axeViolations(page));
  assert.equal(report, '', `axe-core ${AXE_VERSION}, the "How sure are we?" tab:\n${report}`);
  const before = await page.locator('#calibration-table tr[data-contraband="currency"]').getAttribute('data-multiplier');
  await page.locator('#rebase').click();
  const notice = page.locator('#notice').filter({ hasText: 'Prevalence re-based on the OIG FY2018–22 record' });
  await notice.waitFor();
  await page.locator('#calibration-result[data-stale="true"]').waitFor();
  assert.equal(await page.locator('#rebase').isDisabled(), true, 'no second re-base on a stale calibration');
  await openSection(page, 'threat');
  const badge = page.locator('#prevalence-table .prov--calibrated');
  await badge.waitFor();
  assert.match(await badge.locator('.prov__badge').getAttribute('title'), /calibrated to OIG FY2018–22 record \((currency|firearms) ×/);
  await page.locator('#notice-undo').click();
  await page.locator('#calibration-result[data-stale="false"]').waitFor();
  assert.equal(await page.locator('#prevalence-table .prov--calibrated').count(), 0, 'the provenance went with the undo');
  assert.equal(
    await page.locator('#calibration-table tr[data-contraband="currency"]').getAttribute('data-multiplier'),
    before,
  );

  // The briefing has the section; printed, its text says the record and an assumption.
  await page.locator('#open-briefing').click();
  const section = page.locator('#briefing-assurance');
  await section.waitFor();
  assert.match(await section.textContent(), /How sure are we\?/);
  await page.emulateMedia({ media: 'print' });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, 'briefing-assurance.pdf');
  await writeFile(file, await page.pdf({ format: 'Letter', printBackground: true }));
  const pages = (await pdfPageTexts(file)).map((p) => p.replace(/\s+/g, ' '));
  const onPage = pages.findIndex((p) => p.includes('How sure are we?'));
  assert.ok(onPage >= 0, 'the PDF has the section');
  const sectionPage = pages[onPage];
  assert.ok(sectionPage.includes('Calibrated to the OIG FY2018–22 record'), 'with the calibration');
  assert.match(sectionPage, /prevalence multiplier ×/);
  assert.ok(sectionPage.includes(topAssumption.slice(0, 20)), `with the top assumption "${topAssumption}"`);
  assert.ok(sectionPage.includes('Wins across 8 plausible worlds'), 'the robustness shares, on the same page');
  await page.emulateMedia({ media: 'screen' });
  await app.close();
});

test('robustness shares are the same with one worker and with two', async () => {
  const byWorkers = {};
  for (const workers of [1, 2]) {
    const app = await session.openApp(`?workers=${workers}`);
    const { page } = app;
    await waitForWorkerReady(page);
    await page.locator('#preset-picker').selectOption('jackman');
    await shrink(page, { days: 14, replications: 2 });
    await openSection(page, 'assurance');
    await page.locator('#f-assurance-worlds').fill('8');
    await page.locator('#f-assurance-replications_per_world').fill('2');
    await page.locator('#editor-status.editor__status--ok').waitFor();
    await showAssurance(page);
    await analyse(page, 'robustness');
    byWorkers[workers] = {
      shares: await robustnessShares(page),
      bands: await page.locator('#robustness-table td[data-median]').evaluateAll((c) => c.map((x) => x.dataset.median)),
    };
    await app.close();
  }
  assert.ok(byWorkers[1].shares.length > 0);
  assert.deepEqual(byWorkers[1], byWorkers[2]);
});
