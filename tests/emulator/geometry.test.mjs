// Tests for emulator/geometry.mjs: node --test tests/emulator/geometry.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseWkt, toWkt, isValidGeometry, area, length, centroid, envelope, pointCount,
  clipToImage, intersectsEnvelope, translateScale, GeometryError,
} from '../../emulator/geometry.mjs';

const SQUARE = 'POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))';
const HOLED = 'POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))';
const MULTI = 'MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)), ((20 0, 20 5, 30 5, 30 0, 20 0)))';
const LINE = 'LINESTRING (0 0, 3 4, 3 10)';

const close = (actual, expected, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);
const closePoint = (p, x, y) => { close(p.x, x); close(p.y, y); };
const throwsGeometry = (fn) => assert.throws(fn, (e) => e instanceof GeometryError && e.name === 'GeometryError');

test('parseWkt: types, case, spacing and nesting', () => {
  assert.deepEqual(parseWkt('POLYGON((0 0,0 10,10 10,10 0,0 0))'), {
    type: 'Polygon', coordinates: [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]],
  });
  assert.deepEqual(parseWkt(' point ( 5.5   -3e2 ) '), { type: 'Point', coordinates: [5.5, -300] });
  assert.deepEqual(parseWkt('MultiPoint(1 2, 3 4)'), parseWkt('MULTIPOINT ((1 2), (3 4))'));
  assert.deepEqual(parseWkt('MULTIPOINT ((1 2), (3 4))').coordinates, [[1, 2], [3, 4]]);
  assert.deepEqual(parseWkt('LINESTRING(1 2,3 4)'), { type: 'LineString', coordinates: [[1, 2], [3, 4]] });
  assert.deepEqual(parseWkt('MULTILINESTRING((0 0,1 1),(2 2,3 3))').coordinates, [[[0, 0], [1, 1]], [[2, 2], [3, 3]]]);
  assert.equal(parseWkt(MULTI).coordinates.length, 2);
  assert.deepEqual(parseWkt('POINT Z (1 2 3)'), { type: 'Point', coordinates: [1, 2] });
  assert.deepEqual(parseWkt('POINT (1 2 3)'), { type: 'Point', coordinates: [1, 2] });
  assert.deepEqual(parseWkt('POINT(+.5 1.)'), { type: 'Point', coordinates: [0.5, 1] });
  assert.deepEqual(parseWkt('\n\tPOLYGON\n((0 0,\n0 1,1 1,0 0))\n').coordinates[0].length, 4);
});

test('parseWkt: EMPTY', () => {
  assert.deepEqual(parseWkt('POLYGON EMPTY'), { type: 'Polygon', coordinates: [] });
  assert.deepEqual(parseWkt('point empty'), { type: 'Point', coordinates: [] });
  assert.deepEqual(parseWkt('MULTIPOLYGON (EMPTY, ((0 0, 0 1, 1 1, 0 0)))').coordinates.length, 1);
  assert.deepEqual(parseWkt('MULTIPOINT (EMPTY, (1 2))').coordinates, [[1, 2]]);
  assert.equal(toWkt(parseWkt('LINESTRING EMPTY')), 'LINESTRING EMPTY');
  assert.equal(toWkt(parseWkt('POINT EMPTY')), 'POINT EMPTY');
});

