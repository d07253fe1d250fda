// Rights, hooks and side effects of core 5.2's services that the emulator follows (issue 16, "check
// the rest of the emulator"): UserAnnotationService, AnnotationTermService (and its controller),
// ImageInstanceService, ProjectService. Each case cites the core check it follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, projectByName } from './helpers.mjs';

let emu;
before(async () => { emu = await start({ dataset: 'demo' }); });
after(async () => { await emu.close(); });

const userId = (name) => emu.state.all('user').find((u) => u.username === name).id;
const ontologyId = (name) => emu.state.all('ontology').find((o) => o.name === name).id;
const termsOf = (oid) => emu.state.termsOfOntology(oid).sort((a, b) => a.id - b.id);
let seq = 0;

/**
 * A fresh project of alice (manager) with bob and carol as contributors and guest as a member,
 * one image added by `imageBy` and one annotation of bob; `mode` applied last.
 */
async function freshProject({ mode = 'CLASSIC', imageBy = 'alice' } = {}) {
  const histology = ontologyId('Histology');
  const body = { name: `Rights-${++seq}`, ontology: histology, users: [userId('bob'), userId('carol'), userId('guest')] };
  const p = (await api(emu, 'alice', 'POST', '/api/project.json', { body })).json.project;
  const baseImage = emu.state.all('abstractimage')[0].id;
  const image = await api(emu, imageBy, 'POST', '/api/imageinstance.json', { body: { baseImage, project: p.id } });
  assert.equal(image.status, 200, image.text);
  const ann = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: image.json.imageinstance.id, location: 'POLYGON ((10 10, 10 60, 60 60, 60 10, 10 10))' } });
  assert.equal(ann.status, 200, ann.text);
  if (mode !== 'CLASSIC') {
    const put = await api(emu, 'alice', 'PUT', `/api/project/${p.id}.json`, { body: { ...p, isRestricted: mode === 'RESTRICTED', isReadOnly: mode === 'READ_ONLY' } });
    assert.equal(put.status, 200, put.text);
  }
  return { project: p, image: image.json.imageinstance, annotation: ann.json.annotation, terms: termsOf(histology) };
}

const RESTRICTED_OWNER = "You don't have the right to do this. You must be the creator or the container admin";
const modeMessage = (mode) => `The project for this data is in ${mode} mode! You must be project manager to add, edit or delete this resource.`;

test('annotations: guests annotate and closed projects take writes (UserAnnotationService: checkGuest, no isClosed check)', async () => {
  const { project, image, annotation } = await freshProject();
  const g = await api(emu, 'guest', 'POST', '/api/annotation.json', { body: { image: image.id, location: 'POINT (5 5)' } });
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.annotation.user, userId('guest'));
  const closed = await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, isClosed: true } });
  assert.equal(closed.status, 200);
  const c = await api(emu, 'carol', 'POST', '/api/annotation.json', { body: { image: image.id, location: 'POINT (7 7)' } });
  assert.equal(c.status, 200, c.text);
  // CLASSIC: any member edits and deletes anyone's annotation
  const edit = await api(emu, 'carol', 'PUT', `/api/annotation/${annotation.id}.json`, { body: { ...annotation, location: 'POLYGON ((10 10, 10 70, 70 70, 70 10, 10 10))' } });
  assert.equal(edit.status, 200, edit.text);
  const del = await api(emu, 'guest', 'DELETE', `/api/annotation/${annotation.id}.json`);
  assert.equal(del.status, 200, del.text);
});

test('annotations: restricted and read-only projects answer with core\'s messages (checkFullOrRestrictedForOwner)', async () => {
  const r = await freshProject({ mode: 'RESTRICTED' });
  const edit = await api(emu, 'carol', 'PUT', `/api/annotation/${r.annotation.id}.json`, { body: { ...r.annotation } });
  assert.deepEqual([edit.status, edit.json.errors], [403, RESTRICTED_OWNER]);
  const forOther = await api(emu, 'carol', 'POST', '/api/annotation.json', { body: { image: r.image.id, location: 'POINT (5 5)', user: userId('bob') } });
  assert.deepEqual([forOther.status, forOther.json.errors], [403, modeMessage('RESTRICTED')]);
  assert.equal((await api(emu, 'bob', 'PUT', `/api/annotation/${r.annotation.id}.json`, { body: { ...r.annotation } })).status, 200);
  const ro = await freshProject({ mode: 'READ_ONLY' });
  const del = await api(emu, 'bob', 'DELETE', `/api/annotation/${ro.annotation.id}.json`);
  assert.deepEqual([del.status, del.json.errors], [403, modeMessage('READ_ONLY')]);
  const missing = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { slice: 999999, location: 'POINT (5 5)' } });
  assert.deepEqual([missing.status, missing.json.errors], [404, 'SliceInstance with id 999999']);
  const noImage = await api(emu, 'bob', 'POST', '/api/annotation.json', { body: { image: 999999, location: 'POINT (5 5)' } });
  assert.deepEqual([noImage.status, noImage.json.errors], [404, 'ImageInstance with id 999999']);
});

