// Projects against the emulator: CRUD, errors, collections with filters and paging, members
// and the extra calls, each checked against the emulator's state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Project, ProjectCollection, UserCollection, User } from '../../js/index.js';
import {
  startEmulator, userOf, connectAs, rejectsWith, idsOf, sorted, memberIds, projectsOfUser, uniqueName, recordFetch,
} from '../support/integration.mjs';

let server;
let state;
let alice; // default connection
let aliceId;
let histology;

const byName = (name) => state.all('project').find((p) => p.name === name);
/** Newest first, ties by id desc: the default order of project lists (sort=created, order=desc). */
const createdDesc = (a, b) => Number(b.created) - Number(a.created) || b.id - a.id;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice');
  aliceId = userOf(server, 'alice').id;
  histology = state.all('ontology').find((o) => o.name === 'Histology');
});
after(() => server?.close());

test('CRUD: save echoes, fetch, update persists, delete then fetch is a 404', async () => {
  const name = uniqueName('crud');
  const project = new Project({ name, ontology: histology.id, blindMode: true });
  assert.ok(project.isNew());
  await project.save();
  assert.ok(project.id > 0);
  assert.equal(project.name, name);
  assert.equal(project.ontology, histology.id);
  assert.equal(project.ontologyName, 'Histology');
  assert.equal(project.blindMode, true);
  assert.equal(project.class, 'be.cytomine.domain.project.Project');
  const stored = state.get('project', project.id);
  assert.equal(stored.name, name);
  assert.equal(stored.creator, aliceId);
  assert.ok(state.membersOf(project.id).managers.has(aliceId), 'the creator manages the project');
  assert.equal(alice.lastCommand, server.commands.history.at(-1).id);

  const fetched = await Project.fetch(project.id);
  assert.deepEqual({ ...fetched }, { ...project });

  // update changes one field; the whole model is sent (core's PUT replaces everything)
  const recorder = recordFetch();
  try {
    fetched.name = `${name}-renamed`;
    await fetched.update();
  } finally {
    recorder.restore();
  }
  const [put] = recorder.calls;
  assert.equal(put.method, 'PUT');
  assert.equal(put.url, `${server.url}/api/project/${project.id}.json`);
  for (const key of ['id', 'name', 'ontology', 'blindMode', 'isClosed', 'areImagesDownloadable', 'hideUsersLayers', 'class', 'created']) {
    assert.ok(key in put.body, `PUT body has ${key}`);
  }
  assert.equal(put.body.name, `${name}-renamed`);
  assert.equal(fetched.name, `${name}-renamed`);
  assert.ok(fetched.updated !== null);
  const after = state.get('project', project.id);
  assert.equal(after.name, `${name}-renamed`);
  assert.equal(after.ontology, histology.id, 'ontology kept');
  assert.equal(after.blindMode, true, 'blindMode kept');
  assert.equal((await Project.fetch(project.id)).name, `${name}-renamed`);

  // save() on an existing model is an update too
  fetched.blindMode = false;
  await fetched.save();
  assert.equal(state.get('project', project.id).blindMode, false);

  await fetched.delete();
  assert.equal(state.get('project', project.id), undefined);
  await rejectsWith(Project.fetch(project.id), 404, `Project not found with filters : {id=${project.id}}`);
  await rejectsWith(Project.delete(project.id), 404, `class be.cytomine.domain.project.Project ${project.id} not found`);
});

test('a duplicate name is a 409 with the server message', async () => {
  const existing = byName('PANC-Biopsies');
  const e = await rejectsWith(new Project({ name: existing.name }).save(), 409, `Project ${existing.name} already exist!`);
  assert.equal(e.method, 'POST');
  assert.equal(e.mayHaveReachedServer, true);
  assert.equal(state.all('project').filter((p) => p.name === existing.name).length, 1);
});

test('fetchAll gives exactly the projects alice is a member of, newest first', async () => {
  const projects = await ProjectCollection.fetchAll();
  const expected = projectsOfUser(state, aliceId).sort(createdDesc);
  assert.deepEqual(idsOf(projects), idsOf(expected));
  assert.equal(projects.totalNbItems, expected.length);
  for (const p of projects) {
    assert.ok(p instanceof Project);
    const s = state.get('project', p.id);
    assert.equal(p.name, s.name);
    assert.equal(p.numberOfImages, state.imagesOfProject(p.id).length);
    assert.equal(p.numberOfAnnotations, state.all('annotation').filter((a) => a.project === p.id).length);
  }
});

