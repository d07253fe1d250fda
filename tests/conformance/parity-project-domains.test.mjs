// Conformance: the real cytomine-client 3.1.0 against the emulator, for the project-side domains of
// issue 7: tracks and annotation tracks, image groups and their images, annotation groups and links,
// project default layers and representatives, project connections, image consultations, user
// positions, attached files and annotation comments. Modelled on the cytomine-client test files
// track, annotation-track, project-default-layer, project-representative, project-connection,
// image-consultation, user-position, attached-file and annotation-comment (js-client-api.md §6),
// checking values against `emu.state`. Everything runs as alice, manager of PANC-Biopsies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { signRequest } from '../support/js-client.mjs';
import { setup, projectByName, statusOf, switchUser } from './helpers.mjs';

let emu;
let c;
let panc;
let images; // PANC-Biopsies image instance ids, ascending
const ALICE = 2;
const BOB = 3;
const DAVE = 6;
before(async () => {
  ({ emu, c } = await setup('alice'));
  panc = projectByName(emu, 'PANC-Biopsies');
  images = emu.state.all('imageinstance').filter((i) => i.project === panc.id).map((i) => i.id).sort((a, b) => a - b);
});
after(async () => { await emu.close(); });

const annotationsOfUser = (uid) => emu.state.annotationIdsOfProject(panc.id).filter((id) => emu.state.get('annotation', id).user === uid).length;
const annotationsOf = (image) => emu.state.annotationIdsOfProject(panc.id).map((id) => emu.state.get('annotation', id)).filter((a) => a.image === image);

test('track CRUD on {name, image, color}: project forced from the image, fetch toEqual, collections, B\' 404', async () => {
  const t = await new c.Track({ name: 'Conf-Track', image: images[0], color: '#FF0000' }).save();
  assert.ok(t.id > 0);
  assert.deepEqual([t.name, t.color, t.image, t.project], ['Conf-Track', '#FF0000', images[0], panc.id]);
  assert.equal(t.class, 'be.cytomine.domain.ontology.Track');
  assert.equal(typeof c.cytomine.lastCommand, 'number');
  const rec = emu.state.get('track', t.id);
  assert.deepEqual([rec.name, rec.color, rec.image, rec.project], ['Conf-Track', '#FF0000', images[0], panc.id]);

  const f = await c.Track.fetch(t.id);
  assert.ok(f instanceof c.Track);
  assert.deepEqual({ ...f }, { ...t });
  f.color = '#00FF00';
  await f.update();
  assert.equal(f.color, '#00FF00');
  assert.equal(f.name, 'Conf-Track');
  assert.equal(emu.state.get('track', t.id).color, '#00FF00');

  await assert.rejects(new c.Track({ name: 'Conf-Track', image: images[0] }).save(), (e) => e.response.status === 409 && e.response.data.success === false);
  // core's TrackService.add looks the image up first: find(0) -> ObjectNotFoundException("ImageInstance", null)
  await assert.rejects(new c.Track({ name: 'no image' }).save(), (e) => e.response.status === 404 && e.response.data.errors === 'ImageInstance null not found');
  // show handler of Track uses responseNotFound (contract §2.5 shape B')
  await assert.rejects(c.Track.fetch(0), (e) => e.response.status === 404 && e.response.data.errors.message === 'Track not found with filters : {id=0}');

  const t2 = await new c.Track({ name: 'Conf-Track-2', image: images[1], color: '#0000FF' }).save();
  const byProject = await c.TrackCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(byProject.array.map((x) => x.id), [t.id, t2.id]);
  assert.ok(byProject.array.every((x) => x instanceof c.Track));
  const byImage = await c.TrackCollection.fetchAll({ filterKey: 'imageinstance', filterValue: images[1] });
  assert.deepEqual(byImage.array.map((x) => [x.id, x.name]), [[t2.id, 'Conf-Track-2']]);
  await assert.rejects(c.TrackCollection.fetchAll(), /filter/i, 'no filter rejects');

  await switchUser(emu, 'dave');
  assert.equal(await statusOf(c.Track.fetch(t.id)), 403);
  assert.equal(await statusOf(c.TrackCollection.fetchAll({ filterKey: 'project', filterValue: panc.id })), 403);
  await switchUser(emu, 'alice');

  await c.Track.delete(t2.id);
  assert.equal(emu.state.get('track', t2.id), undefined);
  assert.equal(await statusOf(c.Track.fetch(t2.id)), 404);
});

