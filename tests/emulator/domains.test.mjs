import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, getJson, projectByName } from './helpers.mjs';

let emu;
before(async () => { emu = await start({ dataset: 'demo' }); });
after(async () => { await emu.close(); });

test('demo dataset facts', () => {
  const s = emu.state;
  assert.ok(s.t.user.size >= 3);
  assert.ok(s.t.project.size >= 6);
  assert.ok([...s.t.project.values()].filter((p) => p.name.startsWith('P')).length >= 3);
  assert.ok(s.t.ontology.size >= 2);
  for (const o of s.t.ontology.values()) assert.ok(s.termsOfOntology(o.id).length >= 5);
  assert.ok(s.t.abstractimage.size >= 20);
  assert.ok(s.t.annotation.size >= 5000);
  assert.ok([...s.t.project.values()].some((p) => p.ontology === null));
  assert.ok([...s.t.project.values()].some((p) => p.blindMode));
  assert.ok(s.t.relationterm.size >= 1);
  assert.ok(s.t.property.size > 0 && s.t.tag.size > 0 && s.t.description.size >= 2);
});

test('deterministic: two emulators have the same ids, keys and data', async () => {
  const other = await start({ dataset: 'demo' });
  try {
    assert.deepEqual(other.credentials.map((c) => [c.username, c.publicKey, c.privateKey]), emu.credentials.map((c) => [c.username, c.publicKey, c.privateKey]));
    const a = [...other.state.t.annotation.values()].slice(0, 200).map((x) => [x.id, x.location, x.created, x.user]);
    const b = [...emu.state.t.annotation.values()].slice(0, 200).map((x) => [x.id, x.location, x.created, x.user]);
    assert.deepEqual(a, b);
  } finally {
    await other.close();
  }
});

test('project list: membership, admin session, filters, sort and extra fields', async () => {
  const mine = await getJson(emu, 'alice', '/api/project.json');
  const expected = [...emu.state.t.project.values()].filter((p) => emu.state.membersOf(p.id).contributors.has(2));
  assert.deepEqual(mine.collection.map((p) => p.id).sort(), expected.map((p) => p.id).sort());
  // sorted by created desc by default
  const created = mine.collection.map((p) => Number(p.created));
  assert.deepEqual(created, [...created].sort((x, y) => y - x));
  const adminBefore = await getJson(emu, 'admin', '/api/project.json');
  assert.equal(adminBefore.size, 0);
  await api(emu, 'admin', 'GET', '/session/admin/open.json');
  const adminAfter = await getJson(emu, 'admin', '/api/project.json');
  assert.equal(adminAfter.size, emu.state.t.project.size);
  await api(emu, 'admin', 'GET', '/session/admin/close.json');
  const byName = await getJson(emu, 'alice', '/api/project.json?sort=name&order=asc&name%5Bilike%5D=p*');
  assert.deepEqual(byName.collection.map((p) => p.name), ['PANC-Biopsies', 'Placenta-Archive', 'PROSTATE-Gleason', 'Pulmonary-Nodules']);
  const contains = await getJson(emu, 'alice', `/api/project.json?name%255Bilike%255D=${encodeURIComponent('%olon%')}`);
  assert.deepEqual(contains.collection.map((p) => p.name), ['Colon-Polyps']);
  const extra = await getJson(emu, 'alice', '/api/project.json?withMembersCount=true&withLastActivity=true&withDescription=true&withCurrentUserRoles=true&sort=name&order=asc');
  const panc = extra.collection.find((p) => p.name === 'PANC-Biopsies');
  assert.equal(panc.membersCount, 4);
  assert.equal(typeof panc.lastActivity, 'number');
  assert.match(panc.description, /Pancreatic/);
  assert.deepEqual(panc.currentUserRoles, { admin: true, representative: false });
  const placenta = extra.collection.find((p) => p.name === 'Placenta-Archive');
  assert.equal(placenta.isReadOnly, false, 'list quirk: isReadOnly always false');
  const single = await getJson(emu, 'alice', `/api/project/${placenta.id}.json`);
  assert.equal(single.isReadOnly, true);
  // core's ProjectService.list reads the role filter only with withCurrentUserRoles=true
  const roles = await getJson(emu, 'bob', '/api/project.json?withCurrentUserRoles=true&currentUserRole%5Bin%5D=manager');
  assert.deepEqual(roles.collection.map((p) => p.name), ['Colon-Polyps']);
  const ignored = await getJson(emu, 'bob', '/api/project.json?currentUserRole%5Bin%5D=manager');
  assert.equal(ignored.size, 7);
});

