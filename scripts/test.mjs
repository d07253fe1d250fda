#!/usr/bin/env node
// `npm test`: every check of the project, in order, stopping at the first failure.
// Rust: fmt, clippy (native and wasm32), unit tests, a short fuzzing run of each target. Then the wasm build, the Node test suites
// (package unit tests, emulator, conformance with cytomine-client, integration against the
// emulator speaking core 5.2 and today's core, hardening: bad inputs, faults, load, secrets; packaging), the browser tests and the
// examples.
// `node scripts/test.mjs <step>...` runs only the named steps.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };

const nodeTests = (dir) => {
  const full = join(root, 'tests', dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join('tests', dir, f));
};
const nodeTestStep = (name, dir, extra = [], stepEnv = {}) => [name, 'node', ['--test', '--test-reporter=spec', ...extra, ...nodeTests(dir)], stepEnv];
// The integration and parity suites run once per server generation (tests/support/integration.mjs).
const today = { CYTOMINE_CORE: '2026' };

const steps = [
  ['fmt', 'cargo', ['fmt', '--check']],
  ['clippy', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']],
  ['clippy-wasm', 'cargo', ['clippy', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings']],
  ['cargo-test', 'cargo', ['test', '--quiet']],
  ['fuzz', 'node', ['scripts/fuzz.mjs', '--seconds', '15']],
  ['build', 'node', ['scripts/build.mjs', '--if-needed']],
  nodeTestStep('unit', 'unit'),
  nodeTestStep('emulator', 'emulator'),
  nodeTestStep('conformance', 'conformance'),
  // the official Python clients from PyPI against both emulated generations (venvs from scripts/setup.sh)
  nodeTestStep('judges', 'judges'),
  nodeTestStep('integration', 'integration'),
  nodeTestStep('integration-2026', 'integration', [], today),
  nodeTestStep('parity', 'parity'),
  nodeTestStep('parity-2026', 'parity', [], today),
  nodeTestStep('hardening', 'hardening'),
  nodeTestStep('package', 'package'),
  nodeTestStep('browser', 'browser', ['--test-concurrency=1']),
  ['examples', 'node', ['tests/run-examples.mjs']],
];

const only = process.argv.slice(2);
const selected = only.length ? steps.filter(([name]) => only.includes(name)) : steps;
const started = Date.now();
for (const [name, cmd, args, stepEnv = {}] of selected) {
  if (cmd === 'node' && args[0] === '--test' && !args.some((a) => a.endsWith('.test.mjs'))) {
    console.log(`\n=== ${name}: no tests yet`);
    continue;
  }
  const envText = Object.entries(stepEnv).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`\n=== ${name}: ${envText}${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const run = spawnSync(cmd, args, { cwd: root, env: { ...env, ...stepEnv }, stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.error(`\n✗ step "${name}" failed after ${seconds}s (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nall ${selected.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
