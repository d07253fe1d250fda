// Size: gzip -9 of what a browser page downloads for this package (the wasm, the wasm-bindgen
// glue and the js/ modules, each file compressed on its own as a server would send it), against
// cytomine-client's dist/cytomine-client.min.js. Files are found by following the static imports
// from js/index.js (and cross-checked with what the Chromium page actually fetched). Details:
// the same files concatenated, and a Vite production build (minified) of a page importing it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { JS_CLIENT_DIST } from '../browser/runner.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** gzip -9 size as the gzip command line reports it (the reference figure, 76,380, is that). */
export function gzipSize(file) {
  try {
    return execFileSync('gzip', ['-9c', file], { maxBuffer: 64 << 20 }).length;
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length + path.basename(file).length + 1;
  }
}

/** The files a page importing js/index.js downloads, following static and dynamic imports. */
export function packageFiles(root) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(file, 'utf8');
    const specs = [
      ...code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm),
      ...code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
      ...code.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g),
    ].map((m) => m[1]);
    for (const spec of specs) if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
  };
  visit(path.join(root, 'js', 'index.js'));
  // wasm-bindgen's glue defaults to the wasm next to it; js/wasm.js names it explicitly.
  return [...seen].filter((f) => existsSync(f)).sort();
}

function viteBundle(root, log) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cytomine-bench-vite-'));
  try {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    writeFileSync(path.join(dir, 'main.js'), `import * as client from ${JSON.stringify(path.join(root, 'js', 'index.js'))};\nwindow.client = client;\n`);
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', 'dist', dir], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
    const out = path.join(dir, 'dist', 'assets');
    const files = readdirSync(out).map((f) => path.join(out, f));
    return {
      gzip: files.reduce((s, f) => s + gzipSize(f), 0),
      files: files.map((f) => ({ file: path.basename(f), bytes: statSync(f).size, gzip: gzipSize(f) })),
    };
  } catch (e) {
    log?.(`  vite bundle skipped: ${String(e.message).split('\n')[0]}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The size figures of the package in `root` (the run's snapshot); `downloaded` = paths the
 * Chromium page fetched under /package/ (optional cross-check); `vite: false` skips the Vite
 * production build (a detail figure).
 */
export function measureSize({ root, downloaded = null, log, vite: withVite = true } = {}) {
  const files = packageFiles(root);
  const rel = files.map((f) => path.relative(root, f));
  let crossCheck = null;
  if (downloaded?.length) {
    const fetched = [...new Set(downloaded.map((u) => u.replace(/^\/package\//, '')))].sort();
    const missing = fetched.filter((f) => !rel.includes(f));
    crossCheck = { fetched_by_page: fetched, not_in_static_list: missing };
    for (const f of missing) files.push(path.join(root, f));
  }
  const perFile = files.map((f) => ({ file: path.relative(root, f), bytes: statSync(f).size, gzip: gzipSize(f) }));
  const modules = perFile.reduce((s, f) => s + f.gzip, 0);
  // The single-file build (dist/cytomine-wasm.min.js + the wasm) is what a page without a bundler
  // downloads, the counterpart of cytomine-client's min.js; without it, the modules as served.
  const bundle = path.join(root, 'dist', 'cytomine-wasm.min.js');
  const wasmFile = path.join(root, 'pkg', 'cytomine_wasm_bg.wasm');
  const single = existsSync(bundle) ? { js_gzip: gzipSize(bundle), wasm_gzip: gzipSize(wasmFile) } : null;
  const ours = single ? single.js_gzip + single.wasm_gzip : modules;
  const js = gzipSize(JS_CLIENT_DIST);
  const concat = gzipSync(Buffer.concat(files.map((f) => readFileSync(f))), { level: 9 }).length;
  const vite = withVite ? viteBundle(root, log) : null;
  return {
    ours_gzip: ours,
    js_client_gzip: js,
    ratio: Math.round((ours / js) * 1000) / 1000,
    target: { ratio: 1.0, aim: 0.75 },
    met: ours / js <= 1.0,
    measured: single ? 'dist/cytomine-wasm.min.js + pkg/cytomine_wasm_bg.wasm' : 'js/ modules + pkg/ as served',
    detail: {
      single_file: single,
      modules_gzip: modules,
      modules_ratio: Math.round((modules / js) * 1000) / 1000,
      files: perFile,
      wasm_gzip: perFile.filter((f) => f.file.endsWith('.wasm')).reduce((s, f) => s + f.gzip, 0),
      js_gzip: perFile.filter((f) => f.file.endsWith('.js')).reduce((s, f) => s + f.gzip, 0),
      concatenated_gzip: concat,
      vite_bundle: vite,
      vite_ratio: vite ? Math.round((vite.gzip / js) * 1000) / 1000 : null,
      js_client_bytes: statSync(JS_CLIENT_DIST).size,
      cross_check: crossCheck,
    },
  };
}
