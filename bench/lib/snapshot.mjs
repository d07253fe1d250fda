// A frozen copy of the package (js/, pkg/, package.json) taken when the run starts, so that every
// scenario and the size figure measure one and the same build even if pkg/ is rebuilt meanwhile.
// Waits for pkg/ to be quiet (no file written in the last 3 s) before copying, and checks that
// nothing changed during the copy.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

function state(root) {
  return ['js', 'pkg', 'dist'].filter((d) => existsSync(path.join(root, d))).flatMap((d) => listFiles(path.join(root, d))).map((f) => {
    const st = statSync(f);
    return { file: path.relative(root, f), bytes: st.size, mtimeMs: st.mtimeMs };
  });
}

const sameState = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies the package in `root` (default: this repository; another directory with js/, pkg/ and
 * package.json, e.g. a patched copy, to measure a candidate fix); resolves to
 * `{ dir, build: {root, wasm_sha1, wasm_bytes, built_at}, remove() }`.
 */
export async function snapshotPackage({ root = ROOT, log } = {}) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const before = state(root);
    const newest = Math.max(...before.map((f) => f.mtimeMs));
    if (Date.now() - newest < 3000) {
      if (attempt === 0) log?.('waiting for pkg/ and js/ to be quiet (a build is writing them)...');
      await sleep(1500);
      continue;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'cytomine-bench-pkg-'));
    for (const d of ['js', 'pkg', 'dist']) if (existsSync(path.join(root, d))) cpSync(path.join(root, d), path.join(dir, d), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
    // The package's dependencies (undici, the Node transport) resolve from the repository's
    // node_modules, as they would from an installed package's (the link, not its target, is removed).
    if (existsSync(path.join(root, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    if (!sameState(before, state(root))) {
      rmSync(dir, { recursive: true, force: true });
      await sleep(1500);
      continue;
    }
    const wasm = readFileSync(path.join(dir, 'pkg', 'cytomine_wasm_bg.wasm'));
    return {
      dir,
      build: {
        root,
        wasm_sha1: createHash('sha1').update(wasm).digest('hex'),
        wasm_bytes: wasm.length,
        built_at: new Date(statSync(path.join(root, 'pkg', 'cytomine_wasm_bg.wasm')).mtimeMs).toISOString(),
      },
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  throw new Error('pkg/ and js/ kept changing for a minute: cannot take a consistent snapshot of the package');
}
