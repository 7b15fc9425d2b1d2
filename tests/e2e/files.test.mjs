// Scenario files and result tables: download the scenario as JSON and open it again;
// bad files are refused with a banner and the scenario is kept; results download as
// CSV, safe against spreadsheet formula injection.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { download, startSession, waitForWorkerReady } from './helpers.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function openFile(page, name, text) {
  await page.locator('#open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a scenario goes out as JSON and comes back; bad files are refused', async () => {
  const app = await session.openApp();
  const { page } = app;
  await waitForWorkerReady(page);
  await page.locator('#preset-picker').selectOption('jackman');
  const json = await download(page, '#download-json');
  assert.match(json.name, /^jackman.*\.json$/);
  const scenario = JSON.parse(json.text);
  assert.equal(scenario.crossings[0].name, 'Jackman');
  assert.equal(scenario.strategies.length, 5);

  // Edited outside the app and opened again.
  scenario.name = 'Jackman, edited';
  scenario.strategies[1].name = '=HYPERLINK("http://example.com","x")';
  scenario.replications = 4;
  await openFile(page, 'edited.json', JSON.stringify(scenario));
  await page.locator('#notice').filter({ hasText: 'Opened "edited.json"' }).waitFor();

  // Invalid values, a wrong type, garbage, an unknown field: refused, nothing lost.
  const invalid = structuredClone(scenario);
  invalid.crossings[0].connectivity_uptime = 3;
  const wrongType = structuredClone(scenario);
  wrongType.horizon_days = 'a year';
  for (const [name, text, expected] of [
    // In the editor's words: no field paths, no parser types.
    ['invalid.json', JSON.stringify(invalid), /Crossing Jackman \(0104\) › Connectivity uptime: must be a share/],
    ['wrong-type.json', JSON.stringify(wrongType), /not a readable scenario \(Horizon\): got the text "a year", expected a whole number/],
    ['garbage.json', '{"version": 1, "name": ', /not a readable scenario/],
  ]) {
    await openFile(page, name, text);
    const banner = page.locator('#notice').filter({ hasText: `"${name}" was not opened` });
    await banner.waitFor();
    assert.match(await banner.textContent(), expected);
    assert.match(await banner.textContent(), /your scenario is unchanged/);
  }
  const again = JSON.parse((await download(page, '#download-json')).text);
  assert.equal(again.name, 'Jackman, edited', 'the scenario opened last is still there');

  // Run it and take the tables.
  await page.locator('#run-button').click();
  await page.waitForFunction(() => {
    const bar = document.querySelector('#run-progress');
    return bar && bar.dataset.done === bar.dataset.total && !document.querySelector('#cancel-button');
  });
  const csv = await download(page, '#download-csv');
  assert.match(csv.name, /results\.csv$/);
  const lines = csv.text.trim().split('\n');
  assert.equal(lines[0], 'strategy,metric,unit,mean,low,high');
  assert.ok(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://example.com"",""x"")",detection rate,share,`)),
    'a strategy name that looks like a formula is escaped with a quote');
  assert.ok(!lines.some((l) => /^"?=/.test(l)), 'no cell starts with =');
  const crossings = await download(page, '#download-crossings-csv');
  assert.match(crossings.text.split('\n')[0], /^strategy,level,id,name,border,field_office,exits_per_year/);
  assert.ok(crossings.text.includes(',crossing,0104,Jackman,Northern border,Boston,'));
  await app.close();
});
