// Parity (issue 7): annotation editing beyond CRUD — ImageInstance.copyData,
// AnnotationCollection.reviewAll, Annotation.repeat, fetchProfileProjections and
// correctAnnotations — against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Annotation, AnnotationCollection, ImageInstance, CytomineError } from '../../js/index.js';
import { startEmulator, connectAs, rejectsWith, projectNamed, userIds } from '../support/integration.mjs';

let server;
let state;
let alice;
let ids;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice'); // the default connection
  ids = userIds(state);
});
after(() => server?.close());

const annotationsOf = (imageId, userId) => state.annotationIdsOfImage(imageId).map((id) => state.get('annotation', id)).filter((a) => userId === undefined || a.user === userId);
const square = (x, y, size) => `POLYGON ((${x} ${y}, ${x + size} ${y}, ${x + size} ${y + size}, ${x} ${y + size}, ${x} ${y}))`;

test('ImageInstance.copyData: copies the layers of another instance of the same image', async () => {
  // the abstract image used in two projects
  const shared = state.all('abstractimage').find((ai) => state.all('imageinstance').filter((ii) => ii.baseImage === ai.id).length === 2);
  const [source, target] = state.all('imageinstance').filter((ii) => ii.baseImage === shared.id);
  const layerUser = annotationsOf(source.id)[0]?.user;
  const projectOfTarget = state.get('project', target.project);
  const connection = connectAs(server, 'admin');
  const sourceAnns = annotationsOf(source.id, layerUser);
  const before = annotationsOf(target.id).length;
  const image = await connection.models.ImageInstance.fetch(target.id);
  await image.copyData([{ image: source.id, user: layerUser }], true);
  const copies = annotationsOf(target.id).slice(0, annotationsOf(target.id).length - before);
  assert.equal(copies.length, sourceAnns.length);
  assert.ok(copies.every((a) => a.user === ids.admin && a.project === projectOfTarget.id));
  assert.deepEqual(copies.map((a) => a.location).sort(), sourceAnns.map((a) => a.location).sort());
  await assert.rejects(image.copyData([]), CytomineError);
  const other = state.all('imageinstance').find((ii) => ii.baseImage !== shared.id);
  await rejectsWith(image.copyData([{ image: other.id, user: layerUser }]), 400);
});

test('AnnotationCollection.reviewAll: accepts then rejects every annotation of an image in review', async () => {
  const project = projectNamed(state, 'PANC-Biopsies');
  const record = state.imagesOfProject(project.id)[1];
  const image = await ImageInstance.fetch(record.id);
  await rejectsWith(AnnotationCollection.reviewAll({ accept: true, image: record.id, users: [ids.bob] }), 400); // not in review
  await image.review();
  const bobs = annotationsOf(record.id, ids.bob);
  await AnnotationCollection.reviewAll({ accept: true, image: record.id, users: [ids.bob] });
  const reviewed = () => state.all('reviewedannotation').filter((x) => x.image === record.id);
  assert.deepEqual(reviewed().map((x) => x.parentIdent).sort(), bobs.map((a) => a.id).sort());
  assert.ok(reviewed().every((x) => x.reviewUser === ids.alice));
  await AnnotationCollection.reviewAll({ accept: false, image: record.id, users: [ids.bob] });
  assert.equal(reviewed().length, 0);
  await image.stopReview(true);
});

test('Annotation.repeat, fetchProfileProjections (cached) and correctAnnotations (add and remove)', async () => {
  const project = projectNamed(state, 'PANC-Biopsies');
  const record = state.imagesOfProject(project.id)[2];
  // two more slices (z) for this image, in the emulator's state
  const first = state.slicesOfImage(record.id)[0];
  const extra = [1, 2].map((z) => state.insert('sliceinstance', { ...first, id: state.newId(), zStack: z }));
  const annotation = await new Annotation({ image: record.id, location: square(100, 100, 50) }).save();
  const copies = await annotation.repeat(extra[0].id, 2);
  assert.deepEqual(copies.collection.map((a) => a.slice), [extra[0].id, extra[1].id]);
  assert.deepEqual(annotationsOf(record.id).filter((a) => a.location === annotation.location).map((a) => a.slice).sort(), [first.id, ...extra.map((s) => s.id)].sort());

  const projections = await annotation.fetchProfileProjections();
  assert.deepEqual(projections.collection.map((p) => p.type), ['MIN', 'MAX', 'AVERAGE']);
  const count = server.requests.length;
  assert.equal(await annotation.fetchProfileProjections(null, true), await annotation.fetchProfileProjections(null, true));
  assert.equal(server.requests.length, count + 1); // the second call used the cache

  const larger = await Annotation.correctAnnotations({ image: record.id, location: square(140, 100, 50), layers: [ids.alice] });
  assert.ok(larger instanceof Annotation);
  assert.equal(larger.id, annotation.id);
  assert.ok(larger.area > annotation.area);
  assert.equal(state.get('annotation', annotation.id).location, larger.location);
  assert.equal(alice.lastCommand, server.commands.history.at(-1).id);
  const smaller = await Annotation.correctAnnotations({ annotation: annotation.id, location: square(160, 90, 40), remove: true });
  assert.ok(smaller.area < larger.area);
  await rejectsWith(Annotation.correctAnnotations({ image: record.id, location: square(5000, 5000, 10), layers: [ids.alice] }), 400);
});
