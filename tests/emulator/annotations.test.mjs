import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { parseWkt, isValidGeometry, area, length, centroid, intersectsEnvelope } from '../../emulator/geometry.mjs';
import { api, getJson, projectByName } from './helpers.mjs';

let emu;
let panc;
let images;
let terms;
before(async () => {
  emu = await start({ dataset: 'demo' });
  panc = projectByName(emu, 'PANC-Biopsies');
  images = emu.state.imagesOfProject(panc.id).sort((a, b) => a.id - b.id);
  terms = emu.state.termsOfOntology(panc.ontology).sort((a, b) => a.id - b.id);
});
after(async () => { await emu.close(); });

/** Independent reference filter over the store (contract §5.1 semantics). */
function brute({ project, images: imgs, users, terms: ts, noTerm, multipleTerm, afterThan, beforeThan, bbox }) {
  const s = emu.state;
  const out = [];
  for (const a of s.t.annotation.values()) {
    if (project && a.project !== project) continue;
    if (imgs && !imgs.includes(a.image)) continue;
    if (users && !users.includes(a.user)) continue;
    const at = [...s.t.annotationterm.values()].filter((x) => x.userannotation === a.id);
    if (ts) {
      if (!(at.some((x) => ts.includes(x.term)) || (noTerm && at.length === 0))) continue;
    } else if (noTerm && at.length) continue;
    if (multipleTerm && new Set(at.map((x) => x.term)).size < 2) continue;
    if (afterThan !== undefined && a.created < afterThan) continue;
    if (beforeThan !== undefined && a.created > beforeThan) continue;
    if (bbox && !intersectsEnvelope(parseWkt(a.location), bbox)) continue;
    out.push(a.id);
  }
  return out.sort((x, y) => y - x);
}

const ids = (r) => r.collection.map((a) => a.id);

test('demo annotations are valid geometries inside their image', () => {
  let n = 0;
  for (const a of emu.state.t.annotation.values()) {
    const g = parseWkt(a.location);
    assert.ok(isValidGeometry(g), a.location);
    const ii = emu.state.get('imageinstance', a.image);
    const ai = emu.state.get('abstractimage', ii.baseImage);
    assert.ok(a.env.minX >= 0 && a.env.minY >= 0 && a.env.maxX <= ai.width && a.env.maxY <= ai.height);
    n++;
  }
  assert.ok(n >= 5000);
});

test('search filters match a brute-force filter of the state', async () => {
  const [t0, t1] = terms;
  const cases = [
    { q: `project=${panc.id}`, f: { project: panc.id } },
    { q: `project=${panc.id}&users=2,3`, f: { project: panc.id, users: [2, 3] } },
    { q: `project=${panc.id}&user=5`, f: { project: panc.id, users: [5] } },
    { q: `project=${panc.id}&term=${t0.id}`, f: { project: panc.id, terms: [t0.id] } },
    { q: `project=${panc.id}&terms=${t0.id}_${t1.id}`, f: { project: panc.id, terms: [t0.id, t1.id] } },
    { q: `project=${panc.id}&noTerm=true`, f: { project: panc.id, noTerm: true } },
    { q: `project=${panc.id}&terms=${t1.id}&noTerm=true`, f: { project: panc.id, terms: [t1.id], noTerm: true } },
    { q: `project=${panc.id}&multipleTerm=true`, f: { project: panc.id, multipleTerm: true } },
    { q: `image=${images[0].id}`, f: { images: [images[0].id] } },
    { q: `images=${images[0].id},${images[1].id}&users=2`, f: { images: [images[0].id, images[1].id], users: [2] } },
    { q: `project=${panc.id}&afterThan=${Date.UTC(2025, 0, 1)}&beforeThan=${Date.UTC(2025, 5, 1)}`, f: { project: panc.id, afterThan: Date.UTC(2025, 0, 1), beforeThan: Date.UTC(2025, 5, 1) } },
    { q: `project=${panc.id}&afterThan=2025-06-01T00:00:00.000Z`, f: { project: panc.id, afterThan: Date.UTC(2025, 5, 1) } },
    { q: `image=${images[1].id}&bbox=0,0,20000,15000`, f: { images: [images[1].id], bbox: { minX: 0, minY: 0, maxX: 20000, maxY: 15000 } } },
    { q: `image=${images[1].id}&bbox=${encodeURIComponent('POLYGON((5000 5000, 5000 30000, 30000 30000, 30000 5000, 5000 5000))')}`, f: { images: [images[1].id], bbox: { minX: 5000, minY: 5000, maxX: 30000, maxY: 30000 } } },
  ];
  for (const c of cases) {
    const r = await getJson(emu, 'alice', `/api/annotation/search.json?${c.q}`);
    const expected = brute(c.f);
    assert.ok(expected.length > 0, `case has results: ${c.q}`);
    assert.equal(r.size, expected.length, c.q);
    assert.deepEqual(ids(r), expected, c.q);
  }
});

