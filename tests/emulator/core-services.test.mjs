// Behaviours of core 5.2's services that the emulator follows (issue 16, items 6-9), each checked
// against what core's code does: AnnotationTrackService.add, RestPropertyController's key lists,
// ProjectService.afterAdd, ImageInstanceService's `name` search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, getJson, projectByName } from './helpers.mjs';

let emu;
before(async () => { emu = await start({ dataset: 'demo' }); });
after(async () => { await emu.close(); });

const annotationsOfImage = (imageId) => emu.state.all('annotation').filter((a) => a.image === imageId).sort((a, b) => a.id - b.id);

test('annotation track: an annotation of another image is accepted; one annotation per slice and track', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const [img1, img2] = emu.state.imagesOfProject(panc.id);
  const track = (await api(emu, 'alice', 'POST', '/api/track.json', { body: { name: 'follow', image: img1.id } })).json.track;
  const [a1, a2] = annotationsOfImage(img1.id);
  const [b1] = annotationsOfImage(img2.id);

  const first = await api(emu, 'alice', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: a1.id, track: track.id } });
  assert.equal(first.status, 200);
  assert.equal(first.json.annotationtrack.slice, a1.slice);

  // Core takes the slice from the annotation and does not compare images.
  const other = await api(emu, 'alice', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: b1.id, track: track.id } });
  assert.equal(other.status, 200, other.text);
  assert.deepEqual([other.json.annotationtrack.annotationIdent, other.json.annotationtrack.slice], [b1.id, b1.slice]);

  // A second annotation of the same slice in the same track: 409, with core's message.
  const dup = await api(emu, 'alice', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: a2.id, track: track.id } });
  assert.equal(dup.status, 409);
  assert.deepEqual(dup.json, { success: false, errors: `AnnotationTrack already exists for slice ${a1.slice} and track follow`, errorValues: {} });
  const rows = emu.state.all('annotationtrack').filter((x) => x.track === track.id).map((x) => x.annotationIdent).sort((x, y) => x - y);
  assert.deepEqual(rows, [a1.id, b1.id].sort((x, y) => x - y));
});

test('property keys: plain strings, or {key, user} rows with user=true; the project wins over the image', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const s = emu.state;
  const inProject = new Set(s.annotationIdsOfProject(panc.id));
  const props = s.all('property').filter((p) => p.domainClassName.endsWith('UserAnnotation') && inProject.has(p.domainIdent));
  const expectedKeys = [...new Set(props.map((p) => p.key))].sort();
  assert.ok(expectedKeys.length > 0);

  const keys = await getJson(emu, 'bob', `/api/annotation/property/key.json?idProject=${panc.id}`);
  assert.deepEqual([...keys.collection].sort(), expectedKeys);
  assert.ok(keys.collection.every((k) => typeof k === 'string'));

  const withUser = await getJson(emu, 'bob', `/api/annotation/property/key.json?idProject=${panc.id}&user=true`);
  const expectedPairs = [...new Set(props.map((p) => `${p.key}|${s.get('annotation', p.domainIdent).user}`))].sort();
  assert.deepEqual(withUser.collection.map((x) => `${x.key}|${x.user}`).sort(), expectedPairs);

  // idProject is read first: an image of another project does not narrow the list.
  const otherImage = s.imagesOfProject(projectByName(emu, 'Colon-Polyps').id)[0];
  const both = await getJson(emu, 'bob', `/api/annotation/property/key.json?idProject=${panc.id}&idImage=${otherImage.id}`);
  assert.deepEqual([...both.collection].sort(), expectedKeys);

  const none = await api(emu, 'bob', 'GET', '/api/annotation/property/key.json');
  assert.equal(none.status, 400);
  assert.equal(none.json.errors.message, "You must specify at least 'idProject' or 'idImage'");

  const imageKeys = await getJson(emu, 'bob', `/api/imageinstance/property/key.json?idProject=${panc.id}`);
  assert.deepEqual([...imageKeys.collection].sort(), ['scanner', 'stain']);
});

