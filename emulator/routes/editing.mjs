/**
 * Annotation editing beyond CRUD (cytomine-client §3.2, §3.3, §4 b): copying layers between
 * images, reviewing every annotation of an image, repeating an annotation on the next slices,
 * profile projections and corrections. Corrections are exact geometry as core computes them
 * with JTS (union, difference: topology.mjs); profile projections are computed from a synthetic
 * intensity (an emulator-defined approximation, documented in README).
 */
import { listPath1, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { annotationJson, userJson } from '../serialize.mjs';
import { area, parseWkt } from '../geometry.mjs';
import { differenceJts, intersectsJts, isValidJts, readJts, unionJts, writeJts } from '../topology.mjs';
import { reviewedJson } from './activity.mjs';
import { checkEditAnnotation, normaliseLocation } from './annotations.mjs';
import { cascadeOf, commandReply, inTx, longList, toLong } from './common.mjs';
import { readableImage } from './images.mjs';

/** A copy of an annotation record for a new owner/image/slice (caches dropped, no id). */
function copyOf(a, changes) {
  const out = {};
  for (const k of Object.keys(a)) if (!k.startsWith('_')) out[k] = a[k];
  return { ...out, ...changes, id: null, created: Date.now(), updated: null };
}

/** Copies an annotation and its terms in `tx`; returns the new record. */
function addCopy(ctx, tx, a, changes) {
  const copy = copyOf(a, changes);
  ctx.cmds.add(tx, 'annotation', copy);
  for (const at of ctx.store.termsOfAnnotation(a.id)) {
    ctx.cmds.add(tx, 'annotationterm', { id: null, created: Date.now(), updated: null, userannotation: copy.id, term: at.term, user: copy.user });
  }
  return copy;
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('POST', '/api/imageinstance/:id/copyimagedata.json', (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const target = readableImage(ctx, ctx.pid());
    ctx.perms.checkWrite(target.project);
    const layers = String(ctx.q('layers') ?? '').split(',').filter(Boolean).map((l) => l.split('_').map(Number));
    if (!layers.length || layers.some(([i, u]) => !Number.isInteger(i) || !Number.isInteger(u))) throw wrongArgument('layers must be image_user pairs');
    const giveMe = ctx.qBool('giveMe');
    const slice = s.slicesOfImage(target.id)[0];
    let copied = 0;
    for (const [imageId, userId] of layers) {
      const source = readableImage(ctx, imageId);
      if (source.baseImage !== target.baseImage) throw wrongArgument(`Image ${imageId} does not show the same image data`);
      for (const aid of [...s.annotationIdsOfImage(source.id)].reverse()) {
        const a = s.get('annotation', aid);
        if (a.user !== userId) continue;
        addCopy(ctx, tx, a, { project: target.project, image: target.id, slice: slice?.id ?? a.slice, user: giveMe ? ctx.user.id : a.user });
        copied += 1;
      }
    }
    return { message: `${copied} annotations copied`, copied };
  }));

  // core's ReviewedAnnotationService.reviewLayer/unreviewLayer (not wrapped: shape A errors)
  const reviewAll = (accept) => (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const given = ctx.json().users ?? ctx.q('users');
    const ids = given === undefined || given === null ? null : longList(given);
    const noLayer = () => wrongArgument(`There is no layer:${ids === null ? null : `[${ids.join(', ')}]`}`);
    if (accept && !ids?.length) throw noLayer();
    for (const u of ids ?? []) if (!s.get('user', u)) throw objectNotFound('User', u);
    const ii = s.get('imageinstance', ctx.pid());
    if (!ii) throw objectNotFound('ImageInstance', ctx.pid());
    const verb = accept ? 'review' : 'reject';
    if (!ii.reviewStart || !ii.reviewUser || ii.reviewStop) throw wrongArgument(`Cannot ${verb} annotation, enable image review mode!`);
    if (ii.reviewUser !== ctx.user.id) {
      const reviewer = s.get('user', ii.reviewUser);
      throw wrongArgument(`You must be the image reviewer to ${verb} annotation. Image reviewer is ${accept ? userJson(reviewer).fullName : reviewer.username}`);
    }
    if (!ids?.length) throw noLayer();
    const users = new Set(ids);
    const reviewed = new Map([...s.t.reviewedannotation.values()].map((x) => [x.parentIdent, x]));
    const changed = [];
    for (const aid of [...s.annotationIdsOfImage(ii.id)]) {
      const a = s.get('annotation', aid);
      if (!users.has(a.user)) continue;
      const rev = reviewed.get(a.id);
      if (accept && !rev) {
        // each through ReviewedAnnotationService.add: READ, not READ_ONLY, ROLE_USER
        ctx.perms.checkRead(a.project);
        ctx.perms.coreCheckNotReadOnly(a.project);
        ctx.perms.coreCheckUser();
        const x = {
          id: null, created: Date.now(), updated: null, project: a.project, image: a.image, slice: a.slice, user: a.user, reviewUser: ctx.user.id,
          location: a.location, parentIdent: a.id, parentClassName: DOMAINS.annotation.cls, terms: s.termsOfAnnotation(a.id).map((at) => at.term), status: 1, env: a.env,
        };
        ctx.cmds.add(tx, 'reviewedannotation', x);
        changed.push(x.id);
      } else if (!accept && rev) {
        ctx.cmds.delete(tx, 'reviewedannotation', rev);
        changed.push(rev.id);
      }
    }
    return listPath1(changed, pagingParams(ctx)); // the ids of the reviewed annotations added or removed
  }, { wrapped: false });
  r.add(['POST', 'PUT'], '/api/imageinstance/:id/annotation/review.json', reviewAll(true));
  r.add('DELETE', '/api/imageinstance/:id/annotation/review.json', reviewAll(false));

  r.add('POST', '/api/userannotation/:id/repeat.json', (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const a = s.get('annotation', ctx.pid());
    if (!a) throw objectNotFound('Annotation', ctx.pid());
    // each copy goes through UserAnnotationService.add: READ, not READ_ONLY (guests too)
    ctx.perms.checkRead(a.project);
    ctx.perms.coreCheckNotReadOnly(a.project);
    const body = ctx.jsonObject();
    const from = toLong(body.slice);
    const repeat = toLong(body.repeat) ?? 1;
    const slices = s.slicesOfImage(a.image).sort((x, y) => x.id - y.id);
    const start = slices.findIndex((sl) => sl.id === from);
    if (start < 0) throw wrongArgument(`slice ${body.slice ?? null} is not a slice of image ${a.image}`);
    const copies = slices.slice(start, start + Math.max(0, repeat)).filter((sl) => sl.id !== a.slice).map((sl) => addCopy(ctx, tx, a, { slice: sl.id }));
    return listPath1(copies, pagingParams(ctx), (x) => annotationJson(ctx.view, x));
  }));

  r.add('GET', '/api/annotation/:id/profile/projections.json', (ctx) => {
    const a = ctx.store.get('annotation', ctx.pid());
    if (!a) throw objectNotFound('Annotation', ctx.pid());
    ctx.perms.checkRead(a.project);
    const axis = ctx.q('axis') || 'z';
    const slices = ctx.store.slicesOfImage(a.image);
    const values = slices.map((_, i) => 100 + ((a.id * 31 + i * 17) % 120));
    const sum = values.reduce((n, v) => n + v, 0);
    return listPath1([
      { type: 'MIN', axis, value: Math.min(...values) },
      { type: 'MAX', axis, value: Math.max(...values) },
      { type: 'AVERAGE', axis, value: sum / values.length },
    ], pagingParams(ctx));
  });

  // A controller method outside core's add/update/delete wrappers: errors in shape A.
  r.add('POST', '/api/annotationcorrection.json', (ctx) => inTx(ctx, (tx) => correct(ctx, tx, ctx.jsonObject()), { wrapped: false }));
}

