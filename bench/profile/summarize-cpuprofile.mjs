// Summarises a V8 .cpuprofile (Node --cpu-prof or Chromium's Profiler.stop): self time per
// function and per script, top N. Usable as a module or: node summarize-cpuprofile.mjs FILE [N]
import { readFileSync } from 'node:fs';

export function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const script = new Map();
  for (const [id, us] of dt) {
    const { callFrame: cf } = byId.get(id);
    const file = cf.url ? cf.url.replace(/^.*\/(work\/main|node_modules|tmp)\//, '$1/') : '(native)';
    const key = `${cf.functionName || '(anonymous)'}  ${file}:${cf.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    script.set(file, (script.get(file) ?? 0) + us);
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [`total ${(total / 1000).toFixed(1)} ms sampled`, '', 'self time by function:', ...fmt(fn), '', 'self time by script:', ...fmt(script)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summarize(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] ?? 25)));
}
