// The scenario editor over the release bundle: validation as you type with the core's
// messages next to the field, the Run button blocked until the scenario is valid,
// strategy management, provenance badges, the crossing table of the national preset
// with bulk edits, keyboard use and a narrow layout. Screenshots:
// target/screenshots/editor.png and editor-national.png.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { join } from 'node:path';

import { SCREENSHOT_DIR, startSession } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** Opens the app on a preset and waits for the editor. */
async function openPreset(preset) {
  const app = await session.openApp();
  const { page } = app;
  await page.locator('#scenario-editor').waitFor();
  await page.selectOption('#preset-picker', preset);
  return app;
}

const field = (page, path) => page.locator(`[data-path="${path}"]`).first();
const input = (page, path) => field(page, path).locator('input').first();

async function openSection(page, slug) {
  const toggle = page.locator(`#editor-section-${slug}-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`#editor-section-${slug}-body`).waitFor({ state: 'visible' });
}

async function expectRunBlocked(page, blocked) {
  const run = page.locator('#run-button');
  if (blocked) {
    await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === true);
    await page.locator('#run-blocked-reason').waitFor({ state: 'visible' });
  } else {
    await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === false);
    assert.equal(await page.locator('#run-blocked-reason').count(), 0);
  }
  assert.equal(await run.isDisabled(), blocked);
}

/** The message shown next to a field, with the wiring screen readers need. */
async function fieldMessage(page, path) {
  const box = input(page, path);
  const error = field(page, path).locator('.field-error');
  await error.waitFor();
  assert.equal(await box.getAttribute('aria-invalid'), 'true', `${path} is aria-invalid`);
  const describedby = (await box.getAttribute('aria-describedby')) ?? '';
  const errorId = await error.getAttribute('id');
  assert.ok(describedby.split(' ').includes(errorId), `${path} is described by its message`);
  return (await error.textContent()).replace(/^⚠\s*/, '').trim();
}

async function expectNoMessage(page, path) {
  await field(page, path).locator('.field-error').waitFor({ state: 'detached' });
  assert.equal(await input(page, path).getAttribute('aria-invalid'), null);
}