test('members: user.json with role, admin.json, creator.json, add/remove', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const users = await getJson(emu, 'bob', `/api/project/${panc.id}/user.json`);
  assert.equal(users.size, 4);
  const alice = users.collection.find((u) => u.username === 'alice');
  assert.deepEqual(alice, { id: 2, username: 'alice', name: 'Alice Martin', fullName: 'Alice Martin (alice)', role: 'manager' });
  assert.equal(users.collection.find((u) => u.username === 'bob').role, 'contributor');
  const admins = await getJson(emu, 'bob', `/api/project/${panc.id}/admin.json`);
  assert.deepEqual(admins.collection.map((u) => u.username), ['alice']);
  const creator = await getJson(emu, 'bob', `/api/project/${panc.id}/creator.json`);
  assert.equal(creator.collection[0].username, 'alice');
  const notManager = await api(emu, 'bob', 'POST', `/api/project/${panc.id}/user/6.json`);
  assert.equal(notManager.status, 403);
  const add = await api(emu, 'alice', 'POST', `/api/project/${panc.id}/user/6.json`);
  assert.deepEqual(add.json, { data: { message: 'OK' } });
  assert.equal((await api(emu, 'dave', 'GET', `/api/project/${panc.id}.json`)).status, 200);
  const rm = await api(emu, 'alice', 'DELETE', `/api/project/${panc.id}/user.json?users=6`);
  assert.deepEqual(rm.json, { data: { message: 'OK' }, status: 200 });
  assert.equal((await api(emu, 'dave', 'GET', `/api/project/${panc.id}.json`)).status, 403);
  const mgr = await api(emu, 'alice', 'POST', `/api/project/${panc.id}/user/3/admin.json`);
  assert.equal(mgr.status, 200);
  assert.ok(emu.state.membersOf(panc.id).managers.has(3));
  await api(emu, 'alice', 'DELETE', `/api/project/${panc.id}/user/3/admin.json`);
  assert.ok(!emu.state.membersOf(panc.id).managers.has(3));
});

test('rights: non-member 403, guest read-only, non-manager cannot delete a project, read-only project', async () => {
  const skin = projectByName(emu, 'Skin-Melanoma');
  const r = await api(emu, 'alice', 'GET', `/api/project/${skin.id}.json`);
  assert.equal(r.status, 403);
  assert.ok(r.json.errors.message);
  const panc = projectByName(emu, 'PANC-Biopsies');
  assert.equal((await api(emu, 'guest', 'GET', `/api/project/${panc.id}.json`)).status, 200);
  const img = emu.state.imagesOfProject(panc.id)[0];
  // guests annotate in core 5.2 (UserAnnotationService.add: checkGuest), only project-level writes are refused
  const g = await api(emu, 'guest', 'POST', '/api/annotation.json', { body: { image: img.id, location: 'POINT (10 10)' } });
  assert.equal(g.status, 200);
  assert.equal((await api(emu, 'guest', 'POST', '/api/project.json', { body: { name: 'By-guest' } })).status, 403);
  const del = await api(emu, 'bob', 'DELETE', `/api/project/${panc.id}.json`);
  assert.equal(del.status, 403);
  assert.equal(del.json.success, false);
  const placenta = projectByName(emu, 'Placenta-Archive');
  const pimg = emu.state.imagesOfProject(placenta.id)[0];
  const ro = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: pimg.id, location: 'POINT (10 10)' } });
  assert.equal(ro.status, 403);
  assert.match(ro.json.errors, /readonly/);
  const mgr = await api(emu, 'alice', 'POST', '/api/annotation.json', { body: { image: pimg.id, location: 'POINT (10 10)' } });
  assert.equal(mgr.status, 200);
});

