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
