// The briefing: after a run, a print-ready page with the question, a verdict per
// strategy, the comparison table, the key charts, the assumptions and sources, the run's
// seed and size and the share link; printed to PDF on Letter and A4.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { waitForRunEnd } from './figures.mjs';
import { SCREENSHOT_DIR, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** Pages of a PDF: `/Type /Page` objects (not `/Pages`). */
function pdfPages(bytes) {
  const text = bytes.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

test('the briefing presents the run and prints on Letter and A4', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  assert.equal(await page.locator('#open-briefing').isDisabled(), true, 'no briefing before a run');
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#run-button').click();
  await waitForRunEnd(page);

  await page.locator('#open-briefing').click();
  const briefing = page.locator('#briefing');
  await briefing.waitFor();
  assert.equal(await page.locator('#scenario-editor, .workspace').count(), 0, 'the workspace is replaced');
  // The comparison table draws its groups in tasks of their own.
  await page.waitForFunction(() => !document.querySelector('#briefing [data-pending]'));

  const title = (await page.locator('#briefing-title').textContent()).trim();
  assert.match(title, /Jackman/);
  const question = (await page.locator('#briefing-question').textContent()).trim();
  assert.ok(question.length > 10, `a question: ${question}`);
  assert.doesNotMatch(question, /No question/);

  const verdicts = await page.locator('#briefing-verdicts .briefing__verdict').allTextContents();
  assert.equal(verdicts.length, 5, 'one verdict per strategy');
  assert.match(verdicts[0], /\(baseline\): detects/);
  for (const line of verdicts.slice(1)) assert.match(line, /detects .* against .*a year/);

  assert.ok((await page.locator('#briefing #kpi-table tbody tr').count()) > 5, 'the comparison table');
  for (const id of ['briefing-chart-detection', 'briefing-chart-pareto', 'briefing-chart-outcomes']) {
    assert.equal(await page.locator(`#${id} svg.chart__svg`).count(), 1, id);
  }

  const assumptions = await page.locator('#briefing-assumptions').textContent();
  for (const label of ['Prevalence', 'Outbound factor', 'Annual inbound volume']) {
    assert.ok(assumptions.includes(label), `${label} is listed`);
  }
  assert.match(assumptions, /In this scenario: threat\.contraband\.\w+\.prevalence_per_100k = /);

  assert.match(await page.locator('#briefing-seed').textContent(), /^\d+$/);
  assert.match(await page.locator('#briefing-replications').textContent(), /^\d+$/);
  assert.match(await page.locator('#briefing-horizon').textContent(), /^\d+ days$/);
  const link = (await page.locator('#briefing-link').textContent()).trim();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/.*#s=/);
  assert.match(await page.locator('.briefing__footer').textContent(), /Egress v\d+\.\d+/);

  // No editor controls in the briefing (chart download buttons are the only buttons).
  assert.equal(await briefing.locator('input, select, textarea').count(), 0);
  assert.equal(await briefing.locator('button:not(.chart__download)').count(), 0);
  assert.equal(await page.locator('#print-briefing').isVisible(), true);

  // Print layout: no header, toolbar or buttons; black on white.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print-briefing').isVisible(), false);
  assert.equal(await page.locator('#close-briefing').isVisible(), false);
  assert.equal(await page.locator('#run-button').isVisible(), false);
  assert.equal(await page.locator('.chart__download').first().isVisible(), false);
  const colors = await page.evaluate(() => ({
    text: getComputedStyle(document.querySelector('#briefing')).color,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  assert.equal(colors.text, 'rgb(0, 0, 0)');
  assert.equal(colors.background, 'rgb(255, 255, 255)');
  await app.screenshot('briefing');

  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const [format, name] of [
    ['Letter', 'briefing-letter.pdf'],
    ['A4', 'briefing-a4.pdf'],
  ]) {
    const pdf = await page.pdf({ format, printBackground: true });
    await writeFile(join(SCREENSHOT_DIR, name), pdf);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', `${name} is a PDF`);
    assert.ok(pdf.length > 20_000, `${name} has content (${pdf.length} bytes)`);
    const pages = pdfPages(pdf);
    assert.ok(pages >= 1 && pages <= 6, `${name}: ${pages} pages`);
  }
  await page.emulateMedia({ media: 'screen' });

  // Back to the planner, results still there.
  await page.locator('#close-briefing').click();
  await page.locator('#results-root').waitFor();
  assert.equal(await page.locator('#briefing').count(), 0);
  await app.close();
});
