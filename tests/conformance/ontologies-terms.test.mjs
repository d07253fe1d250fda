// Conformance: cytomine-client 3.1.0 against the emulator, for ontologies, terms and relation terms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf } from './helpers.mjs';

let emu;
let c;
let histo;
before(async () => {
  ({ emu, c } = await setup('alice'));
  histo = [...emu.state.t.ontology.values()].find((o) => o.name === 'Histology');
});
after(async () => { await emu.close(); });

test('OntologyCollection.fetchAll: full ontologies with their term tree as TermCollections', async () => {
  const coll = await c.OntologyCollection.fetchAll();
  assert.equal(coll.length, 3);
  const o = coll.array.find((x) => x.id === histo.id);
  assert.ok(o instanceof c.Ontology);
  assert.equal(o.name, 'Histology');
  assert.ok(o.children instanceof c.TermCollection);
  const tumor = o.children.array.find((t) => t.name === 'Tumor');
  assert.ok(tumor instanceof c.Term);
  assert.equal(tumor.color, '#E53935');
  assert.ok(o.projects instanceof c.ProjectCollection);
  assert.ok(o.projects.array.some((p) => p.name === 'PANC-Biopsies'));
  const light = await c.OntologyCollection.fetchAll({ light: true });
  assert.deepEqual(light.array.map((x) => x.name).sort(), ['Colon', 'Histology', 'Prostate-Gleason']);
  assert.equal(light.get(0).children.length, 0, 'light items have no children');
});

test('Ontology CRUD', async () => {
  const o = new c.Ontology({ name: 'Conformance-Onto' });
  await o.save();
  assert.ok(o.id);
  assert.equal(o.user, 2);
  const f = await c.Ontology.fetch(o.id);
  assert.equal(f.name, 'Conformance-Onto');
  f.name = 'Conformance-Onto-2';
  await f.update();
  assert.equal(emu.state.get('ontology', o.id).name, 'Conformance-Onto-2');
  await f.delete();
  assert.equal(await statusOf(c.Ontology.fetch(o.id)), 404);
});

test('TermCollection by ontology and by project; Term CRUD and changeParent', async () => {
  const byOnto = await c.TermCollection.fetchAll({ filterKey: 'ontology', filterValue: histo.id });
  assert.deepEqual(byOnto.array.map((t) => t.name).sort(), ['High-grade tumor', 'Inflammation', 'Lymphocytes', 'Necrosis', 'Normal', 'Stroma', 'Tumor']);
  const hg = byOnto.array.find((t) => t.name === 'High-grade tumor');
  const tumor = byOnto.array.find((t) => t.name === 'Tumor');
  assert.equal(hg.parent, tumor.id);
  assert.equal(tumor.parent, null);
  const byProject = await c.TermCollection.fetchAll({ filterKey: 'project', filterValue: projectByName(emu, 'PANC-Biopsies').id });
  assert.equal(byProject.length, 7);
  // GET /api/term.json is admin-only in core: the unfiltered collection is refused for alice
  assert.equal(await statusOf(c.TermCollection.fetchAll()), 403);

  const t = new c.Term({ name: 'Conformance-Term', color: '#123456', ontology: histo.id });
  await t.save();
  assert.ok(t.id);
  assert.equal(t.parent, null);
  await t.changeParent(tumor.id);
  assert.equal(t.parent, tumor.id);
  assert.equal((await c.Term.fetch(t.id)).parent, tumor.id);
  await t.changeParent(null);
  assert.equal((await c.Term.fetch(t.id)).parent, null);
  t.color = '#654321';
  await t.update();
  assert.equal(emu.state.get('term', t.id).color, '#654321');
  await c.Term.delete(t.id);
  assert.equal(emu.state.get('term', t.id), undefined);
  const bad = new c.Term({ name: 'No-ontology', color: '#000000' });
  await assert.rejects(bad.save(), (e) => e.response.status === 400 && /Ontology is mandatory/.test(e.message));
});

test('undo/redo through the client', async () => {
  const t = new c.Term({ name: 'Undo-Term', color: '#ABCDEF', ontology: histo.id });
  await t.save();
  const undone = await c.cytomine.undo();
  assert.equal(undone[0].callback.method, 'be.cytomine.DeleteTermCommand');
  assert.equal(undone[0].term.name, 'Undo-Term');
  assert.equal(emu.state.get('term', t.id), undefined);
  const redone = await c.cytomine.redo();
  assert.equal(redone[0].callback.method, 'be.cytomine.AddTermCommand');
  assert.equal(emu.state.get('term', t.id).name, 'Undo-Term');
  const nothing = await c.cytomine.redo();
  assert.equal(nothing[0].message, 'Nothing to redo');
});
