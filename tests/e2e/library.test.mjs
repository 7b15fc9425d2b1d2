// Saved scenarios: save, reload, reopen, rename, duplicate, delete; unreadable storage
// is reported and set aside, and the app keeps working.

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

const entries = (page) => page.locator('#library .library__entry');

test('a saved scenario survives a reload and opens again', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#library summary').click();
  await page.locator('#library-name').fill('Jackman for the workgroup');
  await page.locator('#library-save').click();
  await page.locator('#notice').filter({ hasText: 'Saved "Jackman for the workgroup"' }).waitFor();
  assert.equal(await entries(page).count(), 1);

  // Another preset, then reload: the library is still there and opens the scenario.
  await page.locator('#preset-picker').selectOption('san-ysidro');
  await page.reload({ waitUntil: 'load' });
  await waitForWorkerReady(page);
  await page.locator('#library summary').click();
  assert.equal(await entries(page).count(), 1);
  assert.match(await entries(page).first().textContent(), /Jackman for the workgroup/);
  await entries(page).first().locator('[data-action="open"]').click();
  await page.locator('#notice').filter({ hasText: 'Opened "Jackman for the workgroup"' }).waitFor();
  assert.equal(await page.locator('#preset-picker').inputValue(), '', 'a library scenario is a custom one');

  // Duplicate, rename, delete.
  await entries(page).first().locator('[data-action="duplicate"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#library .library__entry').length === 2);
  assert.match(await entries(page).nth(1).textContent(), /Jackman for the workgroup \(2\)/);
  const second = entries(page).nth(1);
  await second.locator('[data-action="rename"]').click();
  await second.locator('input').fill('Jackman, variant');
  await second.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('#library').textContent.includes('Jackman, variant'));
  await entries(page).nth(1).locator('[data-action="delete"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#library .library__entry').length === 1);
  await app.screenshot('library');
  await app.close();
});

test('corrupted storage is reported and set aside, and the app keeps working', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  // A good library with one foreign entry, then plain garbage.
  const good = await page.evaluate(() => localStorage.getItem('egress.library.v1'));
  assert.ok(good, 'the first test left a library');
  const withForeign = JSON.parse(good);
  withForeign.entries.push({ id: 99, name: 'foreign', scenario: { version: 1, hello: 'world' } });
  await page.evaluate((v) => localStorage.setItem('egress.library.v1', v), JSON.stringify(withForeign));
  await page.reload({ waitUntil: 'load' });
  await page.locator('#notice').filter({ hasText: 'set aside' }).waitFor();
  await page.locator('#library summary').click();
  assert.equal(await entries(page).count(), 1, 'the readable scenario is kept');

  await page.evaluate(() => localStorage.setItem('egress.library.v1', '{"version": 1, "entries": [tru'));
  await page.reload({ waitUntil: 'load' });
  await page.locator('#notice').filter({ hasText: 'set aside' }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('egress.set-aside.')));
  assert.ok(keys.length >= 1, 'the unreadable content was kept under a set-aside key');
  const raws = await page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)).join('\n'), keys);
  assert.match(raws, /entries\\": \[tru|entries": \[tru/, 'the garbage itself was set aside');
  // The app still works: a preset loads and runs.
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  assert.equal(await page.locator('#run-button').isEnabled(), true);
  await app.screenshot('library-corrupted');
  await app.close();
});
