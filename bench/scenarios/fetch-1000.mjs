// fetch-1000: 1,000 sequential Project.fetch(id), for this package, cytomine-client and a bare
// baseline (fetch + JSON.parse + HMAC-SHA1), alternated.
import { alternate, median, round } from '../lib/stats.mjs';
import { requestCounter } from '../lib/fixtures.mjs';
import { row, withContenders } from './common.mjs';
import { BASELINE_TARGET } from './fetch-all.mjs';

const N = 1000;

export const fetch1000 = {
  name: 'fetch-1000',
  runtimes: ['node', 'chromium'],
  async run({ runtime, emus, fx, opts, log }) {
    const emu = emus.fast;
    const { id, name } = fx.project;
    return withContenders(runtime, ['ours', 'js', 'baseline'], emu, fx.keys, async (contenders) => {
      const { samples, cpu } = await alternate({
        contenders,
        task: 'fetchMany',
        params: { id, n: N },
        warmup: opts.warmup,
        runs: opts.runs,
        verify: (kind, r) => {
          if (r.digest.ok !== N || r.digest.name !== name) throw new Error(`${kind}: ${r.digest.ok}/${N} projects fetched correctly (name ${r.digest.name})`);
        },
        serverCheck: () => requestCounter(emu, `/api/project/${id}.json`),
        expectedRequests: N,
        log,
      });
      const baseline = median(samples.baseline);
      const ours = median(samples.ours);
      return [row('fetch-1000', runtime.name, samples, {
        cpu,
        target: { ratio: 1.0, baseline_ratio: BASELINE_TARGET },
        extra: {
          baseline_ms: round(baseline),
          ratio_vs_baseline: round(ours / baseline, 3),
          met_vs_baseline: ours / baseline <= BASELINE_TARGET,
          samples_baseline: samples.baseline.map((x) => round(x)),
          ...(cpu.baseline.length ? { baseline_cpu_ms: round(median(cpu.baseline)) } : {}),
        },
      })];
    });
  },
};
