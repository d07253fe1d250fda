/**
 * `--core 5.2` vs `--core 2026` on the wire (delta file §0, §1.1, §1.6, §1.7, §3.1, §3.4): signature
 * forms, ping and removed routes, the re-meant relation route, user JSON, token query parameters
 * and the admin project listing rule. One store, two behaviours.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { sign as signMsg, signatureMessage } from '../../emulator/auth.mjs';
import { api, cred, raw, sign, signToday, projectByName } from './helpers.mjs';

let e52;
let e26;
before(async () => {
  e52 = await start({ dataset: 'demo' });
  e26 = await start({ dataset: 'demo', core: '2026' });
});
after(async () => {
  await e52.close();
  await e26.close();
});

test('generation is reported and validated', async () => {
  assert.equal(e52.core, '5.2');
  assert.equal(e26.core, '2026');
  await assert.rejects(start({ core: '2025' }), /Unknown core "2025"/);
});

test("signature messages reproduce the delta file's test vectors", () => {
  const key = '00000000-0000-0000-0000-000000000000';
  const date = 'Mon, 01 Jan 2024 00:00:00 GMT';
  const base = { method: 'GET', date, path: '/api/project.json', query: 'max=10&offset=0' };
  assert.equal(signMsg(key, signatureMessage({ ...base, core: '2026' })), 'QTefUm+usmIWIQcYLGi6AgkkONY=');
  assert.equal(signMsg(key, signatureMessage({ ...base, contentType: 'application/json', core: '2026' })), 'KRoldob8uGAVIqi8/TgqKkoFjsk=');
  assert.equal(signMsg(key, signatureMessage({ ...base, core: '5.2' })), 'cG3S7JS65pnYlju08wYTcXqF0oU=');
  assert.equal(signatureMessage({ ...base, core: '2026' }), `GET\n\n\n${date}`);
});

/** One API-key GET signed in a given form and content type. */
function signedGet(emu, form, p, sigCt = '') {
  const c = cred(emu, 'alice');
  const date = new Date().toUTCString();
  const sig = form === '2026' ? signToday(c.privateKey, 'GET', sigCt, date) : sign(c.privateKey, 'GET', sigCt, date, p);
  return raw(emu, 'GET', p, { headers: { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${sig}` } });
}

test('each generation accepts only its own signature form; the other gets the 401 HTML page', async () => {
  const p = '/api/project.json?max=10&offset=0';
  for (const [emu, own, other] of [[e52, '5.2', '2026'], [e26, '2026', '5.2']]) {
    const ok = await signedGet(emu, own, p);
    assert.equal(ok.status, 200, `${emu.core} own form`);
    assert.ok(ok.json.collection.length > 0);
    const forced = await signedGet(emu, own, p, 'application/json');
    assert.equal(forced.status, 200, `${emu.core} forced application/json for .json URLs`);
    const bad = await signedGet(emu, other, p);
    assert.equal(bad.status, 401, `${emu.core} refuses the ${other} form`);
    assert.match(bad.headers['content-type'], /text\/html/);
    assert.match(bad.text, /Cytomine error 401/);
  }
  // today a signature binds no path: the same headers work on another URL (delta §1.1 consequence)
  const c = cred(e26, 'alice');
  const date = new Date().toUTCString();
  const headers = { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${signToday(c.privateKey, 'GET', '', date)}` };
  assert.equal((await raw(e26, 'GET', '/api/user/current.json', { headers })).status, 200);
  assert.equal((await raw(e26, 'GET', '/api/ontology.json', { headers })).status, 200);
});

test('signature.json signs the form of its generation (today forwardURI/queryString are ignored)', async () => {
  const c = cred(e26, 'alice');
  const q = '/api/signature.json?method=GET&date=Mon%2C%2001%20Jan%202024%2000%3A00%3A00%20GMT&forwardURI=/api/project.json&queryString=max%3D1';
  const today = await api(e26, 'alice', 'GET', q);
  assert.equal(today.json.signature, signToday(c.privateKey, 'GET', '', 'Mon, 01 Jan 2024 00:00:00 GMT'));
  const c52 = cred(e52, 'alice');
  const old = await api(e52, 'alice', 'GET', q);
  assert.equal(old.json.signature, sign(c52.privateKey, 'GET', '', 'Mon, 01 Jan 2024 00:00:00 GMT', '/api/project.json?max=1'));
});

test('ping: today only GET/HEAD /server/ping; 5.2 answers ping.json, POST ping and status.json too', async () => {
  const ping = await raw(e26, 'GET', '/server/ping');
  assert.equal(ping.status, 200);
  assert.deepEqual(Object.keys(ping.json).sort(), ['alive', 'serverID', 'serverURL', 'version']);
  assert.equal(ping.json.alive, true);
  assert.equal(ping.json.version, '0.0.0');
  assert.equal((await raw(e26, 'HEAD', '/server/ping')).status, 200);
  const pj = await raw(e26, 'GET', '/server/ping.json');
  assert.equal(pj.status, 404);
  assert.equal(pj.headers['content-type'], 'application/problem+json');
  assert.deepEqual(pj.json, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No static resource server/ping.json.', instance: '/server/ping.json' });
  assert.equal((await raw(e26, 'HEAD', '/server/ping.json')).status, 404);
  assert.equal((await raw(e26, 'GET', '/status.json')).status, 404);
  const post = await raw(e26, 'POST', '/server/ping');
  assert.equal(post.status, 405, 'Spring answers 405 when only the method is missing');
  assert.equal(post.headers.allow, 'GET');
  assert.equal(post.json.title, 'Method Not Allowed');

  for (const [m, p] of [['GET', '/server/ping.json'], ['POST', '/server/ping.json'], ['POST', '/server/ping'], ['GET', '/status.json'], ['GET', '/server/ping']]) {
    const r = await raw(e52, m, p);
    assert.equal(r.status, 200, `5.2 ${m} ${p}`);
    assert.equal(r.json.version, '5.2.0');
  }
});

test('removed routes of delta §3.1 answer 404 (405 where another method stays) today and work in 5.2', async () => {
  const hist = [...e26.state.t.ontology.values()].find((o) => o.name === 'Histology');
  const terms = e26.state.termsOfOntology(hist.id);
  const tumor = terms.find((t) => t.name === 'Tumor');
  const high = terms.find((t) => t.name === 'High-grade tumor');
  const storage = [...e26.state.t.storage.values()][0];
  const rel = e26.state.parentRelationId;
  const cases = [
    ['GET', '/command/undo.json', 404, 200],
    ['GET', '/custom-ui/config.json', 404, 200],
    ['GET', '/api/term.json', 405, 200],
    ['GET', `/api/relation/term/1/${tumor.id}.json`, 404, 200],
    ['GET', `/api/relation/parent/term1/${tumor.id}/term2/${high.id}.json`, 405, 200],
    ['GET', `/api/relation/${rel}/term1/${tumor.id}/term2/${high.id}.json`, 404, 200],
  ];
  if (storage) cases.push(['GET', `/api/storage/${storage.id}/user.json`, 404, 200]);
  for (const [m, p, today, old] of cases) {
    const r26 = await api(e26, 'admin', m, p);
    assert.equal(r26.status, today, `2026 ${m} ${p}`);
    assert.equal(r26.headers['content-type'], 'application/problem+json');
    assert.equal(r26.json.instance, p.split('?')[0]);
    const r52 = await api(e52, 'admin', m, p);
    assert.equal(r52.status, old, `5.2 ${m} ${p}`);
  }
  // the /api forms of custom-ui and command stay in both
  assert.equal((await api(e26, 'alice', 'GET', '/api/custom-ui/config.json')).status, 200);
  assert.equal((await api(e26, 'alice', 'GET', '/api/command/undo.json')).status, 200);
  // without credentials an /api path is still the 401 page first
  assert.equal((await raw(e26, 'GET', '/api/term.json')).status, 401);
  // POST relation/{id}/term.json is gone; relation/term.json and relation/parent/term.json stay
  const gone = await api(e26, 'admin', 'POST', `/api/relation/${rel}/term.json`, { body: { term1: tumor.id, term2: high.id } });
  assert.equal(gone.status, 404);
});

test('GET relation/term/{id}.json: 5.2 lists the relations of term {id}; today returns relation {id}', async () => {
  const hist = [...e26.state.t.ontology.values()].find((o) => o.name === 'Histology');
  const tumor = e26.state.termsOfOntology(hist.id).find((t) => t.name === 'Tumor');
  const relation = [...e26.state.t.relationterm.values()].find((x) => x.term1 === tumor.id);
  const old = await api(e52, 'alice', 'GET', `/api/relation/term/${tumor.id}.json`);
  assert.equal(old.status, 200);
  assert.deepEqual(old.json.collection.map((x) => x.id), [relation.id]);
  assert.equal(old.json.collection[0].term1, tumor.id);
  const today = await api(e26, 'alice', 'GET', `/api/relation/term/${relation.id}.json`);
  assert.equal(today.status, 200);
  assert.deepEqual(today.json, {
    id: relation.id, term1Id: relation.term1, term2Id: relation.term2, relationId: e26.state.parentRelationId,
    created: today.json.created, updated: null, deleted: null, name: 'parent', dataType: 'TERM_RELATION',
  });
  assert.match(today.json.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  const byTermId = await api(e26, 'alice', 'GET', `/api/relation/term/${tumor.id}.json`);
  assert.equal(byTermId.status, 404, 'a term id is not a relation id');
  assert.equal(byTermId.json.detail, `Unable to find term relation with id: ${tumor.id}`);
});

test('user JSON: today user/current.json and lists add email, names, language, isDeveloper, numeric dates', async () => {
  const u = e26.state.userByUsername('alice');
  const cur = (await api(e26, 'alice', 'GET', '/api/user/current.json')).json;
  assert.deepEqual(cur, {
    id: u.id, username: 'alice', name: 'Alice Martin', email: 'alice@cytomine.test', fullName: 'Alice Martin (alice)', firstname: 'Alice',
    lastname: 'Martin', language: 'EN', isDeveloper: false, created: u.created, updated: null,
  });
  assert.equal(typeof cur.created, 'number');
  const old = (await api(e52, 'alice', 'GET', '/api/user/current.json')).json;
  assert.deepEqual(Object.keys(old).sort(), ['fullName', 'id', 'name', 'username']);
  const list = (await api(e26, 'alice', 'GET', '/api/user.json')).json.collection;
  assert.equal(list.find((x) => x.username === 'bob').email, 'bob@cytomine.test');
});

test('user/{id}.json: today the repository UserResponse (numeric ids only, keys included, no fullName)', async () => {
  const bob = e26.state.userByUsername('bob');
  const r = await api(e26, 'alice', 'GET', `/api/user/${bob.id}.json`);
  assert.equal(r.status, 200);
  assert.equal(r.json.fullName, undefined);
  assert.equal(r.json.dataType, 'USER');
  assert.equal(r.json.language, 'ENGLISH');
  assert.equal(r.json.publicKey, bob.publicKey, 'the repository has no ACL on get (delta §3.4)');
  assert.deepEqual(r.json.roles.map((x) => x.authority), ['ROLE_USER']);
  const byName = await api(e26, 'alice', 'GET', '/api/user/bob.json');
  assert.equal(byName.status, 400);
  assert.equal(byName.json.detail, "Failed to convert 'id' with value: 'bob'");
  const old = await api(e52, 'alice', 'GET', '/api/user/bob.json');
  assert.equal(old.status, 200);
  assert.equal(old.json.fullName, 'Bob Dupont (bob)');
});

/** A JWT nobody signed (alg none) naming `username`. */
const forged = (username) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ preferred_username: username })).toString('base64url')}.x`;

test('token query parameters: today auth/Authorization become a verified bearer, thumbs read lower-case authorization', async () => {
  const token = cred(e26, 'alice').token;
  const ii = e26.state.imagesOfProject(projectByName(e26, 'PANC-Biopsies').id)[0];
  assert.equal((await raw(e26, 'GET', `/api/project.json?auth=${token}`)).status, 200);
  assert.equal((await raw(e26, 'GET', `/api/project.json?Authorization=Bearer%20${token}`)).status, 200);
  const badAuth = await raw(e26, 'GET', '/api/project.json?auth=not-a-jwt');
  assert.equal(badAuth.status, 401);
  assert.match(badAuth.headers['www-authenticate'], /invalid_token/);
  assert.equal((await raw(e52, 'GET', `/api/project.json?auth=${token}`)).status, 401, '5.2 has no TokenFromParameterFilter');

  const thumb = (emu, q) => raw(emu, 'GET', `/api/imageinstance/${ii.id}/thumb.png?maxSize=64&${q}`);
  const lower = await thumb(e26, `authorization=Bearer%20${forged('alice')}`);
  assert.equal(lower.status, 200, 'the handler decodes its parameter without verification');
  assert.equal(lower.headers['content-type'], 'image/png');
  assert.equal((await thumb(e26, `Authorization=Bearer%20${forged('alice')}`)).status, 401, 'upper-case goes through the verifying filter');
  assert.equal((await thumb(e52, `Authorization=Bearer%20${forged('alice')}`)).status, 200);
  assert.equal((await thumb(e52, `authorization=Bearer%20${forged('alice')}`)).status, 401);
  // today userannotation crops take no token parameter of their own
  const ann = e26.state.annotationIdsOfProject(projectByName(e26, 'PANC-Biopsies').id)[0];
  assert.equal((await raw(e26, 'GET', `/api/userannotation/${ann}/crop.png?authorization=Bearer%20${forged('alice')}`)).status, 401);
  assert.equal((await raw(e52, 'GET', `/api/userannotation/${ann}/crop.png?Authorization=Bearer%20${forged('alice')}`)).status, 200);
});

test('admin project listing: today all projects only for username admin with the admin session on', async () => {
  for (const emu of [e52, e26]) {
    const carol = emu.state.userByUsername('carol');
    carol.roles = ['ROLE_USER', 'ROLE_ADMIN'];
    assert.equal((await api(emu, 'carol', 'GET', '/session/admin/open.json')).status, 200);
    assert.equal((await api(emu, 'admin', 'GET', '/session/admin/open.json')).status, 200);
  }
  const total = e26.state.t.project.size;
  const mine = [...e26.state.t.project.values()].filter((p) => e26.state.membersOf(p.id).contributors.has(e26.state.userByUsername('carol').id)).length;
  assert.ok(mine < total);
  assert.equal((await api(e52, 'carol', 'GET', '/api/project.json')).json.size, total);
  assert.equal((await api(e26, 'carol', 'GET', '/api/project.json')).json.size, mine);
  assert.equal((await api(e26, 'admin', 'GET', '/api/project.json')).json.size, total);
});

test('annotation report: GET with query in 5.2, only POST with a JSON body today', async () => {
  const p = projectByName(e26, 'PANC-Biopsies');
  const hist = [...e26.state.t.ontology.values()].find((o) => o.name === 'Histology');
  const tumor = e26.state.termsOfOntology(hist.id).find((t) => t.name === 'Tumor');
  const withTumor = e26.state.annotationIdsOfProject(p.id).filter((a) => e26.state.termsOfAnnotation(a).some((at) => at.term === tumor.id));
  const old = await api(e52, 'alice', 'GET', `/api/project/${p.id}/annotation/download?format=csv&terms=${tumor.id}`);
  assert.equal(old.status, 200);
  assert.equal(old.headers['content-type'], 'text/csv;charset=UTF-8');
  assert.match(old.headers['content-disposition'], new RegExp(`^attachment; filename=\\d{8}_annotations_project${p.id}\\.csv$`));
  const rows = old.text.trim().split('\r\n');
  assert.equal(rows[0].split(',')[0], 'Id');
  assert.deepEqual(rows.slice(1).map((l) => Number(l.split(',')[0])).sort((a, b) => a - b), [...withTumor].sort((a, b) => a - b));
  assert.equal((await api(e26, 'alice', 'GET', `/api/project/${p.id}/annotation/download?format=csv`)).status, 405);
  const today = await api(e26, 'alice', 'POST', `/api/project/${p.id}/annotation/download`, { body: { format: 'csv', terms: [String(tumor.id)] } });
  assert.equal(today.status, 200);
  assert.match(today.headers['content-disposition'], /^attachment; filename=\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_PANC-Biopsies_annotations\.csv$/);
  // The crop and viewer URLs name each emulator's own address.
  const report = (r, emu) => r.text.replaceAll(emu.url, '<server>');
  assert.equal(report(today, e26), report(old, e52), 'same data, same report');
  const single = await api(e26, 'alice', 'POST', `/api/project/${p.id}/annotation/download`, { body: { format: 'csv', terms: String(tumor.id) } });
  assert.equal(report(single, e26), report(old, e52), 'a single value is accepted for a list field');
  assert.equal((await api(e52, 'alice', 'POST', `/api/project/${p.id}/annotation/download`, { body: { format: 'csv' } })).status, 404);
});

test('JSON members removed today: SliceInstance.mime', async () => {
  const ii = e26.state.imagesOfProject(projectByName(e26, 'PANC-Biopsies').id)[0];
  const sl = e26.state.slicesOfImage(ii.id)[0];
  const today = (await api(e26, 'alice', 'GET', `/api/sliceinstance/${sl.id}.json`)).json;
  const old = (await api(e52, 'alice', 'GET', `/api/sliceinstance/${sl.id}.json`)).json;
  assert.equal(old.mime, 'image/pyrtiff');
  assert.equal('mime' in today, false);
  assert.equal(today.id, sl.id);
});

test('today: user.json items carry role; an ADMIN bearer token opens the admin session; CORS exposes Content-Disposition', async () => {
  const list = (await api(e26, 'alice', 'GET', '/api/user.json')).json.collection;
  assert.deepEqual(Object.fromEntries(list.map((u) => [u.username, u.role])), { admin: 'ROLE_ADMIN', alice: 'ROLE_USER', bob: 'ROLE_USER', carol: list.find((u) => u.username === 'carol').role, dave: 'ROLE_USER', guest: 'ROLE_GUEST' });
  assert.equal((await api(e52, 'alice', 'GET', '/api/user.json')).json.collection[0].role, undefined);

  const fresh = await start({ dataset: 'demo', core: '2026' });
  try {
    const admin = fresh.state.userByUsername('admin');
    assert.equal(fresh.state.adminSessions.has(admin.id), false);
    const r = await raw(fresh, 'GET', '/api/project.json', { headers: { Authorization: `Bearer ${fresh.issueToken('admin')}` } });
    assert.equal(r.json.size, fresh.state.t.project.size, 'all projects without /session/admin/open.json');
    assert.equal(fresh.state.adminSessions.has(admin.id), true);
  } finally {
    await fresh.close();
  }

  const pre = await raw(e26, 'OPTIONS', '/api/project.json', { headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,x-custom' } });
  assert.equal(pre.headers['access-control-allow-headers'], 'authorization,x-custom');
  const get = await raw(e26, 'GET', '/server/ping', { headers: { Origin: 'http://app.test' } });
  assert.match(get.headers['access-control-expose-headers'], /Content-Disposition/);
});

test('CLI: --core and --token-lifetime; the request log redacts token query parameters', async () => {
  const { parseArgs } = await import('../../emulator/cli.mjs');
  assert.deepEqual(parseArgs(['--core', '2026', '--token-lifetime', '5']), { core: '2026', tokenLifetimeS: 5 });
  assert.deepEqual(parseArgs(['--core=5.2']), { core: '5.2' });
  assert.throws(() => parseArgs(['--core', '2025']), /--core must be 5.2 or 2026/);
  const token = cred(e26, 'alice').token;
  await raw(e26, 'GET', `/api/project.json?auth=${token}&max=1`);
  await raw(e26, 'GET', `/api/project.json?authorization=Bearer%20${token}`);
  const logged = e26.requests.slice(-2).map((r) => r.query);
  assert.deepEqual(logged, ['auth=[redacted]&max=1', 'authorization=[redacted]']);
  assert.ok(!JSON.stringify(e26.requests).includes(token.split('.')[2]));
});

test('today: GeoJSON export of a project\'s annotations (absent in 5.2)', async () => {
  const p = projectByName(e26, 'PANC-Biopsies');
  const r = await api(e26, 'alice', 'GET', `/api/project/${p.id}/annotations/export`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/geo+json');
  assert.match(r.headers['content-disposition'], /_PANC-Biopsies_annotations\.geojson$/);
  const ids = e26.state.annotationIdsOfProject(p.id);
  assert.equal(r.json.type, 'FeatureCollection');
  assert.equal(r.json.features.length, ids.length);
  const a = e26.state.get('annotation', Math.min(...ids));
  const f = r.json.features[0];
  assert.equal(f.type, 'Feature');
  assert.equal(f.geometry.type.toUpperCase(), a.location.split(/[ (]/)[0].toUpperCase());
  const firstTerm = e26.state.termsOfAnnotation(a.id)[0];
  assert.deepEqual(f.properties, firstTerm ? { path_class_name: e26.state.get('term', firstTerm.term).name } : {});
  assert.equal((await api(e52, 'alice', 'GET', `/api/project/${p.id}/annotations/export`)).status, 404);
  assert.equal((await api(e26, 'dave', 'GET', `/api/project/${p.id}/annotations/export`)).status, 403);
});
