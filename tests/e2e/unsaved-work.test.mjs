// Edited work is not lost without warning (issue 11, item 4): a preset, a link or a file
// that replaces a scenario with unsaved edits leaves an Undo in the notice, and leaving
// the page with unsaved edits asks first. Nothing is asked once the work is saved.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { egress } from './figures.mjs';
import { download, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function editName(page, name) {
  // A click first: browsers ask before leaving only a page the planner has used.
  await page.locator('#f-name').click();
  await page.locator('#f-name').fill(name);
}

test('a preset, a file or a link that replaces edited work can be undone from the notice', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);

  // No edits: switching presets replaces nothing of value and offers no undo.
  await page.locator('#preset-picker').selectOption('jackman');
  await page.waitForFunction(() => /Jackman/.test(document.querySelector('#f-name')?.value));
  assert.equal(await page.locator('#notice-undo').count(), 0);

  // Edited, then a preset: Undo brings the edits back.
  await editName(page, 'Jackman, the planner’s version');
  await page.locator('#preset-picker').selectOption('san-ysidro');
  const notice = page.locator('#notice');
  await notice.filter({ hasText: 'Your unsaved edits to “Jackman, the planner’s version” were replaced' }).waitFor();
  assert.match(await page.locator('#f-name').inputValue(), /San Ysidro/);
  await app.screenshot('unsaved-undo-notice');
  await page.locator('#notice-undo').click();
  await notice.filter({ hasText: 'Brought back “Jackman, the planner’s version”' }).waitFor();
  assert.equal(await page.locator('#f-name').inputValue(), 'Jackman, the planner’s version');
  assert.equal(await page.locator('#preset-picker').inputValue(), 'jackman');

  // A file over edited work: the file's notice, plus the undo.
  const file = JSON.parse(egress('preset', 'san-ysidro'));
  file.name = 'From a colleague';
  await page.locator('#open-file').setInputFiles({
    name: 'colleague.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await notice.filter({ hasText: 'Opened "colleague.json".' }).filter({ hasText: 'were replaced' }).waitFor();
  assert.equal(await page.locator('#f-name').inputValue(), 'From a colleague');
  await page.locator('#notice-undo').click();
  await notice.filter({ hasText: 'Brought back' }).waitFor();
  assert.equal(await page.locator('#f-name').inputValue(), 'Jackman, the planner’s version');

  // A link opened over edited work (the fragment changes in place).
  await page.locator('#copy-link').click();
  await notice.filter({ hasText: 'Link copied' }).waitFor();
  const link = await page.locator('#share-link').inputValue();
  await editName(page, 'Jackman, edited again');
  await page.evaluate((hash) => {
    location.hash = hash;
  }, link.slice(link.indexOf('#')));
  await notice.filter({ hasText: 'Opened the scenario from the shared link' }).filter({ hasText: 'were replaced' }).waitFor();
  assert.equal(await page.locator('#f-name').inputValue(), 'Jackman, the planner’s version');
  await page.locator('#notice-undo').click();
  await notice.filter({ hasText: 'Brought back “Jackman, edited again”' }).waitFor();
  assert.equal(await page.locator('#f-name').inputValue(), 'Jackman, edited again');
  await app.close();
});

test('leaving the page with unsaved edits asks first; saved work leaves freely', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await editName(page, 'Not saved yet');

  // Closing asks; staying keeps the edits.
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.dismiss();
  assert.equal(page.isClosed(), false);
  assert.equal(await page.locator('#f-name').inputValue(), 'Not saved yet');

  // Saved as a file: leaving asks nothing (saving in the library counts too, see
  // library-safety.test.mjs).
  const file = await download(page, '#download-json');
  assert.equal(JSON.parse(file.text).name, 'Not saved yet');
  let askedAgain = false;
  page.on('dialog', async (d) => {
    askedAgain = true;
    await d.accept();
  });
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  assert.equal(askedAgain, false, 'no question once saved');
  app.check();
});