test('toWkt: JTS formatting and round trips', () => {
  for (const wkt of [SQUARE, HOLED, MULTI, LINE, 'POINT (5 5)', 'MULTIPOINT ((1 2), (3 4))',
    'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))', 'POINT (-1.5 2.25)']) {
    assert.equal(toWkt(parseWkt(wkt)), wkt);
    assert.deepEqual(parseWkt(toWkt(parseWkt(wkt))), parseWkt(wkt));
  }
  assert.equal(toWkt(parseWkt('polygon((0 0,0 10,10 10,10 0,0 0))')), SQUARE);
  assert.equal(toWkt(parseWkt('MULTIPOINT(1 2,3 4)')), 'MULTIPOINT ((1 2), (3 4))');
  assert.equal(toWkt({ type: 'Point', coordinates: [10.0, -0] }), 'POINT (10 0)');
  assert.equal(toWkt({ type: 'Point', coordinates: [0.1 + 0.2, 1 / 3] }), 'POINT (0.3 0.333333333333333)');
  assert.equal(toWkt({ type: 'Point', coordinates: [1e-7, 123456.789] }), 'POINT (0.0000001 123456.789)');
  assert.equal(toWkt({ type: 'Point', coordinates: [1e21, 2.5e-3] }), 'POINT (1000000000000000000000 0.0025)');
  throwsGeometry(() => toWkt({ type: 'Circle', coordinates: [0, 0] }));
  throwsGeometry(() => toWkt(null));
  throwsGeometry(() => toWkt({ type: 'toString', coordinates: [] }));
  throwsGeometry(() => area({ type: 'Polygon', coordinates: 'POLYGON' }));
});

test('measures of a square', () => {
  const g = parseWkt(SQUARE);
  assert.equal(area(g), 100);
  assert.equal(length(g), 40);
  closePoint(centroid(g), 5, 5);
  assert.deepEqual(envelope(g), { minX: 0, minY: 0, maxX: 10, maxY: 10 });
  assert.equal(pointCount(g), 5);
  // Orientation does not matter.
  assert.equal(area(parseWkt('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))')), 100);
});

test('measures of a triangle', () => {
  const g = parseWkt('POLYGON ((0 0, 4 0, 0 3, 0 0))');
  assert.equal(area(g), 6);
  assert.equal(length(g), 12);
  closePoint(centroid(g), 4 / 3, 1);
});

test('measures of a polygon with a hole', () => {
  const g = parseWkt(HOLED);
  assert.equal(area(g), 96);
  assert.equal(length(g), 48);
  closePoint(centroid(g), 488 / 96, 488 / 96); // (100*5 - 4*3) / 96
  assert.equal(pointCount(g), 10);
});

test('measures of a multipolygon', () => {
  const g = parseWkt(MULTI);
  assert.equal(area(g), 150);
  assert.equal(length(g), 70);
  closePoint(centroid(g), (100 * 5 + 50 * 25) / 150, (100 * 5 + 50 * 2.5) / 150);
  assert.deepEqual(envelope(g), { minX: 0, minY: 0, maxX: 30, maxY: 10 });
});

test('measures of a line and points', () => {
  const l = parseWkt(LINE);
  assert.equal(area(l), 0);
  assert.equal(length(l), 11);
  closePoint(centroid(l), (5 * 1.5 + 6 * 3) / 11, (5 * 2 + 6 * 7) / 11);
  const mp = parseWkt('MULTIPOINT ((0 0), (4 0), (2 6))');
  assert.equal(area(mp), 0);
  assert.equal(length(mp), 0);
  closePoint(centroid(mp), 2, 2);
  closePoint(centroid(parseWkt('POINT (7 9)')), 7, 9);
  assert.equal(centroid(parseWkt('POLYGON EMPTY')), null);
  assert.equal(envelope(parseWkt('POINT EMPTY')), null);
});

test('parseWkt rejects junk with GeometryError', () => {
  const bad = ['', '   ', 'POLYGON', 'POLYGON(', 'POLYGON((0 0, 1 1)', 'POLYGON((0 0, 1 1)) x',
    'POINT(1)', 'POINT(1 2 3 4 5)', 'POINT(NaN 1)', 'POINT(1 Infinity)', 'POINT(1e999 1)', 'POINT(1e 2)',
    'CIRCLE(1 2)', 'POINT(1 2', 'POINT(1..2 3)', 'POINT(- 1)', 'POINT(1,2)', 'GEOMETRYCOLLECTION(POINT(1 2))',
    'POLYGON(0 0, 1 1, 1 0, 0 0)', 'MULTIPOLYGON((0 0, 1 1, 1 0, 0 0))', 'POINT EMPTY x', 'POINT FOO (1 2)',
    '((((', ')', 'POLYGON((0 0 , , 1 1))', 'LINESTRING(0 0; 1 1)', '\u0000', 'POINT(\u00a01 2)'];
  for (const s of bad) throwsGeometry(() => parseWkt(s));
  for (const v of [null, undefined, 42, {}, ['POINT(1 2)']]) throwsGeometry(() => parseWkt(v));
});