test('offset/max after the query, ordering id DESC, POST body merged with query params', async () => {
  const all = brute({ project: panc.id, users: [3] });
  const r = await getJson(emu, 'alice', `/api/annotation.json?project=${panc.id}&user=3&offset=10&max=25`);
  assert.deepEqual(ids(r), all.slice(10, 35));
  const p = await api(emu, 'alice', 'POST', `/api/annotation/search.json?project=${panc.id}&max=3`, { body: { user: 3, offset: '10', max: 25 } });
  assert.deepEqual(ids(p.json), all.slice(10, 35));
});

test('property groups: default, show*, hide*; search dates are numbers', async () => {
  const img = images[0].id;
  const def = await getJson(emu, 'alice', `/api/annotation.json?image=${img}&max=3`);
  const a = def.collection[0];
  assert.equal(a.class, 'be.cytomine.domain.ontology.UserAnnotation');
  assert.equal(typeof a.created, 'number');
  for (const k of ['image', 'slice', 'project', 'user', 'cropURL', 'term', 'userByTerm']) assert.ok(k in a, k);
  assert.ok(!('location' in a));
  assert.ok(!('area' in a));
  const wkt = await getJson(emu, 'alice', `/api/annotation.json?image=${img}&max=3&showWKT=true&showGIS=true&showTerm=true`);
  const w = wkt.collection[0];
  assert.deepEqual(Object.keys(w).sort(), ['area', 'areaUnit', 'centroid', 'class', 'geometryCompression', 'id', 'location', 'perimeter', 'perimeterUnit', 'term', 'userByTerm'].sort());
  const hidden = await getJson(emu, 'alice', `/api/annotation.json?image=${img}&max=3&showDefault=true&hideMeta=true&showUser=true&showImage=true&showSlice=true`);
  const h = hidden.collection[0];
  assert.ok(!('created' in h));
  assert.equal(h.creator, emu.state.get('user', h.id && emu.state.get('annotation', h.id).user).username);
  for (const k of ['instanceFilename', 'originalFilename', 'channel', 'zStack', 'time', 'term']) assert.ok(k in h, k);
  // userByTerm: one entry per term, with the AnnotationTerm id
  const withTerm = (await getJson(emu, 'alice', `/api/annotation.json?project=${panc.id}&multipleTerm=true&max=1`)).collection[0];
  const ats = [...emu.state.t.annotationterm.values()].filter((x) => x.userannotation === withTerm.id);
  assert.deepEqual(withTerm.term.sort(), [...new Set(ats.map((x) => x.term))].sort());
  for (const e of withTerm.userByTerm) assert.ok(ats.some((x) => x.id === e.id && x.term === e.term && e.user.includes(x.user)));
});

test('first-row quirk: a null scalar in the first row is dropped from every row', async () => {
  const ann = emu.state.annotationIdsOfProject(panc.id).map((id) => emu.state.get('annotation', id));
  const firstNullUpdated = ann.find((a) => a.updated === null);
  const r = await getJson(emu, 'alice', `/api/annotation.json?project=${panc.id}&offset=0&max=50&afterThan=0&beforeThan=${firstNullUpdated.created}`);
  assert.equal(r.collection[0].id, firstNullUpdated.id);
  assert.ok(r.collection.every((x) => !('updated' in x)));
});

