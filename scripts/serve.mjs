#!/usr/bin/env node
// A tiny static file server for the release bundle (dist/). Used by `make serve` and,
// as a module, by the end-to-end tests (tests/e2e/helpers.mjs).
//
//   node scripts/serve.mjs [--root dist] [--host 127.0.0.1] [--port 8080]
//
// Serves .wasm as application/wasm (required by WebAssembly.instantiateStreaming) and
// .js as text/javascript (required for module scripts, module workers and the offline
// service worker sw.js, which a browser refuses under any other type). Every file is
// sent with `Cache-Control: no-cache` (revalidate before use), so a browser always sees
// a new sw.js, the start of an offline update, as a real host must (README). Only files
// under the root are served; unknown paths are 404 (no SPA fallback, so a missing asset
// shows up as an error in tests).
//
// Every response carries the headers of the root's `_headers` file (the format Netlify
// and Cloudflare Pages read; Trunk copies assets/_headers there), above all the
// Content-Security-Policy: a worker is governed by the policy of its script's response,
// not by the page's <meta> tag, so without the header the simulation workers could
// fetch anywhere and eval. Without a `_headers` in the root, the project's
// assets/_headers is used; without either, the server does not start.

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_ROOT = join(PROJECT_ROOT, 'dist');
export const PROJECT_HEADERS = join(PROJECT_ROOT, 'assets', '_headers');

/**
 * Parses a `_headers` file: a line that starts at column 0 is a path pattern (`*`
 * matches anything, `:name` one path segment), the indented `Name: value` lines under
 * it are its headers, `#` starts a comment. Returns [{ pattern: RegExp, headers }].
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+'))
        .join('.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const match = line.trim().match(/^([A-Za-z0-9-]+)\s*:\s*(.+)$/);
    if (!match || rules.length === 0) throw new Error(`_headers line ${n + 1} is not understood: ${line}`);
    rules.at(-1).headers.push([match[1].toLowerCase(), match[2].trim()]);
  }
  return rules;
}

/** The headers of every rule matching `pathname`, later rules winning. */
export function headersFor(rules, pathname) {
  const out = {};
  for (const { pattern, headers } of rules) {
    if (pattern.test(pathname)) for (const [name, value] of headers) out[name] = value;
  }
  return out;
}

async function loadHeaderRules(rootDir) {
  for (const file of [join(rootDir, '_headers'), PROJECT_HEADERS]) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) {
      const rules = parseHeadersFile(text);
      if (!Object.keys(headersFor(rules, '/index.html')).includes('content-security-policy')) {
        throw new Error(`${file} gives no Content-Security-Policy for every file`);
      }
      return rules;
    }
  }
  throw new Error(`no _headers file in ${rootDir} or ${PROJECT_HEADERS}`);
}

/**
 * Starts serving `root` on `host:port` (port 0 picks a free port).
 * Resolves to { url, port, server, close }, where `url` ends with '/'.
 */
export async function startServer({ root = DEFAULT_ROOT, host = '127.0.0.1', port = 0 } = {}) {
  const rootDir = resolve(root);
  await stat(join(rootDir, 'index.html')).catch(() => {
    throw new Error(`${rootDir}/index.html not found: build the bundle first (make dist)`);
  });
  const rules = await loadHeaderRules(rootDir);

  const server = createServer((req, res) => {
    handle(rootDir, rules, req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${err.message}\n`);
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    server,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

async function handle(rootDir, rules, req, res) {
  let pathname = null;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    // Not a path: refused below, under the policy of the root.
  }
  // Every response, errors included, is under the policy.
  for (const [name, value] of Object.entries(headersFor(rules, pathname ?? '/'))) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    res.end('method not allowed\n');
    return;
  }
  if (pathname === null) return notFound(res);
  let file = normalize(join(rootDir, pathname));
  if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound(res);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return notFound(res);

  res.writeHead(200, {
    'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found\n');
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    if (flag === '--root') options.root = value;
    else if (flag === '--host') options.host = value;
    else if (flag === '--port') options.port = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const options = { port: 8080, ...parseArgs(process.argv.slice(2)) };
  const { url, close } = await startServer(options);
  console.log(`Egress is served at ${url}  (Ctrl-C to stop)`);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
