// Users and metadata (properties, tags, tag associations, descriptions) against the emulator,
// checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Cytomine, User, UserCollection, Project, Annotation, AnnotationCollection, Property, PropertyCollection, Tag, TagCollection,
  TagDomainAssociation, TagDomainAssociationCollection, Description,
} from '../../js/index.js';
import { startEmulator, cred, connectAs, rejectsWith, idsOf, sorted, memberIds, uniqueName, userIds, TODAY } from '../support/integration.mjs';

let server;
let state;
let alice;
let ids;
let panc;

const projectNamed = (name) => state.all('project').find((p) => p.name === name);
const propertiesOf = (cls, ident) => state.all('property').filter((p) => p.domainClassName === cls && p.domainIdent === ident);

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice');
  ids = userIds(state);
  panc = projectNamed('PANC-Biopsies');
});
after(() => server?.close());

test('User fetch by id and the current user', async () => {
  for (const record of state.all('user')) {
    const user = await User.fetch(record.id);
    assert.ok(user instanceof User);
    assert.equal(user.id, record.id);
    assert.equal(user.username, record.username);
    assert.equal(user.name, record.name);
    assert.equal(user.fullName, record.name === record.username ? record.name : `${record.name} (${record.username})`);
    if (TODAY) {
      // Today's repository record: more fields, and the API keys, of which the model keeps only the public one.
      assert.equal(user.dataType, 'USER');
      assert.equal(user.publicKey, record.publicKey);
      assert.equal('privateKey' in user, false);
      assert.doesNotMatch(JSON.stringify(user), new RegExp(record.privateKey));
    }
  }
  await rejectsWith(User.fetch(999999), 404, TODAY ? 'Unable to find user with id: 999999' : 'User not found with filters : {id=999999}');
  assert.equal((await User.fetchCurrent()).id, ids.alice);
});

test('UserCollection: unfiltered, and filtered by project (membership)', async () => {
  const all = await UserCollection.fetchAll();
  assert.deepEqual(all.array.map((u) => u.username), state.all('user').map((u) => u.username).sort());
  const page = new UserCollection({ nbPerPage: 4 });
  await page.fetchPage(1);
  assert.equal(page.totalNbItems, state.all('user').length);
  assert.deepEqual(page.array.map((u) => u.username), state.all('user').map((u) => u.username).sort().slice(4, 8));

  for (const p of state.all('project').filter((x) => memberIds(state, x.id).has(ids.alice))) {
    const members = await UserCollection.fetchAll({ filterKey: 'project', filterValue: p.id });
    assert.deepEqual(sorted(idsOf(members)), sorted(memberIds(state, p.id)), p.name);
  }
  // filtered by ontology: its creator and the members of the projects using it
  for (const o of state.all('ontology')) {
    const users = await UserCollection.fetchAll({ filterKey: 'ontology', filterValue: o.id });
    const expected = new Set([o.user]);
    for (const p of state.all('project')) if (p.ontology === o.id) for (const u of state.membersOf(p.id).contributors) expected.add(u);
    assert.deepEqual(idsOf(users), sorted(expected), o.name);
  }
  // sorted by username descending
  const desc = await UserCollection.fetchAll({ sort: 'username', order: 'desc' });
  assert.deepEqual(desc.array.map((u) => u.username), state.all('user').map((u) => u.username).sort().reverse());
});

test('fetchFriends, fetchResumeActivity, fetchNbAnnotations', async () => {
  const bob = await User.fetch(ids.bob);
  const friends = await bob.fetchFriends();
  assert.ok(friends instanceof UserCollection);
  const expected = new Set();
  for (const p of state.all('project')) if (state.membersOf(p.id).contributors.has(ids.bob)) for (const u of memberIds(state, p.id)) expected.add(u);
  expected.delete(ids.bob);
  assert.deepEqual(idsOf(friends), sorted(expected));
  const inPanc = await bob.fetchFriends(panc.id);
  assert.deepEqual(idsOf(inPanc), sorted([...memberIds(state, panc.id)].filter((u) => u !== ids.bob)));

  const resume = await bob.fetchResumeActivity(panc.id);
  assert.equal(resume.totalAnnotations, state.all('annotation').filter((a) => a.project === panc.id && a.user === ids.bob).length);
  assert.ok(resume.totalAnnotations > 0);

  // alice counts bob's annotations in the projects she can read
  const readable = new Set(state.all('project').filter((p) => memberIds(state, p.id).has(ids.alice)).map((p) => p.id));
  assert.equal(await bob.fetchNbAnnotations(), state.all('annotation').filter((a) => a.user === ids.bob && readable.has(a.project)).length);
  assert.equal(await bob.fetchNbAnnotations(panc.id), state.all('annotation').filter((a) => a.user === ids.bob && a.project === panc.id).length);
  const me = await User.fetchCurrent();
  assert.equal(await me.fetchNbAnnotations(), state.all('annotation').filter((a) => a.user === ids.alice && readable.has(a.project)).length);
});

