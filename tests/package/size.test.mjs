// What a page downloads stays small (issue 13), measured as `npm run bench` measures it
// (bench/lib/size.mjs, bench/treeshake.mjs) on the build in this checkout:
// - the wasm carries no registry of the declared classes (it lives in js/generated/ only);
// - gzip -9 of dist/cytomine-wasm.min.js + the wasm stays at most 0.90 of cytomine-client's
//   bundle (0.867 when this test was written; the benchmark's aim is 0.75, see the README);
// - an app importing only `Cytomine` and `Project` bundles at most half the JS of one importing
//   everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureSize } from '../../bench/lib/size.mjs';
import { measureTreeShaking } from '../../bench/treeshake.mjs';

const root = resolve(import.meta.dirname, '../..');

test('the wasm carries no registry: no declared route or method name is in it', () => {
  const wasm = readFileSync(join(root, 'pkg', 'cytomine_wasm_bg.wasm')).toString('latin1');
  const routes = new Set();
  const methods = new Set();
  for (const file of readdirSync(join(root, 'js', 'generated'))) {
    const source = readFileSync(join(root, 'js', 'generated', file), 'utf8');
    for (const m of source.matchAll(/'(?:GET|POST|PUT|DELETE|HEAD) ([^']+)'/g)) routes.add(m[1]);
    for (const m of source.matchAll(/async (\w{6,})\(/g)) methods.add(m[1]);
  }
  assert.ok(routes.size > 50 && methods.size > 50, `${routes.size} routes, ${methods.size} methods found in js/generated`);
  assert.deepEqual([...routes].filter((r) => wasm.includes(r)), []);
  assert.deepEqual([...methods].filter((n) => wasm.includes(n)), []);
});

test('the browser download (minified module + wasm, gzip -9) stays at most 0.90 of cytomine-client', () => {
  const size = measureSize({ root, vite: false });
  const single = size.detail.single_file;
  assert.ok(single, 'dist/cytomine-wasm.min.js is built');
  assert.equal(size.ours_gzip, single.js_gzip + single.wasm_gzip);
  assert.ok(size.js_client_gzip > 70_000, `cytomine-client's bundle: ${size.js_client_gzip} B`);
  assert.ok(size.ratio <= 0.9, `${size.ours_gzip} B (wasm ${single.wasm_gzip}, JS ${single.js_gzip}) against ${size.js_client_gzip} B: ${size.ratio}`);
});

test('tree-shaking: Cytomine + Project alone keeps at most half of the JS of everything', () => {
  const { builds, ratio } = measureTreeShaking({ root });
  const subset = builds['Cytomine + Project'];
  assert.ok(subset.js_bytes > 10_000 && builds.everything.js_bytes > subset.js_bytes, JSON.stringify(builds));
  assert.equal(subset.wasm_gzip, builds.everything.wasm_gzip);
  assert.ok(ratio <= 0.5, `${subset.js_bytes} B against ${builds.everything.js_bytes} B: ${ratio}`);
});