test('annotations: terms added by other users never block a permitted deletion (core deletes them with the same check)', async () => {
  const { annotation, terms } = await freshProject();
  const t = await api(emu, 'bob', 'POST', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`, { body: { userannotation: annotation.id, term: terms[0].id } });
  assert.equal(t.status, 200);
  const del = await api(emu, 'carol', 'DELETE', `/api/annotation/${annotation.id}.json`);
  assert.equal(del.status, 200, del.text);
  assert.equal(emu.state.termsOfAnnotation(annotation.id).length, 0);
});

test('annotation terms: guests add terms, `user` is any user (else the caller), restricted owner check, core\'s messages', async () => {
  const { annotation, terms } = await freshProject();
  const url = `/api/annotation/${annotation.id}/term/${terms[0].id}.json`;
  const g = await api(emu, 'guest', 'POST', url, { body: { userannotation: annotation.id, term: terms[0].id } });
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.annotationterm.user, userId('guest'));
  const forCarol = await api(emu, 'bob', 'POST', url, { body: { userannotation: annotation.id, term: terms[0].id, user: userId('carol') } });
  assert.equal(forCarol.status, 200, forCarol.text);
  assert.equal(forCarol.json.annotationterm.user, userId('carol'));
  const unknownUser = await api(emu, 'bob', 'POST', url, { body: { userannotation: annotation.id, term: terms[1].id, user: 999999 } });
  assert.equal(unknownUser.json.annotationterm.user, userId('bob'));
  const other = termsOf(ontologyId('Colon'))[0];
  const wrong = await api(emu, 'bob', 'POST', url, { body: { userannotation: annotation.id, term: other.id } });
  assert.deepEqual([wrong.status, wrong.json.errors.message], [400, `Term ${other.name} from ontology Colon is not in ontology from the annotation project`]);
  const noTerm = await api(emu, 'bob', 'POST', url, { body: { userannotation: annotation.id, term: 999999 } });
  assert.deepEqual([noTerm.status, noTerm.json.errors.message], [400, 'term was not found with id: 999999']);
  const noAnn = await api(emu, 'bob', 'POST', url, { body: { userannotation: 999999, term: terms[0].id } });
  assert.deepEqual([noAnn.status, noAnn.json.errors.message], [404, 'Annotation annotationIdent=null-userannotation=999999 not found']);
  const r = await freshProject({ mode: 'RESTRICTED' });
  const rUrl = `/api/annotation/${r.annotation.id}/term/${r.terms[0].id}.json`;
  const carol = await api(emu, 'carol', 'POST', rUrl, { body: { userannotation: r.annotation.id, term: r.terms[0].id } });
  assert.deepEqual([carol.status, carol.json.errors.message], [403, RESTRICTED_OWNER]);
  assert.equal((await api(emu, 'bob', 'POST', rUrl, { body: { userannotation: r.annotation.id, term: r.terms[0].id } })).status, 200);
});

test('annotation terms: any member removes anyone\'s term in a CLASSIC project; not in a restricted one; 404s as core', async () => {
  const { annotation, terms } = await freshProject();
  await api(emu, 'bob', 'POST', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`, { body: { userannotation: annotation.id, term: terms[0].id } });
  const del = await api(emu, 'carol', 'DELETE', `/api/annotation/${annotation.id}/term/${terms[0].id}/user/${userId('bob')}.json`);
  assert.equal(del.status, 200, del.text);
  assert.equal(emu.state.termsOfAnnotation(annotation.id).length, 0);
  const noAnn = await api(emu, 'carol', 'DELETE', `/api/annotation/999999/term/${terms[0].id}.json`);
  assert.deepEqual([noAnn.status, noAnn.json.errors.message], [404, 'Annotation 999999 not found']);
  const noTerm = await api(emu, 'carol', 'DELETE', `/api/annotation/${annotation.id}/term/999999.json`);
  assert.deepEqual([noTerm.status, noTerm.json.errors.message], [404, 'Term 999999 not found']);
  const r = await freshProject({ mode: 'RESTRICTED' });
  await api(emu, 'bob', 'POST', `/api/annotation/${r.annotation.id}/term/${r.terms[0].id}.json`, { body: { userannotation: r.annotation.id, term: r.terms[0].id } });
  const refused = await api(emu, 'carol', 'DELETE', `/api/annotation/${r.annotation.id}/term/${r.terms[0].id}/user/${userId('bob')}.json`);
  assert.deepEqual([refused.status, refused.json.errors], [403, RESTRICTED_OWNER]);
});

test('annotation terms: clearBefore checks the owner only when something is cleared; a missing term is core\'s "Term null not found"', async () => {
  const r = await freshProject({ mode: 'RESTRICTED' });
  const base = `/api/annotation/${r.annotation.id}/term`;
  const first = await api(emu, 'carol', 'POST', `${base}/${r.terms[0].id}/clearBefore.json`);
  assert.equal(first.status, 200, first.text);
  const second = await api(emu, 'carol', 'POST', `${base}/${r.terms[1].id}/clearBefore.json`);
  assert.deepEqual([second.status, second.json.errors.message], [403, RESTRICTED_OWNER]);
  assert.deepEqual(emu.state.termsOfAnnotation(r.annotation.id).map((x) => x.term), [r.terms[0].id]);
  const missing = await api(emu, 'bob', 'POST', `${base}/999999/clearBefore.json`);
  assert.deepEqual([missing.status, missing.json.errors.message], [404, 'Term null not found']);
  const noAnn = await api(emu, 'bob', 'POST', `/api/annotation/999999/term/${r.terms[0].id}/clearBefore.json`);
  assert.deepEqual([noAnn.status, noAnn.json.errors.message], [404, 'Annotation 999999 not found']);
});

test('image instances: any member deletes in a CLASSIC project, guests never; closed projects take new images (ImageInstanceService)', async () => {
  const { project, image } = await freshProject();
  const guest = await api(emu, 'guest', 'DELETE', `/api/imageinstance/${image.id}.json`);
  assert.deepEqual([guest.status, guest.json.errors], [403, "You don't have the right to perform this action! You must be user!"]);
  const del = await api(emu, 'carol', 'DELETE', `/api/imageinstance/${image.id}.json`);
  assert.equal(del.status, 200, del.text);
  assert.equal(emu.state.annotationIdsOfImage(image.id).length, 0);
  await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, isClosed: true } });
  const baseImage = emu.state.all('abstractimage')[1].id;
  const add = await api(emu, 'carol', 'POST', '/api/imageinstance.json', { body: { baseImage, project: project.id } });
  assert.equal(add.status, 200, add.text);
  const noProject = await api(emu, 'carol', 'POST', '/api/imageinstance.json', { body: { baseImage, project: 999999 } });
  assert.deepEqual([noProject.status, noProject.json.errors],
    [404, 'ACL error: class be.cytomine.domain.project.Project with id 999999 was not found! Unable to process auth checking']);
});

