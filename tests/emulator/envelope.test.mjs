import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, getJson, projectByName, raw } from './helpers.mjs';

let emu;
before(async () => { emu = await start({ dataset: 'demo' }); });
after(async () => { await emu.close(); });

const KEYS = ['collection', 'offset', 'perPage', 'size', 'totalPages'];

/** The contract's path-1 arithmetic (§2.3). */
function path1(size, offset, max) {
  const m = max > 0 ? max : 2147483647;
  return { offset, perPage: Math.min(m, size), size, totalPages: Math.ceil(size / m), len: offset >= size ? 0 : Math.min(m, size - offset) };
}
/** The contract's path-2 arithmetic (§2.3). */
function path2(size, offset, max) {
  const m = max > 0 ? max : 2147483647;
  const rows = offset >= size ? 0 : Math.min(m, size - offset);
  return { offset, perPage: Math.min(m, rows), size, totalPages: Math.ceil(size / m), len: rows };
}

test('path 1 (in-memory lists): perPage = min(max, size), totalPages = ceil(size/max), offset past the end is empty', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const all = await getJson(emu, 'alice', `/api/project/${panc.id}/term.json`);
  const size = all.size;
  assert.equal(size, 7);
  assert.deepEqual(Object.keys(all).sort(), [...KEYS].sort());
  for (const [offset, max] of [[0, 0], [0, 3], [3, 3], [6, 3], [7, 3], [50, 3], [2, 0], [0, 100], [5, 100]]) {
    const r = await getJson(emu, 'alice', `/api/project/${panc.id}/term.json?offset=${offset}&max=${max}`);
    const e = path1(size, offset, max);
    assert.equal(r.offset, e.offset, `offset ${offset} max ${max}`);
    assert.equal(r.perPage, e.perPage, `perPage ${offset}/${max}`);
    assert.equal(r.size, e.size);
    assert.equal(r.totalPages, e.totalPages, `totalPages ${offset}/${max}`);
    assert.equal(r.collection.length, e.len, `length ${offset}/${max}`);
    assert.deepEqual(r.collection.map((t) => t.id), all.collection.slice(offset, max > 0 ? offset + max : undefined).map((t) => t.id));
  }
  // an empty path-1 list: totalPages 0
  const skin = projectByName(emu, 'Skin-Melanoma');
  const none = await getJson(emu, 'carol', `/api/project/${skin.id}/term.json?max=10`);
  assert.deepEqual(none, { collection: [], offset: 0, perPage: 0, size: 0, totalPages: 0 });
});

test('path 2 (SQL pages): perPage = min(max, rows in page)', async () => {
  const all = await getJson(emu, 'admin', '/api/user.json');
  const size = all.size;
  assert.equal(size, 6);
  for (const [offset, max] of [[0, 0], [0, 4], [4, 4], [6, 4], [10, 4], [5, 2], [1, 0]]) {
    const r = await getJson(emu, 'admin', `/api/user.json?offset=${offset}&max=${max}`);
    const e = path2(size, offset, max);
    assert.deepEqual({ offset: r.offset, perPage: r.perPage, size: r.size, totalPages: r.totalPages, len: r.collection.length }, e, `offset ${offset} max ${max}`);
  }
  // sorted by username asc by default
  assert.deepEqual(all.collection.map((u) => u.username), ['admin', 'alice', 'bob', 'carol', 'dave', 'guest']);
  // projects: path 2 too
  const p = await getJson(emu, 'alice', '/api/project.json?max=4&offset=4');
  assert.equal(p.size, 6);
  assert.equal(p.perPage, 2);
  assert.equal(p.totalPages, 2);
});

test('annotation search paging is path 1', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const r = await getJson(emu, 'alice', `/api/annotation.json?project=${panc.id}&offset=1195&max=10`);
  assert.equal(r.size, 1200);
  assert.equal(r.perPage, 10);
  assert.equal(r.totalPages, 120);
  assert.equal(r.collection.length, 5);
  const past = await getJson(emu, 'alice', `/api/annotation.json?project=${panc.id}&offset=5000&max=10`);
  assert.equal(past.collection.length, 0);
  assert.equal(past.perPage, 10);
  assert.equal(past.size, 1200);
});

test('single objects are bare, with class and string dates', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const p = await getJson(emu, 'alice', `/api/project/${panc.id}.json`);
  assert.equal(p.class, 'be.cytomine.domain.project.Project');
  assert.equal(p.id, panc.id);
  assert.equal(typeof p.created, 'string');
  assert.equal(p.created, String(panc.created));
  assert.equal(p.updated, null);
  assert.ok(!('collection' in p));
});

test('shape A errors: 403 non-member, 404 ObjectNotFound, 400 bad argument', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const r = await api(emu, 'dave', 'GET', `/api/project/${panc.id}/imageinstance.json`);
  assert.equal(r.status, 403);
  assert.equal(typeof r.json.errors.message, 'string');
  assert.match(r.json.errors.message, /right to read/);
  assert.deepEqual(r.json.errorValues, {});
  const nf = await api(emu, 'alice', 'GET', '/api/imageinstance/999999.json');
  assert.equal(nf.status, 404);
  assert.deepEqual(nf.json, { errors: { message: 'ImageInstance 999999 not found' }, errorValues: {} });
  const noContainer = await api(emu, 'alice', 'GET', '/api/annotation.json?user=2');
  assert.equal(noContainer.status, 400);
  assert.equal(noContainer.json.errors.message, 'There is no project or image or slice filter. We cannot check acl!');
});

