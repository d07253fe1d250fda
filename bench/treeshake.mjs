#!/usr/bin/env node
// Tree-shaking (issue 13): the JS a Vite production build keeps for an app importing only
// `Cytomine` and `Project`, against one importing everything (target: at most half). The wasm is
// the same file in both builds and is reported apart. Run alone: `node bench/treeshake.mjs [--json]`
// (needs a build: `node scripts/build.mjs`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSize } from './lib/size.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The apps compared: what each imports from the package entry `entry`. */
export const apps = (entry) => ({
  'Cytomine + Project': `import { Cytomine, Project } from ${JSON.stringify(entry)};\nwindow.app = { Cytomine, Project };\n`,
  everything: `import * as client from ${JSON.stringify(entry)};\nwindow.app = client;\n`,
});

/** Builds `main` with Vite (production, minified) and measures its JS and wasm assets. */
function viteBuild(main) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cytomine-treeshake-'));
  try {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    writeFileSync(path.join(dir, 'main.js'), main);
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'error', '--outDir', 'dist', dir], { cwd: dir, stdio: 'pipe', timeout: 180_000 });
    const out = path.join(dir, 'dist', 'assets');
    const files = readdirSync(out).map((f) => path.join(out, f));
    const sum = (ext, measure) => files.filter((f) => f.endsWith(ext)).reduce((s, f) => s + measure(f), 0);
    return {
      js_bytes: sum('.js', (f) => statSync(f).size),
      js_gzip: sum('.js', gzipSize),
      wasm_gzip: sum('.wasm', gzipSize),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Both builds of the package in `root` (default: this checkout; `npm run bench` passes its
 * snapshot) and the ratio of their minified JS (the figure the target is about).
 */
export function measureTreeShaking({ root = ROOT } = {}) {
  const entry = path.join(root, 'js', 'index.js');
  const builds = Object.fromEntries(Object.entries(apps(entry)).map(([name, main]) => [name, viteBuild(main)]));
  const subset = builds['Cytomine + Project'];
  const full = builds.everything;
  const ratio = Math.round((subset.js_bytes / full.js_bytes) * 1000) / 1000;
  return { builds, ratio, gzip_ratio: Math.round((subset.js_gzip / full.js_gzip) * 1000) / 1000, target: 0.5, met: ratio <= 0.5 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = measureTreeShaking();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const [name, b] of Object.entries(result.builds)) {
      console.log(`${name.padEnd(20)} JS ${b.js_bytes} B min, ${b.js_gzip} B gzip; wasm ${b.wasm_gzip} B gzip`);
    }
    console.log(`ratio (min JS) ${result.ratio}, gzip ${result.gzip_ratio}; target <= ${result.target}: ${result.met ? 'met' : 'NOT met'}`);
  }
}