test('annotation-track: save {annotation, track}, server sets slice and class, fetch(a, tr) toEqual, collections, delete', async () => {
  const track = await new c.Track({ name: 'Conf-AT', image: images[2], color: '#123456' }).save();
  const [a1, a2] = annotationsOf(images[2]);
  const at = await new c.AnnotationTrack({ annotation: a1.id, track: track.id }).save();
  assert.ok(at.id > 0);
  assert.deepEqual([at.annotation, at.annotationIdent, at.track, at.slice, at.annotationClassName],
    [a1.id, a1.id, track.id, a1.slice, 'be.cytomine.domain.ontology.UserAnnotation']);
  const rec = emu.state.get('annotationtrack', at.id);
  assert.deepEqual([rec.annotationIdent, rec.track, rec.slice], [a1.id, track.id, a1.slice]);
  assert.ok(emu.requests.some((r) => r.method === 'POST' && r.path === '/api/annotationtrack.json'));

  const f = await c.AnnotationTrack.fetch(a1.id, track.id);
  assert.deepEqual({ ...f }, { ...at }, 'fetch(a, tr) toEqual the created object');
  const g = await new c.AnnotationTrack({ annotation: a1.id, track: track.id }).fetch();
  assert.equal(g.id, at.id);
  assert.equal(await statusOf(c.AnnotationTrack.fetch(0, track.id)), 'Impossible to construct Annotation Track URI with no annotation ID or track ID.');
  assert.throws(() => at.update());
  await assert.rejects(new c.AnnotationTrack({ annotation: a1.id, track: track.id }).save(), (e) => e.response.status === 409);
  // core's AnnotationTrackService: a track holds one annotation per slice (a2 is on a1's slice)...
  await assert.rejects(new c.AnnotationTrack({ annotation: a2.id, track: track.id }).save(),
    (e) => e.response.status === 409 && e.response.data.errors === `AnnotationTrack already exists for slice ${a1.slice} and track Conf-AT`);
  // ...and it does not check that the annotation is on the track's image.
  const other = annotationsOf(images[0])[0];
  const at2 = await new c.AnnotationTrack({ annotation: other.id, track: track.id }).save();
  assert.equal(at2.slice, other.slice);
  const byTrack = await c.AnnotationTrackCollection.fetchAll({ filterKey: 'track', filterValue: track.id });
  assert.deepEqual(byTrack.array.map((x) => x.annotation), [a1.id, other.id]);
  const byAnnotation = await c.AnnotationTrackCollection.fetchAll({ filterKey: 'annotation', filterValue: other.id });
  assert.deepEqual(byAnnotation.array.map((x) => [x.id, x.track]), [[at2.id, track.id]]);
  await assert.rejects(c.AnnotationTrackCollection.fetchAll(), /filter/i, 'NF');

  await c.AnnotationTrack.delete(a1.id, track.id);
  assert.equal(emu.state.get('annotationtrack', at.id), undefined);
  assert.equal(await statusOf(c.AnnotationTrack.fetch(a1.id, track.id)), 404);
  // deleting the track deletes its annotation tracks
  await c.Track.delete(track.id);
  assert.equal(emu.state.get('annotationtrack', at2.id), undefined);
});

