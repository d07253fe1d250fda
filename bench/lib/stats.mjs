// Medians and the alternating measurement loop shared by every scenario.

export function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x, digits = 2) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Runs `task` on every contender in turn, `warmup + runs` rounds, rotating which contender goes
 * first each round (ours, js, … then js, …, ours). `verify(kind, result)` checks each result
 * (throws on a wrong answer), `serverCheck` (optional) returns a function counting the requests
 * the emulator answered during one run. Returns the measured samples (wall ms, and CPU ms of the
 * client's process or page when the runtime reports it) per contender.
 */
export async function alternate({ contenders, task, params, warmup, runs, verify, serverCheck, expectedRequests, log }) {
  const samples = Object.fromEntries(contenders.map((c) => [c.kind, []]));
  const cpu = Object.fromEntries(contenders.map((c) => [c.kind, []]));
  const digests = {};
  for (let round = 0; round < warmup + runs; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    const times = [];
    for (const c of order) {
      const count = serverCheck?.();
      const result = await c.run(task, params);
      if (count) {
        const { ok, failed } = count();
        if (failed || ok !== expectedRequests) {
          throw new Error(`${c.kind}: the emulator answered ${ok} requests OK and ${failed} failed, expected ${expectedRequests} OK`);
        }
      }
      verify(c.kind, result);
      digests[c.kind] = result.digest;
      if (round >= warmup) {
        samples[c.kind].push(result.ms);
        if (result.cpuMs !== null && result.cpuMs !== undefined) cpu[c.kind].push(result.cpuMs);
      }
      times.push(`${c.kind} ${result.ms.toFixed(1)} ms`);
    }
    log?.(`    round ${round + 1}/${warmup + runs}${round < warmup ? ' (warm-up)' : ''}: ${times.join(', ')}`);
  }
  return { samples, cpu, digests };
}