test('a project creator becomes one of its representatives', async () => {
  const created = (await api(emu, 'carol', 'POST', '/api/project.json', { body: { name: 'Representative-Check' } })).json.project;
  const reps = await getJson(emu, 'carol', `/api/project/${created.id}/representative.json`);
  assert.deepEqual(reps.collection.map((x) => x.user), [emu.state.all('user').find((u) => u.username === 'carol').id]);
  const users = await getJson(emu, 'carol', `/api/project/${created.id}/users/representative.json`);
  assert.deepEqual(users.collection.map((u) => u.username), ['carol']);
  const fetched = await getJson(emu, 'carol', `/api/project/${created.id}/representative/${reps.collection[0].id}.json`);
  assert.equal(fetched.project, created.id);
});

test('image name[ilike]: the instance (or original) filename, or the blinded name in blind mode', async () => {
  const s = emu.state;
  const panc = projectByName(emu, 'PANC-Biopsies');
  const target = s.imagesOfProject(panc.id)[1];
  const filename = target.instanceFilename ?? s.get('abstractimage', target.baseImage).originalFilename;
  const fragment = filename.slice(2, 8).toUpperCase();
  const expected = s.imagesOfProject(panc.id)
    .filter((ii) => (ii.instanceFilename ?? s.get('abstractimage', ii.baseImage).originalFilename).toLowerCase().includes(fragment.toLowerCase()))
    .map((ii) => ii.id).sort((a, b) => a - b);
  const found = await getJson(emu, 'bob', `/api/project/${panc.id}/imageinstance.json?name[ilike]=${encodeURIComponent(`%${fragment}`)}`);
  assert.deepEqual(found.collection.map((x) => x.id).sort((a, b) => a - b), expected);
  assert.ok(expected.includes(target.id) && expected.length < s.imagesOfProject(panc.id).length);

  const blind = projectByName(emu, 'Pulmonary-Nodules');
  assert.ok(blind.blindMode);
  const blindImage = s.imagesOfProject(blind.id)[0];
  const byBlindedName = await getJson(emu, 'alice', `/api/project/${blind.id}/imageinstance.json?name[ilike]=${blindImage.baseImage}`);
  assert.deepEqual(byBlindedName.collection.map((x) => x.id), [blindImage.id]);
  const blindFilename = blindImage.instanceFilename ?? s.get('abstractimage', blindImage.baseImage).originalFilename;
  const byFilename = await getJson(emu, 'alice', `/api/project/${blind.id}/imageinstance.json?name[ilike]=${encodeURIComponent(blindFilename)}`);
  assert.deepEqual(byFilename.collection, [], 'a blind project is searched by blinded name only');
});

// --- annotation corrections: exact geometry, as core computes them with JTS ---

const rect = (x, y, w, h) => `POLYGON ((${x} ${y}, ${x + w} ${y}, ${x + w} ${y + h}, ${x} ${y + h}, ${x} ${y}))`;

/** An image of PANC-Biopsies and a free 400 px square on it (no annotation intersects it). */
function freeArea() {
  const s = emu.state;
  const panc = projectByName(emu, 'PANC-Biopsies');
  const image = s.imagesOfProject(panc.id)[3];
  const boxes = s.annotationIdsOfImage(image.id).map((id) => s.get('annotation', id).env);
  for (let y = 400; y < 20000; y += 500) {
    for (let x = 400; x < 20000; x += 500) {
      if (boxes.every((e) => e.maxX < x || e.minX > x + 400 || e.maxY < y || e.minY > y + 400)) return { image, x, y };
    }
  }
  throw new Error('no free area');
}

async function annotate(username, image, location, term) {
  const r = await api(emu, username, 'POST', '/api/annotation.json', { body: { image: image.id, location, ...(term ? { term: [term] } : {}) } });
  assert.equal(r.status, 200, r.text);
  return r.json.annotation;
}

const correction = (username, body) => api(emu, username, 'POST', '/api/annotationcorrection.json', { body });

