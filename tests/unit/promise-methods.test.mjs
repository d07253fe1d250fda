// Every method that returns a promise rejects on bad arguments and never throws synchronously
// (issue 16, item 3): callers chain `.catch()` and test frameworks use `.rejects`, which a
// synchronous throw escapes. Probed systematically: every static and prototype method of every
// exported class (and of `Cytomine`) is called on new and saved-looking receivers with bad
// arguments, through a connection whose every request fails, so nothing is sent anywhere.
// A method is promise-returning when its type declaration says so (js/index.d.ts,
// js/types/base.d.ts) or when any probe returned a promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as pkg from '../../js/index.js';

const { Cytomine, CytomineError, Model, Collection } = pkg;
const root = new URL('../../', import.meta.url);
const declarations = ['js/index.d.ts', 'js/types/base.d.ts'].map((f) => readFileSync(new URL(f, root), 'utf8')).join('\n');

/** Promise-returning members by declared class: `{ extends, static: Set, proto: Set }`. */
function declaredPromiseMembers(text) {
  const classes = new Map();
  const classPattern = /export declare class (\w+)(?:<[^{]*?>)?(?: extends (\w+))?[^{]*\{([\s\S]*?)\n\}/g;
  for (const [, name, parent, body] of text.matchAll(classPattern)) {
    const entry = { extends: parent ?? null, static: new Set(), proto: new Set() };
    for (const [, isStatic, member] of body.matchAll(/^\s+(static )?(\w+)(?:<[^(]*>)?\([^\n]*\):\s*Promise</gm)) {
      entry[isStatic ? 'static' : 'proto'].add(member);
    }
    classes.set(name, entry);
  }
  return classes;
}

const DECLARED = declaredPromiseMembers(declarations);

function declared(className, kind, member) {
  for (let c = DECLARED.get(className); c; c = DECLARED.get(c.extends)) if (c[kind].has(member)) return true;
  return false;
}

// Requests never leave the process: the connection's fetch fails at once.
const offline = () => Promise.reject(new TypeError('offline (test)'));
const connections = {
  '5.2': new Cytomine('http://offline.invalid', { token: 't', core: '5.2', retries: 0, fetch: offline }),
  2026: new Cytomine('http://offline.invalid', { token: 't', core: '2026', retries: 0, fetch: offline }),
};

const BAD_ARGUMENTS = [
  [],
  [{}],
  [null],
  ['1/../2'],
  [-1],
  [Number.NaN],
  [1.5],
  [Symbol('bad')],
  [{}, {}, {}],
  [undefined, 'not a number', { signal: 'not a signal' }],
  [[1, 'x', {}]],
];

/** Names of the methods (not accessors) of `target` and its prototypes up to `stop`. */
function methodNames(target, stop) {
  const names = new Set();
  for (let o = target; o && o !== stop; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === 'constructor' || name.startsWith('_')) continue;
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (typeof d.value === 'function') names.add(name);
    }
  }
  return names;
}

/** Receivers of a class's prototype methods: new, and with an id (plus an object for domain models). */
function receivers(Class, cytomine) {
  const out = [];
  const make = (...args) => {
    try {
      const r = new Class(...args);
      r.cytomine = cytomine;
      out.push(r);
    } catch {
      // a constructor refusing these arguments is not what this test probes
    }
  };
  make();
  make({ id: 7 });
  if (Class.prototype instanceof Model) {
    const project = new pkg.Project({ id: 3, class: 'be.cytomine.domain.project.Project' });
    project.cytomine = cytomine;
    make({ id: 7 }, project);
    make({}, project);
  }
  return out;
}

/**
 * Calls `fn` on `self` with each bad argument list; returns the problems found: a synchronous
 * throw of a promise-returning method, a rejection that is not a CytomineError.
 */
async function probe(label, self, fn, promiseDeclared) {
  const outcomes = [];
  for (const args of BAD_ARGUMENTS) {
    let value;
    try {
      value = fn.apply(self, args);
    } catch (error) {
      outcomes.push({ args, sync: error });
      continue;
    }
    if (value && typeof value.then === 'function') {
      const settled = await value.then(() => ({ ok: true }), (error) => ({ error }));
      outcomes.push({ args, promise: true, ...settled });
    } else {
      outcomes.push({ args, value });
    }
  }
  const isPromiseMethod = promiseDeclared || outcomes.some((o) => o.promise);
  if (!isPromiseMethod) return [];
  const problems = [];
  for (const o of outcomes) {
    const shown = o.args.map((a) => (typeof a === 'symbol' ? 'Symbol' : JSON.stringify(a))).join(', ');
    if (o.sync) problems.push(`${label}(${shown}) threw synchronously: ${o.sync.message}`);
    else if (!o.promise) problems.push(`${label}(${shown}) returned ${typeof o.value}, not a promise`);
    else if (o.error && !(o.error instanceof CytomineError)) problems.push(`${label}(${shown}) rejected with ${o.error?.name}: ${o.error?.message}`);
  }
  return problems;
}

const exportedClasses = Object.entries(pkg).filter(
  ([name, C]) => typeof C === 'function' && (C.prototype instanceof Model || C.prototype instanceof Collection),
);

test('the probe covers every exported model and collection and knows their promise members', () => {
  const models = exportedClasses.filter(([, C]) => C.prototype instanceof Model).length;
  const collections = exportedClasses.filter(([, C]) => C.prototype instanceof Collection).length;
  assert.equal(models, 40 + 1, '40 models of cytomine-client plus RelationTerm');
  assert.equal(collections, 37);
  assert.ok(declared('Project', 'proto', 'fetchUsers'));
  assert.ok(declared('Project', 'static', 'fetch'));
  assert.ok(declared('ProjectCollection', 'proto', 'fetchPage'));
  assert.ok(declared('Cytomine', 'proto', 'request'));
  assert.ok(!declared('Project', 'proto', 'toString'));
});

for (const core of ['5.2', '2026']) {
  test(`core ${core}: no promise-returning method throws synchronously; bad arguments reject with a CytomineError`, async () => {
    const cytomine = connections[core];
    const problems = [];
    let probed = 0;
    for (const [name, Class] of exportedClasses) {
      const Bound = cytomine.models[name];
      for (const method of methodNames(Bound, Function.prototype)) {
        probed++;
        problems.push(...(await probe(`${name}.${method}`, Bound, Bound[method], declared(name, 'static', method))));
      }
      for (const self of receivers(Bound, cytomine)) {
        for (const method of methodNames(Object.getPrototypeOf(self), Object.prototype)) {
          probed++;
          problems.push(...(await probe(`${name}#${method}`, self, self[method], declared(name, 'proto', method))));
        }
      }
    }
    // (`free()` releases the connection for good: not probed.)
    for (const method of methodNames(Cytomine.prototype, Object.prototype)) {
      if (method === 'free') continue;
      probed++;
      problems.push(...(await probe(`Cytomine#${method}`, cytomine, cytomine[method], declared('Cytomine', 'proto', method))));
    }
    assert.ok(probed > 1500, `probed ${probed} method/receiver pairs`);
    assert.deepEqual([...new Set(problems)], []);
  });
}

test('keycloakToken checks its options when called (not a promise): bad ones throw a CytomineError', () => {
  for (const bad of [null, undefined, {}, { url: 'http://x', username: '', password: 'p' }, 'x']) {
    assert.throws(() => pkg.keycloakToken(bad), (e) => e instanceof CytomineError && e.kind === 'invalid-argument');
  }
  assert.equal(typeof pkg.keycloakToken({ url: 'http://localhost', username: 'u', password: 'p' }), 'function');
});

test('a freed connection refuses every use with a CytomineError, and free() twice is harmless', async () => {
  const calls = [];
  const cytomine = new Cytomine('https://cytomine.example.org', { core: '5.2', token: 't', fetch: async (url) => calls.push(url) });
  cytomine.free();
  assert.doesNotThrow(() => cytomine.free());
  const refused = (e) => e instanceof CytomineError && e.kind === 'invalid-argument' && /freed/.test(e.message);
  await assert.rejects(cytomine.request('GET', 'project.json'), refused);
  await assert.rejects(cytomine.models.Project.fetch(1), refused);
  await assert.rejects(new cytomine.models.ProjectCollection().fetchAll(), refused);
  await assert.rejects(cytomine.ping(), refused);
  assert.throws(() => cytomine.host, refused);
  assert.deepEqual(calls, []);
});
