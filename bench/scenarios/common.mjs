// Helpers shared by the scenario modules.
import { median, round } from '../lib/stats.mjs';

const DIGEST_KEYS = ['count', 'duplicates', 'idHash', 'areaSum', 'termRefs', 'wktChars', 'bad'];

/** Throws unless an annotation digest matches the expected one (computed from the emulator's store). */
export function checkAnnotations(kind, digest, expected) {
  for (const k of DIGEST_KEYS) {
    if (digest?.[k] !== expected[k]) {
      throw new Error(`${kind} returned wrong annotations: ${k} = ${JSON.stringify(digest?.[k])}, expected ${JSON.stringify(expected[k])}`);
    }
  }
}

/** Every contender holds the same (non-null) server fields. */
export function checkSameFields(digests) {
  const entries = Object.entries(digests);
  for (const [kind, d] of entries) {
    if (d?.fields !== entries[0][1]?.fields) {
      throw new Error(`the clients hold different fields:\n  ${entries[0][0]}: ${entries[0][1]?.fields}\n  ${kind}: ${d?.fields}`);
    }
  }
}

/** Adds the baseline's medians and ours / baseline to a row (judged when the target has `baseline_ratio`). */
export function withBaseline(r, samples, cpu) {
  const baseline = median(samples.baseline);
  r.baseline_ms = round(baseline);
  r.ratio_vs_baseline = round(median(samples.ours) / baseline, 3);
  if (r.target?.baseline_ratio) r.met_vs_baseline = median(samples.ours) / baseline <= r.target.baseline_ratio;
  if (cpu?.baseline?.length) r.baseline_cpu_ms = round(median(cpu.baseline));
  r.samples.baseline = samples.baseline.map((x) => round(x));
  return r;
}

/**
 * Adds the split of ours / floor (lib/without-models.mjs): the package's request path without
 * models against the floor, and the models' share (ours against the same without models).
 */
export function withSplit(r, samples, cpu) {
  if (!samples['ours-raw']?.length) return r;
  const raw = median(samples['ours-raw']);
  r.without_models_ms = round(raw);
  r.ratio_without_models_vs_baseline = round(raw / median(samples.baseline), 3);
  r.ratio_vs_without_models = round(median(samples.ours) / raw, 3);
  if (cpu?.['ours-raw']?.length) r.without_models_cpu_ms = round(median(cpu['ours-raw']));
  r.samples.without_models = samples['ours-raw'].map((x) => round(x));
  return r;
}

/** Opens contenders one after the other; closes them all whatever happens in `fn`. */
export async function withContenders(runtime, kinds, emu, keys, fn) {
  const opened = [];
  try {
    for (const kind of kinds) opened.push(await runtime.contender(kind, emu, keys));
    return await fn(opened);
  } finally {
    for (const c of opened) await c.close().catch(() => {});
  }
}

/** A result row: medians and ours / cytomine-client (wall time; CPU time of the client when known). */
export function row(name, runtime, samples, { target, unit = 'ms', extra = {}, cpu = null } = {}) {
  const ours = median(samples.ours);
  const js = median(samples.js);
  const ratio = ours / js;
  return {
    name,
    runtime,
    ours_ms: round(ours),
    js_client_ms: round(js),
    ratio: round(ratio, 3),
    target: target ?? null,
    met: target ? ratio <= target.ratio : null,
    runs: samples.ours.length,
    samples: { ours: samples.ours.map((x) => round(x)), js_client: samples.js.map((x) => round(x)) },
    ...(unit !== 'ms' ? { unit } : {}),
    ...(cpu?.ours?.length && cpu?.js?.length
      ? { ours_cpu_ms: round(median(cpu.ours)), js_client_cpu_ms: round(median(cpu.js)), cpu_ratio: round(median(cpu.ours) / median(cpu.js), 3) }
      : {}),
    ...extra,
  };
}
