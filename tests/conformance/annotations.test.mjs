// Conformance: cytomine-client 3.1.0 against the emulator, for annotations and annotation terms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf } from './helpers.mjs';

let emu;
let c;
let panc;
let image;
let terms;
before(async () => {
  ({ emu, c } = await setup('bob'));
  panc = projectByName(emu, 'PANC-Biopsies');
  image = emu.state.imagesOfProject(panc.id).sort((a, b) => a.id - b.id)[0];
  terms = emu.state.termsOfOntology(panc.ontology).sort((a, b) => a.id - b.id);
});
after(async () => { await emu.close(); });

/** Reference filter on the store. */
const expectedIds = (pred) => [...emu.state.t.annotation.values()].filter(pred).map((a) => a.id).sort((x, y) => y - x);

test('AnnotationCollection (POST annotation/search.json) with filters, fetchAll with pages', async () => {
  const coll = await c.AnnotationCollection.fetchAll({ project: panc.id, users: [2, 3], terms: [terms[0].id], nbPerPage: 20 });
  const exp = expectedIds((a) => a.project === panc.id && [2, 3].includes(a.user) && emu.state.termsOfAnnotation(a.id).some((x) => x.term === terms[0].id));
  assert.equal(coll.totalNbItems, exp.length);
  assert.deepEqual(coll.array.map((a) => a.id), exp);
  assert.ok(coll.array.every((a) => a instanceof c.Annotation && a.type === c.AnnotationType.USER));
  const post = emu.requests.filter((r) => r.method === 'POST' && r.path === '/api/annotation/search.json');
  assert.equal(post.length, Math.ceil(exp.length / 20), 'one POST per page');
  assert.ok(exp.length > 20);
  const one = coll.get(0);
  assert.equal(one.project, panc.id);
  assert.equal(typeof one.created, 'number', 'search results carry numeric dates (§5.2)');
  const noTerm = await c.AnnotationCollection.fetchAll({ image: image.id, noTerm: true });
  assert.deepEqual(noTerm.array.map((a) => a.id), expectedIds((a) => a.image === image.id && emu.state.termsOfAnnotation(a.id).length === 0));
  const wkt = new c.AnnotationCollection({ image: image.id, showWKT: true, showGIS: true, nbPerPage: 5 });
  await wkt.fetchPage(2);
  assert.equal(wkt.length, 5);
  assert.ok(wkt.array.every((a) => typeof a.location === 'string' && typeof a.area === 'number'));
  const after = Date.UTC(2025, 0, 1);
  const recent = await c.AnnotationCollection.fetchAll({ project: panc.id, afterThan: after });
  assert.equal(recent.length, expectedIds((a) => a.project === panc.id && a.created >= after).length);
});

test('Annotation CRUD with terms; update; delete; undo through the client', async () => {
  const a = new c.Annotation({ location: 'POLYGON ((10 10, 10 110, 210 110, 210 10, 10 10))', image: image.id, term: [terms[1].id] });
  await a.save();
  assert.ok(a.id);
  assert.equal(a.type, c.AnnotationType.USER);
  assert.deepEqual(a.term, [terms[1].id]);
  assert.equal(a.user, 3);
  const f = await c.Annotation.fetch(a.id);
  assert.equal(f.location, 'POLYGON ((10 10, 10 110, 210 110, 210 10, 10 10))');
  assert.deepEqual(f.centroid, { x: 110, y: 60 });
  assert.equal(typeof f.created, 'string');
  f.location = 'POLYGON ((10 10, 10 60, 60 60, 60 10, 10 10))';
  await f.update();
  assert.equal(emu.state.get('annotation', a.id).location, 'POLYGON ((10 10, 10 60, 60 60, 60 10, 10 10))');
  const bad = new c.Annotation({ location: 'POLYGON ((0 0, 1 1))', image: image.id });
  await assert.rejects(bad.save(), (e) => e.response.status === 400 && /not valid/.test(e.message));
  await f.delete();
  assert.equal(emu.state.get('annotation', a.id), undefined);
  const undone = await c.cytomine.undo();
  assert.ok(undone.some((x) => x.callback.method === 'be.cytomine.AddUserAnnotationCommand' && x.annotation.id === a.id));
  assert.deepEqual(emu.state.termsOfAnnotation(a.id).map((x) => x.term), [terms[1].id]);
  assert.equal(await statusOf(c.Annotation.fetch(999999999)), 404);
});

test('AnnotationTerm: save (body counts), fetch, duplicate, saveAndClearPrevious, delete; collection', async () => {
  const a = new c.Annotation({ location: 'POINT (500 500)', image: image.id });
  await a.save();
  const at = new c.AnnotationTerm({ annotation: a.id, term: terms[2].id });
  await at.save();
  assert.equal(at.userannotation, a.id);
  assert.equal(at.term, terms[2].id);
  assert.equal(at.user, 3);
  const dup = new c.AnnotationTerm({ annotation: a.id, term: terms[2].id });
  await assert.rejects(dup.save(), (e) => e.response.status === 400);
  const f = await c.AnnotationTerm.fetch(a.id, terms[2].id);
  assert.equal(f.term, terms[2].id);
  const coll = await c.AnnotationTermCollection.fetchAll({ filterKey: 'annotation', filterValue: a.id });
  assert.equal(coll.length, 1);
  const replace = new c.AnnotationTerm({ annotation: a.id, term: terms[3].id });
  await replace.saveAndClearPrevious();
  assert.deepEqual(emu.state.termsOfAnnotation(a.id).map((x) => x.term), [terms[3].id]);
  await c.AnnotationTerm.delete(a.id, terms[3].id);
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 0);
  assert.equal(await statusOf(c.AnnotationTerm.delete(a.id, terms[3].id)), 404);
});

test('crop URL helper and bytes', async () => {
  const aid = emu.state.annotationIdsOfImage(image.id)[0];
  const a = await c.Annotation.fetch(aid);
  const url = a.annotationCropURL(128, 'jpg');
  assert.equal(url, `${emu.url}/api/userannotation/${aid}/crop.jpg?maxSize=128`);
  const res = await c.cytomine.api.get(`${emu.url}/api/annotation/${aid}/crop.png?maxSize=128&draw=true`, { responseType: 'arraybuffer' });
  assert.equal(res.headers['content-type'], 'image/png');
  assert.ok(res.data.byteLength > 100);
});