test('image-group CRUD on {name, project}, its images (imageInstances, next/previous circular), collections', async () => {
  const g = await new c.ImageGroup({ name: 'Conf-Group', project: panc.id }).save();
  assert.ok(g.id > 0);
  assert.deepEqual([g.name, g.project], ['Conf-Group', panc.id]);
  assert.equal(emu.state.get('imagegroup', g.id).name, 'Conf-Group');

  const links = [];
  for (const image of images.slice(0, 3)) {
    const l = await new c.ImageGroupImageInstance({ group: g.id, image }).save();
    assert.deepEqual([l.group, l.image], [g.id, image]);
    assert.ok(l.id > 0);
    links.push(l);
  }
  assert.ok(emu.requests.some((r) => r.method === 'POST' && r.path === `/api/imagegroup/${g.id}/imageinstance/${images[0]}.json`),
    'save POSTs on imagegroup/{g}/imageinstance/{i}.json');
  assert.deepEqual(emu.state.all('imagegroupimageinstance').filter((x) => x.group === g.id).map((x) => x.image).sort((a, b) => a - b), images.slice(0, 3));
  await assert.rejects(new c.ImageGroupImageInstance({ group: g.id, image: images[0] }).save(), (e) => e.response.status === 409);
  // an image of another project
  const foreign = emu.state.all('imageinstance').find((i) => i.project !== panc.id).id;
  await assert.rejects(new c.ImageGroupImageInstance({ group: g.id, image: foreign }).save(), (e) => e.response.status === 400);

  const fetched = await c.ImageGroup.fetch(g.id);
  assert.equal(fetched.numberOfImages, 3);
  assert.deepEqual(fetched.imageInstances.map((x) => x.id), images.slice(0, 3));
  assert.match(fetched.imageInstances[0].thumb, /\/api\/imageinstance\/\d+\/thumb\.png\?maxSize=256$/);
  fetched.name = 'Conf-Group-Renamed';
  await fetched.update();
  assert.equal(emu.state.get('imagegroup', g.id).name, 'Conf-Group-Renamed');

  const link = await c.ImageGroupImageInstance.fetch(g.id, images[1]);
  assert.deepEqual([link.id, link.group, link.image, link.groupName], [links[1].id, g.id, images[1], 'Conf-Group-Renamed']);
  const next = await link.fetchNext();
  assert.ok(next instanceof c.ImageInstance);
  assert.equal(next.id, images[2]);
  assert.equal((await link.fetchPrevious()).id, images[0]);
  const last = await c.ImageGroupImageInstance.fetch(g.id, images[2]);
  assert.equal((await last.fetchNext()).id, images[0], 'circular by default');
  assert.equal((await last.fetchNext(false)).id, null, 'not circular: nothing after the last image');

  const byGroup = await c.ImageGroupImageInstanceCollection.fetchAll({ filterKey: 'imagegroup', filterValue: g.id });
  assert.deepEqual(byGroup.array.map((x) => x.image), images.slice(0, 3));
  const byImage = await c.ImageGroupImageInstanceCollection.fetchAll({ filterKey: 'imageinstance', filterValue: images[0] });
  assert.deepEqual(byImage.array.map((x) => x.group), [g.id]);
  const groups = await c.ImageGroupCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(groups.array.map((x) => [x.id, x.numberOfImages]), [[g.id, 3]]);

  await c.ImageGroupImageInstance.delete(g.id, images[0]);
  assert.equal(emu.state.get('imagegroupimageinstance', links[0].id), undefined);
  assert.equal(await statusOf(c.ImageGroupImageInstance.fetch(g.id, images[0])), 404);
  await c.ImageGroup.delete(g.id);
  assert.equal(emu.state.get('imagegroup', g.id), undefined);
  assert.equal(emu.state.all('imagegroupimageinstance').some((x) => x.group === g.id), false, 'cascade');
});

test('image-group command responses carry an empty imageInstances (contract §3.16)', async () => {
  const g = await new c.ImageGroup({ name: 'Conf-Group-Cmd', project: panc.id }).save();
  assert.deepEqual(g.imageInstances, []);
  await new c.ImageGroupImageInstance({ group: g.id, image: images[0] }).save();
  const f = await c.ImageGroup.fetch(g.id);
  assert.deepEqual(f.imageInstances.map((x) => x.id), [images[0]], 'filled on GET');
  f.name = 'Conf-Group-Cmd-2';
  await f.update();
  assert.equal(emu.state.get('imagegroup', g.id).name, 'Conf-Group-Cmd-2');
  try {
    assert.deepEqual(f.imageInstances, [], 'empty in the Edit command response');
  } finally {
    await c.ImageGroup.delete(g.id);
  }
});

test('annotation groups and links: save, fetch(annotation, group), collections, merge', async () => {
  const ig = await new c.ImageGroup({ name: 'Conf-AG', project: panc.id }).save();
  const g1 = await new c.AnnotationGroup({ project: panc.id, imageGroup: ig.id, type: 'SAME_OBJECT' }).save();
  const g2 = await new c.AnnotationGroup({ project: panc.id, imageGroup: ig.id, type: 'SAME_OBJECT' }).save();
  assert.deepEqual([g1.project, g1.imageGroup, g1.type], [panc.id, ig.id, 'SAME_OBJECT']);
  assert.equal(emu.state.get('annotationgroup', g1.id).type, 'SAME_OBJECT');
  const [a1, a2] = annotationsOf(images[0]);
  const [b1] = annotationsOf(images[1]);
  const l1 = await new c.AnnotationLink({ annotation: a1.id, group: g1.id }).save();
  assert.deepEqual([l1.annotation, l1.group, l1.image, l1.annotationClassName], [a1.id, g1.id, images[0], 'be.cytomine.domain.ontology.UserAnnotation']);
  await new c.AnnotationLink({ annotation: a2.id, group: g2.id }).save();
  await new c.AnnotationLink({ annotation: b1.id, group: g2.id }).save();
  await new c.AnnotationLink({ annotation: a1.id, group: g2.id }).save(); // also in g1: dropped by the merge
  await assert.rejects(new c.AnnotationLink({ annotation: a1.id, group: g1.id }).save(), (e) => e.response.status === 409);

  const f = await c.AnnotationLink.fetch(a1.id, g1.id);
  assert.deepEqual({ ...f }, { ...l1 });
  assert.throws(() => f.update());
  const byGroup = await c.AnnotationLinkCollection.fetchAll({ filterKey: 'annotationgroup', filterValue: g2.id });
  assert.deepEqual(byGroup.array.map((x) => x.annotation).sort((x, y) => x - y), [a1.id, a2.id, b1.id].sort((x, y) => x - y));
  const byAnnotation = await c.AnnotationLinkCollection.fetchAll({ filterKey: 'annotation', filterValue: a1.id });
  assert.deepEqual(byAnnotation.array.map((x) => x.group), [g1.id, g2.id]);
  const groups = await c.AnnotationGroupCollection.fetchAll({ filterKey: 'imagegroup', filterValue: ig.id });
  assert.deepEqual(groups.array.map((x) => x.id), [g1.id, g2.id]);

  const merged = await g1.merge(g2.id);
  assert.equal(merged, g1);
  assert.equal(g1.id, l1.group);
  assert.equal(emu.state.get('annotationgroup', g2.id), undefined);
  const after = emu.state.all('annotationlink').filter((x) => x.group === g1.id).map((x) => x.annotationIdent).sort((x, y) => x - y);
  assert.deepEqual(after, [a1.id, a2.id, b1.id].sort((x, y) => x - y));
  const inProject = await c.AnnotationGroupCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(inProject.array.map((x) => x.id), [g1.id]);

  await c.AnnotationLink.delete(a2.id, g1.id);
  assert.equal(emu.state.all('annotationlink').some((x) => x.group === g1.id && x.annotationIdent === a2.id), false);
  assert.equal(await statusOf(c.AnnotationLink.fetch(a2.id, g1.id)), 404);
  await c.AnnotationGroup.delete(g1.id);
  assert.equal(emu.state.all('annotationlink').some((x) => x.group === g1.id), false, 'cascade');
  await c.ImageGroup.delete(ig.id);
});

