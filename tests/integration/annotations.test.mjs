// Annotations against the emulator: CRUD with server-computed GIS values, the search with its
// filters compared with a brute-force filter of the emulator's state, paging, lazy iteration,
// progress, cancellation, crops and annotation terms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Annotation, AnnotationCollection, AnnotationTerm, AnnotationTermCollection, AnnotationType } from '../../js/index.js';
import { startEmulator, userOf, connectAs, failure, rejectsWith, idsOf, sorted, isPng } from '../support/integration.mjs';

let server;
let state;
let alice;
let ids; // user ids by name
let panc; // PANC-Biopsies: 1,200 annotations, images with a physical size (and one without)
let colon; // Colon-Polyps: images without physical size
let colonTerms;
let pancTerms;

const projectNamed = (name) => state.all('project').find((p) => p.name === name);
const square = (x, y, side) => `POLYGON ((${x} ${y}, ${x + side} ${y}, ${x + side} ${y + side}, ${x} ${y + side}, ${x} ${y}))`;

// ---------------------------------------------------------------------------
// Independent brute force over the emulator's state.

/** Term ids (distinct) of every annotation, from the annotation-term table. */
function termIndex() {
  const index = new Map();
  for (const at of state.all('annotationterm')) {
    if (!index.has(at.userannotation)) index.set(at.userannotation, new Set());
    index.get(at.userannotation).add(at.term);
  }
  return index;
}

/** Points of a WKT POINT / LINESTRING / POLYGON: [[x, y], ...] per ring or line. */
function parseWkt(wkt) {
  const type = wkt.slice(0, wkt.indexOf('(')).trim();
  const rings = [...wkt.matchAll(/\(([^()]+)\)/g)].map((m) => m[1].split(',').map((pt) => pt.trim().split(/\s+/).map(Number)));
  return { type, rings };
}

function envelopeOf({ rings }) {
  const pts = rings.flat();
  return {
    minX: Math.min(...pts.map((p) => p[0])), minY: Math.min(...pts.map((p) => p[1])),
    maxX: Math.max(...pts.map((p) => p[0])), maxY: Math.max(...pts.map((p) => p[1])),
  };
}

const inBox = ([x, y], b) => x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const onSegment = (p, q, r) => Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
function segmentsIntersect(p1, p2, p3, p4) {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && onSegment(p3, p1, p4)) || (d2 === 0 && onSegment(p3, p2, p4))
    || (d3 === 0 && onSegment(p1, p3, p2)) || (d4 === 0 && onSegment(p1, p4, p2));
}
function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Does the geometry intersect the (closed) box? */
function intersectsBox(wkt, b) {
  const g = parseWkt(wkt);
  if (g.rings.flat().some((p) => inBox(p, b))) return true;
  const corners = [[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]];
  const edges = corners.map((c, i) => [c, corners[(i + 1) % 4]]);
  for (const line of g.rings) {
    for (let i = 0; i + 1 < line.length; i++) {
      if (edges.some(([a, c]) => segmentsIntersect(line[i], line[i + 1], a, c))) return true;
    }
  }
  if (g.type === 'POLYGON') {
    const [outer, ...holes] = g.rings;
    return inRing(corners[0], outer) && !holes.some((h) => inRing(corners[0], h));
  }
  return false;
}

/** Shoelace area of a polygon (outer minus holes). */
function polygonArea(wkt) {
  const ringArea = (r) => Math.abs(r.reduce((s, p, i) => (i + 1 < r.length ? s + p[0] * r[i + 1][1] - r[i + 1][0] * p[1] : s), 0)) / 2;
  const [outer, ...holes] = parseWkt(wkt).rings;
  return ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0);
}

/** The search, brute force: every annotation of the state kept by `keep`, id desc. */
function expectedSearch(keep) {
  const terms = termIndex();
  return state.all('annotation').filter((a) => keep(a, terms.get(a.id) ?? new Set())).map((a) => a.id).sort((x, y) => y - x);
}

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice');
  ids = Object.fromEntries(['alice', 'bob', 'carol', 'dave'].map((n) => [n, userOf(server, n).id]));
  panc = projectNamed('PANC-Biopsies');
  colon = projectNamed('Colon-Polyps');
  colonTerms = state.termsOfOntology(colon.ontology).map((t) => t.id);
  pancTerms = state.termsOfOntology(panc.ontology).map((t) => t.id);
});
after(() => server?.close());

