/**
 * User annotations (contract §3.8, §4, §5): CRUD with geometry validation and GIS fields,
 * the search endpoint with its filters and property groups, crops, counts, and
 * annotation terms (§3.10).
 */
import { parseWkt, isValidGeometry, clipToImage, envelope, toWkt, intersectsEnvelope, GeometryError } from '../geometry.mjs';
import { renderCrop } from '../render.mjs';
import { ApiError, alreadyExist, listPath1, notFoundFilters, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { annotationGis, annotationJson, annotationTermJson, annotationTermIds, cropURL, imageInstanceJson, termJson } from '../serialize.mjs';
import { DOMAINS } from '../domains.mjs';
import { bulkAdd, cascadeOf, classNotFound, commandReply, dateAttr, inTx, longList, toLong } from './common.mjs';
import { pictureOf, servePicture } from './images.mjs';
import { reply } from '../router.mjs';
import { reviewedJson } from './activity.mjs';

const ACLS = DOMAINS.annotation.cls;

/**
 * Validate and normalise a WKT location for an image (contract §4 steps 1-3).
 * @returns {{ location: string, geom: object, env: object }}
 */
export function normaliseLocation(wkt, image) {
  if (wkt === undefined || wkt === null || wkt === '') throw wrongArgument('Annotation must have a valid geometry:null');
  let g;
  try {
    g = parseWkt(String(wkt));
  } catch (e) {
    if (e instanceof GeometryError) throw wrongArgument('Annotation location is not valid');
    throw e;
  }
  if (!isValidGeometry(g)) throw wrongArgument('Annotation location is not valid');
  let env = envelope(g);
  if (!env) throw wrongArgument(`Cannot extract boundaries for ${wkt}`);
  const { width, height } = image;
  if (width && height && (env.minX < 0 || env.minY < 0 || env.maxX > width || env.maxY > height)) {
    g = clipToImage(g, width, height);
    if (!g) throw wrongArgument(`Cannot extract boundaries for ${wkt}`);
    env = envelope(g);
    if (!env) throw wrongArgument(`Cannot extract boundaries for ${wkt}`);
  }
  const single = g.type === 'Point';
  if (!single && g.type !== 'LineString' && g.type !== 'MultiLineString') {
    if (Math.trunc(env.maxX - env.minX) === 0 || Math.trunc(env.maxY - env.minY) === 0) throw wrongArgument('Annotation dimension not valid');
  }
  return { location: toWkt(g), geom: g, env };
}

/** Geometry of an annotation (parsed on demand, not kept for generated ones). */
export function geometryOf(a) {
  return a._geom ?? parseWkt(a.location);
}

function annotationOr404B(ctx, id, cls = 'UserAnnotation') {
  const a = ctx.store.get('annotation', id);
  if (!a) throw notFoundFilters(cls, { id });
  ctx.perms.checkRead(a.project);
  return a;
}

/**
 * May the caller edit/delete this annotation? core's UserAnnotationService.update/delete: any
 * reader (guests too) in a CLASSIC project, only the owner in a RESTRICTED one, managers only in
 * a READ_ONLY one; `isClosed` is never checked.
 */
export function checkEditAnnotation(ctx, a) {
  ctx.perms.checkRead(a.project);
  ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, a.user);
}

function imageAndSlice(ctx, body) {
  const s = ctx.store;
  const sid = toLong(body.slice);
  if (sid !== null && !Number.isNaN(sid)) {
    const sl = s.get('sliceinstance', sid);
    if (!sl) throw new ApiError('ObjectNotFound', `SliceInstance with id ${body.slice}`); // core's message
    return { ii: s.get('imageinstance', sl.image), sl };
  }
  const iid = toLong(body.image);
  if (iid !== null && !Number.isNaN(iid)) {
    const ii = s.get('imageinstance', iid);
    if (!ii) throw new ApiError('ObjectNotFound', `ImageInstance with id ${body.image}`); // core's message
    const sl = s.slicesOfImage(ii.id).sort((a, b) => a.time - b.time || a.zStack - b.zStack || a.channel - b.channel)[0];
    if (!sl) throw wrongArgument('Cannot retrieve slice or image');
    return { ii, sl };
  }
  throw wrongArgument('Cannot retrieve slice or image');
}

/**
 * The term of a new AnnotationTerm, with core's errors: `missing(termId)` when it does not exist,
 * 400 "Term .. from ontology .. is not in ontology from the annotation project" (AnnotationTerm's
 * buildDomainFromJson) when it belongs to another ontology.
 */
function termInProject(ctx, termId, projectId, missing = termNotFoundById) {
  const t = ctx.store.get('term', termId);
  if (!t) throw missing(termId);
  const p = ctx.store.get('project', projectId);
  if (!p || p.ontology !== t.ontology) {
    const o = ctx.store.get('ontology', t.ontology);
    throw wrongArgument(`Term ${t.name} from ontology ${o?.name ?? null} is not in ontology from the annotation project`);
  }
  return t;
}

/** AnnotationTerm's `term` attribute of a body: "term was not found with id: X" (400). */
const termNotFoundById = (termId) => wrongArgument(`term was not found with id: ${termId}`);
/**
 * core's AnnotationTermService.addAnnotationTerm (annotation creation, clearBefore) names the
 * missing term with its always-null `idExpectedTerm`: 404 "Term null not found".
 */
const termNotFoundNull = () => new ApiError('ObjectNotFound', 'Term null not found');

