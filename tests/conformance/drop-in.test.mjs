// Drop-in (issue 16, items 2 and 5): cytomine-client 3.1.0 and this package side by side, against
// one core 5.2 emulator, class by class: what a new object reads (fields, getters, empty values),
// what fetched lists hold (item classes and fields), what calls return (promise or value, `this`,
// classes), and Ontology's nested collections. Every difference is listed here as deliberate, with
// the values of both; README "Migrating from cytomine-client" lists the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as P from '../../js/index.js';
import { setup, projectByName } from './helpers.mjs';

let emu;
let C; // cytomine-client's exports
let panc;
let image;

before(async () => {
  ({ emu, c: C } = await setup('alice'));
  const alice = emu.credentials.find((x) => x.username === 'alice');
  // The package's default connection (its first), same user, same server.
  new P.Cytomine(emu.url, { publicKey: alice.publicKey, privateKey: alice.privateKey, core: '5.2' });
  panc = projectByName(emu, 'PANC-Biopsies');
  image = emu.state.all('imageinstance').filter((i) => i.project === panc.id).sort((a, b) => a.id - b.id)[0];
});
after(async () => { await emu.close(); });

/** An annotation of PANC-Biopsies that has a term. */
const annotatedWithTerm = () => emu.state.all('annotation').find((a) => a.project === panc.id && emu.state.all('annotationterm').some((at) => at.userannotation === a.id));

const isClass = (C, name) => typeof C[name] === 'function' && /^[A-Z]/.test(name) && name !== 'Cytomine';
const clientClasses = () => Object.keys(C).filter((n) => isClass(C, n)).sort();

/** A comparable rendering of a value: collections and models by class (and size or id), the rest as JSON. */
function shown(value) {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return value;
  const name = value.constructor?.name;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (name?.endsWith('Collection')) return `${name}[${value.length}]`;
  if (typeof value.isNew === 'function') return `${name}#${value.id}`;
  return `${name}:${JSON.stringify(value)}`;
}

/** `obj[key]` shown, `'throws'` when the getter throws; absolute URLs relative to the host. */
function read(obj, key) {
  try {
    const v = shown(obj[key]);
    return typeof v === 'string' ? v.replace(emu.url, '') : v;
  } catch {
    return 'throws';
  }
}

/** The keys cytomine-client gives a model or collection: own public fields and prototype getters. */
function clientKeys(obj) {
  const keys = new Set(Object.keys(obj).filter((k) => !k.startsWith('_')));
  for (let o = Object.getPrototypeOf(obj); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (Object.getOwnPropertyDescriptor(o, k).get && k !== 'uri' && k !== 'callbackIdentifier') keys.add(k);
    }
  }
  return [...keys];
}

/** `{ 'Class.key': [client, package] }` for every key where the two objects read differently. */
function differences(name, c, p) {
  const out = {};
  for (const key of clientKeys(c)) {
    const [a, b] = [read(c, key), read(p, key)];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[`${name}.${key}`] = [a, b];
  }
  return out;
}

test('the package exports every model and collection of cytomine-client, plus RelationTerm', () => {
  const names = clientClasses();
  assert.equal(names.filter((n) => n.endsWith('Collection')).length, 37);
  assert.equal(names.filter((n) => !n.endsWith('Collection')).length, 40);
  assert.deepEqual(names.filter((n) => typeof P[n] !== 'function'), []);
  for (const n of names) assert.equal(new P[n]() instanceof P[n], true, n);
});

