// Chromium runtime: one headless Chromium; each contender is a fresh browser context (own
// renderer process, own HTTP cache) with the benchmark page, served same-origin by the
// emulator's gateway from a temporary www directory.
import { cpSync, mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/support/browser.mjs';
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

export class ChromiumRuntime {
  name = 'chromium';

  async start() {
    this.browser = await launchBrowser();
    this.version = this.browser.version();
  }

  async close() {
    await this.browser?.close();
  }

  /** A contender of `kind` ('ours' | 'js' | 'baseline') talking to `emu`. */
  async contender(kind, emu, keys) {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // CPU time of the page's main thread (all its tasks: script, GC, parsing...), in ms.
    const taskMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
    };
    await page.goto(`${emu.url}/browser/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const init = await page.evaluate(([k, kk]) => window.bench.init(k, kk), [kind, keys]);
    const gc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
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
        if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
        const digest = await page.evaluate(() => window.bench.digest());
        return { ms: result.ms, cpuMs, digest };
      },
      async memory() {
        await gc();
        await page.waitForTimeout(50);
        await gc();
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        const wasm = await page.evaluate(() => window.bench.wasmBytes());
        return { heapUsed: usedSize, wasm };
      },
      close: () => context.close(),
    };
  }

  /** A fresh page that only loads the bench page (for the init measurements). */
  async freshPage(emu) {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${emu.url}/browser/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    return { page, close: () => context.close() };
  }
}

/**
 * Runs `fn({ page, fx })` in a fresh benchmark page served by the emulators of the benchmark (the
 * one with `latencyMs` added when it is not 0), then closes everything. `prepare(wwwDir)` may add
 * files to the served directory first. For the diagnostics bench/ab.mjs and bench/request-path.mjs.
 */
export async function withBenchPage({ latencyMs = 0, prepare } = {}, fn) {
  const www = prepareWww();
  const runtime = new ChromiumRuntime();
  let emus = null;
  try {
    prepare?.(www.dir);
    emus = await startEmulators({ wwwDir: www.dir, packageDir: ROOT, latencyMs });
    await runtime.start();
    const { page, close } = await runtime.freshPage(latencyMs > 0 ? emus.slow : emus.fast);
    try {
      return await fn({ page, fx: fixtures(emus.fast) });
    } finally {
      await close();
    }
  } finally {
    await runtime.close();
    await emus?.close();
    www.remove();
  }
}
