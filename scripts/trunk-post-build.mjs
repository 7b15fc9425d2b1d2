#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): makes the built index.html obey the page's
// Content-Security-Policy, which has no 'unsafe-inline'.
//
// Trunk injects an inline `<script type="module">` that imports the page's wasm-bindgen
// module and starts it. This hook moves every inline script of the staged index.html
// into its own file, `boot-<hash>.js`, referenced with `src=` and a sha384 `integrity`,
// then checks that no inline script, inline style or event-handler attribute is left
// and that the CSP meta tag is present. Any violation fails the Trunk build.
//
// Then it generates the offline service worker, `sw.js`, with workbox-build's
// generateSW: a precache of every file of the bundle the app needs (the page, the page
// and worker wasm and JS, the worker loader, styles, icon), each with a content hash
// (workbox "revision"), so that a new build is a new worker that the page offers to
// switch to (assets/offline.js). The workbox runtime is inlined into sw.js: the
// worker loads nothing from any other origin (no importScripts of a CDN).
//
// Trunk runs hooks from the project root with TRUNK_STAGING_DIR (the directory that
// becomes dist/), TRUNK_HTML_FILE and TRUNK_PUBLIC_URL in the environment. It can also
// be run by hand on a built directory: `node scripts/trunk-post-build.mjs dist`.

import { createHash } from 'node:crypto';
import { generateSW } from 'workbox-build';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const stagingDir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!stagingDir) {
  console.error('trunk-post-build: TRUNK_STAGING_DIR is not set and no directory was given');
  process.exit(2);
}
const htmlName = basename(process.env.TRUNK_HTML_FILE ?? 'index.html');
const publicUrl = withTrailingSlash(process.env.TRUNK_PUBLIC_URL ?? '/');
const htmlPath = join(stagingDir, htmlName);

function withTrailingSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

function fail(message) {
  console.error(`trunk-post-build: ${message} (${htmlPath})`);
  process.exit(1);
}

let html = readFileSync(htmlPath, 'utf8');
let moved = 0;

html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (whole, attrs, body) => {
  if (/\bsrc\s*=/i.test(attrs)) return whole; // already external
  if (body.trim() === '') return ''; // empty inline script: drop it
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
  if (type !== undefined && type !== 'module' && !/javascript/i.test(type)) {
    return whole; // data blocks (e.g. application/json) are not executed: keep them
  }
  const code = `${body.trim()}\n`;
  const bytes = Buffer.from(code, 'utf8');
  const name = `boot-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.js`;
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  writeFileSync(join(stagingDir, name), bytes);
  moved += 1;
  const typeAttr = type === undefined ? '' : ` type="${type}"`;
  return `<script${typeAttr} src="${publicUrl}${name}" integrity="${integrity}"></script>`;
});

// Chromium ignores `integrity` on `<link rel="preload" as="fetch">` (the wasm preload
// Trunk writes) and logs a console warning for it: drop the attribute there. The wasm
// itself is still covered: it is fetched by the module that the integrity-checked
// modulepreload/boot script load, and it is served from this origin only.
html = html.replace(/<link\b[^>]*\brel="preload"[^>]*>/gi, (tag) =>
  /\bas="fetch"/i.test(tag) ? tag.replace(/\s+integrity="[^"]*"/i, '') : tag,
);

// Guards: what the CSP would block must not be in the page.
const leftovers = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].filter(
  ([, attrs, body]) => !/\bsrc\s*=/i.test(attrs) && body.trim() !== '',
);
if (leftovers.length > 0) fail('an inline script is left');
if (/<style\b/i.test(html)) fail('an inline <style> element is present');
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) fail('an inline style= attribute is present');
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) fail('an inline event-handler attribute is present');
if (!/http-equiv\s*=\s*["']?Content-Security-Policy/i.test(html)) fail('the CSP meta tag is missing');
if (/'unsafe-inline'|'unsafe-eval'/.test(html)) fail("the CSP allows 'unsafe-inline' or 'unsafe-eval'");

writeFileSync(htmlPath, html);
console.log(`trunk-post-build: moved ${moved} inline script(s) out of ${htmlName}`);

// The offline service worker. Paths are relative to the bundle root, where sw.js is
// served; `_headers` is for the host, not the app.
const serviceWorker = await generateSW({
  globDirectory: stagingDir,
  globPatterns: ['**/*.{html,js,mjs,wasm,css,svg,png,ico,json,woff2}'],
  globIgnores: ['sw.js', 'sw.js.map', '_headers'],
  swDest: join(stagingDir, 'sw.js'),
  inlineWorkboxRuntime: true,
  mode: 'production',
  sourcemap: false,
  // A new version waits for the planner (never a silent swap mid-run): the worker
  // takes over when the page posts {type: 'SKIP_WAITING'} (assets/offline.js).
  skipWaiting: false,
  clientsClaim: false,
  cleanupOutdatedCaches: true,
  // "/" is the page; page options such as ?workers=2 still find it offline.
  directoryIndex: htmlName,
  ignoreURLParametersMatching: [/.*/],
  // The page's wasm is about 2 MB (the default ceiling): everything must be cached.
  maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
});
const precached = serviceWorker.count;
if (!(precached >= 6)) fail(`the service worker precaches only ${precached} file(s)`);
const workerSource = readFileSync(join(stagingDir, 'sw.js'), 'utf8');
if (/importScripts\s*\(/.test(workerSource)) fail('sw.js imports scripts (workbox must be inlined)');
for (const warning of serviceWorker.warnings) console.warn(`trunk-post-build: workbox: ${warning}`);
console.log(
  `trunk-post-build: sw.js precaches ${precached} file(s), ${(serviceWorker.size / 1e6).toFixed(1)} MB`,
);