test('project-default-layer: save {user, project}, fetch(id, project) toEqual, update toggles hideByDefault, collection, delete', async () => {
  const layer = await new c.ProjectDefaultLayer({ project: panc.id, user: BOB, hideByDefault: false }).save();
  assert.ok(layer.id > 0);
  assert.deepEqual([layer.project, layer.user, layer.hideByDefault], [panc.id, BOB, false]);
  assert.equal(emu.state.get('projectdefaultlayer', layer.id).user, BOB);
  const f = await c.ProjectDefaultLayer.fetch(layer.id, panc.id);
  assert.deepEqual({ ...f }, { ...layer });
  const g = await new c.ProjectDefaultLayer({ project: panc.id, id: layer.id }).fetch();
  assert.equal(g.user, BOB);
  assert.equal(await statusOf(c.ProjectDefaultLayer.fetch(0, panc.id)), 404);
  f.hideByDefault = true;
  await f.update();
  assert.equal(f.hideByDefault, true);
  assert.equal(emu.state.get('projectdefaultlayer', layer.id).hideByDefault, true);
  await assert.rejects(new c.ProjectDefaultLayer({ project: panc.id, user: BOB }).save(), (e) => e.response.status === 409);
  await assert.rejects(new c.ProjectDefaultLayer({ project: panc.id, user: DAVE }).save(), (e) => e.response.status === 400, 'dave is not a member');

  const l2 = await new c.ProjectDefaultLayer({ project: panc.id, user: ALICE }).save();
  const coll = await c.ProjectDefaultLayerCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(coll.array.map((x) => [x.id, x.user, x.hideByDefault]), [[layer.id, BOB, true], [l2.id, ALICE, false]]);
  assert.ok(coll.array.every((x) => x instanceof c.ProjectDefaultLayer));
  await assert.rejects(c.ProjectDefaultLayerCollection.fetchAll(), /filter/i, 'NF');
  // bob (contributor) cannot change the project's default layers
  await switchUser(emu, 'bob');
  assert.equal(await statusOf(c.ProjectDefaultLayer.delete(l2.id, panc.id)), 403);
  await switchUser(emu, 'alice');

  await c.ProjectDefaultLayer.delete(layer.id, panc.id);
  assert.equal(emu.state.get('projectdefaultlayer', layer.id), undefined);
  assert.equal(await statusOf(c.ProjectDefaultLayer.fetch(layer.id, panc.id)), 404);
});