test('ontologies: term tree, projects, light; CRUD and 409', async () => {
  const histo = [...emu.state.t.ontology.values()].find((o) => o.name === 'Histology');
  const o = await getJson(emu, 'alice', `/api/ontology/${histo.id}.json`);
  assert.equal(o.class, 'be.cytomine.domain.ontology.Ontology');
  assert.equal(o.title, 'Histology');
  assert.deepEqual(o.attr, { id: histo.id, type: 'be.cytomine.domain.ontology.Ontology' });
  assert.equal(o.children.length, 6);
  const tumor = o.children.find((c) => c.name === 'Tumor');
  assert.equal(tumor.color, '#E53935');
  assert.equal(tumor.isFolder, true);
  assert.equal(tumor.children[0].name, 'High-grade tumor');
  assert.equal(tumor.children[0].parent, tumor.id);
  assert.deepEqual(o.children.map((c) => c.name), [...o.children.map((c) => c.name)].sort());
  assert.ok(o.projects.some((p) => p.name === 'PANC-Biopsies'));
  const light = await getJson(emu, 'alice', '/api/ontology.json?light=true');
  assert.ok(light.collection.every((x) => Object.keys(x).sort().join() === 'id,name'));
  const c = await api(emu, 'alice', 'POST', '/api/ontology.json', { body: { name: 'New-Onto' } });
  assert.equal(c.json.ontology.user, 2);
  assert.deepEqual(c.json.ontology.children, []);
  const dup = await api(emu, 'bob', 'POST', '/api/ontology.json', { body: { name: 'New-Onto' } });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.errors, 'Ontology New-Onto already exist!');
  const used = await api(emu, 'alice', 'DELETE', `/api/ontology/${histo.id}.json`);
  assert.equal(used.status, 400);
  const gone = await api(emu, 'alice', 'DELETE', `/api/ontology/${c.json.ontology.id}.json`);
  assert.equal(gone.status, 200);
  const nf = await api(emu, 'alice', 'GET', `/api/ontology/${c.json.ontology.id}.json`);
  assert.deepEqual(nf.json, { errors: { message: `Ontology not found with filters : {id=${c.json.ontology.id}}` } });
});

test('terms and relation terms', async () => {
  const histo = [...emu.state.t.ontology.values()].find((o) => o.name === 'Histology');
  const t = await api(emu, 'alice', 'POST', '/api/term.json', { body: { name: 'Mitosis', color: '#00ACC1', ontology: histo.id, parent: 999 } });
  assert.equal(t.status, 200);
  assert.equal(t.json.term.parent, null, 'parent is ignored on create');
  assert.equal(t.json.callback.ontologyID, histo.id);
  assert.equal(t.json.message, `Term ${t.json.term.id} (Mitosis) added in ontology Histology`);
  const dup = await api(emu, 'alice', 'POST', '/api/term.json', { body: { name: 'Mitosis', color: '#000000', ontology: histo.id } });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.errors, 'Term Mitosis already exist in this ontology!');
  const noOnto = await api(emu, 'alice', 'POST', '/api/term.json', { body: { name: 'X', color: '#000000' } });
  assert.equal(noOnto.status, 400);
  assert.equal(noOnto.json.errors, 'Ontology is mandatory for term creation');
  const tumor = emu.state.termsOfOntology(histo.id).find((x) => x.name === 'Tumor');
  const rel = await api(emu, 'alice', 'POST', '/api/relation/parent/term.json', { body: { term1: tumor.id, term2: t.json.term.id } });
  assert.equal(rel.status, 200);
  assert.equal(rel.json.relationterm.term1, tumor.id);
  const tt = await getJson(emu, 'alice', `/api/term/${t.json.term.id}.json`);
  assert.equal(tt.parent, tumor.id);
  const got = await getJson(emu, 'alice', `/api/relation/parent/term1/${tumor.id}/term2/${t.json.term.id}.json`);
  assert.equal(got.id, rel.json.relationterm.id);
  const rels = await getJson(emu, 'alice', `/api/relation/term/${tumor.id}.json`);
  assert.equal(rels.size, 2);
  await api(emu, 'alice', 'DELETE', `/api/relation/parent/term1/${tumor.id}/term2/${t.json.term.id}.json`);
  const nf = await api(emu, 'alice', 'GET', `/api/relation/parent/term1/${tumor.id}/term2/${t.json.term.id}.json`);
  assert.equal(nf.status, 404);
  const put = await api(emu, 'alice', 'PUT', `/api/term/${t.json.term.id}.json`, { body: { id: t.json.term.id, name: 'Mitotic figure', color: '#111111', ontology: histo.id } });
  assert.equal(put.json.term.name, 'Mitotic figure');
  assert.equal(put.json.term.comment, null);
  const pt = await getJson(emu, 'bob', `/api/project/${projectByName(emu, 'PANC-Biopsies').id}/term.json`);
  assert.ok(pt.collection.some((x) => x.name === 'Mitotic figure'));
  assert.equal((await api(emu, 'alice', 'GET', '/api/term.json')).status, 403);
  const del = await api(emu, 'alice', 'DELETE', `/api/term/${t.json.term.id}.json`);
  assert.equal(del.json.term.name, 'Mitotic figure');
});

