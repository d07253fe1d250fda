/** Properties, tags, tag-domain associations and descriptions (contract §3.11-§3.13). */
import { alreadyExist, ApiError, forbidden, listPath1, notFoundFilters, objectNotFound, pagingParams, shapeB, wrongArgument } from '../envelope.mjs';
import { filterPredicate } from '../filters.mjs';
import { CLASS_TABLE, DOMAINS } from '../domains.mjs';
import { descriptionJson, propertyJson, tagJson, tdaJson } from '../serialize.mjs';
import { bulkAdd, classNotFound, commandReply, inTx, toLong } from './common.mjs';
import { canReadAbstract } from './images.mjs';

const SHORT = { project: 'project', imageinstance: 'imageinstance', annotation: 'annotation' };

/** Resolve a domain object: returns `{ table, obj, cls, project }` or throws 404/400. */
export function resolveDomain(ctx, clsRaw, identRaw) {
  const cls = String(clsRaw).replace(/_/g, '.');
  const table = CLASS_TABLE[cls];
  if (!table) throw wrongArgument(`Cannot find domain class ${cls}`);
  const ident = toLong(identRaw);
  const obj = ident === null || Number.isNaN(ident) ? null : ctx.store.get(table, ident);
  if (!obj) throw objectNotFound(DOMAINS[table]?.simple ?? cls, identRaw);
  const project = table === 'project' ? obj.id : obj.project ?? null;
  const canonical = table === 'annotation' ? DOMAINS.annotation.cls : cls;
  return { table, obj, cls: canonical, project };
}

export function checkReadDomain(ctx, d) {
  if (d.project !== null && d.project !== undefined) return ctx.perms.checkRead(d.project);
  if (d.table === 'abstractimage' && !canReadAbstract(ctx, d.obj)) throw forbidden();
  if ((d.table === 'ontology' && !ctx.perms.canReadOntology(d.obj))) throw forbidden();
  if (d.table === 'term') {
    const o = ctx.store.get('ontology', d.obj.ontology);
    if (o && !ctx.perms.canReadOntology(o)) throw forbidden();
  }
}

/**
 * May the caller add, edit or delete metadata (property, tag association, description, attached
 * file) of this domain? For projects, images and annotations, core's
 * SecurityACLService.checkUserAccessRightsForMeta: a project's metadata is its managers' (WRITE),
 * an image's needs ROLE_USER and an annotation's at least a guest, both then READ and
 * checkFullOrRestrictedForOwner against the image's or annotation's owner. An abstract image
 * needs ROLE_USER only (`abstractImage: 'user'`: properties, tag associations), also READ on it
 * (`'reader'`: attached files), else (descriptions, where core fails with a 500) its uploader.
 */
export function checkWriteDomain(ctx, d, { abstractImage = 'owner' } = {}) {
  const p = ctx.perms;
  switch (d.table) {
    case 'project':
      if (!p.isManager(d.obj.id)) throw forbidden(`You don't have the right to read or modify this resource! class ${DOMAINS.project.cls} ${d.obj.id}`);
      return;
    case 'imageinstance':
    case 'annotation':
      if (d.table === 'imageinstance') p.coreCheckUser();
      p.checkRead(d.project);
      p.coreCheckFullOrRestrictedForOwner(d.project, d.obj.user);
      return;
    case 'abstractimage':
      if (abstractImage === 'owner') {
        if (!p.isAdmin && d.obj.user !== ctx.user.id) throw forbidden();
        return;
      }
      p.coreCheckUser();
      if (abstractImage === 'reader' && !canReadAbstract(ctx, d.obj)) throw forbidden();
      return;
    default:
      if (d.project !== null && d.project !== undefined) return p.checkWrite(d.project);
      if (p.isGuest) throw forbidden();
      if (d.table === 'ontology' && !p.canWriteOntology(d.obj)) throw forbidden();
  }
}

const rowsOf = (ctx, table, d) => ctx.store.byDomain(table, d.cls, d.obj.id).map((id) => ctx.store.get(table, id)).sort((a, b) => a.id - b.id);

