// results.json and results.md (the table that also goes into the README).
import { writeFileSync } from 'node:fs';

const fmtMs = (x) => (x === null || x === undefined ? '–' : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(x >= 10 ? 1 : 2)} ms`);
const fmtMb = (x) => `${(x / 1e6).toFixed(1)} MB`;
const fmtKb = (x) => `${(x / 1000).toFixed(1)} kB`;
const judged = (met) => (met === null || met === undefined ? '' : met ? 'met' : '**missed**');

/** Info rows splitting ours / floor into the request path and the models (lib/without-models.mjs). */
function splitRows(s) {
  if (s.without_models_ms === undefined) return [];
  const cpu = s.without_models_cpu_ms !== undefined ? ` (CPU ${fmtMs(s.without_models_cpu_ms)})` : '';
  return [
    `| ${s.name}: split: the package's request path without models vs the floor | ${s.runtime} | ${fmtMs(s.without_models_ms)}${cpu} | baseline ${fmtMs(s.baseline_ms)} | ${s.ratio_without_models_vs_baseline.toFixed(2)} | (info) | |`,
    `| ${s.name}: split: model building (ours vs the same without models) | ${s.runtime} | ${fmtMs(s.ours_ms)} | without models ${fmtMs(s.without_models_ms)} | ${s.ratio_vs_without_models.toFixed(2)} | (info) | |`,
  ];
}

/** Markdown table lines for the results. */
export function table(results) {
  // A row measured while the machine was busy with other work is shown, not judged (run.mjs).
  let status = judged;
  const lines = [
    '| scenario | runtime | this package | cytomine-client | ratio | target | status |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const s of results.scenarios) {
    status = (met) => (s.noisy && met !== null && met !== undefined ? `noisy (${s.other_cpus !== undefined ? `other work ${s.other_cpus} CPU` : `load ${Math.max(s.loadavg_before, s.loadavg_after)}`})` : judged(met));
    if (s.js_client_ms === null) {
      // No cytomine-client figure (it does not speak today's core): only the floor.
      const cpu = s.baseline_cpu_ms !== undefined ? ` (CPU ${fmtMs(s.baseline_cpu_ms)})` : '';
      lines.push(`| ${s.name}: ours vs bare fetch + JSON.parse + HMAC | ${s.runtime} | ${fmtMs(s.ours_ms)} | baseline ${fmtMs(s.baseline_ms)}${cpu} | ${s.ratio_vs_baseline.toFixed(2)} | ≤ ${s.target.baseline_ratio} | ${status(s.met_vs_baseline)} |`);
      lines.push(...splitRows(s));
    } else if (s.unit === 'bytes') {
      lines.push(`| ${s.name} | ${s.runtime} | ${fmtMb(s.ours_bytes)} | ${fmtMb(s.js_client_bytes)} | ${s.ratio.toFixed(2)} | ≤ ${s.target.ratio} | ${status(s.met)} |`);
    } else if (s.name === 'init') {
      lines.push(`| init: cold import → ready (cytomine-client: script load + eval) | ${s.runtime} | ${fmtMs(s.ours_ms)} | ${fmtMs(s.js_client_ms)} | ${s.ratio.toFixed(2)} | (info) | |`);
      lines.push(`| init: wasm instantiation + init (after the last byte) | ${s.runtime} | ${fmtMs(s.instantiate_init_ms)} | | | < ${s.target.instantiate_init_ms} ms | ${status(s.met)} |`);
    } else {
      const label = s.latency_ms && s.latency_ms !== 20 ? `${s.name} (${s.latency_ms} ms latency)` : s.name;
      lines.push(`| ${label} | ${s.runtime} | ${fmtMs(s.ours_ms)} | ${fmtMs(s.js_client_ms)} | ${s.ratio.toFixed(2)} | ${s.target?.ratio ? `≤ ${s.target.ratio}` : '(info)'} | ${status(s.met)} |`);
      if (s.cpu_ratio !== undefined) {
        lines.push(`| ${s.name}: CPU time of the client's process / page | ${s.runtime} | ${fmtMs(s.ours_cpu_ms)} | ${fmtMs(s.js_client_cpu_ms)} | ${s.cpu_ratio.toFixed(2)} | (info) | |`);
      }
      if (s.baseline_ms !== undefined) {
        const target = s.target.baseline_ratio ? `≤ ${s.target.baseline_ratio}` : '(floor, info)';
        const cpu = s.baseline_cpu_ms !== undefined ? ` (CPU ${fmtMs(s.baseline_cpu_ms)})` : '';
        lines.push(`| ${s.name}: ours vs bare fetch + JSON.parse + HMAC | ${s.runtime} | ${fmtMs(s.ours_ms)} | baseline ${fmtMs(s.baseline_ms)}${cpu} | ${s.ratio_vs_baseline.toFixed(2)} | ${target} | ${status(s.met_vs_baseline)} |`);
      }
      lines.push(...splitRows(s));
    }
  }
  status = judged; // sizes do not depend on the load
  if (results.size) {
    const z = results.size;
    lines.push(`| size (gzip -9: ${z.measured ?? 'wasm + glue + js/ as served'}) | browser | ${fmtKb(z.ours_gzip)} | ${fmtKb(z.js_client_gzip)} | ${z.ratio.toFixed(2)} | ≤ ${z.target.ratio} (aim ${z.target.aim}) | ${status(z.met)} |`);
    if (z.detail?.single_file) {
      lines.push(`| size, readable js/ modules + pkg/ as served one by one | browser | ${fmtKb(z.detail.modules_gzip)} | ${fmtKb(z.js_client_gzip)} | ${z.detail.modules_ratio.toFixed(2)} | (info) | |`);
    }
    if (z.detail.vite_bundle) {
      const v = z.detail.vite_bundle.gzip;
      lines.push(`| size, Vite production build (minified) | browser | ${fmtKb(v)} | ${fmtKb(z.js_client_gzip)} | ${z.detail.vite_ratio.toFixed(2)} | (info) | |`);
    }
  }
  if (results.tree_shaking) {
    const t = results.tree_shaking;
    const [subset, full] = [t.builds['Cytomine + Project'], t.builds.everything];
    lines.push(`| tree-shaking: Vite JS (minified) importing Cytomine + Project vs everything | browser | ${fmtKb(subset.js_bytes)} | everything ${fmtKb(full.js_bytes)} | ${t.ratio.toFixed(2)} | ≤ ${t.target} | ${status(t.met)} |`);
  }
  return lines;
}

export function writeReports(results, { json, md }) {
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine;
  const o = results.options;
  const text = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\`${o.quick ? ' (`--quick`)' : ''} on ${results.generated}: ${m.cpus} × ${m.cpu}, Node ${m.node}${m.chromium ? `, Chromium ${m.chromium} (${m.chromium_driver === 'playwright' ? 'driven by Playwright' : 'driven over a DevTools pipe, no request instrumentation'})` : ''}.`,
    `Medians of ${o.runs} runs per client after ${o.warmup} warm-up run(s), runs alternated between the clients; memory and iteration: ${o.reps} fresh process / page per client.`,
    'ratio = this package / cytomine-client 3.1.0 (lower is better).',
    '',
    ...table(results),
    '',
    ...(results.notes?.length ? ['Notes:', '', ...results.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  writeFileSync(md, text);
  return text;
}
