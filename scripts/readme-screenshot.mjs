// Regenerates the README's screenshot (docs/results.png): the San Ysidro preset run to
// the end in the release bundle, the page's first screen at 1440 × 900.
//
//   node scripts/readme-screenshot.mjs [DIST]      (DIST defaults to dist/)

import { join, resolve } from 'node:path';

import { waitForRunEnd } from '../tests/e2e/figures.mjs';
import { PROJECT_ROOT, startSession, waitForWorkerReady } from '../tests/e2e/helpers.mjs';

const root = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'dist'));
const session = await startSession({ root });
try {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('san-ysidro');
  await page.locator('#run-button').click();
  await waitForRunEnd(page);
  await page.screenshot({ path: join(PROJECT_ROOT, 'docs', 'results.png') });
  await app.close();
} finally {
  await session.close();
}
