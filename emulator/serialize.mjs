/**
 * Domain JSON as core renders it (contract §3): `class`/`id`/`created`/`updated` base
 * fields (dates as strings of epoch ms), foreign keys as ids, nulls kept.
 * Every function takes a view `v = { store, serverURL, perms }`.
 */
import { parseWkt, area as gArea, length as gLength, centroid as gCentroid } from './geometry.mjs';
import { DOMAINS } from './domains.mjs';

/** Epoch ms -> string (or null), as core's `getDataFromDomain`. */
export const ms = (d) => (d === null || d === undefined ? null : String(d));

const base = (table, o) => ({ class: DOMAINS[table].cls, id: o.id, created: ms(o.created), updated: ms(o.updated) });

/**
 * User JSON of core's own user lists and `user/current.json`. 5.2: only id, username, name,
 * fullName; today's core (delta §3.4) adds email, firstname, lastname, language, isDeveloper and
 * `created`/`updated` as epoch-ms numbers.
 * @param {object} u user record
 * @param {{core?:string}} [v] the request view (its `core` picks the generation)
 */
export function userJson(u, v) {
  const out = { id: u.id, username: u.username, name: u.name, fullName: u.name === u.username ? u.name : `${u.name} (${u.username})` };
  if (v?.core !== '2026') return out;
  return {
    id: u.id, username: u.username, name: u.name, email: u.email ?? null, fullName: out.fullName, firstname: u.firstname ?? null,
    lastname: u.lastname ?? null, language: u.language ?? 'EN', isDeveloper: !!u.developer, created: u.created ?? null, updated: u.updated ?? null,
  };
}

export function projectJson(v, p) {
  const s = v.store;
  const ont = p.ontology ? s.get('ontology', p.ontology) : null;
  return {
    ...base('project', p),
    name: p.name,
    ontology: p.ontology ?? null,
    ontologyName: ont ? ont.name : null,
    blindMode: !!p.blindMode,
    areImagesDownloadable: !!p.areImagesDownloadable,
    numberOfSlides: 0,
    numberOfImages: (s.idx.imagesByProject.get(p.id) ?? []).length,
    numberOfAnnotations: s.annotationIdsOfProject(p.id).length,
    numberOfJobAnnotations: 0,
    numberOfReviewedAnnotations: 0,
    isClosed: !!p.isClosed,
    isReadOnly: p.mode === 'READ_ONLY',
    isRestricted: p.mode === 'RESTRICTED',
    hideUsersLayers: !!p.hideUsersLayers,
    hideAdminsLayers: !!p.hideAdminsLayers,
  };
}

function termNode(s, t, all) {
  const kids = all.filter((c) => c.parent === t.id).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const children = kids.map((c) => termNode(s, c, all));
  return {
    name: t.name, id: t.id, title: t.name, data: t.name, color: t.color, class: DOMAINS.term.cls, parent: t.parent,
    attr: { id: t.id, type: DOMAINS.term.cls }, checked: false, key: t.id, children, isFolder: children.length > 0,
    hideCheckbox: children.length > 0,
  };
}

