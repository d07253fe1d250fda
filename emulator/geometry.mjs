// Planar geometry helpers for the Cytomine emulator: WKT parsing / JTS-style
// writing, validity, GIS measures (area, length, centroid), clipping to the
// image rectangle and envelope intersection. Coordinates are image pixels.
// Geometries are GeoJSON-like: { type, coordinates } with [x, y] positions.

/** Error thrown for malformed WKT or geometry objects. */
export class GeometryError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'GeometryError';
  }
}

// Nesting depth of `coordinates` per type (0 = a single position).
const DEPTH = {
  Point: 0, LineString: 1, MultiPoint: 1,
  Polygon: 2, MultiLineString: 2, MultiPolygon: 3,
};

const WKT_NAMES = {
  POINT: 'Point', LINESTRING: 'LineString', LINEARRING: 'LineString', POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint', MULTILINESTRING: 'MultiLineString', MULTIPOLYGON: 'MultiPolygon',
};

// ---------------------------------------------------------------------------
// WKT reader: a single-pass scanner, fixed recursion depth, linear time.

const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
const isDigit = (c) => c >= 48 && c <= 57;
const isLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const startsNumber = (c) => isDigit(c) || c === 43 || c === 45 || c === 46; // + - .

class WktScanner {
  constructor(text) {
    this.s = text;
    this.i = 0;
  }

  fail(what) {
    const near = JSON.stringify(this.s.slice(this.i, this.i + 20));
    throw new GeometryError(`Invalid WKT: ${what} at position ${this.i} (near ${near})`);
  }

  /** Skips whitespace and returns the next char code (NaN at the end). */
  peek() {
    const s = this.s;
    while (this.i < s.length && isSpace(s.charCodeAt(this.i))) this.i++;
    return s.charCodeAt(this.i);
  }

  expect(ch) {
    if (this.peek() !== ch.charCodeAt(0)) this.fail(`expected '${ch}'`);
    this.i++;
  }

  /** Consumes ',' and returns true, or returns false before ')'. */
  more() {
    const c = this.peek();
    if (c === 44) { this.i++; return true; }
    if (c === 41) return false;
    return this.fail("expected ',' or ')'");
  }