test('a new object of each of the 77 classes reads what cytomine-client gives, except the listed differences', () => {
  const found = {};
  for (const name of clientClasses()) Object.assign(found, differences(name, new C[name](), new P[name]()));
  const url = (cb) => `/api/${cb}/null/download`;
  assert.deepEqual(found, {
    // downloadURL of an object with no id: cytomine-client builds a URL with "null" in it.
    'AbstractImage.downloadURL': [url('abstractimage'), 'throws'],
    'CompanionFile.downloadURL': [url('companionfile'), 'throws'],
    'ImageInstance.downloadURL': [url('imageinstance'), 'throws'],
    'UploadedFile.downloadURL': [url('uploadedfile'), 'throws'],
    // cytomine-client's getter returns its unset `_type`.
    'Annotation.type': ['undefined', null],
    // cytomine-client's own getter is shadowed (README: the `object` / `annotation` getter works).
    'AnnotationComment.object': ['undefined', null],
    'AnnotationCommentCollection.annotation': ['undefined', null],
    // Without an object, cytomine-client reads `this._object.id` and throws.
    'AnnotationCommentCollection.annotationIdent': ['throws', null],
    'AnnotationCommentCollection.domainIdent': ['throws', null],
    'AttachedFileCollection.domainIdent': ['throws', null],
    'PropertyCollection.domainIdent': ['throws', null],
    'TagDomainAssociationCollection.domainIdent': ['throws', null],
    // The list's own stem (the package builds the comment URI from the annotation's type).
    'AnnotationCommentCollection.uriWithoutFilter': ['sharedannotation.json', 'comment.json'],
    // An annotation term is known by its annotation and term: id 0 marks "saved" (no own id).
    'AnnotationTerm.id': [null, 0],
    // Without a project, cytomine-client throws; the package has no URL.
    'ImageConsultationCollection.downloadURL': ['throws', null],
  });
});

test('fetched lists hold the same models, fields and totals as cytomine-client', async () => {
  const lists = [
    ['ProjectCollection', {}],
    ['OntologyCollection', {}],
    ['TermCollection', { filterKey: 'project', filterValue: panc.id }],
    ['ImageInstanceCollection', { filterKey: 'project', filterValue: panc.id }],
    ['AbstractImageCollection', {}],
    ['SliceInstanceCollection', { filterKey: 'imageinstance', filterValue: image.id }],
    ['UserCollection', {}],
    ['UserCollection', { filterKey: 'project', filterValue: panc.id }],
    ['RoleCollection', {}],
    ['TagCollection', {}],
    ['TagDomainAssociationCollection', {}],
    ['UserRoleCollection', { filterKey: 'user', filterValue: 2 }],
    ['AnnotationCollection', { project: panc.id, showWKT: true, showTerm: true, image: image.id }],
    ['AnnotationTermCollection', { filterKey: 'annotation', filterValue: annotatedWithTerm().id }],
  ];
  const found = {};
  const compared = [];
  for (const [name, options] of lists) {
    const client = await C[name].fetchAll(options);
    compared.push(`${name}:${client.length}`);
    const mine = await P[name].fetchAll(options);
    assert.ok(mine instanceof P[name]);
    const label = `${name}(${options.filterKey ?? ''})`;
    assert.deepEqual([mine.length, mine.totalNbItems, mine.nbPages], [client.length, client.totalNbItems, client.nbPages], label);
    for (let i = 0; i < client.length; i++) {
      const [c, p] = [client.get(i), mine.get(i)];
      assert.equal(p.constructor.name, c.constructor.name, label);
      assert.ok(p instanceof P[name].model);
      Object.assign(found, differences(c.constructor.name, c, p));
    }
  }
  console.log(`# compared: ${compared.join(', ')}`);
  assert.ok(compared.every((c) => !c.endsWith(':0')), 'every list compared has items');
  assert.deepEqual(found, {});
  // URIs agree too, but for a saved tag association: core serves both; the package's needs no object.
  const [c, p] = [(await C.TagDomainAssociationCollection.fetchAll()).get(0), (await P.TagDomainAssociationCollection.fetchAll()).get(0)];
  assert.equal(c.uri, `domain/${c.domainClassName}/${c.domainIdent}/tag_domain_association/${c.id}.json`);
  assert.equal(p.uri, `tag_domain_association/${c.id}.json`);
  const [ci, pi] = [(await C.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id })).get(0), (await P.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: panc.id })).get(0)];
  assert.equal(pi.uri, ci.uri);
});

/** What calling `fn` on `self` gives: `promise→<shape>` or `value <shape>`, `this` for the receiver. */
async function outcome(self, fn, args = []) {
  let result;
  try {
    result = fn.apply(self, args);
  } catch (e) {
    return 'sync throw';
  }
  const isPromise = typeof result?.then === 'function';
  let value = result;
  if (isPromise) {
    try {
      value = await result;
    } catch (e) {
      return 'promise rejects';
    }
  }
  const shape = value === self ? 'this' : Array.isArray(value) ? `Array of ${typeof value[0]}` : shown(value);
  const text = typeof shape === 'string' && shape.startsWith('Object:') ? `Object{${Object.keys(value).sort()}}` : shape;
  return `${isPromise ? 'promise→' : 'value '}${typeof text === 'string' ? text.replace(/#\d+$/, '#id') : typeof text}`;
}