test("shape B' 404 of show handlers", async () => {
  const r = await api(emu, 'alice', 'GET', '/api/project/424242.json');
  assert.equal(r.status, 404);
  assert.deepEqual(r.json, { errors: { message: 'Project not found with filters : {id=424242}' } });
  const u = await api(emu, 'alice', 'GET', '/api/user/nobody.json');
  assert.deepEqual(u.json, { errors: { message: 'User not found with filters : {username=nobody}' } });
});

test('shape B errors: 409 duplicate project name, 404 update of unknown id', async () => {
  const r = await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: 'PANC-Biopsies' } });
  assert.equal(r.status, 409);
  assert.deepEqual(r.json, { success: false, errors: 'Project PANC-Biopsies already exist!', errorValues: {} });
  const u = await api(emu, 'alice', 'PUT', '/api/project/1.json', { body: { name: 'x' } });
  assert.equal(u.status, 404);
  assert.deepEqual(u.json, { success: false, errors: 'class be.cytomine.domain.project.Project null not found', errorValues: {} });
  const g = await api(emu, 'guest', 'POST', '/api/project.json', { body: { name: 'Guest-project' } });
  assert.equal(g.status, 403);
  assert.equal(g.json.success, false);
  assert.equal(typeof g.json.errors, 'string');
});

test('unknown /api route -> 404 shape A; repeated parameter -> 500 shape A', async () => {
  const r = await api(emu, 'alice', 'GET', '/api/nothing/here.json');
  assert.equal(r.status, 404);
  assert.equal(typeof r.json.errors.message, 'string');
  const rep = await api(emu, 'alice', 'GET', '/api/project.json?max=1&max=2');
  assert.equal(rep.status, 500);
  assert.deepEqual(rep.json, { errors: { message: 'Method is not yet implemented' }, errorValues: {} });
});

test('malformed JSON body -> 400 shape A; huge body -> 413', async () => {
  const r = await api(emu, 'alice', 'POST', '/api/project.json', { body: '{"name": ', contentType: 'application/json' });
  assert.equal(r.status, 400);
  assert.equal(r.json.errors.message, 'The body cannot be parsed, is the body content in the good format?');
  const big = await raw(emu, 'POST', '/api/project.json', { headers: { 'Content-Length': String(60 * 1024 * 1024), 'Content-Type': 'application/json' }, body: '{}' }).catch((e) => ({ error: e }));
  if (!big.error) assert.equal(big.status, 413);
});

test('command responses: message, callback, printMessage, object key, command; 200 not 201', async () => {
  const r = await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: 'Envelope-Test', ontology: null } });
  assert.equal(r.status, 200);
  const b = r.json;
  assert.deepEqual(Object.keys(b).sort(), ['callback', 'command', 'message', 'printMessage', 'project']);
  assert.equal(b.printMessage, true);
  assert.equal(typeof b.command, 'number');
  assert.equal(b.callback.method, 'be.cytomine.AddProjectCommand');
  assert.equal(b.callback.projectID, String(b.project.id));
  assert.equal(b.message, `Project ${b.project.id.toLocaleString('en-US')} (Envelope-Test) added`);
  const e = await api(emu, 'alice', 'PUT', `/api/project/${b.project.id}.json`, { body: { ...b.project, name: 'Envelope-Test-2' } });
  assert.equal(e.json.message, `Project ${b.project.id.toLocaleString('en-US')}  (Envelope-Test-2) edited`);
  assert.equal(e.json.callback.method, 'be.cytomine.EditProjectCommand');
  assert.equal(typeof e.json.project.updated, 'string');
  const d = await api(emu, 'alice', 'DELETE', `/api/project/${b.project.id}.json`);
  assert.equal(d.status, 200);
  assert.equal(d.json.callback.method, 'be.cytomine.DeleteProjectCommand');
  assert.equal(d.json.project.name, 'Envelope-Test-2');
});

test('PUT is a full replacement: omitted booleans reset to false, path id ignored', async () => {
  const c = await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: 'Put-Test', blindMode: true, isClosed: true, hideUsersLayers: true, ontology: projectByName(emu, 'PANC-Biopsies').ontology } });
  const p = c.json.project;
  assert.equal(p.blindMode, true);
  assert.equal(p.hideUsersLayers, true);
  const u = await api(emu, 'alice', 'PUT', '/api/project/999999.json', { body: { id: p.id, name: 'Put-Test' } });
  assert.equal(u.status, 200);
  assert.equal(u.json.project.blindMode, false);
  assert.equal(u.json.project.isClosed, false);
  assert.equal(u.json.project.hideUsersLayers, false);
  assert.equal(u.json.project.ontology, null);
  assert.equal(emu.state.get('project', p.id).blindMode, false);
});

test('list-valued search params as a JSON array in a POST body -> 500 (NumberFormatException in core)', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const r = await api(emu, 'alice', 'POST', '/api/annotation/search.json', { body: { project: panc.id, users: [2, 3] } });
  assert.equal(r.status, 500);
  assert.match(r.json.errors.message, /For input string: "\[2, 3\]"/);
  const ok = await api(emu, 'alice', 'POST', '/api/annotation/search.json', { body: { project: panc.id, users: '2,3', max: 1 } });
  assert.equal(ok.status, 200);
});