test('create with a polygon and terms: the server computes area, perimeter, centroid', async () => {
  const image = state.imagesOfProject(colon.id)[0];
  const annotation = new Annotation({ location: square(100, 100, 200), image: image.id, term: [colonTerms[0], colonTerms[1]] });
  await annotation.save();
  assert.ok(annotation.id > 0);
  assert.equal(annotation.type, AnnotationType.USER);
  assert.equal(annotation.project, colon.id);
  assert.equal(annotation.image, image.id);
  assert.equal(annotation.slice, state.slicesOfImage(image.id)[0].id);
  assert.equal(annotation.user, ids.alice);
  assert.equal(annotation.area, 40000);
  assert.equal(annotation.areaUnit, 'pixels²');
  assert.equal(annotation.perimeter, 800);
  assert.equal(annotation.perimeterUnit, 'pixels');
  assert.deepEqual(annotation.centroid, { x: 200, y: 200 });
  assert.deepEqual(sorted(annotation.term), sorted([colonTerms[0], colonTerms[1]]));
  const stored = state.get('annotation', annotation.id);
  assert.equal(stored.location, square(100, 100, 200));
  assert.deepEqual(sorted(state.termsOfAnnotation(annotation.id).map((at) => at.term)), sorted([colonTerms[0], colonTerms[1]]));
  assert.ok(state.termsOfAnnotation(annotation.id).every((at) => at.user === ids.alice));

  const fetched = await Annotation.fetch(annotation.id);
  assert.equal(fetched.location, stored.location);
  assert.equal(fetched.area, 40000);
  assert.deepEqual(sorted(fetched.term), sorted(annotation.term));
  assert.equal((await Annotation.fetch(annotation.id, AnnotationType.USER)).id, annotation.id);
  assert.equal(server.requests.at(-1).path, `/api/userannotation/${annotation.id}.json`);

  // update the location: new GIS values
  fetched.location = square(100, 100, 300);
  await fetched.update();
  assert.equal(fetched.area, 90000);
  assert.equal(fetched.perimeter, 1200);
  assert.deepEqual(fetched.centroid, { x: 250, y: 250 });
  assert.equal(state.get('annotation', annotation.id).location, square(100, 100, 300));
  assert.equal((await Annotation.fetch(annotation.id)).area, 90000);

  await fetched.delete();
  assert.equal(state.get('annotation', annotation.id), undefined);
  assert.equal(state.termsOfAnnotation(annotation.id).length, 0, 'its terms went with it');
  await rejectsWith(Annotation.fetch(annotation.id), 404, `Annotation not found with filters : {id=${annotation.id}}`);
});

test('GIS values in micrometres when the image has a physical size', async () => {
  const image = state.imagesOfProject(panc.id).find((ii) => state.get('abstractimage', ii.baseImage).physicalSizeX === 0.25);
  const annotation = await new Annotation({ location: square(1000, 1000, 200), image: image.id }).save();
  assert.equal(annotation.area, 40000 * 0.25 * 0.25);
  assert.equal(annotation.areaUnit, 'micron²');
  assert.equal(annotation.perimeter, (800 * 0.25) / 1000);
  assert.equal(annotation.perimeterUnit, 'mm');
  assert.deepEqual(annotation.term, []);
  await Annotation.delete(annotation.id);
  await rejectsWith(new Annotation({ location: 'POLYGON ((0 0, 1 1, 0 0))', image: image.id }).save(), 400);
});

