// init (Chromium): from `import('/package/js/index.js')` to a ready module (JS modules and wasm
// fetched from the gateway, wasm compiled and instantiated, the generated classes declared),
// each sample in a fresh browser context (empty HTTP and code caches); against cytomine-client's
// dist bundle loaded with a <script> (fetch, parse, evaluate). Also the wasm compile time alone
// and the list of files the page downloaded for this package (used by the size figure).
import { median, round } from '../lib/stats.mjs';
import { row } from './common.mjs';

export const init = {
  name: 'init',
  runtimes: ['chromium'],
  async run({ runtime, emus, fx, opts, log }) {
    const emu = emus.fast;
    const samples = { ours: [], js: [] };
    const compile = [];
    let downloaded = [];
    const breakdowns = [];
    const measure = async (kind) => {
      const { page, close } = await runtime.freshPage(emu);
      try {
        const { ms, breakdown } = await page.evaluate(([k, keys]) => window.bench.init(k, keys), [kind, fx.keys]);
        if (kind === 'ours') {
          const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
          downloaded = urls.filter((u) => u.startsWith('/package/'));
          breakdowns.push(breakdown);
        }
        return ms;
      } finally {
        await close();
      }
    };
    for (let i = 0; i < opts.warmup + opts.initRuns; i++) {
      const order = i % 2 ? ['js', 'ours'] : ['ours', 'js'];
      const times = [];
      for (const kind of order) {
        const ms = await measure(kind);
        const b = kind === 'ours' ? breakdowns.at(-1) : null;
        times.push(`${kind} ${ms.toFixed(1)} ms${b ? ` (wasm requested at ${b.wasm_request_start_ms.toFixed(1)}, last byte at ${b.last_byte_ms.toFixed(1)}, then ${b.after_last_byte_ms.toFixed(1)})` : ''}`);
        if (i >= opts.warmup) samples[kind].push(ms);
        else if (kind === 'ours') breakdowns.pop();
      }
      const { page, close } = await runtime.freshPage(emu);
      try {
        const c = await page.evaluate(() => window.benchCompileWasm());
        if (i >= opts.warmup) compile.push(c.ms);
        times.push(`wasm compile ${c.ms.toFixed(1)} ms`);
      } finally {
        await close();
      }
      log(`    round ${i + 1}/${opts.warmup + opts.initRuns}${i < opts.warmup ? ' (warm-up)' : ''}: ${times.join(', ')}`);
    }
    const part = (k) => round(median(breakdowns.map((b) => b[k]).filter((x) => x !== null)));
    const breakdown = {
      files: breakdowns[0]?.files,
      last_byte_ms: part('last_byte_ms'),
      wasm_request_start_ms: part('wasm_request_start_ms'),
      wasm_last_byte_ms: part('wasm_last_byte_ms'),
      after_last_byte_ms: part('after_last_byte_ms'),
    };
    const r = row('init', runtime.name, samples, { extra: { wasm_compile_ms: round(median(compile)), instantiate_init_ms: breakdown.after_last_byte_ms, breakdown, downloaded } });
    // The target is on the wasm instantiation and init: from the last byte of the package's files
    // to a ready module (compile end, instantiate, the generated classes declared).
    r.target = { instantiate_init_ms: 30 };
    r.met = breakdown.after_last_byte_ms < 30;
    return [r];
  },
};
