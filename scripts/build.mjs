#!/usr/bin/env node
// Builds the WebAssembly package into pkg/ with wasm-pack (release: opt-level "z", LTO, wasm-opt
// from the npm `binaryen` package). `--if-needed` skips the build when pkg/ is newer than every
// source file, so `npm start` and `npm test` stay fast after the first run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const output = join(root, 'pkg', 'cytomine_wasm_bg.wasm');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesTime = Math.max(newestSource(join(root, 'src')), ...['Cargo.toml', 'Cargo.lock', 'build.rs'].map((f) => statSync(join(root, f)).mtimeMs));
if (process.argv.includes('--if-needed') && existsSync(output) && statSync(output).mtimeMs > sourcesTime) {
  console.log('pkg/ is up to date');
  process.exit(0);
}

const env = {
  ...process.env,
  PATH: [join(root, 'node_modules', '.bin'), join(process.env.HOME ?? '', '.cargo', 'bin'), process.env.PATH].join(delimiter),
};
execFileSync('wasm-pack', ['build', '--release', '--target', 'web', '--no-pack', '--out-dir', 'pkg'], { cwd: root, env, stdio: 'inherit' });
// wasm-pack's .gitignore would keep pkg/ out of `npm pack`; the root .gitignore already ignores it.
rmSync(join(root, 'pkg', '.gitignore'), { force: true });
console.log(`built ${output} (${statSync(output).size} bytes)`);