test('search filters match a brute-force filter of the state (id desc)', async () => {
  const images = state.imagesOfProject(panc.id).map((ii) => ii.id);
  const createdTimes = state.all('annotation').filter((a) => a.project === panc.id).map((a) => a.created).sort((a, b) => a - b);
  const afterThan = createdTimes[300];
  const beforeThan = createdTimes[700];
  const ai = state.get('abstractimage', state.get('imageinstance', images[0]).baseImage);
  const box = { minX: Math.round(ai.width * 0.2), minY: Math.round(ai.height * 0.3), maxX: Math.round(ai.width * 0.6), maxY: Math.round(ai.height * 0.7) };
  const [t1, t2] = pancTerms;
  const cases = [
    [{ project: panc.id }, (a) => a.project === panc.id],
    [{ image: images[0] }, (a) => a.image === images[0]],
    [{ images: [images[0], images[2]] }, (a) => a.image === images[0] || a.image === images[2]],
    [{ project: panc.id, user: ids.bob }, (a) => a.project === panc.id && a.user === ids.bob],
    [{ project: panc.id, users: [ids.bob, ids.carol] }, (a) => a.project === panc.id && [ids.bob, ids.carol].includes(a.user)],
    [{ project: panc.id, term: t1 }, (a, ts) => a.project === panc.id && ts.has(t1)],
    [{ project: panc.id, terms: [t1, t2] }, (a, ts) => a.project === panc.id && (ts.has(t1) || ts.has(t2))],
    [{ project: panc.id, noTerm: true }, (a, ts) => a.project === panc.id && ts.size === 0],
    [{ project: panc.id, multipleTerm: true }, (a, ts) => a.project === panc.id && ts.size > 1],
    [{ project: panc.id, terms: [t2], noTerm: true }, (a, ts) => a.project === panc.id && (ts.has(t2) || ts.size === 0)],
    [{ project: panc.id, afterThan, beforeThan }, (a) => a.project === panc.id && a.created >= afterThan && a.created <= beforeThan],
    [{ image: images[0], bbox: `${box.minX},${box.minY},${box.maxX},${box.maxY}` }, (a) => a.image === images[0] && intersectsBox(a.location, box)],
    [{ images: images.slice(0, 3), users: [ids.alice, ids.carol], terms: [t1, t2], afterThan },
      (a, ts) => images.slice(0, 3).includes(a.image) && [ids.alice, ids.carol].includes(a.user) && (ts.has(t1) || ts.has(t2)) && a.created >= afterThan],
  ];
  for (const [props, keep] of cases) {
    const label = JSON.stringify(props);
    const expected = expectedSearch(keep);
    assert.ok(expected.length > 0, `${label} selects something`);
    const found = await AnnotationCollection.fetchAll(props);
    assert.deepEqual(idsOf(found), expected, label);
    assert.equal(found.totalNbItems, expected.length, label);
    for (const a of found) assert.ok(a instanceof Annotation);
  }
  // the bbox really cut something: some annotations of the image are outside it
  assert.ok(expectedSearch((a) => a.image === images[0] && !intersectsBox(a.location, box)).length > 0);
  // no container: the server refuses
  await rejectsWith(AnnotationCollection.fetchAll({ user: ids.bob }), 400, 'There is no project or image or slice filter. We cannot check acl!');
  await rejectsWith(AnnotationCollection.fetchAll({ project: projectNamed('Skin-Melanoma').id }), 403);
});

test('showWKT, showGIS, showTerm give the geometry, measures and terms', async () => {
  const image = state.imagesOfProject(colon.id)[1];
  const terms = termIndex();
  const plain = await AnnotationCollection.fetchAll({ image: image.id });
  assert.ok(plain.length > 0);
  for (const a of plain) {
    assert.equal(a.location, null, 'no WKT by default');
    assert.equal(a.area, null, 'no GIS by default');
    assert.deepEqual(sorted(a.term), sorted(terms.get(a.id) ?? []), 'terms are a default group');
    assert.equal(a.image, image.id);
  }
  const full = await AnnotationCollection.fetchAll({ image: image.id, showWKT: true, showGIS: true, showTerm: true });
  assert.deepEqual(idsOf(full), idsOf(plain));
  let polygons = 0;
  for (const a of full) {
    const s = state.get('annotation', a.id);
    assert.equal(a.location, s.location);
    assert.equal(typeof a.area, 'number');
    assert.equal(typeof a.perimeter, 'number');
    assert.equal(a.areaUnit, 'pixels²');
    assert.ok(Number.isFinite(a.centroid.x) && Number.isFinite(a.centroid.y));
    assert.deepEqual(sorted(a.term), sorted(terms.get(a.id) ?? []));
    assert.ok(Array.isArray(a.userByTerm));
    if (s.location.startsWith('POLYGON')) {
      polygons += 1;
      assert.equal(a.area, Math.round(polygonArea(s.location)), `area of ${a.id}`);
      const env = envelopeOf(parseWkt(s.location));
      assert.ok(inBox([a.centroid.x, a.centroid.y], env), 'centroid inside the envelope');
    } else {
      assert.equal(a.area, 0);
    }
  }
  assert.ok(polygons > 0);
  // hideTerm removes the group
  const noTerms = await AnnotationCollection.fetchAll({ image: image.id, hideTerm: true });
  assert.ok(noTerms.array.every((a) => a.term === null));
});