test('fetchCurrentUserKeys and regenerateKeys: the new keys work, the old ones fail', async () => {
  assert.deepEqual(await User.fetchCurrentUserKeys(), { primaryKey: cred(server, 'alice').publicKey, secondaryKey: cred(server, 'alice').privateKey });
  // regenerate dave's keys (the other tests use alice's)
  const old = cred(server, 'dave');
  const dave = connectAs(server, 'dave');
  const keys = await dave.models.User.regenerateKeys();
  assert.notEqual(keys.primaryKey, old.publicKey);
  assert.notEqual(keys.secondaryKey, old.privateKey);
  assert.equal(state.get('user', ids.dave).publicKey, keys.primaryKey);
  assert.equal(state.get('user', ids.dave).privateKey, keys.secondaryKey);
  const renewed = new Cytomine(server.url, { publicKey: keys.primaryKey, privateKey: keys.secondaryKey, retries: 0 });
  assert.equal((await renewed.models.User.fetchCurrent()).username, 'dave');
  assert.deepEqual(await renewed.models.User.fetchCurrentUserKeys(), keys);
  const e = await rejectsWith(dave.models.User.fetchCurrent(), 401);
  assert.match(e.message, /API key signature/);
});

test('Property CRUD on an annotation and on a project; PropertyCollection', async () => {
  const annotationId = state.annotationIdsOfProject(panc.id).find((id) => propertiesOf('be.cytomine.domain.ontology.UserAnnotation', id).length === 0);
  const annotation = await Annotation.fetch(annotationId);
  const project = await Project.fetch(panc.id);
  for (const object of [annotation, project]) {
    const key = uniqueName('key');
    const property = new Property({ key, value: 'v1' }, object);
    assert.equal(property.domainIdent, object.id);
    assert.equal(property.domainClassName, object.class);
    await property.save();
    assert.ok(property.id > 0);
    assert.equal(property.key, key);
    assert.equal(property.value, 'v1');
    const stored = state.get('property', property.id);
    assert.deepEqual([stored.domainClassName, stored.domainIdent, stored.key, stored.value], [object.class, object.id, key, 'v1']);

    const fetched = await Property.fetch(property.id, object);
    assert.equal(fetched.key, key);
    assert.equal(fetched.value, 'v1');
    assert.equal(fetched.domainIdent, object.id);

    fetched.value = 'v2';
    await fetched.update();
    assert.equal(state.get('property', property.id).value, 'v2');
    assert.equal((await Property.fetch(property.id, object)).value, 'v2');

    const list = await new PropertyCollection({ object }).fetchAll();
    assert.deepEqual(sorted(idsOf(list)), sorted(idsOf(propertiesOf(object.class, object.id))));
    assert.ok(idsOf(list).includes(property.id));
    for (const p of list) assert.ok(p instanceof Property);
    const statically = await PropertyCollection.fetchAll({ object });
    assert.deepEqual(idsOf(statically), idsOf(list));

    await Property.delete(property.id, object);
    assert.equal(state.get('property', property.id), undefined);
    await rejectsWith(Property.fetch(property.id, object), 404);
  }
  assert.throws(() => new Property({ key: 'k', value: 'v' }, new Project({ name: 'unsaved' })), (e) => e.kind === 'invalid-argument');
});

test('metadata collections of an object: paging, for await and clone keep the object', async () => {
  const project = await Project.fetch(panc.id);
  const expectedProps = sorted(idsOf(propertiesOf(project.class, panc.id)));
  assert.ok(expectedProps.length >= 2);
  const paged = await PropertyCollection.fetchAll({ object: project, nbPerPage: 1 });
  assert.deepEqual(sorted(idsOf(paged)), expectedProps);
  const iterated = [];
  for await (const p of new PropertyCollection({ object: project, nbPerPage: 1 })) iterated.push(p.id);
  assert.deepEqual(sorted(iterated), expectedProps);
  const copy = new PropertyCollection({ object: project }).clone();
  assert.equal(copy.object, project);
  assert.deepEqual(sorted(idsOf(await copy.fetchAll())), expectedProps);

  const expectedTags = sorted(idsOf(state.all('tagdomainassociation').filter((x) => x.domainClassName === project.class && x.domainIdent === panc.id)));
  const tags = [];
  for await (const x of new TagDomainAssociationCollection({ object: project })) tags.push(x.id);
  assert.deepEqual(sorted(tags), expectedTags, "only the project's associations");
});

