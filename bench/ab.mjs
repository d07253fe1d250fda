// A/B of two builds of this package in one Chromium page, runs interleaved one by one (less noisy
// than comparing full `npm run bench` runs on a shared machine). `--other DIR` is a copy of the
// package with `js/` and `pkg/` built (e.g. `git worktree add /tmp/old <rev>`, then wasm-pack
// there); this checkout is "this".
//   node bench/ab.mjs --other /tmp/old [--task fetchAll|fetchMany] [--latency 20] [--rounds 14]
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withBenchPage } from './browser/runner.mjs';

const { values } = parseArgs({
  options: {
    other: { type: 'string' },
    task: { type: 'string', default: 'fetchAll' },
    latency: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '14' },
  },
});
if (!values.other || !existsSync(path.join(values.other, 'pkg', 'cytomine_wasm_bg.wasm'))) {
  console.error('usage: node bench/ab.mjs --other DIR (a copy of the package with js/ and pkg/ built)');
  process.exit(2);
}
if (!['fetchAll', 'fetchMany'].includes(values.task)) {
  console.error('--task must be fetchAll (20,000 annotations) or fetchMany (1,000 Project.fetch)');
  process.exit(2);
}
const latencyMs = Number(values.latency);
const prepare = (wwwDir) => {
  mkdirSync(path.join(wwwDir, 'other'));
  for (const dir of ['js', 'pkg']) cpSync(path.join(values.other, dir), path.join(wwwDir, 'other', dir), { recursive: true, dereference: true });
};
await withBenchPage({ latencyMs, prepare }, async ({ page, fx }) => {
  const result = await page.evaluate(async ({ keys, props, id, task, rounds }) => {
    const builds = {
      this: await import('/package/js/index.js'),
      other: await import('/other/js/index.js'),
    };
    const connections = Object.fromEntries(Object.entries(builds).map(([k, api]) => [k, new api.Cytomine(location.origin, { ...keys })]));
    const run = {
      async fetchAll(c) {
        const collection = new c.models.AnnotationCollection({ ...props });
        await collection.fetchAll();
        if (collection.length !== 20_000) throw new Error(`fetchAll returned ${collection.length} annotations`);
      },
      async fetchMany(c) {
        for (let i = 0; i < 1000; i++) if ((await c.models.Project.fetch(id)).id !== id) throw new Error('wrong project');
      },
    }[task];
    const samples = { this: [], other: [] };
    for (let i = 0; i < rounds + 2; i++) {
      const order = i % 2 ? ['this', 'other'] : ['other', 'this'];
      for (const k of order) {
        const t0 = performance.now();
        await run(connections[k]);
        if (i >= 2) samples[k].push(performance.now() - t0); // 2 warm-up rounds
      }
    }
    const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
    return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { median: Math.round(median(v)), runs: v.map(Math.round) }]));
  }, { keys: fx.keys, props: fx.window.props, id: fx.project.id, task: values.task, rounds: Number(values.rounds) });
  console.log(`${values.task}, emulator latency ${latencyMs} ms, ${values.rounds} interleaved rounds (ms):`);
  for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(6)} median ${v.median}   ${v.runs.join(' ')}`);
  console.log(`  this / other: ${(result.this.median / result.other.median).toFixed(3)}`);
});