test('parseWkt fuzz: only GeometryError, never anything else', () => {
  let seed = 12345;
  const rand = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const alphabet = ['POLYGON', 'POINT', 'MULTI', 'LINESTRING', 'EMPTY', '(', ')', ',', ' ', '1', '-2.5', 'e', '.', 'x', '\n'];
  const seeds = [SQUARE, HOLED, MULTI, LINE, 'MULTIPOINT (1 2, 3 4)'];
  for (let n = 0; n < 3000; n++) {
    let s;
    if (n % 2) {
      s = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    } else { // mutate a valid WKT
      const base = seeds[n % seeds.length];
      const at = Math.floor(rand() * base.length);
      s = base.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)] + base.slice(at + Math.floor(rand() * 3));
    }
    try {
      const g = parseWkt(s);
      assert.equal(typeof isValidGeometry(g), 'boolean');
      assert.deepEqual(parseWkt(toWkt(g)), g);
    } catch (e) {
      if (!(e instanceof GeometryError)) throw new Error(`${JSON.stringify(s)} threw ${e}`);
    }
  }
});

test('parseWkt: 10 MB inputs finish fast', () => {
  const MB10 = 10 * 1024 * 1024;
  const inputs = [
    `POLYGON((${'1 2, '.repeat(MB10 / 5)}`, // never closed
    '('.repeat(MB10),
    'A'.repeat(MB10),
    `POINT(${'9'.repeat(MB10)} 1)`,
    `POINT(1 2)${' '.repeat(MB10)}x`,
    `POLYGON((0 0, ${'1'.repeat(MB10)}`,
  ];
  for (const s of inputs) {
    const t = performance.now();
    throwsGeometry(() => parseWkt(s));
    const ms = performance.now() - t;
    assert.ok(ms < 3000, `took ${ms} ms`);
  }
  // A valid 10 MB polygon parses too.
  const n = 800000;
  const ring = Array.from({ length: n }, (_, i) => `${i} ${i % 2}`);
  const big = `POLYGON ((${ring.join(', ')}, 0 0))`;
  const t = performance.now();
  assert.equal(pointCount(parseWkt(big)), n + 1);
  assert.ok(performance.now() - t < 5000);
});

test('isValidGeometry accepts valid geometries', () => {
  for (const wkt of [SQUARE, HOLED, MULTI, LINE, 'POINT (1 2)', 'MULTIPOINT ((1 2))', 'POLYGON EMPTY',
    'POLYGON ((0 0, 0 10, 0 10, 10 10, 10 0, 0 0))', // repeated point
    'POLYGON ((0 0, 5 5, 10 0, 10 10, 0 10, 0 0))', // concave
    'MULTILINESTRING ((0 0, 1 1), (1 1, 2 0))', 'LINESTRING (0 0, 0 0, 1 1)']) {
    assert.equal(isValidGeometry(parseWkt(wkt)), true, wkt);
  }
});