test('images: list with filters, blind mode, next/previous, 409, slices, abstract images', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const list = await getJson(emu, 'bob', `/api/project/${panc.id}/imageinstance.json?sort=instanceFilename&order=asc`);
  assert.equal(list.size, 6);
  const names = list.collection.map((i) => i.instanceFilename);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  const i0 = list.collection[0];
  assert.equal(i0.thumb, `${emu.url}/api/imageinstance/${i0.id}/thumb.png?maxSize=512`);
  assert.ok('projectName' in i0 && i0.projectName === null);
  const filtered = await getJson(emu, 'bob', `/api/project/${panc.id}/imageinstance.json?instanceFilename%255Bilike%255D=${encodeURIComponent('%HER2%')}`);
  assert.deepEqual(filtered.collection.map((i) => i.instanceFilename), ['HER2-reference-slide.svs']);
  const light = await getJson(emu, 'bob', `/api/project/${panc.id}/imageinstance.json?light=true&max=2`);
  assert.deepEqual(Object.keys(light.collection[0]).sort(), ['id', 'instanceFilename']);
  assert.equal(light.perPage, 2);
  const units = new Set(list.collection.map((i) => i.physicalSizeX));
  assert.ok(units.has(0.25) && units.has(null));

  const pul = projectByName(emu, 'Pulmonary-Nodules');
  const asContributor = await getJson(emu, 'bob', `/api/project/${pul.id}/imageinstance.json`);
  assert.ok(asContributor.collection.every((i) => i.instanceFilename === null && i.originalFilename === null && i.filename === null));
  const asManager = await getJson(emu, 'carol', `/api/project/${pul.id}/imageinstance.json`);
  assert.ok(asManager.collection.every((i) => i.instanceFilename === String(i.baseImage) && i.blindedName === String(i.baseImage)));

  const ids = emu.state.idx.imagesByProject.get(panc.id);
  const next = await getJson(emu, 'bob', `/api/imageinstance/${ids[0]}/next.json`);
  assert.equal(next.id, ids[1]);
  const prev = await getJson(emu, 'bob', `/api/imageinstance/${ids[0]}/previous.json`);
  assert.deepEqual(prev, {});

  const shared = emu.state.get('imageinstance', ids[0]);
  const dup = await api(emu, 'alice', 'POST', '/api/imageinstance.json', { body: { baseImage: shared.baseImage, project: panc.id } });
  assert.equal(dup.status, 409);
  assert.match(dup.json.errors, /already map with project PANC-Biopsies$/);
  const unused = await getJson(emu, 'bob', '/api/abstractimage/unused.json');
  assert.equal(unused.size, 2);
  const add = await api(emu, 'alice', 'POST', '/api/imageinstance.json', { body: { baseImage: unused.collection[0].id, project: panc.id } });
  assert.equal(add.status, 200, add.text);
  const newId = add.json.imageinstance.id;
  const slices = await getJson(emu, 'alice', `/api/imageinstance/${newId}/sliceinstance.json`);
  assert.equal(slices.size, 1);
  const ref = await getJson(emu, 'alice', `/api/imageinstance/${newId}/sliceinstance/reference.json`);
  assert.equal(ref.id, slices.collection[0].id);
  assert.equal(ref.rank, 0);
  const czt = await getJson(emu, 'alice', `/api/imageinstance/${newId}/0/0/0/sliceinstance.json`);
  assert.equal(czt.id, ref.id);
  const put = await api(emu, 'alice', 'PUT', `/api/imageinstance/${newId}.json`, { body: { id: newId, baseImage: add.json.imageinstance.baseImage, project: panc.id, physicalSizeX: 0.5 } });
  assert.equal(put.json.imageinstance.physicalSizeX, 0.5);
  const users = await getJson(emu, 'bob', `/api/abstractimage/${shared.baseImage}/imageinstance.json`);
  assert.ok(users.size >= 1);
  const uploader = await getJson(emu, 'bob', `/api/abstractimage/${unused.collection[0].id}/user.json`);
  assert.equal(uploader.username, 'bob');
  const nf = await api(emu, 'bob', 'GET', '/api/abstractimage/99999999.json');
  assert.deepEqual(nf.json, { errors: { message: 'AbstractImage 99999999 not found' }, errorValues: {} });
});