/** Calls, each made with cytomine-client's classes (X = C) and the package's (X = P). */
const CALLS = {
  'Project.fetch(id)': (X) => outcome(X.Project, X.Project.fetch, [panc.id]),
  'project.fetch()': (X) => { const p = new X.Project({ id: panc.id }); return outcome(p, p.fetch); },
  'project.fetchUsers()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchUsers); },
  'project.fetchAdministrators()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchAdministrators); },
  'project.fetchUIConfig()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchUIConfig); },
  'project.fetchCommandHistory()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchCommandHistory); },
  'project.fetchStatsTerms()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchStatsTerms); },
  'User.fetchCurrent()': (X) => outcome(X.User, X.User.fetchCurrent),
  'project.fetchRepresentatives()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchRepresentatives); },
  'project.fetchCreator()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchCreator); },
  'project.fetchUserLayers()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchUserLayers); },
  'project.fetchUsersActivity()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchUsersActivity); },
  'project.fetchNbConnections({})': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchNbConnections, [{}]); },
  'project.addUser(id) / deleteUser(id)': async (X) => {
    const p = await X.Project.fetch(panc.id);
    return `${await outcome(p, p.addUser, [6])} ${await outcome(p, p.deleteUser, [6])}`;
  },
  'image.review() / stopReview()': async (X) => {
    const i = await X.ImageInstance.fetch(image.id);
    return `${await outcome(i, i.review)} ${await outcome(i, i.stopReview)}`;
  },
  'image.fetchReviewStatistics()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.fetchReviewStatistics); },
  'image.fetchHistogram()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.fetchHistogram); },
  'image.fetchPrevious()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.fetchPrevious); },
  'annotation.recordAction(action)': async (X) => { const a = await X.Annotation.fetch(annotatedWithTerm().id); return outcome(a, a.recordAction, ['select']); },
  'user.fetchFriends()': async (X) => { const u = await X.User.fetch(3); return outcome(u, u.fetchFriends); },
  'User.fetchCurrentUserKeys()': (X) => outcome(X.User, X.User.fetchCurrentUserKeys),
  'cytomine.fetchTotalCounts()': (X) => { const c = X === P ? P.Cytomine.instance : C.cytomine; return outcome(c, c.fetchTotalCounts); },
  'new ProjectConnection({project}).save()': (X) => { const pc = new X.ProjectConnection({ project: panc.id }); return outcome(pc, pc.save); },
  'new ImageConsultation({image}).save()': (X) => { const ic = new X.ImageConsultation({ image: image.id, mode: 'Explore' }); return outcome(ic, ic.save); },
  'image.fetchNext()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.fetchNext); },
  'image.fetchReferenceSlice()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.fetchReferenceSlice); },
  'image.thumbURL()': async (X) => { const i = await X.ImageInstance.fetch(image.id); return outcome(i, i.thumbURL); },
  'ImageInstanceCollection.fetchAllLight()': (X) => outcome(X.ImageInstanceCollection, X.ImageInstanceCollection.fetchAllLight),
  'ImageInstanceCollection.fetchBounds({project})': (X) => outcome(X.ImageInstanceCollection, X.ImageInstanceCollection.fetchBounds, [{ project: panc.id }]),
  'ProjectCollection.fetchLastOpened()': (X) => outcome(X.ProjectCollection, X.ProjectCollection.fetchLastOpened),
  'PropertyCollection.fetchKeysAnnotationProperties(project)': (X) => outcome(X.PropertyCollection, X.PropertyCollection.fetchKeysAnnotationProperties, [panc.id]),
  'AbstractImageCollection.fetchUnused()': (X) => outcome(X.AbstractImageCollection, X.AbstractImageCollection.fetchUnused),
  'abstractImages.fetchUnused()': (X) => { const c = new X.AbstractImageCollection(); return outcome(c, c.fetchUnused); },
  'TermCollection.fetchAll(options)': (X) => outcome(X.TermCollection, X.TermCollection.fetchAll, [{ filterKey: 'project', filterValue: panc.id }]),
  'terms.fetchAll()': (X) => { const c = new X.TermCollection({ filterKey: 'project', filterValue: panc.id }); return outcome(c, c.fetchAll); },
  'images.fetchPage(0) / fetchNextPage()': async (X) => {
    const c = new X.ImageInstanceCollection({ filterKey: 'project', filterValue: panc.id, nbPerPage: 2 });
    const first = await outcome(c, c.fetchPage, [0]);
    const next = await outcome(c, c.fetchNextPage);
    return `${first} ${next} curPage=${c.curPage} length=${c.length} total=${c.totalNbItems} pages=${c.nbPages}`;
  },
  'term save/update/fetch/delete': async (X) => {
    const t = new X.Term({ name: `drop-in-${X === P ? 'p' : 'c'}`, color: '#00ff00', ontology: panc.ontology });
    const steps = [await outcome(t, t.save)];
    t.color = '#0000ff';
    steps.push(await outcome(t, t.update), await outcome(t, t.fetch), await outcome(t, t.delete), String(t.isNew()));
    return steps.join(' ');
  },
  'Term.delete(id)': async (X) => {
    const t = await new X.Term({ name: `drop-in-2-${X === P ? 'p' : 'c'}`, color: '#00ff00', ontology: panc.ontology }).save();
    return outcome(X.Term, X.Term.delete, [t.id]);
  },
  'annotationTerm.update() (refused)': (X) => { const at = new X.AnnotationTerm({ annotation: 1, term: 2 }); return outcome(at, at.update); },
  'new Term().fetch()': (X) => { const t = new X.Term(); return outcome(t, t.fetch); },
  'project.populate(props)': (X) => { const p = new X.Project(); return outcome(p, p.populate, [{ name: 'x' }]); },
  'project.clone()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.clone); },
  'empty collection': (X) => { const c = new X.ProjectCollection(); return [c.length, c.totalNbItems, c.nbPages, c.curPage, c.get(0), String(c), c.array.length].join(' '); },
  'project.fetchNbAnnotations()': async (X) => { const p = await X.Project.fetch(panc.id); return outcome(p, p.fetchNbAnnotations); },
  'images.fetchPreviousPage() from page 0': async (X) => {
    const c = new X.ImageInstanceCollection({ filterKey: 'project', filterValue: panc.id, nbPerPage: 2 });
    await c.fetchPage(0);
    return `${await outcome(c, c.fetchPreviousPage)} curPage=${c.curPage}`;
  },
  'Term.fetch(0)': async (X) => {
    const sent = () => emu.requests.filter((r) => r.path === '/api/term/0.json').length;
    const before = sent();
    return `${await outcome(X.Term, X.Term.fetch, [0])}, ${sent() - before} request(s)`;
  },
};