// ---------------------------------------------------------------------------
// Corrections (core's RestAnnotationDomainController.addCorrection, GenericAnnotationService
// .findAnnotationThatTouch, UserAnnotationService/ReviewedAnnotationService.doCorrect...).

/** The two kinds of annotation a correction can change. */
const KINDS = {
  user: { table: 'annotation', termsOf: (s, a) => s.termsOfAnnotation(a.id).map((at) => at.term), json: (ctx, a) => annotationJson(ctx.view, a) },
  reviewed: { table: 'reviewedannotation', termsOf: (s, a) => a.terms ?? [], json: (ctx, a) => reviewedJson(ctx, a) },
};

function correct(ctx, tx, body) {
  const s = ctx.store;
  const location = body.location === undefined || body.location === null ? null : String(body.location);
  if (location === null) throw wrongArgument('location must be set! value=null');
  const review = body.review === true || body.review === 'true';
  let kind;
  let ids = [];
  if (body.annotation !== undefined && body.annotation !== null) {
    kind = review ? KINDS.reviewed : KINDS.user;
    ids = [toLong(body.annotation)];
  } else {
    const ii = readableImage(ctx, toLong(body.image));
    const shape = readOrRefuse(location);
    if (review) {
      kind = KINDS.reviewed;
      ids = touching(ctx, ii, shape, KINDS.reviewed, null);
    }
    if (!ids.length) {
      kind = KINDS.user;
      ids = touching(ctx, ii, shape, KINDS.user, longList(body.layers));
    }
  }
  if (!ids.length) throw wrongArgument('There is no intersect annotation!');
  const [based, ...others] = ids.map((id) => {
    const a = s.get(kind.table, id);
    if (!a) throw objectNotFound(kind === KINDS.user ? 'UserAnnotation' : 'ReviewedAnnotation', id);
    ctx.perms.checkRead(a.project);
    return a;
  });
  const basedTerms = kind.termsOf(s, based);
  for (const other of others) {
    const terms = kind.termsOf(s, other);
    if (terms.length !== basedTerms.length || terms.some((t) => !basedTerms.includes(t))) throw wrongArgument('Annotations have not the same term!');
  }
  const shape = readOrRefuse(location);
  if (!isValidJts(shape)) throw wrongArgument('Your annotation cannot be self-intersected.');

  // Every check runs before the first write (core's request is one database transaction).
  if (body.remove === true || body.remove === 'true') {
    const rest = differenceJts(readJts(based.location), shape);
    if (rest.getNumPoints() < 2) throw wrongArgument('You cannot delete an annotation with substract! Use reject or delete tool.');
    const edits = [[based, rest], ...others.map((o) => [o, differenceJts(readJts(o.location), shape)])].map(([a, g]) => relocation(ctx, kind, a, g));
    const [result] = edits.map((edit) => edit(tx));
    return result;
  }
  let merged = unionJts(readJts(based.location), shape);
  for (const other of others) {
    merged = unionJts(merged, readJts(other.location));
    checkEditAnnotation(ctx, other);
  }
  const edit = relocation(ctx, kind, based, merged);
  for (const other of others) ctx.cmds.delete(tx, kind.table, other, kind === KINDS.user ? cascadeOf(s, 'annotation', other) : []);
  return edit(tx);
}