test('users: current (5.2 shape), by id and username, list filters, friends', async () => {
  const me = await getJson(emu, 'guest', '/api/user/current.json');
  assert.deepEqual(me, { id: 4, username: 'guest', name: 'Gail Guest', fullName: 'Gail Guest (guest)' });
  const dave = await getJson(emu, 'alice', '/api/user/dave.json');
  assert.equal(dave.fullName, 'dave');
  assert.deepEqual(await getJson(emu, 'alice', '/api/user/2.json'), await getJson(emu, 'alice', '/api/user/alice.json'));
  const f = await getJson(emu, 'alice', `/api/user.json?fullName%5Bilike%5D=${encodeURIComponent('%martin%')}`);
  assert.deepEqual(f.collection.map((u) => u.username), ['alice']);
  const panc = projectByName(emu, 'PANC-Biopsies');
  const friends = await getJson(emu, 'alice', `/api/user/2/friends.json?project=${panc.id}`);
  assert.deepEqual(friends.collection.map((u) => u.username).sort(), ['bob', 'carol', 'guest']);
  const layers = await getJson(emu, 'alice', `/api/project/${panc.id}/userlayer.json`);
  assert.equal(layers.size, 4);
  const resume = await getJson(emu, 'alice', `/api/project/${panc.id}/resumeActivity/3.json`);
  assert.equal(resume.totalAnnotations, [...emu.state.t.annotation.values()].filter((a) => a.project === panc.id && a.user === 3).length);
});

