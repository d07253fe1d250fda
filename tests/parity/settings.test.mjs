// Parity (issue 7): user roles, configuration, image filters, tasks, project default layers and
// representatives against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  UserRole, UserRoleCollection, Configuration, ConfigurationCollection, ImageFilter, ImageFilterCollection, ImageFilterProject,
  ImageFilterProjectCollection, Task, ProjectDefaultLayer, ProjectDefaultLayerCollection, ProjectRepresentative,
  ProjectRepresentativeCollection, CytomineError,
} from '../../js/index.js';
import { startEmulator, connectAs, rejectsWith, sorted, projectNamed, userIds } from '../support/integration.mjs';
import { TODAY } from '../support/integration.mjs';

let server;
let state;
let admin;
let alice;
let ids;
let panc;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice'); // the default connection; manager of PANC-Biopsies
  admin = connectAs(server, 'admin');
  ids = userIds(state);
  panc = projectNamed(state, 'PANC-Biopsies');
});
after(() => server?.close());

test('UserRole: save, fetch(user, role), delete(user, role), collection by user', async () => {
  const { UserRole: UR, UserRoleCollection: URC, RoleCollection } = admin.models;
  const adminRole = (await RoleCollection.fetchAll()).array.find((r) => r.authority === 'ROLE_ADMIN');
  const before = await URC.fetchAll({ filterKey: 'user', filterValue: ids.dave });
  assert.deepEqual(before.array.map((x) => x.authority), ['ROLE_USER']);
  // alice is no admin (on today's core the emulator lets the repository's user-role POST through
  // unchecked, which is not asserted here)
  if (!TODAY) await rejectsWith(new UserRole({ user: ids.dave, role: adminRole.id }).save(), 403);

  const granted = await new UR({ user: ids.dave, role: adminRole.id }).save();
  assert.equal(granted.authority, 'ROLE_ADMIN');
  assert.deepEqual(state.get('user', ids.dave).roles, ['ROLE_USER', 'ROLE_ADMIN']);
  assert.ok(state.get('secusersecrole', granted.id));
  assert.deepEqual(await UR.fetch(ids.dave, adminRole.id), granted);
  assert.deepEqual(await new UR({ user: ids.dave, role: adminRole.id }).fetch(), granted);
  await assert.rejects(UR.fetch(0), CytomineError);
  await assert.rejects(granted.update(), CytomineError);
  const after = await URC.fetchAll({ filterKey: 'user', filterValue: ids.dave });
  assert.deepEqual(after.array.map((x) => x.authority), ['ROLE_USER', 'ROLE_ADMIN']);
  await assert.rejects(new UserRoleCollection().fetchAll(), CytomineError);
  assert.equal(new UserRoleCollection({ filterKey: 'user', filterValue: 4 }).uri, 'user/4/role.json');

  await UR.delete(ids.dave, adminRole.id);
  assert.deepEqual(state.get('user', ids.dave).roles, ['ROLE_USER']);
  await rejectsWith(UR.fetch(ids.dave, adminRole.id), 404);
});

test('Configuration: save (always PUT configuration/key/{key}.json), fetch(key), delete(key), collection', async () => {
  const { Configuration: C, ConfigurationCollection: CC } = admin.models;
  const welcome = await new C({ key: 'WELCOME', value: 'Hello', readingRole: 'ALL' }).save();
  assert.equal(server.requests.at(-1).method, 'PUT');
  assert.equal(server.requests.at(-1).path, '/api/configuration/key/WELCOME.json');
  const record = state.all('configuration').find((x) => x.key === 'WELCOME');
  assert.equal(record.value, 'Hello');
  assert.equal(welcome.id, record.id);
  assert.equal(String(welcome), `[configuration] ${record.id}: WELCOME`);
  assert.deepEqual(await C.fetch('WELCOME'), welcome);
  assert.deepEqual(await new C({ key: 'WELCOME' }).fetch(), welcome);
  welcome.value = 'Welcome!';
  await welcome.save();
  assert.equal(state.get('configuration', record.id).value, 'Welcome!');
  assert.equal(admin.lastCommand, server.commands.history.at(-1).id);
  await new C({ key: 'SECRET', value: 'x', readingRole: 'ADMIN' }).save();
  await new C({ key: 'with space', value: 'y', readingRole: 'ALL' }).save();
  assert.equal((await C.fetch('with space')).value, 'y');
  await rejectsWith(C.fetch('UNKNOWN'), 404);
  await rejectsWith(new Configuration({ key: 'X', value: 'x' }).save(), 403);

  const all = await CC.fetchAll();
  assert.deepEqual(all.array.map((c) => c.key).sort(), ['SECRET', 'WELCOME', 'with space']);
  const visible = await ConfigurationCollection.fetchAll(); // alice
  assert.deepEqual(visible.array.map((c) => c.key).sort(), ['WELCOME', 'with space']);
  await rejectsWith(Configuration.fetch('SECRET'), 403);

  await C.delete('WELCOME');
  assert.equal(state.all('configuration').some((x) => x.key === 'WELCOME'), false);
  await rejectsWith(C.fetch('WELCOME'), 404);
});