test('fetchAll with nbPerPage equals one request; for await; onProgress; AbortSignal', async () => {
  const expected = expectedSearch((a) => a.project === panc.id);
  const once = await AnnotationCollection.fetchAll({ project: panc.id, showWKT: true });
  assert.deepEqual(idsOf(once), expected);

  const searches = () => server.requests.filter((r) => r.path === '/api/annotation/search.json').length;
  const before = searches();
  const progress = [];
  const paged = new AnnotationCollection({ project: panc.id, showWKT: true, nbPerPage: 100 });
  await paged.fetchAll({ onProgress: (p) => progress.push({ ...p }) });
  assert.equal(searches() - before, Math.ceil(expected.length / 100));
  assert.deepEqual(idsOf(paged), expected);
  assert.deepEqual(paged.array.map((a) => a.location), once.array.map((a) => a.location));
  assert.equal(paged.totalNbItems, expected.length);
  assert.ok(progress.length >= 1);
  assert.deepEqual(progress.at(-1), { loaded: expected.length, total: expected.length });
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].loaded >= progress[i - 1].loaded);
  assert.ok(progress.every((p) => p.total === expected.length));

  // lazily, page by page
  const lazyStart = searches();
  const lazy = [];
  const iterated = new AnnotationCollection({ project: panc.id, nbPerPage: 250 });
  for await (const a of iterated) {
    assert.ok(a instanceof Annotation);
    lazy.push(a.id);
    if (lazy.length === 1) assert.equal(searches() - lazyStart, 1, 'first page only');
  }
  assert.deepEqual(lazy, expected);
  assert.equal(searches() - lazyStart, Math.ceil(expected.length / 250));
  assert.equal(iterated.length, 0, 'iteration does not fill the collection');

  // cancellation: before sending, and while pages are in flight
  const e1 = await failure(new AnnotationCollection({ project: panc.id, nbPerPage: 50 }).fetchAll({ signal: AbortSignal.abort() }));
  assert.equal(e1.kind, 'aborted');
  const abortStart = searches();
  const controller = new AbortController();
  const inFlight = new AnnotationCollection({ project: panc.id, nbPerPage: 20 }).fetchAll({
    signal: controller.signal, concurrency: 2, onProgress: () => controller.abort(),
  });
  const e2 = await failure(inFlight);
  assert.equal(e2.kind, 'aborted');
  const sent = searches() - abortStart;
  assert.ok(sent >= 1 && sent < Math.ceil(expected.length / 20), `stopped after ${sent} pages`);
  const e3 = await failure(alice.request('GET', 'annotation/{id}.json', { params: { id: expected[0] }, signal: AbortSignal.abort() }));
  assert.equal(e3.kind, 'aborted');
});

// Regression: a request cancelled before its first attempt was reported with
// mayHaveReachedServer = true (src/wasm/transport.rs), telling the caller a POST may have been applied.
test('an already-aborted signal: nothing is sent and mayHaveReachedServer is false', async () => {
  const sentBefore = server.requests.length;
  const image = state.imagesOfProject(colon.id)[0];
  const create = alice.request('POST', 'annotation.json', { body: { location: square(10, 10, 10), image: image.id }, signal: AbortSignal.abort() });
  const e = await failure(create);
  assert.equal(e.kind, 'aborted');
  assert.equal(server.requests.length, sentBefore, 'nothing reached the server');
  const search = await failure(new AnnotationCollection({ project: panc.id, nbPerPage: 50 }).fetchAll({ signal: AbortSignal.abort() }));
  assert.equal(search.kind, 'aborted');
  assert.equal(server.requests.length, sentBefore, 'nothing reached the server');
  assert.equal(e.mayHaveReachedServer, false, 'POST never sent');
  assert.equal(search.mayHaveReachedServer, false, 'search never sent');
});

test('fetchPage of a search, and paging state', async () => {
  const expected = expectedSearch((a) => a.project === colon.id && a.user === ids.carol);
  const page = new AnnotationCollection({ project: colon.id, user: ids.carol, nbPerPage: 7 });
  await page.fetchPage(2);
  assert.deepEqual(idsOf(page), expected.slice(14, 21));
  assert.equal(page.totalNbItems, expected.length);
  assert.equal(page.nbPages, Math.ceil(expected.length / 7));
  await page.fetchNextPage();
  assert.deepEqual(idsOf(page), expected.slice(21, 28));
});

