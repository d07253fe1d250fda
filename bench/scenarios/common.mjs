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

/** Both clients hold the same server fields. */
export function checkSameFields(digests) {
  if (digests.ours?.fields !== digests.js?.fields) {
    throw new Error(`the clients hold different fields:\n  ours: ${digests.ours?.fields}\n  js:   ${digests.js?.fields}`);
  }
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

/** A result row: medians and ours / cytomine-client. */
export function row(name, runtime, samples, { target, unit = 'ms', extra = {} } = {}) {
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
    ...extra,
  };
}