test('create with terms, GIS fields, single GET has string dates; undo removes both, redo restores', async () => {
  const img = images[0];
  const ai = emu.state.get('abstractimage', img.baseImage);
  const body = { image: img.id, location: 'POLYGON ((100 100, 100 300, 400 300, 400 100, 100 100))', terms: [terms[0].id, terms[1].id] };
  const r = await api(emu, 'bob', 'POST', '/api/annotation.json', { body });
  assert.equal(r.status, 200);
  const a = r.json.annotation;
  assert.equal(r.json.callback.method, 'be.cytomine.AddUserAnnotationCommand');
  assert.equal(r.json.callback.userannotationID, String(a.id));
  assert.deepEqual(a.term.sort(), [terms[0].id, terms[1].id].sort());
  assert.equal(a.location, 'POLYGON ((100 100, 100 300, 400 300, 400 100, 100 100))');
  const px = ai.physicalSizeX;
  if (px) {
    assert.equal(a.areaUnit, 'micron²');
    assert.equal(a.area, 60000 * px * px);
    assert.equal(a.perimeterUnit, 'mm');
    assert.equal(a.perimeter, (1000 * px) / 1000);
  } else {
    assert.equal(a.area, 60000);
    assert.equal(a.areaUnit, 'pixels²');
  }
  assert.deepEqual(a.centroid, { x: 250, y: 200 });
  assert.equal(a.slice, emu.state.slicesOfImage(img.id)[0].id);
  const g = await getJson(emu, 'bob', `/api/userannotation/${a.id}.json`);
  assert.equal(typeof g.created, 'string');
  assert.equal(g.cropURL, `${emu.url}/api/userannotation/${a.id}/crop.png`);
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 2);

  const u = await api(emu, 'bob', 'GET', '/api/command/undo.json');
  assert.equal(u.status, 200);
  assert.equal(u.json.size, 3);
  const methods = u.json.collection.map((x) => x.callback.method).sort();
  assert.deepEqual(methods, ['be.cytomine.DeleteAnnotationTermCommand', 'be.cytomine.DeleteAnnotationTermCommand', 'be.cytomine.DeleteUserAnnotationCommand']);
  assert.ok(u.json.collection.every((x) => !('command' in x)));
  assert.equal(emu.state.get('annotation', a.id), undefined);
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 0);
  assert.equal((await api(emu, 'bob', 'GET', `/api/annotation/${a.id}.json`)).status, 404);

  const re = await api(emu, 'bob', 'GET', `/api/command/${r.json.command}/redo.json`);
  assert.equal(re.json.size, 3);
  assert.ok(re.json.collection.some((x) => x.callback.method === 'be.cytomine.AddUserAnnotationCommand' && x.annotation.id === a.id));
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 2);
  const nothing = await api(emu, 'carol', 'GET', '/command/undo.json');
  assert.deepEqual(nothing.json.collection, [{ success: true, message: 'Nothing to undo', callback: null, printMessage: true }]);
});

test('geometry validation: 400 invalid WKT, self-intersection, thin polygon; clipping to the image', async () => {
  const img = images[0];
  const ai = emu.state.get('abstractimage', img.baseImage);
  const bad = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POLYGON((1 1, 2 2' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json, { success: false, errors: 'Annotation location is not valid', errorValues: {} });
  const bow = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))' } });
  assert.equal(bow.status, 400);
  const thin = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POLYGON((10 10, 10 500, 10.5 500, 10.5 10, 10 10))' } });
  assert.equal(thin.status, 400);
  assert.equal(thin.json.errors, 'Annotation dimension not valid');
  const outside = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: `POLYGON((${ai.width + 10} 10, ${ai.width + 10} 50, ${ai.width + 50} 50, ${ai.width + 50} 10, ${ai.width + 10} 10))` } });
  assert.equal(outside.status, 400);
  const clipped = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: `POLYGON((${ai.width - 100} 10, ${ai.width - 100} 110, ${ai.width + 100} 110, ${ai.width + 100} 10, ${ai.width - 100} 10))` } });
  assert.equal(clipped.status, 200);
  const env = parseWkt(clipped.json.annotation.location);
  assert.ok(Math.abs(area(env) - 100 * 100) < 1e-6);
  const none = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { location: 'POINT (1 1)' } });
  assert.equal(none.status, 400);
  assert.equal(none.json.errors, 'Cannot retrieve slice or image');
  const point = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { slice: emu.state.slicesOfImage(img.id)[0].id, location: 'POINT (50 60)' } });
  assert.equal(point.status, 200);
  assert.deepEqual(point.json.annotation.centroid, { x: 50, y: 60 });
});

