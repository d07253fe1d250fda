// The slide viewer: an image's tiles (OpenLayers, tiles fetched and signed by the package), the
// annotations of the visible area (the annotation search's bounding-box filter, coloured by
// term, updated as the view moves), the gallery's filters (term, author, tag, review, dates), the detail of a clicked
// shape, drawing, modifying and deleting annotations with undo, the algorithm layers
// (viewer/algorithm-layers.js), and the position in the URL.
import { h, mount, formatInt, imageName, plural } from '../lib/dom.js';
import { algorithmNote, errorBox, loading } from './common.js';
import { openDetail } from './detail.js';
import { createSlideMap, safeColor } from '../viewer/slide-map.js';
import { createAlgorithmLayers } from '../viewer/algorithm-layers.js';
import { parseViewerHash, viewerHash } from '../lib/url-state.js';
import { filterOptions } from '../lib/search-filters.js';
import { projectRights } from '../lib/project-rights.js';
import { treeOrder } from '../lib/term-tree.js';
import * as ol from '../vendor/ol.js';

/** Most annotations drawn at once (the newest of the visible area); zooming in shows the rest. */
export const MAX_SHAPES = 5000;
const REFRESH_DELAY_MS = 120;

export async function render(container, ctx, scope) {
  const state = parseViewerHash(location.hash);
  const { Project, ImageInstance, TermCollection, UserCollection, TagCollection, AnnotationCollection, Annotation } = ctx.session.models;
  mount(container, h('section', { class: 'view' }, loading('Opening the slide…')));
  ensureStylesheet();

  const byProject = { filterKey: 'project', filterValue: state.projectId };
  // The image and its tile source (the reference slice) load while the project's terms and users do.
  const imageAndTiles = ImageInstance.fetch(state.imageId).then(async (image) => [image, await image.fetchTileSource()]);
  const [project, [image, tiles], terms, users] = await Promise.all([
    Project.fetch(state.projectId),
    imageAndTiles,
    new TermCollection(byProject).fetchAll({ signal: scope.signal }),
    new UserCollection(byProject).fetchAll({ signal: scope.signal }),
  ]);
  if (scope.disposed) return;
  ctx.setTitle(`${imageName(image)} · ${project.name}`);
  // The ontology as a tree (children under their parent), as in the project page.
  const termTree = treeOrder(terms.array);
  const termsById = new Map(termTree.map(({ term }) => [term.id, term]));
  const usersById = new Map(users.array.map((u) => [u.id, u]));
  const filters = state.filters;
  const rights = projectRights({ project, me: ctx.session.me, auth: ctx.session.auth, members: users.array });

  // --- Layout --------------------------------------------------------------------------
  const mapEl = h('div', { class: 'slide-map', id: 'slide-map', tabindex: '0', 'aria-label': `Slide ${imageName(image)}: drag to pan, scroll or +/- to zoom` });
  const statusText = h('p', { class: 'viewer-status', id: 'viewer-status', role: 'status', 'aria-live': 'polite' }, 'Loading annotations…');
  const errorSlot = h('div', { class: 'error-slot' });
  const modeButtons = new Map();
  const modeButton = (mode, label, hint) => {
    const b = h('button', { type: 'button', class: 'btn btn-small mode-button', 'aria-pressed': 'false', dataset: { mode }, title: hint, onclick: () => setMode(mode) }, label);
    modeButtons.set(mode, b);
    return b;
  };
  const drawTerm = h(
    'select',
    { id: 'draw-term', 'aria-label': 'Term of new annotations' },
    h('option', { value: '' }, 'No term'),
    termTree.map(({ term, depth }) => h('option', { value: term.id }, `${'\u2003'.repeat(depth)}${term.name}`)),
  );
  const deleteButton = h('button', { type: 'button', class: 'btn btn-small', id: 'delete-annotation', disabled: true, onclick: () => deleteSelected() }, 'Delete');
  const undoButton = h('button', { type: 'button', class: 'btn btn-small', id: 'viewer-undo', disabled: true, onclick: () => undo() }, 'Undo');
  const rotateButtons = [15, -15].map((degrees) => h('button', {
    type: 'button', class: 'btn btn-small rotate-button', disabled: true, dataset: { degrees },
    'aria-label': `Rotate the selected annotation ${Math.abs(degrees)}° ${degrees > 0 ? 'counter-clockwise' : 'clockwise'}`,
    onclick: () => rotateSelected(degrees),
  }, degrees > 0 ? '⟲ 15°' : '⟳ 15°'));
  const selectedText = h('p', { class: 'muted small', id: 'viewer-selection' }, 'No annotation selected.');
  // "Reviewed only" shows the reviewed copies: the demo edits user annotations only.
  const reviewedNote = h('p', { class: 'muted small', id: 'viewer-reviewed-note', hidden: true }, 'Reviewed annotations are shown read-only: turn off "Reviewed only" to draw or edit.');

  const termToggles = new Map();
  const termToggle = (key, name, color, depth = 0) => {
    const b = h(
      'button',
      {
        type: 'button', class: 'term-toggle viewer-term', 'aria-pressed': 'false', dataset: { termId: key, depth }, style: { '--depth': depth },
        onclick: () => {
          if (key === 'none') filters.noTerm = !filters.noTerm;
          else toggle(filters.terms, key);
          syncFilters();
        },
      },
      h('span', { class: 'term-chip', style: { '--term-color': safeColor(color) } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), name),
    );
    termToggles.set(key, b);
    return h('li', {}, b);
  };
  const userToggles = new Map();
  const userToggle = (u) => {
    const b = h('button', {
      type: 'button', class: 'user-toggle', 'aria-pressed': 'false', dataset: { userId: u.id },
      onclick: () => {
        toggle(filters.users, u.id);
        syncFilters();
      },
    }, u.username);
    userToggles.set(u.id, b);
    return h('li', {}, b);
  };
  // The server's tags ("no tag" too), listed after the viewer opens.
  const tagToggles = new Map();
  const tagToggle = (key, name) => {
    const b = h('button', {
      type: 'button', class: 'user-toggle viewer-tag', 'aria-pressed': 'false', dataset: { tagId: key },
      'aria-label': key === 'none' ? 'Show the annotations with no tag' : `Show the annotations tagged ${name}`,
      onclick: () => {
        if (key === 'none') filters.noTag = !filters.noTag;
        else toggle(filters.tags, key);
        syncFilters();
      },
    }, h('span', { class: 'tag-mark', 'aria-hidden': 'true' }, '#'), h('span', {}, name));
    tagToggles.set(key, b);
    return h('li', {}, b);
  };
  const tagChips = h('ul', { class: 'user-chips', id: 'viewer-tags', 'aria-label': 'Tags' }, tagToggle('none', 'No tag'));
  // Review, as in the gallery: not yet accepted (notReviewedOnly), or the reviewed copies (reviewed=true).
  const reviewToggle = (key, label, other) => {
    const b = h('button', {
      type: 'button', class: 'user-toggle', id: `viewer-${key === 'notReviewed' ? 'not-reviewed' : 'reviewed'}`, 'aria-pressed': 'false',
      onclick: () => {
        filters[key] = !filters[key];
        if (filters[key]) filters[other] = false;
        syncFilters();
      },
    }, label);
    return b;
  };
  const notReviewedToggle = reviewToggle('notReviewed', 'Not reviewed yet', 'reviewed');
  const reviewedToggle = reviewToggle('reviewed', 'Reviewed only', 'notReviewed');
  if (filters.notReviewed && filters.reviewed) filters.notReviewed = false; // a hand-made URL: the two exclude each other
  // App Engine results (today's core): the image's annotation layers, below the filters.
  const shownLayers = state.layers;
  const layersSlot = h('div', { class: 'algorithm-layers-slot' });
  const after = h('input', { type: 'date', id: 'filter-after', value: filters.after ?? '', onchange: () => { filters.after = after.value || null; syncFilters(); } });
  const before = h('input', { type: 'date', id: 'filter-before', value: filters.before ?? '', onchange: () => { filters.before = before.value || null; syncFilters(); } });

  mount(
    container,
    h(
      'section',
      { class: 'view viewer-view', dataset: { projectId: project.id, imageId: image.id } },
      h(
        'nav',
        { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
        h('a', { href: '#/' }, 'Projects'), h('span', { 'aria-hidden': 'true' }, ' / '),
        h('a', { href: `#/project/${project.id}` }, project.name), h('span', { 'aria-hidden': 'true' }, ' / '),
        h('span', { 'aria-current': 'page' }, imageName(image)),
      ),
      h(
        'div',
        { class: 'viewer-layout' },
        h(
          'aside',
          { class: 'viewer-side panel', 'aria-label': 'Viewer tools and filters' },
          h('h1', { class: 'viewer-title' }, imageName(image)),
          h('p', { class: 'muted small' }, `${formatInt(image.width)} × ${formatInt(image.height)} px${image.physicalSizeX ? ` · ${image.physicalSizeX} µm/px` : ' · not calibrated'}`),
          statusText,
          errorSlot,
          h('h2', {}, 'Tools'),
          h('p', { class: ['role-note', rights.limits() && 'role-limited'], id: 'viewer-role' }, rights.summary(), rights.limits() ? ` ${rights.limits()}` : ''),
          h('div', { class: 'toolbar mode-bar', role: 'group', 'aria-label': 'Mode' }, modeButton('navigate', 'Select', 'Click a shape to open its detail'), modeButton('draw', 'Draw polygon', 'Click to add points, double-click to finish'), modeButton('edit', 'Modify', 'Click a shape, then drag its vertices, drag inside it to move it, or rotate it')),
          reviewedNote,
          h('label', { class: 'inline-label' }, 'New annotations: ', drawTerm),
          selectedText,
          h('div', { class: 'toolbar' }, rotateButtons, deleteButton, undoButton),
          h('h2', {}, 'Filters'),
          h('ul', { class: 'term-bars viewer-terms', 'aria-label': 'Terms' }, termTree.map(({ term, depth }) => termToggle(term.id, term.name, term.color, depth)), termToggle('none', 'No term', '#8a8f98')),
          users.length ? h('ul', { class: 'user-chips', 'aria-label': 'Authors' }, users.array.map(userToggle)) : null,
          h('div', { class: 'date-filters' }, h('label', {}, 'From ', after), h('label', {}, 'To ', before)),
          tagChips,
          h('ul', { class: 'user-chips', 'aria-label': 'Review' }, h('li', {}, notReviewedToggle), h('li', {}, reviewedToggle)),
          algorithmNote(ctx.session.cytomine?.core),
          layersSlot,
        ),
        h('div', { class: 'viewer-main' }, mapEl),
      ),
    ),
  );

  // --- Map -----------------------------------------------------------------------------
  const colorOf = (feature) => {
    const termIds = feature.get('annotation')?.term ?? [];
    return termIds.length ? termsById.get(termIds[0])?.color : null;
  };
  const slide = createSlideMap({ target: mapEl, image, tiles, colorOf });
  let mode = 'navigate';
  let selectedId = null;
  scope.onDispose(() => slide.dispose());
  const viewerState = { slide, refreshes: 0, lastQuery: null, shown: 0, total: null, algorithmRefreshes: 0, algorithmShown: 0 };
  window.__viewer = viewerState; // for the console, the browser tests and the benchmark

  if (state.position) {
    slide.view.setCenter([state.position.x, state.position.y]);
    slide.view.setZoom(state.position.zoom);
  } else if (state.annotation) {
    try {
      const a = await Annotation.fetch(state.annotation);
      const box = slide.wkt.readGeometry(a.location).getExtent();
      slide.fitBox(box);
      select(a.id);
    } catch (error) {
      mount(errorSlot, errorBox(error, { context: `Could not centre on annotation ${state.annotation}` }));
    }
  }
  if (scope.disposed) return;

  // --- Annotations of the visible area --------------------------------------------------
  let refreshTimer = null;
  let refreshController = null;
  const scheduleRefresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DELAY_MS);
  };
  scope.onDispose(() => {
    clearTimeout(refreshTimer);
    refreshController?.abort();
  });

  /** The search of the visible area with the filters (what is sent, and tests compare). */
  function query() {
    const [minX, minY, maxX, maxY] = slide.visibleExtent();
    const q = {
      project: project.id, image: image.id, bbox: `${Math.floor(minX)},${Math.floor(minY)},${Math.ceil(maxX)},${Math.ceil(maxY)}`,
      showDefault: false, showBasic: true, showWKT: true, showTerm: true, nbPerPage: MAX_SHAPES,
    };
    return { ...q, ...filterOptions({ ...filters, images: null }) };
  }

  /** Loads the annotations of the view; unchanged searches are skipped unless `force`d (after an edit). */
  async function refresh({ force = false } = {}) {
    const q = query();
    if (!force && viewerState.lastQuery && JSON.stringify(q) === JSON.stringify(viewerState.lastQuery)) return;
    refreshController?.abort();
    const controller = new AbortController();
    refreshController = controller;
    try {
      const collection = new AnnotationCollection(q);
      await collection.fetchPage(0, false, { signal: controller.signal });
      if (controller.signal.aborted || scope.disposed) return;
      viewerState.shown = slide.setAnnotations(collection.array);
      viewerState.total = collection.totalNbItems ?? collection.length;
      viewerState.lastQuery = q;
      viewerState.refreshes += 1;
      const more = viewerState.total > viewerState.shown;
      statusText.textContent = more
        ? `Showing the ${formatInt(viewerState.shown)} newest of ${formatInt(viewerState.total)} annotations in view: zoom in to see them all.`
        : `${plural(viewerState.shown, 'annotation')} in view.`;
      statusText.dataset.shown = viewerState.shown;
      statusText.dataset.total = viewerState.total;
      mount(errorSlot);
    } catch (error) {
      if (controller.signal.aborted || scope.disposed) return;
      mount(errorSlot, errorBox(error, { context: 'Could not load the annotations of this area', retry: () => refresh({ force: true }) }));
    }
  }

  slide.map.on('moveend', () => {
    saveInUrl();
    scheduleRefresh();
  });

  /** Position and filters in the URL (replaceState: no history entry, no hashchange). */
  function saveInUrl() {
    if (scope.disposed) return; // another view owns the URL now
    const center = slide.view.getCenter();
    const zoom = slide.view.getZoom();
    if (!center || zoom === undefined) return;
    const hash = viewerHash({ projectId: project.id, imageId: image.id, position: { x: center[0], y: center[1], zoom }, filters, layers: shownLayers });
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  function syncFilters() {
    syncToggles();
    saveInUrl();
    refresh();
  }

  function syncToggles() {
    for (const [key, b] of termToggles) b.setAttribute('aria-pressed', String(key === 'none' ? filters.noTerm : filters.terms.has(key)));
    for (const [id, b] of userToggles) b.setAttribute('aria-pressed', String(filters.users.has(id)));
    for (const [key, b] of tagToggles) b.setAttribute('aria-pressed', String(key === 'none' ? filters.noTag : filters.tags.has(key)));
    notReviewedToggle.setAttribute('aria-pressed', String(filters.notReviewed));
    reviewedToggle.setAttribute('aria-pressed', String(filters.reviewed));
    // read-only while the reviewed copies are shown
    reviewedNote.hidden = !filters.reviewed;
    for (const m of ['draw', 'edit']) modeButtons.get(m).disabled = filters.reviewed;
    deleteButton.disabled = !selectedId || filters.reviewed;
    if (filters.reviewed && mode !== 'navigate') setMode('navigate');
  }

  // --- Selection, detail, drawing, modifying, deleting, undo -----------------------------
  const draw = new ol.Draw({ source: slide.editSource, type: 'Polygon' });
  const modify = new ol.Modify({ source: slide.editSource });
  // Dragging inside the shape moves it (its vertices are the Modify interaction's, added after).
  const translate = new ol.Translate({ filter: (feature) => slide.editSource.hasFeature(feature) });
  translate.on('translateend', (event) => {
    const feature = event.features.item(0);
    if (feature) updateLocation(feature.getId(), slide.wkt.writeGeometry(feature.getGeometry(), { decimals: 2 }));
  });
  draw.on('drawend', (event) => {
    const location = slide.wkt.writeGeometry(event.feature.getGeometry(), { decimals: 2 });
    // The drawn feature is added to editSource after this event; clear it once saved.
    createAnnotation(location);
  });
  modify.on('modifyend', (event) => {
    const feature = event.features.item(0);
    if (feature) updateLocation(feature.getId(), slide.wkt.writeGeometry(feature.getGeometry(), { decimals: 2 }));
  });

  function setMode(next) {
    mode = filters.reviewed ? 'navigate' : next;
    for (const [m, b] of modeButtons) b.setAttribute('aria-pressed', String(m === mode));
    slide.map.removeInteraction(draw);
    slide.map.removeInteraction(modify);
    slide.map.removeInteraction(translate);
    slide.editSource.clear();
    if (mode === 'draw') slide.map.addInteraction(draw);
    if (mode === 'edit') {
      slide.map.addInteraction(translate);
      slide.map.addInteraction(modify);
      if (selectedId) startEditing(selectedId);
    }
    mapEl.dataset.mode = mode;
    syncRotate();
  }

  function select(id) {
    selectedId = id;
    slide.select(id);
    deleteButton.disabled = !id || filters.reviewed;
    syncRotate();
    selectedText.textContent = id ? `Annotation #${id} selected.` : 'No annotation selected.';
    mapEl.dataset.selected = id ?? '';
  }

  function startEditing(id) {
    slide.editSource.clear();
    const feature = slide.annotationSource.getFeatureById(id);
    if (!feature) return;
    const copy = new ol.Feature(feature.getGeometry().clone());
    copy.setId(id);
    slide.editSource.addFeature(copy);
  }

  slide.map.on('singleclick', (event) => {
    if (mode === 'draw') return;
    const feature = slide.featureAt(event.pixel);
    const id = feature ? feature.getId() : null;
    select(id);
    if (mode === 'edit') {
      if (id) startEditing(id);
      else slide.editSource.clear();
      return;
    }
    if (id) showDetail(id, feature.get('annotation'));
  });

  function showDetail(id, annotation) {
    openDetail({
      ctx, project, termsById, usersById, rights,
      imagesById: new Map([[image.id, image]]),
      items: () => [{ id, image: image.id, project: project.id, term: annotation?.term ?? [] }],
      index: 0,
      loadMore: async () => {},
      hasMore: () => false,
      onChange: () => refresh({ force: true }),
      onClose: () => mapEl.focus(),
    });
  }

  async function createAnnotation(location) {
    const termId = Number(drawTerm.value) || null;
    try {
      const a = new Annotation({ location, image: image.id, project: project.id, term: termId ? [termId] : [] });
      await a.save();
      slide.editSource.clear();
      ctx.toast(`Annotation #${a.id} created${termId ? ` as ${termsById.get(termId)?.name}` : ''}.`, 'success');
      undoButton.disabled = false;
      mapEl.dataset.lastCreated = a.id;
      await refresh({ force: true });
      select(a.id);
    } catch (error) {
      slide.editSource.clear();
      ctx.toast(`Could not save the annotation: ${error?.message ?? error}`, 'error');
    }
  }

  function syncRotate() {
    for (const b of rotateButtons) b.disabled = !(mode === 'edit' && selectedId);
  }

  /** Rotates the selected shape by `degrees` (counter-clockwise) around the centre of its extent, and saves it. */
  function rotateSelected(degrees) {
    const feature = selectedId ? slide.editSource.getFeatureById(selectedId) : null;
    if (!feature) return;
    const geometry = feature.getGeometry();
    geometry.rotate((degrees * Math.PI) / 180, ol.getCenter(geometry.getExtent()));
    updateLocation(selectedId, slide.wkt.writeGeometry(geometry, { decimals: 2 }));
  }

  async function updateLocation(id, location) {
    try {
      const a = await Annotation.fetch(id);
      a.location = location;
      await a.update();
      ctx.toast(`Annotation #${id} modified.`, 'success');
      undoButton.disabled = false;
      await refresh({ force: true });
    } catch (error) {
      ctx.toast(`Could not modify annotation #${id}: ${error?.message ?? error}`, 'error');
      startEditing(id);
    }
  }

  async function deleteSelected() {
    const id = selectedId;
    if (!id) return;
    try {
      await Annotation.delete(id);
      select(null);
      slide.editSource.clear();
      ctx.toast(`Annotation #${id} deleted. Undo brings it back.`, 'success');
      undoButton.disabled = false;
      await refresh({ force: true });
    } catch (error) {
      ctx.toast(`Could not delete annotation #${id}: ${error?.message ?? error}`, 'error');
    }
  }

  async function undo() {
    try {
      const undone = await ctx.session.cytomine.undo();
      const what = undone.map((c) => c.message ?? c.className ?? '').filter(Boolean).join('; ');
      ctx.toast(what ? `Undone: ${what}` : 'Undone.', 'success');
      slide.editSource.clear();
      await refresh({ force: true });
      if (mode === 'edit' && selectedId) startEditing(selectedId);
    } catch (error) {
      ctx.toast(`Could not undo: ${error?.message ?? error}`, 'error');
    }
  }

  const onKey = (event) => {
    if (event.key === 'Escape' && mode === 'draw') draw.abortDrawing();
  };
  document.addEventListener('keydown', onKey);
  scope.onDispose(() => document.removeEventListener('keydown', onKey));

  setMode('navigate');
  syncFilters();

  // (after the map: the layers draw on it)
  if (ctx.session.cytomine?.core === '2026') {
    const layers = createAlgorithmLayers({ cytomine: ctx.session.cytomine, image, slide, scope, shown: shownLayers, onChange: saveInUrl, stats: viewerState });
    mount(layersSlot, layers.element);
    layers.load();
  }

  // The tags arrive after the first shapes; a tag of the URL the server no longer has is dropped.
  TagCollection.fetchAll({ signal: scope.signal }).then((c) => {
    if (scope.disposed) return;
    const byId = new Map(c.array.map((t) => [t.id, t]));
    const unknown = [...filters.tags].filter((id) => !byId.has(id));
    for (const id of unknown) filters.tags.delete(id);
    const sorted = [...byId.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
    mount(tagChips, sorted.map((t) => tagToggle(t.id, t.name)), tagToggle('none', 'No tag'));
    if (unknown.length) syncFilters();
    else syncToggles();
  }, (error) => {
    if (!scope.disposed && error?.kind !== 'aborted') mount(tagChips, h('li', {}, errorBox(error, { context: 'Could not list the tags' })));
  });
}

function toggle(set, value) {
  if (set.has(value)) set.delete(value);
  else set.add(value);
}

/** OpenLayers' stylesheet, once. */
function ensureStylesheet() {
  if (document.getElementById('ol-css')) return;
  document.head.append(h('link', { rel: 'stylesheet', id: 'ol-css', href: 'vendor/ol.css' }));
}
