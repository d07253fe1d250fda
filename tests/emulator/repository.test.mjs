/**
 * Today's repository-backed domains on `--core 2026` (delta §3.2): records, Spring paging and its
 * envelope, create bodies, partial PUT, soft delete, v2 command responses and undo, ProblemDetail
 * errors (404 where 5.2 said 403), empty lists for unreadable containers.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, projectByName } from './helpers.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

let emu;
let hist;
before(async () => {
  emu = await start({ dataset: 'demo', core: '2026' });
  hist = [...emu.state.t.ontology.values()].find((o) => o.name === 'Histology');
});
after(() => emu.close());

const ok = async (...a) => {
  const r = await api(emu, ...a);
  assert.equal(r.status, 200, `${a[1]} ${a[2]} -> ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
};

test('term record: ontologyId, children, dataType, no class, LocalDateTime dates', async () => {
  const t = emu.state.termsOfOntology(hist.id).find((x) => x.name === 'Tumor');
  const high = emu.state.termsOfOntology(hist.id).find((x) => x.name === 'High-grade tumor');
  const j = await ok('alice', 'GET', `/api/term/${t.id}.json`);
  assert.deepEqual(Object.keys(j), ['id', 'name', 'color', 'ontologyId', 'created', 'updated', 'deleted', 'comment', 'children', 'dataType']);
  assert.equal(j.ontologyId, hist.id);
  assert.equal(j.class, undefined);
  assert.equal(j.dataType, 'TERM');
  assert.match(j.created, LOCAL_DATE_TIME);
  const d = new Date(t.created);
  assert.equal(j.created.slice(0, 10), `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  assert.deepEqual(j.children.map((c) => c.id), [high.id]);
  assert.equal(j.children[0].ontologyId, hist.id);
});

test('ontology record: flat terms with nested children; ontology_light.json; export', async () => {
  const j = await ok('alice', 'GET', `/api/ontology/${hist.id}.json`);
  assert.deepEqual(Object.keys(j).sort(), ['created', 'dataType', 'deleted', 'id', 'name', 'terms', 'updated', 'user'].sort());
  assert.equal(j.dataType, 'ONTOLOGY');
  assert.equal(j.terms.length, emu.state.termsOfOntology(hist.id).length, 'all terms, flat');
  assert.equal(j.terms.find((x) => x.name === 'Tumor').children[0].name, 'High-grade tumor');
  assert.equal(j.children, undefined);
  const light = await ok('alice', 'GET', '/api/ontology_light.json');
  assert.ok(light.collection.some((o) => o.id === hist.id && o.name === 'Histology'));
  assert.deepEqual(Object.keys(light.collection[0]), ['id', 'name']);
  assert.equal(light.perPage, 20);
  const ex = await api(emu, 'alice', 'GET', `/api/ontology/${hist.id}/export`);
  assert.equal(ex.headers['content-disposition'], 'attachment; filename=Histology.json');
  assert.deepEqual(ex.json.terms[0], { name: 'Tumor', color: '#E53935' });
  assert.equal(ex.json.terms.length, j.terms.length);
});

test('Spring paging: page/size/sort, default 20, max 2000, max/offset ignored, envelope arithmetic', async () => {
  const o = (await ok('alice', 'POST', '/api/ontology.json', { body: { name: 'Paging' } })).data;
  for (let i = 0; i < 45; i++) {
    await ok('alice', 'POST', '/api/term.json', { body: { name: `T${String(i).padStart(2, '0')}`, color: '#000000', ontology: o.id } });
  }
  const ids = emu.state.termsOfOntology(o.id).map((t) => t.id).sort((a, b) => a - b);
  assert.equal(ids.length, 45);
  const base = `/api/ontology/${o.id}/term.json`;
  const first = await ok('alice', 'GET', base);
  assert.deepEqual({ ...first, collection: first.collection.length }, { collection: 20, offset: 0, perPage: 20, size: 45, totalPages: 3 });
  assert.deepEqual(first.collection.map((t) => t.id), ids.slice(0, 20));
  const ignored = await ok('alice', 'GET', `${base}?max=0&offset=0`);
  assert.equal(ignored.collection.length, 20, 'max=0 does not mean "all" today');
  const p2 = await ok('alice', 'GET', `${base}?page=2&size=10`);
  assert.deepEqual({ ...p2, collection: p2.collection.map((t) => t.id) }, { collection: ids.slice(20, 30), offset: 20, perPage: 10, size: 45, totalPages: 5 });
  const last = await ok('alice', 'GET', `${base}?page=4&size=10`);
  assert.deepEqual(last.collection.map((t) => t.id), ids.slice(40));
  assert.equal(last.perPage, 10, 'perPage is the requested size, not the items returned');
  const beyond = await ok('alice', 'GET', `${base}?page=9&size=10`);
  assert.deepEqual([beyond.collection.length, beyond.offset, beyond.size], [0, 90, 45]);
  assert.equal((await ok('alice', 'GET', `${base}?size=0`)).perPage, 20);
  assert.equal((await ok('alice', 'GET', `${base}?size=abc&page=-3`)).offset, 0);
  const big = await ok('alice', 'GET', `${base}?size=5000`);
  assert.deepEqual([big.perPage, big.collection.length, big.totalPages], [2000, 45, 1]);
  const desc = await ok('alice', 'GET', `${base}?sort=name,desc&size=3`);
  assert.deepEqual(desc.collection.map((t) => t.name), ['T44', 'T43', 'T42']);
  const two = await ok('alice', 'GET', `${base}?sort=color,asc&sort=name,desc&size=2`);
  assert.deepEqual(two.collection.map((t) => t.name), ['T44', 'T43'], 'repeated sort parameters are Spring syntax, not a 500');
});

test('unreadable containers give an empty page; unreadable objects a 404 ProblemDetail (5.2: 403)', async () => {
  const empty = await ok('dave', 'GET', `/api/ontology/${hist.id}/term.json`);
  assert.deepEqual(empty, { collection: [], offset: 0, perPage: 0, size: 0, totalPages: 1 });
  const skin = projectByName(emu, 'Skin-Melanoma');
  assert.deepEqual((await ok('alice', 'GET', `/api/project/${skin.id}/term.json`)).collection, []);
  const t = emu.state.termsOfOntology(hist.id)[0];
  const r = await api(emu, 'dave', 'GET', `/api/term/${t.id}.json`);
  assert.equal(r.status, 404);
  assert.equal(r.headers['content-type'], 'application/problem+json');
  assert.deepEqual(r.json, { type: 'about:blank', title: 'Not Found', status: 404, detail: `Unable to find term with id: ${t.id}`, instance: `/api/term/${t.id}.json` });
  const none = await api(emu, 'alice', 'GET', '/api/ontology/999999.json');
  assert.equal(none.json.detail, 'Unable to find ontology with id: 999999');
  // a reader who may not write: PUT/DELETE are 404 too, nothing changes
  const put = await api(emu, 'guest', 'PUT', `/api/term/${t.id}.json`, { body: { name: 'x' } });
  assert.equal(put.status, 404);
  assert.equal(emu.state.get('term', t.id).name, t.name);
});

test('create, partial update, soft delete and undo of a term with v2 command responses', async () => {
  const created = await ok('alice', 'POST', '/api/term.json', { body: { name: 'Mitosis', color: '#112233', ontology: hist.id, comment: 'c' } });
  assert.deepEqual(Object.keys(created), ['printMessage', 'data', 'commandId', 'command', 'subCommands']);
  assert.equal(created.printMessage, true);
  assert.match(created.commandId, UUID);
  assert.equal(created.command, 'be.cytomine.AddTermCommand');
  assert.deepEqual(created.subCommands, []);
  const id = created.data.id;
  assert.equal(created.data.dataType, 'TERM');
  assert.deepEqual(emu.state.get('term', id), { ...emu.state.get('term', id), name: 'Mitosis', color: '#112233', ontology: hist.id, comment: 'c' });

  const edited = await ok('alice', 'PUT', `/api/term/${id}.json`, { body: { id: 1, color: '#445566' } });
  assert.equal(edited.command, 'be.cytomine.EditTermCommand');
  assert.deepEqual([edited.data.id, edited.data.name, edited.data.color], [id, 'Mitosis', '#445566'], 'absent name unchanged; path id wins');
  assert.equal(emu.state.get('term', id).color, '#445566');

  const undoEdit = await ok('alice', 'POST', `/api/commands/undo/${edited.commandId}`);
  assert.equal(undoEdit.command, 'be.cytomine.UndoUpdateCommand');
  assert.equal(undoEdit.data.dataType, 'UNDO_COMMAND');
  assert.equal(undoEdit.data.subCommand.color, '#112233');
  assert.equal(emu.state.get('term', id).color, '#112233');

  const del = await ok('alice', 'DELETE', `/api/term/${id}.json`);
  assert.equal(del.command, 'be.cytomine.DeleteTermCommand');
  assert.match(del.data.deleted, LOCAL_DATE_TIME, 'soft delete: `deleted` is set');
  assert.equal(emu.state.get('term', id), undefined);
  assert.equal((await api(emu, 'alice', 'GET', `/api/term/${id}.json`)).status, 404);
  assert.ok(!(await ok('alice', 'GET', `/api/ontology/${hist.id}/term.json?size=100`)).collection.some((t) => t.id === id));

  const undoDel = await ok('alice', 'POST', `/api/commands/undo/${del.commandId}`);
  assert.equal(undoDel.command, 'be.cytomine.UndoDeleteCommand');
  assert.equal(undoDel.data.subCommand.id, id);
  assert.equal(emu.state.get('term', id).name, 'Mitosis');
  // undoing the undo deletes again (today's only "redo")
  const redo = await ok('alice', 'POST', `/api/commands/undo/${undoDel.commandId}`);
  assert.equal(redo.command, 'be.cytomine.UndoCreateCommand');
  assert.equal(emu.state.get('term', id), undefined);
  // an unknown command: 200 with an empty body; not a UUID: 400 ProblemDetail
  const unknown = await api(emu, 'alice', 'POST', '/api/commands/undo/00000000-0000-4000-8000-000000000000');
  assert.deepEqual([unknown.status, unknown.text], [200, '']);
  const notUuid = await api(emu, 'alice', 'POST', '/api/commands/undo/12');
  assert.equal(notUuid.status, 400);
  assert.equal(notUuid.json.detail, "Failed to convert 'commandId' with value: '12'");
  // no redo route
  assert.equal((await api(emu, 'alice', 'POST', `/api/commands/redo/${del.commandId}`)).status, 404);
  // the history, newest first, with today's command types
  const hist2 = await ok('alice', 'GET', '/api/commands?size=5');
  assert.deepEqual(hist2.collection.map((c) => c.commandRequest.commandType).slice(0, 4), ['UNDO_CREATE_COMMAND', 'UNDO_DELETE_COMMAND', 'DELETE_TERM_COMMAND', 'UNDO_UPDATE_COMMAND']);
  assert.equal(hist2.collection[2].id, del.commandId);
  assert.equal(hist2.collection[2].commandRequest.data.before.name, 'Mitosis');
  assert.equal(hist2.perPage, 5);
});

test('create bodies are records: arrays and unreadable JSON give core 400 shape A; bad values a 400 ProblemDetail', async () => {
  const arr = await api(emu, 'alice', 'POST', '/api/term.json', { body: [{ name: 'a', color: '#000000', ontology: hist.id }] });
  assert.equal(arr.status, 400);
  assert.deepEqual(arr.json, { errors: { message: 'The body cannot be parsed, is the body content in the good format?' } });
  const noName = await api(emu, 'alice', 'POST', '/api/term.json', { body: { color: '#000000', ontology: hist.id } });
  assert.equal(noName.status, 400);
  assert.equal(noName.headers['content-type'], 'application/problem+json');
  assert.equal(noName.json.detail, 'name must not be empty');
  const before = emu.state.t.term.size;
  const noOntology = await api(emu, 'alice', 'POST', '/api/term.json', { body: { name: 'x', color: '#000000' } });
  assert.equal(noOntology.json.detail, 'Unable to find ontology with id: 0', 'a missing primitive is 0');
  assert.equal(emu.state.t.term.size, before);
});

test('ontology delete: terms and relations are sub-commands, undone with it', async () => {
  const o = (await ok('bob', 'POST', '/api/ontology.json', { body: { name: 'Doomed' } })).data;
  const a = (await ok('bob', 'POST', '/api/term.json', { body: { name: 'A', color: '#000000', ontology: o.id } })).data;
  const b = (await ok('bob', 'POST', '/api/term.json', { body: { name: 'B', color: '#000000', ontology: o.id } })).data;
  const rel = await ok('bob', 'POST', '/api/relation/parent/term.json', { body: { term1: a.id, term2: b.id } });
  assert.equal(rel.command, 'be.cytomine.AddTermRelationCommand');
  assert.deepEqual([rel.data.term1Id, rel.data.term2Id, rel.data.name], [a.id, b.id, 'parent']);
  assert.deepEqual((await ok('bob', 'GET', `/api/term/${a.id}.json`)).children.map((c) => c.id), [b.id]);
  const renamed = await ok('bob', 'PUT', `/api/ontology/${o.id}.json`, { body: {} });
  assert.equal(renamed.data.name, 'Doomed', 'an empty PUT changes nothing');
  const del = await ok('bob', 'DELETE', `/api/ontology/${o.id}.json`);
  assert.equal(del.command, 'be.cytomine.DeleteOntologyCommand');
  assert.deepEqual(del.subCommands.map((s) => s.command).sort(), ['be.cytomine.DeleteTermCommand', 'be.cytomine.DeleteTermCommand', 'be.cytomine.DeleteTermRelationCommand']);
  assert.equal(emu.state.get('term', a.id), undefined);
  assert.equal(emu.state.get('relationterm', rel.data.id), undefined);
  const undo = await ok('bob', 'POST', `/api/commands/undo/${del.commandId}`);
  assert.equal(undo.subCommands.length, 3);
  assert.deepEqual([emu.state.get('ontology', o.id)?.name, emu.state.get('term', b.id)?.name, emu.state.get('relationterm', rel.data.id)?.term2], ['Doomed', 'B', b.id]);
  const byTerms = await ok('bob', 'DELETE', `/api/relation/parent/term1/${a.id}/term2/${b.id}.json`);
  assert.equal(byTerms.data.id, rel.data.id);
  const again = await api(emu, 'bob', 'DELETE', `/api/relation/parent/term1/${a.id}/term2/${b.id}.json`);
  assert.equal(again.json.detail, `Unable to find term relation for term1=${a.id} term2=${b.id}`);
});

test('legacy domains keep 5.2 command responses and numeric undo', async () => {
  const p = projectByName(emu, 'PANC-Biopsies');
  const body = { project: p.id, image: emu.state.imagesOfProject(p.id)[0].id, location: 'POINT(10 10)' };
  const c = await ok('alice', 'POST', '/api/annotation.json', { body });
  assert.equal(typeof c.command, 'number');
  assert.equal(c.annotation.class, 'be.cytomine.domain.ontology.UserAnnotation');
  const u = await ok('alice', 'GET', `/api/command/${c.command}/undo.json`);
  assert.equal(u.collection.length, 1);
  assert.equal(emu.state.get('annotation', c.annotation.id), undefined);
});

test('storage, tag, tag association, uploaded file, role and user-role records and bodies', async () => {
  const s = await ok('alice', 'POST', '/api/storage.json', { body: { name: 'Slides' } });
  assert.equal(s.command, 'be.cytomine.AddStorageCommand');
  assert.deepEqual([s.data.userId, s.data.name, s.data.dataType], [emu.state.userByUsername('alice').id, 'Slides', 'STORAGE']);
  assert.ok((await ok('alice', 'GET', '/api/storage.json')).collection.some((x) => x.id === s.data.id));
  assert.equal((await api(emu, 'dave', 'GET', `/api/storage/${s.data.id}.json`)).status, 404);

  const f = await ok('alice', 'POST', '/api/uploadedfile.json', { body: { user: 0, storage: s.data.id, filename: 'a/b.svs', originalFilename: 'b.svs', ext: 'svs', contentType: 'openslide/svs', size: 12, status: 100, projects: [] } });
  assert.equal(f.command, 'be.cytomine.AddUploadedFileCommand');
  assert.deepEqual([f.data.storage, f.data.path, f.data.thumbnailUrl, f.data.statusText], [s.data.id, 'a/b.svs', null, undefined]);
  const fe = await ok('alice', 'PUT', `/api/uploadedfile/${f.data.id}.json`, { body: { status: 41 } });
  assert.deepEqual([fe.data.status, fe.data.originalFilename], [41, 'b.svs']);

  const tag = await ok('alice', 'POST', '/api/tag.json', { body: { name: 'urgent-2026' } });
  assert.deepEqual([tag.command, tag.data.creatorName, tag.data.user], ['be.cytomine.AddTagCommand', 'alice', undefined]);
  const tags = await ok('alice', 'GET', '/api/tag.json');
  assert.equal(tags.collection[0].id, tag.data.id, 'tags are listed newest first by default');
  const p = projectByName(emu, 'PANC-Biopsies');
  const cls = 'be.cytomine.domain.project.Project';
  const tda = await ok('alice', 'POST', '/api/tag_domain_association.json', { body: { tagId: tag.data.id, domainClassName: cls, domainId: p.id } });
  assert.equal(tda.command, 'be.cytomine.AddTagDomainAssociationCommand');
  assert.deepEqual(tda.data, { ...tda.data, tagId: tag.data.id, domainClassName: cls, domainId: p.id, dataType: 'TAG_DOMAIN_ASSOCIATION' });
  assert.equal(tda.data.tag, undefined);
  const legacyBody = await api(emu, 'alice', 'POST', '/api/tag_domain_association.json', { body: { tag: tag.data.id, domainClassName: cls, domainIdent: p.id } });
  assert.equal(legacyBody.status, 400, '5.2 keys tag/domainIdent leave tagId at 0');
  const byDomain = await ok('alice', 'GET', `/api/domain/${cls}/${p.id}/tag_domain_association.json`);
  assert.ok(byDomain.collection.some((x) => x.id === tda.data.id));

  const roles = await ok('alice', 'GET', '/api/role.json');
  assert.deepEqual(roles.collection.map((r) => r.authority), ['ROLE_GUEST', 'ROLE_USER', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);
  assert.equal(roles.collection[0].dataType, 'ROLE');
  const dave = emu.state.userByUsername('dave');
  const ur = await ok('alice', 'GET', `/api/user/${dave.id}/role.json`);
  assert.deepEqual(ur.collection.map((x) => [x.userId, x.roleId, x.dataType]), [[dave.id, roles.collection[1].id, 'USER_ROLE']]);
  const add = await ok('admin', 'POST', `/api/user/${dave.id}/role.json`, { body: { userId: dave.id, roleId: roles.collection[2].id } });
  assert.equal(add.command, 'be.cytomine.AddSecUserSecRoleCommand');
  assert.ok(emu.state.userByUsername('dave').roles.includes('ROLE_ADMIN'));
  const rm = await ok('admin', 'DELETE', `/api/user/${dave.id}/role/${roles.collection[2].id}.json`);
  assert.equal(rm.command, 'be.cytomine.DeleteSecUserSecRoleCommand');
  assert.ok(!emu.state.userByUsername('dave').roles.includes('ROLE_ADMIN'));
});

test('users: POST user.json, partial PUT, DELETE (admin protected)', async () => {
  const c = await ok('admin', 'POST', '/api/user.json', { body: { username: 'erin', email: 'erin@x.test', role: 'ROLE_USER', language: 'EN', developer: false, password: 'pw' } });
  assert.equal(c.command, 'be.cytomine.AddSecUserCommand');
  assert.deepEqual([c.data.username, c.data.dataType, c.data.roles.map((r) => r.authority)], ['erin', 'USER', ['ROLE_USER']]);
  const e = await ok('admin', 'PUT', `/api/user/${c.data.id}.json`, { body: { username: 'erin', lastname: 'Example' } });
  assert.deepEqual([e.data.lastname, e.data.email], ['Example', 'erin@x.test']);
  assert.equal((await api(emu, 'bob', 'PUT', `/api/user/${c.data.id}.json`, { body: { username: 'erin', lastname: 'B' } })).status, 404);
  const d = await ok('admin', 'DELETE', `/api/user/${c.data.id}.json`);
  assert.equal(d.command, 'be.cytomine.DeleteSecUserCommand');
  assert.equal(emu.state.userByUsername('erin'), undefined);
  const admin = emu.state.userByUsername('admin');
  const refused = await api(emu, 'admin', 'DELETE', `/api/user/${admin.id}.json`);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.detail, "should NOT delete 'admin' or 'ImageServer1' users");
  assert.equal((await api(emu, 'alice', 'POST', '/api/user.json', { body: { username: 'x', email: 'x@x', role: 'ROLE_USER' } })).status, 403);
});
