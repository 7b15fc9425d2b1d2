// `make bench`, browser part: runs presets in headless Chromium over the release bundle
// (dist/) and prints how the page behaves while it simulates. Figures are printed,
// never asserted: they depend on the machine and on what else it is doing.
//
// Per run: wall time from Run to the final summary (and, for a San Ysidro sensitivity
// analysis and a 64-world robustness analysis, from its button to its result); the longest main-thread task and
// the count of tasks over 50 ms (PerformanceObserver 'longtask'); CPU of the simulation
// workers and of everything else Chromium did meanwhile (the page's share), read from
// /proc for every process of the browser. Then the page's wasm against the native CLI
// on one worker.
//
//   node scripts/bench-browser.mjs [--replications N] [--skip-native] [--optimiser-only] [--optimise PRESET,…]
//
// The aims (ARCHITECTURE.md, "Targets"): no main-thread task over 50 ms on a quiet
// machine, the page's CPU at most 10% of the workers', browser/native speed ≥ 0.6.

import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { PROJECT_ROOT, launchChromium, serveDist } from '../tests/e2e/helpers.mjs';

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPLICATIONS = option('--replications'); // default: each preset's own
const SKIP_NATIVE = args.includes('--skip-native');
const OPTIMISER_ONLY = args.includes('--optimiser-only'); // section 3 alone
// Section 3's presets (`--optimise national` for one of them).
const OPTIMISE_PRESETS = option('--optimise')?.split(',') ?? ['san-ysidro', 'national'];
const CLOCK_TICKS = 100; // USER_HZ on Linux

async function cpuSeconds(path) {
  const stat = await readFile(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds so far of Chromium's processes whose command line mentions `marker`:
 * each process's total (which keeps the time of threads that have ended, such as a
 * finished run's workers) and each living thread's, by name.
 */
async function chromiumCpu(marker) {
  const processes = new Map();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(marker)) continue;
      const threads = new Map();
      for (const tid of await readdir(`/proc/${pid}/task`)) {
        try {
          const name = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8')).trim();
          threads.set(tid, { name, seconds: await cpuSeconds(`/proc/${pid}/task/${tid}/stat`) });
        } catch {
          // A thread that ended meanwhile.
        }
      }
      processes.set(pid, {
        renderer: cmdline.includes('--type=renderer'),
        total: await cpuSeconds(`/proc/${pid}/stat`),
        threads,
      });
    } catch {
      // A process that ended meanwhile.
    }
  }
  return processes;
}

/**
 * CPU spent between two readings: by the simulation workers (threads Chromium names
 * "DedicatedWorker", living or ended), by the renderers' main threads, and by every
 * other thread of the browser (compositors, GPU, I/O, the browser process).
 */
function cpuBetween(before, after) {
  const spent = { workers: 0, main: 0, other: 0 };
  for (const [pid, now] of after) {
    const then = before.get(pid);
    const processTotal = now.total - (then?.total ?? 0);
    if (!now.renderer) {
      spent.other += processTotal;
      continue;
    }
    // Workers may have ended: they are the renderer's time not spent by its other,
    // long-lived threads.
    let notWorkers = 0;
    for (const [tid, thread] of now.threads) {
      if (thread.name.startsWith('DedicatedWorker')) continue;
      const delta = thread.seconds - (then?.threads.get(tid)?.seconds ?? 0);
      notWorkers += delta;
      if (tid === pid) spent.main += delta;
      else spent.other += delta;
    }
    spent.workers += Math.max(0, processTotal - notWorkers);
  }
  return spent;
}

async function choosePreset(page, id) {
  await page.locator('#preset-picker').selectOption(id);
  await page.waitForFunction((value) => document.querySelector('#preset-picker').value === value, id);
}

async function setReplications(page, n) {
  const input = page.locator('[data-path="replications"] input').first();
  if (!(await input.isVisible())) await page.locator('#editor-section-run-toggle').click();
  await input.fill(String(n));
  await page.waitForFunction(() => document.querySelector('#run-button')?.disabled === false);
}

/** A new page of the app with `workers` workers, `preset` chosen (and `replications`). */
async function openPage(session, preset, workers, replications) {
  const page = await session.context.newPage();
  page.setDefaultTimeout(3_600_000);
  await page.goto(`${session.url}?workers=${workers}`, { waitUntil: 'load' });
  await page.locator('#worker-status[data-state="ready"]').waitFor();
  await choosePreset(page, preset);
  if (replications) await setReplications(page, replications);
  return page;
}

/** Starts recording the page's long tasks (over 50 ms). */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

