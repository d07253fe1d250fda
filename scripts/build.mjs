#!/usr/bin/env node
// Builds the WebAssembly package into pkg/ with wasm-pack (release: opt-level "z", LTO, wasm-opt
// from the npm `binaryen` package), and dist/cytomine-wasm.min.js, a minified single-module
// build of the JS layer for pages without a bundler, and www/vendor/ (OpenLayers for the demo's
// slide viewer, bundled from npm's `ol`; gitignored). `--if-needed` skips each part whose output
// is newer than its sources, so `npm start` and `npm test` stay fast after the first run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { shortenNamesInFiles } from './lib/short-names.mjs';

const root = resolve(import.meta.dirname, '..');
const output = join(root, 'pkg', 'cytomine_wasm_bg.wasm');
const minifiedOutput = join(root, 'dist', 'cytomine-wasm.min.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const rustTime = Math.max(newestSource(join(root, 'src')), ...['Cargo.toml', 'Cargo.lock'].map((f) => statSync(join(root, f)).mtimeMs));
const ifNeeded = process.argv.includes('--if-needed');
const fresh = (file, time) => existsSync(file) && statSync(file).mtimeMs > time;

if (ifNeeded && fresh(output, rustTime)) {
  console.log('pkg/ is up to date');
} else {
  const env = {
    ...process.env,
    PATH: [join(root, 'node_modules', '.bin'), join(process.env.HOME ?? '', '.cargo', 'bin'), process.env.PATH].join(delimiter),
  };
  const wasmPack = (extraEnv, cargoArgs) => execFileSync('wasm-pack', ['build', root, '--release', '--target', 'web', '--no-pack', '--out-dir', 'pkg', '--', ...cargoArgs], { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  // Size: core and alloc are rebuilt with the crate's opt-level "z" and with panics that abort
  // at once, so no panic message formatting nor source path ships (2.9 kB less gzipped wasm,
  // README "How it is built"). Both are unstable cargo/rustc flags on the stable toolchain (RUSTC_BOOTSTRAP, as
  // the fuzz targets); they need the `rust-src` component (scripts/setup.sh adds it). A
  // toolchain that cannot do it still gets the ordinary build.
  try {
    wasmPack({ RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none' }, ['-Z', 'build-std=core,alloc']);
  } catch {
    console.warn('warning: the build with rebuilt core/alloc failed; building the ordinary way (a larger wasm)');
    wasmPack({}, []);
  }
  // wasm-pack's .gitignore would keep pkg/ out of `npm pack`; the root .gitignore already ignores it.
  rmSync(join(root, 'pkg', '.gitignore'), { force: true });
  const renamed = shortenNamesInFiles(output, join(root, 'pkg', 'cytomine_wasm.js'));
  console.log(`shortened ${renamed} machine-made import/export names in pkg/`);
  console.log(`built ${output} (${statSync(output).size} bytes)`);
}

// One minified ES module for pages without a bundler (the JS layer and the wasm-bindgen glue);
// it loads ../pkg/cytomine_wasm_bg.wasm next to it.
if (ifNeeded && fresh(minifiedOutput, Math.max(newestSource(join(root, 'js')), statSync(output).mtimeMs))) {
  console.log('dist/ is up to date');
} else {
  const { rolldown } = await import('rolldown');
  // The Node transport (js/node-fetch.js, imported only in Node) stays a chunk of its own, with
  // undici and Node's modules left as imports (resolved from node_modules when it runs in Node);
  // package.json's `browser` field, which drops the module from apps' browser bundles, is not
  // applied here so that dist/ still works in Node.
  const bundle = await rolldown({ input: join(root, 'js', 'index.js'), platform: 'browser', logLevel: 'warn', external: ['undici', /^node:/], resolve: { aliasFields: [] } });
  await bundle.write({ dir: dirname(minifiedOutput), entryFileNames: basename(minifiedOutput), chunkFileNames: '[name].min.js', format: 'es', minify: true });
  console.log(`built ${minifiedOutput} (${statSync(minifiedOutput).size} bytes)`);
}

// OpenLayers for the demo's viewer: the modules www/viewer/ol-modules.js names, as one minified
// ES module, and OpenLayers' stylesheet.
const olEntry = join(root, 'www', 'viewer', 'ol-modules.js');
const olOutput = join(root, 'www', 'vendor', 'ol.js');
const olPackage = join(root, 'node_modules', 'ol', 'package.json');
if (ifNeeded && fresh(olOutput, Math.max(statSync(olEntry).mtimeMs, statSync(olPackage).mtimeMs))) {
  console.log('www/vendor/ is up to date');
} else {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({ input: olEntry, platform: 'browser', logLevel: 'warn' });
  await bundle.write({ file: olOutput, format: 'es', minify: true });
  mkdirSync(dirname(olOutput), { recursive: true });
  copyFileSync(join(root, 'node_modules', 'ol', 'ol.css'), join(root, 'www', 'vendor', 'ol.css'));
  console.log(`built ${olOutput} (${statSync(olOutput).size} bytes)`);
}