test('project-representative: save, fetch(id, project) toEqual, delete(id, project), delete(0, project, user), collection', async () => {
  const reps = () => [...emu.state.membersOf(panc.id).representatives].sort((a, b) => a - b);
  const r1 = await new c.ProjectRepresentative({ project: panc.id, user: BOB }).save();
  assert.ok(r1.id > 0);
  assert.deepEqual([r1.project, r1.user], [panc.id, BOB]);
  assert.deepEqual(reps(), [BOB], 'the project\'s representatives follow');
  const f = await c.ProjectRepresentative.fetch(r1.id, panc.id);
  assert.deepEqual({ ...f }, { ...r1 });
  assert.equal(await statusOf(c.ProjectRepresentative.fetch(999999, panc.id)), 404);
  // fetch(0): id 0 is falsy, so the client builds `project/{p}/representative.json?user=null`, which is
  // the list route (client quirk, js-client-api §3 note K); the "model" receives a list envelope.
  const zero = await c.ProjectRepresentative.fetch(0, panc.id);
  assert.deepEqual([zero.id, zero.size, zero.collection.map((x) => x.id)], [0, 1, [r1.id]]);
  assert.throws(() => f.update());
  await assert.rejects(new c.ProjectRepresentative({ project: panc.id, user: BOB }).save(), (e) => e.response.status === 409);

  const r2 = await new c.ProjectRepresentative({ project: panc.id, user: ALICE }).save();
  const coll = await c.ProjectRepresentativeCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(coll.array.map((x) => [x.id, x.user]), [[r1.id, BOB], [r2.id, ALICE]]);
  await assert.rejects(c.ProjectRepresentativeCollection.fetchAll(), /filter/i, 'NF');
  const viaProject = await (await c.Project.fetch(panc.id)).fetchRepresentatives();
  assert.deepEqual(viaProject.array.map((u) => u.id).sort(), [ALICE, BOB]);

  await c.ProjectRepresentative.delete(r1.id, panc.id);
  assert.deepEqual(reps(), [ALICE]);
  assert.equal(await statusOf(c.ProjectRepresentative.fetch(r1.id, panc.id)), 404);
  // re-create, then delete(0, project, user): DELETE project/{p}/representative.json?user={u}
  const r3 = await new c.ProjectRepresentative({ project: panc.id, user: BOB }).save();
  await c.ProjectRepresentative.delete(0, panc.id, BOB);
  assert.ok(emu.requests.some((r) => r.method === 'DELETE' && r.path === `/api/project/${panc.id}/representative.json` && r.query.includes(`user=${BOB}`) && r.status === 200));
  assert.deepEqual(reps(), [ALICE]);
  assert.equal(await statusOf(c.ProjectRepresentative.fetch(r3.id, panc.id)), 404);
  await c.ProjectRepresentative.delete(r2.id, panc.id);
  assert.deepEqual(reps(), []);
});