test('image instances: in a restricted project only the owner edits or deletes, and not over others\' annotations', async () => {
  const r = await freshProject({ mode: 'RESTRICTED', imageBy: 'carol' });
  const edit = await api(emu, 'bob', 'PUT', `/api/imageinstance/${r.image.id}.json`, { body: { ...r.image, instanceFilename: 'renamed' } });
  assert.deepEqual([edit.status, edit.json.errors], [403, RESTRICTED_OWNER]);
  const own = await api(emu, 'carol', 'PUT', `/api/imageinstance/${r.image.id}.json`, { body: { ...r.image, instanceFilename: 'renamed' } });
  assert.equal(own.status, 200, own.text);
  // bob's annotation is on carol's image: core's cascade deletes it with bob's ownership check
  const del = await api(emu, 'carol', 'DELETE', `/api/imageinstance/${r.image.id}.json`);
  assert.deepEqual([del.status, del.json.errors], [403, RESTRICTED_OWNER]);
  assert.equal((await api(emu, 'alice', 'DELETE', `/api/imageinstance/${r.image.id}.json`)).status, 200);
});

test('image instances: a new instance gets a copy of its abstract image\'s properties (ImageInstanceService.afterAdd)', async () => {
  const { project } = await freshProject();
  const ai = emu.state.all('abstractimage')[2];
  const cls = 'be.cytomine.domain.image.AbstractImage';
  const prop = await api(emu, 'admin', 'POST', `/api/domain/${cls}/${ai.id}/property.json`, { body: { domainClassName: cls, domainIdent: ai.id, key: 'scanner', value: 'X-1' } });
  assert.equal(prop.status, 200, prop.text);
  const add = await api(emu, 'alice', 'POST', '/api/imageinstance.json', { body: { baseImage: ai.id, project: project.id } });
  assert.equal(add.status, 200, add.text);
  const props = await api(emu, 'alice', 'GET', `/api/imageinstance/${add.json.imageinstance.id}/property.json`);
  assert.deepEqual(props.json.collection.map((p) => [p.key, p.value, p.domainIdent]), [['scanner', 'X-1', add.json.imageinstance.id]]);
});

const NOT_ADMIN = (pid) => `You don't have the right to read or modify this resource! class be.cytomine.domain.project.Project ${pid}`;

test('project ontology change: 403 with core\'s counts while terms exist; forceOntologyUpdate deletes them in the same transaction', async () => {
  const { project, annotation, terms } = await freshProject();
  await api(emu, 'bob', 'POST', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`, { body: { userannotation: annotation.id, term: terms[0].id } });
  await api(emu, 'carol', 'POST', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`, { body: { userannotation: annotation.id, term: terms[0].id } });
  const colon = ontologyId('Colon');
  const refused = await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, ontology: colon } });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.errors, 'This project has 2 associated terms: 2 from project members, 0 from jobs and 0 reviewed. The ontology cannot be updated.');
  assert.deepEqual(refused.json.errorValues, { userAssociatedTermsCount: 2, algoAssociatedTermsCount: 0, reviewedAssociatedTermsCount: 0 });
  const forced = await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, ontology: colon, forceOntologyUpdate: true } });
  assert.equal(forced.status, 200, forced.text);
  assert.equal(forced.json.project.ontology, colon);
  assert.equal(emu.state.termsOfAnnotation(annotation.id).length, 0);
  // one undo restores the ontology and both terms
  const undo = await api(emu, 'alice', 'GET', '/api/command/undo.json');
  assert.equal(undo.status, 200, undo.text);
  assert.equal(emu.state.get('project', project.id).ontology, ontologyId('Histology'));
  assert.equal(emu.state.termsOfAnnotation(annotation.id).length, 2);
  // a project without an ontology takes one whatever its annotations
  const bare = (await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: `Bare-${++seq}` } })).json.project;
  assert.equal((await api(emu, 'alice', 'PUT', `/api/project/${bare.id}.json`, { body: { ...bare, ontology: colon } })).status, 200);
});

test('project creation checks the ontology like core (ACL 404, 403 when unreadable); guests are refused with core\'s message', async () => {
  const missing = await api(emu, 'alice', 'POST', '/api/project.json', { body: { name: `O-${++seq}`, ontology: 999999 } });
  assert.deepEqual([missing.status, missing.json.errors],
    [404, 'ACL error: class be.cytomine.domain.ontology.Ontology with id 999999 was not found! Unable to process auth checking']);
  const colon = ontologyId('Colon');
  const dave = await api(emu, 'dave', 'POST', '/api/project.json', { body: { name: `O-${++seq}`, ontology: colon } });
  assert.deepEqual([dave.status, dave.json.errors], [403, `You don't have the right to read or modify this resource! class be.cytomine.domain.ontology.Ontology ${colon}`]);
  const guest = await api(emu, 'guest', 'POST', '/api/project.json', { body: { name: `O-${++seq}` } });
  assert.deepEqual([guest.status, guest.json.errors], [403, "You don't have the right to perform this action! You must be user!"]);
  const { project } = await freshProject();
  const byBob = await api(emu, 'bob', 'DELETE', `/api/project/${project.id}.json`);
  assert.deepEqual([byBob.status, byBob.json.errors], [403, NOT_ADMIN(project.id)]);
});

