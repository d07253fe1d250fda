#!/usr/bin/env node
// `npm run bench`: this package against cytomine-client 3.1.0 on the same emulator, in Node and in
// headless Chromium. Writes bench/results.json and bench/results.md. See bench/README.md.
//
//   node bench/run.mjs [--quick] [--runtime node|chromium] [--only name,...] [--runs N] [--warmup N]
//                      [--reps N] [--no-size] [--out DIR] [--package DIR] [--latency MS]   (--help)
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fixtures, startEmulators } from './lib/fixtures.mjs';
import { measureSize } from './lib/size.mjs';
import { measureTreeShaking } from './treeshake.mjs';
import { NodeRuntime } from './node/runner.mjs';
import { ChromiumRuntime, prepareWww } from './browser/runner.mjs';
import { fetchAllLatency, fetchAllNoLatency } from './scenarios/fetch-all.mjs';
import { fetch1000 } from './scenarios/fetch-1000.mjs';
import { held100k } from './scenarios/held-100k.mjs';
import { init } from './scenarios/init.mjs';
import { writes1000 } from './scenarios/writes.mjs';
import { projectPage } from './scenarios/project-page.mjs';
import { terms5000Today } from './scenarios/terms-today.mjs';
import { writeReports } from './report.mjs';
import { snapshotPackage } from './lib/snapshot.mjs';
import { cpuSnapshot, foreignLoad } from './lib/machine-load.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SCENARIOS = [fetchAllLatency, fetchAllNoLatency, fetch1000, terms5000Today, projectPage, writes1000, held100k, init];
// A scenario is judged only when the machine was not busy with other work: noisy when processes
// outside the benchmark's own tree kept more than a quarter of a CPU busy on average during it
// (lib/machine-load.mjs; the benchmark's own load is not counted: a Chromium scenario alone
// keeps the load average above 2 on 2 cores). Where /proc is missing, the 1-minute load average
// before or after the scenario above the number of CPUs marks it instead.
const NOISY_OTHER_CPUS = 0.25;
const NOISY_LOAD_PER_CPU = 1.0;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runtime: { type: 'string', multiple: true },
    only: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    reps: { type: 'string' },
    'no-size': { type: 'boolean', default: false },
    package: { type: 'string' },
    latency: { type: 'string', default: '20' },
    driver: { type: 'string', default: 'pipe' },
    out: { type: 'string', default: HERE },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(`usage: node bench/run.mjs [--quick] [--runtime node|chromium]... [--only fetchAll-20k,fetch-1000,terms,project-page,writes,iterate,memory,init,...]
       [--runs N] [--warmup N] [--reps N] [--no-size] [--out DIR] [--package DIR] [--latency MS] [--driver pipe|playwright]
  --latency MS    latency of the fetchAll-20k-latency emulator (default 20, the issue's figure)
  --driver D      how Chromium is driven: pipe (default; DevTools protocol over a pipe, nothing
                  instruments the page) or playwright (its Network instrumentation on every request)
  --package DIR   measure the package in DIR (js/, pkg/, package.json: e.g. a patched copy) instead of this repository`);
  process.exit(0);
}

const opts = args.quick
  ? { quick: true, warmup: 1, runs: 3, iterateRuns: 3, reps: 1, initRuns: 3, writeWarmup: 0, writeRuns: 1 }
  : { quick: false, warmup: 2, runs: 7, iterateRuns: 5, reps: 3, initRuns: 7, writeWarmup: 0, writeRuns: 2 };
if (args.runs) opts.runs = opts.iterateRuns = opts.initRuns = Number(args.runs);
if (args.warmup) opts.warmup = Number(args.warmup);
if (args.reps) opts.reps = Number(args.reps);
const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = SCENARIOS.filter((s) => !only || only.some((o) => s.name.split(/[ +]+/).some((n) => n === o || n.startsWith(o))));
const runtimeNames = args.runtime ?? ['node', 'chromium'];
if (runtimeNames.some((r) => r !== 'node' && r !== 'chromium')) throw new Error('--runtime is node or chromium');

const t0 = performance.now();
const log = (m) => console.log(m);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

// The package must be built from the current sources, or the figures are not this package's.
const notes = [];
const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
const packageRoot = args.package ? path.resolve(args.package) : ROOT;
if (!existsSync(path.join(packageRoot, 'pkg', 'cytomine_wasm_bg.wasm'))) throw new Error(`${packageRoot}/pkg/ is not built: run \`npm run build\` first`);
// Every scenario measures one frozen copy of the package, even if pkg/ is rebuilt meanwhile.
const snapshot = await snapshotPackage({ root: packageRoot, log });
if (packageRoot !== ROOT) notes.push(`measured the package in ${packageRoot}, not this repository's.`);
else if (newest(path.join(ROOT, 'src')) > Date.parse(snapshot.build.built_at)) {
  notes.push('pkg/ was older than src/ when this ran (run `npm run build`): these are the figures of the last build.');
  log('warning: pkg/ is older than src/: the figures are those of the last build');
}
const runtimes = runtimeNames.map((r) => (r === 'node' ? new NodeRuntime({ packageDir: snapshot.dir }) : new ChromiumRuntime({ driver: args.driver })));

