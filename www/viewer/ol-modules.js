// The OpenLayers modules the viewer uses, bundled by scripts/build.mjs into www/vendor/ol.js
// (gitignored) so the demo stays a plain ES-module page: `import { Map, ... } from '../vendor/ol.js'`.
export { default as Map } from 'ol/Map.js';
export { default as View } from 'ol/View.js';
export { default as TileLayer } from 'ol/layer/Tile.js';
export { default as VectorLayer } from 'ol/layer/Vector.js';
export { default as VectorImageLayer } from 'ol/layer/VectorImage.js';
export { default as TileImage } from 'ol/source/TileImage.js';
export { default as VectorSource } from 'ol/source/Vector.js';
export { CustomTile } from 'ol/source/Zoomify.js';
export { default as TileGrid } from 'ol/tilegrid/TileGrid.js';
export { default as Projection } from 'ol/proj/Projection.js';
export { default as WKT } from 'ol/format/WKT.js';
export { default as Feature } from 'ol/Feature.js';
export { Style, Fill, Stroke, Circle as CircleStyle } from 'ol/style.js';
export { default as OverviewMap } from 'ol/control/OverviewMap.js';
export { default as ScaleLine } from 'ol/control/ScaleLine.js';
export { defaults as defaultControls } from 'ol/control/defaults.js';
export { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
export { default as Draw } from 'ol/interaction/Draw.js';
export { default as Modify } from 'ol/interaction/Modify.js';
export { default as Select } from 'ol/interaction/Select.js';
export { default as Translate } from 'ol/interaction/Translate.js';
export { getCenter, getWidth, getHeight, intersects as extentsIntersect } from 'ol/extent.js';
export { click as clickCondition } from 'ol/events/condition.js';
