// Ontologies, terms and relation terms against the emulator, checked against its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ontology, OntologyCollection, Term, TermCollection, RelationTerm, Project, ProjectCollection } from '../../js/index.js';
import { startEmulator, userOf, connectAs, rejectsWith, idsOf, sorted, memberIds, uniqueName, TODAY } from '../support/integration.mjs';

/** Today's repository commands are UUIDs (delta §3.2); 5.2's are the emulator's numeric ids. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Today's 404 for a missing (or unreadable) repository object. */
const unableToFind = (noun, id) => `Unable to find ${noun} with id: ${id}`;

let server;
let state;
let alice;
let aliceId;
let ontology; // an ontology created for this file, with three terms
let terms;

/** Ontologies alice may read: hers, and those of projects she is a member of. */
function readableOntologies() {
  return state.all('ontology').filter((o) => o.user === aliceId
    || state.all('project').some((p) => p.ontology === o.id && memberIds(state, p.id).has(aliceId)));
}

before(async () => {
  server = await startEmulator();
  state = server.state;
  alice = connectAs(server, 'alice');
  aliceId = userOf(server, 'alice').id;
  ontology = await new Ontology({ name: uniqueName('onto') }).save();
  terms = [];
  for (const [name, color] of [['T', '#112233'], ['P1', '#445566'], ['P2', '#778899']]) {
    terms.push(await new Term({ name, color, ontology: ontology.id }).save());
  }
});
after(() => server?.close());

test('Ontology CRUD', async () => {
  const name = uniqueName('crud-onto');
  const o = await new Ontology({ name }).save();
  assert.ok(o.id > 0);
  assert.equal(o.name, name);
  assert.equal(o.user, aliceId);
  assert.equal(state.get('ontology', o.id).name, name);
  if (TODAY) assert.match(alice.lastCommand, UUID);
  else assert.equal(alice.lastCommand, server.commands.history.at(-1).id);

  const fetched = await Ontology.fetch(o.id);
  assert.equal(fetched.name, name);
  // As in cytomine-client: a TermCollection and a ProjectCollection, empty when there is nothing
  // (today's record has no `projects` at all), and `terms` an alias of `children`.
  assert.ok(fetched.children instanceof TermCollection);
  assert.ok(fetched.projects instanceof ProjectCollection);
  assert.equal(fetched.terms, fetched.children);
  assert.deepEqual([fetched.children.length, fetched.projects.length], [0, 0]);
  if (TODAY) assert.equal(fetched.dataType, 'ONTOLOGY');

  fetched.name = `${name}-2`;
  await fetched.update();
  assert.equal(fetched.name, `${name}-2`);
  assert.equal(state.get('ontology', o.id).name, `${name}-2`);
  assert.equal((await Ontology.fetch(o.id)).name, `${name}-2`);

  if (TODAY) {
    // Today's core dropped the unique ontology name (delta §3.2): a second one is created.
    const twin = await new Ontology({ name: `${name}-2` }).save();
    assert.notEqual(twin.id, o.id);
    assert.equal(state.get('ontology', twin.id).name, `${name}-2`);
    await twin.delete();
  } else {
    await rejectsWith(new Ontology({ name: `${name}-2` }).save(), 409, `Ontology ${name}-2 already exist!`);
  }

  await Ontology.delete(o.id);
  assert.equal(state.get('ontology', o.id), undefined);
  await rejectsWith(Ontology.fetch(o.id), 404, TODAY ? unableToFind('ontology', o.id) : `Ontology not found with filters : {id=${o.id}}`);
});

test('Ontology of a project: its terms as a tree', async () => {
  const histology = state.all('ontology').find((o) => o.name === 'Histology');
  const o = await Ontology.fetch(histology.id);
  // The root terms are Term models of a TermCollection; below them, plain nested objects (as in cytomine-client).
  assert.ok(o.children instanceof TermCollection);
  assert.ok(o.children.array.every((t) => t instanceof Term));
  const flatten = (nodes) => [...nodes].flatMap((n) => [n.id, ...flatten(n.children)]);
  assert.deepEqual(sorted(flatten(o.children)), sorted(idsOf(state.termsOfOntology(histology.id))));
  const child = state.termsOfOntology(histology.id).find((t) => state.parentOf(t.id) !== null);
  const parentNode = o.children.array.find((n) => n.id === state.parentOf(child.id));
  assert.deepEqual(idsOf(parentNode.children), [child.id]);
  assert.ok(o.projects instanceof ProjectCollection);
  if (TODAY) assert.equal(o.projects.length, 0, "today's ontology record has no projects");
  else assert.deepEqual(sorted(idsOf(o.projects)), sorted(idsOf(state.all('project').filter((p) => p.ontology === histology.id))));
  assert.ok(o.projects.array.every((p) => p instanceof Project));
});