/** The long tasks recorded between `start` and `end` (page clock, ms). */
async function longTasksBetween(page, start, end) {
  return page.evaluate(
    ([from, to]) => window.__longTasks.filter((t) => t.start + t.duration >= from && t.start <= to),
    [start, end],
  );
}

/** Runs `preset` with `workers` workers; resolves to the figures of the run. */
async function benchRun(session, preset, workers, replications) {
  const page = await openPage(session, preset, workers, replications);
  await watchLongTasks(page);
  const cpuBefore = await chromiumCpu(session.profile);
  const start = await page.evaluate(() => performance.now());
  await page.locator('#run-button').click();
  await page.waitForFunction(
    () => {
      const bar = document.querySelector('#run-progress');
      return bar && bar.dataset.done === bar.dataset.total && !document.querySelector('#cancel-button');
    },
    null,
    { timeout: 3_600_000, polling: 250 },
  );
  const end = await page.evaluate(() => performance.now());
  const cpuAfter = await chromiumCpu(session.profile);
  const longTasks = await longTasksBetween(page, start, end);
  const units = Number(await page.locator('#run-progress').getAttribute('data-total'));
  await page.close();
  const cpu = cpuBetween(cpuBefore, cpuAfter);
  return {
    preset,
    workers,
    units,
    seconds: (end - start) / 1000,
    longest: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    over50: longTasks.length,
    cpu,
  };
}

/**
 * Optimises `preset`'s programme with the question the editor proposes when it is turned
 * on (one crossing: the cheapest plan for a 1% detection rate over the default candidate
 * space; several: a budget of $250k a year per crossing allocated across them), with
 * `workers` workers. Resolves to the same figures as a run (units: replications used).
 */
async function benchOptimise(session, preset, workers) {
  const page = await openPage(session, preset, workers, null);
  await page.locator('#editor-section-programme-toggle').click();
  await page.locator('#programme-enabled').check();
  await page.locator('#tab-programme').click();
  await page.waitForFunction(() => document.querySelector('#optimise')?.disabled === false);
  await watchLongTasks(page);
  const cpuBefore = await chromiumCpu(session.profile);
  const start = await page.evaluate(() => performance.now());
  await page.locator('#optimise').click();
  await page.waitForFunction(
    () => ['done', 'failed', 'cancelled'].includes(document.querySelector('.analysis-bar[data-analysis="programme"]')?.dataset.state),
    null,
    { timeout: 3_600_000, polling: 250 },
  );
  const end = await page.evaluate(() => performance.now());
  const cpuAfter = await chromiumCpu(session.profile);
  const state = await page.locator('.analysis-bar[data-analysis="programme"]').getAttribute('data-state');
  if (state !== 'done') console.log(`   ${preset}: the optimisation ended ${state}: ${await page.locator('.analysis-bar').textContent()}`);
  const longTasks = await longTasksBetween(page, start, end);
  const units = Number((await page.locator('#programme-result').getAttribute('data-replications').catch(() => null)) ?? NaN);
  await page.close();
  return {
    preset: `${preset} optimise`,
    workers,
    units,
    seconds: (end - start) / 1000,
    longest: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    over50: longTasks.length,
    cpu: cpuBetween(cpuBefore, cpuAfter),
  };
}

/**
 * Runs analysis `kind` (sensitivity, robustness) of `preset` from the "How sure are we?"
 * tab with `workers` workers; resolves to its wall time, units and longest task.
 */
async function benchAnalysis(session, preset, kind, workers, replications) {
  const page = await openPage(session, preset, workers, replications);
  await page.locator('#tab-assurance').click();
  await watchLongTasks(page);
  const start = await page.evaluate(() => performance.now());
  await page.locator(`#analyse-${kind}`).click();
  const bar = page.locator(`.analysis-bar[data-analysis="${kind}"][data-state="done"], .analysis-bar[data-analysis="${kind}"][data-state="failed"]`);
  await bar.waitFor({ timeout: 3_600_000 });
  const end = await page.evaluate(() => performance.now());
  const state = await bar.getAttribute('data-state');
  const longTasks = await longTasksBetween(page, start, end);
  await page.close();
  return {
    preset,
    kind,
    workers,
    state,
    seconds: (end - start) / 1000,
    longest: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    over50: longTasks.length,
  };
}