test('project-connection save {project} (browser from detect-browser), connection history, frequency, average; image consultations', async () => {
  const pc = await new c.ProjectConnection({ project: panc.id }).save();
  assert.ok(pc.id > 0);
  assert.deepEqual([pc.user, pc.project, pc.time, pc.countViewedImages, pc.countCreatedAnnotations], [ALICE, panc.id, null, 0, 0]);
  assert.equal(pc.browser, 'node', 'detect-browser in Node');
  assert.equal(pc.browserVersion, process.versions.node);
  const rec = emu.state.get('userconnection', pc.id);
  assert.deepEqual([rec.user, rec.project, rec.browser, rec.browserVersion, rec.os], [ALICE, panc.id, pc.browser, pc.browserVersion, pc.os]);
  assert.throws(() => pc.fetch());
  assert.throws(() => pc.update());
  assert.throws(() => pc.delete());

  // image consultations: save {image}; it belongs to the last connection of the user in the project
  const ic = await new c.ImageConsultation({ image: images[0] }).save();
  assert.ok(ic.id > 0);
  assert.deepEqual([ic.user, ic.image, ic.project, ic.projectConnection, ic.mode], [ALICE, images[0], panc.id, pc.id, 'view']);
  assert.equal(ic.imageName, emu.state.get('imageinstance', images[0]).instanceFilename || emu.state.get('abstractimage', emu.state.get('imageinstance', images[0]).baseImage).originalFilename);
  assert.equal(emu.state.get('imageconsultation', ic.id).projectConnection, pc.id);
  assert.throws(() => ic.fetch());
  assert.throws(() => ic.update());
  assert.throws(() => ic.delete());
  const ic2 = await new c.ImageConsultation({ image: images[1], mode: 'review' }).save();
  assert.equal(ic2.mode, 'review');
  await new c.ImageConsultation({ image: images[0] }).save();

  const byUser = await c.ImageConsultationCollection.fetchAll({ project: panc.id, user: ALICE });
  assert.equal(byUser.length, 3);
  assert.deepEqual(byUser.array.map((x) => x.image), [images[0], images[1], images[0]], 'newest first');
  assert.ok(byUser.array.every((x) => x instanceof c.ImageConsultation));
  const byConnection = await c.ImageConsultationCollection.fetchAll({ projectConnection: pc.id });
  assert.equal(byConnection.length, 3);
  const resume = await c.ImageConsultationCollection.fetchAll({ resume: true, project: panc.id, user: ALICE });
  assert.deepEqual(resume.array.map((x) => [x.image, x.frequency]).sort((a, b) => a[0] - b[0]), [[images[0], 2], [images[1], 1]]);
  await assert.rejects(c.ImageConsultationCollection.fetchAll(), /./, 'no parameters rejects');
  assert.equal(new c.ImageConsultationCollection({ project: panc.id, user: ALICE }).downloadURL,
    `${emu.url}/api/project/${panc.id}/user/${ALICE}/imageconsultation.json?export=csv&user=${ALICE}&project=${panc.id}`);
  const lastOpened = await c.ImageInstanceCollection.fetchLastOpened({ project: panc.id, user: ALICE, distinctImages: true });
  assert.deepEqual(lastOpened.map((x) => x.image), [images[0], images[1]]);

  // a second connection: the first one gets a time, and its counts
  const pc2 = await new c.ProjectConnection({ project: panc.id }).save();
  const history = await c.ProjectConnectionCollection.fetchAll({ project: panc.id, user: ALICE });
  assert.deepEqual(history.array.map((x) => x.id), [pc2.id, pc.id]);
  const first = history.array[1];
  assert.equal(first.countViewedImages, 2);
  assert.equal(typeof first.time, 'number');
  assert.ok(first.time >= 0);
  // a filterKey/filterValue project is reset by _initProperties: the client's own tests pass {project, user}
  assert.throws(() => new c.ProjectConnectionCollection({ filterKey: 'project', filterValue: panc.id, user: ALICE }).uri, /user and\/or the project/);
  assert.throws(() => new c.ProjectConnectionCollection({ project: panc.id }).uri, /user and\/or the project/, 'NF');
  assert.match(history.downloadURL, new RegExp(`/api/project/${panc.id}/connectionHistory/${ALICE}\\.json\\?export=csv$`));

  const freq = await c.ProjectConnectionCollection.fetchConnectionsFrequency({ project: panc.id, user: ALICE });
  assert.ok(Array.isArray(freq));
  assert.equal(freq.reduce((n, x) => n + x.frequency, 0), 2);
  const freqAll = await c.ProjectConnectionCollection.fetchConnectionsFrequency({ project: panc.id, period: 'day' });
  assert.equal(freqAll.reduce((n, x) => n + x.frequency, 0), 2);
  const avg = await c.ProjectConnectionCollection.fetchAverageConnections({ project: panc.id, beforeThan: Date.now() + 1000 });
  assert.ok(Array.isArray(avg));
  assert.equal(avg.reduce((n, x) => n + x.frequency, 0), 2, 'both connections fall on one day');

  // the project counters the client reads (Project.fetchNbConnections / fetchNbImageConsultations)
  const project = await c.Project.fetch(panc.id);
  assert.equal(await project.fetchNbConnections({}), 2);
  assert.equal(await project.fetchNbImageConsultations({}), 3);
  assert.equal(await project.fetchNbConnections({ startDate: Date.now() + 60_000 }), 0);

  // a non-member cannot record a connection
  await switchUser(emu, 'dave');
  assert.equal(await statusOf(new c.ProjectConnection({ project: panc.id }).save()), 403);
  assert.equal(await statusOf(new c.ImageConsultation({ image: images[0] }).save()), 403);
  await switchUser(emu, 'alice');
});

test('User.fetchResumeActivity is computed from the recorded project connections', async () => {
  const bob = await c.User.fetch(BOB);
  await c.Project.fetch(panc.id); // alice is seen; bob has called nothing but recorded no connection either
  const fresh = await bob.fetchResumeActivity(panc.id);
  assert.equal(fresh.totalAnnotations, annotationsOfUser(BOB));
  await switchUser(emu, 'bob');
  await c.User.fetchCurrent(); // bob makes API calls, but records no project connection
  await switchUser(emu, 'alice');
  const afterCalls = await bob.fetchResumeActivity(panc.id);
  assert.deepEqual([afterCalls.firstConnection, afterCalls.lastConnection, afterCalls.totalConnections], [null, null, 0],
    'no project connection recorded (cytomine-client user.test)');
  const mine = () => emu.state.all('userconnection').filter((x) => x.user === ALICE && x.project === panc.id).sort((a, b) => a.created - b.created);
  while (mine().length < 2) await new c.ProjectConnection({ project: panc.id }).save();
  const conns = mine();
  const me = await c.User.fetch(ALICE);
  const resume = await me.fetchResumeActivity(panc.id);
  assert.equal(resume.totalAnnotations, annotationsOfUser(ALICE));
  assert.equal(resume.totalConnections, conns.length);
  assert.equal(Number(resume.firstConnection), conns[0].created);
  assert.equal(Number(resume.lastConnection), conns.at(-1).created);
});