test('OntologyCollection, and light: true gives only id and name', async () => {
  const expected = sorted(idsOf(readableOntologies()));
  const all = await OntologyCollection.fetchAll();
  assert.deepEqual(idsOf(all), expected);
  for (const o of all) {
    assert.ok(o instanceof Ontology);
    assert.equal(o.name, state.get('ontology', o.id).name);
    assert.ok(o.children instanceof TermCollection);
  }
  const light = await OntologyCollection.fetchAll({ light: true });
  assert.deepEqual(idsOf(light), expected);
  for (const o of light) {
    const present = Object.keys(o).filter((k) => o[k] !== null);
    assert.deepEqual(present.sort(), ['id', 'name']);
    assert.equal(o.name, state.get('ontology', o.id).name);
  }
  // bob (who created Colon) sees other ontologies than dave (member of nothing)
  const dave = connectAs(server, 'dave');
  assert.deepEqual(idsOf(await dave.models.OntologyCollection.fetchAll()), []);
});

test('Term CRUD', async () => {
  const t = await new Term({ name: 'Crud', color: '#AA0000', ontology: ontology.id, comment: 'c' }).save();
  assert.ok(t.id > 0);
  assert.equal(t.name, 'Crud');
  assert.equal(t.color, '#AA0000');
  assert.equal(t.ontology, ontology.id);
  assert.equal(t.parent, null);
  assert.equal(state.get('term', t.id).name, 'Crud');

  const fetched = await Term.fetch(t.id);
  assert.deepEqual({ ...fetched }, { ...t });

  fetched.color = '#00AA00';
  await fetched.update();
  assert.equal(state.get('term', t.id).color, '#00AA00');
  assert.equal(state.get('term', t.id).name, 'Crud', 'name kept (full body sent)');
  assert.equal((await Term.fetch(t.id)).color, '#00AA00');

  if (TODAY) {
    // Today's repository keeps no unique term name per ontology (emulated as such).
    const twin = await new Term({ name: 'Crud', color: '#000000', ontology: ontology.id }).save();
    assert.notEqual(twin.id, t.id);
    assert.equal(twin.ontology, ontology.id);
    await twin.delete();
  } else {
    await rejectsWith(new Term({ name: 'Crud', color: '#000000', ontology: ontology.id }).save(), 409, 'Term Crud already exist in this ontology!');
    await rejectsWith(new Term({ name: 'NoOntology', color: '#000000' }).save(), 400, 'Ontology is mandatory for term creation');
  }

  await fetched.delete();
  assert.equal(state.get('term', t.id), undefined);
  await rejectsWith(Term.fetch(t.id), 404, TODAY ? unableToFind('term', t.id) : `Term not found with filters : {id=${t.id}}`);
});