test('paging with nbPerPage: fetchPage, fetchNextPage, fetchPreviousPage', async () => {
  const expected = idsOf(projectsOfUser(state, aliceId).sort(createdDesc));
  assert.ok(expected.length > 4);
  const per = 4;
  const pages = new ProjectCollection({ nbPerPage: per });
  await pages.fetchPage(0);
  assert.equal(pages.length, per);
  assert.equal(pages.totalNbItems, expected.length);
  assert.equal(pages.nbPages, Math.ceil(expected.length / per));
  assert.deepEqual(idsOf(pages), expected.slice(0, per));
  await pages.fetchNextPage();
  assert.equal(pages.curPage, 1);
  assert.equal(pages.length, expected.length - per);
  assert.deepEqual(idsOf(pages), expected.slice(per));
  await pages.fetchPreviousPage();
  assert.equal(pages.curPage, 0);
  assert.deepEqual(idsOf(pages), expected.slice(0, per));
  // out of bounds: refused, current page kept
  await assert.rejects(pages.fetchPage(pages.nbPages), (e) => e.kind === 'invalid-argument');
  assert.equal(pages.curPage, 0);
  // fetchAll with a page size gives the same as one request
  const all = await ProjectCollection.fetchAll({ nbPerPage: 2 });
  assert.deepEqual(idsOf(all), expected);
});

test('filters user and ontology', async () => {
  const bobId = userOf(server, 'bob').id;
  const ofBob = await ProjectCollection.fetchAll({ filterKey: 'user', filterValue: bobId });
  // bob's projects that alice may read
  const expectedBob = state.all('project').filter((p) => state.membersOf(p.id).contributors.has(bobId) && memberIds(state, p.id).has(aliceId));
  assert.deepEqual(sorted(idsOf(ofBob)), sorted(idsOf(expectedBob)));
  assert.ok(ofBob.length > 0);

  const ofHistology = await ProjectCollection.fetchAll({ filterKey: 'ontology', filterValue: histology.id });
  const expectedOnt = state.all('project').filter((p) => p.ontology === histology.id && memberIds(state, p.id).has(aliceId));
  assert.deepEqual(idsOf(ofHistology), idsOf(expectedOnt).sort((a, b) => b - a));
  assert.ok(ofHistology.length >= 3);
  for (const p of ofHistology) assert.equal(p.ontology, histology.id);
});

// cytomine-client lists `user/{id}/project/light.json` (items {id, name}) when the user filter and
// `light` are both set (js-client-api.md §f; tests/conformance/projects.test.mjs checks it).
test('filter user with light: true gives {id, name} items, sorted by name', async () => {
  const light = await ProjectCollection.fetchAll({ filterKey: 'user', filterValue: aliceId, light: true });
  const last = server.requests.at(-1);
  assert.equal(last.path, `/api/user/${aliceId}/project/light.json`);
  const expected = projectsOfUser(state, aliceId).sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(idsOf(light), idsOf(expected));
  for (const p of light) {
    assert.ok(p instanceof Project);
    assert.deepEqual(Object.keys(p).filter((k) => p[k] !== null).sort(), ['id', 'name']);
    assert.equal(p.name, state.get('project', p.id).name);
  }
  const c = new ProjectCollection({ light: true });
  c.setFilter('user', aliceId);
  assert.equal(c.uri, `user/${aliceId}/project/light.json`);
  // admin: only the projects the user manages
  const managed = await ProjectCollection.fetchAll({ filterKey: 'user', filterValue: aliceId, light: true, admin: true });
  assert.deepEqual(sorted(idsOf(managed)), sorted(idsOf(state.all('project').filter((p) => state.membersOf(p.id).managers.has(aliceId)))));
  // without the user filter, light is only a parameter of project.json
  await ProjectCollection.fetchAll({ light: true });
  assert.equal(server.requests.at(-1).path, '/api/project.json');
});

test('prop name ilike and withMembersCount', async () => {
  const startsWithP = await ProjectCollection.fetchAll({ name: { ilike: 'p*' }, withMembersCount: true });
  const expected = projectsOfUser(state, aliceId).filter((p) => /^p/i.test(p.name)).sort(createdDesc);
  assert.ok(expected.length >= 3 && expected.length < projectsOfUser(state, aliceId).length);
  assert.deepEqual(idsOf(startsWithP), idsOf(expected));
  for (const p of startsWithP) assert.equal(p.membersCount, memberIds(state, p.id).size, p.name);
  // a pattern matching nothing
  assert.equal((await ProjectCollection.fetchAll({ name: { ilike: 'zzz-nothing*' } })).length, 0);
});