test('user-position: create on an image and on a slice, fetchLastPosition, collection with and without details', async () => {
  const image = images[3];
  const slice = emu.state.slicesOfImage(image)[0].id;
  const square = { topLeftX: 0, topLeftY: 10, topRightX: 10, topRightY: 10, bottomRightX: 10, bottomRightY: 0, bottomLeftX: 0, bottomLeftY: 0 };
  const p = await c.UserPosition.create({ image, ...square, zoom: 3 });
  assert.ok(p instanceof c.UserPosition);
  assert.deepEqual([p.x, p.y, p.image, p.slice, p.project, p.user, p.zoom, p.broadcast], [5, 5, image, slice, panc.id, ALICE, 3, false]);
  assert.equal(p.location, 'POLYGON ((0 10, 10 10, 10 0, 0 0, 0 10))');
  assert.equal(emu.state.get('userposition', p.id).location, p.location);

  const last = await c.UserPosition.fetchLastPosition(image, ALICE);
  assert.deepEqual([last.id, last.location, last.x, last.y], [p.id, p.location, 5, 5]);
  // with broadcast=true only broadcast positions count
  assert.equal((await c.UserPosition.fetchLastPosition(image, ALICE, true)).id, null);
  const shifted = { topLeftX: 20, topLeftY: 30, topRightX: 30, topRightY: 30, bottomRightX: 30, bottomRightY: 20, bottomLeftX: 20, bottomLeftY: 20 };
  const onSlice = await c.UserPosition.create({ slice, ...shifted, zoom: 4, broadcast: true });
  assert.ok(emu.requests.some((r) => r.method === 'POST' && r.path === `/api/sliceinstance/${slice}/position.json`));
  assert.deepEqual([onSlice.x, onSlice.y, onSlice.image, onSlice.slice, onSlice.broadcast], [25, 25, image, slice, true]);
  assert.equal((await c.UserPosition.fetchLastPosition(image, ALICE, true)).id, onSlice.id);
  await c.UserPosition.create({ image, ...square, zoom: 3 });
  await assert.rejects(c.UserPosition.create({ ...square }), /image or a slice/);
  await assert.rejects(c.UserPosition.fetch(p.id), /cannot be fetched/);

  const detailed = await c.UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image });
  assert.equal(detailed.length, 3);
  assert.ok(detailed.array.every((x) => x instanceof c.UserPosition && typeof x.location === 'string'));
  const aggregated = await c.UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image, showDetails: false });
  assert.equal(aggregated.length, 2, 'two distinct viewports');
  const bySquare = aggregated.array.find((x) => x.zoom === 3);
  assert.equal(bySquare.frequency, 2);
  assert.deepEqual(bySquare.location, [[0, 10], [10, 10], [10, 0], [0, 0], [0, 10]]);
  const ofBob = await c.UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image, user: BOB });
  assert.equal(ofBob.length, 0);
  await assert.rejects(c.UserPositionCollection.fetchAll(), /filter/i, 'NF');
});

