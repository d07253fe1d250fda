// Minimal WKT reader for drawing annotation outlines: POINT, LINESTRING, POLYGON and their
// MULTI variants (Z/M ordinates ignored). Enough for display; not a geometry library.

/**
 * Parses WKT into `{ type, parts }`: `parts` is a list of `{ closed, points: [[x, y], ...] }`
 * (polygon rings are closed, lines are open, points are single-point parts).
 * @returns {{type: string, parts: Array<{closed: boolean, points: number[][]}>} | null}
 */
export function parseWkt(wkt) {
  if (typeof wkt !== 'string') return null;
  const m = /^\s*([A-Za-z]+)\s*(?:ZM|Z|M)?\s*([\s\S]*)$/.exec(wkt);
  if (!m) return null;
  const type = m[1].toUpperCase();
  const body = m[2].trim();
  if (!body || /^EMPTY$/i.test(body)) return { type, parts: [] };
  let nested;
  try {
    // "(1 2, 3 4)" → "[[1,2],[3,4]]": coordinates become pairs, parentheses become brackets.
    const json = body
      .replace(/(-?[\d.]+(?:e[-+]?\d+)?)\s+(-?[\d.]+(?:e[-+]?\d+)?)(?:\s+-?[\d.]+(?:e[-+]?\d+)?)*/gi, '[$1,$2]')
      .replace(/\(/g, '[')
      .replace(/\)/g, ']');
    nested = JSON.parse(json);
  } catch {
    return null;
  }
  const closed = type.includes('POLYGON');
  const parts = [];
  const isPoint = (a) => Array.isArray(a) && a.length === 2 && typeof a[0] === 'number';
  const walk = (a) => {
    if (isPoint(a)) parts.push({ closed: false, points: [a] });
    else if (Array.isArray(a) && a.length && a.every(isPoint)) {
      if (type.includes('POINT')) a.forEach((p) => parts.push({ closed: false, points: [p] }));
      else parts.push({ closed, points: a });
    } else if (Array.isArray(a)) a.forEach(walk);
  };
  walk(nested);
  return { type, parts };
}

/** Bounding box of parsed parts. */
export function envelope(parts) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { points } of parts) {
    for (const [x, y] of points) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return Number.isFinite(minX) ? { minX, minY, maxX, maxY } : null;
}

/** Maps every point through `fn([x, y]) → [x', y']`. */
export function mapPoints(parts, fn) {
  return parts.map((p) => ({ ...p, points: p.points.map(fn) }));
}

/** SVG path data of the lines and rings (points are drawn separately). */
export function toPathData(parts) {
  return parts
    .filter((p) => p.points.length > 1)
    .map((p) => `M${p.points.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}${p.closed ? 'Z' : ''}`)
    .join('');
}

const round = (v) => Math.round(v * 100) / 100;

/**
 * The image region a crop covers, as computed by Cytomine for `annotation/{id}/crop`: the
 * envelope scaled by `increaseArea` around its centre, clipped to the image.
 */
export function cropRegion(env, { increaseArea = 1, imageWidth = Infinity, imageHeight = Infinity } = {}) {
  const cx = (env.minX + env.maxX) / 2;
  const cy = (env.minY + env.maxY) / 2;
  let w = env.maxX - env.minX;
  let h = env.maxY - env.minY;
  if (w === 0 && h === 0) w = h = 100; // a point gets a fixed box
  w = Math.max(1, w * increaseArea);
  h = Math.max(1, h * increaseArea);
  const span = (c, size, limit) => {
    const a = Math.max(0, Math.floor(c - size / 2));
    const b = Math.min(limit, Math.ceil(c + size / 2));
    return [a, Math.max(1, b - a)];
  };
  const [x, width] = span(cx, w, imageWidth);
  const [y, height] = span(cy, h, imageHeight);
  return { x, y, width, height };
}