test('ImageFilter and ImageFilterProject: save, fetch, refused update/fetch, collections, delete', async () => {
  const { ImageFilter: IF, ImageFilterCollection: IFC } = admin.models;
  const filter = await new IF({ name: 'Binary', baseUrl: '/vision/binary' }).save();
  assert.equal(state.get('imagefilter', filter.id).baseUrl, '/vision/binary');
  assert.deepEqual({ ...(await ImageFilter.fetch(filter.id)) }, { ...filter }); // read by any user
  await assert.rejects(filter.update(), CytomineError);
  await rejectsWith(new ImageFilter({ name: 'Other', baseUrl: '/x' }).save(), 403);
  assert.deepEqual((await IFC.fetchAll()).array.map((f) => f.id), [filter.id]);
  assert.deepEqual((await ImageFilterCollection.fetchAll()).array.map((f) => f.name), ['Binary']);

  const used = await new ImageFilterProject({ imageFilter: filter.id, project: panc.id }).save();
  assert.equal(used.name, 'Binary');
  assert.equal(state.get('imagefilterproject', used.id).project, panc.id);
  await assert.rejects(used.fetch(), CytomineError);
  await assert.rejects(used.update(), CytomineError);
  const inProject = await ImageFilterProjectCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(inProject.array.map((x) => x.imageFilter), [filter.id]);
  assert.deepEqual((await ImageFilterProjectCollection.fetchAll()).array.map((x) => x.id), [used.id]);
  await rejectsWith(connectAs(server, 'bob').models.ImageFilterProject.delete(used.id), 403); // bob: contributor
  await used.delete();
  assert.equal(state.get('imagefilterproject', used.id), undefined);
  await filter.delete();
  assert.equal(state.get('imagefilter', filter.id), undefined);
});

test('Task: save, fetch; update and delete refused', async () => {
  const task = await new Task({ project: panc.id }).save();
  assert.ok(task.id > 0);
  assert.equal(state.get('task', task.id).user, ids.alice);
  assert.equal(task.progress, 0);
  assert.deepEqual(await Task.fetch(task.id), task);
  assert.deepEqual(await new Task({ id: task.id }).fetch(), task);
  await assert.rejects(task.update(), CytomineError);
  await assert.rejects(task.delete(), CytomineError);
  await rejectsWith(connectAs(server, 'dave').models.Task.fetch(task.id), 403);
});

test('ProjectDefaultLayer: save, fetch(id, project), update, delete(id, project), collection', async () => {
  const layer = await new ProjectDefaultLayer({ project: panc.id, user: ids.bob, hideByDefault: false }).save();
  assert.equal(state.get('projectdefaultlayer', layer.id).user, ids.bob);
  assert.deepEqual(await ProjectDefaultLayer.fetch(layer.id, panc.id), layer);
  assert.deepEqual(await new ProjectDefaultLayer({ project: panc.id, id: layer.id }).fetch(), layer);
  await assert.rejects(ProjectDefaultLayer.fetch(0), CytomineError);
  layer.hideByDefault = true;
  await layer.update();
  assert.equal(state.get('projectdefaultlayer', layer.id).hideByDefault, true);
  await rejectsWith(new ProjectDefaultLayer({ project: panc.id, user: ids.dave }).save(), 400); // not a member
  const list = await ProjectDefaultLayerCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(list.array.map((x) => [x.user, x.hideByDefault]), [[ids.bob, true]]);
  assert.equal(list.uri, `project/${panc.id}/defaultlayer.json`);
  await assert.rejects(new ProjectDefaultLayerCollection().fetchAll(), CytomineError);
  await ProjectDefaultLayer.delete(layer.id, panc.id);
  assert.equal(state.get('projectdefaultlayer', layer.id), undefined);
  await rejectsWith(ProjectDefaultLayer.fetch(layer.id, panc.id), 404);
});

test('ProjectRepresentative: save, fetch(id, project), delete(id, project), delete(0, project, user), collection', async () => {
  const representatives = () => sorted(state.membersOf(panc.id).representatives);
  const initial = representatives();
  const rep = await new ProjectRepresentative({ project: panc.id, user: ids.bob }).save();
  assert.deepEqual(representatives(), sorted([...initial, ids.bob]));
  assert.deepEqual(await ProjectRepresentative.fetch(rep.id, panc.id), rep);
  assert.deepEqual(await new ProjectRepresentative({ id: rep.id, project: panc.id }).fetch(), rep);
  await assert.rejects(ProjectRepresentative.fetch(0), CytomineError);
  await assert.rejects(rep.update(), CytomineError);
  const list = await ProjectRepresentativeCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(sorted(list.array.map((x) => x.user)), representatives());
  assert.equal(list.uri, `project/${panc.id}/representative.json`);
  await assert.rejects(new ProjectRepresentativeCollection().fetchAll(), CytomineError);

  await ProjectRepresentative.delete(rep.id, panc.id);
  assert.deepEqual(representatives(), initial);
  await rejectsWith(ProjectRepresentative.fetch(rep.id, panc.id), 404);
  const again = await new ProjectRepresentative({ project: panc.id, user: ids.bob }).save();
  await ProjectRepresentative.delete(0, panc.id, ids.bob);
  assert.equal(server.requests.at(-1).path, `/api/project/${panc.id}/representative.json`);
  assert.deepEqual(representatives(), initial);
  await rejectsWith(ProjectRepresentative.fetch(again.id, panc.id), 404);
});