test('validation as you type: core messages next to the field, Run blocked until fixed', async () => {
  const app = await openPreset('jackman');
  const { page } = app;
  await page.locator('#editor-status.editor__status--ok').waitFor();
  await expectRunBlocked(page, false);

  // A strategy's operation length of 30 hours (the first card is open).
  const duration = 'strategies[0].plan.schedule.duration_hours';
  assert.equal(await input(page, duration).inputValue(), '2');
  await input(page, duration).fill('30');
  assert.equal(await fieldMessage(page, duration), 'must be between 0.25 and 24');
  await expectRunBlocked(page, true);
  assert.match(await page.locator('#run-blocked-reason').textContent(), /› Operation length: must be between 0.25 and 24/);
  assert.equal(await page.locator('#editor-section-strategies').getAttribute('data-problems'), '1');
  assert.match(await page.locator('#editor-section-strategies-toggle').textContent(), /1 problem/);
  assert.match(await page.locator('#editor-status').textContent(), /1 problem/);
  assert.match(
    await page.locator('#editor-section-strategies .section-problems').textContent(),
    /Strategy 1 “Today: less than monthly” › Operation length: must be between 0.25 and 24/,
  );

  // The problem in the section's list leads to its field.
  await page.locator(`#editor-section-strategies [data-problem-path="${duration}"] button`).click();
  await page.waitForFunction(
    (path) => document.activeElement?.closest('[data-path]')?.dataset.path === path,
    duration,
  );

  // Text that is not a number keeps what was typed and says so; the scenario is unchanged.
  await input(page, duration).fill('3x');
  assert.equal(await fieldMessage(page, duration), 'enter a number from 0.25 to 24');
  assert.equal(await input(page, duration).inputValue(), '3x');
  await expectRunBlocked(page, true);

  // Fixed: the message goes, Run is enabled again.
  await input(page, duration).fill('3');
  await expectNoMessage(page, duration);
  await expectRunBlocked(page, false);
  assert.equal(await page.locator('#editor-section-strategies').getAttribute('data-problems'), '0');

  // Connectivity at 150 % on the crossing form (planner units: %).
  await openSection(page, 'crossings');
  const uptime = 'crossings[0].connectivity_uptime';
  assert.equal(await input(page, uptime).inputValue(), '90');
  assert.equal(await field(page, uptime).locator('.field__unit').textContent(), '%');
  await input(page, uptime).fill('150');
  assert.equal(await fieldMessage(page, uptime), 'must be a share between 0 and 1 (0% to 100%)');
  await expectRunBlocked(page, true);
  assert.equal(await page.locator('#editor-section-crossings').getAttribute('data-problems'), '1');
  await input(page, uptime).fill('95');
  await expectNoMessage(page, uptime);
  await expectRunBlocked(page, false);

  // Volumes per day (the scenario stores a year): Jackman's trucks.
  const trucks = 'crossings[0].annual_inbound.trucks';
  assert.equal(await field(page, trucks).locator('.field__unit').textContent(), 'vehicles/day');
  const perDay = Number((await input(page, trucks).inputValue()).replaceAll(',', ''));
  const perYear = Number(
    (await field(page, trucks).locator('.field__hint').textContent()).split(';')[0].replace(/[^0-9]/g, ''),
  );
  assert.ok(Math.abs(perDay - perYear / 365) < 0.06, `${perDay}/day for ${perYear}/year`);
  await input(page, trucks).fill('200');
  await input(page, trucks).blur();
  assert.match(await field(page, trucks).locator('.field__hint').textContent(), /^73,000 a year/);

  // An assumption badge with its explanation, and a source note.
  const assumption = field(page, uptime).locator('.prov--assumption');
  assert.equal((await assumption.locator('summary').textContent()).trim(), 'Assumption');
  assert.match(await assumption.locator('summary').getAttribute('title'), /Wi-Fi and cellular outages/);
  await assumption.locator('summary').click();
  await assumption.locator('.prov__note').waitFor({ state: 'visible' });
  assert.match(await assumption.locator('.prov__note').textContent(), /assumptions/);
  await assumption.locator('summary').press('Enter'); // closes again from the keyboard
  await assumption.locator('.prov__note').waitFor({ state: 'hidden' });
  const source = field(page, 'crossings[0].annual_inbound.personal_vehicles').locator('.prov--source');
  await source.locator('summary').click();
  assert.match(await source.locator('.prov__note').textContent(), /BTS Border Crossing Entry Data/);
  await source.locator('summary').click();
  assert.ok(
    (await page.locator('#editor-section-crossings .prov--assumption').count()) > 5,
    'traffic profiles, lanes, staffing are marked as assumptions',
  );

  // Screenshot with every section open, the page tall enough to show the editor whole.
  for (const slug of ['threat', 'staffing', 'run']) await openSection(page, slug);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('#editor').screenshot({ path: join(SCREENSHOT_DIR, 'editor-top.png') });
  const height = await page.evaluate(
    () => document.querySelector('#editor .panel__body').scrollHeight + 400,
  );
  await page.setViewportSize({ width: 1440, height: Math.min(height, 16000) });
  await app.screenshot('editor');
  await app.close();
});