test('project update: users, admins and representatives in the body become the project\'s lists (ProjectService.update)', async () => {
  const { project } = await freshProject();
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(userId);
  const put = await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, users: [bob, dave], admins: [dave], representatives: [bob, carol] } });
  assert.equal(put.status, 200, put.text);
  const m = emu.state.membersOf(project.id);
  assert.deepEqual([...m.contributors].sort(), [alice, bob, dave].sort());
  assert.deepEqual([...m.managers].sort(), [alice, dave].sort());
  assert.deepEqual([...m.representatives].sort(), [bob, carol].sort());
  const reps = await api(emu, 'alice', 'GET', `/api/project/${project.id}/users/representative.json`);
  assert.deepEqual(reps.json.collection.map((u) => u.id).sort(), [bob, carol].sort());
});

test('project members: a member leaves by themself; a manager removed as user stays a manager; the last representative is replaced', async () => {
  const { project } = await freshProject();
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(userId);
  const m = emu.state.membersOf(project.id);
  const leave = await api(emu, 'carol', 'DELETE', `/api/project/${project.id}/user/${carol}.json`);
  assert.deepEqual([leave.status, leave.json], [200, { data: { message: 'OK' } }]);
  assert.ok(!m.contributors.has(carol));
  const other = await api(emu, 'bob', 'DELETE', `/api/project/${project.id}/user/${alice}.json`);
  assert.deepEqual([other.status, other.json.errors.message], [403, NOT_ADMIN(project.id)]);
  await api(emu, 'alice', 'POST', `/api/project/${project.id}/user/${bob}/admin.json`);
  await api(emu, 'alice', 'DELETE', `/api/project/${project.id}/user/${bob}.json`);
  assert.ok(m.managers.has(bob) && m.contributors.has(bob), 'ADMINISTRATION still grants access');
  await api(emu, 'alice', 'DELETE', `/api/project/${project.id}/user/${bob}/admin.json`);
  assert.ok(!m.contributors.has(bob), 'neither READ nor ADMINISTRATION left');
  // alice, the only representative, leaves: dave (an admin outside the project) becomes manager and representative
  await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, representatives: [alice] } });
  await api(emu, 'alice', 'DELETE', `/api/project/${project.id}/user/${alice}/admin.json`);
  const gone = await api(emu, 'admin', 'DELETE', `/api/project/${project.id}/user/${alice}.json`);
  assert.equal(gone.status, 200, gone.text);
  assert.deepEqual([...m.representatives], [userId('admin')]);
  assert.ok(m.managers.has(userId('admin')));
  assert.ok(!m.contributors.has(dave));
});

test('project members by list: refusals and unknown ids answer 206 with core\'s message and a body status of 200', async () => {
  const { project } = await freshProject();
  const dave = userId('dave');
  const byBob = await api(emu, 'bob', 'POST', `/api/project/${project.id}/user.json?users=${dave},999999,x`);
  assert.equal(byBob.status, 206);
  assert.deepEqual(byBob.json, { data: { message: `Cannot add theses users to the project \${project.id} : ${dave}. x,999999,x are not well formatted ids` }, status: 200 });
  const del = await api(emu, 'alice', 'DELETE', `/api/project/${project.id}/user.json?users=${userId('carol')},abc`);
  assert.deepEqual([del.status, del.json.data.message], [206, 'abc,abc are not well formatted ids']);
  assert.ok(!emu.state.membersOf(project.id).contributors.has(userId('carol')));
});

test('project lists: lastActivity/membersCount need their extension; user/{id}/project.json reads no filter or sort', async () => {
  const noExt = await api(emu, 'alice', 'GET', '/api/project.json?sort=lastActivity');
  assert.deepEqual([noExt.status, noExt.json.errors.message], [400, 'Cannot sort on lastActivity without argument withLastActivity']);
  const noCount = await api(emu, 'alice', 'GET', '/api/project.json?sort=membersCount');
  assert.deepEqual([noCount.status, noCount.json.errors.message], [400, 'Cannot sort on membersCount without argument withMembersCount']);
  const filter = await api(emu, 'alice', 'GET', '/api/project.json?membersCount%5Bgte%5D=2');
  assert.deepEqual([filter.status, filter.json.errors.message], [400, 'Cannot search on members attributes without argument withMembersCount']);
  assert.equal((await api(emu, 'alice', 'GET', '/api/project.json?withMembersCount=true&sort=membersCount&membersCount%5Bgte%5D=2')).status, 200);
  // filters and sort are not read there (created descending); the caller's rights still apply (README)
  const carol = await api(emu, 'alice', 'GET', `/api/user/${userId('carol')}/project.json?name%5Bilike%5D=zzz&sort=name`);
  const expected = emu.state.all('project').filter((p) => emu.state.membersOf(p.id).contributors.has(userId('carol')) && emu.state.membersOf(p.id).contributors.has(userId('alice')))
    .sort((a, b) => b.created - a.created || b.id - a.id).map((p) => p.name);
  assert.ok(expected.length > 1);
  assert.deepEqual(carol.json.collection.map((p) => p.name), expected);
});

