// What the planner sees is what runs and what is shared (issue 11, items 1 and 2):
// the "Share link" box and the address bar never hold a scenario other than the one on
// screen, a link carries no page options of the sender (?workers=), and a field whose
// text does not parse is a problem like any other — counted, blocking Run and Copy
// link, with the range the core accepts.

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

const field = (page, path) => page.locator(`[data-path="${path}"]`).first();
const input = (page, path) => field(page, path).locator('input').first();

async function copyLink(page) {
  await page.locator('#copy-link').click();
  await page.locator('#notice').filter({ hasText: 'Link copied' }).waitFor();
  return page.locator('#share-link').inputValue();
}

test('the share link box holds the scenario on screen, without the sender page options', async () => {
  const app = await session.openApp('?workers=2');
  const { page } = app;
  await waitForWorkerReady(page);
  const origin = new URL(session.url).origin;

  const first = await copyLink(page);
  assert.ok(first.startsWith(`${origin}/#s=1.`), `a link to the page itself: ${first.slice(0, 60)}`);
  assert.ok(!first.includes('workers'), 'no ?workers= in a shared link');

  // A rename: the box goes, since its link no longer opens what is on screen.
  await page.locator('#f-name').fill('San Ysidro, renamed');
  await page.locator('#share-link').waitFor({ state: 'detached' });
  const renamed = await copyLink(page);
  assert.notEqual(renamed, first);

  // Another preset: the box goes too; a new copy is that preset's link.
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#share-link').waitFor({ state: 'detached' });
  const jackman = await copyLink(page);
  assert.notEqual(jackman, renamed);

  // The link opens Jackman (not San Ysidro) in a fresh page, with the receiver's own
  // page options.
  const receiver = await session.openApp(jackman.slice(jackman.indexOf('#')));
  await receiver.page.locator('#notice').filter({ hasText: 'Opened the scenario from the shared link' }).waitFor();
  assert.match(await receiver.page.locator('#f-name').inputValue(), /Jackman/);

  // Once the receiver edits it, the address bar no longer holds the link: copying the
  // address or reloading must not bring back a scenario that is not on screen.
  assert.match(await receiver.page.evaluate(() => location.hash), /^#s=1\./);
  await receiver.page.locator('#f-name').fill('Jackman, my variant');
  await receiver.page.waitForFunction(() => location.hash === '');
  assert.equal(await receiver.page.evaluate(() => location.pathname), '/');
  await receiver.close();
  await app.close();
});

test('text that does not parse is a problem: counted, blocking Run and Copy link, with the range', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  const teams = 'strategies[0].plan.teams';
  const card = page.locator('.strategy-card[data-strategy-index="0"]');
  if ((await card.locator('.strategy-card__toggle').getAttribute('aria-expanded')) !== 'true') {
    await card.locator('.strategy-card__toggle').click();
  }
  const shown = await input(page, teams).inputValue();

  for (const text of ['abc', '-3', '2.5']) {
    await input(page, teams).fill(text);
    const error = field(page, teams).locator('.field-error');
    await error.waitFor();
    assert.equal((await error.textContent()).replace(/^⚠\s*/, '').trim(), 'enter a whole number from 1 to 50', text);
    assert.equal(await input(page, teams).inputValue(), text, 'what was typed stays');
    await page.locator('#editor-status.editor__status--bad').waitFor();
    assert.match(await page.locator('#editor-status').textContent(), /^1 problem to fix/);
    await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === true);
    assert.match(await page.locator('#run-blocked-reason').textContent(), /Fix 1 problem first: Strategy 1 “[^”]*” › Teams: enter a whole number from 1 to 50/);
    assert.equal(await page.locator('#copy-link').isDisabled(), true, `Copy link is blocked by "${text}"`);
    assert.equal(await page.locator('#editor-section-strategies').getAttribute('data-problems'), '1');
    assert.equal(
      await page.locator(`#editor-section-strategies [data-problem-path="${teams}"]`).count(),
      1,
      'listed with the section problems',
    );
  }
  await app.screenshot('unparsed-field');

  // A problem of the core on top: both are counted.
  await page.locator('#editor-section-run-toggle').click();
  await input(page, 'replications').fill('1');
  await page.waitForFunction(() => /^2 problems/.test(document.querySelector('#editor-status')?.textContent ?? ''));
  await input(page, 'replications').fill('6');
  await page.waitForFunction(() => /^1 problem /.test(document.querySelector('#editor-status')?.textContent ?? ''));

  // Fixed: everything is enabled again and the value typed is the one that runs.
  await input(page, teams).fill('3');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === false);
  assert.equal(await page.locator('#copy-link').isDisabled(), false);
  assert.notEqual(shown, '3');

  // Unparsable text that a preset then replaces is no longer a problem.
  await input(page, teams).fill('x');
  await page.locator('#editor-status.editor__status--bad').waitFor();
  await page.locator('#preset-picker').selectOption('san-ysidro');
  await page.locator('#editor-status.editor__status--ok').waitFor();
  assert.equal(await page.locator('#run-button').isDisabled(), false);
  await app.close();
});

