// Parity (issue 7): tracks and annotation tracks, image groups and their images, annotation
// groups and links against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Track, TrackCollection, AnnotationTrack, AnnotationTrackCollection, ImageGroup, ImageGroupCollection, ImageGroupImageInstance,
  ImageGroupImageInstanceCollection, AnnotationGroup, AnnotationGroupCollection, AnnotationLink, AnnotationLinkCollection,
  ImageInstance, CytomineError,
} from '../../js/index.js';
import { startEmulator, connectAs, rejectsWith, failure, imagesOfProject, projectNamed } from '../support/integration.mjs';

let server;
let state;
let alice;
let panc;
let images;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice'); // the default connection; manager of PANC-Biopsies
  panc = projectNamed(state, 'PANC-Biopsies');
  images = imagesOfProject(state, panc.id);
});
after(() => server?.close());

const annotationsOf = (imageId) => state.annotationIdsOfImage(imageId).map((id) => state.get('annotation', id));

test('Track: CRUD and collection by project and image', async () => {
  const image = images[0];
  const track = await new Track({ name: 'cells', color: '#ff0000', image: image.id }).save();
  assert.equal(state.get('track', track.id).project, panc.id); // forced from the image
  assert.equal(track.project, panc.id);
  assert.deepEqual(await Track.fetch(track.id), track);
  track.name = 'nuclei';
  await track.update();
  assert.equal(state.get('track', track.id).name, 'nuclei');
  await rejectsWith(new Track({ name: 'nuclei', image: image.id }).save(), 409);
  await new Track({ name: 'other', image: images[1].id }).save();
  const byProject = await TrackCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(byProject.array.map((t) => t.name), ['nuclei', 'other']);
  const byImage = await TrackCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image.id });
  assert.deepEqual(byImage.array.map((t) => t.id), [track.id]);
  await assert.rejects(new TrackCollection().fetchAll(), CytomineError);
  await rejectsWith(connectAs(server, 'dave').models.Track.fetch(track.id), 403);
  await track.delete();
  assert.equal(state.get('track', track.id), undefined);
  await rejectsWith(Track.fetch(track.id), 404);
});

test('AnnotationTrack: save, fetch(annotation, track), delete(annotation, track), collection', async () => {
  const image = images[0];
  const [a1, a2] = annotationsOf(image.id);
  const [b1] = annotationsOf(images[1].id);
  const track = await new Track({ name: 'series', image: image.id }).save();
  const link = await new AnnotationTrack({ annotation: a1.id, track: track.id }).save();
  const record = state.all('annotationtrack').find((x) => x.annotationIdent === a1.id && x.track === track.id);
  assert.ok(record);
  assert.equal(link.annotation, a1.id);
  assert.equal(link.slice, a1.slice);
  assert.equal(link.annotationClassName, 'be.cytomine.domain.ontology.UserAnnotation');
  assert.deepEqual(await AnnotationTrack.fetch(a1.id, track.id), link);
  assert.deepEqual(await new AnnotationTrack({ annotation: a1.id, track: track.id }).fetch(), link);
  await assert.rejects(AnnotationTrack.fetch(0), CytomineError);
  await assert.rejects(link.update(), CytomineError);
  // One annotation per slice and track (a2 is on a1's slice); another image's annotation is accepted.
  await rejectsWith(new AnnotationTrack({ annotation: a2.id, track: track.id }).save(), 409, `AnnotationTrack already exists for slice ${a1.slice} and track series`);
  await new AnnotationTrack({ annotation: b1.id, track: track.id }).save();
  const ofTrack = await AnnotationTrackCollection.fetchAll({ filterKey: 'track', filterValue: track.id });
  assert.deepEqual(ofTrack.array.map((x) => x.annotation).sort(), [a1.id, b1.id].sort());
  const ofAnnotation = await AnnotationTrackCollection.fetchAll({ filterKey: 'annotation', filterValue: a1.id });
  assert.deepEqual(ofAnnotation.array.map((x) => x.track), [track.id]);
  await assert.rejects(new AnnotationTrackCollection().fetchAll(), CytomineError);
  await AnnotationTrack.delete(a1.id, track.id);
  assert.equal(state.get('annotationtrack', record.id), undefined);
  await rejectsWith(AnnotationTrack.fetch(a1.id, track.id), 404);
});

test('ImageGroup and ImageGroupImageInstance: CRUD, fetchNext, fetchPrevious, collections', async () => {
  const group = await new ImageGroup({ name: 'serial', project: panc.id }).save();
  assert.equal(state.get('imagegroup', group.id).name, 'serial');
  const [i1, i2, i3] = images;
  for (const img of [i1, i2, i3]) await new ImageGroupImageInstance({ group: group.id, image: img.id }).save();
  assert.deepEqual(state.all('imagegroupimageinstance').filter((x) => x.group === group.id).map((x) => x.image), [i1.id, i2.id, i3.id]);
  const fetched = await ImageGroup.fetch(group.id);
  assert.equal(fetched.numberOfImages, 3);
  assert.deepEqual(fetched.imageInstances.map((x) => x.id), [i1.id, i2.id, i3.id]);
  group.name = 'serial sections';
  await group.update();
  assert.equal(state.get('imagegroup', group.id).name, 'serial sections');

  const link = await ImageGroupImageInstance.fetch(group.id, i1.id);
  assert.equal(link.groupName, 'serial sections');
  await assert.rejects(link.update(), CytomineError);
  const next = await link.fetchNext();
  assert.ok(next instanceof ImageInstance);
  assert.equal(next.id, i2.id);
  assert.equal((await link.fetchPrevious()).id, i3.id); // circular
  assert.equal((await new ImageGroupImageInstance({ group: group.id, image: i3.id }).fetchNext()).id, i1.id);
  assert.equal((await link.fetchPrevious(false)).id ?? null, null);

  const ofGroup = await ImageGroupImageInstanceCollection.fetchAll({ filterKey: 'imagegroup', filterValue: group.id });
  assert.deepEqual(ofGroup.array.map((x) => x.image), [i1.id, i2.id, i3.id]);
  const ofImage = await ImageGroupImageInstanceCollection.fetchAll({ filterKey: 'imageinstance', filterValue: i2.id });
  assert.deepEqual(ofImage.array.map((x) => x.group), [group.id]);
  const groups = await ImageGroupCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(groups.array.map((g) => g.id), [group.id]);
  await rejectsWith(connectAs(server, 'dave').models.ImageGroupCollection.fetchAll({ filterKey: 'project', filterValue: panc.id }), 403);

  await ImageGroupImageInstance.delete(group.id, i3.id);
  assert.equal(state.all('imagegroupimageinstance').filter((x) => x.group === group.id).length, 2);
  await rejectsWith(ImageGroupImageInstance.fetch(group.id, i3.id), 404);
  await group.delete();
  assert.equal(state.get('imagegroup', group.id), undefined);
  assert.equal(state.all('imagegroupimageinstance').filter((x) => x.group === group.id).length, 0);
});

