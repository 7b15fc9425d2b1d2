// Saved scenarios are never lost without the planner saying so (issue 11, item 5):
// saving over a name asks first, a delete can be undone, two tabs never wipe each
// other's entries (every change starts from storage as it is, and a change in one tab
// shows in the other), and entries that share an id (corrupted storage) are deleted one
// at a time.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startSession, waitForWorkerReady } from './helpers.mjs';

const KEY = 'egress.library.v1';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

const entries = (page) => page.locator('#library .library__entry');
const names = (page) => entries(page).locator('.library__name').allTextContents();
const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"entries":[]}').entries, KEY);

async function openLibrary(page) {
  await waitForWorkerReady(page);
  if (!(await page.locator('#library').evaluate((d) => d.open))) await page.locator('#library summary').click();
}

async function saveAs(page, name) {
  await page.locator('#library-name').fill(name);
  await page.locator('#library-save').click();
}

async function clearLibrary(page) {
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload({ waitUntil: 'load' });
}

test('saving under a taken name asks before replacing; Keep both leaves the saved one alone', async () => {
  const app = await session.openApp();
  const { page } = app;
  await clearLibrary(page);
  await openLibrary(page);
  await saveAs(page, 'Workgroup plan');
  await page.locator('#notice').filter({ hasText: 'Saved "Workgroup plan"' }).waitFor();
  const first = await stored(page);
  assert.equal(first.length, 1);
  assert.match(first[0].scenario.name, /San Ysidro/);

  // Another scenario under the same name: a question, and nothing is written yet.
  await page.locator('#preset-picker').selectOption('jackman');
  await saveAs(page, 'Workgroup plan');
  await page.locator('#library-confirm').waitFor();
  await app.screenshot('library-confirm-replace');
  assert.match(await page.locator('#library-confirm').textContent(), /“Workgroup plan” is already saved in this browser .*Replace it/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'library-replace', 'focus goes to the question');
  assert.deepEqual(await stored(page), first, 'nothing replaced before the planner answers');
  await page.locator('#library-replace-cancel').click();
  await page.locator('#library-confirm').waitFor({ state: 'detached' });
  assert.deepEqual(await stored(page), first);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'library-name');

  // Asked again and confirmed: replaced, still one entry.
  await saveAs(page, 'Workgroup plan');
  await page.locator('#library-replace').click();
  await page.locator('#notice').filter({ hasText: 'Replaced "Workgroup plan"' }).waitFor();
  const after = await stored(page);
  assert.equal(after.length, 1);
  assert.equal(after[0].id, first[0].id);
  assert.match(after[0].scenario.name, /Jackman/);
  // What is saved is kept: leaving the page asks nothing.
  assert.equal(await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }), false, 'no leave warning for saved work');
  await page.locator('#f-name').fill('Edited after saving');
  assert.equal(await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }), true, 'a leave warning once edited again');
  await app.close();
});

test('a deleted scenario comes back with Undo, in its place', async () => {
  const app = await session.openApp();
  const { page } = app;
  await clearLibrary(page);
  await openLibrary(page);
  for (const name of ['First', 'Second', 'Third']) {
    await saveAs(page, name);
    await page.locator('#notice').filter({ hasText: `Saved "${name}"` }).waitFor();
  }
  assert.deepEqual(await names(page), ['First', 'Second', 'Third']);
  await entries(page).nth(1).locator('[data-action="delete"]').click();
  await page.locator('#library-deleted').filter({ hasText: 'Deleted “Second”' }).waitFor();
  assert.deepEqual(await names(page), ['First', 'Third']);
  assert.equal((await stored(page)).length, 2);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'library-undo-delete');
  await page.locator('#library-undo-delete').click();
  await page.locator('#notice').filter({ hasText: 'Restored "Second"' }).waitFor();
  assert.deepEqual(await names(page), ['First', 'Second', 'Third']);
  assert.deepEqual((await stored(page)).map((e) => e.name), ['First', 'Second', 'Third']);
  await page.locator('#library-deleted').waitFor({ state: 'detached' });
  await app.close();
});

test('two tabs: a save in one shows in the other, and neither wipes what the other saved', async () => {
  const a = await session.openApp();
  await clearLibrary(a.page);
  const b = await session.openApp();
  await openLibrary(a.page);
  await openLibrary(b.page);
  assert.deepEqual(await names(b.page), []);

  // Tab A saves: tab B hears of it through the storage event.
  await saveAs(a.page, 'Saved in tab A');
  await a.page.locator('#notice').filter({ hasText: 'Saved "Saved in tab A"' }).waitFor();
  await b.page.waitForFunction(() => document.querySelector('#library')?.textContent.includes('Saved in tab A'));

  // An entry written behind tab B's back (no event reaches the tab that wrote it, so B
  // still shows the library without it): B's save must start from storage, not from
  // what it shows.
  await b.page.evaluate((key) => {
    const library = JSON.parse(localStorage.getItem(key));
    library.entries.push({ ...library.entries[0], id: 77, name: 'Written meanwhile' });
    localStorage.setItem(key, JSON.stringify(library));
  }, KEY);
  assert.deepEqual(await names(b.page), ['Saved in tab A'], 'tab B has not seen it');
  await b.page.locator('#preset-picker').selectOption('jackman');
  await saveAs(b.page, 'Saved in tab B');
  await b.page.locator('#notice').filter({ hasText: 'Saved "Saved in tab B"' }).waitFor();
  assert.deepEqual(
    (await stored(b.page)).map((e) => e.name),
    ['Saved in tab A', 'Written meanwhile', 'Saved in tab B'],
  );
  assert.deepEqual(await names(b.page), ['Saved in tab A', 'Written meanwhile', 'Saved in tab B']);
  await a.page.waitForFunction(() => document.querySelectorAll('#library .library__entry').length === 3);

  // A delete in tab A shows in tab B.
  await entries(a.page).nth(1).locator('[data-action="delete"]').click();
  await b.page.waitForFunction(() => document.querySelectorAll('#library .library__entry').length === 2);
  assert.deepEqual(await names(b.page), ['Saved in tab A', 'Saved in tab B']);
  await a.screenshot('library-two-tabs');
  await b.close();
  await a.close();
});

test('entries that share an id (corrupted storage) are deleted one at a time', async () => {
  const app = await session.openApp();
  const { page } = app;
  await clearLibrary(page);
  await openLibrary(page);
  await saveAs(page, 'Twin one');
  await page.locator('#notice').filter({ hasText: 'Saved "Twin one"' }).waitFor();
  await page.evaluate((key) => {
    const library = JSON.parse(localStorage.getItem(key));
    library.entries.push({ ...library.entries[0], name: 'Twin two' });
    localStorage.setItem(key, JSON.stringify(library));
  }, KEY);
  const raw = await stored(page);
  assert.equal(raw[0].id, raw[1].id, 'the same id twice');

  await page.reload({ waitUntil: 'load' });
  await openLibrary(page);
  assert.deepEqual(await names(page), ['Twin one', 'Twin two']);
  const ids = await entries(page).evaluateAll((els) => els.map((el) => el.dataset.entryId));
  assert.notEqual(ids[0], ids[1], 'each shown entry has an id of its own');
  await entries(page).first().locator('[data-action="delete"]').click();
  await page.locator('#library-deleted').waitFor();
  assert.deepEqual(await names(page), ['Twin two']);
  assert.deepEqual((await stored(page)).map((e) => e.name), ['Twin two']);
  await app.close();
});