test('strategies: add, duplicate, rename, reorder, baseline, remove, schedule kinds', async () => {
  const app = await openPreset('jackman');
  const { page } = app;
  const cards = page.locator('.strategy-card');
  const card = (i) => page.locator(`.strategy-card[data-strategy-index="${i}"]`);
  const nameOf = (i) => card(i).locator('.strategy-card__name input').inputValue();
  await card(4).waitFor();
  assert.equal(await cards.count(), 5);
  assert.equal(await card(0).locator('.badge--baseline').count(), 1);

  // Add: a new card with a unique name, its name field focused.
  await page.click('#add-strategy');
  await card(5).waitFor();
  assert.equal(await nameOf(5), 'Strategy 6');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.strategy-card')?.dataset.strategyIndex), '5');

  // Duplicate the baseline: the copy comes right after it.
  await card(0).locator('[data-action="duplicate"]').click();
  await card(6).waitFor();
  assert.equal(await nameOf(1), 'Today: less than monthly (copy)');

  // At 8 strategies, add and duplicate are disabled with a reason.
  await page.click('#add-strategy');
  await card(7).waitFor();
  assert.equal(await cards.count(), 8);
  assert.ok(await page.locator('#add-strategy').isDisabled());
  assert.match(await page.locator('#strategy-limit-reason').textContent(), /At most 8 strategies/);
  assert.equal(await page.locator('#add-strategy').getAttribute('aria-describedby'), 'strategy-limit-reason');
  assert.ok(await card(3).locator('[data-action="duplicate"]').isDisabled());

  // Rename: a name already used is reported next to the name.
  const name1 = card(1).locator('.strategy-card__name input');
  await name1.fill('Today: less than monthly');
  assert.equal(
    (await card(1).locator('.strategy-card__name .field-error').textContent()).replace(/^⚠\s*/, ''),
    'another strategy has this name',
  );
  await expectRunBlocked(page, true);
  await name1.fill('Monthly, no cancellations');
  await card(1).locator('.strategy-card__name .field-error').waitFor({ state: 'detached' });
  await expectRunBlocked(page, false);

  // Move down: the card moves and keeps the focus on its button.
  await card(1).locator('[data-action="move-down"]').click();
  assert.equal(await nameOf(2), 'Monthly, no cancellations');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'move-down');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.strategy-card')?.dataset.strategyIndex), '2');
  await page.keyboard.press('Enter'); // again, from the keyboard
  assert.equal(await nameOf(3), 'Monthly, no cancellations');
  await card(3).locator('[data-action="move-up"]').click();
  assert.equal(await nameOf(2), 'Monthly, no cancellations');

  // Mark as baseline: it moves to the front.
  await card(2).locator('[data-action="make-baseline"]').click();
  assert.equal(await nameOf(0), 'Monthly, no cancellations');
  assert.equal(await card(0).locator('.badge--baseline').count(), 1);
  assert.equal(await nameOf(1), 'Today: less than monthly');

  // Remove two: add is enabled again.
  await card(0).locator('[data-action="remove"]').click();
  await card(7).waitFor({ state: 'detached' });
  assert.equal(await nameOf(0), 'Today: less than monthly');
  await card(6).locator('[data-action="remove"]').click();
  assert.equal(await cards.count(), 6);
  assert.ok(!(await page.locator('#add-strategy').isDisabled()));
  await expectRunBlocked(page, false);

  // Schedule kinds fill their defaults; fields follow the kind.
  const c0 = card(0);
  if ((await c0.locator('.strategy-card__toggle').getAttribute('aria-expanded')) !== 'true') {
    await c0.locator('.strategy-card__toggle').click();
  }
  const kind = c0.locator('[data-path="strategies[0].plan.schedule.kind"] select');
  await kind.selectOption('daily_fixed');
  assert.equal(await input(page, 'strategies[0].plan.schedule.windows[0].start_hour').inputValue(), '16');
  assert.equal(await input(page, 'strategies[0].plan.schedule.windows[0].duration_hours').inputValue(), '2');
  await c0.locator('#f-strategies-0--plan-schedule-windows-add').click();
  await input(page, 'strategies[0].plan.schedule.windows[1].start_hour').waitFor();
  // No day ticked: the core's message on the days.
  for (let d = 0; d < 7; d += 1) await c0.locator(`#f-strategies-0--plan-schedule-days-${d}`).uncheck();
  assert.match(
    await field(page, 'strategies[0].plan.schedule.days').locator('.field-error').textContent(),
    /pick at least one day of the week/,
  );
  await expectRunBlocked(page, true);
  await c0.locator('#f-strategies-0--plan-schedule-days-2').check();
  await expectRunBlocked(page, false);
  await kind.selectOption('pulse_intel');
  assert.equal(await input(page, 'strategies[0].plan.schedule.detection_probability').inputValue(), '50');
  assert.equal(await input(page, 'strategies[0].plan.schedule.surge_days').inputValue(), '5');
  await kind.selectOption('peak_time');
  assert.equal(await input(page, 'strategies[0].plan.schedule.busiest_hours').inputValue(), '3');
  // Whole numbers only for counts.
  await input(page, 'strategies[0].plan.schedule.busiest_hours').fill('2.5');
  assert.equal(await fieldMessage(page, 'strategies[0].plan.schedule.busiest_hours'), 'enter a whole number from 1 to 24');
  await input(page, 'strategies[0].plan.schedule.busiest_hours').fill('4');
  await expectNoMessage(page, 'strategies[0].plan.schedule.busiest_hours');

  // Selection, crew, minimum frequency.
  await c0.locator('[data-path="strategies[0].plan.selection"] select').selectOption('risk_based');
  assert.equal(await input(page, 'strategies[0].plan.selection.carrier_pick_rate').inputValue(), '50');
  assert.equal(
    await field(page, 'strategies[0].plan.selection.carrier_pick_rate').locator('.prov--assumption').count(),
    1,
  );
  await c0.locator('[data-path="strategies[0].plan.crew_size"] select').selectOption('3');
  await c0.locator('#f-strategies-0--plan-min_frequency-on').check();
  assert.equal(await input(page, 'strategies[0].plan.min_frequency.max_gap_days').inputValue(), '7');
  await expectRunBlocked(page, false);
  assert.match(await c0.locator('.strategy-card__summary').textContent(), /The 4 busiest hours, at least every 7 days · risk-targeted/);
  assert.match(await c0.locator('.strategy-card__summary').textContent(), /1 team of 3/);
  await app.close();
});