test('calls return what cytomine-client returns: promise or value, `this`, classes; differences listed', async () => {
  const found = {};
  for (const [label, call] of Object.entries(CALLS)) {
    const [client, mine] = [await call(C), await call(P)];
    if (client !== mine) found[label] = [client, mine];
  }
  assert.deepEqual(found, {
    // AnnotationTerm's update() is not async in cytomine-client: README "reject, never throw synchronously".
    'annotationTerm.update() (refused)': ['sync throw', 'promise rejects'],
    // cytomine-client's populate returns nothing.
    'project.populate(props)': ['value undefined', 'value this'],
    // No argument: user annotations (cytomine-client rejects "This annotation type is not handled").
    'project.fetchNbAnnotations()': ['promise rejects', 'promise→number'],
    // Refused before any request, curPage unchanged (cytomine-client sets it to -1 first).
    'images.fetchPreviousPage() from page 0': ['promise rejects curPage=-1', 'promise rejects curPage=0'],
    // Ids are validated before anything is sent (cytomine-client asks the server, which answers 404).
    'Term.fetch(0)': ['promise rejects, 1 request(s)', 'promise rejects, 0 request(s)'],
  });
});

test("Ontology's children, terms and projects are a TermCollection and a ProjectCollection, as in cytomine-client", async () => {
  const histology = emu.state.all('ontology').find((o) => o.name === 'Histology');
  const tree = (nodes) => [...nodes].map((n) => [n.id, n.name, tree(n.children ?? [])]);
  const view = (X, o) => ({
    children: o.children instanceof X.TermCollection,
    projects: o.projects instanceof X.ProjectCollection,
    alias: o.terms === o.children,
    terms: o.children.array.every((t) => t instanceof X.Term),
    members: o.projects.array.every((p) => p instanceof X.Project),
    tree: tree(o.children),
    projectIds: o.projects.array.map((p) => p.id).sort((a, b) => a - b),
    publicKeys: Object.keys(o.getPublicProperties()).filter((k) => ['children', 'projects', 'terms'].includes(k)),
  });
  const [c, p] = [await C.Ontology.fetch(histology.id), await P.Ontology.fetch(histology.id)];
  const expected = view(C, c);
  assert.deepEqual(expected.publicKeys, [], 'cytomine-client sends no nested lists on save');
  assert.ok(expected.tree.length > 0 && expected.projectIds.length > 0);
  assert.deepEqual(view(P, p), expected);

  // Empty collections when nothing is sent; arrays assigned become collections of models.
  for (const X of [C, P]) {
    const empty = new X.Ontology({ name: 'x' });
    assert.deepEqual([empty.children.length, empty.projects.length, empty.children instanceof X.TermCollection], [0, 0, true]);
    empty.terms = [{ id: 5, name: 'a' }];
    assert.ok(empty.children.get(0) instanceof X.Term);
    assert.equal(empty.children.get(0).name, 'a');
    const mine = new X.TermCollection();
    empty.children = mine;
    assert.equal(empty.terms, mine);
    empty.projects = null;
    assert.ok(empty.projects instanceof X.ProjectCollection);
    assert.throws(() => { empty.children = 'not a list'; }, /children/);
  }
  // A clone has its own collections with the same models' fields.
  const copy = p.clone();
  assert.notEqual(copy.children, p.children);
  assert.deepEqual(view(P, copy), expected);
  // Difference: JSON shows `children` and `projects` as arrays (cytomine-client: `_children`, `_projects` collections).
  const json = JSON.parse(JSON.stringify(p));
  assert.deepEqual(tree(json.children), expected.tree);
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(c))).filter((k) => /children|projects/.test(k)).sort(), ['_children', '_projects']);
});

