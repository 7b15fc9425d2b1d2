// axe-core in the end-to-end tests. The page's Content-Security-Policy forbids inline
// scripts, so axe cannot be added as a <script> tag; its source is evaluated through
// the DevTools protocol instead (page.evaluate), which the policy does not govern, and
// axe itself needs no eval. The page under test keeps its real policy.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let source;

/** axe-core's version, as installed from package-lock.json. */
export const AXE_VERSION = require('axe-core/package.json').version;

/**
 * Runs axe on the page (or on `context`, a selector) and returns its violations as
 * [{ id, impact, help, nodes: ["selector: summary", …] }].
 */
export async function axeViolations(page, { context = null, options = {} } = {}) {
  source ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  return page.evaluate(
    async ({ context, options }) => {
      const results = await window.axe.run(context ?? document, { resultTypes: ['violations'], ...options });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      }));
    },
    { context, options },
  );
}

/** The serious and critical violations, as readable text (empty when there are none). */
export function seriousReport(violations) {
  return fullReport(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'));
}

/** Every violation, of any impact, as readable text (empty when there are none). */
export function fullReport(violations) {
  return violations
    .map((v) => `${v.impact} ${v.id} (${v.help}):\n    ${v.nodes.slice(0, 12).join('\n    ')}${v.nodes.length > 12 ? `\n    … and ${v.nodes.length - 12} more` : ''}`)
    .join('\n');
}
