// Request bodies made in another realm (issue 16, item 4): test frameworks run test files in
// `node:vm` contexts (Jest, Vitest's `vm` pools), where typed arrays and ArrayBuffers are the
// context's own and FormData/Blob come from a DOM implementation that is not the runtime's
// (jsdom's, happy-dom's). `instanceof` knows neither; the package recognises bodies by their
// `Object.prototype.toString` tag and `ArrayBuffer.isView`. Browser realms (iframes) are
// covered in tests/browser/package.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { startEmulator, connectAs, projectNamed } from '../support/integration.mjs';

// undici's npm FormData: a complete FormData implementation that is not the runtime's own.
const { FormData: OtherFormData } = createRequire(import.meta.url)('undici');

let server;
let alice;
let panc;
let realm;

before(async () => {
  server = await startEmulator();
  alice = connectAs(server, 'alice');
  panc = projectNamed(server.state, 'PANC-Biopsies');
  // A test framework's context: its own built-ins, a FormData of another implementation.
  realm = vm.createContext({ FormData: OtherFormData });
});
after(() => server?.close());

/** The UTF-8 bytes of `text` as a typed array made in the vm context (`kind` of view). */
function foreignBytes(text, kind = 'Uint8Array') {
  const codes = JSON.stringify([...Buffer.from(text, 'utf8')]);
  const view = vm.runInContext(`new ${kind}(new Uint8Array(${codes}).buffer)`, realm);
  assert.equal(view instanceof Uint8Array || view instanceof DataView, false, 'the view is of another realm');
  return view;
}

const termBody = (name) => JSON.stringify({ name, color: '#123456', ontology: panc.ontology });

test('typed arrays, DataViews and ArrayBuffers of another realm are sent as their bytes', async () => {
  const sent = {
    'vm-uint8': foreignBytes(termBody('vm-uint8')),
    'vm-dataview': foreignBytes(termBody('vm-dataview'), 'DataView'),
    'vm-buffer': foreignBytes(termBody('vm-buffer')).buffer,
    'own-uint8': new TextEncoder().encode(termBody('own-uint8')),
  };
  assert.equal(sent['vm-buffer'] instanceof ArrayBuffer, false);
  for (const [name, body] of Object.entries(sent)) {
    const answer = await alice.request('POST', 'term.json', { body });
    const created = answer.term ?? answer.data;
    assert.equal(created?.name, name, `${name}: the server read the bytes as the JSON they hold`);
    const record = server.state.get('term', created.id);
    assert.equal(record.name, name);
    assert.equal(record.color, '#123456');
  }
});

test("a FormData of another realm is sent as multipart, not as JSON '{}'", async () => {
  const content = 'made in a vm context\n';
  const form = vm.runInContext('new FormData()', realm);
  assert.equal(form instanceof FormData, false, 'the FormData is not the runtime one');
  form.append('domainIdent', String(panc.id));
  form.append('domainClassName', 'be.cytomine.domain.project.Project');
  form.append('filename', 'realm.txt');
  form.append('files[]', new Blob([content], { type: 'text/plain' }), 'realm.txt');
  const answer = await alice.request('POST', 'attachedfile.json', { body: form });
  assert.equal(answer.filename, 'realm.txt');
  const record = server.state.get('attachedfile', answer.id);
  assert.equal(record.domainIdent, panc.id);
  assert.equal(Buffer.from(record.data).toString('utf8'), content);
});

test('a plain object that only claims a tag is still refused or sent as JSON, never crashes', async () => {
  // Its tag says Blob: handed to fetch as it is, which cannot read it as a Blob; the failure is a CytomineError.
  const liar = { [Symbol.toStringTag]: 'Blob', name: 'x' };
  await assert.rejects(alice.request('POST', 'term.json', { body: liar }), (e) => e.name === 'CytomineError');
  // A throwing tag getter: treated as a plain object (JSON).
  const throwing = { get [Symbol.toStringTag]() { throw new Error('boom'); }, name: 'tag-throws', color: '#000000', ontology: panc.ontology };
  const answer = await alice.request('POST', 'term.json', { body: throwing });
  assert.equal((answer.term ?? answer.data).name, 'tag-throws');
});