test('isValidGeometry rejects invalid geometries', () => {
  const invalidWkt = [
    'POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))', // bowtie
    'POLYGON ((0 0, 0 10, 10 10, 10 0))', // unclosed
    'POLYGON ((0 0, 1 1, 0 0))', // too few points
    'POLYGON ((0 0, 1 1, 2 2, 0 0))', // zero area
    'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0, 5 0, 0 0))', // spike back along an edge
    'POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))', // ring touching itself
    'POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 4, 4 2, 2 4, 2 2))', // bowtie hole
    'MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)), ((0 0, 10 10, 10 0, 0 10, 0 0)))',
    'LINESTRING (1 1, 1 1)',
    'MULTILINESTRING ((0 0, 1 1), (2 2, 2 2))',
  ];
  for (const wkt of invalidWkt) assert.equal(isValidGeometry(parseWkt(wkt)), false, wkt);
  const junk = [null, undefined, 0, 'POINT (1 2)', {}, { type: 'Polygon' }, { type: 'Circle', coordinates: [0, 0] },
    { type: 'Point', coordinates: [NaN, 1] }, { type: 'Point', coordinates: [1, Infinity] },
    { type: 'Point', coordinates: ['1', 2] }, { type: 'Polygon', coordinates: [[[0, 0], [1]]] },
    { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, NaN], [0, 0]]] }, { type: 'LineString', coordinates: [[0, 0]] },
    { type: 'Polygon', coordinates: [[]] }, { type: 'MultiPolygon', coordinates: [[[0, 0]]] },
    { type: 'toString', coordinates: [] }, { type: 'constructor', coordinates: [[0, 0]] }];
  for (const g of junk) assert.equal(isValidGeometry(g), false, JSON.stringify(g));
});

test('isValidGeometry: large rings skip the O(n^2) test and stay fast', () => {
  const n = 5000;
  const ring = Array.from({ length: n }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    return [1000 + 500 * Math.cos(t), 1000 + 500 * Math.sin(t)];
  });
  ring.push(ring[0]);
  const t = performance.now();
  assert.equal(isValidGeometry({ type: 'Polygon', coordinates: [ring] }), true);
  const small = ring.filter((_, i) => i % 4 === 0);
  small.push(small[0]);
  assert.equal(isValidGeometry({ type: 'Polygon', coordinates: [small] }), true);
  assert.ok(performance.now() - t < 2000);
});

test('clipToImage', () => {
  const half = clipToImage(parseWkt('POLYGON ((-10 0, -10 10, 10 10, 10 0, -10 0))'), 100, 100);
  assert.equal(half.type, 'Polygon');
  assert.equal(area(half), 100);
  assert.ok(isValidGeometry(half));
  const corner = clipToImage(parseWkt('POLYGON ((90 90, 90 110, 110 110, 110 90, 90 90))'), 100, 100);
  assert.equal(area(corner), 100);
  assert.deepEqual(envelope(corner), { minX: 90, minY: 90, maxX: 100, maxY: 100 });
  // Triangle half out of the top edge: area of the part with y >= 0.
  const tri = clipToImage(parseWkt('POLYGON ((0 -10, 20 10, 0 10, 0 -10))'), 50, 50);
  close(area(tri), 200 - 50);
  // Holes are clipped too.
  const holed = clipToImage(parseWkt('POLYGON ((-10 -10, -10 10, 10 10, 10 -10, -10 -10), (-2 -2, -2 2, 2 2, 2 -2, -2 -2))'), 100, 100);
  assert.equal(area(holed), 100 - 4);
  // Inside: unchanged. Outside: null.
  const inside = parseWkt(SQUARE);
  assert.equal(clipToImage(inside, 100, 100), inside);
  assert.equal(clipToImage(parseWkt('POLYGON ((200 200, 200 300, 300 300, 300 200, 200 200))'), 100, 100), null);
  assert.equal(clipToImage(parseWkt('POLYGON ((-10 0, -10 10, 0 10, 0 0, -10 0))'), 100, 100), null); // only an edge left
  // MultiPolygon with one member outside becomes a Polygon.
  const mp = clipToImage(parseWkt('MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)), ((200 0, 200 5, 300 5, 300 0, 200 0)))'), 100, 100);
  assert.equal(toWkt(mp), SQUARE);
  // Lines and points.
  assert.equal(toWkt(clipToImage(parseWkt('LINESTRING (-5 5, 5 5, 5 -5)'), 100, 100)), 'LINESTRING (0 5, 5 5, 5 0)');
  assert.equal(toWkt(clipToImage(parseWkt('LINESTRING (5 5, 5 -5, 10 -5, 10 5)'), 100, 100)),
    'MULTILINESTRING ((5 5, 5 0), (10 0, 10 5))');
  assert.equal(clipToImage(parseWkt('LINESTRING (-5 -5, -1 -1)'), 100, 100), null);
  assert.equal(toWkt(clipToImage(parseWkt('MULTIPOINT ((1 1), (-1 1), (50 50))'), 100, 100)), 'MULTIPOINT ((1 1), (50 50))');
  assert.equal(toWkt(clipToImage(parseWkt('MULTIPOINT ((1 1), (-1 1))'), 100, 100)), 'POINT (1 1)');
  assert.equal(clipToImage(parseWkt('POINT (101 1)'), 100, 100), null);
  assert.equal(clipToImage(parseWkt('POLYGON EMPTY'), 100, 100), null);
});

