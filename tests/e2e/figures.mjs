// Figures shown on the page, read from their full-precision data attributes, and the
// same figures from the command line, for comparison.

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PROJECT_ROOT } from './helpers.mjs';

/**
 * Every figure of the comparison table and the strategy cards:
 * "metric|field|strategy" → value (a number). Charts draw derived values and are left out.
 */
export async function shownFigures(page) {
  return page.evaluate(() => {
    const out = {};
    const selector = ['#kpi-table', '#results article.card']
      .map((scope) => `${scope} [data-metric][data-strategy][data-value]`)
      .join(', ');
    for (const el of document.querySelectorAll(selector)) {
      const key = `${el.dataset.metric}|${el.dataset.field ?? 'mean'}|${el.dataset.strategy}`;
      out[key] = Number(el.dataset.value);
    }
    return out;
  });
}

/** Runs the `egress` CLI (debug build) with arguments; returns stdout. */
export function egress(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'egress-cli', '--', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Writes a scenario to target/e2e/NAME.json and returns the path. */
export async function scenarioFile(name, scenario) {
  const dir = join(PROJECT_ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  await writeFile(path, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  return path;
}

/** The value at a shown figure's key in the CLI's summary JSON. */
export function cliFigure(summary, key) {
  const [metric, field, strategy] = key.split('|');
  let value = summary.strategies[Number(strategy)];
  for (const part of metric.split('.')) value = value?.[part];
  if (value !== null && typeof value === 'object') value = value[field === 'value' ? 'mean' : field];
  return value;
}

/**
 * Waits until the run on screen has finished and every part of the report shows it.
 * The default ceiling only catches a hang (CI machines may be slow and busy).
 */
export async function waitForRunEnd(page, timeout = 900_000) {
  await page.waitForFunction(
    () => {
      const bar = document.querySelector('#run-progress');
      return (
        bar &&
        bar.dataset.done === bar.dataset.total &&
        !document.querySelector('#cancel-button') &&
        document.querySelector('#results-root')?.dataset.state === 'finished' &&
        !document.querySelector('#results-root [data-pending]')
      );
    },
    null,
    { timeout },
  );
}
