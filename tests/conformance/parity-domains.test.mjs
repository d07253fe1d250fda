// Conformance: the real cytomine-client 3.1.0 against the emulator, for the less common "admin-side"
// domains (issue 7): storages and their rights, uploaded files, abstract slices, companion files,
// sample histograms, user roles, configuration, image filters and tasks. Modelled on the
// cytomine-client test files storage, uploaded-file, user-role, configuration, image-filter(-project)
// and task (js-client-api.md §6), checking values against `emu.state`.
// The project-side domains (tracks, groups, layers, social...) are in parity-project-domains.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, projectByName, statusOf, switchUser } from './helpers.mjs';

let emu;
let c;
const ALICE = 2;
const BOB = 3;
const DAVE = 6;
before(async () => { ({ emu, c } = await setup('alice')); });
after(async () => { await emu.close(); });

const aclOf = (sid) => emu.state.storageAcl?.get(sid) ?? new Map();

test('storage CRUD on {name, user}: user forced to the caller, creator administers it, fetch toEqual', async () => {
  // alice (not admin) asks for bob as owner: contract §3.17 "user forced to current user unless admin"
  const s = new c.Storage({ name: 'Conf-Storage', user: BOB });
  await s.save();
  assert.ok(s.id > 0);
  assert.equal(s.name, 'Conf-Storage');
  assert.equal(s.user, ALICE);
  assert.equal(s.class, 'be.cytomine.domain.image.server.Storage');
  assert.equal(typeof c.cytomine.lastCommand, 'number');
  const rec = emu.state.get('storage', s.id);
  assert.equal(rec.name, 'Conf-Storage');
  assert.equal(rec.user, ALICE);
  assert.equal(aclOf(s.id).get(ALICE), 'ADMINISTRATION', 'creator gets ADMINISTRATION (contract §3.17)');

  const f = await c.Storage.fetch(s.id);
  assert.ok(f instanceof c.Storage);
  assert.deepEqual({ ...f }, { ...s }, 'fetch toEqual the saved storage (cytomine-client storage.test)');
  const g = await new c.Storage({ id: s.id }).fetch();
  assert.equal(g.name, 'Conf-Storage');

  f.name = 'Conf-Storage-Renamed';
  await f.update();
  assert.equal(f.name, 'Conf-Storage-Renamed');
  assert.equal(f.user, ALICE);
  assert.equal(emu.state.get('storage', s.id).name, 'Conf-Storage-Renamed');

  // list: only storages with an ACL entry (contract §3.17)
  const mine = await c.StorageCollection.fetchAll();
  assert.deepEqual(mine.array.map((x) => x.id), [s.id]);
  assert.ok(mine.array.every((x) => x instanceof c.Storage));
  // shape B' 404 on an unknown id (contract §2.5: Storage show uses responseNotFound)
  await assert.rejects(c.Storage.fetch(0), (e) => e.response.status === 404
    && e.response.data.errors.message === 'Storage not found with filters : {id=0}');
  // a user without rights on it: 403
  await switchUser(emu, 'dave');
  assert.equal(await statusOf(c.Storage.fetch(s.id)), 403);
  assert.equal((await c.StorageCollection.fetchAll()).length, 0);
  await switchUser(emu, 'alice');

  await c.Storage.delete(s.id);
  assert.equal(emu.state.get('storage', s.id), undefined);
  assert.equal(await statusOf(c.Storage.fetch(s.id)), 404);
});

