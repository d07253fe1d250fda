// Chromium runtime: one headless Chromium driven over a DevTools pipe (cdp-pipe.mjs: nothing
// instruments the requests); each contender is a fresh browser context (own renderer process,
// own HTTP cache) with the benchmark page, served same-origin by the emulator's gateway from a
// temporary www directory.
import { cpSync, mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/support/browser.mjs';
import { launchPipeBrowser } from './cdp-pipe.mjs';
import { fixtures, startEmulators } from '../lib/fixtures.mjs';
import { ROOT } from '../lib/snapshot.mjs';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const JS_CLIENT_DIST = path.join(path.dirname(require.resolve('cytomine-client/package.json')), 'dist', 'cytomine-client.min.js');

/** A temp directory laid out like bench/ (page, tasks, digest) plus cytomine-client's dist bundle. */
export function prepareWww() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cytomine-bench-www-'));
  for (const sub of ['browser', 'scenarios', 'lib']) cpSync(path.join(BENCH, sub), path.join(dir, sub), { recursive: true });
  mkdirSync(path.join(dir, 'vendor'));
  copyFileSync(JS_CLIENT_DIST, path.join(dir, 'vendor', 'cytomine-client.min.js'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Playwright's Chromium behind the interface of `launchPipeBrowser` (cdp-pipe.mjs), to measure
 * what its instrumentation changes (`--driver playwright`).
 */
async function launchPlaywrightBrowser() {
  const browser = await launchBrowser();
  return {
    version: browser.version(),
    async newContext() {
      const context = await browser.newContext();
      return {
        async open(url, ready = 'true') {
          const page = await context.newPage();
          await page.goto(url);
          await page.waitForFunction(`(${ready}) === true`);
          const cdp = await context.newCDPSession(page);
          return { evaluate: (fn, arg) => page.evaluate(fn, arg), send: (method, params) => cdp.send(method, params) };
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

const DRIVERS = { pipe: launchPipeBrowser, playwright: launchPlaywrightBrowser };

export class ChromiumRuntime {
  name = 'chromium';

  /** `driver`: `pipe` (the default: nothing instruments the page) or `playwright`. */
  constructor({ driver = 'pipe' } = {}) {
    if (!DRIVERS[driver]) throw new Error(`unknown Chromium driver ${driver} (pipe or playwright)`);
    this.driver = driver;
  }

  async start() {
    this.browser = await DRIVERS[this.driver]();
    this.version = this.browser.version;
  }

  async close() {
    await this.browser?.close();
  }

  /** A contender of `kind` ('ours' | 'js' | 'baseline') talking to `emu`. */
  async contender(kind, emu, keys) {
    const { page, close } = await this.freshPage(emu);
    await page.send('Performance.enable');
    // Time of the page's main thread in tasks (script, GC, parsing...), in ms.
    const taskMs = async () => {
      const { metrics } = await page.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
    };
    const init = await page.evaluate(([k, kk]) => window.bench.init(k, kk), [kind, { ...keys, core: emu.core }]);
    const gc = async () => {
      await page.send('HeapProfiler.collectGarbage');
      await page.send('HeapProfiler.collectGarbage');
    };
    return {
      kind,
      initMs: init.ms,
      page,
      async run(task, params) {
        await gc(); // garbage of the previous run is not charged to this one
        const c0 = await taskMs();
        const result = await page.evaluate(([t, p]) => window.bench.run(t, p), [task, params]);
        const cpuMs = (await taskMs()) - c0;
        const errors = await page.evaluate(() => window.benchErrors.splice(0));
        if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
        const digest = await page.evaluate(() => window.bench.digest());
        return { ms: result.ms, cpuMs, digest };
      },
      async memory() {
        await gc();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await gc();
        const { usedSize } = await page.send('Runtime.getHeapUsage');
        const wasm = await page.evaluate(() => window.bench.wasmBytes());
        return { heapUsed: usedSize, wasm };
      },
      close,
    };
  }

  /** The benchmark page in a fresh browser context: `{ page, close }`. */
  async freshPage(emu) {
    const context = await this.browser.newContext();
    const page = await context.open(`${emu.url}/browser/page.html`, 'window.benchReady');
    return { page, close: () => context.close() };
  }
}

/**
 * Runs `fn({ page, fx })` in a fresh benchmark page served by the emulators of the benchmark (the
 * one with `latencyMs` added when it is not 0), then closes everything. `prepare(wwwDir)` may add
 * files to the served directory first. `driver`: `pipe` (as the benchmark: nothing instruments the
 * page, see cdp-pipe.mjs) or `playwright` (its Network instrumentation, for comparison); `fn` only
 * uses `page.evaluate(fn, arg)`. For the diagnostics bench/ab.mjs and bench/request-path.mjs.
 */
export async function withBenchPage({ latencyMs = 0, prepare, driver = 'pipe' } = {}, fn) {
  const runtime = new ChromiumRuntime({ driver });
  const www = prepareWww();
  let emus = null;
  try {
    prepare?.(www.dir);
    emus = await startEmulators({ wwwDir: www.dir, packageDir: ROOT, latencyMs });
    await runtime.start();
    const { page } = await runtime.freshPage(latencyMs > 0 ? emus.slow : emus.fast);
    return await fn({ page, fx: fixtures(emus.fast) });
  } finally {
    await runtime.close();
    await emus?.close();
    www.remove();
  }
}