test('names with spaces, reserved characters and non-ASCII letters survive signing and filters', async () => {
  const tag = uniqueName('x');
  const names = [`Épreuve ünïcode ${tag}`, `A&B = C+D ? 50% #1 ${tag}`, `slash/back\\quote" ${tag}`];
  const created = [];
  for (const name of names) {
    const p = await new Project({ name }).save();
    created.push(p);
    assert.equal(p.name, name);
    assert.equal(state.get('project', p.id).name, name);
    assert.equal((await Project.fetch(p.id)).name, name);
  }
  const found = await ProjectCollection.fetchAll({ name: { ilike: `*${tag}` } });
  assert.deepEqual(sorted(idsOf(found)), sorted(idsOf(created)));
  const accented = await ProjectCollection.fetchAll({ name: { ilike: 'épreuve ÜNÏCODE*' } });
  assert.deepEqual(idsOf(accented), [created[0].id]);
  const reserved = await ProjectCollection.fetchAll({ name: { ilike: `a&b = c+d ? 50% #1 ${tag}` } });
  assert.deepEqual(idsOf(reserved), [created[1].id]);
  for (const p of created) await p.delete();
});

test('fetchUsers, fetchAdministrators, fetchCreator', async () => {
  const panc = byName('PANC-Biopsies');
  const project = await Project.fetch(panc.id);
  const users = await project.fetchUsers();
  assert.ok(users instanceof UserCollection);
  assert.deepEqual(sorted(idsOf(users)), sorted(memberIds(state, panc.id)));
  const managers = state.membersOf(panc.id).managers;
  for (const u of users) {
    assert.ok(u instanceof User);
    assert.equal(u.username, state.get('user', u.id).username);
    assert.equal(u.role, managers.has(u.id) ? 'manager' : 'contributor');
  }
  const admins = await project.fetchAdministrators();
  assert.ok(admins instanceof UserCollection);
  assert.deepEqual(sorted(idsOf(admins)), sorted(managers));
  const creator = await project.fetchCreator();
  assert.ok(creator instanceof User);
  assert.equal(creator.id, panc.creator);
  assert.equal(creator.username, state.get('user', panc.creator).username);
});

test('fetchConnectedUsers, fetchUsersActivity, fetchUserLayers, fetchRepresentatives', async () => {
  const panc = byName('PANC-Biopsies');
  const project = await Project.fetch(panc.id);
  await connectAs(server, 'carol').models.User.fetchCurrent(); // carol is online now
  const online = await project.fetchConnectedUsers();
  assert.ok(Array.isArray(online));
  const seen = new Set(server.requests.filter((r) => r.user).map((r) => userOf(server, r.user).id));
  assert.deepEqual(sorted(online.map((u) => u.id)), sorted([...memberIds(state, panc.id)].filter((id) => seen.has(id))));
  assert.ok(online.some((u) => u.id === userOf(server, 'carol').id));
  assert.ok(!online.some((u) => u.id === userOf(server, 'guest').id), 'guest never connected');

  const activity = await project.fetchUsersActivity();
  assert.ok(activity instanceof UserCollection);
  assert.deepEqual(sorted(idsOf(activity)), sorted(memberIds(state, panc.id)));
  assert.ok(typeof activity.array.find((u) => u.id === aliceId).lastConnection === 'number');
  const layers = await project.fetchUserLayers();
  assert.deepEqual(sorted(idsOf(layers)), sorted(memberIds(state, panc.id)));
  const representatives = await project.fetchRepresentatives();
  assert.ok(representatives instanceof UserCollection);
  assert.deepEqual(idsOf(representatives), sorted(state.membersOf(panc.id).representatives));
});

test('addUser, deleteUser, addUsers, deleteUsers, addAdmin, deleteAdmin', async () => {
  const project = await new Project({ name: uniqueName('members') }).save();
  const [bob, carol, dave] = ['bob', 'carol', 'dave'].map((n) => userOf(server, n).id);
  const count = () => memberIds(state, project.id).size;
  const adminCount = () => state.membersOf(project.id).managers.size;
  const n0 = count();
  assert.equal(n0, 1);

  assert.equal(await project.addUser(dave), undefined);
  assert.equal(count(), n0 + 1);
  assert.ok(memberIds(state, project.id).has(dave));
  assert.equal((await project.fetchUsers()).length, n0 + 1);
  await project.deleteUser(dave);
  assert.equal(count(), n0);
  assert.ok(!memberIds(state, project.id).has(dave));

  await project.addUsers([dave]);
  assert.equal(count(), n0 + 1);
  await project.addUsers([bob, carol]);
  assert.equal(count(), n0 + 3);
  assert.deepEqual(sorted(idsOf(await project.fetchUsers())), sorted([aliceId, bob, carol, dave]));
  await project.deleteUsers([dave]);
  assert.equal(count(), n0 + 2);
  await project.deleteUsers([bob, carol]);
  assert.equal(count(), n0);

  await project.addUser(bob);
  const a0 = adminCount();
  await project.addAdmin(bob);
  assert.equal(adminCount(), a0 + 1);
  assert.ok(state.membersOf(project.id).managers.has(bob));
  assert.deepEqual(sorted(idsOf(await project.fetchAdministrators())), sorted([aliceId, bob]));
  await project.deleteAdmin(bob);
  assert.equal(adminCount(), a0);
  assert.ok(memberIds(state, project.id).has(bob), 'still a contributor');

  // a contributor may not manage members
  const asBob = await connectAs(server, 'bob').models.Project.fetch(project.id);
  await rejectsWith(asBob.addUser(dave), 403);
  assert.ok(!memberIds(state, project.id).has(dave));
  await project.delete();
});

