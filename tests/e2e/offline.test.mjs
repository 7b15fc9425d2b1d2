// Offline after the first visit (issue 15): the service worker that workbox-build
// generates (scripts/trunk-post-build.mjs) precaches the bundle, so that after one visit
// the app opens and runs with no network, to the same figures; a new build is detected
// and offered, the app keeps working until the planner switches, and the saved library
// survives the switch. Service workers are allowed in these tests only.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { AXE_VERSION, axeViolations, seriousReport } from './axe.mjs';
import { shownFigures, waitForRunEnd } from './figures.mjs';
import { DIST_DIR, PROJECT_ROOT, startSession, waitForWorkerReady } from './helpers.mjs';

const TMP = join(PROJECT_ROOT, 'target', 'e2e');

/** Jackman with few replications, run to the end; resolves to the figures shown. */
async function runJackman(page) {
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  await page.locator('#editor-section-run-toggle').click();
  await page.locator('[data-path="replications"] input').fill('4');
  await page.locator('#run-button').click();
  await waitForRunEnd(page);
  return shownFigures(page);
}

async function waitForOfflineReady(page) {
  await page.locator('#offline-status').filter({ hasText: 'Ready to work offline' }).waitFor();
}

test('the server sends sw.js as JavaScript that no cache holds back, under the policy', async () => {
  const session = await startSession();
  try {
    const response = await fetch(new URL('sw.js', session.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/javascript/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.match(response.headers.get('content-security-policy'), /default-src 'self'/);
    const source = await response.text();
    assert.doesNotMatch(source, /importScripts\s*\(/, 'the workbox runtime is inlined');
    // Every file the app needs is precached, each with a content hash.
    const files = (await readdir(DIST_DIR)).filter((f) => !['_headers', 'sw.js'].includes(f));
    for (const file of files) {
      assert.match(source, new RegExp(`\\{url:"${file.replace(/[.]/g, '\\.')}",revision:"[0-9a-f]{32}"\\}`), file);
    }
  } finally {
    await session.close();
  }
});

test('after one visit the app opens and runs with no network, to the same figures', async () => {
  const session = await startSession({ serviceWorkers: 'allow' });
  try {
    const app = await session.openApp();
    const { page } = app;
    await waitForWorkerReady(page);
    await waitForOfflineReady(page);
    const online = await runJackman(page);
    assert.ok(Object.keys(online).length > 20, 'figures shown');

    // No network, and no server either: whatever the app needs now must come from
    // what the service worker keeps.
    await session.context.setOffline(true);
    await session.stopServer();
    await assert.rejects(fetch(session.url), 'the server is gone');
    await page.reload({ waitUntil: 'load' });
    await waitForWorkerReady(page);
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the page came from the service worker');
    const offline = await runJackman(page);
    assert.deepEqual(offline, online);
    await app.screenshot('offline-run');
    await session.context.setOffline(false);
    await app.close();
  } finally {
    await session.close();
  }
});

test('a new build is offered, the app keeps working until the planner switches, and the library survives', async () => {
  // A copy of the bundle that the test can change under the running app.
  const root = await mkdtemp(join(TMP, 'offline-dist-'));
  await cp(DIST_DIR, root, { recursive: true });
  const session = await startSession({ root, serviceWorkers: 'allow' });
  try {
    const app = await session.openApp();
    const { page } = app;
    await waitForWorkerReady(page);
    await waitForOfflineReady(page);
    assert.equal(await page.locator('#update-notice').count(), 0, 'no new version yet');

    // Something kept in the library before the update.
    await page.locator('#library summary').click();
    await page.locator('#library-name').fill('Kept across the update');
    await page.locator('#library-save').click();
    await page.locator('.library__entry').filter({ hasText: 'Kept across the update' }).waitFor();

    // A new build: a precached file changes, and the same script writes the new
    // service worker (new revisions).
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const newTitle = 'Egress (new build) — outbound inspection planner';
    await writeFile(join(root, 'index.html'), html.replace(/<title>[^<]*<\/title>/, `<title>${newTitle}</title>`));
    execFileSync('node', [join(PROJECT_ROOT, 'scripts', 'trunk-post-build.mjs'), root], { stdio: 'pipe' });

    // The next visit finds it; the page in hand is still the old build, and says so.
    await page.reload({ waitUntil: 'load' });
    await waitForWorkerReady(page);
    await page.locator('#update-notice').filter({ hasText: 'A new version is ready' }).waitFor();
    assert.notEqual(await page.title(), newTitle, 'no silent swap');
    const report = seriousReport(await axeViolations(page));
    assert.equal(report, '', `axe-core ${AXE_VERSION}, with the new-version notice:\n${report}`);

    // The app keeps working meanwhile, and the switch waits for a run to end.
    await page.locator('#preset-picker').selectOption('national');
    await page.locator('#editor-status.editor__status--ok').waitFor();
    await page.locator('#run-button').click();
    await page.locator('#cancel-button').waitFor();
    assert.equal(await page.locator('#update-switch').isDisabled(), true, 'no switch mid-run');
    await page.locator('#update-deferred').waitFor();
    await page.locator('#cancel-button').click();
    await page.waitForFunction(() => document.querySelector('#update-switch')?.disabled === false);
    assert.notEqual(await page.title(), newTitle);

    // Nothing unsaved to lose (leaving would ask): back to a saved scenario, then switch.
    await page.locator('#library summary').click();
    if ((await page.locator('#library').getAttribute('open')) === null) await page.locator('#library summary').click();
    await page.locator('.library__entry').filter({ hasText: 'Kept across the update' }).locator('[data-action="open"]').click();
    await Promise.all([page.waitForEvent('load'), page.locator('#update-switch').click()]);
    await page.waitForFunction((title) => document.title === title, newTitle);
    await waitForWorkerReady(page);
    await page.locator('#offline-status').waitFor();
    assert.equal(await page.locator('#update-notice').count(), 0);
    await page.locator('#library summary').click();
    await page.locator('.library__entry').filter({ hasText: 'Kept across the update' }).waitFor();
    await app.close();
  } finally {
    await session.close();
    await rm(root, { recursive: true, force: true });
  }
});