function printAnalysis(r, what) {
  console.log(
    `   ${r.preset.padEnd(11)} ${r.kind.padEnd(12)} ${String(r.workers).padStart(2)} worker(s)  ${what.padEnd(38)} ` +
      `${r.seconds.toFixed(1).padStart(7)} s  longest task ${r.longest.toFixed(0).padStart(4)} ms  ` +
      `tasks > 50 ms: ${String(r.over50).padStart(3)}${r.state === 'done' ? '' : `  (${r.state})`}`,
  );
}

function printRun(r) {
  const pageCpu = r.cpu.main + r.cpu.other;
  const share = r.cpu.workers > 0 ? (100 * pageCpu) / r.cpu.workers : NaN;
  const mainShare = r.cpu.workers > 0 ? (100 * r.cpu.main) / r.cpu.workers : NaN;
  console.log(
    `   ${r.preset.padEnd(11)} ${String(r.workers).padStart(2)} worker(s) ${String(r.units).padStart(4)} units  ` +
      `${r.seconds.toFixed(1).padStart(7)} s  longest task ${r.longest.toFixed(0).padStart(4)} ms  ` +
      `tasks > 50 ms: ${String(r.over50).padStart(3)}  ` +
      `CPU workers ${r.cpu.workers.toFixed(1)} s, page main thread ${r.cpu.main.toFixed(1)} s (${mainShare.toFixed(1)}%), ` +
      `page all threads ${pageCpu.toFixed(1)} s (${share.toFixed(1)}%)`,
  );
}

/** Seconds the native CLI takes for `preset` (one process, one thread). */
async function nativeSeconds(preset, replications) {
  const cargo = ['run', '--release', '--quiet', '--locked', '-p', 'egress-cli', '--'];
  await run('cargo', [...cargo, 'preset', 'jackman'], { cwd: PROJECT_ROOT }); // build first
  const dir = await mkdtemp(join(tmpdir(), 'egress-bench-'));
  try {
    const { stdout } = await run('cargo', [...cargo, 'preset', preset], { cwd: PROJECT_ROOT, maxBuffer: 1 << 26 });
    const file = join(dir, `${preset}.json`);
    await writeFile(file, stdout);
    const extra = replications ? ['--replications', String(replications)] : [];
    const started = process.hrtime.bigint();
    await run(join(PROJECT_ROOT, 'target', 'release', 'egress'), ['run', file, ...extra], {
      cwd: PROJECT_ROOT,
      maxBuffer: 1 << 28,
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const server = await serveDist();
const browser = await launchChromium();
const profile = browser.userDataDir;
const session = { url: server.url, context: browser.context, profile };
try {
  console.log('Browser benchmark (headless Chromium, release bundle)');
  if (OPTIMISER_ONLY) console.log('(--optimiser-only: sections 1 and 2 skipped)');
  if (!OPTIMISER_ONLY) {
    console.log('1. Responsiveness during a run, 2 workers (aims on a quiet machine: no task over 50 ms; page CPU <= 10% of the workers\')');
    for (const preset of ['jackman', 'san-ysidro', 'national']) {
      printRun(await benchRun(session, preset, 2, REPLICATIONS));
    }
    if (!REPLICATIONS) {
      console.log('   the national preset, 30 replications of every strategy, 2 workers:');
      printRun(await benchRun(session, 'national', 2, 30));
    }
    console.log('   Analyses in the browser, 2 workers (printed; no aim yet):');
    printAnalysis(
      await benchAnalysis(session, 'san-ysidro', 'sensitivity', 2, 30),
      'every assumption low/high, 30 replications',
    );
    printAnalysis(await benchAnalysis(session, 'san-ysidro', 'robustness', 2, null), '64 worlds × 5 replications');
  }
  if (!SKIP_NATIVE && !OPTIMISER_ONLY) {
    const reps = REPLICATIONS ?? 10;
    console.log(`2. The page's wasm against the native CLI: San Ysidro, ${reps} replications, one worker / one thread (aim >= 0.6)`);
    const browserRun = await benchRun(session, 'san-ysidro', 1, reps);
    printRun(browserRun);
    const native = await nativeSeconds('san-ysidro', reps);
    console.log(`   native ${native.toFixed(1)} s, browser ${browserRun.seconds.toFixed(1)} s: ratio native/browser = ${(native / browserRun.seconds).toFixed(2)}`);
  }
  console.log('3. The optimiser (issue 13), 2 workers, the question the editor proposes: San Ysidro, the cheapest plan for a 1% detection rate over the default space (aim < 10 s); the national programme, $250k a year per crossing allocated (aim < 2 min); units = replications used');
  for (const preset of OPTIMISE_PRESETS) printRun(await benchOptimise(session, preset, 2));
} finally {
  await browser.close();
  await server.close();
}
