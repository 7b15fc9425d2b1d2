// Every chart downloads as SVG (standalone: namespace, size, its styles inside) and as
// PNG (drawn at twice its size from the SVG).

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { waitForRunEnd } from './figures.mjs';
import { SCREENSHOT_DIR, download, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('a chart downloads as SVG and as PNG', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#run-button').click();
  await waitForRunEnd(page);

  const chart = page.locator('#chart-detection');
  const svgButton = chart.locator('[data-download="svg"]');
  assert.match(await svgButton.getAttribute('aria-label'), /^SVG: download the chart "Detection rate by strategy"/, 'the name starts with the label');
  const svg = await download(page, svgButton);
  assert.match(svg.name, /^jackman.*detection-rate.*\.svg$/);
  const text = svg.bytes.toString('utf8');
  const body = text.replace(/^<\?xml[^>]*\?>\s*/, '');
  assert.ok(body.startsWith('<svg'), body.slice(0, 80));
  assert.ok(body.trimEnd().endsWith('</svg>'));
  assert.match(body, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(body, /^<svg[^>]*\swidth="\d+(\.\d+)?"[^>]*>/);
  assert.match(body, /<style>[^<]*\.chart__svg/, 'the chart keeps its styles');
  assert.match(body, /<title>/);
  // Parsed in a blank page: a document parsed in the app's page would take on its
  // Content-Security-Policy, which refuses the file's <style> (correctly, for the page).
  const blank = await session.context.newPage();
  const parsed = await blank.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    return {
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      errors: doc.getElementsByTagName('parsererror').length,
    };
  }, text);
  assert.deepEqual(parsed, { root: 'svg', namespace: 'http://www.w3.org/2000/svg', errors: 0 });
  await blank.close();

  const png = await download(page, page.locator('#chart-pareto [data-download="png"]'));
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE);
  assert.ok(png.bytes.length > 10_000, `a drawn picture (${png.bytes.length} bytes)`);
  // Twice the chart's coordinate size (IHDR width and height).
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  const viewBox = await page.locator('#chart-pareto svg.chart__svg').getAttribute('viewBox');
  const [, , w, h] = viewBox.split(/[ ,]+/).map(Number);
  assert.equal(width, Math.round(w * 2));
  assert.equal(height, Math.round(h * 2));

  // Every chart has both buttons.
  const framed = '#results-root figure.chart';
  const charts = await page.locator(framed).count();
  assert.ok(charts >= 6);
  assert.equal(await page.locator(`${framed} [data-download="svg"]`).count(), charts);
  assert.equal(await page.locator(`${framed} [data-download="png"]`).count(), charts);

  // Small multiples (the sample day, one panel per strategy) become one picture: every
  // panel, each under its strategy's name.
  const panels = await page.locator('#chart-sample-day figure.multiple').count();
  const drawn = await page.locator('#chart-sample-day svg.chart__svg').count();
  const names = await page.locator('#chart-sample-day .multiple__name').allTextContents();
  assert.equal(panels, 5, 'one panel per strategy');
  const multiples = await download(page, page.locator('#chart-sample-day [data-download="svg"]'));
  assert.match(multiples.name, /^jackman.*queue-over-a-sample-day\.svg$/);
  const sheet = await session.context.newPage();
  const composed = await sheet.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      root: root.localName,
      nested: root.querySelectorAll(':scope > svg').length,
      titles: [...root.querySelectorAll(':scope > text.export-panel-title')].map((t) => t.textContent),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
    };
  }, multiples.bytes.toString('utf8'));
  await sheet.close();
  assert.equal(composed.errors, 0);
  assert.equal(composed.root, 'svg');
  assert.equal(composed.nested, drawn, 'every drawn panel is in the picture');
  assert.equal(composed.titles.length, drawn);
  for (const name of names) {
    assert.ok(composed.titles.some((t) => t.includes(name.trim())), `a panel titled ${name}`);
  }
  const multiplesPng = await download(page, page.locator('#chart-sample-day [data-download="png"]'));
  assert.deepEqual([...multiplesPng.bytes.subarray(0, 8)], PNG_SIGNATURE);
  assert.equal(multiplesPng.bytes.readUInt32BE(16), Math.round(composed.width * 2));
  assert.equal(multiplesPng.bytes.readUInt32BE(20), Math.round(composed.height * 2));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(join(SCREENSHOT_DIR, 'chart-sample-day.png'), multiplesPng.bytes);
  assert.equal(await page.locator('#notice').count(), 0, 'no error notice');
  await app.close();
});
