/** Building blocks of the seeded datasets: users, ontologies, images and annotation shapes. */
import { createPrng } from '../prng.mjs';

export const DAY = 86_400_000;
export const T2024 = Date.UTC(2024, 0, 1);

/** The seeded users (same keys on every run). */
export const USERS = [
  { username: 'admin', name: 'Ada Admin', roles: ['ROLE_USER', 'ROLE_ADMIN'] },
  { username: 'alice', name: 'Alice Martin', roles: ['ROLE_USER'] },
  { username: 'bob', name: 'Bob Dupont', roles: ['ROLE_USER'] },
  { username: 'guest', name: 'Gail Guest', roles: ['ROLE_GUEST'] },
  { username: 'carol', name: 'Carol Nguyen', roles: ['ROLE_USER'] },
  { username: 'dave', name: 'dave', roles: ['ROLE_USER'] },
];

/** Demo password of a seeded user at the emulated Keycloak token endpoint (documented in the README). */
export const demoPassword = (username) => `${username}-password`;

/** Insert the seeded users; returns a map username -> record. */
export function seedUsers(store) {
  const rnd = createPrng(0xC0FFEE);
  const out = {};
  USERS.forEach((u, i) => {
    const rec = {
      id: store.newId(), created: T2024 + i * 3600_000, updated: null, username: u.username, name: u.name,
      roles: u.roles, enabled: true, publicKey: rnd.uuid(), privateKey: rnd.uuid(),
      // today's user JSON (delta §3.4) and the emulated Keycloak
      email: `${u.username}@cytomine.test`, firstname: u.name.split(' ')[0], lastname: u.name.split(' ').slice(1).join(' '),
      language: 'EN', developer: false, origin: 'SYSTEM', password: demoPassword(u.username),
    };
    store.insert('user', rec);
    out[u.username] = rec;
  });
  // the "parent" relation used by relation terms
  const rel = { id: store.newId(), created: T2024, updated: null, name: 'parent' };
  store.insert('relation', rel);
  store.parentRelationId = rel.id;
  return out;
}

/** Ontology definitions: name -> [[term, color, parent?]]. */
export const ONTOLOGIES = {
  Histology: [['Tumor', '#E53935'], ['Stroma', '#8E24AA'], ['Necrosis', '#FDD835'], ['Lymphocytes', '#1E88E5'],
    ['Normal', '#43A047'], ['Inflammation', '#FB8C00'], ['High-grade tumor', '#B71C1C', 'Tumor']],
  'Prostate-Gleason': [['Gleason 3', '#FFB300'], ['Gleason 4', '#F4511E'], ['Gleason 5', '#6D4C41'],
    ['Benign gland', '#00897B'], ['Stroma', '#8E24AA'], ['PIN', '#3949AB']],
  Colon: [['Adenoma', '#D81B60'], ['Hyperplastic', '#5E35B1'], ['Normal mucosa', '#43A047'], ['Carcinoma', '#E53935'],
    ['Inflammation', '#FB8C00']],
};

/** Create an ontology with its terms and parent relations; returns `{ ontology, terms: [] }`. */
export function seedOntology(store, name, creator, created) {
  const o = { id: store.newId(), created, updated: null, name, user: creator.id };
  store.insert('ontology', o);
  const terms = [];
  const byName = {};
  for (const [tname, color, parent] of ONTOLOGIES[name]) {
    const t = { id: store.newId(), created: created + 1000 * (terms.length + 1), updated: null, name: tname, color, ontology: o.id, comment: null };
    store.insert('term', t);
    terms.push(t);
    byName[tname] = t;
    if (parent) {
      store.insert('relationterm', { id: store.newId(), created: t.created, updated: null, relation: store.parentRelationId, term1: byName[parent].id, term2: t.id });
    }
  }
  return { ontology: o, terms };
}

