// The application shell, built for release and served from dist/: it loads under its
// Content-Security-Policy, starts the simulation worker, and lays out the editor
// (left) and the results (right), without any error or any request off this machine.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startSession, waitForWorkerReady } from './helpers.mjs';

const TITLE = 'Egress — outbound inspection planner';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

test('the served page carries a strict CSP and no inline script', async () => {
  const response = await fetch(session.url);
  assert.equal(response.status, 200);
  const html = await response.text();
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(csp, 'CSP meta tag present');
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/, 'CSP allows only the page origin');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim() !== '',
  );
  assert.equal(inlineScripts.length, 0, 'no inline script');

  for (const [path, type] of [
    ['simulation_worker_loader.js', 'text/javascript'],
    ['simulation_worker.js', 'text/javascript'],
    ['simulation_worker_bg.wasm', 'application/wasm'],
  ]) {
    const asset = await fetch(new URL(path, session.url));
    assert.equal(asset.status, 200, path);
    assert.ok(asset.headers.get('content-type').startsWith(type), `${path} served as ${type}`);
  }
});

test('the shell loads, the worker answers, and nothing leaves 127.0.0.1', async () => {
  const app = await session.openApp();
  const { page, record } = app;

  assert.equal(await page.title(), TITLE);
  assert.equal((await page.locator('header h1').textContent()).trim(), TITLE);

  await waitForWorkerReady(page);
  assert.equal(
    (await page.locator('#worker-status').textContent()).trim(),
    'Simulation worker ready',
  );
  assert.ok(
    record.requests.some((url) => url.endsWith('/simulation_worker_bg.wasm')),
    `the worker's wasm was fetched from the server; requests: ${record.requests.join(', ')}`,
  );

  // Editor on the left, results on the right, side by side.
  const editor = await page.locator('#editor').boundingBox();
  const results = await page.locator('#results').boundingBox();
  assert.ok(editor && results, 'both panels are rendered');
  assert.ok(editor.x + editor.width <= results.x, 'editor is left of results');
  assert.ok(Math.abs(editor.y - results.y) < 1, 'panels are aligned at the top');
  assert.equal((await page.locator('#editor h2').textContent()).trim(), 'Scenario editor');
  assert.equal((await page.locator('#results h2').textContent()).trim(), 'Results');

  await app.screenshot('shell');
  await app.close(); // fails on console/page errors, offsite requests, HTTP errors
});