function propertyFromBody(ctx, body, base, pathCls, pathIdent) {
  const cls = body.domainClassName ?? pathCls;
  const ident = body.domainIdent ?? body.domain ?? pathIdent;
  if (cls === undefined || cls === null) throw wrongArgument('domainClassName must be set! value=null');
  const d = resolveDomain(ctx, cls, ident);
  if (body.key === undefined || body.key === null || body.key === '') throw wrongArgument('key must be set! value=null');
  if (body.value === undefined || body.value === null) throw wrongArgument('value must be set! value=null');
  checkWriteDomain(ctx, d, { abstractImage: 'user' });
  return { ...base, domainClassName: d.cls, domainIdent: d.obj.id, key: String(body.key), value: String(body.value) };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // --- properties ---
  const listProps = (ctx, d) => {
    checkReadDomain(ctx, d);
    return listPath1(rowsOf(ctx, 'property', d), pagingParams(ctx), (p) => propertyJson(ctx.view, p));
  };
  // Core (RestPropertyController): plain key strings, or `{key, user}` rows with `user=true`;
  // the project is looked at first, then the image.
  r.add('GET', '/api/annotation/property/key.json', (ctx) => {
    const s = ctx.store;
    const pid = ctx.qLong('idProject');
    const iid = ctx.qLong('idImage');
    let anns;
    if (pid !== null) {
      if (!s.get('project', pid)) throw objectNotFound('Project', pid);
      ctx.perms.checkRead(pid);
      anns = new Set(s.annotationIdsOfProject(pid));
    } else if (iid !== null) {
      const ii = s.get('imageinstance', iid);
      if (!ii) throw objectNotFound('ImageInstance', iid);
      ctx.perms.checkRead(ii.project);
      anns = new Set(s.annotationIdsOfImage(iid));
    } else throw wrongArgument("You must specify at least 'idProject' or 'idImage'");
    const withUser = ctx.qBool('user');
    const seen = new Map();
    for (const p of s.t.property.values()) {
      if (p.domainClassName !== DOMAINS.annotation.cls || !anns.has(p.domainIdent)) continue;
      const a = s.get('annotation', p.domainIdent);
      const k = withUser ? `${p.key}\u0000${a.user}` : p.key;
      if (!seen.has(k)) seen.set(k, withUser ? { key: p.key, user: a.user } : p.key);
    }
    return listPath1([...seen.values()], pagingParams(ctx));
  });
  r.add('GET', '/api/imageinstance/property/key.json', (ctx) => {
    const s = ctx.store;
    const pid = ctx.qLong('idProject');
    if (pid === null) throw wrongArgument('idProject must be set');
    if (!s.get('project', pid)) throw objectNotFound('Project', pid);
    ctx.perms.checkRead(pid);
    const imgs = new Set(s.imagesOfProject(pid).map((i) => i.id));
    const keys = new Set();
    for (const p of s.t.property.values()) if (p.domainClassName === DOMAINS.imageinstance.cls && imgs.has(p.domainIdent)) keys.add(p.key);
    return listPath1([...keys], pagingParams(ctx));
  });
  r.add('GET', '/api/user/:u/imageinstance/:i/annotationposition.json', (ctx) => {
    const s = ctx.store;
    const ii = s.get('imageinstance', ctx.pid('i'));
    if (!ii) throw objectNotFound('ImageInstance', ctx.pid('i'));
    ctx.perms.checkRead(ii.project);
    const uid = ctx.pid('u');
    const key = ctx.q('key');
    const out = [];
    for (const aid of s.annotationIdsOfImage(ii.id)) {
      const a = s.get('annotation', aid);
      if (a.user !== uid) continue;
      for (const pid of s.byDomain('property', DOMAINS.annotation.cls, aid)) {
        const p = s.get('property', pid);
        if (key && p.key !== key) continue;
        out.push({ idAnnotation: aid, x: (a.env.minX + a.env.maxX) / 2, y: (a.env.minY + a.env.maxY) / 2, value: p.value });
      }
    }
    return listPath1(out, pagingParams(ctx));
  });
  for (const short of Object.keys(SHORT)) {
    const cls = short === 'project' ? DOMAINS.project.cls : short === 'imageinstance' ? DOMAINS.imageinstance.cls : DOMAINS.annotation.cls;
    r.add('GET', `/api/${short}/:x/property.json`, (ctx) => listProps(ctx, resolveDomain(ctx, cls, ctx.params.x)));
    r.add('GET', `/api/${short}/:x/key/:key/property.json`, (ctx) => {
      const d = resolveDomain(ctx, cls, ctx.params.x);
      checkReadDomain(ctx, d);
      const p = rowsOf(ctx, 'property', d).find((x) => x.key === ctx.params.key);
      if (!p) throw objectNotFound('Property', `${ctx.params.key}`);
      return propertyJson(ctx.view, p);
    });
    r.add('GET', `/api/${short}/:x/property/:id.json`, (ctx) => {
      const d = resolveDomain(ctx, cls, ctx.params.x);
      checkReadDomain(ctx, d);
      const p = ctx.store.get('property', ctx.pid());
      if (!p || p.domainIdent !== d.obj.id) throw objectNotFound('Property', ctx.params.id);
      return propertyJson(ctx.view, p);
    });
  }
  r.add('GET', '/api/domain/:cls/:ident/property.json', (ctx) => listProps(ctx, resolveDomain(ctx, ctx.params.cls, ctx.params.ident)));
  r.add('GET', '/api/domain/:cls/:ident/key/:key/property.json', (ctx) => {
    const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
    checkReadDomain(ctx, d);
    const p = rowsOf(ctx, 'property', d).find((x) => x.key === ctx.params.key);
    if (!p) throw objectNotFound('Property', ctx.params.key);
    return propertyJson(ctx.view, p);
  });
  r.add('GET', '/api/domain/:cls/:ident/property/:id.json', (ctx) => {
    const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
    checkReadDomain(ctx, d);
    const p = ctx.store.get('property', ctx.pid());
    if (!p || p.domainIdent !== d.obj.id) throw objectNotFound('Property', ctx.params.id);
    return propertyJson(ctx.view, p);
  });
  const addProp = (ctx, body, tx, pathCls, pathIdent) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw wrongArgument('The body cannot be parsed, is the body content in the good format?');
    const p = propertyFromBody(ctx, body, { id: null, created: Date.now(), updated: null }, pathCls, pathIdent);
    return { p, cmd: ctx.cmds.add(tx, 'property', p) };
  };
  r.add('POST', '/api/domain/:cls/:ident/property.json', async (ctx) => {
    const body = ctx.json();
    const cls = String(ctx.params.cls).replace(/_/g, '.');
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addProp(ctx, it, tx, cls, ctx.params.ident).p, 'property');
    return inTx(ctx, (tx) => {
      const { p, cmd } = addProp(ctx, ctx.jsonObject(), tx, cls, ctx.params.ident);
      return commandReply(ctx, 'Add', 'property', p, cmd);
    });
  });
  r.add('POST', '/api/property.json', (ctx) => {
    // unwrapped: shape-A errors
    const tx = ctx.cmds.begin(ctx.user);
    const { p, cmd } = addProp(ctx, ctx.jsonObject(), tx);
    ctx.cmds.commit(tx);
    return commandReply(ctx, 'Add', 'property', p, cmd);
  });
  r.add('PUT', '/api/domain/:cls/:ident/property/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const old = ctx.store.get('property', toLong(body.id));
    if (!old) throw classNotFound('property', body.id);
    const p = propertyFromBody(ctx, body, { id: old.id, created: old.created, updated: old.updated }, old.domainClassName, old.domainIdent);
    const cmd = ctx.cmds.edit(tx, 'property', p);
    return commandReply(ctx, 'Edit', 'property', p, cmd);
  }));
  r.add('DELETE', '/api/domain/:cls/:ident/property/:id.json', (ctx) => inTx(ctx, (tx) => {
    const p = ctx.store.get('property', ctx.pid());
    if (!p) throw classNotFound('property', ctx.params.id);
    checkWriteDomain(ctx, resolveDomain(ctx, p.domainClassName, p.domainIdent), { abstractImage: 'user' });
    const cmd = ctx.cmds.delete(tx, 'property', p);
    return commandReply(ctx, 'Delete', 'property', p, cmd);
  }));

  // --- tags ---
  r.add('GET', '/api/tag.json', (ctx) => listPath1([...ctx.store.t.tag.values()].sort((a, b) => a.id - b.id), pagingParams(ctx), (t) => tagJson(ctx.view, t)));
  r.add('GET', '/api/tag/:id.json', (ctx) => {
    const t = ctx.store.get('tag', ctx.pid());
    if (!t) throw notFoundFilters('Tag', { id: ctx.pid() });
    return tagJson(ctx.view, t);
  });
  const tagName = (ctx, body, exceptId) => {
    if (body.name === undefined || body.name === null || body.name === '') throw wrongArgument('name must be set! value=null');
    const name = String(body.name);
    for (const t of ctx.store.t.tag.values()) if (t.id !== exceptId && t.name.toLowerCase() === name.toLowerCase()) throw alreadyExist(`Tag ${name} already exist!`);
    return name;
  };
  const addTag = (ctx, body, tx) => {
    ctx.perms.checkNotGuest();
    const t = { id: null, created: Date.now(), updated: null, name: tagName(ctx, body, null), user: ctx.user.id };
    return { t, cmd: ctx.cmds.add(tx, 'tag', t) };
  };
  r.add('POST', '/api/tag.json', async (ctx) => {
    const body = ctx.json();
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addTag(ctx, it, tx).t, 'tag');
    return inTx(ctx, (tx) => {
      const { t, cmd } = addTag(ctx, ctx.jsonObject(), tx);
      return commandReply(ctx, 'Add', 'tag', t, cmd);
    });
  });
  r.add('PUT', '/api/tag/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const old = ctx.store.get('tag', toLong(body.id));
    if (!old) throw classNotFound('tag', body.id);
    if (!ctx.perms.isAdmin && old.user !== ctx.user.id) throw forbidden();
    const t = { ...old, name: tagName(ctx, body, old.id) };
    const cmd = ctx.cmds.edit(tx, 'tag', t);
    return commandReply(ctx, 'Edit', 'tag', t, cmd);
  }));
  r.add('DELETE', '/api/tag/:id.json', (ctx) => inTx(ctx, (tx) => {
    const t = ctx.store.get('tag', ctx.pid());
    if (!t) throw classNotFound('tag', ctx.params.id);
    if (!ctx.perms.isAdmin && t.user !== ctx.user.id) throw forbidden();
    const cascade = [...ctx.store.t.tagdomainassociation.values()].filter((x) => x.tag === t.id).map((x) => ['tagdomainassociation', x]);
    const cmd = ctx.cmds.delete(tx, 'tag', t, cascade);
    return commandReply(ctx, 'Delete', 'tag', t, cmd);
  }));

  // --- tag domain associations ---
  const TDA_FIELDS = new Set(['id', 'tag', 'domainIdent', 'domainClassName', 'tagName']);
  const tdaReadable = (ctx, x) => {
    try {
      checkReadDomain(ctx, resolveDomain(ctx, x.domainClassName, x.domainIdent));
      return true;
    } catch {
      return false;
    }
  };
  r.add('GET', '/api/tag_domain_association.json', (ctx) => {
    const get = (x, f) => (f === 'tagName' ? ctx.store.get('tag', x.tag)?.name : x[f]);
    const rows = [...ctx.store.t.tagdomainassociation.values()].filter(filterPredicate(ctx.filterParams(), get, TDA_FIELDS))
      .filter((x) => tdaReadable(ctx, x)).sort((a, b) => a.id - b.id);
    return listPath1(rows, pagingParams(ctx), (x) => tdaJson(ctx.view, x));
  });
  r.add('GET', '/api/tag_domain_association/:id.json', (ctx) => {
    const x = ctx.store.get('tagdomainassociation', ctx.pid());
    if (!x) throw notFoundFilters('TagDomainAssociation', { id: ctx.pid() });
    if (!tdaReadable(ctx, x)) throw forbidden();
    return tdaJson(ctx.view, x);
  });
  r.add('GET', '/api/domain/:cls/:ident/tag_domain_association.json', (ctx) => {
    const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
    checkReadDomain(ctx, d);
    return listPath1(rowsOf(ctx, 'tagdomainassociation', d), pagingParams(ctx), (x) => tdaJson(ctx.view, x));
  });
  const addTda = (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject(); // path values are NOT merged (§3.12)
    const tag = ctx.store.get('tag', toLong(body.tag));
    if (!tag) throw wrongArgument(`tag was not found with id: ${body.tag ?? null}`);
    if (!body.domainClassName) throw wrongArgument('domainClassName must be set! value=null');
    const d = resolveDomain(ctx, body.domainClassName, body.domainIdent);
    checkWriteDomain(ctx, d, { abstractImage: 'user' });
    if (rowsOf(ctx, 'tagdomainassociation', d).some((x) => x.tag === tag.id)) throw alreadyExist(`Tag ${tag.name} already exist for ${d.cls} ${d.obj.id}!`);
    const x = { id: null, created: Date.now(), updated: null, tag: tag.id, domainClassName: d.cls, domainIdent: d.obj.id };
    const cmd = ctx.cmds.add(tx, 'tagdomainassociation', x);
    return commandReply(ctx, 'Add', 'tagdomainassociation', x, cmd);
  });
  r.add('POST', '/api/tag_domain_association.json', addTda);
  r.add('POST', '/api/domain/:cls/:ident/tag_domain_association.json', addTda);
  const delTda = (ctx) => inTx(ctx, (tx) => {
    const x = ctx.store.get('tagdomainassociation', ctx.pid());
    if (!x) throw classNotFound('tagdomainassociation', ctx.params.id);
    checkWriteDomain(ctx, resolveDomain(ctx, x.domainClassName, x.domainIdent), { abstractImage: 'user' });
    const cmd = ctx.cmds.delete(tx, 'tagdomainassociation', x);
    return commandReply(ctx, 'Delete', 'tagdomainassociation', x, cmd);
  });
  r.add('DELETE', '/api/tag_domain_association/:id.json', delTda);
  r.add('DELETE', '/api/domain/:cls/:ident/tag_domain_association/:id.json', delTda, { core: '5.2' });

  // --- descriptions ---
  r.add('GET', '/api/description.json', (ctx) => {
    const rows = [...ctx.store.t.description.values()].filter((x) => tdaReadable(ctx, x)).sort((a, b) => a.id - b.id);
    return listPath1(rows, pagingParams(ctx), (x) => descriptionJson(ctx.view, x));
  });
  r.add('GET', '/api/domain/:cls/:ident/description.json', (ctx) => {
    const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
    checkReadDomain(ctx, d);
    const x = rowsOf(ctx, 'description', d)[0];
    if (!x) throw objectNotFound('Description', `${d.cls} ${d.obj.id}`);
    return descriptionJson(ctx.view, x);
  });
  const addDesc = (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject(); // path not merged
    if (!body.domainClassName) throw wrongArgument('domainClassName must be set! value=null');
    const d = resolveDomain(ctx, body.domainClassName, body.domainIdent);
    checkWriteDomain(ctx, d);
    if (rowsOf(ctx, 'description', d).length) throw alreadyExist(`Description already exists for ${d.cls} ${d.obj.id}`);
    const x = { id: null, created: Date.now(), updated: null, domainClassName: d.cls, domainIdent: d.obj.id, data: body.data === undefined || body.data === null ? '' : String(body.data) };
    const cmd = ctx.cmds.add(tx, 'description', x);
    return commandReply(ctx, 'Add', 'description', x, cmd);
  });
  r.add('POST', '/api/description.json', addDesc);
  r.add('POST', '/api/domain/:cls/:ident/description.json', addDesc);
  r.add('PUT', '/api/domain/:cls/:ident/description.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const old = ctx.store.get('description', toLong(body.id));
    if (!old) throw classNotFound('description', body.id);
    checkWriteDomain(ctx, resolveDomain(ctx, old.domainClassName, old.domainIdent));
    const x = { ...old, data: body.data === undefined || body.data === null ? '' : String(body.data) };
    const cmd = ctx.cmds.edit(tx, 'description', x);
    return commandReply(ctx, 'Edit', 'description', x, cmd);
  }));
  r.add('DELETE', '/api/domain/:cls/:ident/description.json', (ctx) => inTx(ctx, (tx) => {
    const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
    checkWriteDomain(ctx, d);
    const x = rowsOf(ctx, 'description', d)[0];
    if (!x) throw new ApiError('ObjectNotFound', `Description not found for domain ${d.cls} ${d.obj.id}`);
    const cmd = ctx.cmds.delete(tx, 'description', x);
    return commandReply(ctx, 'Delete', 'description', x, cmd);
  }));
}

export { shapeB };
