// Share links: a copied link opens in a fresh page and runs to the same figures; every
// kind of bad link gets a banner saying what is wrong, and nothing the planner had —
// the scenario on screen, the saved library — is lost.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { after, before, test } from 'node:test';

import { egress, shownFigures, waitForRunEnd } from './figures.mjs';
import { PROJECT_ROOT, download, startSession, waitForWorkerReady } from './helpers.mjs';

const DICTIONARY = readFileSync(join(PROJECT_ROOT, 'core', 'src', 'link', 'dictionary_v1.txt'));

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A v1 fragment for arbitrary bytes, as egress_core::link::fragment_from_json makes it. */
function fragmentFor(bytes) {
  const packed = deflateRawSync(bytes, { dictionary: DICTIONARY, level: 9 });
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(adler32(bytes));
  return `#s=1.${Buffer.concat([packed, checksum]).toString('base64url')}`;
}

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function openScenarioFile(page, scenario) {
  await page.locator('#open-file').setInputFiles({
    name: 'shared.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page.locator('#notice').filter({ hasText: 'Opened "shared.json"' }).waitFor();
}

test('a copied link opens in a fresh page and gives the same figures', async () => {
  const scenario = JSON.parse(egress('preset', 'jackman'));
  scenario.name = 'Jackman — shared with the workgroup';
  scenario.seed = 987654321;
  scenario.replications = 6;

  const sender = await session.openApp();
  await waitForWorkerReady(sender.page);
  await openScenarioFile(sender.page, scenario);
  await sender.page.locator('#copy-link').click();
  await sender.page.locator('#notice').filter({ hasText: 'Link copied' }).waitFor();
  const link = await sender.page.locator('#share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#s=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length <= 2000, `link of ${link.length} characters`);
  await sender.page.locator('#run-button').click();
  await waitForRunEnd(sender.page);
  const sent = await shownFigures(sender.page);

  const receiver = await session.openApp(link.slice(link.indexOf('#')));
  await waitForWorkerReady(receiver.page);
  await receiver.page.locator('#notice').filter({ hasText: 'Opened the scenario from the shared link' }).waitFor();
  await receiver.page.locator('#run-button').click();
  await waitForRunEnd(receiver.page);
  const received = await shownFigures(receiver.page);
  assert.ok(Object.keys(received).length >= 50);
  assert.deepEqual(received, sent, 'the same figures to the digit');
  await receiver.close();
  await sender.close();
});

test('a scenario too big for a link is offered as a file instead', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('national');
  await page.locator('#copy-link').click();
  const banner = page.locator('#notice').filter({ hasText: 'too big for a link' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /\(\d+ characters; links are kept under \d+\)/);
  assert.equal(await page.locator('#share-link').count(), 0, 'no half link is shown');
  await app.screenshot('link-too-big');
  const file = await download(page, banner.locator('#notice-download-json'));
  assert.match(file.name, /\.json$/);
  const scenario = JSON.parse(file.text);
  const expected = JSON.parse(egress('preset', 'national'));
  assert.equal(scenario.crossings.length, expected.crossings.length);
  assert.deepEqual(scenario, expected, 'the file is the scenario on screen');
  await app.close();
});

test('bad links get a banner and lose nothing', async () => {
  // Something saved in this browser first.
  const first = await session.openApp();
  await waitForWorkerReady(first.page);
  await first.page.locator('#library summary').click();
  await first.page.locator('#library-name').fill('Keep me');
  await first.page.locator('#library-save').click();
  await first.page.locator('#notice').filter({ hasText: 'Saved "Keep me"' }).waitFor();
  const good = egress('link', 'encode', await writeJackman()).trim();
  await first.close();

  const jackman = JSON.parse(egress('preset', 'jackman'));
  const invalid = { ...jackman, replications: 0 };
  const cases = [
    ['truncated', good.slice(0, Math.floor(good.length * 0.6)), /link|damaged|incomplete|truncat/i],
    ['tampered', tamper(good), /link|damaged|corrupt|checksum/i],
    ['unknown version', good.replace('#s=1.', '#s=9.'), /version/i],
    ['not base64', '#s=1.%%%not*base64%%%', /link|characters|base64/i],
    ['decompression bomb', fragmentFor(Buffer.alloc(16 * 1024 * 1024, ' ')), /large|big|MB|MiB/i],
    ['not a scenario', fragmentFor(Buffer.from('{"hello": "world"}')), /scenario|field/i],
    ['invalid values', fragmentFor(Buffer.from(JSON.stringify(invalid))), /Replications: must be a whole number/],
  ];
  for (const [what, fragment, expected] of cases) {
    const app = await session.openApp(fragment.startsWith('#') ? fragment : `#${fragment.split('#')[1]}`);
    await waitForWorkerReady(app.page);
    const banner = app.page.locator('#notice').filter({ hasText: 'This link could not be opened' });
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, expected, `${what}: ${text}`);
    assert.match(text, /Nothing was changed/);
    assert.equal(await app.page.locator('#preset-picker').inputValue(), 'san-ysidro', `${what}: the default scenario stays`);
    await app.page.locator('#library summary').click();
    assert.match(await app.page.locator('#library').textContent(), /Keep me/, `${what}: saved work stays`);
    if (what === 'invalid values') await app.screenshot('bad-link');
    await app.close();
  }

  // A bad link pasted while working keeps the scenario being edited.
  const working = await session.openApp();
  await waitForWorkerReady(working.page);
  await working.page.locator('#preset-picker').selectOption('jackman');
  await working.page.evaluate((f) => {
    window.location.hash = f;
  }, good.replace('#s=1.', '#s=1.A'));
  await working.page.locator('#notice').filter({ hasText: 'This link could not be opened' }).waitFor();
  assert.equal(await working.page.locator('#preset-picker').inputValue(), 'jackman');
  await working.close();
});

function tamper(fragment) {
  const i = Math.floor(fragment.length / 2);
  const c = fragment[i] === 'A' ? 'B' : 'A';
  return fragment.slice(0, i) + c + fragment.slice(i + 1);
}

async function writeJackman() {
  const { scenarioFile } = await import('./figures.mjs');
  return scenarioFile('jackman-link', egress('preset', 'jackman'));
}