test('fetchCrop returns PNG bytes', async () => {
  const id = expectedSearch((a) => a.project === panc.id && a.location.startsWith('POLYGON'))[0];
  const annotation = await Annotation.fetch(id);
  assert.equal(annotation.cropURL, `${server.url}/api/userannotation/${id}/crop.png`);
  assert.equal(annotation.annotationCropURL(128, 'jpg'), `${server.url}/api/userannotation/${id}/crop.jpg?maxSize=128`);
  const blob = await annotation.fetchCrop({ maxSize: 128 });
  assert.ok(blob instanceof Blob);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  assert.ok(isPng(bytes));
  const view = new DataView(bytes.buffer);
  assert.ok(Math.max(view.getUint32(16), view.getUint32(20)) <= 128);
  const drawn = new Uint8Array(await (await annotation.fetchCrop({ maxSize: 128, draw: true })).arrayBuffer());
  assert.ok(isPng(drawn));
  assert.notDeepEqual(drawn, bytes, 'the outline changes the picture');
});

// core has POST /api/annotation/{id}/fill.json (contract §3.8); the emulator answers 404 "No endpoint".
test('fill() fills the holes of a polygon', async () => {
  const image = state.imagesOfProject(colon.id)[0];
  const withHole = 'POLYGON ((0 0, 400 0, 400 400, 0 400, 0 0), (100 100, 100 300, 300 300, 300 100, 100 100))';
  const annotation = await new Annotation({ location: withHole, image: image.id }).save();
  try {
    assert.equal(annotation.area, 160000 - 40000);
    const filled = await annotation.fill();
    assert.equal(filled, annotation);
    assert.equal(annotation.area, 160000);
    assert.equal(state.get('annotation', annotation.id).location, square(0, 0, 400));
  } finally {
    await Annotation.delete(annotation.id);
  }
});