  word() {
    this.peek();
    const start = this.i;
    while (this.i < this.s.length && isLetter(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(start, this.i).toUpperCase();
  }

  /** Consumes the keyword EMPTY if it comes next. */
  empty() {
    if (!isLetter(this.peek())) return false;
    const at = this.i;
    if (this.word() === 'EMPTY') return true;
    this.i = at;
    return this.fail('unexpected word');
  }

  number() {
    const s = this.s;
    const start = this.i;
    let c = s.charCodeAt(this.i);
    if (c === 43 || c === 45) c = s.charCodeAt(++this.i);
    let digits = 0;
    while (isDigit(c)) { digits++; c = s.charCodeAt(++this.i); }
    if (c === 46) {
      c = s.charCodeAt(++this.i);
      while (isDigit(c)) { digits++; c = s.charCodeAt(++this.i); }
    }
    if (digits === 0) { this.i = start; this.fail('expected a number'); }
    if (c === 69 || c === 101) {
      c = s.charCodeAt(++this.i);
      if (c === 43 || c === 45) c = s.charCodeAt(++this.i);
      if (!isDigit(c)) this.fail('bad exponent');
      while (isDigit(c)) c = s.charCodeAt(++this.i);
    }
    if (!(isSpace(c) || c === 44 || c === 41 || Number.isNaN(c))) this.fail('bad number');
    const value = Number(s.slice(start, this.i));
    if (!Number.isFinite(value)) { this.i = start; this.fail('number out of range'); }
    return value;
  }

  /** A position: 2 to 4 ordinates; only x and y are kept. */
  coord() {
    if (!startsNumber(this.peek())) this.fail('expected a coordinate');
    const x = this.number();
    if (!startsNumber(this.peek())) this.fail('expected a y ordinate');
    const y = this.number();
    for (let n = 2; startsNumber(this.peek()); n++) {
      if (n === 4) this.fail('too many ordinates');
      this.number();
    }
    return [x, y];
  }

  /** '(' item (',' item)* ')' */
  list(item) {
    this.expect('(');
    const out = [];
    do out.push(item()); while (this.more());
    this.expect(')');
    return out;
  }

  coords() { return this.list(() => this.coord()); }

  rings() { return this.list(() => this.coords()); }

  /** Multi* member list where members may be EMPTY (dropped). */
  members(item) {
    return this.list(() => (this.empty() ? null : item())).filter((m) => m !== null);
  }

  multiPointMember() {
    if (this.peek() !== 40) return this.coord();
    this.i++;
    const c = this.coord();
    this.expect(')');
    return c;
  }

  body(type) {
    if (this.empty()) return [];
    switch (type) {
      case 'Point': { this.expect('('); const c = this.coord(); this.expect(')'); return c; }
      case 'LineString': return this.coords();
      case 'Polygon': return this.rings();
      case 'MultiPoint': return this.members(() => this.multiPointMember());
      case 'MultiLineString': return this.members(() => this.coords());
      default: return this.members(() => this.rings());
    }
  }
}

/**
 * Parses WKT (any case, optional spaces, EMPTY, MULTIPOINT with or without inner
 * parentheses, Z/M ordinates dropped) into `{ type, coordinates }`.
 * Linear time; throws only GeometryError.
 * @param {string} text
 * @returns {{type: string, coordinates: Array}}
 */
export function parseWkt(text) {
  if (typeof text !== 'string') throw new GeometryError('WKT must be a string');
  const sc = new WktScanner(text);
  const name = sc.word();
  const type = Object.hasOwn(WKT_NAMES, name) ? WKT_NAMES[name] : undefined;
  if (!type) sc.fail(name ? `unknown geometry type ${name.slice(0, 30)}` : 'expected a geometry type');
  if (isLetter(sc.peek())) {
    const at = sc.i;
    if (!['Z', 'M', 'ZM'].includes(sc.word())) sc.i = at; // EMPTY is read by body()
  }
  const coordinates = sc.body(type);
  if (!Number.isNaN(sc.peek())) sc.fail('unexpected trailing characters');
  return { type, coordinates };
}

// ---------------------------------------------------------------------------
// Structure helpers.

const isPos = (p) => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';

function shapeOk(c, depth) {
  if (depth === 0) return isPos(c);
  if (!Array.isArray(c)) return false;
  for (const m of c) if (!shapeOk(m, depth - 1)) return false;
  return true;
}

function isGeometry(g) {
  if (g === null || typeof g !== 'object' || typeof g.type !== 'string' || !Object.hasOwn(DEPTH, g.type)) return false;
  if (g.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length === 0) return true;
  return shapeOk(g.coordinates, DEPTH[g.type]);
}

function assertGeometry(g) {
  if (!isGeometry(g)) throw new GeometryError('Not a geometry object');
}

const isEmptyPoint = (g) => g.type === 'Point' && g.coordinates.length === 0;

/** Polygons of a geometry as arrays of rings. */
function polygonsOf(g) {
  if (g.type === 'Polygon') return g.coordinates.length ? [g.coordinates] : [];
  if (g.type === 'MultiPolygon') return g.coordinates.filter((p) => p.length);
  return [];
}

/** Linestrings of a geometry as arrays of positions. */
function linesOf(g) {
  if (g.type === 'LineString') return g.coordinates.length ? [g.coordinates] : [];
  if (g.type === 'MultiLineString') return g.coordinates.filter((l) => l.length);
  return [];
}

/** Points of a geometry as an array of positions. */
function pointsOf(g) {
  if (g.type === 'Point') return isEmptyPoint(g) ? [] : [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  return [];
}

/** Every position sequence of a geometry (rings, lines, or the point list). */
function sequencesOf(g) {
  assertGeometry(g);
  if (g.type === 'Point' || g.type === 'MultiPoint') return [pointsOf(g)];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return polygonsOf(g).flat();
  return linesOf(g);
}

// ---------------------------------------------------------------------------
// JTS-style WKT writer.

/** Formats an ordinate like JTS: integral values without ".0", no exponent. */
function fmt(v) {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
  const r = Number(v.toPrecision(15));
  const s = String(r);
  if (!s.includes('e')) return s;
  if (Number.isInteger(r)) return BigInt(r).toString();
  const decimals = Math.min(100, 15 - Math.floor(Math.log10(Math.abs(r))));
  return r.toFixed(decimals).replace(/\.?0+$/, '');
}

const pos = (p) => `${fmt(p[0])} ${fmt(p[1])}`;
const seq = (ps) => `(${ps.map(pos).join(', ')})`;
const rings = (rs) => `(${rs.map(seq).join(', ')})`;

/**
 * Writes a geometry as WKT like JTS `Geometry.toString()`:
 * `POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))`, `POINT (5 5)`, `MULTIPOINT ((1 2), (3 4))`.
 * @param {{type: string, coordinates: Array}} geometry
 * @returns {string}
 */
export function toWkt(geometry) {
  assertGeometry(geometry);
  const { type, coordinates: c } = geometry;
  const name = type.toUpperCase();
  if (c.length === 0) return `${name} EMPTY`;
  switch (type) {
    case 'Point': return `POINT (${pos(c)})`;
    case 'LineString': return `LINESTRING ${seq(c)}`;
    case 'Polygon': return `POLYGON ${rings(c)}`;
    case 'MultiPoint': return `MULTIPOINT (${c.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'MultiLineString': return `MULTILINESTRING ${rings(c)}`;
    default: return `MULTIPOLYGON (${c.map(rings).join(', ')})`;
  }
}

// ---------------------------------------------------------------------------
// Measures.

/** Signed shoelace area of a ring (positive when counter-clockwise in x-right/y-up). */
function ringSignedArea(ring) {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % n];
    s += p[0] * q[1] - q[0] * p[1];
  }
  return s / 2;
}

function seqLength(ps) {
  let s = 0;
  for (let i = 1; i < ps.length; i++) s += Math.hypot(ps[i][0] - ps[i - 1][0], ps[i][1] - ps[i - 1][1]);
  return s;
}

function polygonArea(rs) {
  let a = Math.abs(ringSignedArea(rs[0]));
  for (let k = 1; k < rs.length; k++) a -= Math.abs(ringSignedArea(rs[k]));
  return a;
}

/**
 * Area of a geometry: polygon shells minus holes (absolute), 0 for points and lines.
 * @param {{type: string, coordinates: Array}} g
 * @returns {number}
 */
export function area(g) {
  assertGeometry(g);
  return polygonsOf(g).reduce((s, rs) => s + polygonArea(rs), 0);
}

/**
 * JTS length: total linestring length, or total length of all polygon rings; 0 for points.
 * @param {{type: string, coordinates: Array}} g
 * @returns {number}
 */
export function length(g) {
  assertGeometry(g);
  if (g.type === 'Point' || g.type === 'MultiPoint') return 0;
  return sequencesOf(g).reduce((s, ps) => s + seqLength(ps), 0);
}

/** Area-weighted centroid accumulation of polygons; null when the area is 0. */
function areaCentroid(polys) {
  let w = 0, sx = 0, sy = 0;
  for (const rs of polys) {
    rs.forEach((ring, k) => {
      let a = 0, cx = 0, cy = 0;
      for (let i = 0, n = ring.length; i < n; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % n];
        const cross = p[0] * q[1] - q[0] * p[1];
        a += cross;
        cx += (p[0] + q[0]) * cross;
        cy += (p[1] + q[1]) * cross;
      }
      if (a === 0) return;
      const sign = (k === 0 ? 1 : -1) * Math.sign(a); // shells add, holes subtract
      w += (sign * a) / 2;
      sx += (sign * cx) / 6;
      sy += (sign * cy) / 6;
    });
  }
  return w > 0 ? { x: sx / w, y: sy / w } : null;
}

/** Length-weighted centroid of segment midpoints; null when the length is 0. */
function lineCentroid(seqs) {
  let w = 0, sx = 0, sy = 0;
  for (const ps of seqs) {
    for (let i = 1; i < ps.length; i++) {
      const [x0, y0] = ps[i - 1];
      const [x1, y1] = ps[i];
      const l = Math.hypot(x1 - x0, y1 - y0);
      w += l;
      sx += (l * (x0 + x1)) / 2;
      sy += (l * (y0 + y1)) / 2;
    }
  }
  return w > 0 ? { x: sx / w, y: sy / w } : null;
}

function meanPoint(seqs) {
  let n = 0, sx = 0, sy = 0;
  for (const ps of seqs) for (const p of ps) { n++; sx += p[0]; sy += p[1]; }
  return n ? { x: sx / n, y: sy / n } : null;
}

/**
 * Centroid like JTS: area-weighted for polygons, length-weighted for lines, mean for
 * points, degrading to the lower dimension when the measure is 0. null when empty.
 * @param {{type: string, coordinates: Array}} g
 * @returns {{x: number, y: number} | null}
 */
export function centroid(g) {
  const seqs = sequencesOf(g);
  return areaCentroid(polygonsOf(g)) ?? lineCentroid(g.type.endsWith('Point') ? [] : seqs) ?? meanPoint(seqs);
}

/**
 * Bounding box of a geometry, or null when empty.
 * @param {{type: string, coordinates: Array}} g
 * @returns {{minX: number, minY: number, maxX: number, maxY: number} | null}
 */
export function envelope(g) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ps of sequencesOf(g)) {
    for (const p of ps) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : null;
}

/**
 * Number of positions (JTS getNumPoints: closing ring points included).
 * @param {{type: string, coordinates: Array}} g
 * @returns {number}
 */
export function pointCount(g) {
  return sequencesOf(g).reduce((s, ps) => s + ps.length, 0);
}

// ---------------------------------------------------------------------------
// Validity.

const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));

const onSegment = (a, b, p) => Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0])
  && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** True when segments ab and cd share at least one point. */
function segmentsIntersect(a, b, c, d) {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d))
    || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** Removes consecutive duplicate positions. */
function dedupe(ps) {
  return ps.filter((p, i) => i === 0 || p[0] !== ps[i - 1][0] || p[1] !== ps[i - 1][1]);
}

/** Ring self-intersection test, O(n^2); closed, deduplicated ring expected. */
function ringSelfIntersects(ring) {
  const n = ring.length - 1; // segments
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[i + 1];
    // Adjacent segment folding back on this one (a spike).
    const c = ring[(i + 2) % n];
    if (orient(a, b, c) === 0 && (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]) > 0) return true;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing point
      if (segmentsIntersect(a, b, ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

const SELF_INTERSECTION_LIMIT = 2000;

function ringValid(ring) {
  if (ring.length < 4) return false;
  const f = ring[0], l = ring[ring.length - 1];
  if (f[0] !== l[0] || f[1] !== l[1]) return false;
  const r = dedupe(ring);
  if (r.length < 4 || ringSignedArea(r) === 0) return false;
  return r.length >= SELF_INTERSECTION_LIMIT || !ringSelfIntersects(r);
}

const allFinite = (seqs) => seqs.every((ps) => ps.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])));

/**
 * Validity close to JTS isValid(): finite coordinates, rings closed with >= 4 points,
 * non-zero ring area, no self-intersecting ring (tested below 2000 points), lines with
 * >= 2 distinct points. Empty geometries are valid (as in JTS). Never throws.
 * @param {unknown} g
 * @returns {boolean}
 */
export function isValidGeometry(g) {
  if (!isGeometry(g)) return false;
  const seqs = sequencesOf(g);
  if (!allFinite(seqs)) return false;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return seqs.every(ringValid);
  if (g.type === 'LineString' || g.type === 'MultiLineString') return seqs.every((ps) => dedupe(ps).length >= 2);
  return true;
}

// ---------------------------------------------------------------------------
// Clipping to the image rectangle.

/** Sutherland-Hodgman against one half-plane: axis 0|1, keep `sign*(v - limit) >= 0`. */
function clipHalf(pts, axis, limit, sign) {
  const out = [];
  const inside = (p) => sign * (p[axis] - limit) >= 0;
  const cut = (p, q) => {
    const t = (limit - p[axis]) / (q[axis] - p[axis]);
    const o = 1 - axis;
    const r = [0, 0];
    r[axis] = limit;
    r[o] = p[o] + t * (q[o] - p[o]);
    return r;
  };
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const q = pts[(i + 1) % pts.length];
    if (inside(p)) {
      out.push(p);
      if (!inside(q)) out.push(cut(p, q));
    } else if (inside(q)) out.push(cut(p, q));
  }
  return out;
}

/** Clips a closed ring to the rectangle; null when degenerate. */
function clipRing(ring, w, h) {
  let pts = ring.slice(0, -1);
  for (const [axis, limit, sign] of [[0, 0, 1], [0, w, -1], [1, 0, 1], [1, h, -1]]) {
    if (pts.length === 0) return null;
    pts = clipHalf(pts, axis, limit, sign);
  }
  pts = dedupe(pts);
  while (pts.length > 1 && pts[0][0] === pts.at(-1)[0] && pts[0][1] === pts.at(-1)[1]) pts.pop();
  if (pts.length < 3) return null;
  pts.push([pts[0][0], pts[0][1]]);
  return Math.abs(ringSignedArea(pts)) > 1e-12 ? pts : null;
}

/** Liang-Barsky clip of one segment; returns [p, q] or null. */
function clipSegment(p, q, w, h) {
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const checks = [[-dx, p[0]], [dx, w - p[0]], [-dy, p[1]], [dy, h - p[1]]];
  for (const [pk, qk] of checks) {
    if (pk === 0) { if (qk < 0) return null; continue; }
    const t = qk / pk;
    if (pk < 0) { if (t > t1) return null; if (t > t0) t0 = t; } else { if (t < t0) return null; if (t < t1) t1 = t; }
  }
  const at = (t) => (t === 0 ? p : t === 1 ? q : [p[0] + t * dx, p[1] + t * dy]);
  return [at(t0), at(t1)];
}

function clipLine(ps, w, h) {
  const pieces = [];
  let cur = null;
  for (let i = 1; i < ps.length; i++) {
    const s = clipSegment(ps[i - 1], ps[i], w, h);
    if (!s) { cur = null; continue; }
    const last = cur?.at(-1);
    if (last && last[0] === s[0][0] && last[1] === s[0][1]) cur.push(s[1]);
    else { cur = [s[0], s[1]]; pieces.push(cur); }
  }
  return pieces.map(dedupe).filter((l) => l.length >= 2);
}

/** Builds a single or multi geometry from parts, null when none. */
function collect(single, multi, parts) {
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: single, coordinates: parts[0] } : { type: multi, coordinates: parts };
}

/**
 * Intersects a geometry with the image rectangle [0,width]x[0,height] (Sutherland-Hodgman
 * per ring, Liang-Barsky per segment, points filtered). Degenerate rings are dropped.
 * Returns the input itself when already inside, or null when nothing is left.
 * @param {{type: string, coordinates: Array}} g
 * @param {number} width
 * @param {number} height
 * @returns {{type: string, coordinates: Array} | null}
 */
export function clipToImage(g, width, height) {
  const env = envelope(g);
  if (!env) return null;
  if (env.minX >= 0 && env.minY >= 0 && env.maxX <= width && env.maxY <= height) return g;
  if (g.type === 'Point' || g.type === 'MultiPoint') {
    const pts = pointsOf(g).filter((p) => p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height);
    return collect('Point', 'MultiPoint', pts);
  }
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    return collect('LineString', 'MultiLineString', linesOf(g).flatMap((l) => clipLine(l, width, height)));
  }
  const polys = [];
  for (const rs of polygonsOf(g)) {
    const shell = clipRing(rs[0], width, height);
    if (!shell) continue;
    const holes = rs.slice(1).map((r) => clipRing(r, width, height)).filter(Boolean);
    polys.push([shell, ...holes]);
  }
  return collect('Polygon', 'MultiPolygon', polys);
}

// ---------------------------------------------------------------------------
// Envelope intersection.

/** Even-odd point-in-polygon (rings of one polygon, holes included). */
function pointInPolygon(x, y, rs) {
  let inside = false;
  for (const ring of rs) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * True when the geometry intersects the box (boundary contact counts): envelope test,
 * then vertex-in-box, box-corner-in-polygon and edge crossing tests.
 * @param {{type: string, coordinates: Array}} g
 * @param {{minX: number, minY: number, maxX: number, maxY: number}} box
 * @returns {boolean}
 */
export function intersectsEnvelope(g, box) {
  const env = envelope(g);
  const { minX, minY, maxX, maxY } = box;
  if (!env || env.maxX < minX || env.minX > maxX || env.maxY < minY || env.minY > maxY) return false;
  const seqs = sequencesOf(g);
  const inBox = (p) => p[0] >= minX && p[0] <= maxX && p[1] >= minY && p[1] <= maxY;
  if (seqs.some((ps) => ps.some(inBox))) return true;
  if (g.type === 'Point' || g.type === 'MultiPoint') return false;
  const corners = [[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]];
  if (polygonsOf(g).some((rs) => pointInPolygon(minX, minY, rs))) return true;
  for (const ps of seqs) {
    for (let i = 1; i < ps.length; i++) {
      for (let k = 0; k < 4; k++) {
        if (segmentsIntersect(ps[i - 1], ps[i], corners[k], corners[(k + 1) % 4])) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Coordinate mapping.

function mapCoords(c, depth, fn) {
  if (depth === 0) return fn(c[0], c[1]);
  return c.map((m) => mapCoords(m, depth - 1, fn));
}

/**
 * Maps every position through `fn(x, y) -> [x', y']`, returning a new geometry.
 * @param {{type: string, coordinates: Array}} g
 * @param {(x: number, y: number) => number[]} fn
 * @returns {{type: string, coordinates: Array}}
 */
export function translateScale(g, fn) {
  assertGeometry(g);
  if (isEmptyPoint(g)) return { type: 'Point', coordinates: [] };
  return { type: g.type, coordinates: mapCoords(g.coordinates, DEPTH[g.type], fn) };
}
