// Abstract images, image instances and slices against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AbstractImage, AbstractImageCollection, ImageInstance, ImageInstanceCollection, SliceInstance, SliceInstanceCollection, User,
} from '../../js/index.js';
import { startEmulator, userOf, connectAs, rejectsWith, idsOf, sorted, memberIds, isPng, TODAY } from '../support/integration.mjs';

let server;
let state;
let alice;
let aliceId;
let panc;

const projectNamed = (name) => state.all('project').find((p) => p.name === name);
/** Default order of image lists: created desc, ties by id desc. */
const createdDesc = (a, b) => b.created - a.created || b.id - a.id;
/** Width and height of a PNG (from its IHDR chunk). */
const pngSize = (bytes) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
};

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice');
  aliceId = userOf(server, 'alice').id;
  panc = projectNamed('PANC-Biopsies');
});
after(() => server?.close());

test('ImageInstanceCollection by project', async () => {
  for (const p of state.all('project').filter((x) => memberIds(state, x.id).has(aliceId))) {
    const images = await ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: p.id });
    const expected = state.imagesOfProject(p.id).sort(createdDesc);
    assert.deepEqual(idsOf(images), idsOf(expected), p.name);
    assert.equal(images.totalNbItems, expected.length);
    for (const image of images) {
      assert.ok(image instanceof ImageInstance);
      const ii = state.get('imageinstance', image.id);
      const ai = state.get('abstractimage', ii.baseImage);
      assert.equal(image.project, p.id);
      assert.equal(image.baseImage, ai.id);
      assert.equal(image.width, ai.width);
      assert.equal(image.height, ai.height);
      assert.equal(image.numberOfAnnotations, state.all('annotation').filter((a) => a.image === image.id).length);
    }
  }
  // paging
  const page = new ImageInstanceCollection({ filterKey: 'project', filterValue: panc.id, nbPerPage: 2 });
  await page.fetchPage(1);
  assert.deepEqual(idsOf(page), idsOf(state.imagesOfProject(panc.id).sort(createdDesc).slice(2, 4)));
  // a project alice is not in
  await rejectsWith(ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: projectNamed('Skin-Melanoma').id }), 403);
});

test('ImageInstanceCollection by user (one request)', async () => {
  const mine = await ImageInstanceCollection.fetchAll({ filterKey: 'user', filterValue: aliceId });
  const expected = state.all('imageinstance').filter((ii) => state.membersOf(ii.project).contributors.has(aliceId)).sort(createdDesc);
  assert.deepEqual(idsOf(mine), idsOf(expected));
  await rejectsWith(ImageInstanceCollection.fetchAll({ filterKey: 'user', filterValue: userOf(server, 'bob').id }), 403);
});

// Core passes offset and max to the service of GET /api/user/{id}/imageinstance.json in swapped
// order (contract §3.6; the emulator reproduces it). The client does not compensate, so a page
// of 2 at offset 4 comes back as 4 items from offset 2, and fetchAll({nbPerPage}) returns
// duplicates (66 items for 23 images).
// Core swaps offset and max on this endpoint (contract §3.6, reproduced by the emulator); the
// client compensates.
test('ImageInstanceCollection by user with nbPerPage: correct pages, each image once', async () => {
  const expected = idsOf(state.all('imageinstance').filter((ii) => state.membersOf(ii.project).contributors.has(aliceId)).sort(createdDesc));
  const all = await ImageInstanceCollection.fetchAll({ filterKey: 'user', filterValue: aliceId, nbPerPage: 5 });
  assert.equal(all.length, expected.length, 'no duplicates');
  assert.deepEqual(idsOf(all), expected);
  const page = new ImageInstanceCollection({ filterKey: 'user', filterValue: aliceId, nbPerPage: 2 });
  await page.fetchPage(2);
  assert.deepEqual(idsOf(page), expected.slice(4, 6));
});