/** POST attachedfile.json as multipart, signed like the client (see the attached-file test for why). */
function uploadAttachedFile({ domainClassName, domainIdent, filename, content }) {
  const cr = emu.credentials.find((x) => x.username === 'alice');
  const boundary = 'ConfBoundary7MA4YWxkTrZu0gW';
  const part = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(part('domainClassName', domainClassName) + part('domainIdent', domainIdent) + part('filename', filename)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files[]"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const date = new Date().toUTCString();
  const sig = signRequest(cr.privateKey, { method: 'POST', contentType, date, pathAndQuery: '/api/attachedfile.json' });
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}/api/attachedfile.json`, {
      method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': body.length, Date: date, Authorization: `CYTOMINE ${cr.publicKey}:${sig}` },
    }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('attached-file: the client\'s FormData save cannot run in Node (axios 0.21); upload by hand, then fetch, collection, download, delete with the client', async () => {
  const project = await c.Project.fetch(panc.id);
  // axios 0.21's Node adapter rejects a FormData body before any request ("Data after transformation
  // must be a string..."), and the client's error interceptor then crashes on the missing
  // `error.response` (js-client-api §7.8): a limitation of the client in Node, not of the emulator.
  const af = new c.AttachedFile({ filename: 'notes.txt' }, project);
  af.file = new Blob(['hello']);
  const before = emu.requests.length;
  await assert.rejects(af.save(), (e) => e instanceof TypeError && /reading 'data'/.test(e.message));
  assert.equal(emu.requests.length, before, 'nothing reached the server');
  await assert.rejects(new c.AttachedFile({ filename: 'x' }, project).save(), /file should be provided/);
  assert.equal(new c.AttachedFile({}).uri, 'attachedfile.json', 'not domain-scoped (js-client-api §3 note D)');

  // the same request as the client would send (contract §3.14): the answer is the object itself
  const up = await uploadAttachedFile({ domainClassName: project.class, domainIdent: project.id, filename: 'notes.txt', content: 'hello attached' });
  assert.equal(up.status, 200);
  assert.equal(up.json.command, undefined, 'not a command response');
  const id = up.json.id;
  assert.deepEqual([up.json.domainIdent, up.json.domainClassName, up.json.filename, up.json.url], [panc.id, 'be.cytomine.domain.project.Project', 'notes.txt', `/api/attachedfile/${id}/download`]);
  assert.equal(Buffer.from(emu.state.get('attachedfile', id).data).toString(), 'hello attached');
  await uploadAttachedFile({ domainClassName: project.class, domainIdent: project.id, filename: 'b.txt', content: 'b' });
  await uploadAttachedFile({ domainClassName: project.class, domainIdent: project.id, filename: 'c.txt', content: 'c' });

  const f = await c.AttachedFile.fetch(id);
  assert.deepEqual([f.domainIdent, f.filename, f.url], [panc.id, 'notes.txt', `/api/attachedfile/${id}/download`]);
  const g = await new c.AttachedFile({ id }).fetch();
  assert.equal(g.domainIdent, panc.id);
  assert.throws(() => f.update());
  const coll = await c.AttachedFileCollection.fetchAll({ object: project });
  assert.deepEqual(coll.array.map((x) => x.filename), ['notes.txt', 'b.txt', 'c.txt']);
  await assert.rejects(c.AttachedFileCollection.fetchAll(), /./, 'NF');
  const dl = await c.cytomine.api.get(`attachedfile/${id}/download`, { responseType: 'text' });
  assert.equal(dl.data, 'hello attached');
  assert.equal(dl.headers['content-disposition'], 'attachment; filename=notes.txt');

  await c.AttachedFile.delete(id);
  assert.equal(emu.state.get('attachedfile', id), undefined);
  assert.equal(await statusOf(c.AttachedFile.fetch(id)), 404);
});

test('annotation-comment: save({subject, comment, receivers}, annotation), fetch(id, annotation), collection; update/delete throw', async () => {
  const a = await c.Annotation.fetch(annotationsOf(images[0])[0].id);
  const com = new c.AnnotationComment({ subject: 'Look', comment: 'Please check this', receivers: [BOB] }, a);
  await com.save();
  assert.ok(com.id > 0);
  assert.deepEqual([com.comment, com.sender, com.receivers, com.annotationIdent], ['Please check this', ALICE, [BOB], a.id]);
  assert.ok(emu.requests.some((r) => r.method === 'POST' && r.path === `/api/userannotation/${a.id}/comment.json`));
  const rec = emu.state.get('sharedannotation', com.id);
  assert.deepEqual([rec.comment, rec.sender, rec.receivers, rec.annotationIdent], ['Please check this', ALICE, [BOB], a.id]);
  await assert.rejects(new c.AnnotationComment({ comment: 'x', receivers: [BOB] }).save(), /reference object/);

  const f = await c.AnnotationComment.fetch(com.id, a);
  assert.deepEqual([f.domainIdent, f.comment], [a.id, 'Please check this']);
  const g = await new c.AnnotationComment({ id: com.id }, a).fetch();
  assert.equal(g.comment, 'Please check this');
  assert.throws(() => f.update());
  assert.throws(() => f.delete());
  await new c.AnnotationComment({ comment: 'second', receivers: [BOB, 5] }, a).save();
  await new c.AnnotationComment({ comment: 'third', receivers: [5] }, a).save();
  // newest first (core's SharedAnnotationService.listComments: findAllByAnnotationIdentOrderByCreatedDesc)
  const coll = await c.AnnotationCommentCollection.fetchAll({ annotation: a });
  assert.deepEqual(coll.array.map((x) => x.comment), ['third', 'second', 'Please check this']);
  // core checks no membership of the receivers (SharedAnnotation.buildDomainFromJson keeps any existing user)
  const toDave = await new c.AnnotationComment({ comment: 'x', receivers: [DAVE] }, a).save();
  assert.deepEqual(emu.state.get('sharedannotation', toDave.id).receivers, [DAVE]);
  // bob sees the comments he received only
  await switchUser(emu, 'bob');
  const asBob = await c.AnnotationCommentCollection.fetchAll({ annotation: await c.Annotation.fetch(a.id) });
  assert.deepEqual(asBob.array.map((x) => x.comment), ['second', 'Please check this']);
  await switchUser(emu, 'alice');
});