test('fetchCommandHistory and fetchNbAnnotations', async () => {
  const project = await new Project({ name: uniqueName('history') }).save();
  project.name = `${project.name}-2`;
  await project.update();
  const history = await project.fetchCommandHistory({ max: 10 });
  assert.ok(Array.isArray(history));
  const expected = server.commands.history.filter((h) => h.project === project.id).reverse();
  assert.deepEqual(history.map((h) => h.id), expected.map((h) => h.id));
  assert.equal(history.length, 2);
  assert.deepEqual(history.map((h) => h.prefixAction), ['EDIT', 'ADD']);
  assert.equal(history[0].user, aliceId);
  assert.equal((await project.fetchCommandHistory({ max: 1 })).length, 1);
  await project.delete();

  const panc = await Project.fetch(byName('PANC-Biopsies').id);
  const anns = state.all('annotation').filter((a) => a.project === panc.id);
  assert.equal(await panc.fetchNbAnnotations(), anns.length);
  const times = anns.map((a) => a.created).sort((a, b) => a - b);
  const startDate = times[Math.floor(times.length / 4)];
  const endDate = times[Math.floor(times.length / 2)];
  const between = anns.filter((a) => a.created >= startDate && a.created <= endDate).length;
  assert.equal(await panc.fetchNbAnnotations({ startDate, endDate }), between);
  assert.ok(between > 0 && between < anns.length);
});

test('ProjectCollection.fetchLastOpened and fetchBounds', async () => {
  const mine = projectsOfUser(state, aliceId);
  const activity = (p) => {
    const times = state.all('annotation').filter((a) => a.project === p.id).map((a) => a.created);
    return Math.max(p.updated ?? p.created, ...times);
  };
  const last = await ProjectCollection.fetchLastOpened();
  assert.ok(Array.isArray(last));
  assert.deepEqual(last.map((x) => x.id), mine.sort((a, b) => activity(b) - activity(a)).map((p) => p.id));
  assert.equal((await ProjectCollection.fetchLastOpened(2)).length, 2);

  const bounds = await ProjectCollection.fetchBounds({ withMembersCount: true });
  const range = (values) => ({ min: Math.min(...values), max: Math.max(...values) });
  assert.deepEqual(bounds.numberOfImages, range(mine.map((p) => state.imagesOfProject(p.id).length)));
  assert.deepEqual(bounds.numberOfAnnotations, range(mine.map((p) => state.all('annotation').filter((a) => a.project === p.id).length)));
  assert.deepEqual(bounds.members, range(mine.map((p) => memberIds(state, p.id).size)));
  assert.deepEqual(bounds.created, range(mine.map((p) => p.created)));
  // withMembersCount defaults to true, as in cytomine-client
  assert.deepEqual((await ProjectCollection.fetchBounds()).members, bounds.members);
  assert.equal((await ProjectCollection.fetchBounds({ withMembersCount: false })).members, undefined);
});

test('a non-member gets 403; nobody sees projects they are not in', async () => {
  const skin = byName('Skin-Melanoma');
  assert.ok(!memberIds(state, skin.id).has(aliceId));
  await rejectsWith(Project.fetch(skin.id), 403, "You don't have the right to read or modify this resource! You must be in the project or admin.");
  const p = new Project({ id: skin.id });
  await rejectsWith(p.fetchUsers(), 403);
  const carols = await ProjectCollection.fetchAll({ filterKey: 'user', filterValue: userOf(server, 'carol').id });
  assert.ok(carols.length > 0 && !idsOf(carols).includes(skin.id), "carol's projects as alice sees them");
  await rejectsWith(Project.delete(skin.id), 403);
  assert.ok(state.get('project', skin.id), 'still there');
  const dave = connectAs(server, 'dave');
  assert.equal((await dave.models.ProjectCollection.fetchAll()).length, 0);
  await rejectsWith(dave.models.Project.fetch(skin.id), 403);
});
