/** Ontologies, terms and relation terms (contract §3.2-§3.4). */
import { alreadyExist, ApiError, forbidden, listPath1, notFoundFilters, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { ontologyJson, termJson, userJson } from '../serialize.mjs';
import { bulkAdd, cascadeOf, classNotFound, commandReply, inTx, toLong } from './common.mjs';
import { readableProject } from './projects.mjs';

/** Routes of core 5.2 that today's core removed (delta §3.1); the others are replaced by routes/repository.mjs. */
const ONLY_52 = { core: '5.2' };

function ontologyOrB(ctx, id) {
  const o = ctx.store.get('ontology', id);
  if (!o) throw notFoundFilters('Ontology', { id });
  if (!ctx.perms.canReadOntology(o)) throw forbidden();
  return o;
}

function checkOntologyName(store, name, exceptId) {
  for (const o of store.t.ontology.values()) if (o.id !== exceptId && o.name === name) throw alreadyExist(`Ontology ${name} already exist!`);
}

function termFromBody(ctx, body, base) {
  const s = ctx.store;
  if (body.name === undefined || body.name === null || body.name === '') throw wrongArgument('name must be set! value=null');
  if (body.color === undefined || body.color === null || body.color === '') throw wrongArgument('color must be set! value=null');
  const oid = toLong(body.ontology);
  if (oid === null) throw wrongArgument('Ontology is mandatory for term creation');
  const o = Number.isNaN(oid) ? null : s.get('ontology', oid);
  if (!o) throw wrongArgument(`ontology was not found with id: ${body.ontology}`);
  if (!ctx.perms.canWriteOntology(o)) throw forbidden();
  const name = String(body.name);
  for (const t of s.termsOfOntology(o.id)) if (t.id !== base.id && t.name === name) throw alreadyExist(`Term ${name} already exist in this ontology!`);
  return { ...base, name, color: String(body.color), ontology: o.id, comment: body.comment ?? null };
}

function relationId(ctx, raw) {
  if (raw === undefined || raw === null || raw === 'parent') return ctx.store.parentRelationId;
  const n = toLong(raw);
  if (n === null || Number.isNaN(n) || !ctx.store.get('relation', n)) throw wrongArgument(`relation was not found with id: ${raw}`);
  return n;
}

function findRelationTerm(store, rel, t1, t2) {
  for (const r of store.t.relationterm.values()) if (r.relation === rel && r.term1 === t1 && r.term2 === t2) return r;
  return null;
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // --- ontologies ---
  r.add('GET', '/api/ontology.json', (ctx) => {
    const rows = [...ctx.store.t.ontology.values()].filter((o) => ctx.perms.canReadOntology(o)).sort((a, b) => a.id - b.id);
    const light = ctx.qBool('light');
    return listPath1(rows, pagingParams(ctx), (o) => (light ? { id: o.id, name: o.name } : ontologyJson(ctx.view, o)));
  });
  r.add('GET', '/api/ontology/:id.json', (ctx) => ontologyJson(ctx.view, ontologyOrB(ctx, ctx.pid())));
  r.add('GET', '/api/ontology/:id/user.json', (ctx) => {
    const o = ctx.store.get('ontology', ctx.pid());
    if (!o) throw objectNotFound('Ontology', ctx.pid());
    if (!ctx.perms.canReadOntology(o)) throw forbidden();
    const ids = new Set(o.user ? [o.user] : []);
    for (const p of ctx.store.t.project.values()) {
      if (p.ontology === o.id) for (const u of ctx.store.membersOf(p.id).contributors) ids.add(u);
    }
    const users = [...ids].map((id) => ctx.store.get('user', id)).filter(Boolean).sort((a, b) => a.id - b.id);
    return listPath1(users, pagingParams(ctx), (u) => userJson(u, ctx.view));
  });
  const addOntology = (ctx, body, tx) => {
    ctx.perms.checkNotGuest();
    if (body.name === undefined || body.name === null || body.name === '') throw wrongArgument('name must be set! value=null');
    checkOntologyName(ctx.store, String(body.name), null);
    const o = { id: null, created: Date.now(), updated: null, name: String(body.name), user: ctx.user.id };
    const cmd = ctx.cmds.add(tx, 'ontology', o);
    return { o, cmd };
  };
  r.add('POST', '/api/ontology.json', async (ctx) => {
    const body = ctx.json();
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addOntology(ctx, it, tx).o, 'ontology');
    return inTx(ctx, (tx) => {
      const { o, cmd } = addOntology(ctx, ctx.jsonObject(), tx);
      return commandReply(ctx, 'Add', 'ontology', o, cmd);
    });
  });
  r.add('PUT', '/api/ontology/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const id = toLong(body.id);
    const old = id === null || Number.isNaN(id) ? null : ctx.store.get('ontology', id);
    if (!old) throw classNotFound('ontology', body.id);
    if (!ctx.perms.canWriteOntology(old)) throw forbidden();
    if (body.name === undefined || body.name === null || body.name === '') throw wrongArgument('name must be set! value=null');
    checkOntologyName(ctx.store, String(body.name), old.id);
    const o = { ...old, name: String(body.name) };
    const cmd = ctx.cmds.edit(tx, 'ontology', o);
    return commandReply(ctx, 'Edit', 'ontology', o, cmd);
  }));
  r.add('DELETE', '/api/ontology/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const o = ctx.store.get('ontology', id);
    if (!o) throw classNotFound('ontology', id);
    if (!ctx.perms.canWriteOntology(o)) throw forbidden();
    const used = [...ctx.store.t.project.values()].filter((p) => p.ontology === id);
    if (used.length) throw new ApiError('Constraint', `Ontology ${o.name} has projects (${used.map((p) => p.name).join(', ')}). Delete them or change their ontology first.`);
    const json = ontologyJson(ctx.view, o);
    const cmd = ctx.cmds.delete(tx, 'ontology', o, cascadeOf(ctx.store, 'ontology', o));
    return commandReply(ctx, 'Delete', 'ontology', o, cmd, json);
  }));

  // --- terms ---
  r.add('GET', '/api/term.json', (ctx) => {
    if (!ctx.perms.isAdmin) throw forbidden();
    const rows = [...ctx.store.t.term.values()].sort((a, b) => a.id - b.id);
    return listPath1(rows, pagingParams(ctx), (t) => termJson(ctx.view, t));
  }, ONLY_52);
  r.add('GET', '/api/term/:id.json', (ctx) => {
    const t = ctx.store.get('term', ctx.pid());
    if (!t) throw notFoundFilters('Term', { id: ctx.pid() });
    const o = ctx.store.get('ontology', t.ontology);
    if (o && !ctx.perms.canReadOntology(o)) throw forbidden();
    return termJson(ctx.view, t);
  });
  r.add('GET', '/api/ontology/:id/term.json', (ctx) => {
    const o = ctx.store.get('ontology', ctx.pid());
    if (!o) throw objectNotFound('Ontology', ctx.pid());
    if (!ctx.perms.canReadOntology(o)) throw forbidden();
    const rows = ctx.store.termsOfOntology(o.id).sort((a, b) => a.id - b.id);
    return listPath1(rows, pagingParams(ctx), (t) => termJson(ctx.view, t));
  });
  r.add('GET', '/api/project/:id/term.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const rows = p.ontology ? ctx.store.termsOfOntology(p.ontology).sort((a, b) => a.id - b.id) : [];
    return listPath1(rows, pagingParams(ctx), (t) => termJson(ctx.view, t));
  });
  const addTerm = (ctx, body, tx) => {
    if (body === null || typeof body !== 'object') throw wrongArgument('The body cannot be parsed, is the body content in the good format?');
    const t = termFromBody(ctx, body, { id: null, created: Date.now(), updated: null });
    return { t, cmd: ctx.cmds.add(tx, 'term', t) };
  };
  r.add('POST', '/api/term.json', async (ctx) => {
    const body = ctx.json();
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addTerm(ctx, it, tx).t, 'term');
    return inTx(ctx, (tx) => {
      const { t, cmd } = addTerm(ctx, ctx.jsonObject(), tx);
      return commandReply(ctx, 'Add', 'term', t, cmd);
    });
  });
  r.add('PUT', '/api/term/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const id = toLong(body.id);
    const old = id === null || Number.isNaN(id) ? null : ctx.store.get('term', id);
    if (!old) throw classNotFound('term', body.id);
    const o = ctx.store.get('ontology', old.ontology);
    if (o && !ctx.perms.canWriteOntology(o)) throw forbidden();
    const t = termFromBody(ctx, body, { id: old.id, created: old.created, updated: old.updated });
    const cmd = ctx.cmds.edit(tx, 'term', t);
    return commandReply(ctx, 'Edit', 'term', t, cmd);
  }));
  r.add('DELETE', '/api/term/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const t = ctx.store.get('term', id);
    if (!t) throw classNotFound('term', id);
    const o = ctx.store.get('ontology', t.ontology);
    if (o && !ctx.perms.canWriteOntology(o)) throw forbidden();
    const json = termJson(ctx.view, t);
    const cmd = ctx.cmds.delete(tx, 'term', t, cascadeOf(ctx.store, 'term', t));
    return commandReply(ctx, 'Delete', 'term', t, cmd, json);
  }));

  // --- relation terms ---
  r.add('GET', '/api/relation/term/:id.json', (ctx) => {
    const id = ctx.pid();
    const rows = [...ctx.store.t.relationterm.values()].filter((x) => x.term1 === id || x.term2 === id);
    return listPath1(rows, pagingParams(ctx), (x) => relJson(ctx, x));
  }, ONLY_52);
  r.add('GET', '/api/relation/term/:i/:id.json', (ctx) => {
    const id = ctx.pid();
    const i = ctx.params.i;
    const rows = [...ctx.store.t.relationterm.values()].filter((x) => (i === '1' ? x.term1 === id : i === '2' ? x.term2 === id : false));
    return listPath1(rows, pagingParams(ctx), (x) => relJson(ctx, x));
  }, ONLY_52);
  r.add('POST', '/api/relation/:rel/term.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const s = ctx.store;
    const rel = relationId(ctx, body.relation ?? null);
    const t1 = s.get('term', toLong(body.term1));
    const t2 = s.get('term', toLong(body.term2));
    if (!t1) throw wrongArgument(`term1 was not found with id: ${body.term1}`);
    if (!t2) throw wrongArgument(`term2 was not found with id: ${body.term2}`);
    for (const t of [t1, t2]) {
      const o = s.get('ontology', t.ontology);
      if (o && !ctx.perms.canWriteOntology(o)) throw forbidden();
    }
    if (findRelationTerm(s, rel, t1.id, t2.id)) throw alreadyExist(`RelationTerm with relation=${rel} term1=${t1.id} term2=${t2.id} already exist!`);
    const x = { id: null, created: Date.now(), updated: null, relation: rel, term1: t1.id, term2: t2.id };
    const cmd = ctx.cmds.add(tx, 'relationterm', x);
    return commandReply(ctx, 'Add', 'relationterm', x, cmd);
  }), ONLY_52);
  r.add('GET', '/api/relation/:rel/term1/:t1/term2/:t2.json', (ctx) => {
    const rel = relationId(ctx, ctx.params.rel);
    const x = findRelationTerm(ctx.store, rel, ctx.pid('t1'), ctx.pid('t2'));
    if (!x) throw notFoundFilters('RelationTerm', { relation: rel, term1: ctx.pid('t1'), term2: ctx.pid('t2') });
    return relJson(ctx, x);
  }, ONLY_52);
  r.add('DELETE', '/api/relation/:rel/term1/:t1/term2/:t2.json', (ctx) => inTx(ctx, (tx) => {
    const rel = relationId(ctx, ctx.params.rel);
    const x = findRelationTerm(ctx.store, rel, ctx.pid('t1'), ctx.pid('t2'));
    if (!x) throw objectNotFound('RelationTerm', `relation=${rel} term1=${ctx.params.t1} term2=${ctx.params.t2}`);
    const t = ctx.store.get('term', x.term2);
    const o = t && ctx.store.get('ontology', t.ontology);
    if (o && !ctx.perms.canWriteOntology(o)) throw forbidden();
    const cmd = ctx.cmds.delete(tx, 'relationterm', x);
    return commandReply(ctx, 'Delete', 'relationterm', x, cmd);
  }), ONLY_52);
}

function relJson(ctx, x) {
  return { class: 'be.cytomine.domain.ontology.RelationTerm', id: x.id, created: String(x.created), updated: x.updated ? String(x.updated) : null, relation: x.relation, term1: x.term1, term2: x.term2 };
}
