#!/usr/bin/env node
// Runs every cargo-fuzz target (fuzz/fuzz_targets) for `--seconds N` each (default 600), starting
// from the corpus kept in fuzz/corpus/<target>. cargo-fuzz needs nightly flags; the stable
// toolchain accepts them with RUSTC_BOOTSTRAP=1. Fails on the first crash (artifacts in
// fuzz/artifacts/<target>).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const index = process.argv.indexOf('--seconds');
const seconds = index > 0 ? Number(process.argv[index + 1]) : 600;
const only = process.argv.slice(2).filter((a, i, all) => a !== '--seconds' && all[i - 1] !== '--seconds');
const targets = readdirSync(join(root, 'fuzz', 'fuzz_targets'))
  .filter((f) => f.endsWith('.rs'))
  .map((f) => f.slice(0, -3))
  .filter((t) => only.length === 0 || only.includes(t));
const env = { ...process.env, RUSTC_BOOTSTRAP: '1', PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
for (const target of targets) {
  console.log(`fuzzing ${target} for ${seconds}s`);
  const run = spawnSync('cargo', ['fuzz', 'run', target, '--fuzz-dir', 'fuzz', '--', `-max_total_time=${seconds}`, '-print_final_stats=1'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  const stats = (run.stderr ?? '').split('\n').filter((l) => /^(Done|stat::number_of_executed_units|INFO: seed corpus|==\d+==|SUMMARY)/.test(l));
  console.log(stats.join('\n'));
  if (run.status !== 0) {
    console.error((run.stderr ?? '').split('\n').slice(-40).join('\n'));
    console.error(`fuzz target ${target} failed`);
    process.exit(1);
  }
}