test('blind mode hides file names from non-managers', async () => {
  const blind = projectNamed('Pulmonary-Nodules');
  assert.ok(blind.blindMode && !state.membersOf(blind.id).managers.has(aliceId));
  const images = await ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: blind.id });
  assert.ok(images.length > 0);
  for (const image of images) {
    assert.equal(image.blindedName, String(image.baseImage));
    assert.equal(image.originalFilename, null);
    assert.equal(image.instanceFilename, null);
  }
});

test('fetchNext, fetchPrevious, fetchReferenceSlice', async () => {
  const order = state.imagesOfProject(panc.id).map((ii) => ii.id).sort((a, b) => b - a); // next = older (smaller id)
  assert.ok(order.length >= 3);
  const middle = await ImageInstance.fetch(order[1]);
  const next = await middle.fetchNext();
  assert.ok(next instanceof ImageInstance);
  assert.equal(next.id, order[2]);
  const previous = await middle.fetchPrevious();
  assert.equal(previous.id, order[0]);
  assert.equal(previous.project, panc.id);
  // at the ends: an empty model
  const none = await (await ImageInstance.fetch(order.at(-1))).fetchNext();
  assert.ok(none instanceof ImageInstance);
  assert.equal(none.id, null);
  assert.equal((await (await ImageInstance.fetch(order[0])).fetchPrevious()).id, null);

  const slice = await middle.fetchReferenceSlice();
  assert.ok(slice instanceof SliceInstance);
  const expected = state.slicesOfImage(middle.id)[0];
  assert.equal(slice.id, expected.id);
  assert.equal(slice.image, middle.id);
  assert.equal(slice.project, panc.id);
  assert.equal(slice.rank, 0);
});

test('thumbURL, previewURL and fetchThumb', async () => {
  const ii = state.imagesOfProject(panc.id)[0];
  const image = await ImageInstance.fetch(ii.id);
  assert.equal(image.thumb, `${server.url}/api/imageinstance/${ii.id}/thumb.png?maxSize=512`);
  assert.equal(image.thumbURL(), `${server.url}/api/imageinstance/${ii.id}/thumb.jpg?maxSize=256`);
  assert.equal(image.thumbURL(128, 'png'), `${server.url}/api/imageinstance/${ii.id}/thumb.png?maxSize=128`);
  assert.equal(image.previewURL(1024, 'webp'), `${server.url}/api/imageinstance/${ii.id}/thumb.webp?maxSize=1024`);
  assert.equal(new ImageInstance({ id: 1 }).thumbURL(), null);
  assert.equal(image.downloadURL, `${server.url}/api/imageinstance/${ii.id}/download`);
  const macro = image.associatedImageURL('macro', 128, 'jpg');
  assert.equal(macro, `${server.url}/api/imageinstance/${ii.id}/associated/macro.jpg?maxSize=128`);
  const jpeg = new Uint8Array(await alice.request('GET', macro.slice(`${server.url}/api/`.length), { responseType: 'arraybuffer' }));
  assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG signature');

  const blob = await image.fetchThumb();
  assert.ok(blob instanceof Blob);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  assert.ok(isPng(bytes), 'PNG signature');
  const ai = state.get('abstractimage', ii.baseImage);
  const [w, h] = pngSize(bytes);
  assert.equal(Math.max(w, h), 256);
  assert.equal(w > h, ai.width > ai.height, 'aspect ratio kept');

  const small = new Uint8Array(await (await image.fetchThumb({ maxSize: 64 })).arrayBuffer());
  assert.equal(Math.max(...pngSize(small)), 64);
  // the thumbnail URL itself is served to the same credentials
  const viaUrl = await alice.request('GET', image.thumbURL(100, 'png').replace(`${server.url}/api/`, ''), { responseType: 'arraybuffer' });
  assert.ok(isPng(new Uint8Array(viaUrl)));
});