test('storage rights: addUsers, changePermission, usersstats (StorageUserCollection), access list, deleteUsers', async () => {
  const s = await new c.Storage({ name: 'Conf-Shared' }).save();
  const added = await s.addUsers([BOB, DAVE], 'READ');
  assert.deepEqual(added, { storage: s.id, users: [BOB, DAVE], permission: 'READ' });
  assert.equal(aclOf(s.id).get(BOB), 'READ');
  assert.equal(aclOf(s.id).get(DAVE), 'READ');
  // PUT storage/{id}/user/{u}.json?&permission=WRITE (the client's odd "?&")
  await s.changePermission(BOB, 'WRITE');
  assert.equal(aclOf(s.id).get(BOB), 'WRITE');

  const stats = await c.StorageUserCollection.fetchAll({ filterKey: 'storage', filterValue: s.id });
  assert.deepEqual(stats.array.map((u) => [u.id, u.username, u.role, u.numberOfFiles, u.totalSize]),
    [[ALICE, 'alice', 'ADMINISTRATION', 0, 0], [BOB, 'bob', 'WRITE', 0, 0], [DAVE, 'dave', 'READ', 0, 0]]);
  assert.ok(stats.array.every((u) => u instanceof c.StorageUser));
  assert.throws(() => new c.StorageUserCollection().uri, /mandatory/);

  await switchUser(emu, 'bob');
  const access = await c.StorageAccessCollection.fetchAll();
  assert.deepEqual(access.array.map((a) => [a.id, a.name, a.permission]), [[s.id, 'Conf-Shared', 'WRITE']]);
  // bob has WRITE, not ADMINISTRATION: he cannot rename it
  const asBob = await c.Storage.fetch(s.id);
  asBob.name = 'hijacked';
  assert.equal(await statusOf(asBob.update()), 403);
  assert.equal(emu.state.get('storage', s.id).name, 'Conf-Shared');
  await switchUser(emu, 'alice');

  const removed = await s.deleteUsers([DAVE]);
  assert.deepEqual(removed, { storage: s.id, users: [DAVE], permission: null });
  assert.equal(aclOf(s.id).has(DAVE), false);
  // Storage.addUser / removeUser are static but use `this.id` (client bug, js-client-api §7.1)
  await assert.rejects(c.Storage.addUser(BOB, 'READ'), TypeError);
});

test('Storage.create(user) (admin) and StorageCollection {all: true} as admin', async () => {
  const admin = await switchUser(emu, 'admin');
  const s = await admin.Storage.create(DAVE);
  assert.ok(s instanceof admin.Storage);
  assert.equal(s.user, DAVE);
  assert.equal(s.name, 'dave storage');
  assert.equal(emu.state.get('storage', s.id).user, DAVE);
  assert.equal(aclOf(s.id).get(DAVE), 'ADMINISTRATION');
  assert.equal(await admin.cytomine.openAdminSession(), true);
  const all = await admin.StorageCollection.fetchAll({ all: true });
  assert.deepEqual(all.array.map((x) => x.id), emu.state.all('storage').map((x) => x.id).sort((a, b) => a - b));
  assert.ok(all.length >= 1);
  await admin.cytomine.closeAdminSession();
  // non-admin: 403
  await switchUser(emu, 'alice');
  assert.equal(await statusOf(c.Storage.create(ALICE)), 403);
});

