// Readable at planner widths (issue 11, item 6): a table wider than its box says so (a
// line above it, a shade on the hidden side, the first column staying put), and long
// names wrap instead of widening the page, up to the cap validation sets. Screenshots:
// results and the per-crossing table at 1440 and 1024 px, the briefing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { waitForRunEnd } from './figures.mjs';
import { startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

const NAME_CAP = 80;

/** Runs `preset` (or the scenario on screen, for null) with few replications. */
async function runWith(page, preset, replications) {
  if (preset !== null) await page.locator('#preset-picker').selectOption(preset);
  const toggle = page.locator('#editor-section-run-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('[data-path="replications"] input').fill(String(replications));
  await page.locator('#run-button').click();
  await waitForRunEnd(page, 300_000);
}

const pageOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The cue state of the scroll frame around `tableSelector`. */
const cues = (page, tableSelector) =>
  page.locator(tableSelector).evaluate((table) => {
    const frame = table.closest('.scroll-frame');
    const box = table.closest('.results-scroll');
    return {
      right: frame.dataset.moreRight === 'true',
      left: frame.dataset.moreLeft === 'true',
      hint: frame.querySelector('.scroll-frame__hint')?.textContent ?? null,
      overflows: box.scrollWidth > box.clientWidth + 1,
    };
  });

test('wide tables show that they scroll, at 1440 and at 1024 px', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await runWith(page, 'southwest', 2);

  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('#kpi-table').scrollIntoViewIfNeeded();
    for (const table of ['#kpi-table', '.crossing-report__table']) {
      await page.waitForFunction((sel) => {
        const t = document.querySelector(sel);
        const box = t?.closest('.results-scroll');
        const frame = t?.closest('.scroll-frame');
        if (!box || !frame) return false;
        const overflows = box.scrollWidth > box.clientWidth + 1;
        return overflows === (frame.dataset.moreRight === 'true');
      }, table);
      const state = await cues(page, table);
      if (state.overflows) {
        assert.ok(state.right, `${table} at ${width}px: a shade on the right`);
        assert.match(state.hint, /scroll sideways for more columns/, `${table} at ${width}px: the line says so`);
      } else {
        assert.equal(state.hint, null, `${table} at ${width}px fits: no cue`);
      }
    }
    assert.ok((await pageOverflow(page)) <= 0, `the page itself does not scroll sideways at ${width}px`);
    await app.screenshot(`wide-results-${width}`);
    await page.locator('.scroll-frame:has(#kpi-table)').screenshot({ path: `target/screenshots/wide-comparison-${width}.png` });
    await page.locator('#crossing-table').scrollIntoViewIfNeeded();
    await page.locator('#crossing-table').screenshot({ path: `target/screenshots/wide-crossings-${width}.png` });
  }

  // At 1024 the comparison does not fit: scrolled to the end, the cue moves to the
  // left and the first column (the metric) is still in view.
  const state = await cues(page, '#kpi-table');
  assert.ok(state.overflows, 'the comparison of this preset is wider than 1024 px allows');
  await page.locator('#kpi-table').evaluate((t) => {
    const box = t.closest('.results-scroll');
    box.scrollLeft = box.scrollWidth;
  });
  await page.waitForFunction(() => {
    const frame = document.querySelector('#kpi-table').closest('.scroll-frame');
    return frame.dataset.moreLeft === 'true' && frame.dataset.moreRight !== 'true';
  });
  const metric = await page.locator('#kpi-table tbody .kpi__metric').first().boundingBox();
  const region = await page.locator('#kpi-table').evaluate((t) => t.closest('.results-scroll').getBoundingClientRect().left);
  assert.ok(Math.abs(metric.x - region) < 3, 'the metric column stays at the left edge');
  assert.match(await page.locator('#kpi-table').evaluate((t) => t.closest('.scroll-frame').querySelector('.scroll-frame__hint').textContent), /More columns to the left/);
  await app.screenshot('wide-results-1024-scrolled');
  await page.locator('.scroll-frame:has(#kpi-table)').screenshot({ path: 'target/screenshots/wide-comparison-1024-scrolled.png' });
  await app.close();
});

test('long names wrap within the cap and never widen the page or the briefing', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  const nameInput = page.locator('.strategy-card[data-strategy-index="1"] .strategy-card__name input');

  // Over the cap: a problem, with the count.
  await nameInput.fill('W'.repeat(NAME_CAP + 1));
  const error = page.locator('.strategy-card[data-strategy-index="1"] .strategy-card__name .field-error');
  await error.waitFor();
  assert.match(await error.textContent(), /is too long \(81 characters; at most 80\)/);
  await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === true);

  // At the cap, unbroken: allowed, and it wraps.
  const long = 'W'.repeat(NAME_CAP);
  await nameInput.fill(long);
  await error.waitFor({ state: 'detached' });
  await page.locator('#f-name').fill(`Jackman ${'X'.repeat(NAME_CAP - 8)}`);
  await runWith(page, null, 3);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    assert.ok((await pageOverflow(page)) <= 0, `no sideways page scroll at ${width}px with an ${NAME_CAP}-character name`);
  }
  const header = page.locator('#kpi-table .kpi__strategy[data-strategy="1"] .kpi__strategy-name');
  assert.equal(await header.getAttribute('title'), long, 'the whole name is available');
  const headerWidth = (await header.boundingBox()).width;
  assert.ok(headerWidth <= 230, `the column header wraps (${headerWidth}px)`);
  await app.screenshot('long-names-1024');
  await page.locator('.scroll-frame:has(#kpi-table)').screenshot({ path: 'target/screenshots/long-names-comparison-1024.png' });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('#open-briefing').click();
  await page.locator('#briefing').waitFor();
  assert.ok((await pageOverflow(page)) <= 0, 'the briefing does not scroll sideways');
  await app.screenshot('long-names-briefing');
  await page.locator('#briefing').screenshot({ path: 'target/screenshots/long-names-briefing-top.png', clip: undefined });
  await app.close();
});
