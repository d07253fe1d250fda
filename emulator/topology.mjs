// Exact overlay operations and predicates as core computes them with JTS (and PostGIS's
// ST_Intersects), through jsts, the JavaScript port of JTS. Inputs and outputs are WKT strings;
// the lightweight readers and measures stay in geometry.mjs.
import WKTReader from 'jsts/org/locationtech/jts/io/WKTReader.js';
import WKTWriter from 'jsts/org/locationtech/jts/io/WKTWriter.js';
import OverlayOp from 'jsts/org/locationtech/jts/operation/overlay/OverlayOp.js';
import RelateOp from 'jsts/org/locationtech/jts/operation/relate/RelateOp.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import { GeometryError } from './geometry.mjs';

const reader = new WKTReader();
const writer = new WKTWriter();

/** Parses WKT into a JTS geometry; malformed text is a GeometryError. */
export function readJts(wkt) {
  try {
    return reader.read(String(wkt));
  } catch (e) {
    throw new GeometryError(`invalid WKT: ${e?.message ?? e}`);
  }
}

/** JTS's `toText()`: `POLYGON ((x y, ...))`, `POLYGON EMPTY`... */
export const writeJts = (geometry) => writer.write(geometry);

/** JTS `Geometry.isValid()` (self-intersections, bad rings...). */
export const isValidJts = (geometry) => new IsValidOp(geometry).isValid();

/** ST_Intersects / JTS `intersects`. */
export const intersectsJts = (a, b) => RelateOp.intersects(a, b);

/** JTS `a.difference(b)`. */
export const differenceJts = (a, b) => OverlayOp.difference(a, b);

/** JTS `a.union(b)`. */
export const unionJts = (a, b) => OverlayOp.union(a, b);
