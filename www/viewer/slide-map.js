// The OpenLayers map of one slide: tiles from the package's tile source (signed requests,
// object URLs), Cytomine's coordinates (pixels, y up from the bottom-left corner), an overview
// map, a scale bar in µm when the image is calibrated, and a vector layer of annotations that
// is updated by id so panning re-reads only the new shapes.
import * as ol from '../vendor/ol.js';

const SAFE_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const NO_TERM_COLOR = '#8a8f98';

/** A term colour usable in a style: `#rgb` or `#rrggbb`, else grey (server data is not trusted). */
export function safeColor(color) {
  return typeof color === 'string' && SAFE_COLOR.test(color.trim()) ? color.trim() : NO_TERM_COLOR;
}

/** `#rrggbb` (or `#rgb`) with an alpha, as an rgba() string. */
function withAlpha(hex, alpha) {
  let s = hex.slice(1);
  if (s.length === 3) s = s.replace(/./g, '$&$&');
  const n = parseInt(s, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Cached polygon / line / point styles per colour. */
function styleCache() {
  const cache = new Map();
  return (color, selected = false) => {
    const key = `${color}|${selected}`;
    let style = cache.get(key);
    if (!style) {
      const stroke = new ol.Stroke({ color: selected ? '#1e88ff' : color, width: selected ? 3 : 2 });
      const fill = new ol.Fill({ color: withAlpha(color, selected ? 0.3 : 0.18) });
      style = new ol.Style({ stroke, fill, image: new ol.CircleStyle({ radius: 5, fill: new ol.Fill({ color }), stroke: new ol.Stroke({ color: '#fff', width: 1 }) }) });
      cache.set(key, style);
    }
    return style;
  };
}

/**
 * @param {object} o
 * @param {HTMLElement} o.target the map element
 * @param {object} o.image the ImageInstance (width, height, zoom, physicalSizeX)
 * @param {object} o.tiles what `image.fetchTileSource()` resolved to
 * @param {(feature) => string} o.colorOf colour of an annotation feature
 */
export function createSlideMap({ target, image, tiles, colorOf }) {
  const grid = tiles.tileGrid;
  const extent = grid.extent;
  const micronsPerPixel = Number(image.physicalSizeX) > 0 ? Number(image.physicalSizeX) : null;
  const projection = new ol.Projection({
    code: `CYTOMINE-IMAGE-${image.id}`,
    units: 'pixels',
    extent,
    // Metres per pixel, for the scale bar (only when the image is calibrated).
    getPointResolution: micronsPerPixel ? (resolution) => resolution * micronsPerPixel * 1e-6 : undefined,
  });
  const stats = {
    openedAt: performance.now(), firstTileLoadedAt: null, firstTilesDrawnAt: null, firstShapesDrawnAt: null,
    tilesLoaded: 0, tilesFailed: 0, renders: 0, // renders: 'rendercomplete' events (all tiles of the view drawn)
  };

  const tileSource = () => {
    const source = new ol.TileImage({
      projection,
      tileGrid: new ol.TileGrid(grid),
      // Edge tiles are smaller than 256 px: drawn at their size, like Zoomify tiles.
      tileClass: ol.CustomTile.bind(null, grid.tileSize),
      tileUrlFunction: tiles.tileUrlFunction,
      tileLoadFunction: tiles.tileLoadFunction,
      transition: 0,
    });
    return source;
  };
  const baseSource = tileSource();
  baseSource.on('tileloadend', () => {
    stats.tilesLoaded += 1;
    stats.firstTileLoadedAt ??= performance.now();
  });
  baseSource.on('tileloaderror', () => {
    stats.tilesFailed += 1;
  });
  // Own class name: its own canvas (tests read its pixels), not shared with the shapes.
  const tileLayer = new ol.TileLayer({ source: baseSource, extent, preload: 1, className: 'slide-tiles' });
  tileLayer.on('postrender', () => {
    if (stats.firstTileLoadedAt && !stats.firstTilesDrawnAt) stats.firstTilesDrawnAt = performance.now();
  });

  const style = styleCache();
  const annotationSource = new ol.VectorSource();
  let selectedId = null;
  // Drawn as an image while panning and zooming, so thousands of shapes keep frames short.
  const annotationLayer = new ol.VectorImageLayer({
    source: annotationSource,
    imageRatio: 1.5,
    style: (feature) => style(safeColor(colorOf(feature)), feature.getId() === selectedId),
  });
  annotationLayer.on('postrender', () => {
    if (annotationSource.getFeatures().length && !stats.firstShapesDrawnAt) stats.firstShapesDrawnAt = performance.now();
  });
  // App Engine results (annotation layers of the image): dashed outlines under the annotations, not clickable.
  const algorithmSource = new ol.VectorSource();
  const algorithmLayer = new ol.VectorLayer({
    source: algorithmSource,
    style: new ol.Style({ stroke: new ol.Stroke({ color: '#00bcd4', width: 2, lineDash: [6, 4] }), fill: new ol.Fill({ color: 'rgba(0, 188, 212, 0.12)' }) }),
  });
  const editSource = new ol.VectorSource();
  const editLayer = new ol.VectorLayer({
    source: editSource,
    style: new ol.Style({ stroke: new ol.Stroke({ color: '#1e88ff', width: 3 }), fill: new ol.Fill({ color: 'rgba(30, 136, 255, 0.15)' }) }),
  });

  const maxZoom = grid.resolutions.length - 1; // full resolution
  const view = new ol.View({
    projection,
    extent,
    constrainOnlyCenter: true,
    showFullExtent: true,
    maxResolution: grid.resolutions[0] * 2,
    minResolution: 0.25, // digital zoom: 4 screen pixels per slide pixel
    center: ol.getCenter(extent),
  });

  // The overview box: 180 x 140 px, 110 x 86 on narrow screens (styles.css). Its view starts
  // defined (centre, a resolution fitting the box) or it stays blank; OpenLayers then zooms it
  // to keep the main view's box readable.
  const narrow = target.clientWidth > 0 && target.clientWidth < 600;
  const [boxWidth, boxHeight] = narrow ? [110, 86] : [180, 140];
  const overviewResolution = Math.max(extent[2] / (boxWidth - 10), extent[3] / (boxHeight - 10));
  const controls = [
    new ol.OverviewMap({
      className: `ol-overviewmap slide-overview${narrow ? ' narrow' : ''}`,
      layers: [new ol.TileLayer({ source: baseSource, extent })],
      collapsed: false,
      collapsible: true,
      tipLabel: 'Overview',
      view: new ol.View({ projection, center: ol.getCenter(extent), resolution: overviewResolution }),
    }),
  ];
  if (micronsPerPixel) controls.push(new ol.ScaleLine({ units: 'metric', className: 'ol-scale-line slide-scale', minWidth: 90 }));

  const map = new ol.Map({
    target,
    keyboardEventTarget: target, // arrows pan and +/- zoom when the (focusable) map element has the focus
    layers: [tileLayer, algorithmLayer, annotationLayer, editLayer],
    view,
    controls: ol.defaultControls({ attribution: false, rotate: false }).extend(controls),
    interactions: ol.defaultInteractions({ altShiftDragRotate: false, pinchRotate: false }),
  });
  view.fit(extent, { padding: [16, 16, 16, 16] });
  map.on('rendercomplete', () => {
    stats.renders += 1;
  });

  const wkt = new ol.WKT();
  const featuresById = new Map();

  return {
    map,
    view,
    projection,
    tileLayer,
    annotationLayer,
    annotationSource,
    editSource,
    stats,
    maxZoom,
    micronsPerPixel,
    wkt,

    /** The part of the slide on screen, clamped to the image: [minX, minY, maxX, maxY]. */
    visibleExtent() {
      const e = view.calculateExtent(map.getSize());
      return [Math.max(0, e[0]), Math.max(0, e[1]), Math.min(extent[2], e[2]), Math.min(extent[3], e[3])];
    },

    /** Centres on a box of slide coordinates, zoomed so it fills most of the screen. */
    fitBox(box, { padding = 80 } = {}) {
      view.fit(box, { padding: [padding, padding, padding, padding], maxZoom: view.getZoomForResolution(1) });
    },

    /**
     * Shows exactly `annotations` (search results with `location`): features of ids still
     * listed are kept, the others removed, new ones parsed. Returns the number shown.
     */
    setAnnotations(annotations) {
      const keep = new Set();
      const added = [];
      for (const a of annotations) {
        keep.add(a.id);
        const existing = featuresById.get(a.id);
        if (existing && existing.get('annotation')?.location === a.location) {
          existing.set('annotation', a, true);
          continue;
        }
        if (existing) { // modified since it was drawn: parsed again below
          annotationSource.removeFeature(existing);
          featuresById.delete(a.id);
        }
        if (!a.location) continue;
        let feature;
        try {
          feature = wkt.readFeature(a.location);
        } catch {
          continue; // a geometry OpenLayers cannot read is skipped, not fatal
        }
        feature.setId(a.id);
        feature.set('annotation', a, true);
        featuresById.set(a.id, feature);
        added.push(feature);
      }
      const removed = [];
      for (const [id, feature] of featuresById) {
        if (!keep.has(id)) {
          removed.push(feature);
          featuresById.delete(id);
        }
      }
      if (removed.length) annotationSource.removeFeatures(removed);
      if (added.length) annotationSource.addFeatures(added);
      annotationLayer.changed();
      return featuresById.size;
    },

    /**
     * Shows exactly the App Engine annotations of `layers` (`{id, annotations: [{id, location}]}`,
     * `location` a WKT string); an unreadable geometry is skipped. Returns the number drawn.
     */
    setAlgorithmShapes(layers) {
      const features = [];
      for (const { id: layerId, annotations } of layers) {
        for (const a of annotations) {
          try {
            const feature = wkt.readFeature(a.location);
            feature.setId(`${layerId}:${a.id}`);
            features.push(feature);
          } catch {
            // skipped, as in setAnnotations
          }
        }
      }
      algorithmSource.clear(true);
      algorithmSource.addFeatures(features);
      return features.length;
    },

    /** `layer:annotation` ids of the App Engine shapes drawn now. */
    algorithmIds() {
      return algorithmSource.getFeatures().map((f) => f.getId());
    },

    /** Ids of the annotations drawn now. */
    shownIds() {
      return [...featuresById.keys()];
    },

    /** Highlights one annotation (null: none). */
    select(id) {
      selectedId = id;
      annotationLayer.changed();
    },

    /** The annotation feature at a screen pixel, or null. */
    featureAt(pixel) {
      let found = null;
      map.forEachFeatureAtPixel(pixel, (f) => {
        found = f;
        return true;
      }, { layerFilter: (l) => l === annotationLayer, hitTolerance: 3 });
      return found;
    },

    dispose() {
      map.setTarget(undefined);
      map.dispose();
    },
  };
}