test('national preset: filter the crossing table and edit in bulk', async () => {
  const app = await openPreset('national');
  const { page } = app;
  await openSection(page, 'crossings');
  const rows = page.locator('#editor-crossing-table tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('#editor-crossing-table tbody tr').length === 111);
  assert.equal(await page.locator('#crossing-count').textContent(), 'Showing 111 of 111 crossings');

  // Filter to the northern border.
  await page.selectOption('#crossing-filter-border', 'northern');
  await page.waitForFunction(() => document.querySelectorAll('#editor-crossing-table tbody tr').length < 111);
  const northern = await rows.count();
  assert.ok(northern > 40 && northern < 111, `${northern} northern crossings`);
  const metas = await page.locator('#editor-crossing-table .crossing-row__meta').allTextContents();
  assert.ok(metas.every((m) => m.trim().endsWith('· N')), 'only northern crossings shown');

  // Set officers per shift for every northern crossing.
  await page.selectOption('#bulk-field', 'officers_per_shift');
  await page.fill('#bulk-value', 'six');
  await page.click('#bulk-apply');
  assert.match(await page.locator('#bulk-value-error').textContent(), /enter a whole number/);
  await page.fill('#bulk-value', '6');
  await page.click('#bulk-apply');
  await page.locator('#bulk-status').waitFor();
  assert.equal(
    await page.locator('#bulk-status').textContent(),
    `Officers per shift set to 6 at ${northern} crossings.`,
  );
  const officers = await page.locator('#editor-crossing-table tbody tr td:nth-child(4)').allTextContents();
  assert.ok(officers.every((o) => o === '6'), 'every northern crossing has 6 officers');

  // An out-of-range bulk value is reported by the core, row by row, and blocks Run.
  await page.selectOption('#bulk-field', 'connectivity_uptime');
  await page.fill('#bulk-value', '150');
  await page.click('#bulk-apply');
  await expectRunBlocked(page, true);
  assert.equal(await page.locator('#editor-section-crossings').getAttribute('data-problems'), String(northern));
  assert.equal(await page.locator('#editor-crossing-table tbody tr.crossing-row--invalid').count(), northern);
  // A problem of a crossing in the list opens that crossing's form at the field.
  await page.locator('#editor-section-crossings .section-problems button').first().click();
  await page.locator('#crossing-form').waitFor();
  await page.waitForFunction(() =>
    /^crossings\[\d+\]\.connectivity_uptime$/.test(document.activeElement?.closest('[data-path]')?.dataset.path ?? ''),
  );
  await page.click('#close-crossing');
  await page.fill('#bulk-value', '92.5');
  await page.click('#bulk-apply');
  await expectRunBlocked(page, false);
  assert.equal((await page.locator('#editor-crossing-table tbody tr td:nth-child(6)').allTextContents())[0], '92.5%');

  // Under the baseline, the northern border follows the plan of "Random pulses everywhere".
  await page.selectOption('#bulk-strategy', '0');
  await page.selectOption('#bulk-plan-source', '2');
  assert.match(await page.locator('#bulk-plan-note').textContent(), /a rule: Northern border/);
  await page.click('#bulk-apply-plan');
  assert.match(await page.locator('#bulk-status').textContent(), /Under “Today \(assumed mix\)”/);
  const baseline = page.locator('.strategy-card[data-strategy-index="0"]');
  assert.equal(await baseline.locator('.strategy-card__overrides').getAttribute('data-overrides'), '4');
  const lastOverride = baseline.locator('.override').last();
  assert.equal(await lastOverride.locator('.override__filter').textContent(), 'Northern border');
  assert.match(await lastOverride.locator('.override__plan').textContent(), /4 × 3 h a week at random/);
  // The override's plan is editable, and can be removed.
  await lastOverride.locator('button', { hasText: 'Edit plan' }).click();
  const teams = 'strategies[0].overrides[3].plan.teams';
  await input(page, teams).fill('0');
  assert.equal(await fieldMessage(page, teams), 'must be a whole number from 1 to 50');
  await expectRunBlocked(page, true);
  await lastOverride.locator('button', { hasText: 'Remove' }).click();
  assert.equal(await baseline.locator('.strategy-card__overrides').getAttribute('data-overrides'), '3');
  await expectRunBlocked(page, false);

  // Text filter, then a row opens its form.
  await page.selectOption('#crossing-filter-border', '');
  await page.fill('#crossing-filter-text', 'laredo');
  await page.waitForFunction(() => document.querySelectorAll('#editor-crossing-table tbody tr').length < 10);
  const names = await page.locator('#editor-crossing-table .crossing-row__name .link-button').allTextContents();
  assert.ok(names.length >= 1 && names.every((n) => /laredo/i.test(n)), names.join(', '));
  await page.locator('#editor-crossing-table .crossing-row__name .link-button').first().click();
  await page.locator('#crossing-form').waitFor();
  assert.match(await page.locator('#crossing-form .crossing-form__plans').textContent(), /Today \(assumed mix\)/);
  await page.fill('#crossing-filter-text', '');
  await page.selectOption('#crossing-filter-border', 'northern');
  await page.locator('#crossing-form').waitFor({ state: 'detached' }); // Laredo is filtered out
  await page.locator('#editor-crossing-table .crossing-row__name .link-button').nth(1).click();
  assert.match(await page.locator('#crossing-form .crossing-form__head').textContent(), /\(0104\)/);

  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.locator('#editor-section-crossings').evaluate((el) => el.scrollIntoView());
  await app.screenshot('editor-national');
  await app.close();
});

test('keyboard and a narrow window: sections, seed, no horizontal scroll at 768 px', async () => {
  const app = await openPreset('san-ysidro');
  const { page } = app;
  await page.setViewportSize({ width: 768, height: 1000 });

  // Sections open and close from the keyboard.
  const toggle = page.locator('#editor-section-run-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#editor-section-run-toggle').getAttribute('aria-expanded') === 'true');
  const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');

  // The seed is a u64 kept as text.
  const seed = page.locator('#f-seed');
  await seed.fill('12a');
  assert.match(await page.locator('#f-seed-error').textContent(), /enter a whole number from 0 to 18446744073709551615/);
  assert.equal(await seed.inputValue(), '12a');
  // The largest u64 is accepted: the message goes away.
  await seed.fill('18446744073709551615');
  await page.locator('#f-seed-error').waitFor({ state: 'detached' });
  assert.equal(await seed.getAttribute('aria-invalid'), null);
  await seed.fill('42');
  await input(page, 'replications').fill('1');
  assert.equal(await fieldMessage(page, 'replications'), 'must be a whole number from 2 to 1000');
  await input(page, 'replications').fill('30');
  await expectRunBlocked(page, false);

  // Every input of the open sections has a label.
  for (const slug of ['crossings', 'threat', 'staffing']) await openSection(page, slug);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('#scenario-editor input, #scenario-editor select, #scenario-editor textarea')]
      .filter((el) => !el.getAttribute('aria-label') && !(el.id && document.querySelector(`label[for="${el.id}"]`)))
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((el) => el.id));
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');

  // Nothing overflows the page sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  await app.screenshot('editor-768');
  await app.close();
});
