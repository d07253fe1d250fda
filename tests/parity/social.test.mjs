// Parity (issue 7): project connections, image consultations and user positions (core's "social"
// domains) against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ProjectConnection, ProjectConnectionCollection, ImageConsultation, ImageConsultationCollection, UserPosition,
  UserPositionCollection, ImageInstanceCollection, UserCollection, Project, CytomineError,
} from '../../js/index.js';
import { startEmulator, connectAs, rejectsWith, sorted, imagesOfProject, projectNamed, userIds } from '../support/integration.mjs';

let server;
let state;
let alice;
let ids;
let panc;
let images;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice'); // the default connection
  ids = userIds(state);
  panc = projectNamed(state, 'PANC-Biopsies');
  images = imagesOfProject(state, panc.id);
});
after(() => server?.close());

const connectionsOf = (uid, pid) => state.all('userconnection').filter((c) => c.user === uid && c.project === pid);

test('ProjectConnection: save (browser info), refused fetch/update/delete; collection, downloadURL, statistics', async () => {
  const connection = await new ProjectConnection({ project: panc.id }).save();
  assert.ok(connection.id > 0);
  const record = state.get('userconnection', connection.id);
  assert.equal(record.user, ids.alice);
  assert.equal(connection.user, ids.alice);
  if (globalThis.navigator?.userAgent) assert.equal(record.browser, /^[^/]+/.exec(navigator.userAgent)[0]);
  await assert.rejects(connection.fetch(), CytomineError);
  await assert.rejects(connection.update(), CytomineError);
  await assert.rejects(connection.delete(), CytomineError);
  await new ProjectConnection({ project: panc.id, os: 'Linux', browser: 'Firefox', browserVersion: '128' }).save();
  const second = connectionsOf(ids.alice, panc.id).at(-1);
  assert.deepEqual([second.os, second.browser, second.browserVersion], ['Linux', 'Firefox', '128']);
  const { ProjectConnection: DaveConnection } = connectAs(server, 'dave').models;
  await rejectsWith(new DaveConnection({ project: panc.id }).save(), 403); // not a member

  const history = await ProjectConnectionCollection.fetchAll({ project: panc.id, user: ids.alice });
  assert.deepEqual(sorted(history.array.map((c) => c.id)), sorted(connectionsOf(ids.alice, panc.id).map((c) => c.id)));
  assert.ok(history.get(0) instanceof ProjectConnection);
  const viaFilter = await new ProjectConnectionCollection({ filterKey: 'project', filterValue: panc.id, user: ids.alice, nbPerPage: 1 }).fetchPage(0);
  assert.equal(viaFilter.length, 1);
  assert.equal(viaFilter.totalNbItems, 2);
  assert.equal(history.uri, `project/${panc.id}/connectionHistory/${ids.alice}.json`);
  assert.ok(history.downloadURL.startsWith(`${server.url}/api/project/${panc.id}/connectionHistory/${ids.alice}.json?export=csv`));
  assert.equal(new ProjectConnectionCollection({ project: panc.id }).downloadURL, null);
  await assert.rejects(new ProjectConnectionCollection({ project: panc.id }).fetchAll(), CytomineError);

  const frequency = await ProjectConnectionCollection.fetchConnectionsFrequency({ project: panc.id, user: ids.alice });
  assert.ok(Array.isArray(frequency));
  assert.equal(frequency.reduce((n, x) => n + x.frequency, 0), 2);
  const all = await ProjectConnectionCollection.fetchConnectionsFrequency({ period: 'day' });
  assert.equal(all.reduce((n, x) => n + x.frequency, 0), 2);
  const average = await ProjectConnectionCollection.fetchAverageConnections({ project: panc.id, beforeThan: Date.now() + 1000 });
  assert.ok(Array.isArray(average));
  assert.equal(average.reduce((n, x) => n + x.frequency, 0), 2); // both today
  assert.equal(await (await Project.fetch(panc.id)).fetchNbConnections({}), 2);
});