test('update is a full replacement of location; terms unchanged; rights', async () => {
  const img = images[2];
  const c = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POLYGON ((0 0, 0 50, 50 50, 50 0, 0 0))', term: terms[2].id } });
  const a = c.json.annotation;
  const u = await api(emu, 'bob', 'PUT', `/api/annotation/${a.id}.json`, { body: { ...a, location: 'POLYGON ((0 0, 0 80, 80 80, 80 0, 0 0))' } });
  assert.equal(u.status, 200);
  assert.equal(u.json.callback.method, 'be.cytomine.EditUserAnnotationCommand');
  assert.equal(u.json.annotation.location, 'POLYGON ((0 0, 0 80, 80 80, 80 0, 0 0))');
  assert.deepEqual(u.json.annotation.term, [terms[2].id]);
  assert.equal(typeof u.json.annotation.updated, 'string');
  const noImage = await api(emu, 'bob', 'PUT', `/api/annotation/${a.id}.json`, { body: { id: a.id, location: a.location } });
  assert.equal(noImage.status, 400);
  assert.equal(noImage.json.errors, 'Annotation not associated with a valid image');
  // (a guest member may delete it in this CLASSIC project, as core's UserAnnotationService.delete
  // allows: checkGuest + checkFullOrRestrictedForOwner; see core-services.test.mjs)
  const dave = await api(emu, 'dave', 'GET', `/api/annotation/${a.id}.json`);
  assert.equal(dave.status, 403);
  const del = await api(emu, 'bob', 'DELETE', `/api/userannotation/${a.id}.json`);
  assert.equal(del.status, 200);
  assert.equal(del.json.annotation.id, a.id);
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 0);
  const again = await api(emu, 'bob', 'DELETE', `/api/userannotation/${a.id}.json`);
  assert.equal(again.status, 404);
  assert.equal(again.json.success, false);
});

test('annotation terms: body counts, duplicate 400 shape A, clearBefore, delete 404 shape B', async () => {
  const img = images[3];
  const a = (await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POLYGON ((0 0, 0 50, 50 50, 50 0, 0 0))' } })).json.annotation;
  const r = await api(emu, 'bob', 'POST', '/api/annotation/1/term/2.json', { body: { userannotation: a.id, term: terms[0].id } });
  assert.equal(r.status, 200);
  assert.equal(r.json.annotationterm.userannotation, a.id);
  assert.equal(r.json.annotationterm.term, terms[0].id);
  assert.equal(r.json.annotationterm.user, 3);
  assert.equal(r.json.callback.method, 'be.cytomine.AddAnnotationTermCommand');
  const dup = await api(emu, 'bob', 'POST', `/api/annotation/${a.id}/term/${terms[0].id}.json`, { body: { userannotation: a.id, term: terms[0].id } });
  assert.equal(dup.status, 400);
  assert.match(dup.json.errors.message, /already exist!$/);
  const list = await getJson(emu, 'bob', `/api/annotation/${a.id}/term.json`);
  assert.equal(list.size, 1);
  const cb = await api(emu, 'bob', 'POST', `/api/annotation/${a.id}/term/${terms[1].id}/clearBefore.json`, { body: { clearForAll: false } });
  assert.equal(cb.status, 200);
  assert.deepEqual(emu.state.termsOfAnnotation(a.id).map((x) => x.term), [terms[1].id]);
  const one = await getJson(emu, 'bob', `/api/annotation/${a.id}/term/${terms[1].id}/user/3.json`);
  assert.equal(one.term, terms[1].id);
  const d = await api(emu, 'bob', 'DELETE', `/api/annotation/${a.id}/term/${terms[1].id}.json`);
  assert.equal(d.status, 200);
  const d2 = await api(emu, 'bob', 'DELETE', `/api/annotation/${a.id}/term/${terms[1].id}.json`);
  assert.equal(d2.status, 404);
  assert.equal(d2.json.success, false);
  assert.match(d2.json.errors, /^Annotation-term not found/);
});

test('counts', async () => {
  const c = await getJson(emu, 'alice', `/api/project/${panc.id}/userannotation/count.json`);
  assert.equal(c.total, emu.state.annotationIdsOfProject(panc.id).length);
  const u = await getJson(emu, 'alice', `/api/user/2/userannotation/count.json?project=${panc.id}`);
  assert.equal(u.total, brute({ project: panc.id, users: [2] }).length);
});

test('crops and thumbnails are real images', async () => {
  const aid = emu.state.annotationIdsOfImage(images[0].id)[0];
  const png = await api(emu, 'alice', 'GET', `/api/annotation/${aid}/crop.png?maxSize=128&draw=true&color=0xff0000`);
  assert.equal(png.status, 200);
  assert.equal(png.headers['content-type'], 'image/png');
  assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const jpg = await api(emu, 'alice', 'GET', `/api/userannotation/${aid}/crop.jpg?maxSize=96`);
  assert.equal(jpg.status, 200);
  assert.equal(jpg.headers['content-type'], 'image/jpeg');
  assert.deepEqual([...jpg.body.subarray(0, 2)], [0xff, 0xd8]);
  const etag = jpg.headers.etag;
  const cached = await api(emu, 'alice', 'GET', `/api/userannotation/${aid}/crop.jpg?maxSize=96`, { headers: { 'If-None-Match': etag } });
  assert.equal(cached.status, 304);
  const thumb = await api(emu, 'alice', 'GET', `/api/imageinstance/${images[0].id}/thumb.jpg?maxSize=256`);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers['content-type'], 'image/jpeg');
  const forb = await api(emu, 'dave', 'GET', `/api/annotation/${aid}/crop.png`);
  assert.equal(forb.status, 403);
});