test('ImageInstanceCollection.fetchAllLight and fetchBounds', async () => {
  const light = await ImageInstanceCollection.fetchAllLight();
  assert.ok(Array.isArray(light));
  const expected = state.all('imageinstance').filter((ii) => state.membersOf(ii.project).contributors.has(aliceId)).map((ii) => ii.id).sort((a, b) => b - a);
  assert.deepEqual(light.map((x) => x.id), expected);
  for (const x of light) assert.equal(x.project, state.get('imageinstance', x.id).project);
  assert.equal((await ImageInstanceCollection.fetchAllLight({ max: 3 })).length, 3);

  const bounds = await ImageInstanceCollection.fetchBounds({ project: panc.id });
  const abstracts = state.imagesOfProject(panc.id).map((ii) => state.get('abstractimage', ii.baseImage));
  assert.deepEqual(bounds.width, { min: Math.min(...abstracts.map((a) => a.width)), max: Math.max(...abstracts.map((a) => a.width)) });
  assert.deepEqual(bounds.height, { min: Math.min(...abstracts.map((a) => a.height)), max: Math.max(...abstracts.map((a) => a.height)) });
  const counts = state.imagesOfProject(panc.id).map((ii) => state.all('annotation').filter((a) => a.image === ii.id).length);
  assert.deepEqual(bounds.numberOfAnnotations, { min: Math.min(...counts), max: Math.max(...counts) });
  assert.deepEqual(sorted(bounds.format.list), [...new Set(abstracts.map((a) => a.contentType))].sort());
});

test('AbstractImage fetch, collection and fetchUploader', async () => {
  const readable = state.all('abstractimage').filter((ai) => ai.user === aliceId
    || state.all('imageinstance').some((ii) => ii.baseImage === ai.id && memberIds(state, ii.project).has(aliceId)));
  const all = await AbstractImageCollection.fetchAll();
  assert.deepEqual(sorted(idsOf(all)), sorted(idsOf(readable)));
  for (const a of all) assert.ok(a instanceof AbstractImage);

  const ai = readable[0];
  const image = await AbstractImage.fetch(ai.id);
  assert.equal(image.originalFilename, ai.originalFilename);
  assert.equal(image.width, ai.width);
  assert.equal(image.height, ai.height);
  assert.equal(image.contentType, ai.contentType);
  assert.equal(image.physicalSizeX, ai.physicalSizeX);
  assert.equal(image.thumbURL(200, 'png'), `${server.url}/api/abstractimage/${ai.id}/thumb.png?maxSize=200`);
  assert.ok(isPng(new Uint8Array(await (await image.fetchThumb({ maxSize: 32 })).arrayBuffer())));

  const uploader = await image.fetchUploader();
  assert.ok(uploader instanceof User);
  assert.equal(uploader.id, ai.user);
  assert.equal(uploader.username, state.get('user', ai.user).username);

  // an unused image of bob's is not readable by alice
  const unused = state.all('abstractimage').find((a) => a.originalFilename.startsWith('UNSORTED'));
  await rejectsWith(AbstractImage.fetch(unused.id), 403);
  const bob = connectAs(server, 'bob');
  const bobUnused = await bob.models.AbstractImageCollection.fetchUnused();
  // As in cytomine-client, the static form resolves to a filled collection.
  assert.ok(bobUnused instanceof bob.models.AbstractImageCollection);
  assert.ok(bobUnused.array.every((a) => a instanceof bob.models.AbstractImage));
  assert.deepEqual(sorted(bobUnused.array.map((a) => a.id)), sorted(idsOf(state.all('abstractimage').filter((a) => a.user === userOf(server, 'bob').id
    && !state.all('imageinstance').some((ii) => ii.baseImage === a.id)))));
});

