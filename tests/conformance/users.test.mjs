// Conformance: cytomine-client 3.1.0 against the emulator, for users and the current user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf } from './helpers.mjs';

let emu;
let c;
before(async () => { ({ emu, c } = await setup('carol')); });
after(async () => { await emu.close(); });

test('User.fetchCurrent: the 5.2 shape only', async () => {
  const me = await c.User.fetchCurrent();
  assert.ok(me instanceof c.User);
  assert.equal(me.username, 'carol');
  assert.equal(me.name, 'Carol Nguyen');
  assert.equal(me.fullName, 'Carol Nguyen (carol)');
  // The client initialises only name/fullName/username and copies whatever arrives. Older servers
  // sent firstname/lastname/email/roles; core 5.2 (contract §3.9) sends only these four fields.
  assert.equal(me.email, undefined);
  assert.equal(me.class, null);
});

test('UserCollection: all users (paged, sorted by username) and by project', async () => {
  const all = await c.UserCollection.fetchAll({ nbPerPage: 4 });
  assert.equal(all.length, 6);
  assert.deepEqual(all.array.map((u) => u.username), ['admin', 'alice', 'bob', 'carol', 'dave', 'guest']);
  const filtered = await c.UserCollection.fetchAll({ fullName: { ilike: '%bob%' } });
  assert.deepEqual(filtered.array.map((u) => u.username), ['bob']);
  const pulm = projectByName(emu, 'Pulmonary-Nodules');
  const members = await c.UserCollection.fetchAll({ filterKey: 'project', filterValue: pulm.id });
  assert.deepEqual(members.array.map((u) => u.username).sort(), ['alice', 'bob', 'carol']);
  assert.equal(members.array.find((u) => u.username === 'carol').role, 'manager');
});

test('User.fetch by id, friends, resume activity, annotation counts, keys', async () => {
  const bob = await c.User.fetch(3);
  assert.equal(bob.username, 'bob');
  const friends = await bob.fetchFriends(projectByName(emu, 'Skin-Melanoma').id);
  assert.deepEqual(friends.array.map((u) => u.username), ['carol']);
  const skin = projectByName(emu, 'Skin-Melanoma');
  const n = await bob.fetchNbAnnotations(false, skin.id);
  assert.equal(n, [...emu.state.t.annotation.values()].filter((a) => a.project === skin.id && a.user === 3).length);
  const resume = await bob.fetchResumeActivity(skin.id);
  assert.equal(resume.totalAnnotations, n);
  const keys = await c.User.fetchCurrentUserKeys();
  const carol = emu.credentials.find((x) => x.username === 'carol');
  assert.deepEqual(keys, { primaryKey: carol.publicKey, secondaryKey: carol.privateKey });
  assert.equal(await statusOf(c.User.fetch(424242)), 404);
});
