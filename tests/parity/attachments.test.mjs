// Parity (issue 7): attached files (multipart upload of a Blob), annotation comments and the IAM
// account (MyAccount) against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachedFile, AttachedFileCollection, AnnotationComment, AnnotationCommentCollection, Annotation, Project, MyAccount, CytomineError,
} from '../../js/index.js';
import { startEmulator, connectAs, rejectsWith, projectNamed, userIds } from '../support/integration.mjs';

let server;
let state;
let alice;
let ids;
let panc;

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice'); // the default connection; manager of PANC-Biopsies
  ids = userIds(state);
  panc = projectNamed(state, 'PANC-Biopsies');
});
after(() => server?.close());

test('AttachedFile: multipart save of a Blob, fetch, download, refused update, delete; collection by object', async () => {
  const project = await Project.fetch(panc.id);
  const content = 'protocol: H&E, 4 µm\n';
  const file = await new AttachedFile({ file: new Blob([content], { type: 'text/plain' }), filename: 'protocol.txt' }, project).save();
  assert.ok(file.id > 0);
  const record = state.get('attachedfile', file.id);
  assert.equal(record.filename, 'protocol.txt');
  assert.equal(record.domainIdent, panc.id);
  assert.equal(record.domainClassName, 'be.cytomine.domain.project.Project');
  assert.equal(Buffer.from(record.data).toString('utf8'), content);
  assert.equal(file.url, `/api/attachedfile/${file.id}/download`);
  assert.equal(file.domainIdent, panc.id);

  const fetched = await AttachedFile.fetch(file.id);
  assert.equal(fetched.domainIdent, panc.id);
  assert.equal(fetched.filename, 'protocol.txt');
  const blob = await alice.request('GET', 'attachedfile/{id}/download', { params: { id: file.id }, responseType: 'blob' });
  assert.equal(await blob.text(), content);
  await assert.rejects(fetched.update(), CytomineError);
  assert.throws(() => new AttachedFile({ file: 'not a blob' }), /Blob/);
  await assert.rejects(new AttachedFile({ filename: 'x' }, project).save(), /without a file/);
  await rejectsWith(new AttachedFile({ file: new Blob(['x']), filename: 'x' }).save(), 400); // no object
  await rejectsWith(new (connectAs(server, 'dave').models.AttachedFile)({ file: new Blob(['x']) }, project).save(), 403);

  const image = state.imagesOfProject(panc.id)[0];
  const { ImageInstance } = alice.models;
  await new AttachedFile({ file: new Blob([new Uint8Array([1, 2, 3])]), filename: 'raw.bin' }, await ImageInstance.fetch(image.id)).save();
  const ofProject = await AttachedFileCollection.fetchAll({ object: project });
  assert.deepEqual(ofProject.array.map((f) => f.filename), ['protocol.txt']);
  assert.equal(ofProject.uri, `domain/be.cytomine.domain.project.Project/${panc.id}/attachedfile.json`);
  const all = await AttachedFileCollection.fetchAll();
  assert.equal(all.length, 2);

  await AttachedFile.delete(file.id);
  assert.equal(state.get('attachedfile', file.id), undefined);
  await rejectsWith(AttachedFile.fetch(file.id), 404);
});

test('AnnotationComment: save on an annotation, fetch(id, annotation), refused update/delete; collection', async () => {
  const annId = state.annotationIdsOfProject(panc.id)[0];
  const annotation = await Annotation.fetch(annId);
  const comment = await new AnnotationComment({ subject: 'Look', comment: 'Is this a tumour?', receivers: [ids.bob] }, annotation).save();
  assert.ok(comment.id > 0);
  assert.equal(server.requests.at(-1).path, `/api/userannotation/${annId}/comment.json`);
  const record = state.get('sharedannotation', comment.id);
  assert.equal(record.comment, 'Is this a tumour?');
  assert.deepEqual(record.receivers, [ids.bob]);
  assert.equal(record.sender, ids.alice);
  assert.equal(comment.domainIdent, annId);
  assert.equal(comment.annotation, annotation);

  const fetched = await AnnotationComment.fetch(comment.id, annotation);
  assert.equal(fetched.domainIdent, annId);
  assert.equal(fetched.comment, 'Is this a tumour?');
  await assert.rejects(AnnotationComment.fetch(comment.id), CytomineError); // no annotation
  await assert.rejects(new AnnotationComment({ comment: 'x', receivers: [ids.bob] }).save(), CytomineError);
  await assert.rejects(fetched.update(), CytomineError);
  await assert.rejects(fetched.delete(), CytomineError);
  assert.throws(() => new AnnotationComment({}, new Project({ id: 1, class: 'be.cytomine.domain.project.Project' })), /not available/);
  // core 5.2 checks no membership of the receivers (SharedAnnotation.buildDomainFromJson keeps any user)
  const toDave = await new AnnotationComment({ comment: 'x', receivers: [ids.dave] }, annotation).save();

  // newest first, as core's SharedAnnotationService.listComments
  const list = await AnnotationCommentCollection.fetchAll({ annotation });
  assert.deepEqual(list.array.map((c) => c.id), [toDave.id, comment.id]);
  assert.equal(list.uri, `userannotation/${annId}/comment.json`);
  const bobView = await connectAs(server, 'bob').models.AnnotationCommentCollection.fetchAll({ object: annotation });
  assert.equal(bobView.length, 1);
  await assert.rejects(new AnnotationCommentCollection().fetchAll(), CytomineError);
});

test('MyAccount: fetch, update (POST, locale and isDeveloper in attributes), fetchCredentials', async () => {
  const account = await MyAccount.fetch();
  assert.equal(account.username, 'alice');
  assert.equal(account.locale, 'en');
  assert.equal(account.isDeveloper, false);
  assert.equal(server.requests.at(-1).path, '/iam/realms/cytomine/account');
  account.firstName = 'Alice';
  account.locale = 'fr';
  account.isDeveloper = true;
  assert.equal(await account.update(), account);
  assert.equal(server.requests.at(-1).method, 'POST');
  const stored = state.get('user', ids.alice).account;
  assert.equal(stored.firstName, 'Alice');
  assert.deepEqual(stored.attributes, { locale: ['fr'], isDeveloper: ['1'] });
  const again = await MyAccount.fetch();
  assert.equal(again.locale, 'fr');
  assert.equal(again.isDeveloper, true);
  const credentials = await MyAccount.fetchCredentials();
  assert.equal(credentials[0].type, 'password');
  await assert.rejects(again.delete(), CytomineError);
});