function addAnnotationTerm(ctx, tx, annId, termId, userId) {
  const at = { id: null, created: Date.now(), updated: null, userannotation: annId, term: termId, user: userId };
  return { at, cmd: ctx.cmds.add(tx, 'annotationterm', at) };
}

function addAnnotation(ctx, body, tx) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw wrongArgument('The body cannot be parsed, is the body content in the good format?');
  const { ii, sl } = imageAndSlice(ctx, body);
  // core's UserAnnotationService.add: READ, not READ_ONLY, at least a guest; another owner
  // needs checkFullOrRestrictedForOwner(project, null)
  ctx.perms.checkRead(ii.project);
  ctx.perms.coreCheckNotReadOnly(ii.project);
  let owner = ctx.user.id;
  const bu = toLong(body.user);
  if (bu !== null && !Number.isNaN(bu) && bu !== ctx.user.id) {
    if (!ctx.store.get('user', bu)) throw wrongArgument(`user was not found with id: ${body.user}`);
    ctx.perms.coreCheckFullOrRestrictedForOwner(ii.project, null);
    owner = bu;
  }
  const ai = ctx.store.get('abstractimage', ii.baseImage);
  const { location, geom, env } = normaliseLocation(body.location, ai);
  const termIds = [...new Set([...longList(body.term), ...longList(body.terms)])];
  for (const t of termIds) termInProject(ctx, t, ii.project, termNotFoundNull);
  const a = {
    id: null, created: Date.now(), updated: null, project: ii.project, image: ii.id, slice: sl.id, user: owner,
    location, geometryCompression: 0, env, _geom: geom,
  };
  const cmd = ctx.cmds.add(tx, 'annotation', a);
  for (const t of termIds) addAnnotationTerm(ctx, tx, a.id, t, ctx.user.id);
  const props = { ...(body.property && typeof body.property === 'object' ? body.property : {}), ...(body.properties && typeof body.properties === 'object' ? body.properties : {}) };
  for (const [k, v] of Object.entries(props)) {
    ctx.cmds.add(tx, 'property', { id: null, created: Date.now(), updated: null, domainIdent: a.id, domainClassName: ACLS, key: k, value: String(v) });
  }
  return { a, cmd, termIds };
}

// ---------------------------------------------------------------------------
// Search (§5)

const GROUPS = ['Default', 'Basic', 'Meta', 'WKT', 'GIS', 'Term', 'Image', 'User', 'Slice', 'Track'];
const LIST_PARAMS = new Set(['images', 'slices', 'users', 'terms', 'tags', 'tracks', 'usersForTerm', 'reviewUsers']);

/** Parse a list parameter "1,2,3" or "1_2_3"; a JSON array (POST body) fails like core. */
function listParam(name, v) {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' && typeof v !== 'number') {
    const shown = Array.isArray(v) ? `[${v.join(', ')}]` : JSON.stringify(v);
    throw new ApiError('Server', `For input string: "${shown}"`, { noErrorValues: true });
  }
  return String(v).split(/[,_]/).filter((x) => x !== '').map((x) => {
    const n = Number(x);
    if (!Number.isFinite(n)) throw new ApiError('Server', `For input string: "${x}"`, { noErrorValues: true });
    return Math.trunc(n);
  });
}

function longParam(name, v) {
  if (v === undefined || v === null || v === '' || v === 'null') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ApiError('Server', `For input string: "${v}"`, { noErrorValues: true });
  return Math.trunc(n);
}

const truthy = (v) => String(v).toLowerCase() === 'true';

/**
 * Parse search parameters (query merged with a POST JSON body; body wins).
 * Exported for tests that check the emulator against a brute-force filter.
 */
export function searchParams(ctx) {
  const body = ctx.method === 'POST' ? ctx.jsonObject() : {};
  const get = (n) => (body[n] !== undefined ? body[n] : ctx.q(n));
  const out = { raw: get };
  for (const n of ['project', 'image', 'slice', 'user', 'term', 'tag', 'track', 'bboxAnnotation', 'excludedAnnotation']) out[n] = longParam(n, get(n));
  for (const n of LIST_PARAMS) out[n] = listParam(n, get(n));
  for (const n of ['noTerm', 'multipleTerm', 'noTag', 'noTrack', 'multipleTrack', 'reviewed', 'notReviewedOnly']) out[n] = truthy(get(n));
  out.afterThan = get('afterThan') !== undefined && get('afterThan') !== null && get('afterThan') !== '' ? dateAttr(get('afterThan')) : null;
  out.beforeThan = get('beforeThan') !== undefined && get('beforeThan') !== null && get('beforeThan') !== '' ? dateAttr(get('beforeThan')) : null;
  const bbox = get('bbox');
  if (bbox !== undefined && bbox !== null && bbox !== '') {
    const parts = String(bbox).split(',').map(Number);
    if (parts.length === 4 && parts.every(Number.isFinite)) {
      out.bbox = { minX: parts[0], minY: parts[1], maxX: parts[2], maxY: parts[3] };
    } else {
      try {
        out.bbox = envelope(parseWkt(String(bbox)));
      } catch {
        throw wrongArgument(`bbox is not valid: ${bbox}`);
      }
    }
  }
  const shows = new Set();
  for (const gname of GROUPS) if (truthy(get(`show${gname}`))) shows.add(gname.toLowerCase());
  const groups = new Set([...shows].filter((x) => x !== 'default'));
  if (groups.size === 0 || shows.has('default')) ['basic', 'meta', 'term'].forEach((x) => groups.add(x));
  for (const gname of GROUPS) if (truthy(get(`hide${gname}`))) groups.delete(gname.toLowerCase());
  groups.add('basic');
  out.groups = groups;
  const offset = longParam('offset', get('offset'));
  const max = longParam('max', get('max'));
  out.offset = Math.max(0, offset ?? 0);
  out.max = Math.max(0, max ?? 0);
  return out;
}