export function ontologyJson(v, o) {
  const s = v.store;
  const terms = s.termsOfOntology(o.id).map((t) => ({ ...t, parent: s.parentOf(t.id) }));
  const projects = [...s.t.project.values()].filter((p) => p.ontology === o.id).map((p) => projectJson(v, p));
  return {
    ...base('ontology', o),
    name: o.name, user: o.user ?? null, title: o.name, attr: { id: o.id, type: DOMAINS.ontology.cls }, data: o.name,
    isFolder: true, key: o.id, hideCheckbox: true, state: 'open', projects,
    children: terms.filter((t) => t.parent === null).map((t) => termNode(s, t, terms))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

export function termJson(v, t) {
  return { ...base('term', t), name: t.name, comment: t.comment ?? null, ontology: t.ontology ?? null, color: t.color, parent: v.store.parentOf(t.id) };
}

export function relationTermJson(v, r) {
  return { ...base('relationterm', r), relation: r.relation, term1: r.term1, term2: r.term2 };
}

const MACRO_TYPES = new Set(['SVS', 'NDPI', 'VMS', 'SCN', 'MRXS', 'BIF', 'VENTANA', 'PHILIPS']);

function zoomOf(w, h, tile) {
  if (!w || !h) return 1;
  let z = 0;
  while (w > tile || h > tile) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    z++;
  }
  return z;
}

function macroAllowed(ai) {
  if (!ai.contentType) return true;
  const t = String(ai.contentType).split('/').pop().toUpperCase();
  return MACRO_TYPES.has(t) || [...MACRO_TYPES].some((m) => t.includes(m));
}

export function abstractImageJson(v, ai) {
  const su = v.serverURL;
  const dims = `XY${ai.channels > 1 ? 'C' : ''}${ai.depth > 1 ? 'Z' : ''}${ai.duration > 1 ? 'T' : ''}`;
  return {
    ...base('abstractimage', ai),
    filename: ai.originalFilename, originalFilename: ai.originalFilename, uploadedFile: ai.uploadedFile ?? null,
    path: ai.path ?? null, contentType: ai.contentType ?? null, width: ai.width, height: ai.height,
    depth: ai.depth ?? 1, duration: ai.duration ?? 1, channels: ai.channels ?? 1,
    extrinsicChannels: ai.extrinsicChannels ?? null, dimensions: dims, apparentChannels: ai.extrinsicChannels ?? null,
    physicalSizeX: ai.physicalSizeX ?? null, physicalSizeY: ai.physicalSizeY ?? null, physicalSizeZ: ai.physicalSizeZ ?? null,
    fps: ai.fps ?? null, zoom: zoomOf(ai.width, ai.height, ai.tileSize ?? 256), tileSize: ai.tileSize ?? 256,
    isVirtual: !!ai.isVirtual, magnification: ai.magnification ?? null, bitPerSample: ai.bitPerSample ?? 8,
    samplePerPixel: ai.samplePerPixel ?? 3, colorspace: ai.colorspace ?? null,
    thumb: `${su}/api/abstractimage/${ai.id}/thumb.png?maxSize=512`,
    preview: `${su}/api/abstractimage/${ai.id}/thumb.png?maxSize=1024`,
    macroURL: macroAllowed(ai) ? `${su}/api/abstractimage/${ai.id}/associated/macro.png?maxWidth=512` : null,
    inProject: (v.store.idx.instancesByAbstract.get(ai.id) ?? []).length > 0,
  };
}

/** Effective physical size of an image instance (instance value if non-zero, else abstract). */
export function physicalSizeX(store, ii) {
  if (ii.physicalSizeX) return ii.physicalSizeX;
  return store.get('abstractimage', ii.baseImage)?.physicalSizeX ?? null;
}

export function imageInstanceJson(v, ii) {
  const s = v.store;
  const ai = s.get('abstractimage', ii.baseImage) ?? {};
  const proj = s.get('project', ii.project);
  const blind = !!proj?.blindMode;
  const su = v.serverURL;
  const pick = (k) => (ii[k] ? ii[k] : ai[k] ?? null);
  const out = {
    ...base('imageinstance', ii),
    baseImage: ii.baseImage, project: ii.project, user: ii.user,
    instanceFilename: blind ? String(ii.baseImage) : ii.instanceFilename || ai.originalFilename,
    originalFilename: blind ? String(ii.baseImage) : ai.originalFilename,
    filename: ai.originalFilename, blindedName: blind ? String(ii.baseImage) : null,
    path: ai.path ?? null, contentType: ai.contentType ?? null, width: ai.width, height: ai.height,
    depth: ai.depth ?? 1, duration: ai.duration ?? 1, channels: ai.channels ?? 1,
    extrinsicChannels: (ai.channels ?? 1) * (ai.samplePerPixel ?? 3),
    physicalSizeX: pick('physicalSizeX'), physicalSizeY: pick('physicalSizeY'), physicalSizeZ: pick('physicalSizeZ'),
    fps: pick('fps'), zoom: zoomOf(ai.width, ai.height, ai.tileSize ?? 256), tileSize: ai.tileSize ?? 256,
    isVirtual: !!ai.isVirtual, magnification: pick('magnification'), bitPerSample: ai.bitPerSample ?? 8,
    samplePerPixel: ai.samplePerPixel ?? 3, colorspace: ai.colorspace ?? null,
    reviewStart: ms(ii.reviewStart), reviewStop: ms(ii.reviewStop), reviewUser: ii.reviewUser ?? null,
    reviewed: !!ii.reviewStop, inReview: !!ii.reviewStart && !ii.reviewStop,
    numberOfAnnotations: s.annotationIdsOfImage(ii.id).length, numberOfJobAnnotations: 0, numberOfReviewedAnnotations: 0,
    thumb: `${su}/api/imageinstance/${ii.id}/thumb.png?maxSize=512`,
    preview: `${su}/api/imageinstance/${ii.id}/thumb.png?maxSize=1024`,
    macroURL: macroAllowed(ai) ? `${su}/api/imageinstance/${ii.id}/associated/macro.png?maxWidth=512` : null,
  };
  if (blind && !v.perms.isManager(ii.project)) {
    out.instanceFilename = null;
    out.filename = null;
    out.originalFilename = null;
    out.path = null;
    out.fullPath = null;
  }
  return out;
}

export function sliceJson(v, sl) {
  const ii = v.store.get('imageinstance', sl.image);
  const ai = ii ? v.store.get('abstractimage', ii.baseImage) : null;
  const channels = ai?.channels ?? 1;
  const depth = ai?.depth ?? 1;
  const out = {
    ...base('sliceinstance', sl),
    uploadedFile: ai?.uploadedFile ?? null, project: sl.project, baseSlice: sl.baseSlice, image: sl.image,
    path: ai?.path ?? null, mime: sl.mime ?? 'image/pyrtiff', channel: sl.channel, zStack: sl.zStack, time: sl.time,
    rank: sl.channel + channels * (sl.zStack + depth * sl.time), channelName: null, channelColor: null, zName: null,
  };
  if (v.core === '2026') delete out.mime; // removed from SliceInstance today (delta §3.3, ea68d6f94)
  return out;
}

/**
 * GIS values of an annotation (cached on the record): rounded pixel measures, or
 * micron²/mm when the image has a physical size (contract §4).
 */
export function annotationGis(store, a) {
  const ii = store.get('imageinstance', a.image);
  const px = ii ? physicalSizeX(store, ii) : null;
  if (a._gis && a._gis.px === px) return a._gis;
  let g;
  try {
    g = a._geom ?? parseWkt(a.location);
  } catch {
    g = null;
  }
  const ar = g ? gArea(g) : 0;
  const le = g ? gLength(g) : 0;
  const c = (g && gCentroid(g)) ?? { x: 0, y: 0 };
  a._gis = px
    ? { px, area: ar * px * px, areaUnit: 'micron²', perimeter: (le * px) / 1000, perimeterUnit: 'mm', centroid: { x: c.x, y: c.y } }
    : { px, area: Math.round(ar), areaUnit: 'pixels²', perimeter: Math.round(le), perimeterUnit: 'pixels', centroid: { x: c.x, y: c.y } };
  return a._gis;
}

/** Distinct term ids of an annotation (any user). */
export function annotationTermIds(store, annId) {
  const out = [];
  for (const at of store.termsOfAnnotation(annId)) if (!out.includes(at.term)) out.push(at.term);
  return out;
}

export const cropURL = (su, id) => `${su}/api/userannotation/${id}/crop.png`;

export function annotationJson(v, a) {
  const s = v.store;
  const gis = annotationGis(s, a);
  const su = v.serverURL;
  return {
    ...base('annotation', a),
    slice: a.slice, image: a.image, project: a.project, user: a.user, location: a.location,
    geometryCompression: a.geometryCompression ?? 0, centroid: { ...gis.centroid }, area: gis.area, areaUnit: gis.areaUnit,
    perimeter: gis.perimeter, perimeterUnit: gis.perimeterUnit, term: annotationTermIds(s, a.id), nbComments: 0,
    cropURL: cropURL(su, a.id), smallCropURL: `${cropURL(su, a.id)}?maxSize=256`, url: cropURL(su, a.id),
    imageURL: `${su}/#/project/${a.project}/image/${a.image}/annotation/${a.id}`,
    reviewed: [...s.t.reviewedannotation.values()].some((r) => r.parentIdent === a.id),
  };
}

export function annotationTermJson(v, at) {
  return { ...base('annotationterm', at), userannotation: at.userannotation, term: at.term, user: at.user };
}

export function propertyJson(v, p) {
  return { ...base('property', p), domainIdent: p.domainIdent, domainClassName: p.domainClassName, key: p.key, value: p.value };
}

export function tagJson(v, t) {
  return { ...base('tag', t), name: t.name, user: t.user, creatorName: v.store.get('user', t.user)?.username ?? null };
}

export function tdaJson(v, x) {
  return {
    ...base('tagdomainassociation', x), domainIdent: x.domainIdent, domainClassName: x.domainClassName, tag: x.tag,
    tagName: v.store.get('tag', x.tag)?.name ?? null,
  };
}

export function descriptionJson(v, d) {
  return { ...base('description', d), domainIdent: d.domainIdent, domainClassName: d.domainClassName, data: d.data };
}

/** Serializers of the domains declared through routes/crud.mjs, by table. */
export const JSON_OF = {};

/** JSON of a record of any versioned table. */
export function toJson(v, table, o) {
  switch (table) {
    case 'project': return projectJson(v, o);
    case 'ontology': return ontologyJson(v, o);
    case 'term': return termJson(v, o);
    case 'relationterm': return relationTermJson(v, o);
    case 'abstractimage': return abstractImageJson(v, o);
    case 'imageinstance': return imageInstanceJson(v, o);
    case 'sliceinstance': return sliceJson(v, o);
    case 'annotation': return annotationJson(v, o);
    case 'annotationterm': return annotationTermJson(v, o);
    case 'property': return propertyJson(v, o);
    case 'tag': return tagJson(v, o);
    case 'tagdomainassociation': return tdaJson(v, o);
    case 'description': return descriptionJson(v, o);
    default: return JSON_OF[table]?.(v, o) ?? { id: o.id };
  }
}