test('GIS of a seeded annotation agrees with geometry.mjs', async () => {
  const aid = emu.state.annotationIdsOfProject(projectByName(emu, 'Colon-Polyps').id)[5];
  const a = await getJson(emu, 'bob', `/api/annotation/${aid}.json`);
  const g = parseWkt(a.location);
  assert.equal(a.area, Math.round(area(g)));
  assert.equal(a.perimeter, Math.round(length(g)));
  assert.deepEqual(a.centroid, centroid(g));
});

test('notReviewedOnly leaves out the annotations accepted in review (core: count_reviewed_annotations = 0)', async () => {
  const image = images[2];
  const all = (await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}`)).collection.map((a) => a.id);
  const start = await api(emu, 'alice', 'PUT', `/api/imageinstance/${image.id}/review.json`);
  assert.equal(start.status, 200, start.text);
  const [first, second] = all;
  for (const id of [first, second]) assert.equal((await api(emu, 'alice', 'POST', `/api/annotation/${id}/review.json`)).status, 200);
  const left = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&notReviewedOnly=true`);
  assert.deepEqual(ids(left), all.filter((id) => id !== first && id !== second));
  assert.equal(left.size, all.length - 2);
  // Withdrawn from review: listed again.
  assert.equal((await api(emu, 'alice', 'DELETE', `/api/annotation/${first}/review.json`)).status, 200);
  const again = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&notReviewedOnly=true`);
  assert.deepEqual(ids(again), all.filter((id) => id !== second));
  assert.equal((await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&notReviewedOnly=false`)).size, all.length);
});