test('ImageInstance CRUD: add an image to a project, rename it, remove it', async () => {
  const pancBases = new Set(state.imagesOfProject(panc.id).map((ii) => ii.baseImage));
  const base = state.imagesOfProject(projectNamed('PROSTATE-Gleason').id).map((ii) => state.get('abstractimage', ii.baseImage)).find((ai) => !pancBases.has(ai.id));
  const image = await new ImageInstance({ baseImage: base.id, project: panc.id }).save();
  assert.ok(image.id > 0);
  assert.equal(image.project, panc.id);
  assert.equal(image.baseImage, base.id);
  assert.equal(image.user, aliceId);
  assert.equal(image.width, base.width);
  assert.equal(image.instanceFilename, base.originalFilename);
  assert.equal(state.get('imageinstance', image.id).project, panc.id);
  assert.equal(state.slicesOfImage(image.id).length, 1, 'its slice is created');
  assert.deepEqual({ ...(await ImageInstance.fetch(image.id)) }, { ...image });

  await rejectsWith(new ImageInstance({ baseImage: base.id, project: panc.id }).save(), 409, `Image ${base.originalFilename} already map with project ${panc.name}`);
  await rejectsWith(new ImageInstance({ baseImage: base.id }).save(), 400, 'project not set');

  image.instanceFilename = 'renamed.svs';
  await image.update();
  assert.equal(image.instanceFilename, 'renamed.svs');
  assert.equal(state.get('imageinstance', image.id).instanceFilename, 'renamed.svs');
  assert.equal(state.get('imageinstance', image.id).baseImage, base.id, 'full body sent');
  const listed = await ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.ok(idsOf(listed).includes(image.id));

  await image.delete();
  assert.equal(state.get('imageinstance', image.id), undefined);
  assert.equal(state.slicesOfImage(image.id).length, 0);
  await rejectsWith(ImageInstance.fetch(image.id), 404, `ImageInstance ${image.id} not found`);
});

test('AbstractImage CRUD', async () => {
  const image = await new AbstractImage({ originalFilename: 'upload.tif', width: 2048, height: 1024, uploadedFile: 12345 }).save();
  assert.ok(image.id > 0);
  assert.equal(image.originalFilename, 'upload.tif');
  assert.equal(image.width, 2048);
  assert.equal(image.inProject, false);
  assert.equal(state.get('abstractimage', image.id).user, aliceId);
  assert.equal((await image.fetchUploader()).id, aliceId);
  image.width = 4096;
  await image.update();
  assert.equal(state.get('abstractimage', image.id).width, 4096);
  assert.equal(state.get('abstractimage', image.id).height, 1024);
  assert.deepEqual(sorted((await AbstractImageCollection.fetchUnused()).array.map((a) => a.id)), [image.id]);
  await AbstractImage.delete(image.id);
  assert.equal(state.get('abstractimage', image.id), undefined);
  await rejectsWith(AbstractImage.fetch(image.id), 404, `AbstractImage ${image.id} not found`);
});

test('SliceInstance fetch and SliceInstanceCollection by imageinstance', async () => {
  const ii = state.imagesOfProject(panc.id)[1];
  const slices = await SliceInstanceCollection.fetchAll({ filterKey: 'imageinstance', filterValue: ii.id });
  assert.deepEqual(idsOf(slices), idsOf(state.slicesOfImage(ii.id)));
  assert.ok(slices.length >= 1);
  const sl = state.slicesOfImage(ii.id)[0];
  const slice = await SliceInstance.fetch(sl.id);
  assert.ok(slice instanceof SliceInstance);
  assert.equal(slice.image, ii.id);
  assert.equal(slice.baseSlice, sl.baseSlice);
  assert.equal(slice.channel, sl.channel);
  assert.equal(slice.zStack, sl.zStack);
  assert.equal(slice.time, sl.time);
  // Today's core no longer sends a slice's `mime` (delta §3.3).
  assert.equal(slice.mime, TODAY ? null : sl.mime);
  assert.deepEqual({ ...slices.get(0) }, { ...slice });
  await assert.rejects(SliceInstanceCollection.fetchAll(), (e) => e.kind === 'invalid-argument' && /needs a filter/.test(e.message));
});