test('image lists sort only on the columns core knows (else 500 "not implemented"); `name` sorts user lists only', async () => {
  const panc = projectByName(emu, 'PANC-Biopsies');
  const bad = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/imageinstance.json?sort=name`);
  assert.deepEqual([bad.status, bad.json.errors.message], [500, 'ImageInstance list sorted by name is not implemented']);
  const tag = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/imageinstance.json?sort=tag`);
  assert.equal(tag.status, 500);
  const width = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/imageinstance.json?sort=width&order=asc`);
  const widths = width.json.collection.map((i) => i.width);
  assert.deepEqual(widths, [...widths].sort((a, b) => a - b));
  const mine = await api(emu, 'alice', 'GET', `/api/user/${userId('alice')}/imageinstance.json?sort=name&order=asc`);
  assert.equal(mine.status, 200, mine.text);
  const blinded = await api(emu, 'alice', 'GET', `/api/user/${userId('alice')}/imageinstance.json?sort=blindedName`);
  assert.deepEqual([blinded.status, blinded.json.errors.message], [500, 'ImageInstance list sorted by blindedName is not implemented']);
});

const propertyUrl = (cls, id) => `/api/domain/be.cytomine.domain.${cls}/${id}/property.json`;
const propertyBody = (cls, id, key) => ({ domainClassName: `be.cytomine.domain.${cls}`, domainIdent: id, key, value: 'v' });

test('metadata rights as checkUserAccessRightsForMeta: project managers only, image and annotation owners in restricted projects', async () => {
  const { project, image, annotation } = await freshProject();
  const byBob = await api(emu, 'bob', 'POST', propertyUrl('project.Project', project.id), { body: propertyBody('project.Project', project.id, 'k') });
  assert.deepEqual([byBob.status, byBob.json.errors], [403, NOT_ADMIN(project.id)]);
  assert.equal((await api(emu, 'alice', 'POST', propertyUrl('project.Project', project.id), { body: propertyBody('project.Project', project.id, 'k') })).status, 200);
  const guestOnAnn = await api(emu, 'guest', 'POST', propertyUrl('ontology.UserAnnotation', annotation.id), { body: propertyBody('ontology.UserAnnotation', annotation.id, 'g') });
  assert.equal(guestOnAnn.status, 200, guestOnAnn.text);
  const guestOnImage = await api(emu, 'guest', 'POST', propertyUrl('image.ImageInstance', image.id), { body: propertyBody('image.ImageInstance', image.id, 'g') });
  assert.deepEqual([guestOnImage.status, guestOnImage.json.errors], [403, "You don't have the right to perform this action! You must be user!"]);
  const desc = await api(emu, 'carol', 'POST', '/api/description.json', { body: { domainClassName: 'be.cytomine.domain.project.Project', domainIdent: project.id, data: 'x' } });
  assert.equal(desc.status, 403);
  const r = await freshProject({ mode: 'RESTRICTED' });
  const carolOnImage = await api(emu, 'carol', 'POST', propertyUrl('image.ImageInstance', r.image.id), { body: propertyBody('image.ImageInstance', r.image.id, 'c') });
  assert.deepEqual([carolOnImage.status, carolOnImage.json.errors], [403, RESTRICTED_OWNER]);
  const carolTag = await api(emu, 'carol', 'POST', '/api/tag_domain_association.json', { body: { tag: emu.state.all('tag')[0].id, domainClassName: 'be.cytomine.domain.ontology.UserAnnotation', domainIdent: r.annotation.id } });
  assert.deepEqual([carolTag.status, carolTag.json.errors], [403, RESTRICTED_OWNER]);
  assert.equal((await api(emu, 'bob', 'POST', propertyUrl('ontology.UserAnnotation', r.annotation.id), { body: propertyBody('ontology.UserAnnotation', r.annotation.id, 'b') })).status, 200);
  // any ROLE_USER may put a property on an abstract image (core: checkUser only)
  const ai = emu.state.all('abstractimage').find((x) => x.user !== userId('carol'));
  const onAbstract = await api(emu, 'carol', 'POST', propertyUrl('image.AbstractImage', ai.id), { body: propertyBody('image.AbstractImage', ai.id, 'c') });
  assert.equal(onAbstract.status, 200, onAbstract.text);
});

test('annotation comments as SharedAnnotationService: users only, owner check, unknown receivers dropped, newest first, any comment by id', async () => {
  const { annotation } = await freshProject();
  const url = `/api/userannotation/${annotation.id}/comment.json`;
  const guest = await api(emu, 'guest', 'POST', url, { body: { comment: 'g', receivers: [userId('bob')] } });
  assert.deepEqual([guest.status, guest.json.errors.message], [403, "You don't have the right to perform this action! You must be user!"]);
  const first = await api(emu, 'carol', 'POST', url, { body: { receivers: [userId('bob'), 999999, userId('dave')] } });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual([first.json.sharedannotation.comment, first.json.sharedannotation.receivers], [null, [userId('bob'), userId('dave')]]);
  const second = await api(emu, 'carol', 'POST', url, { body: { comment: 'second', receivers: [] } });
  assert.equal(second.status, 200, second.text);
  const list = await api(emu, 'carol', 'GET', url);
  assert.deepEqual(list.json.collection.map((c) => c.id), [second.json.sharedannotation.id, first.json.sharedannotation.id]);
  // bob received only the first; core shows any comment by id to a project reader
  const shown = await api(emu, 'bob', 'GET', `/api/userannotation/${annotation.id}/comment/${second.json.sharedannotation.id}.json`);
  assert.deepEqual([shown.status, shown.json.comment], [200, 'second']);
  const r = await freshProject({ mode: 'RESTRICTED' });
  const carol = await api(emu, 'carol', 'POST', `/api/userannotation/${r.annotation.id}/comment.json`, { body: { comment: 'c', receivers: [userId('bob')] } });
  assert.deepEqual([carol.status, carol.json.errors.message], [403, RESTRICTED_OWNER]);
});

test('tracks and groups: core\'s owner checks in restricted projects, READ_ONLY only where core checks it, no guests', async () => {
  const r = await freshProject({ mode: 'RESTRICTED', imageBy: 'carol' });
  const bobTrack = await api(emu, 'bob', 'POST', '/api/track.json', { body: { name: 't', image: r.image.id } });
  assert.deepEqual([bobTrack.status, bobTrack.json.errors], [403, RESTRICTED_OWNER]);
  const track = await api(emu, 'carol', 'POST', '/api/track.json', { body: { name: 't', image: r.image.id } });
  assert.equal(track.status, 200, track.text);
  const dup = await api(emu, 'carol', 'POST', '/api/track.json', { body: { name: 't', image: r.image.id } });
  assert.deepEqual([dup.status, dup.json.errors], [409, 'Track t already exist in this image!']);
  const noImage = await api(emu, 'carol', 'POST', '/api/track.json', { body: { name: 'u', image: 999999 } });
  assert.deepEqual([noImage.status, noImage.json.errors], [404, 'ImageInstance 999999 not found']);
  // bob's annotation on carol's track: the annotation's owner decides
  const at = await api(emu, 'carol', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: r.annotation.id, track: track.json.track.id } });
  assert.deepEqual([at.status, at.json.errors], [403, RESTRICTED_OWNER]);
  assert.equal((await api(emu, 'bob', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: r.annotation.id, track: track.json.track.id } })).status, 200);

  const ro = await freshProject({ mode: 'READ_ONLY' });
  const group = await api(emu, 'bob', 'POST', '/api/imagegroup.json', { body: { name: 'g', project: ro.project.id } });
  assert.equal(group.status, 200, group.text);
  const add = await api(emu, 'bob', 'POST', `/api/imagegroup/${group.json.imagegroup.id}/imageinstance/${ro.image.id}.json`, { body: { group: group.json.imagegroup.id, image: ro.image.id } });
  assert.deepEqual([add.status, add.json.errors], [403, 'The project for this data is in readonly mode! You must be project manager to add, edit or delete this resource in a readonly project.']);
  const guest = await api(emu, 'guest', 'POST', '/api/imagegroup.json', { body: { name: 'g2', project: ro.project.id } });
  assert.deepEqual([guest.status, guest.json.errors], [403, "You don't have the right to perform this action! You must be user!"]);

  const { project, image } = await freshProject();
  await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, isClosed: true } });
  assert.equal((await api(emu, 'bob', 'POST', '/api/track.json', { body: { name: 'closed', image: image.id } })).status, 200);
});

test('slice instances as SliceInstanceService: one per base slice and image (core\'s message), no guests, owner check on delete', async () => {
  const r = await freshProject({ mode: 'RESTRICTED', imageBy: 'carol' });
  const [slice] = emu.state.slicesOfImage(r.image.id);
  const body = { project: r.project.id, image: r.image.id, baseSlice: slice.baseSlice, channel: 3 };
  const dup = await api(emu, 'alice', 'POST', '/api/sliceinstance.json', { body });
  assert.deepEqual([dup.status, dup.json.errors], [409, `SliceInstance (C: 3, Z:0, T:0 already exists for ImageInstance ${r.image.id}`]);
  const guest = await api(emu, 'guest', 'POST', '/api/sliceinstance.json', { body: { ...body, baseSlice: 999 } });
  assert.deepEqual([guest.status, guest.json.errors], [403, "You don't have the right to perform this action! You must be user!"]);
  const bob = await api(emu, 'bob', 'DELETE', `/api/sliceinstance/${slice.id}.json`);
  assert.deepEqual([bob.status, bob.json.errors], [403, RESTRICTED_OWNER]);
  // a contributor adds a slice in a closed project (core never checks isClosed)
  const { project, image } = await freshProject();
  await api(emu, 'alice', 'PUT', `/api/project/${project.id}.json`, { body: { ...project, isClosed: true } });
  const add = await api(emu, 'bob', 'POST', '/api/sliceinstance.json', { body: { project: project.id, image: image.id, baseSlice: 424242, zStack: 1 } });
  assert.equal(add.status, 200, add.text);
});

test('image and annotation review as core: {message, imageinstance} without a command, core\'s 400s, the reviewer only', async () => {
  const { image, annotation } = await freshProject();
  const commands = (await api(emu, 'alice', 'GET', '/api/commandhistory.json')).json.length;
  const start = await api(emu, 'bob', 'PUT', `/api/imageinstance/${image.id}/review.json`);
  assert.equal(start.status, 200, start.text);
  assert.equal(start.json.message, `bob start reviewing on ${emu.state.get('imageinstance', image.id).instanceFilename ?? null}`);
  assert.equal(start.json.imageinstance.reviewUser, userId('bob'));
  assert.equal(start.json.command, undefined);
  assert.equal((await api(emu, 'alice', 'GET', '/api/commandhistory.json')).json.length, commands, 'saved without a command');
  const notReviewer = await api(emu, 'carol', 'POST', `/api/annotation/${annotation.id}/review.json`);
  assert.deepEqual([notReviewer.status, notReviewer.json.errors.message], [400, 'You must be the image reviewer to accept annotation. Image reviewer is Bob Dupont (bob)']);
  const accept = await api(emu, 'bob', 'POST', `/api/annotation/${annotation.id}/review.json`);
  assert.equal(accept.status, 200, accept.text);
  assert.equal(emu.state.all('reviewedannotation').find((x) => x.parentIdent === annotation.id).status, 1);
  const again = await api(emu, 'bob', 'PUT', `/api/annotation/${annotation.id}/review.json`);
  assert.deepEqual([again.status, again.json.errors.message], [400, 'Annotation is already accepted!']);
  const stopByCarol = await api(emu, 'carol', 'DELETE', `/api/imageinstance/${image.id}/review.json`);
  assert.deepEqual([stopByCarol.status, stopByCarol.json.errors.message], [400, 'Review can only be validate or stop by bob']);
  const stop = await api(emu, 'bob', 'DELETE', `/api/imageinstance/${image.id}/review.json`);
  assert.equal(stop.json.message.startsWith('bob validate reviewing on '), true);
  assert.equal(stop.json.imageinstance.reviewed, true);
  const late = await api(emu, 'bob', 'DELETE', `/api/annotation/${annotation.id}/review.json?x=1`);
  assert.equal(late.status, 200, late.text);
  const none = await api(emu, 'bob', 'DELETE', `/api/annotation/${annotation.id}/review.json`);
  assert.deepEqual([none.status, none.json.errors.message], [400, 'This annotation is not accepted, you cannot reject it!']);
  const closed = await api(emu, 'bob', 'POST', `/api/annotation/${annotation.id}/review.json`);
  assert.deepEqual([closed.status, closed.json.errors.message], [400, 'Cannot accept annotation, enable image review mode!']);
  // cancel of a validated review only reopens it; a second cancel ends it
  await api(emu, 'bob', 'DELETE', `/api/imageinstance/${image.id}/review.json?cancel=true`);
  assert.equal(emu.state.get('imageinstance', image.id).reviewUser, userId('bob'));
  await api(emu, 'bob', 'DELETE', `/api/imageinstance/${image.id}/review.json?cancel=true`);
  const ended = await api(emu, 'bob', 'DELETE', `/api/imageinstance/${image.id}/review.json`);
  assert.deepEqual([ended.status, ended.json.errors.message], [400, 'Image is not in review mode: image.reviewStart=null and image.reviewUser=null']);
});

test('layer review as reviewLayer/unreviewLayer: users required, core\'s messages, the ids of what changed', async () => {
  const { image } = await freshProject();
  const url = `/api/imageinstance/${image.id}/annotation/review.json`;
  const none = await api(emu, 'bob', 'POST', url);
  assert.deepEqual([none.status, none.json.errors.message], [400, 'There is no layer:null']);
  const idle = await api(emu, 'bob', 'POST', `${url}?users=${userId('bob')}`);
  assert.deepEqual([idle.status, idle.json.errors.message], [400, 'Cannot review annotation, enable image review mode!']);
  await api(emu, 'alice', 'PUT', `/api/imageinstance/${image.id}/review.json`);
  const other = await api(emu, 'bob', 'DELETE', `${url}?users=${userId('bob')}`);
  assert.deepEqual([other.status, other.json.errors.message], [400, 'You must be the image reviewer to reject annotation. Image reviewer is alice']);
  const accept = await api(emu, 'alice', 'PUT', `${url}?users=${userId('bob')}`);
  assert.equal(accept.status, 200, accept.text);
  const added = emu.state.all('reviewedannotation').filter((x) => x.image === image.id);
  assert.deepEqual(accept.json.collection, added.map((x) => x.id));
  assert.ok(added.length > 0 && added.every((x) => x.status === 1));
  // a guest repeats an annotation (core's repeat adds through UserAnnotationService.add)
  const [slice] = emu.state.slicesOfImage(image.id);
  const extra = emu.state.insert('sliceinstance', { ...slice, id: emu.state.newId(), zStack: 1 });
  const guest = await api(emu, 'guest', 'POST', '/api/annotation.json', { body: { image: image.id, location: 'POINT (9 9)' } });
  const repeat = await api(emu, 'guest', 'POST', `/api/userannotation/${guest.json.annotation.id}/repeat.json`, { body: { slice: extra.id, repeat: 1 } });
  assert.equal(repeat.status, 200, repeat.text);
});

test('metadata and abstract-image messages as core: tag association and description duplicates, missing description, abstract image in use', async () => {
  const { project, annotation } = await freshProject();
  const tag = emu.state.all('tag')[0];
  const tda = { tag: tag.id, domainClassName: 'be.cytomine.domain.ontology.UserAnnotation', domainIdent: annotation.id };
  assert.equal((await api(emu, 'bob', 'POST', '/api/tag_domain_association.json', { body: tda })).status, 200);
  const dupTag = await api(emu, 'bob', 'POST', '/api/tag_domain_association.json', { body: tda });
  assert.deepEqual([dupTag.status, dupTag.json.errors], [409, `Tag ${tag.name} already exist for be.cytomine.domain.ontology.UserAnnotation ${annotation.id}!`]);
  const desc = { domainClassName: 'be.cytomine.domain.project.Project', domainIdent: project.id, data: 'd' };
  const url = `/api/domain/be.cytomine.domain.project.Project/${project.id}/description.json`;
  const noDesc = await api(emu, 'alice', 'DELETE', url);
  assert.deepEqual([noDesc.status, noDesc.json.errors], [404, `Description not found for domain be.cytomine.domain.project.Project ${project.id}`]);
  assert.equal((await api(emu, 'alice', 'POST', '/api/description.json', { body: desc })).status, 200);
  const dupDesc = await api(emu, 'alice', 'POST', '/api/description.json', { body: desc });
  assert.deepEqual([dupDesc.status, dupDesc.json.errors], [409, `Description already exists for be.cytomine.domain.project.Project ${project.id}`]);
  // the abstract image of freshProject's image is used in several projects
  const ai = emu.state.all('abstractimage')[0];
  const used = emu.state.idx.instancesByAbstract.get(ai.id).map((id) => emu.state.get('imageinstance', id));
  const del = await api(emu, 'admin', 'DELETE', `/api/abstractimage/${ai.id}.json`);
  assert.equal(del.status, 403);
  const projectNames = used.map((ii) => emu.state.get('project', ii.project).name);
  const imageNames = [...new Set(used.map((ii) => ii.instanceFilename ?? null))];
  assert.equal(del.json.errors, `Abstract Image has instances in active projects : ${projectNames.join(',')} with the following names : ${imageNames.join(',')}`);
  assert.deepEqual(del.json.errorValues, { projectNames, imageNames });
});

test('user positions list as core: managers only (WRITE on the image), summary by default, grouped by viewport, slice filter', async () => {
  const { image } = await freshProject();
  const square = { topLeftX: 0, topLeftY: 10, topRightX: 10, topRightY: 10, bottomRightX: 10, bottomRightY: 0, bottomLeftX: 0, bottomLeftY: 0, zoom: 2 };
  for (const who of ['bob', 'carol']) assert.equal((await api(emu, who, 'POST', `/api/imageinstance/${image.id}/position.json`, { body: { ...square } })).status, 200);
  const byBob = await api(emu, 'bob', 'GET', `/api/imageinstance/${image.id}/positions.json`);
  assert.deepEqual([byBob.status, byBob.json.errors.message], [403, `You don't have the right to read or modify this resource! class be.cytomine.domain.image.ImageInstance ${image.id}`]);
  const summary = await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}/position.json`);
  assert.equal(summary.status, 200, summary.text);
  assert.deepEqual(summary.json.collection, [{ location: [[0, 10], [10, 10], [10, 0], [0, 0], [0, 10]], zoom: 2, rotation: 0, frequency: 2, image: image.id }]);
  const details = await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}/positions.json?showDetails=true&slice=${emu.state.slicesOfImage(image.id)[0].id}`);
  assert.equal(details.json.collection.length, 2);
  const otherSlice = await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}/positions.json?showDetails=true&slice=999999`);
  assert.deepEqual([otherSlice.status, otherSlice.json.errors.message], [404, 'SliceInstance 999999 not found']);
});

test('deleting an annotation removes its comments, track memberships and attached files like core\'s deleteDependencies; undo restores them', async () => {
  const { image, annotation } = await freshProject();
  const track = (await api(emu, 'bob', 'POST', '/api/track.json', { body: { name: 'dep', image: image.id } })).json.track;
  assert.equal((await api(emu, 'bob', 'POST', '/api/annotationtrack.json', { body: { annotationIdent: annotation.id, track: track.id } })).status, 200);
  assert.equal((await api(emu, 'carol', 'POST', `/api/userannotation/${annotation.id}/comment.json`, { body: { comment: 'c', receivers: [userId('bob')] } })).status, 200);
  const cls = 'be.cytomine.domain.ontology.UserAnnotation';
  emu.state.insert('attachedfile', { id: emu.state.newId(), created: Date.now(), updated: null, domainClassName: cls, domainIdent: annotation.id, filename: 'f.txt', key: null, contentType: 'text/plain', data: Buffer.from('x') });
  const count = () => ['sharedannotation', 'annotationtrack', 'attachedfile'].map((t) => emu.state.all(t).filter((x) => (x.annotationIdent ?? x.domainIdent) === annotation.id).length);
  assert.deepEqual(count(), [1, 1, 1]);
  const del = await api(emu, 'bob', 'DELETE', `/api/annotation/${annotation.id}.json`);
  assert.equal(del.status, 200, del.text);
  assert.deepEqual(count(), [0, 0, 0]);
  const trackList = await api(emu, 'bob', 'GET', `/api/track/${track.id}/annotationtrack.json`);
  assert.equal(trackList.json.collection.length, 0);
  assert.equal((await api(emu, 'bob', 'GET', '/api/command/undo.json')).status, 200);
  assert.deepEqual(count(), [1, 1, 1]);
  // in a restricted project the owner cannot delete over another sender's comment (core deletes it with the sender as owner)
  const r = await freshProject({ mode: 'RESTRICTED' });
  await api(emu, 'alice', 'POST', `/api/userannotation/${r.annotation.id}/comment.json`, { body: { comment: 'c', receivers: [userId('bob')] } });
  const blocked = await api(emu, 'bob', 'DELETE', `/api/annotation/${r.annotation.id}.json`);
  assert.deepEqual([blocked.status, blocked.json.errors], [403, RESTRICTED_OWNER]);
});

test('deleting an image removes its tracks and attached files (ImageInstanceService.deleteDependencies)', async () => {
  const { image } = await freshProject();
  const track = (await api(emu, 'alice', 'POST', '/api/track.json', { body: { name: 'gone', image: image.id } })).json.track;
  const cls = 'be.cytomine.domain.image.ImageInstance';
  emu.state.insert('attachedfile', { id: emu.state.newId(), created: Date.now(), updated: null, domainClassName: cls, domainIdent: image.id, filename: 'g.txt', key: null, contentType: 'text/plain', data: Buffer.from('x') });
  assert.equal((await api(emu, 'alice', 'DELETE', `/api/imageinstance/${image.id}.json`)).status, 200);
  assert.equal(emu.state.get('track', track.id), undefined);
  assert.equal(emu.state.all('attachedfile').filter((f) => f.domainIdent === image.id).length, 0);
});

test('annotation-term reads as RestAnnotationTermController: 404s for unknown users and terms, the first association, core\'s miss message', async () => {
  const { annotation, terms } = await freshProject();
  const post = (who, user) => api(emu, who, 'POST', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`, { body: { userannotation: annotation.id, term: terms[0].id, user } });
  const byCarol = (await post('bob', userId('carol'))).json.annotationterm;
  await post('bob', userId('bob'));
  const first = await api(emu, 'bob', 'GET', `/api/annotation/${annotation.id}/term/${terms[0].id}.json`);
  assert.equal(first.json.id, byCarol.id, "the first association, not the caller's");
  const miss = await api(emu, 'bob', 'GET', `/api/annotation/${annotation.id}/term/${terms[1].id}/user/${userId('bob')}.json`);
  assert.deepEqual([miss.status, miss.json.errors.message],
    [404, `AnnotationTerm UserAnnotation{id=${annotation.id}}-Term{id=${terms[1].id}, name='${terms[1].name}'}-${userId('bob')} not found`]);
  const noUser = await api(emu, 'bob', 'GET', `/api/annotation/${annotation.id}/term.json?idUser=999999`);
  assert.deepEqual([noUser.status, noUser.json.errors.message], [404, 'User 999999 not found']);
  const noTerm = await api(emu, 'bob', 'GET', `/api/annotation/${annotation.id}/term/999999.json`);
  assert.deepEqual([noTerm.status, noTerm.json.errors.message], [404, 'Term 999999 not found']);
  const notUser = await api(emu, 'bob', 'GET', `/api/annotation/${annotation.id}/notuser/999999/term.json`);
  assert.deepEqual([notUser.status, notUser.json.errors.message], [404, 'User 999999 not found']);
});