test('uploaded-file CRUD on {storage, user, filename, originalFilename, contentType, ext}, downloadURL, collection', async () => {
  const storage = await new c.Storage({ name: 'Conf-Upload-Storage' }).save();
  const props = { storage: storage.id, user: ALICE, filename: 'conf/file.svs', originalFilename: 'file.svs', contentType: 'openslide/svs', ext: 'svs', size: 1234 };
  const uf = await new c.UploadedFile(props).save();
  assert.ok(uf.id > 0);
  for (const [k, v] of Object.entries(props)) assert.equal(uf[k], v, k);
  assert.equal(uf.status, c.UploadedFileStatus.UPLOADED);
  assert.equal(uf.statusText, 'UPLOADED');
  assert.equal(uf.path, 'conf/file.svs', 'path = filename (contract §3.18)');
  assert.deepEqual(uf.projects, []);
  const rec = emu.state.get('uploadedfile', uf.id);
  assert.equal(rec.storage, storage.id);
  assert.equal(rec.originalFilename, 'file.svs');
  assert.equal(rec.size, 1234);

  const f = await c.UploadedFile.fetch(uf.id);
  assert.deepEqual({ ...f }, { ...uf }, 'fetch toEqual the saved file');
  f.status = c.UploadedFileStatus.DEPLOYED;
  await f.update();
  assert.equal(f.status, 100);
  assert.equal(f.statusText, 'DEPLOYED');
  assert.equal(emu.state.get('uploadedfile', uf.id).status, 100);
  assert.equal(f.filename, 'conf/file.svs', 'the client sends the full model, nothing is reset');

  assert.equal(f.downloadURL, `${emu.url}/api/uploadedfile/${uf.id}/download`);
  const dl = await c.cytomine.api.get(`uploadedfile/${uf.id}/download`, { responseType: 'text' });
  assert.equal(dl.data, 'emulated content of file.svs\n');
  assert.match(dl.headers['content-disposition'], /filename="file\.svs"/);

  // a child (parent) file, then the onlyRoots filter
  const child = await new c.UploadedFile({ ...props, parent: uf.id, originalFilename: 'child.tif', filename: 'conf/child.tif' }).save();
  assert.equal(child.parent, uf.id);
  const all = await c.UploadedFileCollection.fetchAll();
  assert.deepEqual(all.array.map((x) => x.id).sort((a, b) => a - b), [uf.id, child.id]);
  assert.equal(all.totalNbItems, 2);
  const roots = await c.UploadedFileCollection.fetchAll({ onlyRoots: true });
  assert.deepEqual(roots.array.map((x) => x.id), [uf.id]);
  const paged = await c.UploadedFileCollection.fetchAll({ nbPerPage: 1 });
  assert.equal(paged.length, 2);

  // usersstats now counts alice's files
  const stats = await c.StorageUserCollection.fetchAll({ filterKey: 'storage', filterValue: storage.id });
  assert.deepEqual(stats.array.map((u) => [u.id, u.numberOfFiles, u.totalSize]), [[ALICE, 2, 2468]]);

  // storage is mandatory (shape B 400, contract §3.18)
  await assert.rejects(new c.UploadedFile({ user: ALICE, originalFilename: 'x' }).save(),
    (e) => e.response.status === 400 && e.response.data.success === false && /storage must be set/.test(e.response.data.errors));
  // no WRITE right on someone else's storage
  await switchUser(emu, 'dave');
  assert.equal(await statusOf(new c.UploadedFile({ ...props, user: DAVE }).save()), 403);
  await switchUser(emu, 'alice');

  await c.UploadedFile.delete(child.id);
  assert.equal(emu.state.get('uploadedfile', child.id), undefined);
  assert.equal(await statusOf(c.UploadedFile.fetch(child.id)), 404);
});

