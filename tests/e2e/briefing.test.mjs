// The briefing: after a run, a print-ready page with the question, a verdict per
// strategy, the comparison table, the key charts, the assumptions and sources, the run's
// seed and size and the share link; printed to PDF on Letter and A4.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { egress, waitForRunEnd } from './figures.mjs';
import { SCREENSHOT_DIR, startSession, waitForWorkerReady } from './helpers.mjs';
import { pdfInfo, pdfPageTexts, renderPdfPage } from './pdf.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

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
  const description = (await page.locator('#briefing-description').textContent()).trim();
  assert.match(description, /Maine/);
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
  // In the editor's words and units: labels, not field paths; percentages, not fractions.
  assert.match(assumptions, /In this scenario: Threat › contraband › \w+ › prevalence per 100,000 buses \d[^;]* personal vehicles \d/);
  assert.match(assumptions, /Threat › contraband › \w+ › concealment › moderate 50%/);
  assert.match(assumptions, /Carriers who adapt 30%/);
  const values = (await page.locator('#briefing-assumptions .briefing-provenance__values').allTextContents()).join('\n');
  const raw = /[a-z]\.[a-z]|[a-z]_[a-z]| = /;
  assert.doesNotMatch(values, raw, `no field paths: ${values.match(new RegExp(`.{0,60}(${raw.source}).{0,20}`))?.[0]}`);

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

  // What a reader of the PDF gets: the same content, as text, on Letter and on A4, with
  // no control of the app; page 1 drawn as an image (looked at; measured for ink).
  const verdictTexts = await page.locator('#briefing-verdicts .briefing__verdict-text').allTextContents();
  const seed = (await page.locator('#briefing-seed').textContent()).trim();
  const squash = (text) => text.replace(/\s+/g, ' ').trim();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const [format, name, size] of [
    ['Letter', 'briefing-letter', [612, 792]],
    ['A4', 'briefing-a4', [595.28, 841.89]],
  ]) {
    const file = join(SCREENSHOT_DIR, `${name}.pdf`);
    const pdf = await page.pdf({ format, printBackground: true });
    await writeFile(file, pdf);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', `${name} is a PDF`);

    const info = await pdfInfo(file);
    assert.ok(info.pages >= 1 && info.pages <= 6, `${name}: ${info.pages} pages (a briefing, not a report)`);
    assert.ok(Math.abs(info.width - size[0]) < 2 && Math.abs(info.height - size[1]) < 2, `${name} page size ${info.width} x ${info.height}`);

    const pages = await pdfPageTexts(file);
    assert.equal(pages.length, info.pages, 'every page has text');
    const text = squash(pages.join(' '));
    const first = squash(pages[0]);
    assert.ok(first.includes(squash(title)), `${name}: page 1 has the title`);
    assert.ok(first.includes(squash(description)), `${name}: page 1 has the description`);
    assert.ok(first.includes('The question') && first.includes(squash(question)), `${name}: page 1 asks the question`);
    assert.ok(first.includes('Verdict per strategy'), `${name}: page 1 has the verdicts`);
    for (const verdict of verdictTexts) assert.ok(first.includes(squash(verdict)), `${name}: page 1 says "${verdict}"`);
    for (const heading of [
      'Comparison (per year, 95% intervals)',
      'Detection rate',
      'Budget per year',
      'Key charts',
      'Detection rate by strategy',
      'Detection against budget',
      'What happened to the carriers',
      'Assumptions and sources',
      'Prevalence',
      'BTS Border Crossing Entry Data',
      'The run',
    ]) {
      assert.ok(text.includes(heading), `${name}: "${heading}"`);
    }
    assert.match(text, new RegExp(`Seed ${seed}\\b`), `${name}: the seed`);
    // The link wraps across lines in print; without the line breaks it is whole.
    assert.ok(pages.join('').replace(/\s+/g, '').includes(link), `${name}: the share link, whole`);
    assert.match(text, /Egress v\d+\.\d+/);
    for (const control of ['Back to the planner', 'Print', 'Run', 'Copy link', 'SVG', 'PNG']) {
      assert.doesNotMatch(text, new RegExp(`\\b${control}\\b`), `${name}: no "${control}" control`);
    }

    const drawn = await renderPdfPage(file, 1, join(SCREENSHOT_DIR, `${name}-page1`));
    assert.ok(drawn.width > 0 && drawn.height > drawn.width, `${name}: a portrait page`);
    // Text and tables on white: some ink, mostly paper.
    assert.ok(drawn.ink > 0.01 && drawn.ink < 0.3, `${name} page 1 ink share ${drawn.ink.toFixed(3)}`);
  }
  await page.emulateMedia({ media: 'screen' });

  // Back to the planner, results still there.
  await page.locator('#close-briefing').click();
  await page.locator('#results-root').waitFor();
  assert.equal(await page.locator('#briefing').count(), 0);
  await app.close();
});

test('with eight strategies the printed comparison splits, every column on the page', async () => {
  const scenario = JSON.parse(egress('preset', 'jackman'));
  scenario.replications = 4;
  while (scenario.strategies.length < 8) {
    const copy = structuredClone(scenario.strategies[1]);
    copy.name = `Weekly, variant ${scenario.strategies.length} with a longer name`;
    scenario.strategies.push(copy);
  }
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#open-file').setInputFiles({
    name: 'eight.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page.locator('#notice').filter({ hasText: 'Opened "eight.json"' }).waitFor();
  await page.locator('#run-button').click();
  await waitForRunEnd(page);
  await page.locator('#open-briefing').click();
  await page.locator('#briefing').waitFor();
  await page.waitForFunction(() => !document.querySelector('#briefing [data-pending]'));

  const columns = (id) =>
    page.locator(`#${id} thead th.kpi__strategy`).evaluateAll((ths) => ths.map((th) => th.dataset.strategy));
  assert.deepEqual(await columns('kpi-table'), ['0', '1', '2', '3', '4']);
  assert.deepEqual(await columns('kpi-table-2'), ['0', '5', '6', '7'], 'the rest, after the baseline again');
  assert.match(await page.locator('.briefing__subheading').textContent(), /strategies F to H, with the baseline \(A\)/);

  // On paper nothing scrolls: each table fits the width of the page's content.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 720, height: 1000 });
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('#briefing table.kpi')].map((t) => {
      const box = t.getBoundingClientRect();
      const page = document.querySelector('#briefing').getBoundingClientRect();
      return { id: t.id, right: Math.round(box.right), limit: Math.round(page.right) };
    }),
  );
  assert.equal(overflow.length, 2);
  for (const { id, right, limit } of overflow) assert.ok(right <= limit, `${id} ends at ${right} px, the page at ${limit} px`);

  const file = join(SCREENSHOT_DIR, 'briefing-eight-strategies.pdf');
  await writeFile(file, await page.pdf({ format: 'Letter', printBackground: true }));
  const text = (await pdfPageTexts(file)).join(' ').replace(/\s+/g, ' ');
  assert.ok(text.includes('Continued: strategies F to H'));
  for (const k of [5, 6, 7]) assert.ok(text.includes(`variant ${k} with a longer`), `strategy ${k} is printed`);
  await app.close();
});
