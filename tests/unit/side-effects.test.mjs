// package.json's `sideEffects` tells bundlers which modules must be kept even when nothing they
// export is used. It lists only js/wasm.js (it instantiates the WebAssembly module on import):
// every other module's top-level statements are declarations, imports and exports, or act only on
// what the module itself exports, so dropping an unused module changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const listed = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).sideEffects;

/** Top-level statements that act on the module's own exports (allowed outside `sideEffects`). */
const OWN = {
  'js/model.js': ['defineConnectionAccessors(Model);'],
  'js/collection.js': ['defineConnectionAccessors(Collection);'],
  // Registers how `cytomine.models` binds the declared classes: without any class, nothing to bind.
  'js/declare.js': ['Cytomine._setBinder('],
};

function modules(dir) {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

/** Top-level lines that start a statement other than a declaration, import or export. */
function statements(source) {
  return source
    .split('\n')
    .filter((line) => /^[A-Za-z_$]/.test(line))
    .filter((line) => !/^(export|import|const|let|var|function|async function|class)\b/.test(line));
}

test('sideEffects lists js/wasm.js, and every other module has no top-level side effect of its own', () => {
  assert.deepEqual(listed, ['./js/wasm.js']);
  // js/wasm.js instantiates the module and registers the error class: real side effects.
  assert.ok(statements(readFileSync(path.join(ROOT, 'js/wasm.js'), 'utf8')).includes('bindings.registerErrorClass(CytomineError);'));
  const files = modules('js').filter((f) => f !== path.join('js', 'wasm.js'));
  assert.ok(files.length > 20 && files.includes(path.join('js', 'generated', 'project.js')));
  for (const file of files) {
    const found = statements(readFileSync(path.join(ROOT, file), 'utf8'));
    const allowed = OWN[file.split(path.sep).join('/')] ?? [];
    const other = found.filter((line) => !allowed.some((prefix) => line.startsWith(prefix)));
    assert.deepEqual(other, [], `${file}: top-level statements with side effects`);
  }
});

test('generated classes are pure declarations (kept by a bundler only when used)', () => {
  for (const file of modules(path.join('js', 'generated'))) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const line of source.split('\n').filter((l) => l.startsWith('export const '))) {
      assert.match(line, /= \/\*#__PURE__\*\/ (declareModel|declareCollection|Object\.freeze)\(/, `${file}: ${line}`);
    }
  }
});