test('TermCollection filters ontology and project', async () => {
  const byOntology = await TermCollection.fetchAll({ filterKey: 'ontology', filterValue: ontology.id });
  assert.deepEqual(idsOf(byOntology), idsOf(terms));
  for (const t of byOntology) assert.ok(t instanceof Term);

  for (const p of state.all('project').filter((x) => memberIds(state, x.id).has(aliceId))) {
    const byProject = await TermCollection.fetchAll({ filterKey: 'project', filterValue: p.id });
    const expected = p.ontology ? sorted(idsOf(state.termsOfOntology(p.ontology))) : [];
    assert.deepEqual(idsOf(byProject), expected, p.name);
    for (const t of byProject) {
      assert.equal(t.ontology, p.ontology);
      assert.equal(t.parent, state.parentOf(t.id));
    }
  }
  // setFilter form
  const c = new TermCollection();
  c.setFilter('ontology', ontology.id);
  await c.fetchAll();
  assert.equal(c.length, terms.length);
  const admin = connectAs(server, 'admin');
  if (TODAY) {
    // GET /api/term.json is gone today: refused before sending, naming the generation.
    await admin.detectCore();
    const sent = server.requests.length;
    for (const who of [alice, admin]) {
      const e = await who.models.TermCollection.fetchAll().catch((x) => x);
      assert.equal(e.kind, 'unsupported');
      assert.match(e.message, /TermCollection without a filter .* today's Cytomine core \(2026\)/);
    }
    assert.equal(server.requests.length, sent);
  } else {
    // unfiltered: admins only
    await rejectsWith(TermCollection.fetchAll(), 403);
    assert.deepEqual(idsOf(await admin.models.TermCollection.fetchAll()), sorted(idsOf(state.all('term'))));
  }
});

test('changeParent(p1), changeParent(p2), changeParent(null)', async () => {
  const [t, p1, p2] = terms;
  const term = await Term.fetch(t.id);
  assert.equal(term.parent, null);
  for (const parent of [p1.id, p2.id, null]) {
    await term.changeParent(parent);
    assert.equal(term.parent, parent, 'locally');
    assert.equal(state.parentOf(t.id), parent, 'in the emulator');
    if (TODAY) {
      // Today's term record has no parent: a single fetch cannot tell, a list of the ontology can.
      assert.equal((await Term.fetch(t.id)).parent, null, 'after fetch');
      const listed = await TermCollection.fetchAll({ filterKey: 'ontology', filterValue: ontology.id });
      assert.equal(listed.array.find((x) => x.id === t.id).parent, parent, 'in the ontology list');
    } else {
      assert.equal((await Term.fetch(t.id)).parent, parent, 'after fetch');
    }
    const relations = state.all('relationterm').filter((r) => r.term2 === t.id);
    assert.equal(relations.length, parent === null ? 0 : 1);
  }
  // the ontology tree follows
  await term.changeParent(p1.id);
  const o = await Ontology.fetch(ontology.id);
  assert.deepEqual(idsOf(o.children.array.find((n) => n.id === p1.id).children), [t.id]);
  await term.changeParent(null);
});

test('RelationTerm: save, fetch, fetchAllOfTerm, delete', async () => {
  const [, p1, p2] = terms;
  const rel = await new RelationTerm({ term1: p1.id, term2: p2.id }).save();
  assert.ok(rel.id > 0);
  assert.equal(rel.term1, p1.id);
  assert.equal(rel.term2, p2.id);
  assert.equal(rel.relation, state.parentRelationId);
  assert.equal(state.get('relationterm', rel.id).term2, p2.id);
  assert.equal(state.parentOf(p2.id), p1.id);

  // fetch() of a saved relation (its URI is built from term1 and term2)
  const fetched = await rel.clone().fetch();
  assert.equal(fetched.id, rel.id);
  assert.equal(fetched.relation, state.parentRelationId);
  assert.equal(fetched.term1, p1.id);

  if (TODAY) {
    // Today the path of fetchAllOfTerm means one relation by its id (delta §3.1): refused.
    const e = await RelationTerm.fetchAllOfTerm(p1.id).catch((x) => x);
    assert.equal(e.kind, 'unsupported');
    assert.match(e.message, /fetchAllOfTerm.*today's Cytomine core \(2026\)/);
    // The record's own names are there too.
    assert.deepEqual([fetched.term1Id, fetched.term2Id, fetched.relationId], [p1.id, p2.id, state.parentRelationId]);
  } else {
    const ofP1 = await RelationTerm.fetchAllOfTerm(p1.id);
    const expected = state.all('relationterm').filter((r) => r.term1 === p1.id || r.term2 === p1.id);
    assert.deepEqual(sorted(ofP1.map((r) => r.id)), sorted(idsOf(expected)));
    await rejectsWith(new RelationTerm({ term1: p1.id, term2: p2.id }).save(), 409);
  }

  await rel.delete();
  assert.equal(state.get('relationterm', rel.id), undefined);
  assert.equal(state.parentOf(p2.id), null);
  await rejectsWith(rel.fetch(), 404, TODAY ? `Unable to find term relation with id: ${rel.id}`
    : `RelationTerm not found with filters : {relation=${state.parentRelationId}, term1=${p1.id}, term2=${p2.id}}`);
  assert.equal((await Term.fetch(p2.id)).parent, null);
});

// Regression: a relation term is identified by (term1, term2) (its URI has no {id}); one known
// only by its terms used to be fetched with the creation URI (GET relation/parent/term.json).
test('RelationTerm known by its terms only: fetch() and delete()', async () => {
  const [, p1, p2] = terms;
  const rel = await new RelationTerm({ term1: p1.id, term2: p2.id }).save();
  try {
    if (TODAY) {
      // Today's core has no fetch by both terms; the delete by both terms is kept.
      const e = await new RelationTerm({ term1: p1.id, term2: p2.id }).fetch().catch((x) => x);
      assert.equal(e.kind, 'unsupported');
    } else {
      const fetched = await new RelationTerm({ term1: p1.id, term2: p2.id }).fetch();
      assert.equal(fetched.id, rel.id);
    }
    await new RelationTerm({ term1: p1.id, term2: p2.id }).delete();
    assert.equal(state.get('relationterm', rel.id), undefined);
  } finally {
    if (state.get('relationterm', rel.id)) await rel.delete();
  }
});

test("an ontology's nested collections and their models use the ontology's connection", async () => {
  const histology = state.all('ontology').find((o) => o.name === 'Histology');
  const bob = connectAs(server, 'bob');
  const { Ontology: BobOntology, TermCollection: BobTerms } = bob.models;
  const viaClass = await BobOntology.fetch(histology.id);
  assert.ok(viaClass.children instanceof BobTerms && viaClass.children instanceof TermCollection);
  assert.equal(viaClass.children.cytomine, bob);
  assert.equal(viaClass.children.get(0).cytomine, bob);
  // Bound after it was built (as a collection binds the models it fills).
  const bound = new Ontology({ children: [{ id: 1, name: 'x' }] });
  bound.cytomine = bob;
  assert.equal(bound.children.cytomine, bob);
  assert.equal(bound.children.get(0).cytomine, bob);
  assert.equal(bound.projects.cytomine, bob);
  const [listed] = (await bob.models.OntologyCollection.fetchAll()).array.filter((o) => o.id === histology.id);
  assert.equal(listed.children.get(0).cytomine, bob);
  // The default connection's are the plain classes.
  assert.equal(new Ontology().children.constructor, TermCollection);
});