test('properties, tags, descriptions', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const cls = 'be.cytomine.domain.project.Project';
  const props = await getJson(emu, 'bob', `/api/project/${panc.id}/property.json`);
  assert.deepEqual(props.collection.map((p) => p.key).sort(), ['PI', 'study']);
  const c = await api(emu, 'alice', 'POST', `/api/domain/${cls}/${panc.id}/property.json`, { body: { key: 'site', value: 'Liège' } });
  assert.equal(c.status, 200);
  assert.equal(c.json.property.domainClassName, cls);
  assert.equal(c.json.property.domainIdent, panc.id);
  const k = await getJson(emu, 'bob', `/api/project/${panc.id}/key/site/property.json`);
  assert.equal(k.value, 'Liège');
  const u = await api(emu, 'alice', 'PUT', `/api/domain/${cls}/${panc.id}/property/${k.id}.json`, { body: { id: k.id, key: 'site', value: 'Brussels' } });
  assert.equal(u.json.property.value, 'Brussels');
  const bulk = await api(emu, 'alice', 'POST', `/api/domain/${cls}/${panc.id}/property.json`, { body: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
  assert.equal(bulk.json.status, 200);
  assert.match(bulk.json.data.message, /^propertys \d+,\d+ added$/);
  const d = await api(emu, 'alice', 'DELETE', `/api/domain/${cls}/${panc.id}/property/${k.id}.json`);
  assert.equal(d.status, 200);
  const aKeys = await getJson(emu, 'bob', `/api/annotation/property/key.json?idProject=${panc.id}`);
  assert.ok(aKeys.collection.includes('confidence'));
  const iKeys = await getJson(emu, 'bob', `/api/imageinstance/property/key.json?idProject=${panc.id}`);
  assert.deepEqual([...iKeys.collection].sort(), ['scanner', 'stain']);

  const tags = await getJson(emu, 'bob', '/api/tag.json');
  assert.ok(tags.size >= 4);
  const nt = await api(emu, 'bob', 'POST', '/api/tag.json', { body: { name: 'Fresh' } });
  assert.equal(nt.json.tag.creatorName, 'bob');
  const dupTag = await api(emu, 'alice', 'POST', '/api/tag.json', { body: { name: 'fresh' } });
  assert.equal(dupTag.status, 409);
  const assoc = await api(emu, 'alice', 'POST', `/api/domain/${cls}/${panc.id}/tag_domain_association.json`, { body: { tag: nt.json.tag.id, domainClassName: cls, domainIdent: panc.id } });
  assert.equal(assoc.json.tagdomainassociation.tagName, 'Fresh');
  const list = await getJson(emu, 'bob', `/api/domain/${cls}/${panc.id}/tag_domain_association.json`);
  assert.ok(list.collection.some((x) => x.tag === nt.json.tag.id));
  const tagged = await getJson(emu, 'alice', `/api/project.json?tag%5Bin%5D=${nt.json.tag.id}`);
  assert.deepEqual(tagged.collection.map((p) => p.name), ['PANC-Biopsies']);

  const desc = await getJson(emu, 'bob', `/api/domain/${cls.replace(/\./g, '_')}/${panc.id}/description.json`);
  assert.match(desc.data, /Pancreatic/);
  const colon = projectByName(emu, 'Colon-Polyps');
  const nd = await api(emu, 'bob', 'POST', `/api/domain/${cls}/${colon.id}/description.json`, { body: { domainIdent: colon.id, domainClassName: cls, data: '<p>Polyps</p>' } });
  assert.equal(nd.status, 200);
  const again = await api(emu, 'bob', 'POST', '/api/description.json', { body: { domainIdent: colon.id, domainClassName: cls, data: 'x' } });
  assert.equal(again.status, 409);
});

test('project delete cascades and undo restores everything', async () => {
  const c = await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: 'Cascade', ontology: projectByName(emu, 'PANC-Biopsies').ontology } });
  const pid = c.json.project.id;
  const ai = [...emu.state.t.abstractimage.values()][0];
  const ii = (await api(emu, 'alice', 'POST', '/api/imageinstance.json', { body: { baseImage: ai.id, project: pid } })).json.imageinstance;
  const term = emu.state.termsOfOntology(c.json.project.ontology)[0];
  const a = (await api(emu, 'alice', 'POST', '/api/annotation.json', { body: { image: ii.id, location: 'POLYGON ((0 0, 0 9, 9 9, 9 0, 0 0))', term: term.id } })).json.annotation;
  const d = await api(emu, 'alice', 'DELETE', `/api/project/${pid}.json`);
  assert.equal(d.status, 200);
  assert.equal(emu.state.get('annotation', a.id), undefined);
  assert.equal(emu.state.get('imageinstance', ii.id), undefined);
  const u = await api(emu, 'alice', 'GET', `/api/command/${d.json.command}/undo.json`);
  assert.equal(u.json.collection[0].callback.method, 'be.cytomine.AddProjectCommand');
  assert.ok(emu.state.get('annotation', a.id));
  assert.equal(emu.state.termsOfAnnotation(a.id).length, 1);
  const hist = await getJson(emu, 'alice', `/api/project/${pid}/commandhistory.json`);
  assert.ok(Array.isArray(hist));
  assert.ok(hist.length >= 4);
});