test('AnnotationGroup (merge) and AnnotationLink: CRUD, fetch(annotation, group), collections', async () => {
  const imageGroup = await new ImageGroup({ name: 'pairs', project: panc.id }).save();
  const g1 = await new AnnotationGroup({ project: panc.id, imageGroup: imageGroup.id, type: 'SAME_OBJECT' }).save();
  const g2 = await new AnnotationGroup({ project: panc.id, imageGroup: imageGroup.id, type: 'SAME_OBJECT' }).save();
  assert.equal(state.get('annotationgroup', g1.id).type, 'SAME_OBJECT');
  assert.equal(String(g1), `[annotationgroup] ${g1.id}: SAME_OBJECT`);
  const [a1] = annotationsOf(images[0].id);
  const [b1] = annotationsOf(images[1].id);
  const l1 = await new AnnotationLink({ annotation: a1.id, group: g1.id }).save();
  assert.equal(l1.image, images[0].id);
  assert.equal(l1.annotation, a1.id);
  await new AnnotationLink({ annotation: b1.id, group: g2.id }).save();
  assert.deepEqual(await AnnotationLink.fetch(a1.id, g1.id), l1);
  await assert.rejects(l1.update(), CytomineError);

  const merged = await g1.merge(g2.id);
  assert.equal(merged, g1);
  assert.equal(state.get('annotationgroup', g2.id), undefined);
  assert.deepEqual(state.all('annotationlink').filter((x) => x.group === g1.id).map((x) => x.annotationIdent).sort(), [a1.id, b1.id].sort());

  const links = await AnnotationLinkCollection.fetchAll({ filterKey: 'annotationgroup', filterValue: g1.id });
  assert.deepEqual(links.array.map((x) => x.annotation).sort(), [a1.id, b1.id].sort());
  const ofAnnotation = await AnnotationLinkCollection.fetchAll({ filterKey: 'annotation', filterValue: b1.id });
  assert.deepEqual(ofAnnotation.array.map((x) => x.group), [g1.id]);
  const byProject = await AnnotationGroupCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(byProject.array.map((g) => g.id), [g1.id]);
  const byImageGroup = await AnnotationGroupCollection.fetchAll({ filterKey: 'imagegroup', filterValue: imageGroup.id });
  assert.deepEqual(byImageGroup.array.map((g) => g.id), [g1.id]);

  await AnnotationLink.delete(b1.id, g1.id);
  assert.deepEqual(state.all('annotationlink').filter((x) => x.group === g1.id).map((x) => x.annotationIdent), [a1.id]);
  await rejectsWith(AnnotationLink.fetch(b1.id, g1.id), 404);
  await g1.delete();
  assert.equal(state.all('annotationlink').filter((x) => x.group === g1.id).length, 0);
  const e = await failure(new AnnotationGroup({ project: panc.id }).save());
  assert.equal(e.status, 400);
});

test('generic CRUD domains: command responses, undo/redo, and core error shapes', async () => {
  const image = images[3];
  const track = await new Track({ name: 'undoable', image: image.id }).save();
  assert.equal(alice.lastCommand, server.commands.history.at(-1).id);
  const undone = await alice.undo();
  assert.equal(undone.length, 1);
  assert.equal(undone[0].track.id, track.id); // the Delete map of the undone creation
  assert.equal(state.get('track', track.id), undefined);
  const redone = await alice.redo();
  assert.equal(redone[0].track.name, 'undoable');
  assert.equal(state.get('track', track.id).name, 'undoable');
  // shape B from add/update/delete (409 for duplicates), shape B' from show, shape A elsewhere
  const duplicate = await rejectsWith(new Track({ name: 'undoable', image: image.id }).save(), 409);
  // core's TrackService: checkDoNotAlreadyExist's message, and the image looked up first (404)
  assert.equal(duplicate.serverMessage, 'Track undoable already exist in this image!');
  await rejectsWith(new Track({ image: image.id }).save(), 400, 'name must be set! value=null');
  await rejectsWith(new Track({ name: 'x', image: 999999999 }).save(), 404, 'ImageInstance 999999999 not found');
  await rejectsWith(Track.fetch(999999999), 404, 'Track not found with filters : {id=999999999}');
  await rejectsWith(Track.delete(999999999), 404, 'class be.cytomine.domain.ontology.Track 999999999 not found');
  await rejectsWith(ImageGroup.fetch(999999999), 404, 'ImageGroup 999999999 not found');
  await track.delete();
});