test('abstract slices, companion files and sample histograms of an abstract image alice uploaded', async () => {
  const ai = emu.state.all('abstractimage').find((a) => a.user === ALICE);
  const sl = await new c.AbstractSlice({ image: ai.id, mime: 'image/pyrtiff', channel: 1, zStack: 0, time: 0, path: 'conf/slice-1.tif' }).save();
  assert.ok(sl.id > 0);
  assert.deepEqual([sl.image, sl.mime, sl.channel, sl.zStack, sl.time, sl.path], [ai.id, 'image/pyrtiff', 1, 0, 0, 'conf/slice-1.tif']);
  assert.equal(emu.state.get('abstractslice', sl.id).channel, 1);
  const uploader = await sl.fetchUploader();
  assert.ok(uploader instanceof c.User);
  assert.equal(uploader.id, ALICE);
  // duplicate (image, channel, zStack, time): 409 shape B
  await assert.rejects(new c.AbstractSlice({ image: ai.id, channel: 1 }).save(), (e) => e.response.status === 409);
  const slices = await c.AbstractSliceCollection.fetchAll({ filterKey: 'abstractimage', filterValue: ai.id });
  assert.deepEqual(slices.array.map((x) => x.id), emu.state.all('abstractslice').filter((x) => x.image === ai.id).map((x) => x.id).sort((a, b) => a - b));
  assert.ok(slices.array.some((x) => x.id === sl.id));

  const cf = await new c.CompanionFile({ image: ai.id, originalFilename: 'profile.zarr', filename: 'conf/profile.zarr', type: 'HDF5' }).save();
  assert.deepEqual([cf.image, cf.originalFilename, cf.filename, cf.type, cf.path], [ai.id, 'profile.zarr', 'conf/profile.zarr', 'HDF5', 'conf/profile.zarr']);
  assert.equal(cf.downloadURL, `${emu.url}/api/companionfile/${cf.id}/download`);
  assert.equal(emu.state.get('companionfile', cf.id).type, 'HDF5');
  const cfs = await c.CompanionFileCollection.fetchAll({ filterKey: 'abstractimage', filterValue: ai.id });
  assert.deepEqual(cfs.array.map((x) => x.id), [cf.id]);

  const h = await new c.SampleHistogram({ slice: sl.id, sample: 0, min: 3, max: 250, histogram: [1, 2, 3] }).save();
  assert.deepEqual([h.slice, h.sample, h.min, h.max, h.histogram], [sl.id, 0, 3, 250, [1, 2, 3]]);
  assert.deepEqual(emu.state.get('samplehistogram', h.id).histogram, [1, 2, 3]);
  const hs = await c.SampleHistogramCollection.fetchAll({ filterKey: 'abstractslice', filterValue: sl.id });
  assert.deepEqual(hs.array.map((x) => [x.id, x.max]), [[h.id, 250]]);
  const f = await c.SampleHistogram.fetch(h.id);
  f.max = 255;
  await f.update();
  assert.equal(emu.state.get('samplehistogram', h.id).max, 255);

  // bob did not upload this image: no write
  await switchUser(emu, 'bob');
  assert.equal(await statusOf(new c.CompanionFile({ image: ai.id, originalFilename: 'x' }).save()), 403);
  await switchUser(emu, 'alice');

  await c.SampleHistogram.delete(h.id);
  await c.CompanionFile.delete(cf.id);
  await c.AbstractSlice.delete(sl.id);
  for (const [t, id] of [['samplehistogram', h.id], ['companionfile', cf.id], ['abstractslice', sl.id]]) assert.equal(emu.state.get(t, id), undefined, t);
  assert.equal(await statusOf(c.AbstractSlice.fetch(sl.id)), 404);
});

test('user-role (admin): collection, save {role, user}, fetch(user, role) toEqual, delete, kept in step with user.roles', async () => {
  const admin = await switchUser(emu, 'admin');
  const roles = await admin.RoleCollection.fetchAll();
  const byAuthority = Object.fromEntries(roles.array.map((r) => [r.authority, r.id]));
  assert.ok(byAuthority.ROLE_ADMIN && byAuthority.ROLE_USER);
  // like the client's setup: see the roles the server assigned to dave
  const before = await admin.UserRoleCollection.fetchAll({ filterKey: 'user', filterValue: DAVE });
  assert.deepEqual(before.array.map((r) => r.authority), ['ROLE_USER']);
  assert.ok(before.array.every((r) => r instanceof admin.UserRole && r.user === DAVE));

  const ur = await new admin.UserRole({ user: DAVE, role: byAuthority.ROLE_ADMIN }).save();
  assert.ok(ur.id > 0);
  assert.equal(ur.authority, 'ROLE_ADMIN');
  assert.deepEqual(emu.state.get('user', DAVE).roles, ['ROLE_USER', 'ROLE_ADMIN']);
  const f = await admin.UserRole.fetch(DAVE, byAuthority.ROLE_ADMIN);
  assert.deepEqual([f.user, f.role, f.authority, f.class], [DAVE, byAuthority.ROLE_ADMIN, 'ROLE_ADMIN', 'be.cytomine.domain.security.SecUserSecRole']);
  assert.equal(f.id, ur.id);
  const g = await new admin.UserRole({ user: DAVE, role: byAuthority.ROLE_ADMIN }).fetch();
  assert.equal(g.id, ur.id);
  const list = await admin.UserRoleCollection.fetchAll({ filterKey: 'user', filterValue: DAVE });
  assert.deepEqual(list.array.map((r) => r.authority).sort(), ['ROLE_ADMIN', 'ROLE_USER']);
  await assert.rejects(new admin.UserRole({ user: DAVE, role: byAuthority.ROLE_ADMIN }).save(), (e) => e.response.status === 409);
  await assert.rejects(admin.UserRoleCollection.fetchAll(), /filter/i, 'NF: the user filter is mandatory');

  await admin.UserRole.delete(DAVE, byAuthority.ROLE_ADMIN);
  assert.deepEqual(emu.state.get('user', DAVE).roles, ['ROLE_USER']);
  assert.equal(await statusOf(admin.UserRole.fetch(DAVE, byAuthority.ROLE_ADMIN)), 404);

  // a non-admin cannot grant roles
  await switchUser(emu, 'alice');
  assert.equal(await statusOf(new c.UserRole({ user: ALICE, role: byAuthority.ROLE_ADMIN }).save()), 403);
  assert.deepEqual(emu.state.get('user', ALICE).roles, ['ROLE_USER']);
});