test('reviewed=true lists the reviewed annotations (core: ReviewedAnnotationListing), with its columns and filters', async () => {
  const image = images[3];
  const all = (await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&showWKT=true&showGIS=true&showTerm=true&showMeta=true`)).collection;
  assert.ok(all.length >= 3);
  assert.equal((await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true`)).size, 0);
  assert.equal((await api(emu, 'alice', 'PUT', `/api/imageinstance/${image.id}/review.json`)).status, 200);
  const [first, second] = all;
  const revs = [];
  for (const a of [first, second]) {
    const res = await api(emu, 'alice', 'POST', `/api/annotation/${a.id}/review.json`);
    assert.equal(res.status, 200, res.text);
    revs.push(JSON.parse(res.text).reviewedannotation);
  }
  const su = emu.url;
  const listed = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true&showWKT=true&showGIS=true&showTerm=true&showMeta=true`);
  assert.equal(listed.size, 2);
  // id desc, the reviewed annotations' own ids; the parents' geometry, terms and author
  assert.deepEqual(ids(listed), revs.map((r) => r.id).sort((a, b) => b - a));
  const alice = [...emu.state.t.user.values()].find((u) => u.username === 'alice');
  for (const it of listed.collection) {
    const parent = [first, second].find((a) => a.id === it.parentIdent);
    const stored = emu.state.get('reviewedannotation', it.id);
    assert.ok(parent && stored);
    assert.equal(it.class, 'be.cytomine.domain.ontology.ReviewedAnnotation');
    assert.equal(it.reviewed, 'true'); // SQL literal 'true': a text column
    assert.equal(it.reviewUser, alice.id);
    assert.equal(it.user, parent.user);
    assert.equal(it.image, image.id);
    assert.equal(it.project, image.project);
    assert.equal(it.created, stored.created);
    assert.equal('updated' in it, false); // null in the first row: dropped
    assert.equal('countReviewedAnnotations' in it, false);
    assert.equal(it.location, parent.location);
    assert.equal(it.area, parent.area);
    assert.deepEqual(it.centroid, parent.centroid);
    assert.deepEqual(it.term.slice().sort(), parent.term.slice().sort());
    assert.deepEqual(it.userByTerm, it.term.map((term) => ({ id: 0, term, user: [parent.user] })));
    assert.equal(it.cropURL, `${su}/api/reviewedannotation/${it.id}/crop.png`);
    assert.equal(it.smallCropURL, `${su}api/reviewedannotation/${it.id}/crop.png?maxSize=256`); // core's UrlApi
  }
  // filters: project, reviewUsers, users, paging
  assert.equal((await getJson(emu, 'alice', `/api/annotation/search.json?project=${image.project}&reviewed=true`)).size,
    [...emu.state.t.reviewedannotation.values()].filter((r) => r.project === image.project).length);
  assert.equal((await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true&reviewUsers=${alice.id + 1000}`)).size, 0);
  assert.equal((await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true&users=${first.user}`)).size,
    [first, second].filter((a) => a.user === first.user).length);
  const page = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true&max=1&offset=1`);
  assert.deepEqual(ids(page), [Math.min(...revs.map((r) => r.id))]);
  assert.equal(page.size, 2);
  // rejected: no longer listed
  assert.equal((await api(emu, 'alice', 'DELETE', `/api/annotation/${first.id}/review.json`)).status, 200);
  assert.deepEqual(ids(await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true`)), [revs[1].id]);
});

test('a reviewed annotation is shown and cropped through the generic annotation endpoints and its cropURL', async () => {
  const image = images[4];
  const [a] = (await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&showWKT=true`)).collection;
  assert.equal((await api(emu, 'alice', 'PUT', `/api/imageinstance/${image.id}/review.json`)).status, 200);
  const rev = JSON.parse((await api(emu, 'alice', 'POST', `/api/annotation/${a.id}/review.json`)).text).reviewedannotation;
  const shown = await getJson(emu, 'alice', `/api/annotation/${rev.id}.json`);
  assert.equal(shown.class, 'be.cytomine.domain.ontology.ReviewedAnnotation');
  assert.equal(shown.parentIdent, a.id);
  assert.equal(shown.location, a.location);
  for (const path of [`/api/annotation/${rev.id}/crop.png`, `/api/reviewedannotation/${rev.id}/crop.png`]) {
    const res = await api(emu, 'alice', 'GET', path);
    assert.equal(res.status, 200, path);
  }
  assert.equal((await api(emu, 'alice', 'GET', `/api/userannotation/${rev.id}.json`)).status, 404);
  // its terms: the Term objects of the reviewed annotation (ReviewedAnnotationService.listTerms)
  assert.ok(rev.terms.length > 0);
  const terms = await getJson(emu, 'alice', `/api/annotation/${rev.id}/term.json`);
  assert.deepEqual(terms.collection.map((t) => [t.class, t.id]), rev.terms.map((id) => ['be.cytomine.domain.ontology.Term', id]));
});
