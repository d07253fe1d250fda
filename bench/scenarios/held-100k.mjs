// iterate-100k and memory-100k: each client, in a fresh process / fresh page per repetition,
// loads the 100,000 annotations of the large project (showWKT, showGIS, showTerm; not timed
// here), then
// - memory: JS heap (after full GCs) + wasm linear memory, minus the same figure taken after the
//   client was loaded and connected, i.e. what holding the collection costs;
// - iterate: reads `id`, `area` and `term` of every annotation with `for...of` (runs alternated
//   between the two clients; each run makes PASSES passes and reports ms per pass).
import { alternate, median, round } from '../lib/stats.mjs';
import { requestCounter } from '../lib/fixtures.mjs';
import { checkAnnotations, checkSameFields, row, withContenders } from './common.mjs';

const PASSES = 10;

export const held100k = {
  name: 'iterate-100k + memory-100k',
  runtimes: ['node', 'chromium'],
  async run({ runtime, emus, fx, opts, log }) {
    const emu = emus.fast;
    const iterate = { ours: [], js: [] };
    const memory = { ours: [], js: [] };
    const detail = { ours: [], js: [] };
    const loadMs = { ours: [], js: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      const kinds = rep % 2 ? ['js', 'ours'] : ['ours', 'js'];
      await withContenders(runtime, kinds, emu, fx.keys, async (contenders) => {
        const digests = {};
        for (const c of contenders) {
          const before = await c.memory();
          const count = requestCounter(emu, '/api/annotation/search.json');
          const loaded = await c.run('load', { props: fx.all.props });
          const { ok, failed } = count();
          if (failed || ok !== fx.all.pages) throw new Error(`${c.kind}: ${ok} pages OK, ${failed} failed, expected ${fx.all.pages}`);
          checkAnnotations(c.kind, loaded.digest, fx.all.expected);
          digests[c.kind] = loaded.digest;
          const after = await c.memory();
          const heap = after.heapUsed - before.heapUsed;
          const wasm = after.wasm - before.wasm;
          memory[c.kind].push(heap + wasm);
          detail[c.kind].push({ heap_bytes: heap, wasm_bytes: wasm, wasm_total_bytes: after.wasm, heap_before_bytes: before.heapUsed });
          loadMs[c.kind].push(loaded.ms);
          log(`    rep ${rep + 1}/${opts.reps} ${c.kind}: loaded 100k in ${loaded.ms.toFixed(0)} ms, holds ${(heap / 1e6).toFixed(1)} MB heap + ${(wasm / 1e6).toFixed(1)} MB wasm`);
        }
        checkSameFields(digests);
        const { samples } = await alternate({
          contenders,
          task: 'iterate',
          params: { passes: PASSES },
          warmup: opts.warmup,
          runs: opts.iterateRuns,
          verify: (kind, r) => {
            if (r.digest.idSum !== fx.all.idSum || r.digest.termRefs !== fx.all.expected.termRefs || !r.digest.areaFinite) {
              throw new Error(`${kind}: iteration read wrong values ${JSON.stringify(r.digest)}`);
            }
          },
          log,
        });
        iterate.ours.push(...samples.ours);
        iterate.js.push(...samples.js);
      });
    }
    const oursMem = median(memory.ours);
    const jsMem = median(memory.js);
    return [
      row('iterate-100k', runtime.name, iterate, { target: { ratio: 1.0 }, extra: { passes_per_run: PASSES, note: 'ms per pass over 100,000 annotations' } }),
      {
        name: 'memory-100k',
        runtime: runtime.name,
        unit: 'bytes',
        ours_bytes: oursMem,
        js_client_bytes: jsMem,
        ratio: round(oursMem / jsMem, 3),
        target: { ratio: 1.0 },
        met: oursMem / jsMem <= 1.0,
        runs: memory.ours.length,
        samples: { ours: memory.ours, js_client: memory.js },
        detail: { ours: detail.ours, js_client: detail.js },
        load_ms: { ours: round(median(loadMs.ours)), js_client: round(median(loadMs.js)) },
      },
    ];
  },
};