test('correction remove: the exact difference (96 px² left of a 100 × 100 square)', async () => {
  const { image, x, y } = freeArea();
  const a = await annotate('alice', image, rect(x, y, 100, 100));
  // Leaves an 8 × 12 rectangle in a corner: an L-shaped cut covering the rest.
  const cut = `POLYGON ((${x - 10} ${y - 10}, ${x + 92} ${y - 10}, ${x + 92} ${y + 12}, ${x + 110} ${y + 12}, ${x + 110} ${y + 110}, ${x - 10} ${y + 110}, ${x - 10} ${y - 10}))`;
  const r = await correction('alice', { annotation: a.id, location: cut, remove: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.annotation.id, a.id);
  assert.equal(r.json.annotation.area, 96);
  const stored = emu.state.get('annotation', a.id).location;
  assert.equal(stored, r.json.annotation.location);
  assert.match(stored, /^POLYGON \(\(/);
  const xs = [...stored.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual([Math.min(...xs.map((p) => p[0])), Math.max(...xs.map((p) => p[0])), Math.min(...xs.map((p) => p[1])), Math.max(...xs.map((p) => p[1]))], [x + 92, x + 100, y, y + 12]);

  const all = await correction('alice', { annotation: a.id, location: rect(x - 5, y - 5, 200, 200), remove: true });
  assert.equal(all.status, 400);
  assert.equal(all.json.errors.message, 'You cannot delete an annotation with substract! Use reject or delete tool.');
});

test('correction add: the exact union (not a hull); touching annotations of the same term merge into the first', async () => {
  const { image, x, y } = freeArea();
  const term = emu.state.termsOfOntology(projectByName(emu, 'PANC-Biopsies').ontology)[0].id;
  const a = await annotate('alice', image, rect(x, y, 100, 100), term);
  const b = await annotate('alice', image, rect(x + 200, y, 100, 100), term);
  // An L-shaped join: its hull with both squares would be far larger than the union.
  const join = rect(x + 50, y + 50, 200, 20);
  const r = await correction('alice', { image: image.id, location: join, layers: [a.user] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.annotation.id, a.id);
  // 2 × 10,000 + the join's 200 × 20 minus its overlaps with the squares (50 × 20 each).
  assert.equal(r.json.annotation.area, 20000 + 4000 - 2 * 1000);
  assert.equal(emu.state.get('annotation', b.id), undefined, 'the other annotation is merged and deleted');

  const bad = await correction('alice', { image: image.id, location: `POLYGON ((${x} ${y}, ${x + 50} ${y + 50}, ${x + 50} ${y}, ${x} ${y + 50}, ${x} ${y}))`, layers: [a.user] });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.errors.message, 'Your annotation cannot be self-intersected.');
  const none = await correction('alice', { image: image.id, location: rect(x + 330, y + 330, 20, 20), layers: [a.user] });
  assert.equal(none.status, 400);
  assert.equal(none.json.errors.message, 'There is no intersect annotation!');
});

test('correction: annotations of two users under the area are refused for a manager who shows both layers', async () => {
  const { image, x, y } = freeArea();
  const mine = await annotate('alice', image, rect(x, y, 100, 100));
  const theirs = await annotate('bob', image, rect(x + 150, y, 100, 100));
  const r = await correction('alice', { image: image.id, location: rect(x + 50, y + 40, 150, 20), layers: [mine.user, theirs.user] });
  assert.equal(r.status, 400);
  assert.equal(r.json.errors.message, 'Annotations from multiple users are under this area. You can correct only annotation from 1 user (hide layer if necessary)');
  // Bob is no manager of PANC-Biopsies: his layers are narrowed to his own annotations.
  const own = await correction('bob', { image: image.id, location: rect(x + 50, y + 40, 150, 20), layers: [mine.user, theirs.user] });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.annotation.id, theirs.id);
  assert.equal(emu.state.get('annotation', mine.id).location, mine.location);
});

test('fill: holes are dropped; a form that is no polygon is refused with core message', async () => {
  const { image, x, y } = freeArea();
  const holed = `POLYGON ((${x} ${y}, ${x + 100} ${y}, ${x + 100} ${y + 100}, ${x} ${y + 100}, ${x} ${y}), (${x + 40} ${y + 40}, ${x + 60} ${y + 40}, ${x + 60} ${y + 60}, ${x + 40} ${y + 60}, ${x + 40} ${y + 40}))`;
  const a = await annotate('alice', image, holed);
  assert.equal(a.area, 10000 - 400);
  const filled = await api(emu, 'alice', 'POST', `/api/annotation/${a.id}/fill.json`, { body: {} });
  assert.equal(filled.status, 200, filled.text);
  assert.equal(filled.json.annotation.area, 10000);
  const point = await annotate('alice', image, `POINT (${x + 300} ${y + 300})`);
  const refused = await api(emu, 'alice', 'POST', `/api/annotation/${point.id}/fill.json`, { body: {} });
  assert.equal(refused.status, 400);
  assert.equal(refused.json.errors.message, `Form cannot be filled:${point.location}`);
});
