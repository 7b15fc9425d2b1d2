// Shared helpers for the end-to-end tests (node:test + playwright-core + the system
// Chromium). Test files are `tests/e2e/*.test.mjs`; a typical one:
//
//   import { after, before, test } from 'node:test';
//   import { startSession } from './helpers.mjs';
//
//   let session;
//   before(async () => { session = await startSession(); });
//   after(async () => { await session?.close(); });
//
//   test('something', async () => {
//     const app = await session.openApp();        // page loaded, guards attached
//     await app.page.locator('#worker-status[data-state="ready"]').waitFor();
//     ...
//     await app.screenshot('something');          // target/screenshots/something.png
//     await app.close();                          // asserts no console/page error, no
//   });                                           // off-machine request, no HTTP error
//
// The bundle under test is dist/ (make dist builds it). Nothing is ever downloaded:
// Chromium is /usr/bin/chromium, started with a fresh profile under target/.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST_DIR = join(PROJECT_ROOT, 'dist');
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'target', 'screenshots');
export const PROFILE_DIR = join(PROJECT_ROOT, 'target', 'e2e-profiles');

export const CHROMIUM_PATH = process.env.EGRESS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
];
export const VIEWPORT = { width: 1440, height: 900 };

/**
 * Ceiling on any wait for the app (worker start-up included), in ms. It only catches a
 * hang: tests wait for events and states, never for a speed (CI machines may be busy).
 */
export const APP_TIMEOUT = 120_000;

/** True if a request URL stays on this machine's loopback (or never leaves the page). */
export function isLocalUrl(url) {
  const { protocol, hostname } = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(protocol)) return true;
  return (protocol === 'http:' || protocol === 'https:') && hostname === '127.0.0.1';
}

/** Serves dist/ on 127.0.0.1 on a free port. Resolves to { url, close }. */
export function serveDist(options = {}) {
  return startServer({ root: DIST_DIR, host: '127.0.0.1', port: 0, ...options });
}

/**
 * Starts headless Chromium with a fresh profile under target/e2e-profiles/.
 * Resolves to { context, userDataDir, close }. Requests that would leave 127.0.0.1 are aborted
 * (and reported by the guards of openApp).
 */
export async function launchChromium({ viewport = VIEWPORT, serviceWorkers = 'block' } = {}) {
  await mkdir(PROFILE_DIR, { recursive: true });
  const userDataDir = await mkdtemp(join(PROFILE_DIR, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-US',
    timezoneId: 'UTC',
    // Blocked unless a test is about offline use: the other tests see the network.
    serviceWorkers,
  });
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Attaches guards to a page: every request, console message, page error, failed
 * request and HTTP error status is recorded. `check()` asserts there is nothing bad.
 */
export function watchPage(page) {
  const record = {
    requests: [],
    offsiteRequests: [],
    consoleErrors: [],
    consoleMessages: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
  };
  const onConsole = (where) => (msg) => {
    const line = `[${where}] ${msg.type()}: ${msg.text()}`;
    record.consoleMessages.push(line);
    if (msg.type() === 'error') record.consoleErrors.push(line);
  };
  // A reload aborts what the old page was still fetching, and terminating workers
  // aborts what they were fetching (their wasm): no failure when the request began
  // before a later navigation of the page, or when the same file is then fetched again
  // in full. Any other failure, or an abort not explained so, is one.
  let sequence = 0;
  let navigationStart = 0;
  const started = new WeakMap();
  const aborted = [];
  const finished = new Map();
  page.on('request', (request) => {
    started.set(request, ++sequence);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigationStart = sequence;
    record.requests.push(request.url());
    if (!isLocalUrl(request.url())) record.offsiteRequests.push(request.url());
  });
  page.on('requestfinished', (request) => finished.set(request.url(), ++sequence));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    if (error === 'net::ERR_ABORTED') {
      aborted.push({ url: request.url(), began: started.get(request) ?? 0, at: ++sequence });
    } else {
      record.failedRequests.push(`${request.url()}: ${error}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.httpErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => record.pageErrors.push(String(error?.stack ?? error)));
  page.on('worker', (worker) => {
    record.consoleMessages.push(`[worker] started ${worker.url()}`);
    worker.on('console', onConsole(`worker ${worker.url()}`));
  });

  const check = () => {
    for (const { url, began, at } of aborted.splice(0)) {
      const byNavigation = began < navigationStart;
      const madeGood = (finished.get(url) ?? 0) > at;
      if (!byNavigation && !madeGood) record.failedRequests.push(`${url}: net::ERR_ABORTED`);
    }
    const problems = {
      'requests leaving 127.0.0.1': record.offsiteRequests,
      'console errors': record.consoleErrors,
      'page errors': record.pageErrors,
      'failed requests': record.failedRequests,
      'HTTP error responses': record.httpErrors,
    };
    const report = Object.entries(problems)
      .filter(([, list]) => list.length > 0)
      .map(([what, list]) => `${what}:\n  ${[...new Set(list)].join('\n  ')}`)
      .join('\n');
    if (report !== '') throw new assert.AssertionError({ message: `the page misbehaved:\n${report}` });
  };
  return { record, check };
}

/**
 * CPU slow-down of every page the tests open, from `EGRESS_E2E_CPU_THROTTLE` (e.g. 4:
 * four times slower, through DevTools' `Emulation.setCPUThrottlingRate`). It proves the
 * suite waits for behaviour, not for a speed: `EGRESS_E2E_CPU_THROTTLE=4 make test`.
 */
export const CPU_THROTTLE = Number(process.env.EGRESS_E2E_CPU_THROTTLE ?? 1);

async function throttle(page) {
  if (!(CPU_THROTTLE > 1)) return;
  const cdp = await page.context().newCDPSession(page);
  const apply = () => cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE }).catch(() => {});
  await apply();
  // A navigation (the first load, a reload, a link opened) may start a new renderer.
  page.on('domcontentloaded', apply);
}

/**
 * Starts the server over dist/ (or `root`) and Chromium (`serviceWorkers: 'allow'` for
 * the offline tests). Resolves to { url, context, stopServer(), openApp(path?), close() }.
 */
export async function startSession({ root = DIST_DIR, serviceWorkers = 'block' } = {}) {
  const server = await serveDist({ root });
  let browser;
  try {
    browser = await launchChromium({ serviceWorkers });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: server.url,
    context: browser.context,
    /** Stops serving (the offline tests: no server, no network for the app). */
    stopServer: () => server.close(),
    /**
     * Opens the app in a new page and waits for it to be loaded. Resolves to
     * { page, record, check(), screenshot(name), close() }; close() runs check().
     */
    openApp: async (path = '') => {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(APP_TIMEOUT);
      const { record, check } = watchPage(page);
      await throttle(page);
      await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      return {
        page,
        record,
        check,
        screenshot: (name) => saveScreenshot(page, name),
        close: async () => {
          // Let late errors (e.g. from a worker) surface before judging: a round trip to
          // the page and to each worker delivers what they logged before it.
          await Promise.all([
            page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0))).catch(() => {}),
            ...page.workers().map((worker) => worker.evaluate(() => 0).catch(() => {})),
          ]);
          await page.close();
          check();
        },
      };
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Saves a full-page screenshot to target/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the simulation worker has answered the page's ping. */
export async function waitForWorkerReady(page, timeout = APP_TIMEOUT) {
  await page.locator('#worker-status[data-state="ready"]').waitFor({ timeout });
}

/**
 * Clicks `target` (a locator or a selector) and resolves to the file it downloads:
 * `{ name, bytes, text }` (text decoded as UTF-8).
 */
export async function download(page, target) {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}
