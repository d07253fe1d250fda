// Conformance: the real cytomine-client 3.1.0 against the emulator, for projects and members.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf, switchUser } from './helpers.mjs';

let emu;
let c;
before(async () => { ({ emu, c } = await setup('alice')); });
after(async () => { await emu.close(); });

test('ProjectCollection.fetchAll lists the user projects with their values', async () => {
  const coll = await c.ProjectCollection.fetchAll();
  const expected = [...emu.state.t.project.values()].filter((p) => emu.state.membersOf(p.id).contributors.has(2));
  assert.equal(coll.length, expected.length);
  assert.equal(coll.totalNbItems, expected.length);
  for (const p of coll) {
    assert.ok(p instanceof c.Project);
    const s = emu.state.get('project', p.id);
    assert.equal(p.name, s.name);
    assert.equal(p.ontology, s.ontology);
    assert.equal(p.numberOfAnnotations, emu.state.annotationIdsOfProject(p.id).length);
    assert.equal(p.created, String(s.created));
  }
});

test('filters sent as name[ilike] (double-encoded by axios) and paging with nbPerPage', async () => {
  const coll = await c.ProjectCollection.fetchAll({ name: { ilike: 'p*' }, sort: 'name', order: 'asc' });
  assert.deepEqual(coll.array.map((p) => p.name), ['PANC-Biopsies', 'Placenta-Archive', 'PROSTATE-Gleason', 'Pulmonary-Nodules']);
  assert.ok(emu.requests.some((r) => r.query.includes('name%255Bilike%255D=p*')));
  const paged = await c.ProjectCollection.fetchAll({ nbPerPage: 2 });
  assert.equal(paged.length, 6);
  assert.equal(paged.nbPages, 3);
  const page = new c.ProjectCollection({ nbPerPage: 4 });
  await page.fetchPage(1);
  assert.equal(page.length, 2);
  assert.equal(page.totalNbItems, 6);
  await assert.rejects(page.fetchPage(5), /out of bounds/i);
  const withExtra = await c.ProjectCollection.fetchAll({ withMembersCount: true, withLastActivity: true });
  assert.ok(withExtra.array.every((p) => typeof p.membersCount === 'number' && typeof p.lastActivity === 'number'));
  const light = await c.ProjectCollection.fetchAll({ filterKey: 'user', filterValue: 2, light: true });
  assert.equal(light.length, 6);
  assert.deepEqual(Object.keys(light.get(0)).filter((k) => light.get(0)[k] !== null && !k.startsWith('_')).sort(), ['id', 'name']);
  const byOntology = await c.ProjectCollection.fetchAll({ filterKey: 'ontology', filterValue: projectByName(emu, 'PANC-Biopsies').ontology });
  assert.ok(byOntology.array.every((p) => p.ontology === projectByName(emu, 'PANC-Biopsies').ontology));
});

test('CRUD: save, fetch, update (full replacement from the model), delete, lastCommand', async () => {
  const p = new c.Project({ name: 'Conformance-Project', ontology: projectByName(emu, 'PANC-Biopsies').ontology, blindMode: true });
  await p.save();
  assert.ok(p.id > 0);
  assert.equal(p.blindMode, true);
  assert.equal(typeof c.cytomine.lastCommand, 'number');
  assert.equal(emu.state.get('project', p.id).name, 'Conformance-Project');
  const f = await c.Project.fetch(p.id);
  assert.equal(f.name, 'Conformance-Project');
  assert.equal(f.ontologyName, 'Histology');
  f.name = 'Conformance-Renamed';
  await f.update();
  assert.equal(f.name, 'Conformance-Renamed');
  assert.equal(f.blindMode, true, 'the client sends every non-null field, so nothing is reset');
  assert.equal(emu.state.get('project', p.id).name, 'Conformance-Renamed');
  // duplicate name: shape B 409; axios rejects and the client adds the body to the message
  const dup = new c.Project({ name: 'Conformance-Renamed' });
  await assert.rejects(dup.save(), (e) => e.response.status === 409 && /already exist/.test(e.message));
  await c.Project.delete(p.id);
  assert.equal(emu.state.get('project', p.id), undefined);
  assert.equal(await statusOf(c.Project.fetch(p.id)), 404);
  assert.equal(await statusOf(c.Project.fetch(0)), 404); // id 0 is not "new" for the client: GET project/0.json
});

test('members: fetchUsers, fetchAdministrators, fetchCreator, addUser/deleteUser, addAdmin', async () => {
  const panc = await c.Project.fetch(projectByName(emu, 'PANC-Biopsies').id);
  const users = await panc.fetchUsers();
  assert.deepEqual(users.array.map((u) => u.username).sort(), ['alice', 'bob', 'carol', 'guest']);
  assert.ok(users.array.every((u) => u instanceof c.User && typeof u.fullName === 'string'));
  const admins = await panc.fetchAdministrators();
  assert.deepEqual(admins.array.map((u) => u.username), ['alice']);
  const creator = await panc.fetchCreator();
  assert.equal(creator.username, 'alice');
  await panc.addUser(6);
  assert.ok(emu.state.membersOf(panc.id).contributors.has(6));
  await panc.addAdmin(6);
  assert.ok(emu.state.membersOf(panc.id).managers.has(6));
  await panc.deleteAdmin(6);
  await panc.deleteUsers([6]);
  assert.ok(!emu.state.membersOf(panc.id).contributors.has(6));
  const layers = await panc.fetchUserLayers();
  assert.equal(layers.length, 4);
  const n = await panc.fetchNbAnnotations({ annotationType: c.AnnotationType.USER });
  assert.equal(n, emu.state.annotationIdsOfProject(panc.id).length);
  const hist = await panc.fetchCommandHistory();
  assert.ok(Array.isArray(hist), 'commandhistory is a bare array');
});

test('rights seen through the client: non-member 403, non-manager cannot delete', async () => {
  const skin = projectByName(emu, 'Skin-Melanoma');
  assert.equal(await statusOf(c.Project.fetch(skin.id)), 403);
  const bob = await switchUser(emu, 'bob');
  assert.equal(await statusOf(bob.Project.delete(projectByName(emu, 'PANC-Biopsies').id)), 403);
  await switchUser(emu, 'alice');
});

test('admin session through the global axios, then every project is listed', async () => {
  const admin = await switchUser(emu, 'admin');
  assert.equal((await admin.ProjectCollection.fetchAll()).length, 0);
  assert.equal(await admin.cytomine.openAdminSession(), true);
  assert.equal((await admin.ProjectCollection.fetchAll()).length, emu.state.t.project.size);
  assert.equal(await admin.cytomine.closeAdminSession(), true);
  // ping: the client documents {alive, authenticated, version, serverURL, serverID, user}; core 5.2
  // (contract §1.5) answers only {alive, version, serverURL, serverID}. The contract decides.
  const ping = await admin.cytomine.ping();
  assert.deepEqual(Object.keys(ping).sort(), ['alive', 'serverID', 'serverURL', 'version']);
  await switchUser(emu, 'alice');
});
