/** Abstract images, image instances, slice instances and their pictures (contract §3.5-§3.7). */
import { createHash } from 'node:crypto';
import { alreadyExist, ApiError, forbidden, listPath1, listPath2, notImplemented, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { filterPredicate, sortRows } from '../filters.mjs';
import { abstractImageJson, imageInstanceJson, sliceJson, userJson } from '../serialize.mjs';
import { renderThumbnail, renderTile } from '../render.mjs';
import { DOMAINS } from '../domains.mjs';
import { reply } from '../router.mjs';
import { bulkAdd, cascadeOf, classNotFound, commandReply, dateAttr, doubleAttr, inTx, toLong } from './common.mjs';
import { readableProject } from './projects.mjs';

/** Can the user read an abstract image (uploader, admin, or member of a project using it)? */
export function canReadAbstract(ctx, ai) {
  if (ctx.perms.isAdmin || ai.user === ctx.user.id) return true;
  return (ctx.store.idx.instancesByAbstract.get(ai.id) ?? []).some((iid) => ctx.perms.canRead(ctx.store.get('imageinstance', iid).project));
}

function abstractOr404(ctx, id) {
  const ai = ctx.store.get('abstractimage', id);
  if (!ai) throw objectNotFound('AbstractImage', id);
  if (!canReadAbstract(ctx, ai)) throw forbidden();
  return ai;
}

/** Image instance readable by the caller: 404 shape A, 403 shape A. */
export function readableImage(ctx, id) {
  const ii = ctx.store.get('imageinstance', id);
  if (!ii) throw objectNotFound('ImageInstance', id);
  ctx.perms.checkRead(ii.project);
  return ii;
}

/** The picture source handed to render.mjs for an abstract image. */
export const pictureOf = (ai) => ({ id: ai.id, width: ai.width, height: ai.height, seed: ai.seed ?? ai.id });

/**
 * Serve a rendered picture through the server's LRU cache with an ETag (304 on match).
 * @param {object} ctx
 * @param {string} key cache key
 * @param {() => {buffer: Buffer, contentType: string}} render
 */
export function servePicture(ctx, key, render) {
  const cache = ctx.env.imageCache;
  let pic = cache.get(key);
  if (!pic) {
    try {
      pic = render();
    } catch (e) {
      throw wrongArgument(`Cannot render image: ${e.message}`);
    }
    pic.etag = `"${createHash('sha1').update(pic.buffer).digest('hex').slice(0, 20)}"`;
    cache.set(key, pic);
  }
  if (ctx.req.headers['if-none-match'] === pic.etag) return reply(304, null, { headers: { ETag: pic.etag } });
  return reply(200, pic.buffer, { contentType: pic.contentType, headers: { ETag: pic.etag, 'Cache-Control': 'private, max-age=3600' } });
}

const fmtOf = (f) => (['png', 'jpg', 'jpeg', 'webp'].includes(String(f).toLowerCase()) ? String(f).toLowerCase() : 'jpg');

function thumbHandler(kind, dflt) {
  return (ctx) => {
    const id = ctx.pid();
    const ai = kind === 'abstract' ? abstractOr404(ctx, id) : ctx.store.get('abstractimage', readableImage(ctx, id).baseImage);
    const maxSize = Math.min(4096, Math.max(1, ctx.qLong('maxSize', null) ?? ctx.qLong('maxWidth', null) ?? dflt));
    const format = fmtOf(ctx.params.fmt);
    return servePicture(ctx, `thumb:${ai.id}:${maxSize}:${format}`, () => renderThumbnail(pictureOf(ai), { maxSize, format }));
  };
}

const TILE_FORMATS = new Set(['jpg', 'jpeg', 'png', 'webp']);
const TILE_PLANE_PARAMS = ['zSlices', 'timepoints', 'channels'];

/**
 * `GET sliceinstance/{id}/normalized-tile/zoom/{z}/tx/{x}/ty/{y}.{fmt}` (contract §3.7): the
 * slice's image in 256 px tiles, zoom 0 = whole slide in one tile, `image.zoom` = full
 * resolution; edge tiles are cropped. Tiles outside the pyramid and bad plane parameters
 * are 400s, as PIMS answers them through core.
 */
function tileHandler(ctx) {
  const sl = ctx.store.get('sliceinstance', ctx.pid());
  if (!sl) throw objectNotFound('SliceInstance', ctx.pid());
  ctx.perms.checkRead(sl.project);
  const ii = ctx.store.get('imageinstance', sl.image);
  const ai = ii && ctx.store.get('abstractimage', ii.baseImage);
  if (!ai) throw objectNotFound('ImageInstance', sl.image);
  const format = String(ctx.params.fmt).toLowerCase();
  if (!TILE_FORMATS.has(format)) throw wrongArgument(`Unsupported tile format: ${ctx.params.fmt} (jpg, png or webp)`);
  for (const name of TILE_PLANE_PARAMS) {
    const v = ctx.q(name);
    if (v !== undefined && v !== '' && !/^\d+(,\d+)*$/.test(v)) throw wrongArgument(`${name} must be a list of non-negative integers: ${v}`);
  }
  const [zoom, tx, ty] = ['z', 'tx', 'ty'].map((k) => ctx.pid(k));
  const tileSize = ai.tileSize ?? 256;
  const key = `tile:${ai.id}:${zoom}:${tx}:${ty}:${format}`;
  return servePicture(ctx, key, () => renderTile(pictureOf(ai), { zoom, tx, ty, tileSize, format }));
}

function sliceFor(store, imageId) {
  const sl = store.slicesOfImage(imageId);
  return sl.sort((a, b) => a.time - b.time || a.zStack - b.zStack || a.channel - b.channel);
}

function instanceFields(ctx, body, base) {
  const s = ctx.store;
  const bi = toLong(body.baseImage);
  if (bi === null || Number.isNaN(bi)) throw wrongArgument('abstract image not set');
  const ai = s.get('abstractimage', bi);
  if (!ai) throw wrongArgument(`baseImage was not found with id: ${body.baseImage}`);
  const pid = toLong(body.project);
  if (pid === null || Number.isNaN(pid)) throw wrongArgument('project not set');
  const p = s.get('project', pid);
  if (!p) throw wrongArgument(`project was not found with id: ${body.project}`);
  return {
    ...base, baseImage: ai.id, project: p.id,
    instanceFilename: body.instanceFilename ? String(body.instanceFilename) : null,
    magnification: toLong(body.magnification) || null,
    physicalSizeX: doubleAttr(body, 'physicalSizeX'), physicalSizeY: doubleAttr(body, 'physicalSizeY'),
    physicalSizeZ: doubleAttr(body, 'physicalSizeZ'), fps: doubleAttr(body, 'fps'),
    reviewStart: dateAttr(body.reviewStart), reviewStop: base.reviewStop ?? null, reviewUser: toLong(body.reviewUser) || null,
  };
}

/**
 * The project named by a body for core's `securityACLService.check(id, Project.class, READ)`:
 * 404 "ACL error: .. was not found!" when it does not exist, 403 when it is not readable.
 */
function aclProject(ctx, raw) {
  const pid = toLong(raw);
  if (Number.isNaN(pid) || !ctx.store.get('project', pid)) {
    throw new ApiError('ObjectNotFound', `ACL error: class ${DOMAINS.project.cls} with id ${raw} was not found! Unable to process auth checking`);
  }
  if (!ctx.perms.canRead(pid)) throw forbidden(`You don't have the right to read or modify this resource! class ${DOMAINS.project.cls} ${pid}`);
  return pid;
}

/**
 * Columns core's ImageInstanceService.list sorts on: fields of ImageInstance, AbstractImage and
 * (project lists) UploadedFile, plus `blindedName` (project lists) and `name` (user lists: the
 * instance filename); anything else is 500 "ImageInstance list sorted by .. is not implemented".
 */
const SORT_INSTANCE = ['id', 'created', 'updated', 'baseImage', 'project', 'user', 'instanceFilename', 'numberOfAnnotations',
  'numberOfJobAnnotations', 'numberOfReviewedAnnotations', 'reviewStart', 'reviewStop', 'reviewUser', 'magnification',
  'physicalSizeX', 'physicalSizeY', 'physicalSizeZ', 'fps'];
const SORT_ABSTRACT = ['uploadedFile', 'originalFilename', 'width', 'height', 'depth', 'duration', 'channels', 'samplePerPixel',
  'bitPerSample', 'colorspace', 'tileSize'];
const SORT_PROJECT_LIST = new Set([...SORT_INSTANCE, ...SORT_ABSTRACT, 'blindedName', 'filename', 'ext', 'contentType', 'size']);
const SORT_USER_LIST = new Set([...SORT_INSTANCE, ...SORT_ABSTRACT]);

function sortColumn(sort, ofUser) {
  const column = ofUser && sort === 'name' ? 'instanceFilename' : sort;
  if (!(ofUser ? SORT_USER_LIST : SORT_PROJECT_LIST).has(column)) throw notImplemented(`ImageInstance list sorted by ${column} is not implemented`);
  return column === 'blindedName' ? 'baseImage' : column;
}

/** core's SliceInstanceService.checkDoNotAlreadyExist: one instance of a base slice per image. */
function checkSliceUnique(store, sl) {
  if (store.slicesOfImage(sl.image).some((x) => x.id !== sl.id && x.baseSlice === sl.baseSlice)) {
    throw alreadyExist(`SliceInstance (C: ${sl.channel}, Z:${sl.zStack}, T:${sl.time} already exists for ImageInstance ${sl.image}`);
  }
}

function checkDuplicate(store, ii) {
  for (const o of store.imagesOfProject(ii.project)) {
    if (o.id !== ii.id && o.baseImage === ii.baseImage) {
      const ai = store.get('abstractimage', ii.baseImage);
      throw alreadyExist(`Image ${ai.originalFilename} already map with project ${store.get('project', ii.project).name}`);
    }
  }
}

const IMAGE_FIELDS = new Set(['id', 'instanceFilename', 'originalFilename', 'filename', 'width', 'height', 'magnification',
  'physicalSizeX', 'created', 'updated', 'numberOfAnnotations', 'numberOfJobAnnotations', 'numberOfReviewedAnnotations',
  'baseImage', 'user', 'tag', 'name', 'blindedName', 'reviewed', 'contentType', 'zoom', 'depth', 'duration', 'channels']);

function imageRowsGetter(ctx) {
  return (r, f) => {
    if (f === 'tag') return ctx.store.byDomain('tagdomainassociation', DOMAINS.imageinstance.cls, r.ii.id).map((id) => ctx.store.get('tagdomainassociation', id).tag);
    if (f === 'created') return r.ii.created;
    if (f === 'updated') return r.ii.updated;
    // Core's ImageInstanceService: `name` searches COALESCE(instance_filename, original_filename),
    // or the blinded name (the abstract image id) in a blind project.
    if (f === 'name') {
      if (ctx.store.get('project', r.ii.project)?.blindMode) return String(r.ii.baseImage);
      return r.ii.instanceFilename ?? ctx.store.get('abstractimage', r.ii.baseImage)?.originalFilename ?? null;
    }
    return r.j[f];
  };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // --- abstract images ---
  r.add('GET', '/api/abstractimage.json', (ctx) => {
    const rows = [...ctx.store.t.abstractimage.values()].filter((ai) => canReadAbstract(ctx, ai));
    const pid = ctx.qLong('project');
    const get = (ai, f) => (f === 'created' ? ai.created : ai[f]);
    sortRows(rows, ctx.q('sort') || 'created', ctx.q('order') || 'desc', get);
    const pred = filterPredicate(ctx.filterParams(), get, new Set(['originalFilename', 'width', 'height', 'magnification', 'created', 'contentType']));
    return listPath2(rows.filter(pred), pagingParams(ctx), (ai) => {
      const j = abstractImageJson(ctx.view, ai);
      if (pid !== null) j.inProject = ctx.store.imagesOfProject(pid).some((ii) => ii.baseImage === ai.id);
      return j;
    });
  });
  r.add('GET', '/api/abstractimage/unused.json', (ctx) => {
    const rows = [...ctx.store.t.abstractimage.values()]
      .filter((ai) => (ctx.perms.isAdmin || ai.user === ctx.user.id) && !(ctx.store.idx.instancesByAbstract.get(ai.id) ?? []).length)
      .sort((a, b) => b.id - a.id);
    return listPath1(rows, pagingParams(ctx), (ai) => abstractImageJson(ctx.view, ai));
  });
  r.add('GET', '/api/abstractimage/:id.json', (ctx) => abstractImageJson(ctx.view, abstractOr404(ctx, ctx.pid())));
  r.add('GET', '/api/abstractimage/:id/user.json', (ctx) => {
    const ai = abstractOr404(ctx, ctx.pid());
    const u = ctx.store.get('user', ai.user);
    if (!u) throw objectNotFound('User', ai.user);
    return userJson(u, ctx.view);
  });
  r.add('GET', '/api/abstractimage/:id/imageinstance.json', (ctx) => {
    const ai = abstractOr404(ctx, ctx.pid());
    const rows = (ctx.store.idx.instancesByAbstract.get(ai.id) ?? []).map((id) => ctx.store.get('imageinstance', id))
      .filter((ii) => ctx.perms.canRead(ii.project)).sort((a, b) => b.id - a.id);
    return listPath1(rows, pagingParams(ctx), (ii) => imageInstanceJson(ctx.view, ii));
  });
  const abstractFromBody = (ctx, body, base) => {
    const w = toLong(body.width);
    const h = toLong(body.height);
    return {
      ...base,
      originalFilename: body.originalFilename ? String(body.originalFilename) : body.filename ? String(body.filename) : null,
      width: Number.isNaN(w) || w === null ? null : w, height: Number.isNaN(h) || h === null ? null : h,
      depth: toLong(body.depth) || 1, duration: toLong(body.duration) || 1, channels: toLong(body.channels) || 1,
      extrinsicChannels: toLong(body.extrinsicChannels) || null,
      physicalSizeX: doubleAttr(body, 'physicalSizeX'), physicalSizeY: doubleAttr(body, 'physicalSizeY'),
      physicalSizeZ: doubleAttr(body, 'physicalSizeZ'), fps: doubleAttr(body, 'fps'),
      magnification: toLong(body.magnification) || null, bitPerSample: toLong(body.bitPerSample) || 8,
      samplePerPixel: toLong(body.samplePerPixel) || 3, colorspace: body.colorspace ?? null,
      uploadedFile: toLong(body.uploadedFile) || null, contentType: base.contentType ?? 'image/pyrtiff', path: base.path ?? null,
      tileSize: toLong(body.tileSize) || 256, isVirtual: String(body.isVirtual) === 'true',
    };
  };
  const addAbstract = (ctx, body, tx) => {
    ctx.perms.checkNotGuest();
    const ai = abstractFromBody(ctx, body, { id: null, created: Date.now(), updated: null, user: ctx.user.id });
    if (!ai.width || !ai.height) throw wrongArgument('width and height must be set');
    ai.seed = ai.seed ?? (Date.now() % 100000);
    ai.sliceId = ctx.store.newId();
    return { ai, cmd: ctx.cmds.add(tx, 'abstractimage', ai) };
  };
  r.add('POST', '/api/abstractimage.json', async (ctx) => {
    const body = ctx.json();
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addAbstract(ctx, it, tx).ai, 'abstractimage');
    return inTx(ctx, (tx) => {
      const { ai, cmd } = addAbstract(ctx, ctx.jsonObject(), tx);
      return commandReply(ctx, 'Add', 'abstractimage', ai, cmd);
    });
  });
  r.add('PUT', '/api/abstractimage/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const id = toLong(body.id);
    const old = id === null || Number.isNaN(id) ? null : ctx.store.get('abstractimage', id);
    if (!old) throw classNotFound('abstractimage', body.id);
    if (!ctx.perms.isAdmin && old.user !== ctx.user.id) throw forbidden();
    const ai = abstractFromBody(ctx, body, { ...old });
    if (!ai.width || !ai.height) throw wrongArgument('width and height must be set');
    const cmd = ctx.cmds.edit(tx, 'abstractimage', ai);
    return commandReply(ctx, 'Edit', 'abstractimage', ai, cmd);
  }));
  r.add('DELETE', '/api/abstractimage/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const ai = ctx.store.get('abstractimage', id);
    if (!ai) throw classNotFound('abstractimage', id);
    if (!ctx.perms.isAdmin && ai.user !== ctx.user.id) throw forbidden();
    const instances = (ctx.store.idx.instancesByAbstract.get(id) ?? []).map((iid) => ctx.store.get('imageinstance', iid)).filter(Boolean);
    if (instances.length) {
      // core's AbstractImageService.delete: the projects and the (raw) instance filenames
      const projectNames = instances.map((ii) => ctx.store.get('project', ii.project)?.name ?? null);
      const imageNames = [...new Set(instances.map((ii) => ii.instanceFilename ?? null))];
      throw new ApiError('Forbidden', `Abstract Image has instances in active projects : ${projectNames.join(',')} with the following names : ${imageNames.join(',')}`,
        { errorValues: { projectNames, imageNames } });
    }
    const json = abstractImageJson(ctx.view, ai);
    const cmd = ctx.cmds.delete(tx, 'abstractimage', ai);
    return commandReply(ctx, 'Delete', 'abstractimage', ai, cmd, json);
  }));
  r.add(['GET', 'POST'], '/api/abstractimage/:id/thumb.:fmt', thumbHandler('abstract', 512), { auth: 'queryToken' });
  r.add(['GET', 'POST'], '/api/abstractimage/:id/preview.:fmt', thumbHandler('abstract', 1024));
  r.add(['GET', 'POST'], '/api/abstractimage/:id/associated/:label.:fmt', thumbHandler('abstract', 256));

  // --- image instances ---
  const instanceList = (ctx, rows, path2 = listPath2, ofUser = false) => {
    const full = rows.map((ii) => ({ ii, j: imageInstanceJson(ctx.view, ii) }));
    const get = imageRowsGetter(ctx);
    const sort = sortColumn(ctx.q('sort') || 'created', ofUser);
    const kept = full.filter(filterPredicate(ctx.filterParams(), get, IMAGE_FIELDS));
    sortRows(kept, sort, ctx.q('order') || 'desc', get);
    const light = ctx.qBool('light');
    const withLast = ctx.qBool('withLastActivity');
    return path2(kept, pagingParams(ctx), (x) => {
      if (light) return { id: x.ii.id, instanceFilename: x.j.instanceFilename };
      const j = { ...x.j, projectBlind: null, projectName: null };
      if (withLast) {
        const ids = ctx.store.annotationIdsOfImage(x.ii.id);
        j.lastActivity = ids.length ? Math.max(x.ii.created, ctx.store.get('annotation', ids[0]).created) : x.ii.created;
      }
      return j;
    });
  };
  r.add('GET', '/api/project/:id/imageinstance.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return instanceList(ctx, ctx.store.imagesOfProject(p.id));
  });
  r.add('GET', '/api/user/:id/imageinstance/light.json', (ctx) => {
    const uid = ctx.pid() === 0 ? ctx.user.id : ctx.pid();
    if (uid !== ctx.user.id && !ctx.perms.isAdmin) throw forbidden();
    const s = ctx.store;
    const rows = [...s.t.imageinstance.values()].filter((ii) => s.membersOf(ii.project).contributors.has(uid) || (ctx.perms.isAdmin && uid === ctx.user.id))
      .sort((a, b) => b.id - a.id);
    return listPath1(rows, pagingParams(ctx), (ii) => {
      const j = imageInstanceJson(ctx.view, ii);
      return { id: ii.id, instanceFilename: j.instanceFilename, originalFilename: j.originalFilename, project: ii.project, projectName: s.get('project', ii.project)?.name ?? null, blindedName: j.blindedName };
    });
  });
  r.add('GET', '/api/user/:id/imageinstance.json', (ctx) => {
    const uid = ctx.pid();
    if (!ctx.store.get('user', uid)) throw objectNotFound('User', uid);
    if (uid !== ctx.user.id && !ctx.perms.isAdmin) throw forbidden();
    const s = ctx.store;
    const rows = [...s.t.imageinstance.values()].filter((ii) => s.membersOf(ii.project).contributors.has(uid));
    // Quirk (§3.6): core passes offset and max to the service in swapped order.
    const swapped = (list, { offset, max }, map) => {
      const env = listPath2(list, { offset: max, max: offset }, map);
      env.offset = offset;
      return env;
    };
    return instanceList(ctx, rows, swapped, true);
  });
  r.add('GET', '/api/project/:id/bounds/imageinstance.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const rows = ctx.store.imagesOfProject(p.id).map((ii) => imageInstanceJson(ctx.view, ii));
    const b = (f) => {
      const v = rows.map((x) => x[f]).filter((x) => x !== null && x !== undefined);
      return v.length ? { min: Math.min(...v), max: Math.max(...v) } : { min: null, max: null };
    };
    const list = (f) => ({ list: [...new Set(rows.map((x) => x[f]).filter((x) => x !== null && x !== undefined))].sort() });
    return {
      width: b('width'), height: b('height'), magnification: list('magnification'), physicalSizeX: list('physicalSizeX'),
      numberOfAnnotations: b('numberOfAnnotations'), numberOfJobAnnotations: b('numberOfJobAnnotations'),
      numberOfReviewedAnnotations: b('numberOfReviewedAnnotations'), format: list('contentType'), mimeType: list('contentType'),
      channels: b('channels'),
    };
  });
  r.add('GET', '/api/imageinstance/:id.json', (ctx) => imageInstanceJson(ctx.view, readableImage(ctx, ctx.pid())));
  const neighbour = (dir) => (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const ids = ctx.store.idx.imagesByProject.get(ii.project) ?? []; // id desc
    const k = ids.indexOf(ii.id);
    const nid = dir === 'next' ? ids[k + 1] : ids[k - 1];
    return nid === undefined ? {} : imageInstanceJson(ctx.view, ctx.store.get('imageinstance', nid));
  };
  r.add('GET', '/api/imageinstance/:id/next.json', neighbour('next'));
  r.add('GET', '/api/imageinstance/:id/previous.json', neighbour('previous'));
  r.add('GET', '/api/imageinstance/:id/sliceinstance.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    return listPath1(sliceFor(ctx.store, ii.id), pagingParams(ctx), (sl) => sliceJson(ctx.view, sl));
  });
  r.add('GET', '/api/imageinstance/:id/sliceinstance/reference.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const sl = sliceFor(ctx.store, ii.id)[0];
    if (!sl) throw objectNotFound('SliceInstance', `reference of image ${ii.id}`);
    return sliceJson(ctx.view, sl);
  });
  r.add('GET', '/api/imageinstance/:id/:c/:z/:t/sliceinstance.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const [c, z, t] = [ctx.pid('c'), ctx.pid('z'), ctx.pid('t')];
    const sl = ctx.store.slicesOfImage(ii.id).find((x) => x.channel === c && x.zStack === z && x.time === t);
    if (!sl) throw objectNotFound('SliceInstance', `image=${ii.id} c=${c} z=${z} t=${t}`);
    return sliceJson(ctx.view, sl);
  });
  /** core's ImageInstanceService.add: checkUser, READ and not READ_ONLY on the project (never `isClosed`). */
  const addInstance = (ctx, body, tx) => {
    const s = ctx.store;
    if (toLong(body.baseImage) === null) throw wrongArgument('abstract image not set');
    if (toLong(body.project) === null) throw wrongArgument('project not set');
    ctx.perms.coreCheckUser();
    const pid = aclProject(ctx, body.project);
    ctx.perms.coreCheckNotReadOnly(pid);
    const ii = instanceFields(ctx, body, { id: null, created: Date.now(), updated: null, user: ctx.user.id });
    checkDuplicate(s, ii);
    const cmd = ctx.cmds.add(tx, 'imageinstance', ii);
    const ai = s.get('abstractimage', ii.baseImage);
    ctx.cmds.add(tx, 'sliceinstance', { id: null, created: Date.now(), updated: null, project: ii.project, image: ii.id, baseSlice: ai.sliceId ?? ai.id, channel: 0, zStack: 0, time: 0, mime: 'image/pyrtiff' });
    // afterAdd: the abstract image's properties are copied onto the new instance
    for (const propId of s.byDomain('property', DOMAINS.abstractimage.cls, ai.id)) {
      const { key, value } = s.get('property', propId);
      ctx.cmds.add(tx, 'property', { id: null, created: Date.now(), updated: null, domainClassName: DOMAINS.imageinstance.cls, domainIdent: ii.id, key, value });
    }
    return { ii, cmd };
  };
  r.add('POST', '/api/imageinstance.json', async (ctx) => {
    const body = ctx.json();
    if (Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => addInstance(ctx, it, tx).ii, 'imageinstance');
    return inTx(ctx, (tx) => {
      const { ii, cmd } = addInstance(ctx, ctx.jsonObject(), tx);
      return commandReply(ctx, 'Add', 'imageinstance', ii, cmd);
    });
  });
  r.add('PUT', '/api/imageinstance/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const id = toLong(body.id);
    const old = id === null || Number.isNaN(id) ? null : ctx.store.get('imageinstance', id);
    if (!old) throw classNotFound('imageinstance', body.id);
    // core's update: READ, checkUser, READ on the new project, checkFullOrRestrictedForOwner
    // against the image's owner, neither project READ_ONLY
    ctx.perms.checkRead(old.project);
    ctx.perms.coreCheckUser();
    const newProject = toLong(body.project) === null ? old.project : aclProject(ctx, body.project);
    ctx.perms.coreCheckFullOrRestrictedForOwner(old.project, old.user);
    ctx.perms.coreCheckNotReadOnly(old.project);
    ctx.perms.coreCheckNotReadOnly(newProject);
    const ii = instanceFields(ctx, body, { id: old.id, created: old.created, updated: old.updated, user: old.user, reviewStop: old.reviewStop });
    if (ii.project !== old.project || ii.baseImage !== old.baseImage) throw wrongArgument('Cannot change the project or the base image of an image instance');
    const cmd = ctx.cmds.edit(tx, 'imageinstance', ii);
    return commandReply(ctx, 'Edit', 'imageinstance', ii, cmd);
  }));
  r.add('DELETE', '/api/imageinstance/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const ii = ctx.store.get('imageinstance', id);
    if (!ii) throw classNotFound('imageinstance', id);
    // core's delete: checkUser, READ, checkFullOrRestrictedForOwner against the image's owner (any
    // member in a CLASSIC project); its annotations are deleted with their own owner check
    ctx.perms.coreCheckUser();
    ctx.perms.checkRead(ii.project);
    ctx.perms.coreCheckFullOrRestrictedForOwner(ii.project, ii.user);
    const owners = new Set(ctx.store.annotationIdsOfImage(ii.id).map((aid) => ctx.store.get('annotation', aid).user));
    for (const owner of owners) ctx.perms.coreCheckFullOrRestrictedForOwner(ii.project, owner);
    const json = imageInstanceJson(ctx.view, ii);
    const cmd = ctx.cmds.delete(tx, 'imageinstance', ii, cascadeOf(ctx.store, 'imageinstance', ii));
    return commandReply(ctx, 'Delete', 'imageinstance', ii, cmd, json);
  }));
  r.add(['GET', 'POST'], '/api/imageinstance/:id/thumb.:fmt', thumbHandler('instance', 512), { auth: 'queryToken' });
  r.add(['GET', 'POST'], '/api/imageinstance/:id/preview.:fmt', thumbHandler('instance', 1024));
  r.add(['GET', 'POST'], '/api/imageinstance/:id/associated/:label.:fmt', thumbHandler('instance', 256));

  // --- slice instances ---
  r.add('GET', '/api/sliceinstance/:id.json', (ctx) => {
    const sl = ctx.store.get('sliceinstance', ctx.pid());
    if (!sl) throw objectNotFound('SliceInstance', ctx.pid());
    ctx.perms.checkRead(sl.project);
    return sliceJson(ctx.view, sl);
  });
  const sliceFromBody = (ctx, body, base) => {
    const s = ctx.store;
    for (const k of ['project', 'image', 'baseSlice']) {
      const v = toLong(body[k]);
      if (v === null || Number.isNaN(v)) throw wrongArgument(`${k} must be set! value=${body[k] ?? null}`);
    }
    const ii = s.get('imageinstance', toLong(body.image));
    if (!ii) throw wrongArgument(`image was not found with id: ${body.image}`);
    // core's SliceInstance takes its coordinates from its AbstractSlice (the body's when unknown)
    const as = s.get('abstractslice', toLong(body.baseSlice));
    const coord = (k) => as?.[k] ?? (toLong(body[k]) || 0);
    return {
      ...base, project: ii.project, image: ii.id, baseSlice: toLong(body.baseSlice),
      channel: coord('channel'), zStack: coord('zStack'), time: coord('time'), mime: body.mime ?? 'image/pyrtiff',
    };
  };
  r.add('GET', '/api/sliceinstance/:id/normalized-tile/zoom/:z/tx/:tx/ty/:ty.:fmt', tileHandler);
  r.add('POST', '/api/sliceinstance.json', (ctx) => inTx(ctx, (tx) => {
    const sl = sliceFromBody(ctx, ctx.jsonObject(), { id: null, created: Date.now(), updated: null });
    // core's SliceInstanceService.add: ROLE_USER, READ and no READ_ONLY project (update too;
    // delete needs checkFullOrRestrictedForOwner against the image's owner)
    ctx.perms.coreCheckUser();
    ctx.perms.checkRead(sl.project);
    ctx.perms.coreCheckNotReadOnly(sl.project);
    checkSliceUnique(ctx.store, sl);
    const cmd = ctx.cmds.add(tx, 'sliceinstance', sl);
    return commandReply(ctx, 'Add', 'sliceinstance', sl, cmd);
  }));
  r.add('PUT', '/api/sliceinstance/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const old = ctx.store.get('sliceinstance', toLong(body.id));
    if (!old) throw classNotFound('sliceinstance', body.id);
    ctx.perms.checkRead(old.project);
    ctx.perms.coreCheckUser();
    ctx.perms.coreCheckNotReadOnly(old.project);
    const sl = sliceFromBody(ctx, body, { id: old.id, created: old.created, updated: old.updated });
    ctx.perms.checkRead(sl.project);
    ctx.perms.coreCheckNotReadOnly(sl.project);
    checkSliceUnique(ctx.store, sl);
    const cmd = ctx.cmds.edit(tx, 'sliceinstance', sl);
    return commandReply(ctx, 'Edit', 'sliceinstance', sl, cmd);
  }));
  r.add('DELETE', '/api/sliceinstance/:id.json', (ctx) => inTx(ctx, (tx) => {
    const sl = ctx.store.get('sliceinstance', ctx.pid());
    if (!sl) throw classNotFound('sliceinstance', ctx.pid());
    ctx.perms.checkRead(sl.project);
    ctx.perms.coreCheckUser();
    ctx.perms.coreCheckFullOrRestrictedForOwner(sl.project, ctx.store.get('imageinstance', sl.image)?.user);
    const cmd = ctx.cmds.delete(tx, 'sliceinstance', sl);
    return commandReply(ctx, 'Delete', 'sliceinstance', sl, cmd);
  }));
}
