// Nothing can leave the machine, including from the simulation worker (issue 11, item
// 9). A <meta> Content-Security-Policy governs the page only; a worker takes its policy
// from the HTTP response of its script. So the project's server sends the policy as a
// header with every file (read from dist/_headers, the file static hosts read too), and
// inside the running simulation worker a fetch to another local address and an eval
// are both refused.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { waitForRunEnd } from './figures.mjs';
import { DIST_DIR, PROJECT_ROOT, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
let trap;
const trapHits = [];

before(async () => {
  session = await startSession();
  // Another local address that would answer anyone (CORS open): only the policy can
  // stop a worker from reaching it.
  trap = createServer((req, res) => {
    trapHits.push(req.url);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('reached');
  });
  await new Promise((ok) => trap.listen(0, '127.0.0.1', ok));
});
after(async () => {
  await session?.close();
  await new Promise((ok) => trap?.close(ok) ?? ok());
});

/** The policy of index.html's <meta> tag. */
async function metaPolicy() {
  const html = await readFile(join(PROJECT_ROOT, 'index.html'), 'utf8');
  const match = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  assert.ok(match, 'index.html has a CSP meta tag');
  return match[1];
}

const directives = (policy) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );

test('every file is served with the Content-Security-Policy header, the same policy as the page', async () => {
  const meta = directives(await metaPolicy());
  const files = ['', 'index.html', '_headers'];
  const html = await (await fetch(session.url)).text();
  // The page's scripts, styles and wasm, and the simulation worker's loader and wasm.
  for (const [, name] of html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css|wasm|svg))"/g)) files.push(name);
  const distFiles = await import('node:fs/promises').then((fs) => fs.readdir(DIST_DIR));
  for (const name of distFiles.filter((n) => n.startsWith('simulation_worker'))) files.push(name);
  assert.ok(files.some((f) => /simulation_worker.*\.js$/.test(f)), `the worker loader is checked: ${files}`);
  assert.ok(files.some((f) => /simulation_worker.*\.wasm$/.test(f)), 'the worker wasm is checked');

  for (const name of [...new Set(files)]) {
    const response = await fetch(new URL(name, session.url));
    assert.equal(response.status, 200, name);
    const header = response.headers.get('content-security-policy');
    assert.ok(header, `${name || '/'} has a Content-Security-Policy header`);
    const sent = directives(header);
    for (const [directive, value] of meta) {
      assert.equal(sent.get(directive), value, `${name}: ${directive} as in index.html`);
    }
    // What only a header can say.
    assert.equal(sent.get('frame-ancestors'), "'none'", `${name}: frame-ancestors`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer', name);
  }
  // A missing file is refused under the same policy.
  const missing = await fetch(new URL('no-such-file.js', session.url));
  assert.equal(missing.status, 404);
  assert.ok(missing.headers.get('content-security-policy'));
});

test('inside the simulation worker, a fetch to another local address and an eval are both blocked', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  const worker = page.workers().find((w) => /simulation_worker/.test(w.url()));
  assert.ok(worker, `the simulation worker is running: ${page.workers().map((w) => w.url())}`);

  const trapUrl = `http://127.0.0.1:${trap.address().port}/from-the-worker`;
  const outcome = await worker.evaluate(async (url) => {
    const violations = [];
    self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const out = {};
    try {
      const response = await fetch(url);
      out.fetch = `allowed: ${response.status} ${await response.text()}`;
    } catch (error) {
      out.fetch = `blocked: ${error.name}`;
    }
    // From a task of the worker's own, not from the DevTools call itself: DevTools
    // lets code it evaluates directly call eval whatever the policy
    // (Runtime.evaluate's allowUnsafeEvalBlockedByCSP), which is not what is tested.
    const attempt = (code) =>
      new Promise((ok) =>
        setTimeout(() => {
          try {
            ok(`ran: ${code()}`);
          } catch (error) {
            ok(`blocked: ${error.name}`);
          }
        }, 0),
      );
    // eslint-disable-next-line no-eval
    out.eval = await attempt(() => (0, eval)('6 * 7'));
    out.functionConstructor = await attempt(() => new Function('return 6 * 7')());
    // Violation events are queued as tasks: let them arrive.
    await new Promise((ok) => setTimeout(ok, 0));
    out.violations = violations;
    return out;
  }, trapUrl);

  assert.equal(outcome.fetch, 'blocked: TypeError', JSON.stringify(outcome));
  assert.equal(outcome.eval, 'blocked: EvalError', JSON.stringify(outcome));
  assert.equal(outcome.functionConstructor, 'blocked: EvalError', JSON.stringify(outcome));
  assert.deepEqual(trapHits, [], 'the other address was never reached');
  assert.ok(outcome.violations.includes('connect-src'), `a connect-src violation: ${outcome.violations}`);
  assert.ok(outcome.violations.includes('script-src'), `a script-src (eval) violation: ${outcome.violations}`);

  // The worker still works after refusing them.
  await page.locator('#preset-picker').selectOption('jackman');
  await page.locator('#run-button').click();
  await waitForRunEnd(page, 300_000);

  // The refusals were reported on the worker's console, as they should be; nothing else.
  const expected = (line) => /Content Security Policy|Content-Security-Policy/.test(line);
  const unexpected = app.record.consoleErrors.filter((line) => !expected(line));
  app.record.consoleErrors.splice(0, app.record.consoleErrors.length, ...unexpected);
  const failed = app.record.failedRequests.filter((line) => !line.includes('/from-the-worker'));
  app.record.failedRequests.splice(0, app.record.failedRequests.length, ...failed);
  await app.close();
});
