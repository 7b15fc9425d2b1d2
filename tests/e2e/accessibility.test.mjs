// Accessibility (issue 11, item 8): axe-core finds no serious or critical violation on
// the main view, with results, and in the briefing; keyboard users can skip straight
// to the results and to the run settings; buttons are named as they read.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { AXE_VERSION, axeViolations, fullReport, seriousReport } from './axe.mjs';
import { waitForRunEnd } from './figures.mjs';
import { startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function expectNoSeriousViolations(page, where) {
  const violations = await axeViolations(page);
  const report = seriousReport(violations);
  assert.equal(report, '', `axe-core ${AXE_VERSION}, ${where}:\n${report}`);
  return violations;
}

/** San Ysidro (six strategies) with few replications, run to the end. */
async function runSanYsidro(page) {
  await page.locator('#editor-section-run-toggle').click();
  await page.locator('[data-path="replications"] input').fill('3');
  await page.locator('#run-button').click();
  await waitForRunEnd(page, 300_000);
}

test('axe-core: the main view, open editor sections and results have no serious or critical violation', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await expectNoSeriousViolations(page, 'main view');

  // Every editor section open, the library open.
  for (const slug of ['crossings', 'threat', 'staffing']) await page.locator(`#editor-section-${slug}-toggle`).click();
  await page.locator('#library summary').click();
  await expectNoSeriousViolations(page, 'editor sections open');

  await runSanYsidro(page);
  await expectNoSeriousViolations(page, 'with results');

  // The national set: the crossing table and the per-crossing results.
  // Stale results stay legible (they used to fade to 2:1).
  await page.locator('#preset-picker').selectOption('national');
  await page.locator('#results-stale').waitFor();
  await page.locator('.crossing-table, #crossing-table-editor, .table-scroll').first().waitFor();
  await expectNoSeriousViolations(page, 'national preset, stale results');
  await app.close();
});

test('axe-core: the briefing has no violation of any impact and its headings go in order', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await runSanYsidro(page);
  await page.locator('#open-briefing').click();
  await page.locator('#briefing').waitFor();
  await page.waitForFunction(() => !document.querySelector('#briefing [data-pending]'));
  const violations = await axeViolations(page);
  assert.equal(fullReport(violations), '', `axe-core ${AXE_VERSION}, briefing, any impact`);
  const levels = await page.locator('#briefing').evaluate((b) =>
    [...b.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
  );
  const pageLevels = await page.evaluate(() => [...document.querySelectorAll('h1')].length);
  assert.ok(pageLevels >= 1, 'the page has a first-level heading');
  for (let i = 1; i < levels.length; i += 1) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `heading levels go in order: ${levels.join(' ')}`);
  }
  await app.close();
});

test('skip links take the keyboard to the results and to the run settings', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);

  // The first Tab reaches the skip link, which is then visible.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'skip-to-results');
  assert.ok(await page.locator('#skip-to-results').isVisible());
  const box = await page.locator('#skip-to-results').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0, 'on screen when focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'results-title');
  assert.equal(await page.evaluate(() => location.hash), '', 'the address is left alone');

  // The second skip link opens the run settings and lands on their toggle; the next
  // Tab is the first run setting.
  await page.locator('#skip-to-run-settings').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor-section-run-toggle');
  assert.equal(await page.locator('#editor-section-run-toggle').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-horizon_days');
  await app.close();
});

test('buttons are named as they read, and every part of the page is in a landmark', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  const mismatched = await page.evaluate(() =>
    [...document.querySelectorAll('button[aria-label]')]
      .filter((b) => b.textContent.trim().length > 1 && !/^[↑↓×✕]$/.test(b.textContent.trim()))
      .filter((b) => !b.getAttribute('aria-label').toLowerCase().startsWith(b.textContent.trim().toLowerCase()))
      .map((b) => `"${b.textContent.trim()}" named "${b.getAttribute('aria-label')}"`),
  );
  assert.deepEqual(mismatched, [], 'an accessible name starts with the visible label');
  const strays = await page.evaluate(() => {
    const landmarks = 'header, main, footer, nav, aside, [role="region"][aria-label], [role="region"][aria-labelledby], section[aria-label], section[aria-labelledby], [role="banner"], [role="main"], [role="contentinfo"], [role="navigation"]';
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.offsetParent !== null && el.children.length === 0 && el.textContent.trim() !== '')
      .filter((el) => !el.closest(landmarks))
      .map((el) => el.outerHTML.slice(0, 100));
  });
  assert.deepEqual(strays, [], 'no visible content outside landmarks');
  await app.close();
});