/** The correction's geometry, or core's 400 for unreadable WKT. */
function readOrRefuse(wkt) {
  try {
    return readJts(wkt);
  } catch {
    throw wrongArgument('Annotation location is not valid');
  }
}

/**
 * Annotations of `ii` (any slice) that intersect `shape`: of the layers' users (only the caller's
 * own unless they manage the project), all from one user, and only those with the term whose
 * annotations cover the least area.
 */
function touching(ctx, ii, shape, kind, layers) {
  const s = ctx.store;
  let users = null;
  if (kind === KINDS.user) {
    users = new Set(layers.length ? layers : [ctx.user.id]);
    if (!ctx.perms.isManager(ii.project)) users = new Set([...users].filter((u) => u === ctx.user.id));
  }
  const rows = kind === KINDS.user ? s.annotationIdsOfImage(ii.id).map((id) => s.get('annotation', id)) : s.all('reviewedannotation').filter((x) => x.image === ii.id);
  const box = shape.getEnvelopeInternal();
  const near = (e) => !e || (e.minX <= box.getMaxX() && e.maxX >= box.getMinX() && e.minY <= box.getMaxY() && e.maxY >= box.getMinY());
  const hits = rows.filter((a) => (!users || users.has(a.user)) && near(a.env) && intersectsJts(readJts(a.location), shape))
    .sort((a, b) => a.id - b.id);
  if (kind === KINDS.user && new Set(hits.map((a) => a.user)).size > 1) {
    throw wrongArgument('Annotations from multiple users are under this area. You can correct only annotation from 1 user (hide layer if necessary)');
  }
  const termArea = new Map();
  for (const a of hits) {
    const size = area(parseWkt(a.location));
    for (const t of kind.termsOf(s, a)) termArea.set(t, (termArea.get(t) ?? 0) + size);
  }
  if (!termArea.size) return hits.map((a) => a.id);
  let goodTerm = null;
  let min = Infinity;
  for (const [t, size] of termArea) if (size < min) [min, goodTerm] = [size, t];
  return hits.filter((a) => kind.termsOf(s, a).includes(goodTerm)).map((a) => a.id);
}

/**
 * Checks that `a` may take the JTS geometry `geometry` through core's update path (clipped to
 * the image) and returns the write: `(tx) => reply` (an edit command).
 */
function relocation(ctx, kind, a, geometry) {
  checkEditAnnotation(ctx, a);
  const image = ctx.store.get('abstractimage', ctx.store.get('imageinstance', a.image).baseImage);
  const { location, geom, env } = normaliseLocation(writeJts(geometry), image);
  const { _gis, _geom, ...rest } = a;
  const next = { ...rest, location, env, ...(kind === KINDS.user ? { _geom: geom } : {}) };
  return (tx) => commandReply(ctx, 'Edit', kind.table, next, ctx.cmds.edit(tx, kind.table, next), kind.json(ctx, next));
}
