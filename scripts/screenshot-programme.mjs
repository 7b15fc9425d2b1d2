// The README's picture of the programme view (docs/programme.png): San Ysidro, the
// programme question turned on in the editor (the cheapest plan that detects a share of
// carriers: the minimum frequency), optimised in headless Chromium over the release
// bundle (dist/; `make dist` builds it).
//
//   node scripts/screenshot-programme.mjs [--target PERCENT] [--horizon DAYS] [--out FILE]

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { PROJECT_ROOT, download, startSession, waitForWorkerReady } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const TARGET = Number(option('--target', '1')) / 100;
const HORIZON = Number(option('--horizon', '91'));
const OUT = option('--out', join(PROJECT_ROOT, 'docs', 'programme.png'));

const session = await startSession();
try {
  const app = await session.openApp('/?workers=2');
  const { page } = app;
  page.setDefaultTimeout(1_800_000);
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('san-ysidro');
  // The preset as the page writes it, with a shorter horizon so the picture is quick to make.
  const scenario = JSON.parse((await download(page, '#download-json')).text);
  scenario.horizon_days = HORIZON;
  scenario.name = `${scenario.name}: the minimum frequency for ${(TARGET * 100).toFixed(1)}%`;
  await page.locator('#open-file').setInputFiles({
    name: 'san-ysidro-programme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page.waitForFunction((name) => document.querySelector('#f-name')?.value === name, scenario.name);
  // The question as a planner asks it: turned on in the editor, the target typed in.
  await page.locator('#editor-section-strategies-toggle').click();
  await page.locator('#editor-section-programme-toggle').click();
  await page.locator('#programme-enabled').check();
  const target = page.locator('#f-programme-goal-target-at_least');
  await target.fill(String(TARGET * 100));
  await target.blur();
  await page.locator('#tab-programme').click();
  await page.waitForFunction(() => document.querySelector('#optimise')?.disabled === false);
  await page.locator('#optimise').click();
  await page.waitForFunction(
    () => ['done', 'failed', 'cancelled'].includes(document.querySelector('.analysis-bar[data-analysis="programme"]')?.dataset.state),
    null,
    { polling: 500 },
  );
  await page.locator('#notice button').first().click().catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await mkdir(dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`wrote ${OUT}: ${await page.locator('#programme-headline').textContent().catch(() => 'no result')}`);
  await app.close();
} finally {
  await session.close();
}