/** Candidate ids (id desc) and the ACL check of the container (§5.1). */
export function candidates(ctx, sp) {
  const s = ctx.store;
  const imageIds = sp.images ?? (sp.image !== null ? [sp.image] : null);
  const sliceIds = sp.slices ?? (sp.slice !== null ? [sp.slice] : null);
  if (sp.project === null && !imageIds && !sliceIds) throw wrongArgument('There is no project or image or slice filter. We cannot check acl!');
  if (sp.project !== null) {
    if (!s.get('project', sp.project)) throw objectNotFound('Project', sp.project);
    ctx.perms.checkRead(sp.project);
  }
  let imgs = imageIds;
  if (sliceIds) {
    const fromSlices = [];
    for (const sid of sliceIds) {
      const sl = s.get('sliceinstance', sid);
      if (!sl) throw objectNotFound('SliceInstance', sid);
      fromSlices.push(sl.image);
    }
    imgs = imgs ? imgs.filter((i) => fromSlices.includes(i)) : fromSlices;
  }
  if (imgs) {
    for (const iid of imgs) {
      const ii = s.get('imageinstance', iid);
      if (!ii) throw objectNotFound('ImageInstance', iid);
      ctx.perms.checkRead(ii.project);
    }
    const uniq = [...new Set(imgs)];
    if (uniq.length === 1) return s.annotationIdsOfImage(uniq[0]);
    return uniq.flatMap((i) => s.annotationIdsOfImage(i)).sort((a, b) => b - a);
  }
  return s.annotationIdsOfProject(sp.project);
}

/**
 * Build the predicate of the filters.
 * @returns {(a: object) => boolean}
 */
export function predicate(ctx, sp) {
  const s = ctx.store;
  const tests = [];
  if (sp.project !== null) tests.push((a) => a.project === sp.project);
  if (sp.slices || sp.slice !== null) {
    const set = new Set(sp.slices ?? [sp.slice]);
    tests.push((a) => set.has(a.slice));
  }
  if (sp.users || sp.user !== null) {
    const set = new Set(sp.users ?? [sp.user]);
    tests.push((a) => set.has(a.user));
  }
  const termSet = sp.terms ? new Set(sp.terms) : sp.term !== null ? new Set([sp.term]) : null;
  const tfUsers = sp.usersForTerm ? new Set(sp.usersForTerm) : null;
  const termsOf = (a) => {
    const ats = s.termsOfAnnotation(a.id);
    return tfUsers ? ats.filter((x) => tfUsers.has(x.user)) : ats;
  };
  if (termSet) {
    tests.push((a) => {
      const ats = termsOf(a);
      if (sp.noTerm && ats.length === 0) return true;
      return ats.some((x) => termSet.has(x.term));
    });
  } else if (sp.noTerm) {
    tests.push((a) => termsOf(a).length === 0);
  }
  if (sp.multipleTerm) tests.push((a) => new Set(termsOf(a).map((x) => x.term)).size > 1);
  const tagSet = sp.tags ? new Set(sp.tags) : sp.tag !== null ? new Set([sp.tag]) : null;
  if (tagSet || sp.noTag) {
    const tagsOf = (a) => s.byDomain('tagdomainassociation', ACLS, a.id).map((id) => s.get('tagdomainassociation', id).tag);
    tests.push((a) => {
      const tg = tagsOf(a);
      return (sp.noTag && tg.length === 0) || (tagSet ? tg.some((t) => tagSet.has(t)) : false);
    });
  }
  if (sp.tracks || sp.track !== null) tests.push(() => false); // no tracks in the emulator
  if (sp.notReviewedOnly) {
    // core's UserAnnotationListing: `AND a.count_reviewed_annotations=0`
    const reviewedParents = new Set([...s.t.reviewedannotation.values()].map((r) => r.parentIdent));
    tests.push((a) => !reviewedParents.has(a.id));
  }
  if (sp.afterThan !== null) tests.push((a) => a.created >= sp.afterThan);
  if (sp.beforeThan !== null) tests.push((a) => a.created <= sp.beforeThan);
  if (sp.excludedAnnotation !== null) tests.push((a) => a.id !== sp.excludedAnnotation);
  let box = sp.bbox ?? null;
  if (sp.bboxAnnotation !== null) {
    const ba = s.get('annotation', sp.bboxAnnotation);
    if (!ba) throw objectNotFound('Annotation', sp.bboxAnnotation);
    box = ba.env;
  }
  if (box) {
    tests.push((a) => {
      const e = a.env;
      if (e.maxX < box.minX || e.minX > box.maxX || e.maxY < box.minY || e.minY > box.maxY) return false;
      if (e.minX >= box.minX && e.maxX <= box.maxX && e.minY >= box.minY && e.maxY <= box.maxY) return true;
      return intersectsEnvelope(geometryOf(a), box);
    });
  }
  return (a) => {
    for (const t of tests) if (!t(a)) return false;
    return true;
  };
}