test('PropertyCollection.fetchKeysAnnotationProperties and fetchKeysImageProperties', async () => {
  const annIds = new Set(state.all('annotation').filter((a) => a.project === panc.id).map((a) => a.id));
  const expected = [...new Set(state.all('property').filter((p) => p.domainClassName.endsWith('UserAnnotation') && annIds.has(p.domainIdent)).map((p) => p.key))];
  assert.ok(expected.length > 0);
  // Core answers plain key strings, or {key, user} rows with `user`.
  const keys = await PropertyCollection.fetchKeysAnnotationProperties(panc.id);
  assert.deepEqual([...keys].sort(), expected.sort());
  const withUser = await PropertyCollection.fetchKeysAnnotationProperties(panc.id, null, true);
  const pairs = state.all('property').filter((p) => p.domainClassName.endsWith('UserAnnotation') && annIds.has(p.domainIdent))
    .map((p) => `${p.key}|${state.get('annotation', p.domainIdent).user}`);
  assert.deepEqual(withUser.map((k) => `${k.key}|${k.user}`).sort(), [...new Set(pairs)].sort());

  const image = state.imagesOfProject(panc.id)[0];
  const onImage = new Set(state.all('annotation').filter((a) => a.image === image.id).map((a) => a.id));
  const expectedImage = [...new Set(state.all('property').filter((p) => p.domainClassName.endsWith('UserAnnotation') && onImage.has(p.domainIdent)).map((p) => p.key))];
  const imageKeys = await PropertyCollection.fetchKeysAnnotationProperties(null, image.id);
  assert.deepEqual([...imageKeys].sort(), expectedImage.sort());

  const imgs = new Set(state.imagesOfProject(panc.id).map((ii) => ii.id));
  const expectedImg = [...new Set(state.all('property').filter((p) => p.domainClassName.endsWith('ImageInstance') && imgs.has(p.domainIdent)).map((p) => p.key))];
  assert.deepEqual([...(await PropertyCollection.fetchKeysImageProperties(panc.id))].sort(), expectedImg.sort());
});

test('Tag CRUD and TagCollection', async () => {
  const name = uniqueName('tag');
  const tag = await new Tag({ name }).save();
  assert.ok(tag.id > 0);
  assert.equal(tag.name, name);
  // Today's tag record names its creator only (no `user` id).
  assert.equal(tag.user, TODAY ? null : ids.alice);
  assert.equal(tag.creatorName, 'alice');
  assert.equal(state.get('tag', tag.id).name, name);

  const fetched = await Tag.fetch(tag.id);
  assert.deepEqual({ ...fetched }, { ...tag });
  fetched.name = `${name}-2`;
  await fetched.update();
  assert.equal(state.get('tag', tag.id).name, `${name}-2`);

  const all = await TagCollection.fetchAll();
  // (in the server's order: by id on 5.2, by the repository's default sort today)
  assert.deepEqual(sorted(idsOf(all)), sorted(idsOf(state.all('tag'))));
  assert.ok(all.array.find((t) => t.id === tag.id).name === `${name}-2`);

  if (!TODAY) await rejectsWith(new Tag({ name: `${name}-2`.toUpperCase() }).save(), 409, `Tag ${name.toUpperCase()}-2 already exist!`);
  // another user's tag cannot be changed (today's core answers 404 where 5.2 answered 403)
  const bobTag = state.all('tag').find((t) => t.user === ids.bob);
  await rejectsWith(Tag.delete(bobTag.id), TODAY ? 404 : 403);
  assert.ok(state.get('tag', bobTag.id));

  await fetched.delete();
  assert.equal(state.get('tag', tag.id), undefined);
  await rejectsWith(Tag.fetch(tag.id), 404, TODAY ? `Unable to find tag with id: ${tag.id}` : `Tag not found with filters : {id=${tag.id}}`);
});