/** Create a project with members; `managers`/`contributors` are user records. */
export function seedProject(store, { name, ontology, creator, created, managers = [], contributors = [], ...flags }) {
  const p = {
    id: store.newId(), created, updated: null, name, ontology: ontology ? ontology.id : null, creator: creator.id,
    blindMode: false, areImagesDownloadable: false, isClosed: false, mode: 'CLASSIC', hideUsersLayers: false, hideAdminsLayers: false, ...flags,
  };
  store.insert('project', p);
  const m = store.membersOf(p.id);
  for (const u of [creator, ...managers]) {
    m.contributors.add(u.id);
    m.managers.add(u.id);
  }
  for (const u of contributors) m.contributors.add(u.id);
  return p;
}

const FORMATS = [['svs', 'openslide/svs'], ['ndpi', 'openslide/ndpi'], ['tif', 'image/pyrtiff'], ['mrxs', 'openslide/mrxs']];

/** Create an abstract image with uploaded-file-like metadata. */
export function seedAbstractImage(store, rnd, { filename, uploader, created, physicalSizeX = null }) {
  const [ext, contentType] = FORMATS.find((f) => filename.endsWith(`.${f[0]}`)) ?? FORMATS[2];
  const width = rnd.int(24, 90) * 1000 + rnd.int(0, 999);
  const height = Math.round(width * (0.55 + rnd.next() * 0.4));
  const ai = {
    id: store.newId(), created, updated: null, originalFilename: filename, width, height, depth: 1, duration: 1, channels: 1,
    extrinsicChannels: null, physicalSizeX, physicalSizeY: physicalSizeX, physicalSizeZ: null, fps: null,
    magnification: physicalSizeX ? (physicalSizeX <= 0.3 ? 40 : 20) : null, bitPerSample: 8, samplePerPixel: 3,
    colorspace: 'sRGB', uploadedFile: 900000 + store.seq, contentType, path: `${created}/${filename.replace(/\.[^.]+$/, '')}/${filename}`,
    tileSize: 256, isVirtual: false, user: uploader.id, seed: rnd.int(1, 2 ** 30), ext,
  };
  ai.sliceId = store.newId();
  store.insert('abstractimage', ai);
  return ai;
}

/** Create an image instance (and its single slice) of an abstract image in a project. */
export function seedInstance(store, ai, project, user, created) {
  const ii = {
    id: store.newId(), created, updated: null, baseImage: ai.id, project: project.id, user: user.id, instanceFilename: null,
    magnification: null, physicalSizeX: null, physicalSizeY: null, physicalSizeZ: null, fps: null,
    reviewStart: null, reviewStop: null, reviewUser: null,
  };
  store.insert('imageinstance', ii);
  const sl = { id: store.newId(), created, updated: null, project: project.id, image: ii.id, baseSlice: ai.sliceId, channel: 0, zStack: 0, time: 0, mime: 'image/pyrtiff' };
  store.insert('sliceinstance', sl);
  return { ii, sl };
}

/**
 * A random annotation shape inside a `width` x `height` image: mostly irregular blobs of
 * 6-40 vertices (star-shaped, so always simple; some with a hole), a few points and lines.
 * Integer coordinates, WKT as JTS prints it.
 * @returns {{ location: string, env: {minX,minY,maxX,maxY} }}
 */