test('AnnotationCollection.save() creates the pushed annotations in one request', async () => {
  const image = state.imagesOfProject(colon.id)[3];
  const before = new Set(state.annotationIdsOfImage(image.id));
  const batch = new AnnotationCollection();
  batch.push(new Annotation({ location: square(10, 10, 20), image: image.id, term: [colonTerms[0]] }));
  batch.push(new Annotation({ location: 'POINT (50 60)', image: image.id }));
  assert.throws(() => batch.push({ location: 'POINT (1 1)' }), (e) => e.kind === 'invalid-argument');
  const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/annotation.json').length;
  const result = await batch.save();
  assert.equal(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/annotation.json').length, posts + 1);
  const created = state.annotationIdsOfImage(image.id).filter((id) => !before.has(id)).map((id) => state.get('annotation', id));
  assert.deepEqual(created.map((a) => a.location).sort(), ['POINT (50 60)', square(10, 10, 20)].sort());
  // The per-item result (tests/integration/bulk-annotations.test.mjs covers chunks and refusals).
  assert.deepEqual(result.failed, []);
  assert.deepEqual(result.created.map((c) => c.index), [0, 1]);
  assert.deepEqual(sorted(result.created.map((c) => c.id)), sorted(created.map((a) => a.id)));
  assert.equal(state.get('annotation', result.created[1].id).location, 'POINT (50 60)');
  assert.equal(batch.get(0).id, result.created[0].id);
  const withTerm = created.find((a) => a.location.startsWith('POLYGON'));
  assert.deepEqual(state.termsOfAnnotation(withTerm.id).map((at) => at.term), [colonTerms[0]]);
  for (const a of created) await Annotation.delete(a.id);
});

test('AnnotationTerm: save, fetch, delete, saveAndClearPrevious, collection', async () => {
  const image = state.imagesOfProject(colon.id)[0];
  const annotation = await new Annotation({ location: square(500, 500, 100), image: image.id, term: [colonTerms[0]] }).save();
  const a = annotation.id;
  const termsInState = () => state.termsOfAnnotation(a).map((at) => [at.term, at.user]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  assert.deepEqual(termsInState(), [[colonTerms[0], ids.alice]]);

  const at = await new AnnotationTerm({ annotation: a, term: colonTerms[1] }).save();
  assert.ok(at.id > 0);
  assert.equal(at.annotation, a);
  assert.equal(at.userannotation, a);
  assert.equal(at.term, colonTerms[1]);
  assert.equal(at.user, ids.alice);
  assert.equal(alice.lastCommand, server.commands.history.at(-1).id);
  assert.deepEqual(termsInState(), [[colonTerms[0], ids.alice], [colonTerms[1], ids.alice]].sort((x, y) => x[0] - y[0]));
  await rejectsWith(new AnnotationTerm({ annotation: a, term: colonTerms[1] }).save(), 400, /already exist/);

  const fetched = await AnnotationTerm.fetch(a, colonTerms[1]);
  assert.deepEqual({ ...fetched }, { ...at });
  const again = await new AnnotationTerm({ annotation: a, term: colonTerms[1] }).fetch();
  assert.equal(again.id, at.id);

  const collection = await AnnotationTermCollection.fetchAll({ filterKey: 'annotation', filterValue: a });
  assert.deepEqual(sorted(idsOf(collection)), sorted(state.termsOfAnnotation(a).map((x) => x.id)));
  for (const x of collection) {
    assert.ok(x instanceof AnnotationTerm);
    assert.equal(x.annotation, a);
  }

  await AnnotationTerm.delete(a, colonTerms[1]);
  assert.deepEqual(termsInState(), [[colonTerms[0], ids.alice]]);
  await rejectsWith(AnnotationTerm.fetch(a, colonTerms[1]), 404);

  // bob adds a term; alice replaces hers only, then everybody's
  const bob = connectAs(server, 'bob');
  await new bob.models.AnnotationTerm({ annotation: a, term: colonTerms[2] }).save();
  assert.deepEqual(termsInState(), [[colonTerms[0], ids.alice], [colonTerms[2], ids.bob]]);
  const replaced = await new AnnotationTerm({ annotation: a, term: colonTerms[3] }).saveAndClearPrevious();
  assert.ok(replaced instanceof AnnotationTerm);
  assert.equal(replaced.term, colonTerms[3]);
  assert.deepEqual(termsInState(), [[colonTerms[2], ids.bob], [colonTerms[3], ids.alice]]);
  await new AnnotationTerm({ annotation: a, term: colonTerms[4] }).saveAndClearPrevious(true);
  assert.deepEqual(termsInState(), [[colonTerms[4], ids.alice]]);
  assert.deepEqual((await Annotation.fetch(a)).term, [colonTerms[4]]);
  assert.equal((await AnnotationTermCollection.fetchAll({ filterKey: 'annotation', filterValue: a })).length, 1);

  // a manager removes another user's term (Colon-Polyps is managed by bob)
  assert.ok(state.membersOf(colon.id).managers.has(ids.bob));
  await rejectsWith(AnnotationTerm.delete(a, colonTerms[4], ids.bob), 404);
  await bob.models.AnnotationTerm.delete(a, colonTerms[4], ids.alice);
  assert.deepEqual(termsInState(), []);
  await new AnnotationTerm({ annotation: a, term: colonTerms[4] }).save();
  // a term of another ontology is refused, with the message of core's AnnotationTerm.buildDomainFromJson
  await rejectsWith(new AnnotationTerm({ annotation: a, term: pancTerms[0] }).save(), 400, /is not in ontology from the annotation project/);
  await Annotation.delete(a);
});

test('undo of an annotation created with terms removes both; redo restores them', async () => {
  const carol = connectAs(server, 'carol');
  const image = state.imagesOfProject(colon.id)[2];
  const annotation = await new carol.models.Annotation({ location: square(700, 700, 50), image: image.id, term: [colonTerms[0], colonTerms[2]] }).save();
  const a = annotation.id;
  assert.equal(state.termsOfAnnotation(a).length, 2);
  const atIds = state.termsOfAnnotation(a).map((x) => x.id);
  const undone = await carol.undo();
  assert.equal(undone.length, 3, 'the annotation and its two terms');
  assert.equal(state.get('annotation', a), undefined);
  for (const id of atIds) assert.equal(state.get('annotationterm', id), undefined);
  await rejectsWith(carol.models.Annotation.fetch(a), 404);
  const search = await carol.models.AnnotationCollection.fetchAll({ image: image.id });
  assert.ok(!idsOf(search).includes(a));

  const redone = await carol.redo();
  assert.equal(redone.length, 3);
  const back = await carol.models.Annotation.fetch(a);
  assert.deepEqual(sorted(back.term), sorted([colonTerms[0], colonTerms[2]]));
  assert.equal(back.area, 2500);
  await back.delete();
});
