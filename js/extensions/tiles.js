// Viewer tiles: core's `sliceinstance/{id}/normalized-tile/zoom/{z}/tx/{x}/ty/{y}.{fmt}` (contract
// §3.7). Zoom 0 is the whole slide in one tile and the image's `zoom` field the full resolution,
// tiles count from the top-left corner (the grid of Cytomine's web UI). URLs never carry
// credentials: tiles are fetched through the connection (API keys sign each tile, tokens go in
// the Authorization header) and handed to viewers as Blobs or object URLs.
import { invalidArgument } from '../errors.js';
import { imageFormat } from './shared.js';

const TILE_PATH = /\/normalized-tile\/zoom\/(\d+)\/tx\/(\d+)\/ty\/(\d+)\.(\w+)(?:\?|$)/;
/** Reference slices of image objects, for their tiles. */
const referenceSlices = new WeakMap();
/** OpenLayers' `TileState.ERROR`, so the package needs no import from `ol`. */
const OL_TILE_ERROR = 3;

function tileIndex(name, value) {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidArgument(`${name} must be a non-negative integer`);
  return value;
}

/** The tile query of a slice: its plane (as the web UI sends it), then the caller's parameters. */
function tileQuery(slice, parameters) {
  const plane = {};
  if (Number.isInteger(slice.zStack)) plane.zSlices = slice.zStack;
  if (Number.isInteger(slice.time)) plane.timepoints = slice.time;
  return { ...plane, ...parameters };
}

/** Fetches `src`'s tile through `slice`'s connection and shows it in an OpenLayers image tile. */
async function loadIntoTile(slice, tile, src, parameters) {
  const image = tile.getImage();
  try {
    const m = TILE_PATH.exec(String(src));
    if (!m) throw invalidArgument(`Not a tile URL: ${src}`);
    const blob = await slice.fetchTile(Number(m[1]), Number(m[2]), Number(m[3]), { ...parameters, format: m[4] });
    const url = URL.createObjectURL(blob);
    const release = () => URL.revokeObjectURL(url);
    image.addEventListener('load', release, { once: true });
    image.addEventListener('error', release, { once: true });
    image.src = url;
  } catch (error) {
    tile.setState(OL_TILE_ERROR);
    if (typeof tile.error === 'object') tile.error = error;
  }
}

/** Tile URLs and loading on `SliceInstance`. */
export const sliceTiles = (Base) =>
  class extends Base {
    /**
     * The URL of one tile (no credentials in it). Options: `format` (jpg, png, webp) and the
     * server's tile parameters (`channels`, `filters`, `gammas`...).
     */
    tileURL(zoom, tx, ty, { format = 'jpg', ...parameters } = {}) {
      if (this.isNew()) throw invalidArgument('Cannot build a tile URL for a slice with no id');
      const path = `sliceinstance/{id}/normalized-tile/zoom/${tileIndex('zoom', zoom)}/tx/${tileIndex('tx', tx)}/ty/${tileIndex('ty', ty)}.${imageFormat(format)}`;
      return this.cytomine.url(path, { id: this.id }, tileQuery(this, parameters));
    }

    /** The tile URL with `{z}`, `{x}` and `{y}` placeholders (viewers' URL templates). */
    tileURLTemplate(options = {}) {
      return this.tileURL(0, 0, 0, options).replace('/zoom/0/tx/0/ty/0.', '/zoom/{z}/tx/{x}/ty/{y}.');
    }

    /** An OpenLayers `tileUrlFunction`: `[z, x, y]` (rows counted down from the top) to a URL. */
    tileUrlFunction(options = {}) {
      const template = this.tileURLTemplate(options);
      return (tileCoord) => {
        if (!tileCoord) return undefined;
        const [z, x, y] = tileCoord;
        return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
      };
    }

    /** One tile as a `Blob`, fetched with this connection's credentials. Options as `tileURL`, plus `signal`. */
    async fetchTile(zoom, tx, ty, options = {}) {
      const { format = 'jpg', signal, ...parameters } = options ?? {};
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot fetch a tile of a slice with no id'));
      try {
        const path = `sliceinstance/{id}/normalized-tile/zoom/${tileIndex('zoom', zoom)}/tx/${tileIndex('tx', tx)}/ty/${tileIndex('ty', ty)}.${imageFormat(format)}`;
        return this.cytomine.request('GET', path, { params: { id: this.id }, query: tileQuery(this, parameters), responseType: 'blob', signal });
      } catch (error) {
        return Promise.reject(error);
      }
    }

    /**
     * An OpenLayers `tileLoadFunction`: fetches the tile named by `src` (a URL from
     * `tileUrlFunction`) through the connection and shows it through an object URL; a failed
     * tile gets OpenLayers' error state. Options: tile parameters sent with every tile.
     */
    tileLoadFunction(parameters = {}) {
      return (tile, src) => {
        loadIntoTile(this, tile, src, parameters);
      };
    }
  };

/** Tile helpers on `ImageInstance`: the grid from the image's size, tiles of its reference slice. */
export const imageTiles = (Base) =>
  class extends Base {
    /**
     * Options for an OpenLayers `TileGrid` in Cytomine's coordinates (y up, origin at the
     * top-left corner): `{extent, origin, tileSize, resolutions}`, resolutions 2^zoom ... 1.
     */
    tileGridOptions() {
      const { width, height } = this;
      if (!(width > 0 && height > 0)) throw invalidArgument('The image has no width and height');
      const tileSize = this.tileSize > 0 ? this.tileSize : 256;
      let zoom = Number.isInteger(this.zoom) && this.zoom >= 0 ? this.zoom : 0;
      if (!Number.isInteger(this.zoom)) for (let w = width, h = height; w > tileSize || h > tileSize; zoom++) [w, h] = [Math.ceil(w / 2), Math.ceil(h / 2)];
      const resolutions = Array.from({ length: zoom + 1 }, (_, k) => 2 ** (zoom - k));
      return { extent: [0, 0, width, height], origin: [0, height], tileSize: [tileSize, tileSize], resolutions };
    }

    /** The reference slice, fetched once per image object (kept out of the model's fields). */
    _tileSlice() {
      let slice = referenceSlices.get(this);
      if (!slice) {
        slice = this.fetchReferenceSlice().catch((error) => {
          referenceSlices.delete(this);
          throw error;
        });
        referenceSlices.set(this, slice);
      }
      return slice;
    }

    /** One tile of the image's reference slice, as a `Blob` (see `SliceInstance.fetchTile`). */
    async fetchTile(zoom, tx, ty, options = {}) {
      return (await this._tileSlice()).fetchTile(zoom, tx, ty, options);
    }

    /**
     * Everything an OpenLayers tile source needs, from the reference slice: `{slice, url
     * (template), tileUrlFunction, tileLoadFunction, tileGrid (options)}`.
     */
    async fetchTileSource(options = {}) {
      const slice = await this._tileSlice();
      const { format, ...parameters } = options;
      return {
        slice,
        url: slice.tileURLTemplate(options),
        tileUrlFunction: slice.tileUrlFunction(options),
        tileLoadFunction: slice.tileLoadFunction(parameters),
        tileGrid: this.tileGridOptions(),
        format: format ?? 'jpg',
      };
    }
  };