/** One search result item with the requested groups (§5.2). */
function searchItem(ctx, a, groups) {
  const s = ctx.store;
  const su = ctx.view.serverURL;
  const it = { class: ACLS, id: a.id };
  if (groups.has('meta')) {
    it.created = a.created;
    it.updated = a.updated ?? null;
    it.image = a.image;
    it.slice = a.slice;
    it.project = a.project;
    it.user = a.user;
    it.nbComments = 0;
    it.countReviewedAnnotations = 0;
    it.reviewed = false;
    it.cropURL = cropURL(su, a.id);
    it.smallCropURL = `${cropURL(su, a.id)}?maxSize=256`;
    it.url = cropURL(su, a.id);
    it.imageURL = `${su}/#/project/${a.project}/image/${a.image}/annotation/${a.id}`;
  }
  if (groups.has('wkt')) {
    it.location = a.location;
    it.geometryCompression = a.geometryCompression ?? 0;
  }
  if (groups.has('gis')) {
    const g = annotationGis(s, a);
    it.area = g.area;
    it.perimeter = g.perimeter;
    it.areaUnit = g.areaUnit;
    it.perimeterUnit = g.perimeterUnit;
    it.centroid = { ...g.centroid };
  }
  if (groups.has('term')) {
    const ats = s.termsOfAnnotation(a.id);
    const byTerm = new Map();
    for (const at of ats) {
      let e = byTerm.get(at.term);
      if (!e) byTerm.set(at.term, (e = { id: at.id, term: at.term, user: [] }));
      if (!e.user.includes(at.user)) e.user.push(at.user);
    }
    it.term = [...byTerm.keys()];
    it.userByTerm = [...byTerm.values()];
  }
  if (groups.has('image')) {
    const ii = s.get('imageinstance', a.image);
    const j = ii ? imageInstanceJson(ctx.view, ii) : {};
    it.originalFilename = j.originalFilename ?? null;
    it.instanceFilename = j.instanceFilename ?? null;
  }
  if (groups.has('user')) {
    const u = s.get('user', a.user);
    it.creator = u?.username ?? null;
    it.name = u?.name ?? null;
  }
  if (groups.has('slice')) {
    const sl = s.get('sliceinstance', a.slice);
    it.channel = sl?.channel ?? 0;
    it.zStack = sl?.zStack ?? 0;
    it.time = sl?.time ?? 0;
  }
  if (groups.has('track')) {
    it.track = [];
    it.annotationTrack = [];
  }
  return it;
}

/**
 * Per-store caches of search work, dropped whenever the store changes (`store.version`): the
 * filtered id lists by filter set, and each result item's JSON by groups. Searches are the hot
 * path of the benchmarks, which compare two clients through this same server.
 */
const searchCaches = new WeakMap();
const MAX_CACHED_FILTERS = 256;

function searchCache(store) {
  let c = searchCaches.get(store);
  if (!c || c.version !== store.version) {
    c = { version: store.version, filtered: new Map(), items: new Map() };
    searchCaches.set(store, c);
  }
  return c;
}

/** The filters of a search (everything but paging and property groups), as a cache key. */
function filterKey(sp) {
  const { raw, offset, max, groups, ...filters } = sp;
  return JSON.stringify(filters);
}

/**
 * Run a search: ordering id DESC, offset/max applied after the query (envelope path 1).
 * Quirk (§5.2): a scalar column that is null in the first row is dropped from every row.
 */
function search(ctx) {
  const sp = searchParams(ctx);
  const ids = candidates(ctx, sp); // also the ACL check, on every request
  if (sp.reviewed) return reviewedSearch(ctx, sp);
  const s = ctx.store;
  const cache = searchCache(s);
  const key = filterKey(sp);
  let filtered = cache.filtered.get(key);
  if (!filtered) {
    const pred = predicate(ctx, sp);
    filtered = [];
    for (const id of ids) {
      const a = s.get('annotation', id);
      if (a && pred(a)) filtered.push(id);
    }
    if (cache.filtered.size >= MAX_CACHED_FILTERS) cache.filtered.clear();
    cache.filtered.set(key, filtered);
  }
  const size = filtered.length;
  const m = sp.max > 0 ? sp.max : Infinity;
  const pageIds = filtered.slice(sp.offset, sp.offset + m);
  const groupsKey = [...sp.groups].sort().join(',');
  let drop = [];
  if (size > 0) {
    const head = searchItem(ctx, s.get('annotation', filtered[0]), sp.groups);
    drop = Object.keys(head).filter((k) => head[k] === null);
  }
  const itemKeyTail = `|${groupsKey}|${drop.join(',')}`;
  const items = pageIds.map((id) => {
    const itemKey = id + itemKeyTail;
    let json = cache.items.get(itemKey);
    if (json === undefined) {
      const it = searchItem(ctx, s.get('annotation', id), sp.groups);
      for (const k of drop) delete it[k];
      json = JSON.stringify(it);
      cache.items.set(itemKey, json);
    }
    return json;
  });
  return searchReply(sp, size, items);
}

/** The search's envelope (path 1) around JSON items already serialised. */
function searchReply(sp, size, items) {
  const max = sp.max > 0 ? sp.max : 2147483647;
  const counters = `"offset":${sp.offset},"perPage":${Math.min(max, size)},"size":${size},"totalPages":${Math.ceil(size / max)}`;
  return reply(200, `{"collection":[${items.join(',')}],${counters}}`);
}

// ---------------------------------------------------------------------------
// `reviewed=true`: core's ReviewedAnnotationListing (AnnotationListingBuilder.isReviewedAnnotationAsked)

const RCLS = DOMAINS.reviewedannotation.cls;

/**
 * The filters of ReviewedAnnotationListing over the `reviewedannotation` table: its own
 * `user_id` (the annotation's author), `review_user_id`, image, slice, created date, its own
 * terms (reviewed_annotation_term), tags on the ReviewedAnnotation class (joined only with
 * `tags`, so `noTag` alone filters nothing), bbox on its location; `notReviewedOnly` and
 * `usersForTerm` are no-ops there (empty constraints). No tracks.
 */
