/**
 * Endpoints beyond the CRUD of the core domains: global and project statistics, UI
 * configuration, image review, histograms, annotation review/simplify/fill/actions, user
 * locking and roles (contract §3.1, §3.6-§3.9, §3.20; cytomine-client §1, §3).
 */
import { alreadyExist, ApiError, forbidden, listPath1, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { annotationJson, abstractImageJson, imageInstanceJson, userJson, ms } from '../serialize.mjs';
import { envelope, parseWkt, toWkt, pointCount } from '../geometry.mjs';
import { commandReply, dateAttr, inTx, longList, toLong } from './common.mjs';
import { readableImage } from './images.mjs';
import { checkEditAnnotation } from './annotations.mjs';

const ROLES = ['ROLE_GUEST', 'ROLE_USER', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];

/** The role records (created on first use, ids from the shared sequence). */
export function roles(store) {
  if (store.t.role.size === 0) for (const authority of ROLES) store.insert('role', { id: store.newId(), created: Date.now(), updated: null, authority });
  return [...store.t.role.values()].sort((a, b) => a.id - b.id);
}

export const roleJson = (r) => ({ class: DOMAINS.role.cls, id: r.id, created: ms(r.created), updated: ms(r.updated), authority: r.authority });

function project(ctx, name = 'id') {
  const pid = ctx.pid(name);
  if (!ctx.store.get('project', pid)) throw objectNotFound('Project', pid);
  ctx.perms.checkRead(pid);
  return pid;
}

/** Rows of `table` in project `pid` between the startDate/endDate (or afterThan/beforeThan) params. */
function inPeriod(ctx, rows) {
  const start = dateAttr(ctx.q('startDate') ?? ctx.q('afterThan'));
  const end = dateAttr(ctx.q('endDate') ?? ctx.q('beforeThan'));
  return rows.filter((x) => (start === null || x.created >= start) && (end === null || x.created <= end));
}

const annotationsOf = (s, pid) => s.annotationIdsOfProject(pid).map((id) => s.get('annotation', id));
const reviewedOf = (s, pid) => [...s.t.reviewedannotation.values()].filter((x) => x.project === pid);
const rowsOfProject = (s, table, pid) => [...s.t[table].values()].filter((x) => x.project === pid);

/** `[{date, size}]` buckets of `daysRange` days (default 1) from startDate to endDate/now. */
function evolution(ctx, rows) {
  const days = Math.max(1, ctx.qLong('daysRange', 1));
  const end = dateAttr(ctx.q('endDate')) ?? Date.now();
  const start = dateAttr(ctx.q('startDate')) ?? (rows.length ? Math.min(...rows.map((x) => x.created)) : end);
  const step = days * 86_400_000;
  const accumulate = ctx.qBool('accumulate');
  const out = [];
  let total = 0;
  for (let t = start; t <= end; t += step) {
    const n = rows.filter((x) => x.created >= t && x.created < t + step).length;
    total += n;
    out.push({ date: t, endDate: Math.min(t + step, end), size: accumulate ? total : n });
  }
  if (ctx.qBool('reverseOrder')) out.reverse();
  return listPath1(out, pagingParams(ctx));
}

const bins = (n, seed) => Array.from({ length: n }, (_, i) => Math.round(1000 * Math.exp(-(((i / n) - 0.6 - seed * 0.05) ** 2) * 12)));

function channelHistograms(ctx, ai, nBins) {
  const channels = ai.channels ?? 3;
  const n = nBins ?? 256;
  return Array.from({ length: Math.max(channels, 3) }, (_, c) => ({
    channel: c, concreteChannel: 0, sampleChannel: c, color: ['#f00', '#0f0', '#00f'][c % 3] ?? null,
    type: 'FAST', minimum: 10 + c, maximum: 250 - c, nBins: n, firstBin: 0, lastBin: n - 1, histogram: bins(n, c),
  }));
}

/** A new version of an annotation with geometry `g` (caches dropped). */
function withGeometry(a, g) {
  const { _gis, _geom, ...rest } = a;
  return { ...rest, location: toWkt(g), env: envelope(g), _geom: g };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // --- global statistics (admin) and UI configuration ---
  r.add('GET', '/api/stats/all.json', (ctx) => {
    const s = ctx.store;
    return {
      users: s.t.user.size, projects: s.t.project.size, images: s.t.imageinstance.size, abstractImages: s.t.abstractimage.size,
      userAnnotations: s.t.annotation.size, reviewedAnnotations: s.t.reviewedannotation.size, jobAnnotations: 0,
      terms: s.t.term.size, ontologies: s.t.ontology.size, jobs: 0, softwares: 0,
    };
  });
  r.add('GET', '/api/stats/currentStats.json', (ctx) => {
    const since = Date.now() - 5 * 60_000;
    const online = [...ctx.env.lastSeen.values()].filter((t) => t >= since).length;
    const active = new Set([...ctx.store.t.userconnection.values()].filter((c) => c.created >= since).map((c) => c.project));
    return { users: online, projects: active.size };
  });
  r.add('GET', '/api/stats/imageserver/total.json', (ctx) => {
    if (!ctx.perms.isAdmin) throw forbidden();
    const used = [...ctx.store.t.abstractimage.values()].reduce((n, a) => n + (a.width ?? 0) * (a.height ?? 0) * 3, 0);
    const total = 4 * 1024 ** 4;
    return { total, available: total - used, used, usedP: used / total };
  });
  const UI_PROPS = ['project-annotations-tab', 'project-images-tab', 'project-activities-tab', 'project-information-tab', 'project-configuration-tab'];
  const uiConfig = (ctx, pid) => {
    const saved = ctx.env.uiConfigs?.get(pid) ?? {};
    const out = {};
    for (const k of UI_PROPS) out[k] = saved[k] ?? { ADMIN_PROJECT: true, CONTRIBUTOR_PROJECT: k !== 'project-configuration-tab' };
    return out;
  };
  // `/custom-ui/...` without `/api` is gone today (delta §3.1); the `/api` forms exist in both.
  const uiRoutes = (prefix, opts) => {
    r.add('GET', `${prefix}/custom-ui/config.json`, (ctx) => {
      const pid = ctx.qLong('project');
      const cfg = pid === null ? null : uiConfig(ctx, pid);
      const role = pid !== null && ctx.perms.isManager(pid) ? 'ADMIN_PROJECT' : 'CONTRIBUTOR_PROJECT';
      const out = { dashboard: true, search: true, ontology: true, storage: !ctx.perms.isGuest, activity: true, admin: ctx.perms.isAdmin };
      if (cfg) for (const [k, v] of Object.entries(cfg)) out[k] = v[role] === true;
      return out;
    }, opts);
    r.add('GET', `${prefix}/custom-ui/project/:id.json`, (ctx) => uiConfig(ctx, project(ctx)), opts);
    r.add('POST', `${prefix}/custom-ui/project/:id.json`, (ctx) => {
      const pid = project(ctx);
      ctx.perms.checkManager(pid);
      const body = ctx.jsonObject();
      for (const [k, v] of Object.entries(body)) {
        if (!v || typeof v !== 'object' || typeof v.ADMIN_PROJECT !== 'boolean' || typeof v.CONTRIBUTOR_PROJECT !== 'boolean') {
          throw wrongArgument(`${k} must be {ADMIN_PROJECT: boolean, CONTRIBUTOR_PROJECT: boolean}`);
        }
      }
      ctx.env.uiConfigs ??= new Map();
      ctx.env.uiConfigs.set(pid, { ...(ctx.env.uiConfigs.get(pid) ?? {}), ...body });
      return uiConfig(ctx, pid);
    }, opts);
  };
  uiRoutes('', { core: '5.2' });
  uiRoutes('/api', {});

  // --- project counts, evolutions and statistics ---
  r.add('GET', '/api/project/:id/userconnection/count.json', (ctx) => ({ total: inPeriod(ctx, rowsOfProject(ctx.store, 'userconnection', project(ctx))).length }));
  r.add('GET', '/api/project/:id/imageconsultation/count.json', (ctx) => ({ total: inPeriod(ctx, rowsOfProject(ctx.store, 'imageconsultation', project(ctx))).length }));
  r.add('GET', '/api/project/:id/annotation_action/count.json', (ctx) => {
    const type = ctx.q('type');
    const rows = rowsOfProject(ctx.store, 'annotationaction', project(ctx)).filter((x) => !type || x.action === type);
    return { total: inPeriod(ctx, rows).length };
  });
  // No `algoannotation/count.json` nor `stats/algoannotationevolution.json`: neither core maps them
  // (core 5.2 and today's core have no algorithm annotations; a request gets the unmapped path's 404).
  r.add('GET', '/api/project/:id/reviewedannotation/count.json', (ctx) => ({ total: inPeriod(ctx, reviewedOf(ctx.store, project(ctx))).length }));
  r.add('GET', '/api/project/:id/stats/connectionsevolution.json', (ctx) => evolution(ctx, rowsOfProject(ctx.store, 'userconnection', project(ctx))));
  r.add('GET', '/api/project/:id/stats/imageconsultationsevolution.json', (ctx) => evolution(ctx, rowsOfProject(ctx.store, 'imageconsultation', project(ctx))));
  r.add('GET', '/api/project/:id/stats/annotationactionsevolution.json', (ctx) => {
    const type = ctx.q('type');
    return evolution(ctx, rowsOfProject(ctx.store, 'annotationaction', project(ctx)).filter((x) => !type || x.action === type));
  });
  r.add('GET', '/api/project/:id/stats/annotationevolution.json', (ctx) => {
    const pid = project(ctx);
    const term = ctx.qLong('term');
    const s = ctx.store;
    return evolution(ctx, annotationsOf(s, pid).filter((a) => term === null || s.termsOfAnnotation(a.id).some((at) => at.term === term)));
  });
  r.add('GET', '/api/project/:id/stats/reviewedannotationevolution.json', (ctx) => evolution(ctx, reviewedOf(ctx.store, project(ctx))));
  const termStats = (perImage) => (ctx) => {
    const s = ctx.store;
    const pid = project(ctx);
    const p = s.get('project', pid);
    const terms = p.ontology ? s.termsOfOntology(p.ontology) : [];
    const leafs = ctx.qBool('leafsOnly');
    const anns = inPeriod(ctx, annotationsOf(s, pid));
    const out = terms.filter((t) => !leafs || !terms.some((c) => s.parentOf(c.id) === t.id)).map((t) => {
      const tagged = anns.filter((a) => s.termsOfAnnotation(a.id).some((at) => at.term === t.id));
      return { id: t.id, key: t.name, value: perImage ? new Set(tagged.map((a) => a.image)).size : tagged.length, color: t.color };
    });
    return listPath1(out, pagingParams(ctx));
  };
  r.add('GET', '/api/project/:id/stats/term.json', termStats(false));
  r.add('GET', '/api/project/:id/stats/termslide.json', termStats(true));
  const userStats = (perImage) => (ctx) => {
    const s = ctx.store;
    const pid = project(ctx);
    const m = s.membersOf(pid);
    const anns = inPeriod(ctx, annotationsOf(s, pid));
    const out = [...new Set([...m.contributors, ...m.managers])].sort((a, b) => a - b).map((uid) => {
      const u = s.get('user', uid);
      const mine = anns.filter((a) => a.user === uid);
      return { id: uid, key: u.username, username: u.username, value: perImage ? new Set(mine.map((a) => a.image)).size : mine.length };
    });
    return listPath1(out, pagingParams(ctx));
  };
  r.add('GET', '/api/project/:id/stats/user.json', userStats(false));
  r.add('GET', '/api/project/:id/stats/userslide.json', userStats(true));

  // --- image instances ---
  r.add('GET', '/api/imageinstance/:id/online.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const since = Date.now() - 60_000;
    const broadcast = ctx.qBool('broadcast');
    const users = new Set();
    for (const pos of ctx.store.t.userposition.values()) {
      if (pos.image === ii.id && pos.created >= since && (!broadcast || pos.broadcast)) users.add(pos.user);
    }
    return { users: [...users].sort((a, b) => a - b) };
  });
  r.add('GET', '/api/imageinstance/:id/sameimagedata.json', (ctx) => {
    const s = ctx.store;
    const ii = readableImage(ctx, ctx.pid());
    const only = ctx.qLong('project');
    const out = [];
    for (const oid of s.idx.instancesByAbstract.get(ii.baseImage) ?? []) {
      const other = s.get('imageinstance', oid);
      if (other.id === ii.id || !ctx.perms.canRead(other.project) || (only !== null && other.project !== only)) continue;
      const users = new Set(s.annotationIdsOfImage(other.id).map((a) => s.get('annotation', a).user));
      for (const uid of [...users].sort((a, b) => a - b)) {
        const u = s.get('user', uid);
        out.push({ image: other.id, project: other.project, projectName: s.get('project', other.project).name, user: uid, username: u.username, lastname: u.name, firstname: u.name });
      }
    }
    return listPath1(out, pagingParams(ctx));
  });
  const annotationIndex = (ctx, imageId, sliceId) => {
    const s = ctx.store;
    const counts = new Map();
    for (const aid of s.annotationIdsOfImage(imageId)) {
      const a = s.get('annotation', aid);
      if (sliceId !== null && a.slice !== sliceId) continue;
      const k = `${a.user}:${a.slice}`;
      const c = counts.get(k) ?? { user: a.user, slice: a.slice, countAnnotation: 0, countReviewedAnnotation: 0 };
      c.countAnnotation += 1;
      if ([...s.t.reviewedannotation.values()].some((x) => x.parentIdent === a.id)) c.countReviewedAnnotation += 1;
      counts.set(k, c);
    }
    return listPath1([...counts.values()].sort((a, b) => a.user - b.user || a.slice - b.slice), pagingParams(ctx));
  };
  r.add('GET', '/api/imageinstance/:id/annotationindex.json', (ctx) => annotationIndex(ctx, readableImage(ctx, ctx.pid()).id, null));
  r.add('POST', '/api/imageinstance/:id/copymetadata.json', (ctx) => inTx(ctx, (tx) => {
    const s = ctx.store;
    const ii = readableImage(ctx, ctx.pid());
    ctx.perms.checkWrite(ii.project);
    const based = toLong(ctx.q('based'));
    if (based === null || Number.isNaN(based)) throw wrongArgument('based must be set');
    const src = readableImage(ctx, based);
    const cls = DOMAINS.imageinstance.cls;
    for (const pid of s.byDomain('property', cls, src.id)) {
      const p = s.get('property', pid);
      ctx.cmds.add(tx, 'property', { id: null, created: Date.now(), updated: null, domainClassName: cls, domainIdent: ii.id, key: p.key, value: p.value });
    }
    return {};
  }));
  // core's ImageInstanceService.startReview/stopReview (RestReviewedAnnotationController): saved
  // without a command, answered `{message, imageinstance}`, errors in shape A
  const reviewAnswer = (ctx, verb, ii) => ({ message: `${ctx.user.username} ${verb} on ${ii.instanceFilename ?? null}`, imageinstance: imageInstanceJson(ctx.view, ii) });
  const saveImage = (ctx, next) => ctx.store.replace('imageinstance', { ...next, updated: Date.now() });
  r.add(['POST', 'PUT'], '/api/imageinstance/:id/review.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    ctx.perms.coreCheckFullOrRestrictedForOwner(ii.project, ii.user);
    // core sets the start and the reviewer only: an earlier stop stays
    return reviewAnswer(ctx, 'start reviewing', saveImage(ctx, { ...ii, reviewStart: Date.now(), reviewUser: ctx.user.id }));
  });
  r.add('DELETE', '/api/imageinstance/:id/review.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    if (!ii.reviewStart || !ii.reviewUser) {
      // (both are set and cleared together, so core prints two nulls)
      throw wrongArgument('Image is not in review mode: image.reviewStart=null and image.reviewUser=null');
    }
    if (ii.reviewUser !== ctx.user.id) throw wrongArgument(`Review can only be validate or stop by ${ctx.store.get('user', ii.reviewUser)?.username ?? null}`);
    const cancel = ctx.qBool('cancel');
    let next;
    if (!cancel) next = { ...ii, reviewStop: Date.now() };
    else if (ii.reviewStop === null || ii.reviewStop === undefined) next = { ...ii, reviewStart: null, reviewUser: null, reviewStop: null };
    else next = { ...ii, reviewStop: null };
    return reviewAnswer(ctx, `${cancel ? 'cancel' : 'validate'} reviewing`, saveImage(ctx, next));
  });
  r.add('GET', '/api/imageinstance/:id/reviewedannotation/stats.json', (ctx) => {
    const s = ctx.store;
    const ii = readableImage(ctx, ctx.pid());
    const stats = new Map();
    for (const aid of s.annotationIdsOfImage(ii.id)) {
      const a = s.get('annotation', aid);
      const st = stats.get(a.user) ?? { user: a.user, all: 0, reviewed: 0 };
      st.all += 1;
      if ([...s.t.reviewedannotation.values()].some((x) => x.parentIdent === a.id)) st.reviewed += 1;
      stats.set(a.user, st);
    }
    return listPath1([...stats.values()].sort((a, b) => a.user - b.user), pagingParams(ctx));
  });
  const abstractOf = (ctx, ii) => ctx.store.get('abstractimage', ii.baseImage);
  const nBins = (ctx) => ctx.qLong('nBins');
  r.add('GET', '/api/imageinstance/:id/histogram.json', (ctx) => {
    const h = channelHistograms(ctx, abstractOf(ctx, readableImage(ctx, ctx.pid())), nBins(ctx));
    const histogram = h[0].histogram.map((_, i) => h.reduce((n, c) => n + c.histogram[i], 0));
    return { type: 'FAST', minimum: Math.min(...h.map((c) => c.minimum)), maximum: Math.max(...h.map((c) => c.maximum)), nBins: histogram.length, histogram };
  });
  r.add('GET', '/api/imageinstance/:id/histogram/bounds.json', (ctx) => {
    const h = channelHistograms(ctx, abstractOf(ctx, readableImage(ctx, ctx.pid())), null);
    return { type: 'FAST', minimum: Math.min(...h.map((c) => c.minimum)), maximum: Math.max(...h.map((c) => c.maximum)) };
  });
  r.add('GET', '/api/imageinstance/:id/channelhistogram.json', (ctx) =>
    listPath1(channelHistograms(ctx, abstractOf(ctx, readableImage(ctx, ctx.pid())), nBins(ctx)), pagingParams(ctx)));
  r.add('GET', '/api/imageinstance/:id/channelhistogram/bounds.json', (ctx) =>
    listPath1(channelHistograms(ctx, abstractOf(ctx, readableImage(ctx, ctx.pid())), null).map(({ histogram, nBins: _n, firstBin, lastBin, ...b }) => b), pagingParams(ctx)));
  const sliceImage = (ctx) => {
    const sl = ctx.store.get('sliceinstance', ctx.pid());
    if (!sl) throw objectNotFound('SliceInstance', ctx.pid());
    return { sl, ii: readableImage(ctx, sl.image) };
  };
  r.add('GET', '/api/sliceinstance/:id/annotationindex.json', (ctx) => {
    const { sl, ii } = sliceImage(ctx);
    return annotationIndex(ctx, ii.id, sl.id);
  });
  const sliceHist = (ctx, bounds) => {
    const { ii } = sliceImage(ctx);
    const h = channelHistograms(ctx, abstractOf(ctx, ii), bounds ? null : nBins(ctx));
    return bounds ? h.map(({ histogram, nBins: _n, firstBin, lastBin, ...b }) => b) : h;
  };
  r.add('GET', '/api/sliceinstance/:id/histogram.json', (ctx) => listPath1(sliceHist(ctx, false), pagingParams(ctx)));
  r.add('GET', '/api/sliceinstance/:id/histogram/bounds.json', (ctx) => listPath1(sliceHist(ctx, true), pagingParams(ctx)));
  r.add('GET', '/api/sliceinstance/:id/channelhistogram.json', (ctx) => listPath1(sliceHist(ctx, false), pagingParams(ctx)));
  r.add('GET', '/api/sliceinstance/:id/channelhistogram/bounds.json', (ctx) => listPath1(sliceHist(ctx, true), pagingParams(ctx)));
  const readableAbstract = (ctx) => {
    const ai = ctx.store.get('abstractimage', ctx.pid());
    if (!ai) throw objectNotFound('AbstractImage', ctx.pid());
    const used = (ctx.store.idx.instancesByAbstract.get(ai.id) ?? []).some((iid) => ctx.perms.canRead(ctx.store.get('imageinstance', iid).project));
    if (!ctx.perms.isAdmin && ai.user !== ctx.user.id && !used) throw forbidden();
    return ai;
  };
  r.add('GET', '/api/abstractimage/:id/imageservers.json', (ctx) => {
    readableAbstract(ctx);
    return { imageServersURLs: [`${ctx.view.serverURL}/ims`] };
  });
  r.add('GET', '/api/abstractimage/:id/histogram/stats.json', (ctx) =>
    listPath1(channelHistograms(ctx, readableAbstract(ctx), null).map(({ histogram, ...b }) => b), pagingParams(ctx)));
  r.add('POST', '/api/abstractimage/:id/histogram/extract.json', (ctx) => {
    const ai = readableAbstract(ctx);
    if (!ctx.perms.isAdmin && ai.user !== ctx.user.id) throw forbidden();
    return abstractImageJson(ctx.view, ai);
  });

  // --- annotations ---
  const writableAnnotation = (ctx) => {
    const a = ctx.store.get('annotation', ctx.pid());
    if (!a) throw objectNotFound('UserAnnotation', ctx.pid());
    ctx.perms.checkWrite(a.project);
    return a;
  };
  // core's ReviewedAnnotationService.reviewAnnotation/unReviewAnnotation (not wrapped: shape A)
  const annotationOr404 = (ctx) => {
    const a = ctx.store.get('annotation', ctx.pid());
    if (!a) throw new ApiError('ObjectNotFound', `Annotation ${ctx.pid()} not found`);
    return a;
  };
  const reviewOf = (ctx, a) => [...ctx.store.t.reviewedannotation.values()].find((x) => x.parentIdent === a.id);
  /** The reviewer as core prints a User (its fullName) or its username. */
  const reviewerName = (ctx, ii, field) => {
    const u = ctx.store.get('user', ii.reviewUser);
    return !u ? null : field === 'username' ? u.username : userJson(u).fullName;
  };
  r.add(['GET', 'POST', 'PUT'], '/api/annotation/:id/review.json', (ctx) => inTx(ctx, (tx) => {
    const a = annotationOr404(ctx);
    const ii = ctx.store.get('imageinstance', a.image);
    if (!ii.reviewStart || !ii.reviewUser || ii.reviewStop) throw wrongArgument('Cannot accept annotation, enable image review mode!');
    if (ii.reviewUser !== ctx.user.id) throw wrongArgument(`You must be the image reviewer to accept annotation. Image reviewer is ${reviewerName(ctx, ii, 'fullName')}`);
    if (reviewOf(ctx, a)) throw alreadyExist('Annotation is already accepted!');
    const body = ctx.json();
    const given = body && typeof body === 'object' && body.terms !== undefined ? body.terms : ctx.q('terms');
    const terms = given === undefined || given === null ? ctx.store.termsOfAnnotation(a.id).map((at) => at.term) : longList(given);
    for (const t of terms) if (!ctx.store.get('term', t)) throw objectNotFound('Term', t);
    // ReviewedAnnotationService.add: READ, not READ_ONLY, ROLE_USER
    ctx.perms.checkRead(a.project);
    ctx.perms.coreCheckNotReadOnly(a.project);
    ctx.perms.coreCheckUser();
    const rev = {
      id: null, created: Date.now(), updated: null, project: a.project, image: a.image, slice: a.slice, user: a.user,
      reviewUser: ctx.user.id, location: a.location, parentIdent: a.id, parentClassName: DOMAINS.annotation.cls, terms, status: 1, env: a.env,
    };
    const cmd = ctx.cmds.add(tx, 'reviewedannotation', rev);
    return commandReply(ctx, 'Add', 'reviewedannotation', rev, cmd, reviewedJson(ctx, rev));
  }, { wrapped: false }));
  r.add('DELETE', '/api/annotation/:id/review.json', (ctx) => inTx(ctx, (tx) => {
    const rev = [...ctx.store.t.reviewedannotation.values()].find((x) => x.parentIdent === ctx.pid());
    if (!rev) throw wrongArgument('This annotation is not accepted, you cannot reject it!');
    const ii = ctx.store.get('imageinstance', rev.image);
    if (ii?.reviewUser && ii.reviewUser !== ctx.user.id) throw wrongArgument(`You must be the image reviewer to reject annotation. Image reviewer is  ${reviewerName(ctx, ii, 'username')}`);
    // delete: ROLE_USER and checkIsCreator (the reviewer)
    ctx.perms.coreCheckUser();
    if (!ctx.perms.isAdmin && rev.reviewUser !== ctx.user.id) throw forbidden("You don't have the right to read this resource! You must be the same user!");
    const cmd = ctx.cmds.delete(tx, 'reviewedannotation', rev);
    return commandReply(ctx, 'Delete', 'reviewedannotation', rev, cmd, reviewedJson(ctx, rev));
  }, { wrapped: false }));
  r.add('PUT', '/api/annotation/:id/simplify.json', (ctx) => inTx(ctx, (tx) => {
    const a = writableAnnotation(ctx);
    const min = ctx.qLong('minPoint');
    const max = ctx.qLong('maxPoint');
    if (min === null || max === null || min < 3 || max < min) throw wrongArgument('minPoint and maxPoint must be set (3 <= minPoint <= maxPoint)');
    const g = parseWkt(a.location);
    if (pointCount(g) > max) {
      const keep = (ring) => {
        const open = ring.slice(0, -1);
        const step = Math.ceil(open.length / Math.max(min, max - 1));
        const kept = open.filter((_, i) => i % step === 0);
        return [...kept, kept[0]];
      };
      if (g.type === 'Polygon') g.coordinates = g.coordinates.map(keep);
    }
    const next = withGeometry(a, g);
    const cmd = ctx.cmds.edit(tx, 'annotation', next);
    return annotationJson(ctx.view, ctx.store.get('annotation', cmd.after.id));
  }));
  r.add('POST', '/api/annotation/:id/fill.json', (ctx) => inTx(ctx, (tx) => {
    // core fills through UserAnnotationService.update: its rights
    const a = annotationOr404(ctx);
    checkEditAnnotation(ctx, a);
    const g = parseWkt(a.location);
    if (g.type === 'Polygon') g.coordinates = g.coordinates.slice(0, 1);
    else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.slice(0, 1));
    else throw wrongArgument(`Form cannot be filled:${a.location}`);
    const next = withGeometry(a, g);
    const cmd = ctx.cmds.edit(tx, 'annotation', next);
    return commandReply(ctx, 'Edit', 'annotation', next, cmd);
  }, { wrapped: false }));
  r.add('POST', '/api/annotation_action.json', (ctx) => {
    const body = ctx.jsonObject();
    const a = ctx.store.get('annotation', toLong(body.annotationIdent));
    if (!a) throw objectNotFound('Annotation', body.annotationIdent ?? null);
    ctx.perms.checkRead(a.project);
    if (!body.action) throw wrongArgument('action must be set! value=null');
    const rec = {
      id: ctx.store.newId(), created: Date.now(), updated: null, user: ctx.user.id, image: a.image, slice: a.slice, project: a.project,
      annotationIdent: a.id, annotationClassName: DOMAINS.annotation.cls, annotationCreator: a.user, action: String(body.action),
    };
    ctx.store.insert('annotationaction', rec);
    return { class: 'be.cytomine.domain.social.AnnotationAction', ...rec, created: ms(rec.created), updated: null };
  });

  // --- users and roles ---
  const adminUser = (ctx) => {
    if (!ctx.perms.isAdmin) throw forbidden('You must be an administrator');
    const u = ctx.store.get('user', ctx.pid());
    if (!u) throw objectNotFound('User', ctx.pid());
    return u;
  };
  const lock = (enabled) => (ctx) => {
    const u = adminUser(ctx);
    if (u.id === ctx.user.id) throw forbidden('You cannot lock yourself');
    u.enabled = enabled;
    return { message: `User ${u.username} ${enabled ? 'unlocked' : 'locked'}`, user: { ...userJson(u, ctx.view), enabled } };
  };
  r.add('POST', '/api/user/:id/lock.json', lock(false));
  r.add('DELETE', '/api/user/:id/lock.json', lock(true));
  r.add('GET', '/api/role.json', (ctx) => listPath1(roles(ctx.store), pagingParams(ctx), roleJson));
  r.add('GET', '/api/role/:id.json', (ctx) => {
    const role = roles(ctx.store).find((x) => x.id === ctx.pid());
    if (!role) throw objectNotFound('SecRole', ctx.pid());
    return roleJson(role);
  });
  r.add('PUT', '/api/user/:id/role/:role/define.json', (ctx) => {
    const u = adminUser(ctx);
    const role = roles(ctx.store).find((x) => x.id === ctx.pid('role'));
    if (!role) throw objectNotFound('SecRole', ctx.pid('role'));
    // ROLE_ADMIN implies ROLE_USER; ROLE_USER and ROLE_GUEST are exclusive.
    const rank = ROLES.indexOf(role.authority);
    u.roles = rank === 0 ? ['ROLE_GUEST'] : ROLES.slice(1, rank + 1);
    return listPath1(roles(ctx.store).filter((x) => u.roles.includes(x.authority)), pagingParams(ctx), roleJson);
  });
  r.add('GET', '/api/user/:id/reviewedannotation/count.json', (ctx) => {
    const uid = ctx.pid();
    const pid = ctx.qLong('project');
    if (pid !== null) ctx.perms.checkRead(pid);
    const rows = [...ctx.store.t.reviewedannotation.values()].filter((x) => x.user === uid && (pid === null ? ctx.perms.canRead(x.project) : x.project === pid));
    return { total: rows.length };
  });
  r.add('GET', '/api/imageinstance/:image/followers/:user.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid('image'));
    const followed = ctx.pid('user');
    const since = Date.now() - 60_000;
    const recent = [...ctx.store.t.userposition.values()].filter((p) => p.image === ii.id && p.created >= since);
    const broadcasting = recent.some((p) => p.user === followed && p.broadcast);
    const followers = broadcasting ? [...new Set(recent.filter((p) => p.user !== followed).map((p) => p.user))] : [];
    return listPath1(followers.sort((a, b) => a - b).map((id) => ({ id })), pagingParams(ctx));
  });
  r.add('GET', '/api/imageinstance/method/lastopened.json', (ctx) => {
    const rows = [...ctx.store.t.imageconsultation.values()].filter((c) => c.user === ctx.user.id && ctx.perms.canRead(c.project))
      .sort((a, b) => b.created - a.created);
    const seen = new Set();
    const out = [];
    for (const c of rows) {
      if (seen.has(c.image)) continue;
      seen.add(c.image);
      out.push({ id: c.image, date: c.created, thumb: `${ctx.view.serverURL}/api/imageinstance/${c.image}/thumb.png?maxSize=256`, instanceFilename: c.imageName, project: c.project });
    }
    return listPath1(out, { offset: 0, max: ctx.qLong('max', 0) });
  });
}

/** JSON of a reviewed annotation (the annotation JSON with the review fields). */
export function reviewedJson(ctx, rev) {
  const a = ctx.store.get('annotation', rev.parentIdent);
  const base = a ? annotationJson(ctx.view, a) : {};
  return {
    ...base, class: DOMAINS.reviewedannotation.cls, id: rev.id, created: ms(rev.created), updated: ms(rev.updated),
    parentIdent: rev.parentIdent, parentClassName: rev.parentClassName, reviewUser: rev.reviewUser, terms: rev.terms, term: rev.terms, reviewed: true,
  };
}