test('TagDomainAssociation on a project', async () => {
  const project = await Project.fetch(panc.id);
  const tag = await new Tag({ name: uniqueName('assoc') }).save();
  const association = await new TagDomainAssociation({ tag: tag.id }, project).save();
  assert.ok(association.id > 0);
  assert.equal(association.tag, tag.id);
  // Today's record has `tagId` and `domainId` (filled into `tag` and `domainIdent`), no `tagName`.
  assert.equal(association.tagName, TODAY ? null : tag.name);
  if (TODAY) assert.deepEqual([association.tagId, association.domainId], [tag.id, panc.id]);
  assert.equal(association.domainIdent, panc.id);
  assert.equal(association.domainClassName, project.class);
  const stored = state.get('tagdomainassociation', association.id);
  assert.deepEqual([stored.tag, stored.domainClassName, stored.domainIdent], [tag.id, project.class, panc.id]);

  const fetched = await TagDomainAssociation.fetch(association.id);
  assert.equal(fetched.tag, tag.id);
  assert.equal(fetched.domainIdent, panc.id);

  const ofProject = await new TagDomainAssociationCollection({ object: project }).fetchAll();
  const expected = state.all('tagdomainassociation').filter((x) => x.domainClassName === project.class && x.domainIdent === panc.id);
  assert.deepEqual(sorted(idsOf(ofProject)), sorted(idsOf(expected)));
  assert.ok(expected.length >= 2, 'the seeded one and ours');

  const visible = await TagDomainAssociationCollection.fetchAll();
  const readable = (x) => {
    const table = { 'be.cytomine.domain.project.Project': 'project', 'be.cytomine.domain.image.ImageInstance': 'imageinstance' }[x.domainClassName] ?? 'annotation';
    const o = state.get(table, x.domainIdent);
    return memberIds(state, table === 'project' ? o.id : o.project).has(ids.alice);
  };
  assert.deepEqual(idsOf(visible), sorted(idsOf(state.all('tagdomainassociation').filter(readable))));

  if (TODAY) {
    // The repository keeps no unique (tag, object) pair (emulated as such): a second one is made.
    const twin = await new TagDomainAssociation({ tag: tag.id }, project).save();
    assert.notEqual(twin.id, association.id);
    await twin.delete();
  } else {
    await rejectsWith(new TagDomainAssociation({ tag: tag.id }, project).save(), 409);
  }
  await association.delete();
  assert.equal(state.get('tagdomainassociation', association.id), undefined);
  await rejectsWith(TagDomainAssociation.fetch(association.id), 404);
  // the annotation search can filter on tags
  const tagged = state.all('tagdomainassociation').filter((x) => x.domainClassName.endsWith('UserAnnotation')).map((x) => x.tag)[0];
  const byTag = await AnnotationCollection.fetchAll({ project: panc.id, tag: tagged });
  assert.deepEqual(idsOf(byTag), state.all('tagdomainassociation').filter((x) => x.tag === tagged && x.domainClassName.endsWith('UserAnnotation')).map((x) => x.domainIdent).sort((a, b) => b - a));
});

test('Description save, fetch, update, delete on a project', async () => {
  const project = await new Project({ name: uniqueName('described') }).save();
  await rejectsWith(Description.fetch(project), 404);
  const description = await new Description({ data: '<p>first</p>' }, project).save();
  assert.ok(description.id > 0);
  assert.equal(description.data, '<p>first</p>');
  assert.equal(description.domainIdent, project.id);
  const stored = state.all('description').filter((d) => d.domainIdent === project.id);
  assert.deepEqual(stored.map((d) => d.data), ['<p>first</p>']);

  const fetched = await Description.fetch(project);
  assert.equal(fetched.id, description.id);
  assert.equal(fetched.data, '<p>first</p>');

  fetched.data = '<p>second</p>';
  await fetched.update();
  assert.equal(state.get('description', description.id).data, '<p>second</p>');
  assert.equal((await Description.fetch(project)).data, '<p>second</p>');
  await rejectsWith(new Description({ data: 'again' }, project).save(), 409);

  // the seeded description of PANC-Biopsies
  const seeded = await Description.fetch(await Project.fetch(panc.id));
  assert.equal(seeded.data, state.all('description').find((d) => d.domainIdent === panc.id).data);

  await Description.delete(project);
  assert.equal(state.get('description', description.id), undefined);
  await rejectsWith(Description.fetch(project), 404);
  await project.delete();
});