test('configuration (admin): save always PUTs (creates), fetch(key), update, collection, delete(key), readingRole', async () => {
  const admin = await switchUser(emu, 'admin');
  const cfg = await new admin.Configuration({ key: 'CONF_KEY', value: 'v1', readingRole: 'ALL' }).save();
  assert.ok(emu.requests.some((r) => r.method === 'PUT' && r.path === '/api/configuration/key/CONF_KEY.json' && r.status === 200),
    'isNew() is !key, so save() PUTs even to create (js-client-api §7.4)');
  assert.ok(cfg.id > 0);
  assert.deepEqual([cfg.key, cfg.value, cfg.readingRole], ['CONF_KEY', 'v1', 'ALL']);
  const rec = emu.state.all('configuration').find((x) => x.key === 'CONF_KEY');
  assert.deepEqual([rec.id, rec.value, rec.readingRole], [cfg.id, 'v1', 'ALL']);
  await new admin.Configuration({ key: 'CONF_ADMIN_ONLY', value: 'secret', readingRole: 'ADMIN' }).save();
  await new admin.Configuration({ key: 'CONF_USERS', value: 'u', readingRole: 'USER' }).save();

  const f = await admin.Configuration.fetch('CONF_KEY');
  assert.deepEqual([f.id, f.key, f.value, f.readingRole], [cfg.id, 'CONF_KEY', 'v1', 'ALL']);
  const g = await new admin.Configuration({ key: 'CONF_KEY' }).fetch();
  assert.equal(g.value, 'v1');
  assert.equal(await statusOf(admin.Configuration.fetch('CONF_UNKNOWN')), 404);
  f.value = 'v2';
  await f.update();
  assert.equal(f.value, 'v2');
  assert.equal(emu.state.all('configuration').filter((x) => x.key === 'CONF_KEY').length, 1, 'a PUT on an existing key edits it');
  assert.equal(emu.state.all('configuration').find((x) => x.key === 'CONF_KEY').value, 'v2');

  const all = await admin.ConfigurationCollection.fetchAll();
  assert.deepEqual(all.array.map((x) => x.key).sort(), ['CONF_ADMIN_ONLY', 'CONF_KEY', 'CONF_USERS']);

  // alice (ROLE_USER) reads ALL and USER entries only; guest reads ALL only
  await switchUser(emu, 'alice');
  assert.deepEqual((await c.ConfigurationCollection.fetchAll()).array.map((x) => x.key).sort(), ['CONF_KEY', 'CONF_USERS']);
  assert.equal(await statusOf(c.Configuration.fetch('CONF_ADMIN_ONLY')), 403);
  assert.equal(await statusOf(new c.Configuration({ key: 'CONF_KEY', value: 'x' }).save()), 403);
  const guest = await switchUser(emu, 'guest');
  assert.deepEqual((await guest.ConfigurationCollection.fetchAll()).array.map((x) => x.key), ['CONF_KEY']);

  const admin2 = await switchUser(emu, 'admin');
  await admin2.Configuration.delete('CONF_KEY');
  assert.equal(emu.state.all('configuration').some((x) => x.key === 'CONF_KEY'), false);
  assert.equal(await statusOf(admin2.Configuration.fetch('CONF_KEY')), 404);
  await switchUser(emu, 'alice');
});