test('decimal fields say their range, and a field that does not parse blocks Download and Save', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  for (const slug of ['threat', 'staffing']) await page.locator(`#editor-section-${slug}-toggle`).click();

  // The range the core checks, in the field's units: a fraction as a percentage,
  // money with its sign, hours as hours.
  const hint = (path) => field(page, path).locator('.field__hint');
  assert.match(await hint('threat.trusted_carrier_share').textContent(), /from 0 to 100%$/);
  assert.match(await hint('costs.basic_hourly_rate').textContent(), /from \$0 to \$1,000 \/ hour$/);
  assert.match(await hint('adversary.wait_hours').textContent(), /from 0\.1 to 168 h \(mean\)$/);

  const errorOf = async (path) =>
    (await field(page, path).locator('.field-error').textContent()).replace(/^⚠\s*/, '').trim();
  await input(page, 'threat.trusted_carrier_share').fill('lots');
  await field(page, 'threat.trusted_carrier_share').locator('.field-error').waitFor();
  assert.equal(await errorOf('threat.trusted_carrier_share'), 'enter a number from 0 to 100');

  // Kept work must be what is on screen: no file and no library entry of the last
  // good value while the text does not parse.
  await page.waitForFunction(() => document.querySelector('#download-json')?.disabled === true);
  assert.match(await page.locator('#keep-blocked-reason').textContent(), /Carriers enrolled as trusted travellers: enter a number from 0 to 100/);
  assert.match(await page.locator('#keep-blocked-reason').textContent(), /enter a number from 0 to 100/);
  await page.locator('#library summary').click();
  assert.equal(await page.locator('#library-save').isDisabled(), true, 'library Save is blocked');
  assert.match(await page.locator('#library-save-blocked').textContent(), /enter a number from 0 to 100/);

  // A core problem alone (a value out of range that parses) does not block keeping:
  // unfinished work may be saved and fixed later.
  await input(page, 'threat.trusted_carrier_share').fill('150');
  await page.waitForFunction(() => document.querySelector('#download-json')?.disabled === false);
  assert.equal(await page.locator('#library-save').isDisabled(), false);
  assert.equal(await page.locator('#keep-blocked-reason').count(), 0);
  await input(page, 'costs.basic_hourly_rate').fill('$');
  await field(page, 'costs.basic_hourly_rate').locator('.field-error').waitFor();
  assert.equal(await errorOf('costs.basic_hourly_rate'), 'enter a number from 0 to 1,000');
  await page.waitForFunction(() => document.querySelector('#library-save')?.disabled === true);
  await app.close();
});

test('every field shows a label, and the labels are the ones messages use', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  for (const slug of ['crossings', 'threat', 'staffing', 'run']) await page.locator(`#editor-section-${slug}-toggle`).click();
  const card = page.locator('.strategy-card[data-strategy-index="0"]');
  if ((await card.locator('.strategy-card__toggle').getAttribute('aria-expanded')) !== 'true') {
    await card.locator('.strategy-card__toggle').click();
  }
  const unlabelled = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.field')]
        .filter((f) => {
          const control = f.querySelector('input, select, textarea');
          const text =
            f.tagName === 'FIELDSET'
              ? f.querySelector(':scope > legend')?.textContent
              : (control?.labels?.[0]?.textContent ?? control?.getAttribute('aria-label'));
          return (text ?? '').trim() === '';
        })
        .map((f) => f.dataset.path),
    );
  // Every kind of schedule and selection shows its own fields.
  const kind = card.locator('[data-path="strategies[0].plan.schedule.kind"] select');
  for (const value of ['daily_fixed', 'daily_random', 'peak_time', 'pulse_random', 'pulse_intel', 'continuous']) {
    await kind.selectOption(value);
    assert.deepEqual(await unlabelled(), [], value);
  }
  const selection = card.locator('[data-path="strategies[0].plan.selection"] select');
  for (const value of ['random_fraction', 'risk_based']) {
    await selection.selectOption(value);
    assert.deepEqual(await unlabelled(), [], value);
  }
  // A message names the field by the label on screen.
  const teams = 'strategies[0].plan.teams';
  const label = (await field(page, teams).locator('.field__label').textContent()).trim();
  assert.equal(label, 'Teams');
  await input(page, teams).fill('0');
  await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === true);
  assert.match(await page.locator('#run-blocked-reason').textContent(), new RegExp(`Strategy 1 “[^”]*” › ${label}: `));
  await app.close();
});