function reviewedPredicate(ctx, sp) {
  const s = ctx.store;
  const tests = [];
  if (sp.project !== null) tests.push((r) => r.project === sp.project);
  const imgs = sp.images ?? (sp.image !== null ? [sp.image] : null);
  if (imgs) tests.push((r) => imgs.includes(r.image));
  const slices = sp.slices ?? (sp.slice !== null ? [sp.slice] : null);
  if (slices) tests.push((r) => slices.includes(r.slice));
  const users = sp.users ?? (sp.user !== null ? [sp.user] : null);
  if (users) tests.push((r) => users.includes(r.user));
  if (sp.reviewUsers) tests.push((r) => sp.reviewUsers.includes(r.reviewUser));
  const termSet = sp.terms ? new Set(sp.terms) : sp.term !== null ? new Set([sp.term]) : null;
  const termsOf = (r) => r.terms ?? [];
  if (sp.multipleTerm) tests.push((r) => new Set(termsOf(r)).size > 1);
  if (termSet) tests.push((r) => termsOf(r).some((t) => termSet.has(t)) || (sp.noTerm && termsOf(r).length === 0));
  else if (sp.noTerm && !sp.multipleTerm) tests.push((r) => termsOf(r).length === 0);
  const tagSet = sp.tags ? new Set(sp.tags) : sp.tag !== null ? new Set([sp.tag]) : null;
  if (tagSet) {
    const tagsOf = (r) => s.byDomain('tagdomainassociation', RCLS, r.id).map((id) => s.get('tagdomainassociation', id).tag);
    tests.push((r) => {
      const tg = tagsOf(r);
      return tg.some((t) => tagSet.has(t)) || (sp.noTag && tg.length === 0);
    });
  }
  if (sp.tracks || sp.track !== null) tests.push(() => false);
  if (sp.afterThan !== null) tests.push((r) => r.created >= sp.afterThan);
  if (sp.beforeThan !== null) tests.push((r) => r.created <= sp.beforeThan);
  if (sp.excludedAnnotation !== null) tests.push((r) => r.id !== sp.excludedAnnotation);
  let box = sp.bbox ?? null;
  if (sp.bboxAnnotation !== null) {
    const ba = s.get('annotation', sp.bboxAnnotation);
    if (!ba) throw objectNotFound('Annotation', sp.bboxAnnotation);
    box = ba.env;
  }
  if (box) tests.push((r) => intersectsEnvelope(parseWkt(r.location), box));
  return (r) => tests.every((t) => t(r));
}

/**
 * One item of the reviewed listing (ReviewedAnnotationListing's columns): `meta` has
 * `reviewed` as the SQL literal `'true'` (a text column: the string "true"), `reviewUser` and
 * `parentIdent`, no `countReviewedAnnotations`; crops under `/api/reviewedannotation/` (the
 * small one as core 5.2's UrlApi builds it, without the slash after the server URL); the
 * `term` group's `userByTerm` has id 0 and the reviewed annotation's author as the user.
 */
function reviewedItem(ctx, r, groups) {
  const s = ctx.store;
  const su = ctx.view.serverURL;
  const crop = `${su}/api/reviewedannotation/${r.id}/crop.png`;
  const it = { class: RCLS, id: r.id };
  if (groups.has('meta')) {
    Object.assign(it, {
      created: r.created, updated: r.updated ?? null, image: r.image, slice: r.slice, project: r.project, user: r.user,
      nbComments: 0, reviewed: 'true', reviewUser: r.reviewUser, parentIdent: r.parentIdent,
      cropURL: crop, smallCropURL: `${su}api/reviewedannotation/${r.id}/crop.png?maxSize=256`, url: crop,
      imageURL: `${su}/#/project/${r.project}/image/${r.image}/annotation/${r.id}`,
    });
  }
  if (groups.has('wkt')) Object.assign(it, { location: r.location, geometryCompression: r.geometryCompression ?? 0 });
  if (groups.has('gis')) {
    const g = annotationGis(s, r);
    Object.assign(it, { area: g.area, perimeter: g.perimeter, areaUnit: g.areaUnit, perimeterUnit: g.perimeterUnit, centroid: { ...g.centroid } });
  }
  if (groups.has('term')) {
    const ts = [...new Set(r.terms ?? [])];
    it.term = ts;
    it.userByTerm = ts.map((term) => ({ id: 0, term, user: [r.user] }));
  }
  if (groups.has('image')) {
    const ii = s.get('imageinstance', r.image);
    const j = ii ? imageInstanceJson(ctx.view, ii) : {};
    Object.assign(it, { originalFilename: j.originalFilename ?? null, instanceFilename: j.instanceFilename ?? null });
  }
  if (groups.has('user')) {
    const u = s.get('user', r.user);
    Object.assign(it, { creator: u?.username ?? null, name: u?.name ?? null });
  }
  if (groups.has('slice')) {
    const sl = s.get('sliceinstance', r.slice);
    Object.assign(it, { channel: sl?.channel ?? 0, zStack: sl?.zStack ?? 0, time: sl?.time ?? 0 });
  }
  return it;
}

