// scripts/lib/short-names.mjs: the build renames wasm-bindgen's hashed import names and closure
// shim exports in the wasm and the glue together. Checked on a small hand-made module (every
// import kind, names spelled as the glue spells them) and on the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shortenNames } from '../../scripts/lib/short-names.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const name = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, body) => [id, ...leb(body.length), ...body];

const FETCH = '__wbg_fetch_from_js_30fec9f78d5cf7ef';
const NOW = '__wbg_now_0123456789abcdef';
const SHIM = 'wasm_bindgen_bd4753f0e8e3d31d___convert__closures_____invoke___JsValue___true_';

/** A module importing two hashed functions, a plain one, a memory, a table and a global; exporting a shim and an API function. */
function module({ fetch = FETCH, now = NOW, shim = SHIM } = {}) {
  const types = section(1, [1, 0x60, 0, 0]); // one type: () -> ()
  const imports = section(2, [
    6,
    ...name('./x_bg.js'), ...name(fetch), 0, 0,
    ...name('./x_bg.js'), ...name('plain_name'), 0, 0,
    ...name('./x_bg.js'), ...name(now), 0, 0,
    ...name('env'), ...name('mem'), 2, 1, 1, 2, // memory, limits min 1 max 2
    ...name('env'), ...name('tab'), 1, 0x70, 0, 1, // funcref table, min 1
    ...name('env'), ...name('g'), 3, 0x7f, 0, // immutable i32 global
  ]);
  const functions = section(3, [2, 0, 0]);
  const exports = section(7, [2, ...name(shim), 0, 3, ...name('connection_new'), 0, 4]);
  const code = section(10, [2, 2, 0, 0x0b, 2, 0, 0x0b]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}

const GLUE = `const imports = { ${FETCH}: function(a) { return fetch(a); }, plain_name: () => 1, ${NOW}: () => Date.now() };
function ${SHIM}(a) { wasm.${SHIM}(a); }
export function make() { return wasm.connection_new(); }
const other = makeMutClosure(1, 2, ${SHIM});
`;

test('hashed imports and closure shims get short names in the wasm and the glue alike; nothing else changes', () => {
  const wasm = module();
  assert.ok(WebAssembly.validate(wasm));
  const out = shortenNames(wasm, GLUE);
  assert.equal(out.renamed, 3);
  assert.ok(WebAssembly.validate(out.wasm));
  const m = new WebAssembly.Module(out.wasm);
  assert.deepEqual(
    WebAssembly.Module.imports(m).map((i) => `${i.module} ${i.name} ${i.kind}`),
    ['./x_bg.js _0 function', './x_bg.js plain_name function', './x_bg.js _1 function', 'env mem memory', 'env tab table', 'env g global'],
  );
  assert.deepEqual(WebAssembly.Module.exports(m).map((e) => e.name), ['_2', 'connection_new']);
  assert.equal(
    out.glue,
    `const imports = { _0: function(a) { return fetch(a); }, plain_name: () => 1, _1: () => Date.now() };
function _2(a) { wasm._2(a); }
export function make() { return wasm.connection_new(); }
const other = makeMutClosure(1, 2, _2);
`,
  );
  // Byte for byte the module that would have had the short names from the start.
  assert.deepEqual(out.wasm, module({ fetch: '_0', now: '_1', shim: '_2' }));
});

test('a hashed import the glue does not spell exactly once is refused, not guessed', () => {
  assert.throws(() => shortenNames(module(), GLUE.replace(`${NOW}:`, 'now:')), /__wbg_now_0123456789abcdef is spelled 0 times/);
  assert.throws(() => shortenNames(module(), `${GLUE}\n// ${FETCH}`), /spelled 2 times/);
  assert.throws(() => shortenNames(module(), `${GLUE}\nconst _1 = 0;`), /_1 is already a name in the glue/);
});

test('the built package: no hashed name is left, and every import of the wasm is provided by the glue', async () => {
  const wasm = readFileSync(path.join(ROOT, 'pkg', 'cytomine_wasm_bg.wasm'));
  const glue = readFileSync(path.join(ROOT, 'pkg', 'cytomine_wasm.js'), 'utf8');
  assert.doesNotMatch(glue, /__wbg_[A-Za-z0-9_]*_[0-9a-f]{16}\b/);
  assert.doesNotMatch(glue, /convert__closures/);
  const m = new WebAssembly.Module(wasm);
  const glueImports = await import(path.join(ROOT, 'pkg', 'cytomine_wasm.js'));
  assert.equal(typeof glueImports.default, 'function');
  const imports = WebAssembly.Module.imports(m).filter((i) => i.module === './cytomine_wasm_bg.js');
  assert.ok(imports.length > 50, `${imports.length} imports from the glue`);
  for (const i of imports) assert.match(glue, new RegExp(`[{,\\s]${i.name.replace(/\$/g, '\\$')}\\s*:`), `the glue provides ${i.name}`);
  // The package entry instantiates it: a real call goes through the renamed imports.
  const { Cytomine } = await import(path.join(ROOT, 'js', 'index.js'));
  const c = new Cytomine('https://cytomine.example.org', { publicKey: 'p', privateKey: 'k' });
  assert.equal(c.host, 'https://cytomine.example.org');
});
