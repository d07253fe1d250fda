/**
 * Annotation editing beyond CRUD (cytomine-client §3.2, §3.3, §4 b): copying layers between
 * images, reviewing every annotation of an image, repeating an annotation on the next slices,
 * profile projections and corrections. Emulator-defined approximations (documented in README):
 * a correction that adds takes the convex hull of both outlines, one that removes drops the
 * vertices inside the correction; profile projections are computed from a synthetic intensity.
 */
import { forbidden, listPath1, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { annotationJson } from '../serialize.mjs';
import { area, envelope, intersectsEnvelope, parseWkt, toWkt } from '../geometry.mjs';
import { commandReply, inTx, longList, toLong } from './common.mjs';
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

/** Andrew's monotone chain: the convex hull of points, as a closed ring. */
function convexHull(points) {
  const ps = [...new Map(points.map((p) => [`${p[0]} ${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list) => {
    const out = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out.at(-2), out.at(-1), p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const ring = [...half(ps), ...half([...ps].reverse())];
  return [...ring, ring[0]];
}

/** Ray casting: is point `p` inside the exterior ring `ring`? */
function inside(p, ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

const exteriorOf = (g) => {
  if (g.type === 'Polygon') return g.coordinates[0];
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => p[0]);
  throw wrongArgument('Only polygons can be corrected');
};

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

  const reviewAll = (accept) => (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const ii = readableImage(ctx, ctx.pid());
    ctx.perms.checkWrite(ii.project);
    if (!ii.reviewStart || ii.reviewStop) throw wrongArgument('The image is not in review mode');
    if (ii.reviewUser !== ctx.user.id && !ctx.perms.isAdmin) throw forbidden('You must be the reviewer of the image');
    const users = new Set(longList(ctx.q('users')));
    const reviewed = new Map([...s.t.reviewedannotation.values()].map((x) => [x.parentIdent, x]));
    let n = 0;
    for (const aid of [...s.annotationIdsOfImage(ii.id)]) {
      const a = s.get('annotation', aid);
      if (users.size && !users.has(a.user)) continue;
      const rev = reviewed.get(a.id);
      if (accept && !rev) {
        ctx.cmds.add(tx, 'reviewedannotation', {
          id: null, created: Date.now(), updated: null, project: a.project, image: a.image, slice: a.slice, user: a.user, reviewUser: ctx.user.id,
          location: a.location, parentIdent: a.id, parentClassName: DOMAINS.annotation.cls, terms: s.termsOfAnnotation(a.id).map((at) => at.term), status: 0, env: a.env,
        });
        n += 1;
      } else if (!accept && rev) {
        ctx.cmds.delete(tx, 'reviewedannotation', rev);
        n += 1;
      }
    }
    return { message: `${n} annotations ${accept ? 'reviewed' : 'unreviewed'}`, count: n };
  });
  r.add('POST', '/api/imageinstance/:id/annotation/review.json', reviewAll(true));
  r.add('DELETE', '/api/imageinstance/:id/annotation/review.json', reviewAll(false));

  r.add('POST', '/api/userannotation/:id/repeat.json', (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const a = s.get('annotation', ctx.pid());
    if (!a) throw objectNotFound('UserAnnotation', ctx.pid());
    ctx.perms.checkWrite(a.project);
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

  r.add('POST', '/api/annotationcorrection.json', (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const body = ctx.jsonObject();
    if (!body.location) throw wrongArgument('location must be set! value=null');
    let correction;
    try {
      correction = parseWkt(String(body.location));
    } catch {
      throw wrongArgument('Annotation location is not valid');
    }
    let target;
    if (body.annotation !== undefined && body.annotation !== null) {
      target = s.get('annotation', toLong(body.annotation));
      if (!target) throw objectNotFound('UserAnnotation', body.annotation);
    } else {
      const ii = readableImage(ctx, toLong(body.image));
      const layers = new Set(longList(body.layers));
      if (!layers.size) layers.add(ctx.user.id);
      const box = envelope(correction);
      const slice = toLong(body.slice) ?? s.slicesOfImage(ii.id)[0]?.id; // default: the reference slice
      target = s.annotationIdsOfImage(ii.id).map((id) => s.get('annotation', id))
        .find((a) => layers.has(a.user) && a.slice === slice && intersectsEnvelope(parseWkt(a.location), box));
      if (!target) throw wrongArgument('No annotation of these layers intersects the correction');
    }
    ctx.perms.checkWrite(target.project);
    const ring = exteriorOf(parseWkt(target.location));
    const cut = exteriorOf(correction);
    const next = body.remove === true || body.remove === 'true'
      ? [...ring.slice(0, -1).filter((p) => !inside(p, cut))]
      : convexHull([...ring, ...cut]).slice(0, -1);
    if (next.length < 3) throw wrongArgument('The correction would remove the whole annotation');
    const g = { type: 'Polygon', coordinates: [[...next, next[0]]] };
    if (!(area(g) > 0)) throw wrongArgument('Annotation location is not valid');
    const { _gis, _geom, ...rest } = target;
    const updated = { ...rest, location: toWkt(g), env: envelope(g), _geom: g };
    const cmd = ctx.cmds.edit(tx, 'annotation', updated);
    return commandReply(ctx, 'Edit', 'annotation', updated, cmd);
  }));
}