test('ImageConsultation: save (mode view), refused fetch/update/delete; collection by user/project, resume, connection; fetchLastOpened', async () => {
  const connection = await new ProjectConnection({ project: panc.id }).save();
  const [i1, i2] = images;
  const c1 = await new ImageConsultation({ image: i1.id }).save();
  assert.equal(c1.mode, 'view');
  assert.equal(c1.projectConnection, connection.id);
  assert.equal(state.get('imageconsultation', c1.id).image, i1.id);
  await assert.rejects(c1.fetch(), CytomineError);
  await assert.rejects(c1.update(), CytomineError);
  await assert.rejects(c1.delete(), CytomineError);
  await new ImageConsultation({ image: i2.id, mode: 'review' }).save();
  await new ImageConsultation({ image: i1.id }).save();
  assert.deepEqual(state.all('imageconsultation').filter((c) => c.user === ids.alice).map((c) => c.mode), ['view', 'review', 'view']);

  const list = await ImageConsultationCollection.fetchAll({ user: ids.alice, project: panc.id });
  assert.equal(list.length, 3);
  assert.ok(list.get(0) instanceof ImageConsultation);
  assert.equal(list.uri, `project/${panc.id}/user/${ids.alice}/imageconsultation.json`);
  assert.equal(list.downloadURL, `${server.url}/api/project/${panc.id}/user/${ids.alice}/imageconsultation.json?export=csv&user=${ids.alice}&project=${panc.id}`);
  const resume = await ImageConsultationCollection.fetchAll({ resume: true, user: ids.alice, project: panc.id });
  assert.deepEqual(resume.array.map((x) => [x.image, x.frequency]).sort(), [[i1.id, 2], [i2.id, 1]].sort());
  const ofConnection = await ImageConsultationCollection.fetchAll({ projectConnection: connection.id });
  assert.equal(ofConnection.length, 3);
  await assert.rejects(new ImageConsultationCollection().fetchAll(), CytomineError);
  assert.equal(await (await Project.fetch(panc.id)).fetchNbImageConsultations({}), 3);

  const lastOpened = await ImageInstanceCollection.fetchLastOpened({ max: 5 });
  assert.deepEqual(lastOpened.map((x) => x.id), [i1.id, i2.id]);
  const ofProject = await ImageInstanceCollection.fetchLastOpened({ project: panc.id, user: ids.alice });
  assert.deepEqual(ofProject.map((x) => x.image), [i1.id, i2.id]); // distinct images, newest first
});

test('UserPosition: create, fetchLastPosition, refused CRUD; collection with showDetails; UserCollection.fetchFollowers', async () => {
  const image = images[0];
  const square = { topLeftX: 0, topLeftY: 10, topRightX: 10, topRightY: 10, bottomRightX: 10, bottomRightY: 0, bottomLeftX: 0, bottomLeftY: 0 };
  const position = await UserPosition.create({ image: image.id, ...square, zoom: 3, broadcast: true });
  assert.ok(position instanceof UserPosition);
  assert.equal(position.x, 5);
  assert.equal(position.y, 5);
  assert.match(position.location, /^POLYGON/);
  assert.equal(state.get('userposition', position.id).user, ids.alice);
  const last = await UserPosition.fetchLastPosition(image.id, ids.alice);
  assert.equal(last.location, position.location);
  assert.equal(last.id, position.id);
  await UserPosition.create({ image: image.id, ...square, zoom: 3 });
  const slice = state.slicesOfImage(image.id)[0];
  const onSlice = await UserPosition.create({ slice: slice.id, ...square, topRightX: 20, bottomRightX: 20 });
  assert.equal(onSlice.slice, slice.id);
  assert.equal(onSlice.x, 10);
  assert.equal((await UserPosition.fetchLastPosition(image.id, ids.alice, true)).id, position.id); // the last broadcast one
  await assert.rejects(UserPosition.create({ ...square }), CytomineError);
  await assert.rejects(position.save(), /create/);
  await assert.rejects(position.fetch(), CytomineError);
  await assert.rejects(position.update(), CytomineError);
  await assert.rejects(position.delete(), CytomineError);

  const bob = connectAs(server, 'bob');
  await bob.models.UserPosition.create({ image: image.id, ...square });
  const positions = await UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image.id });
  assert.equal(positions.length, 4);
  const mine = await UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image.id, user: ids.alice });
  assert.equal(mine.length, 3);
  const aggregated = await UserPositionCollection.fetchAll({ filterKey: 'imageinstance', filterValue: image.id, user: ids.alice, showDetails: false });
  assert.deepEqual(aggregated.array.map((x) => x.frequency).sort(), [1, 2]);
  assert.ok(Array.isArray(aggregated.get(0).location));
  await assert.rejects(new UserPositionCollection().fetchAll(), CytomineError);
  assert.equal(new UserPositionCollection({ filterKey: 'imageinstance', filterValue: 9 }).uri, 'imageinstance/9/positions.json');

  const followers = await UserCollection.fetchFollowers(ids.alice, image.id);
  assert.deepEqual(followers.map((x) => x.id), [ids.bob]);
  assert.deepEqual(await UserCollection.fetchFollowers(ids.bob, image.id), []); // bob does not broadcast
});
