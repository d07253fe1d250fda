// fetchAll-20k(-latency): AnnotationCollection fetchAll of exactly 20,000 annotations of the
// large project (showWKT, showGIS, showTerm; 1,000 per page), with and without added latency.
// The bare baseline (lib/baseline.mjs: fetch + JSON.parse, 6 pages in flight, no models) runs too:
// it is the floor set by the emulator, which serves one page at a time.
import { alternate } from '../lib/stats.mjs';
import { requestCounter } from '../lib/fixtures.mjs';
import { checkAnnotations, checkSameFields, row, withBaseline, withContenders, withSplit } from './common.mjs';

function fetchAllScenario({ name, slow, note }) {
  return {
    name,
    runtimes: ['node', 'chromium'],
    async run({ runtime, emus, fx, opts, log }) {
      const emu = slow ? emus.slow : emus.fast;
      return withContenders(runtime, ['ours', 'js', 'baseline', 'ours-raw'], emu, fx.keys, async (contenders) => {
        const { samples, cpu, digests } = await alternate({
          contenders,
          task: 'fetchAll',
          params: { props: fx.window.props },
          warmup: opts.warmup,
          runs: opts.runs,
          verify: (kind, r) => checkAnnotations(kind, r.digest, fx.window.expected),
          serverCheck: () => requestCounter(emu, '/api/annotation/search.json'),
          expectedRequests: fx.window.pages,
          log,
        });
        checkSameFields(digests);
        const r = row(name, runtime.name, samples, { cpu, target: { ratio: 1.0, baseline_ratio: BASELINE_TARGET, note }, extra: { latency_ms: slow ? emus.latencyMs : 0 } });
        return [withSplit(withBaseline(r, samples, cpu), samples, cpu)];
      });
    },
  };
}

/** Ours / bare baseline in every fetch scenario (issue 17). */
export const BASELINE_TARGET = 1.05;

export const fetchAllLatency = fetchAllScenario({
  name: 'fetchAll-20k-latency',
  slow: true,
  note: 'pages in flight in parallel',
});

export const fetchAllNoLatency = fetchAllScenario({
  name: 'fetchAll-20k',
  slow: false,
  note: 'CPU-bound decoding and model building',
});
