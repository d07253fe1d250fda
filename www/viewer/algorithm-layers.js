// The viewer's algorithm layers: App Engine results, kept by core as annotation layers of an image
// (not in the annotation search). Listed with `image-instances/{id}/annotation-layers` (core's
// `{id, name}` records), each layer's shapes with `annotation-layers/{id}/annotations` (`{id,
// annotationLayer, location}`, `location` the WKT's UTF-8 bytes in base64), both through the
// connection (`cytomine.request`, signed), fetched once and drawn on the slide when switched on.
import { h, mount, plural } from '../lib/dom.js';
import { errorBox } from '../views/common.js';

/**
 * The "Algorithm layers" section of the viewer.
 * @param {{cytomine: object, image: object, slide: object, scope: object, shown: Set<number>,
 *   onChange: () => void, stats: {algorithmRefreshes: number, algorithmShown: number}}} o
 *   `shown`: the layer ids switched on (from the URL; updated here); `onChange`: after a toggle
 *   (the URL keeps `shown`); `stats`: counters for the tests.
 * @returns {{element: HTMLElement, load: () => Promise<void>}}
 */
export function createAlgorithmLayers({ cytomine, image, slide, scope, shown, onChange, stats }) {
  const toggles = new Map();
  const names = new Map();
  const shapes = new Map(); // layer id → [{id, location}], fetched once
  const list = h('ul', { class: 'user-chips', id: 'viewer-layers', 'aria-label': 'Algorithm layers' }, h('li', { class: 'muted small' }, 'Loading the layers…'));
  const status = h('p', { class: 'muted small', id: 'viewer-layers-status', 'aria-live': 'polite' });
  const element = h('div', { class: 'algorithm-layers' }, h('h2', {}, 'Algorithm layers'), list, status);
  let version = 0;

  /** Lists the image's layers as toggles, then draws those switched on. */
  async function load() {
    try {
      const listed = await cytomine.request('GET', 'image-instances/{id}/annotation-layers', { params: { id: image.id }, signal: scope.signal });
      if (scope.disposed) return;
      const layers = (Array.isArray(listed) ? listed : []).filter((l) => Number.isSafeInteger(l?.id) && typeof l.name === 'string');
      for (const l of layers) names.set(l.id, l.name);
      const unknown = [...shown].filter((id) => !names.has(id)); // layers the server no longer lists
      for (const id of unknown) shown.delete(id);
      if (unknown.length) onChange();
      mount(list, layers.length ? layers.map(toggleOf) : h('li', { class: 'muted small' }, 'No algorithm layer on this image.'));
      await draw();
    } catch (error) {
      if (!scope.disposed && error?.kind !== 'aborted') mount(list, h('li', {}, errorBox(error, { context: 'Could not list the algorithm layers' })));
    }
  }

  function toggleOf(layer) {
    const b = h('button', {
      type: 'button', class: 'user-toggle viewer-layer', 'aria-pressed': 'false', dataset: { layerId: layer.id },
      'aria-label': `Show the algorithm layer ${layer.name}`,
      onclick: () => {
        if (shown.has(layer.id)) shown.delete(layer.id);
        else shown.add(layer.id);
        onChange();
        draw();
      },
    }, layer.name);
    toggles.set(layer.id, b);
    return h('li', {}, b);
  }

  /** Draws the shapes of the layers switched on (fetching those not fetched yet). */
  async function draw() {
    const mine = ++version;
    for (const [id, b] of toggles) b.setAttribute('aria-pressed', String(shown.has(id)));
    try {
      for (const id of shown) {
        if (shapes.has(id)) continue;
        const listed = await cytomine.request('GET', 'annotation-layers/{id}/annotations', { params: { id }, signal: scope.signal });
        shapes.set(id, (Array.isArray(listed) ? listed : []).map(decodeLayerAnnotation).filter(Boolean));
      }
      if (mine !== version || scope.disposed) return;
      const drawn = [...shown].map((id) => ({ id, annotations: shapes.get(id) ?? [] }));
      stats.algorithmShown = slide.setAlgorithmShapes(drawn);
      stats.algorithmRefreshes += 1;
      status.textContent = drawn.map(({ id, annotations }) => `${names.get(id)}: ${plural(annotations.length, 'shape')}`).join('; ');
    } catch (error) {
      if (!scope.disposed && error?.kind !== 'aborted') mount(status, errorBox(error, { context: 'Could not load an algorithm layer' }));
    }
  }

  return { element, load };
}

/** One annotation of a layer as core sends it, with its WKT decoded; null when it cannot be read. */
export function decodeLayerAnnotation(a) {
  if (!Number.isSafeInteger(a?.id) || typeof a.location !== 'string') return null;
  try {
    const bytes = Uint8Array.from(atob(a.location), (c) => c.charCodeAt(0));
    return { id: a.id, location: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return null;
  }
}