test('a fetched model of each kind reads what cytomine-client gives, URI included, except the listed differences', async () => {
  const first = (table, f = () => true) => emu.state.all(table).find(f);
  const annotation = first('annotation', (a) => a.project === panc.id);
  const annotationTerm = first('annotationterm', (at) => at.user !== undefined && at.user !== null);
  const fetched = {
    Project: (X) => X.Project.fetch(panc.id),
    Ontology: (X) => X.Ontology.fetch(panc.ontology),
    Term: (X) => X.Term.fetch(first('term').id),
    ImageInstance: (X) => X.ImageInstance.fetch(image.id),
    AbstractImage: (X) => X.AbstractImage.fetch(image.baseImage),
    SliceInstance: (X) => X.SliceInstance.fetch(first('sliceinstance', (s) => s.image === image.id).id),
    Annotation: (X) => X.Annotation.fetch(annotation.id),
    AnnotationTerm: (X) => X.AnnotationTerm.fetch(annotationTerm.userannotation, annotationTerm.term),
    User: (X) => X.User.fetch(3),
    'User.fetchCurrent': (X) => X.User.fetchCurrent(),
    Tag: (X) => X.Tag.fetch(first('tag').id),
    Property: async (X) => (await X.PropertyCollection.fetchAll({ object: await X.Annotation.fetch(annotation.id) })).get(0),
    Description: async (X) => X.Description.fetch(await X.Project.fetch(panc.id)),
    MyAccount: (X) => X.MyAccount.fetch(),
  };
  const found = {};
  for (const [name, fetch] of Object.entries(fetched)) {
    const [c, p] = [await fetch(C), await fetch(P)];
    assert.ok(c && p, name);
    assert.equal(p.constructor.name, c.constructor.name);
    Object.assign(found, differences(name, c, p));
    if (p.uri !== c.uri) found[`${name}.uri`] = [c.uri, p.uri];
  }
  assert.deepEqual(found, {
    // The generic route, which core serves for every annotation type (cytomine-client names the
    // type once `class` is known); with an explicit type (`Annotation.fetch(id, type)`) both use it.
    'Annotation.uri': [`userannotation/${annotation.id}.json`, `annotation/${annotation.id}.json`],
    // cytomine-client's MyAccount is not a Model and has no `uri`.
    'MyAccount.uri': [undefined, '/iam/realms/cytomine/account'],
  });
});