const www = prepareWww();
const emus = await startEmulators({ wwwDir: www.dir, packageDir: snapshot.dir, latencyMs: Number(args.latency) });
if (emus.latencyMs !== 20) notes.push(`fetchAll-20k-latency ran with ${emus.latencyMs} ms of latency, not 20.`);
const fx = fixtures(emus.fast);
log(`emulators up (large dataset, project ${fx.project.id}, user ${fx.username}); ${selected.map((s) => s.name).join(', ')} in ${runtimes.map((r) => r.name).join(', ')}${opts.quick ? ' (quick)' : ''}`);

const results = {
  generated: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, chromium: null, loadavg_start: loadavg().map((x) => Math.round(x * 100) / 100) },
  build: snapshot.build,
  options: opts,
  scenarios: [],
  size: null,
  notes,
};
let downloaded = null;
let failed = false;
try {
  for (const runtime of runtimes) {
    await runtime.start();
    if (runtime.name === 'chromium') Object.assign(results.machine, { chromium: runtime.version, chromium_driver: runtime.driver });
    try {
      for (const scenario of selected) {
        if (!scenario.runtimes.includes(runtime.name)) continue;
        log(`[${elapsed()}] ${scenario.name} (${runtime.name})`);
        const s0 = performance.now();
        const load0 = loadavg()[0];
        const machine0 = cpuSnapshot();
        const cpu0 = process.cpuUsage();
        try {
          const rows = await scenario.run({ runtime, emus, fx, opts, log });
          const load1 = loadavg()[0];
          const other = foreignLoad(machine0, cpuSnapshot());
          const { user, system } = process.cpuUsage(cpu0);
          const wallMs = performance.now() - s0;
          const noisy = other ? other.other_cpus > NOISY_OTHER_CPUS : Math.max(load0, load1) > NOISY_LOAD_PER_CPU * results.machine.cpus;
          for (const r of rows) {
            r.scenario_seconds = Math.round(wallMs / 100) / 10;
            r.loadavg_before = Math.round(load0 * 100) / 100;
            r.loadavg_after = Math.round(load1 * 100) / 100;
            // CPU of this process (the emulators and the harness) per wall second of the scenario.
            r.harness_cpu_share = Math.round(((user + system) / 1000 / wallMs) * 100) / 100;
            // CPUs kept busy on average by other processes and by the benchmark's whole tree.
            if (other) Object.assign(r, other);
            r.noisy = noisy;
            results.scenarios.push(r);
            if (r.downloaded) downloaded = r.downloaded;
            const value = r.unit === 'bytes' ? `${(r.ours_bytes / 1e6).toFixed(1)} MB vs ${(r.js_client_bytes / 1e6).toFixed(1)} MB` : `${r.ours_ms} ms vs ${r.js_client_ms} ms`;
            log(`  => ${r.name} ${runtime.name}: ${value}, ratio ${r.ratio}${r.baseline_ms !== undefined ? `; baseline ${r.baseline_ms} ms, ours/baseline ${r.ratio_vs_baseline}` : ''}`);
          }
        } catch (e) {
          failed = true;
          log(`  !! ${scenario.name} (${runtime.name}) failed: ${e.stack ?? e}`);
          notes.push(`${scenario.name} (${runtime.name}) failed: ${String(e.message ?? e).split('\n')[0]}`);
        }
      }
    } finally {
      await runtime.close();
    }
  }
  if (!args['no-size']) {
    log(`[${elapsed()}] size`);
    results.size = measureSize({ root: snapshot.dir, downloaded, log });
    log(`  => size: ${results.size.ours_gzip} B vs ${results.size.js_client_gzip} B gzipped, ratio ${results.size.ratio}`);
    results.tree_shaking = measureTreeShaking({ root: snapshot.dir });
    log(`  => tree-shaking: Cytomine + Project ${results.tree_shaking.builds['Cytomine + Project'].js_bytes} B vs everything ${results.tree_shaking.builds.everything.js_bytes} B minified, ratio ${results.tree_shaking.ratio}`);
  }
} finally {
  await emus.close();
  www.remove();
  snapshot.remove();
}
results.machine.loadavg_end = loadavg().map((x) => Math.round(x * 100) / 100);
const byOtherWork = results.scenarios.some((r) => r.other_cpus !== undefined);
if (byOtherWork) results.machine.noisy_other_cpus_threshold = NOISY_OTHER_CPUS;
else results.machine.noisy_load_threshold = NOISY_LOAD_PER_CPU * results.machine.cpus;
const noisyRows = results.scenarios.filter((r) => r.noisy);
if (noisyRows.length) {
  const why = byOtherWork
    ? `other processes kept more than ${NOISY_OTHER_CPUS} CPU busy on average during them (the benchmark's own processes not counted)`
    : `the 1-minute load average before or after exceeded ${results.machine.noisy_load_threshold} (${results.machine.cpus} CPUs)`;
  notes.push(`noisy (not judged): ${[...new Set(noisyRows.map((r) => `${r.name.split(/[ :]/)[0]} (${r.runtime})`))].join(', ')}: ${why}.`);
}
const partial = only || args.runtime || args['no-size'] || args.package || emus.latencyMs !== 20;
const json = path.join(args.out, partial ? 'results.partial.json' : 'results.json');
const md = path.join(args.out, partial ? 'results.partial.md' : 'results.md');
const text = writeReports(results, { json, md });
log(`\n${text}\nwrote ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), md)} in ${elapsed()}`);
process.exitCode = failed ? 1 : 0;