test('intersectsEnvelope', () => {
  const sq = parseWkt(SQUARE);
  const box = (minX, minY, maxX, maxY) => ({ minX, minY, maxX, maxY });
  assert.equal(intersectsEnvelope(sq, box(5, 5, 6, 6)), true); // box inside the polygon
  assert.equal(intersectsEnvelope(sq, box(-5, -5, 50, 50)), true); // polygon inside the box
  assert.equal(intersectsEnvelope(sq, box(10, 0, 20, 10)), true); // touching edge
  assert.equal(intersectsEnvelope(sq, box(20, 20, 30, 30)), false);
  const tri = parseWkt('POLYGON ((0 0, 10 0, 0 10, 0 0))');
  assert.equal(intersectsEnvelope(tri, box(8, 8, 9, 9)), false); // envelopes overlap, shapes do not
  assert.equal(intersectsEnvelope(tri, box(4, 4, 9, 9)), true); // hypotenuse crosses the box
  const line = parseWkt('LINESTRING (0 5, 20 5)');
  assert.equal(intersectsEnvelope(line, box(8, 0, 9, 10)), true); // crossing, no vertex inside
  assert.equal(intersectsEnvelope(line, box(8, 6, 9, 10)), false);
  const holed = parseWkt('POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))');
  assert.equal(intersectsEnvelope(holed, box(4, 4, 6, 6)), false); // inside the hole
  assert.equal(intersectsEnvelope(holed, box(1, 4, 6, 6)), true);
  assert.equal(intersectsEnvelope(parseWkt('MULTIPOINT ((0 0), (10 10))'), box(4, 4, 6, 6)), false);
  assert.equal(intersectsEnvelope(parseWkt('POINT (5 5)'), box(4, 4, 6, 6)), true);
  assert.equal(intersectsEnvelope(parseWkt('POLYGON EMPTY'), box(0, 0, 1, 1)), false);
});

test('translateScale maps every position', () => {
  const g = translateScale(parseWkt(HOLED), (x, y) => [x * 2 + 1, y - 1]);
  assert.equal(toWkt(g), 'POLYGON ((1 -1, 1 9, 21 9, 21 -1, 1 -1), (5 1, 5 3, 9 3, 9 1, 5 1))');
  assert.equal(area(g), 192);
  assert.equal(toWkt(translateScale(parseWkt('POINT (1 2)'), (x, y) => [y, x])), 'POINT (2 1)');
  assert.equal(toWkt(translateScale(parseWkt(MULTI), (x, y) => [x, y])), MULTI);
  assert.equal(toWkt(translateScale(parseWkt('POINT EMPTY'), (x, y) => [x, y])), 'POINT EMPTY');
});
