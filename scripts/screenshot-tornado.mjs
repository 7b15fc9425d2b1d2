// Regenerates the README's tornado screenshot (docs/tornado.png): a sensitivity analysis
// of the San Ysidro preset (every assumption low and high, shortened to 8 weeks × 4
// replications so it runs in minutes), the tornado of the first paired difference.
//
//   node scripts/screenshot-tornado.mjs [DIST]      (DIST defaults to dist/)

import { join, resolve } from 'node:path';

import { PROJECT_ROOT, startSession, waitForWorkerReady } from '../tests/e2e/helpers.mjs';

const root = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'dist'));
const session = await startSession({ root });
try {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('san-ysidro');
  const toggle = page.locator('#editor-section-run-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#f-horizon_days').fill('56');
  await page.locator('#f-replications').fill('4');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  await page.locator('#tab-assurance').click();
  await page.locator('#analyse-sensitivity').click();
  await page
    .locator('.analysis-bar[data-analysis="sensitivity"][data-state="done"]')
    .waitFor({ timeout: 1_800_000 });
  const tornado = page.locator('#tornado');
  await tornado.scrollIntoViewIfNeeded();
  await tornado.screenshot({ path: join(PROJECT_ROOT, 'docs', 'tornado.png') });
  await app.close();
} finally {
  await session.close();
}