/** The reviewed listing: id desc, offset/max after the query, the first row's null columns dropped. */
function reviewedSearch(ctx, sp) {
  const pred = reviewedPredicate(ctx, sp);
  const found = [...ctx.store.t.reviewedannotation.values()].filter(pred).sort((a, b) => b.id - a.id);
  const m = sp.max > 0 ? sp.max : Infinity;
  let drop = [];
  if (found.length > 0) {
    const head = reviewedItem(ctx, found[0], sp.groups);
    drop = Object.keys(head).filter((k) => head[k] === null);
  }
  const items = found.slice(sp.offset, sp.offset + m).map((r) => {
    const it = reviewedItem(ctx, r, sp.groups);
    for (const k of drop) delete it[k];
    return JSON.stringify(it);
  });
  return searchReply(sp, found.length, items);
}

// ---------------------------------------------------------------------------

function atNotFoundB(a, t, u) {
  return new ApiError('ObjectNotFound', `Annotation-term not found {userannotation=${a}, term=${t}, user=${u}}`, { shape: 'B' });
}

function cropHandler(ctx) {
  // the generic and the reviewed crops also serve a ReviewedAnnotation (core's dispatch on the type)
  const a = ctx.store.get('annotation', ctx.pid()) ?? (ctx.path.includes('/userannotation/') ? null : ctx.store.get('reviewedannotation', ctx.pid()));
  if (!a) throw objectNotFound('Annotation', ctx.pid());
  ctx.perms.checkRead(a.project);
  const ii = ctx.store.get('imageinstance', a.image);
  const ai = ctx.store.get('abstractimage', ii.baseImage);
  const type = String(ctx.q('type') ?? '').toLowerCase();
  const alphaMask = ctx.qBool('alphaMask') || type === 'alphamask' || ctx.path.endsWith('/alphamask.png');
  const draw = ctx.qBool('draw') || type === 'draw';
  let format = String(ctx.params.fmt ?? 'png').toLowerCase();
  const accepted = alphaMask ? ['png', 'webp'] : ['jpg', 'png', 'webp'];
  if (format === 'jpeg') format = 'jpg';
  if (!accepted.includes(format)) format = accepted[0];
  const maxSize = ctx.qLong('maxSize', null);
  const opts = {
    maxSize: maxSize && maxSize > 0 ? Math.min(maxSize, 4096) : null, format, draw, alphaMask,
    color: ctx.q('color') ? String(ctx.q('color')).replace(/^0x/i, '#') : '#00FF00',
    thickness: Number(ctx.q('thickness') ?? 2) || 2,
    increaseArea: Number(ctx.q('increaseArea') ?? 1) || 1,
    square: ctx.qBool('square'),
  };
  const key = `crop:${a.id}:${a.updated ?? a.created}:${JSON.stringify(opts)}`;
  return servePicture(ctx, key, () => renderCrop(pictureOf(ai), geometryOf(a), opts));
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', '/api/annotation.json', (ctx) => search(ctx));
  r.add(['GET', 'POST'], '/api/annotation/search.json', (ctx) => search(ctx));

  for (const base of ['annotation', 'userannotation']) {
    const cls = base === 'annotation' ? 'Annotation' : 'UserAnnotation';
    r.add('GET', `/api/${base}/:id.json`, (ctx) => {
      // the generic show dispatches on the type: a ReviewedAnnotation too
      const rev = base === 'annotation' && !ctx.store.get('annotation', ctx.pid()) ? ctx.store.get('reviewedannotation', ctx.pid()) : null;
      if (rev) {
        ctx.perms.checkRead(rev.project);
        return reviewedJson(ctx, rev);
      }
      return annotationJson(ctx.view, annotationOr404B(ctx, ctx.pid(), cls));
    });
    r.add('POST', `/api/${base}.json`, async (ctx) => {
      const body = ctx.json();
      if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addAnnotation(ctx, it, tx).a, 'userannotation');
      return inTx(ctx, (tx) => {
        const { a, cmd, termIds } = addAnnotation(ctx, ctx.jsonObject(), tx);
        const json = annotationJson(ctx.view, a);
        json.term = termIds;
        return commandReply(ctx, 'Add', 'annotation', a, cmd, json);
      });
    });
    r.add('PUT', `/api/${base}/:id.json`, (ctx) => inTx(ctx, (tx) => {
      const body = ctx.jsonObject();
      const id = toLong(body.id);
      const old = id === null || Number.isNaN(id) ? null : ctx.store.get('annotation', id);
      if (!old) throw classNotFound('annotation', body.id);
      checkEditAnnotation(ctx, old);
      const iid = toLong(body.image);
      const ii = iid === null || Number.isNaN(iid) ? null : ctx.store.get('imageinstance', iid);
      if (!ii) throw wrongArgument('Annotation not associated with a valid image');
      if (ii.project !== old.project) throw wrongArgument('Annotation cannot be moved to another project');
      const ai = ctx.store.get('abstractimage', ii.baseImage);
      const { location, geom, env } = normaliseLocation(body.location, ai);
      let slice = toLong(body.slice);
      const sl = slice === null || Number.isNaN(slice) ? null : ctx.store.get('sliceinstance', slice);
      slice = sl && sl.image === ii.id ? sl.id : ctx.store.slicesOfImage(ii.id)[0]?.id ?? old.slice;
      const gc = Number(body.geometryCompression);
      const bu = toLong(body.user);
      const a = {
        id: old.id, created: old.created, updated: old.updated, project: ii.project, image: ii.id, slice,
        user: bu !== null && !Number.isNaN(bu) && ctx.store.get('user', bu) ? bu : old.user,
        location, geometryCompression: Number.isFinite(gc) ? gc : 0, env, _geom: geom,
      };
      const cmd = ctx.cmds.edit(tx, 'annotation', a);
      return commandReply(ctx, 'Edit', 'annotation', a, cmd);
    }));
    r.add('DELETE', `/api/${base}/:id.json`, (ctx) => inTx(ctx, (tx) => {
      const id = ctx.pid();
      const a = ctx.store.get('annotation', id);
      if (!a) throw classNotFound('annotation', id);
      checkEditAnnotation(ctx, a);
      const json = annotationJson(ctx.view, a);
      // core deletes each term with checkFullOrRestrictedForOwner(term, annotation owner): the
      // check just passed, so terms added by other users never block the deletion; a comment is
      // deleted with its sender as owner, a track membership needs ROLE_USER
      const cascade = cascadeOf(ctx.store, 'annotation', a);
      for (const [t, o] of cascade) {
        if (t === 'sharedannotation') ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, o.sender);
        if (t === 'annotationtrack') ctx.perms.coreCheckUser();
      }
      const cmd = ctx.cmds.delete(tx, 'annotation', a, cascade);
      return commandReply(ctx, 'Delete', 'annotation', a, cmd, json);
    }));
    r.add(['GET', 'POST'], `/api/${base}/:id/crop.:fmt`, cropHandler, base === 'userannotation' ? { auth: 'queryToken', queryTokenCore: '5.2' } : {});
  }
  r.add(['GET', 'POST'], '/api/reviewedannotation/:id/crop.:fmt', cropHandler);
  r.add(['GET', 'POST'], '/api/userannotation/:id/alphamask.:fmt', cropHandler, { auth: 'queryToken', queryTokenCore: '5.2' });

  r.add('GET', '/api/user/:id/userannotation/count.json', (ctx) => {
    const uid = ctx.pid();
    const pid = ctx.qLong('project');
    let total = 0;
    const s = ctx.store;
    const src = pid !== null ? s.annotationIdsOfProject(pid).map((id) => s.get('annotation', id)) : s.t.annotation.values();
    if (pid !== null) ctx.perms.checkRead(pid);
    for (const a of src) if (a.user === uid && (pid !== null || ctx.perms.canRead(a.project))) total++;
    return { total };
  });
  r.add('GET', '/api/project/:id/userannotation/count.json', (ctx) => {
    const pid = ctx.pid();
    if (!ctx.store.get('project', pid)) throw objectNotFound('Project', pid);
    ctx.perms.checkRead(pid);
    const start = dateAttr(ctx.q('startDate'));
    const end = dateAttr(ctx.q('endDate'));
    let total = 0;
    for (const id of ctx.store.annotationIdsOfProject(pid)) {
      const a = ctx.store.get('annotation', id);
      if ((start === null || a.created >= start) && (end === null || a.created <= end)) total++;
    }
    return { total };
  });

  // --- annotation terms ---
  const annForTerms = (ctx, id) => {
    const a = ctx.store.get('annotation', id);
    if (!a) throw objectNotFound('Annotation', id);
    ctx.perms.checkRead(a.project);
    return a;
  };
  // core's RestAnnotationTermController: unknown users and terms are 404s (shape A)
  const userOr404 = (ctx, id) => {
    if (!ctx.store.get('user', id)) throw objectNotFound('User', id);
    return id;
  };
  r.add('GET', '/api/annotation/:a/term.json', (ctx) => {
    const u = ctx.qLong('idUser');
    // a ReviewedAnnotation (no idUser): ReviewedAnnotationService.listTerms, its Term objects
    const rev = u === null && !ctx.store.get('annotation', ctx.pid('a')) ? ctx.store.get('reviewedannotation', ctx.pid('a')) : null;
    if (rev) {
      ctx.perms.checkRead(rev.project);
      const terms = (rev.terms ?? []).map((id) => ctx.store.get('term', id)).filter(Boolean);
      return listPath1(terms, pagingParams(ctx), (t) => termJson(ctx.view, t));
    }
    const a = annForTerms(ctx, ctx.pid('a'));
    if (u !== null) userOr404(ctx, u);
    const rows = ctx.store.termsOfAnnotation(a.id).filter((x) => u === null || x.user === u);
    return listPath1(rows, pagingParams(ctx), (x) => annotationTermJson(ctx.view, x));
  });
  r.add('GET', '/api/annotation/:a/notuser/:u/term.json', (ctx) => {
    const a = ctx.store.get('annotation', ctx.pid('a'));
    if (!a) throw objectNotFound('UserAnnotation', ctx.pid('a'));
    ctx.perms.checkRead(a.project);
    const u = userOr404(ctx, ctx.pid('u'));
    const rows = ctx.store.termsOfAnnotation(a.id).filter((x) => x.user !== u);
    return listPath1(rows, pagingParams(ctx), (x) => annotationTermJson(ctx.view, x));
  });
  const findAt = (ctx, a, t, u) => ctx.store.termsOfAnnotation(a).find((x) => x.term === t && (u === null || x.user === u));
  /**
   * `GET annotation/{a}/term/{t}[/user/{u}].json`: without a user, the first association of the
   * term (any user, lowest id); a miss is core's 404 "AnnotationTerm UserAnnotation{id=..}-Term{..}-u not found".
   */
  const showTerm = (ctx, userId) => {
    const a = annForTerms(ctx, ctx.pid('a'));
    const t = ctx.store.get('term', ctx.pid('t'));
    if (!t) throw objectNotFound('Term', ctx.pid('t'));
    if (userId !== null) userOr404(ctx, userId);
    const x = ctx.store.termsOfAnnotation(a.id).filter((y) => y.term === t.id && (userId === null || y.user === userId)).sort((p, q) => p.id - q.id)[0];
    if (!x) throw objectNotFound('AnnotationTerm', `UserAnnotation{id=${a.id}}-Term{id=${t.id}, name='${t.name}'}-${userId}`);
    return annotationTermJson(ctx.view, x);
  };
  r.add('GET', '/api/annotation/:a/term/:t.json', (ctx) => showTerm(ctx, null));
  r.add('GET', '/api/annotation/:a/term/:t/user/:u.json', (ctx) => showTerm(ctx, ctx.pid('u')));
  /**
   * `POST annotation/{a}/term/{t}.json` (not wrapped: shape A errors). The body counts (core's
   * RestAnnotationTermController.add then AnnotationTermService.add): `annotationIdent` (else
   * `userannotation`) must exist, `userannotation` is READ- and owner-checked
   * (checkFullOrRestrictedForOwner), guests may add terms, `user` is any existing user (else
   * the caller), then the term and duplicate checks of the domain.
   */
  r.add('POST', '/api/annotation/:a/term/:t.json', (ctx) => {
    const s = ctx.store;
    const body = ctx.jsonObject();
    const ident = toLong(body.annotationIdent ?? body.userannotation);
    if (ident === null || Number.isNaN(ident)) throw wrongArgument('userannotation must be set! value=null');
    if (!s.get('annotation', ident)) {
      throw objectNotFound('Annotation', `annotationIdent=${body.annotationIdent ?? null}-userannotation=${body.userannotation ?? null}`);
    }
    const annId = toLong(body.userannotation);
    const a = annId === null || Number.isNaN(annId) ? null : s.get('annotation', annId);
    if (!a) {
      throw new ApiError('ObjectNotFound', `ACL error: class ${ACLS} with id ${body.userannotation ?? null} was not found! Unable to process auth checking`);
    }
    ctx.perms.checkRead(a.project);
    ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, a.user);
    const bu = toLong(body.user);
    const uid = bu !== null && !Number.isNaN(bu) && s.get('user', bu) ? bu : ctx.user.id;
    const termId = toLong(body.term);
    if (termId === null || Number.isNaN(termId)) throw termNotFoundById(body.term ?? null);
    termInProject(ctx, termId, a.project);
    if (findAt(ctx, a.id, termId, uid)) throw alreadyExist(`AnnotationTerm with annotation=${a.id} and term ${termId} and user ${uid} already exist!`);
    const tx = ctx.cmds.begin(ctx.user);
    const { at, cmd } = addAnnotationTerm(ctx, tx, a.id, termId, uid);
    ctx.cmds.commit(tx);
    return commandReply(ctx, 'Add', 'annotationterm', at, cmd);
  });
  /**
   * `POST annotation/{a}/term/{t}/clearBefore.json` (not wrapped): core's addWithDeletingOldTerm
   * deletes the caller's terms (everyone's with clearForAll), each delete owner-checked, then
   * adds the term with no check beyond READ.
   */
  r.add('POST', '/api/annotation/:a/term/:t/clearBefore.json', (ctx) => {
    const s = ctx.store;
    const body = ctx.hasBody() ? ctx.jsonObject() : {};
    const all = ctx.qBool('clearForAll') || String(body.clearForAll) === 'true';
    const a = s.get('annotation', ctx.pid('a'));
    if (!a) throw objectNotFound('Annotation', ctx.pid('a'));
    ctx.perms.checkRead(a.project);
    const cleared = s.termsOfAnnotation(a.id).filter((x) => all || x.user === ctx.user.id);
    if (cleared.length) ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, a.user);
    const termId = ctx.pid('t');
    termInProject(ctx, termId, a.project, termNotFoundNull);
    const tx = ctx.cmds.begin(ctx.user);
    for (const x of cleared) ctx.cmds.delete(tx, 'annotationterm', x);
    const { at, cmd } = addAnnotationTerm(ctx, tx, a.id, termId, ctx.user.id);
    ctx.cmds.commit(tx);
    return commandReply(ctx, 'Add', 'annotationterm', at, cmd);
  });
  /**
   * `DELETE annotation/{a}/term/{t}[/user/{u}].json`: annotation and term looked up first (shape A
   * 404), `u` falls back to the caller when it is not a user, then the delete wrapper (shape B):
   * the association must exist and the caller passes checkFullOrRestrictedForOwner against the
   * annotation's owner, so in a CLASSIC project any member removes anyone's term (core).
   */
  const delTerm = (ctx, userRaw) => {
    const s = ctx.store;
    const aid = ctx.pid('a');
    const tid = ctx.pid('t');
    const a = s.get('annotation', aid);
    if (!a) throw objectNotFound('Annotation', aid);
    ctx.perms.checkRead(a.project);
    if (!s.get('term', tid)) throw objectNotFound('Term', tid);
    const userId = userRaw !== null && s.get('user', userRaw) ? userRaw : ctx.user.id;
    return inTx(ctx, (tx) => {
      const x = findAt(ctx, aid, tid, userId);
      if (!x) throw atNotFoundB(aid, tid, userId);
      ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, a.user);
      const cmd = ctx.cmds.delete(tx, 'annotationterm', x);
      return commandReply(ctx, 'Delete', 'annotationterm', x, cmd);
    });
  };
  r.add('DELETE', '/api/annotation/:a/term/:t.json', (ctx) => delTerm(ctx, null));
  r.add('DELETE', '/api/annotation/:a/term/:t/user/:u.json', (ctx) => delTerm(ctx, ctx.pid('u')));
}

export { annotationTermIds };
