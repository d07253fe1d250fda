// Conformance: cytomine-client 3.1.0 against the emulator, for abstract images, image instances and slices.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf } from './helpers.mjs';

let emu;
let c;
let panc;
before(async () => {
  ({ emu, c } = await setup('alice'));
  panc = projectByName(emu, 'PANC-Biopsies');
});
after(async () => { await emu.close(); });

test('ImageInstanceCollection by project, all pages, values', async () => {
  const coll = await c.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id, nbPerPage: 4 });
  assert.equal(coll.length, 6);
  assert.equal(coll.totalNbItems, 6);
  for (const i of coll) {
    assert.ok(i instanceof c.ImageInstance);
    const ii = emu.state.get('imageinstance', i.id);
    const ai = emu.state.get('abstractimage', ii.baseImage);
    assert.equal(i.width, ai.width);
    assert.equal(i.height, ai.height);
    assert.equal(i.baseImage, ai.id);
    assert.equal(i.numberOfAnnotations, emu.state.annotationIdsOfImage(i.id).length);
  }
  const sorted = await c.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id, sort: 'width', order: 'asc' });
  const widths = sorted.array.map((i) => i.width);
  assert.deepEqual(widths, [...widths].sort((a, b) => a - b));
  const filtered = await c.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id, instanceFilename: { ilike: '%HER2%' } });
  assert.deepEqual(filtered.array.map((i) => i.instanceFilename), ['HER2-reference-slide.svs']);
});

test('ImageInstance fetch, next/previous, thumb URLs, reference slice, slices', async () => {
  const ids = emu.state.idx.imagesByProject.get(panc.id);
  const i = await c.ImageInstance.fetch(ids[1]);
  assert.equal(i.project, panc.id);
  const next = await i.fetchNext();
  assert.equal(next.id, ids[2]);
  const prev = await i.fetchPrevious();
  assert.equal(prev.id, ids[0]);
  const url = i.thumbURL(128, 'png');
  assert.equal(url, `${emu.url}/api/imageinstance/${i.id}/thumb.png?maxSize=128`);
  const res = await c.cytomine.api.get(url, { responseType: 'arraybuffer' });
  assert.equal(res.headers['content-type'], 'image/png');
  assert.equal(Buffer.from(res.data).subarray(1, 4).toString(), 'PNG');
  const ref = await i.fetchReferenceSlice();
  assert.ok(ref instanceof c.SliceInstance);
  assert.equal(ref.image, i.id);
  const slices = await c.SliceInstanceCollection.fetchAll({ filterKey: 'imageinstance', filterValue: i.id });
  assert.equal(slices.length, 1);
  assert.equal(slices.get(0).id, ref.id);
  const s = await c.SliceInstance.fetch(ref.id);
  assert.equal(s.channel, 0);
  assert.equal(await statusOf(c.ImageInstance.fetch(987654321)), 404);
});

test('AbstractImage collection, unused, uploader; ImageInstance CRUD with 409', async () => {
  const all = await c.AbstractImageCollection.fetchAll();
  assert.ok(all.length >= 20);
  assert.ok(all.array.every((a) => a instanceof c.AbstractImage && a.width > 0));
  const bob = emu.credentials.find((x) => x.username === 'bob');
  assert.ok(bob);
  const unused = await c.AbstractImageCollection.fetchUnused();
  // fetchUnused stores raw objects (client quirk, §4 note a); alice uploaded none of the unused ones
  assert.equal(unused.array.length, 0);
  const shared = emu.state.get('imageinstance', emu.state.idx.imagesByProject.get(panc.id)[0]);
  const ai = await c.AbstractImage.fetch(shared.baseImage);
  const uploader = await ai.fetchUploader();
  assert.ok(uploader instanceof c.User);

  const pulm = projectByName(emu, 'Placenta-Archive');
  const candidate = [...emu.state.t.abstractimage.values()].find((a) => a.user === 2 && !emu.state.imagesOfProject(pulm.id).some((x) => x.baseImage === a.id));
  const ii = new c.ImageInstance({ baseImage: candidate.id, project: pulm.id });
  await ii.save();
  assert.ok(ii.id);
  assert.equal(ii.originalFilename, candidate.originalFilename);
  const again = new c.ImageInstance({ baseImage: candidate.id, project: pulm.id });
  await assert.rejects(again.save(), (e) => e.response.status === 409);
  ii.physicalSizeX = 0.42;
  await ii.update();
  assert.equal(emu.state.get('imageinstance', ii.id).physicalSizeX, 0.42);
  await ii.delete();
  assert.equal(emu.state.get('imageinstance', ii.id), undefined);
});