export function randomShape(rnd, width, height) {
  const k = rnd.next();
  if (k < 0.04) {
    const x = rnd.int(10, width - 10);
    const y = rnd.int(10, height - 10);
    return { location: `POINT (${x} ${y})`, env: { minX: x, minY: y, maxX: x, maxY: y } };
  }
  if (k < 0.08) {
    const n = rnd.int(2, 5);
    let x = rnd.int(500, width - 500);
    let y = rnd.int(500, height - 500);
    const pts = [[x, y]];
    for (let i = 1; i < n; i++) {
      x = Math.min(width, Math.max(0, x + rnd.int(-400, 400)));
      y = Math.min(height, Math.max(0, y + rnd.int(-400, 400)));
      if (x === pts[pts.length - 1][0] && y === pts[pts.length - 1][1]) x = Math.min(width, x + 1);
      pts.push([x, y]);
    }
    return { location: `LINESTRING (${pts.map((p) => `${p[0]} ${p[1]}`).join(', ')})`, env: envOf(pts) };
  }
  const r = rnd.int(40, 900);
  const cx = rnd.int(Math.ceil(r * 1.5), Math.max(Math.ceil(r * 1.5), width - Math.ceil(r * 1.5)));
  const cy = rnd.int(Math.ceil(r * 1.5), Math.max(Math.ceil(r * 1.5), height - Math.ceil(r * 1.5)));
  const n = rnd.int(6, 40);
  const ph1 = rnd.next() * 6.283;
  const ph2 = rnd.next() * 6.283;
  const a1 = 0.1 + rnd.next() * 0.15;
  const a2 = rnd.next() * 0.1;
  const ring = [];
  for (let i = 0; i < n; i++) {
    const t = ((i + 0.3 * rnd.next()) / n) * 2 * Math.PI;
    const rr = r * (1 + a1 * Math.sin(2 * t + ph1) + a2 * Math.sin(5 * t + ph2) + 0.08 * (rnd.next() - 0.5));
    const p = [Math.round(cx + rr * Math.cos(t)), Math.round(cy + rr * Math.sin(t))];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
  }
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  const outer = [...ring, ring[0]];
  const rings = [outer];
  if (rnd.chance(0.08) && r >= 80) {
    const hr = r * 0.25;
    const hole = [];
    for (let i = 0; i < 8; i++) {
      const t = (-i / 8) * 2 * Math.PI;
      hole.push([Math.round(cx + hr * Math.cos(t)), Math.round(cy + hr * Math.sin(t))]);
    }
    hole.push(hole[0]);
    rings.push(hole);
  }
  const wkt = `POLYGON (${rings.map((rg) => `(${rg.map((p) => `${p[0]} ${p[1]}`).join(', ')})`).join(', ')})`;
  return { location: wkt, env: envOf(outer) };
}

function envOf(pts) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of pts) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/**
 * Seed `count` annotations spread over images and users, with 0-2 terms each.
 * Ids increase with creation time (like a real database).
 * @param {object} o `{ images: [{ii, sl, ai}], users: [user], terms: [term], count, from, to }`
 */
export function seedAnnotations(store, rnd, { images, users, terms, count, from, to }) {
  const step = (to - from) / count;
  const anns = [];
  for (let i = 0; i < count; i++) {
    const { ii, sl, ai } = images[rnd.int(0, images.length - 1)];
    const user = users[rnd.int(0, users.length - 1)];
    const { location, env } = randomShape(rnd, ai.width, ai.height);
    const created = Math.round(from + i * step + rnd.next() * step * 0.5);
    const a = {
      id: store.newId(), created, updated: rnd.chance(0.05) ? created + rnd.int(60_000, 30 * DAY) : null,
      project: ii.project, image: ii.id, slice: sl.id, user: user.id, location, geometryCompression: 0, env,
    };
    store.t.annotation.set(a.id, a);
    anns.push(a);
    if (terms.length) {
      const k = rnd.next();
      const nt = k < 0.15 ? 0 : k < 0.85 ? 1 : 2;
      const chosen = new Set();
      while (chosen.size < nt) chosen.add(terms[rnd.int(0, terms.length - 1)].id);
      for (const t of chosen) {
        const at = { id: store.newId(), created: created + 500, updated: null, userannotation: a.id, term: t, user: user.id };
        store.insert('annotationterm', at);
      }
    }
  }
  // bulk index: arrays sorted by id desc
  const byP = store.idx.annByProject;
  const byI = store.idx.annByImage;
  for (const a of anns) {
    if (!byP.has(a.project)) byP.set(a.project, []);
    if (!byI.has(a.image)) byI.set(a.image, []);
    byP.get(a.project).push(a.id);
    byI.get(a.image).push(a.id);
  }
  for (const arr of [...byP.values(), ...byI.values()]) arr.sort((x, y) => y - x);
  store.seq = Math.max(store.seq, (anns.length ? anns[anns.length - 1].id : 0) + 1);
  return anns;
}
