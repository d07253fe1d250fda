// terms-5000-2026: `TermCollection.fetchAll()` of 5,000 terms (1,000 per page) from the emulator
// speaking today's core (repository list: Spring page/size paging, its signature form), against
// the bare baseline doing the same pages with the same concurrency. cytomine-client 3.1.0 does not
// speak today's core (its signature and its offset/max paging), so only the floor is compared.
// Set-up: an ontology of alice's with 5,000 terms is added to the emulator's store.
import { alternate, median, round } from '../lib/stats.mjs';
import { requestCounter } from '../lib/fixtures.mjs';
import { digestTerms } from '../lib/digest.mjs';
import { withContenders, withSplit } from './common.mjs';

const TERMS = 5000;
const PAGE = 1000;
const BASELINE_TARGET = 1.05;

/** The ontology of the scenario (created once per emulator). */
export function seedTerms(store, alice) {
  const existing = store.all('ontology').find((o) => o.name === 'Bench-5000-terms');
  if (existing) return existing;
  const created = Date.UTC(2026, 0, 1);
  const ontology = store.insert('ontology', { id: store.newId(), created, updated: null, name: 'Bench-5000-terms', user: alice.id });
  for (let i = 0; i < TERMS; i++) {
    store.insert('term', { id: store.newId(), created: created + i, updated: null, name: `Term ${i}`, color: '#1E88E5', ontology: ontology.id, comment: null });
  }
  return ontology;
}

export const terms5000Today = {
  name: 'terms-5000-2026',
  runtimes: ['node', 'chromium'],
  async run({ runtime, emus, opts, log }) {
    const emu = emus.today;
    const store = emu.state;
    const alice = store.userByUsername('alice');
    const ontology = seedTerms(store, alice);
    const expected = digestTerms(store.termsOfOntology(ontology.id));
    if (expected.count !== TERMS) throw new Error(`the ontology holds ${expected.count} terms`);
    const { publicKey, privateKey } = emu.credentials.find((c) => c.username === 'alice');
    return withContenders(runtime, ['ours', 'baseline', 'ours-raw'], emu, { publicKey, privateKey }, async (contenders) => {
      const { samples, cpu } = await alternate({
        contenders,
        task: 'fetchAllTerms',
        params: { ontology: ontology.id, nbPerPage: PAGE },
        warmup: opts.warmup,
        runs: opts.runs,
        verify: (kind, r) => {
          for (const k of Object.keys(expected)) {
            if (r.digest?.[k] !== expected[k]) throw new Error(`${kind} returned wrong terms: ${k} = ${r.digest?.[k]}, expected ${expected[k]}`);
          }
        },
        serverCheck: () => requestCounter(emu, `/api/ontology/${ontology.id}/term.json`),
        expectedRequests: TERMS / PAGE,
        log,
      });
      const ours = median(samples.ours);
      const baseline = median(samples.baseline);
      return [withSplit({
        name: 'terms-5000-2026',
        runtime: runtime.name,
        ours_ms: round(ours),
        js_client_ms: null,
        ratio: null,
        baseline_ms: round(baseline),
        ratio_vs_baseline: round(ours / baseline, 3),
        target: { baseline_ratio: BASELINE_TARGET },
        met: null,
        met_vs_baseline: ours / baseline <= BASELINE_TARGET,
        runs: samples.ours.length,
        samples: { ours: samples.ours.map((x) => round(x)), baseline: samples.baseline.map((x) => round(x)) },
        ...(cpu.ours.length ? { ours_cpu_ms: round(median(cpu.ours)), baseline_cpu_ms: round(median(cpu.baseline)) } : {}),
        core: '2026',
      }, samples, cpu)];
    });
  },
};