test('image filters (admin) and their use in a project (manager): save, update throws, ImageFilterProject fetch throws', async () => {
  const admin = await switchUser(emu, 'admin');
  const flt = await new admin.ImageFilter({ name: 'Conf-Binary', baseUrl: '/vision/process/binary' }).save();
  assert.deepEqual([flt.name, flt.baseUrl], ['Conf-Binary', '/vision/process/binary']);
  assert.equal(emu.state.get('imagefilter', flt.id).name, 'Conf-Binary');
  assert.throws(() => flt.update(), /update/i);
  const fetched = await admin.ImageFilter.fetch(flt.id);
  assert.equal(fetched.baseUrl, '/vision/process/binary');
  await assert.rejects(new admin.ImageFilter({ name: 'Conf-Binary', baseUrl: '/x' }).save(), (e) => e.response.status === 409);

  await switchUser(emu, 'alice');
  const panc = projectByName(emu, 'PANC-Biopsies');
  assert.deepEqual((await c.ImageFilterCollection.fetchAll()).array.map((x) => x.id), [flt.id]);
  assert.equal(await statusOf(new c.ImageFilter({ name: 'nope', baseUrl: '/n' }).save()), 403);
  const ifp = await new c.ImageFilterProject({ imageFilter: flt.id, project: panc.id }).save();
  assert.ok(ifp.id > 0);
  assert.deepEqual([ifp.imageFilter, ifp.project, ifp.name, ifp.baseUrl], [flt.id, panc.id, 'Conf-Binary', '/vision/process/binary'], 'the filter name comes back (image-filter-project.test)');
  assert.equal(emu.state.get('imagefilterproject', ifp.id).project, panc.id);
  await assert.rejects(c.ImageFilterProject.fetch(ifp.id), /fetch/i);
  const inProject = await c.ImageFilterProjectCollection.fetchAll({ filterKey: 'project', filterValue: panc.id });
  assert.deepEqual(inProject.array.map((x) => [x.id, x.name]), [[ifp.id, 'Conf-Binary']]);
  // bob is only a contributor of PANC-Biopsies
  await switchUser(emu, 'bob');
  assert.equal(await statusOf(c.ImageFilterProject.delete(ifp.id)), 403);
  await switchUser(emu, 'alice');
  await c.ImageFilterProject.delete(ifp.id);
  assert.equal(emu.state.get('imagefilterproject', ifp.id), undefined);
});

test('task: new Task().save() gives an id, static and instance fetch, update and delete throw', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const t = await new c.Task({ project: panc.id }).save();
  assert.ok(t.id > 0);
  assert.deepEqual([t.project, t.user, t.progress, t.comments], [panc.id, ALICE, 0, []]);
  assert.equal(emu.state.get('task', t.id).user, ALICE);
  const f = await c.Task.fetch(t.id);
  assert.deepEqual([f.id, f.project, f.progress], [t.id, panc.id, 0]);
  const g = await new c.Task({ id: t.id }).fetch();
  assert.equal(g.user, ALICE);
  assert.throws(() => t.update());
  assert.throws(() => t.delete());
  const bare = await new c.Task().save();
  assert.equal(bare.project, null);
  // dave is not a member of PANC-Biopsies
  await switchUser(emu, 'dave');
  assert.equal(await statusOf(c.Task.fetch(t.id)), 403);
  await switchUser(emu, 'alice');
});
