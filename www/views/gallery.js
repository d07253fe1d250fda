// The annotation gallery: real crops loaded lazily, infinite scroll with a progress indicator,
// keyboard navigation (arrows, Home/End, Enter opens the detail).
//
// Cytomine's annotation search returns the newest first (id descending) and pages through them,
// so "Newest first" streams page by page. The other orders need every matching annotation:
// they are listed once (light fields, pages in parallel, with progress) and sorted here.
import { h, mount, formatInt, formatMeasure, formatDate, imageName, plural, safeColor } from '../lib/dom.js';
import { LazyImages } from '../lib/lazy-images.js';
import { areaOrder } from '../lib/area-order.js';
import { filterOptions } from '../lib/search-filters.js';
import { errorBox } from './common.js';

const PAGE_SIZE = 48;
const LIST_PAGE = 1000; // annotations a request when every one is listed to be sorted here
const LIST_CONCURRENCY = 4;
const PROVISIONAL_EVERY_MS = 800; // how often the provisional first cards follow the listing

export const SORTS = {
  newest: { label: 'Newest first', server: true },
  oldest: { label: 'Oldest first', compare: (a, b) => Number(a.created) - Number(b.created) || a.id - b.id },
  // Areas compared in one unit (µm²; see lib/area-order.js), lines and points last.
  largest: { label: 'Largest area', area: 1 },
  smallest: { label: 'Smallest area', area: -1 },
};

/** Preview sizes: the smallest column width of the grid and the crop's longest side. */
export const PREVIEW_SIZES = {
  small: { label: 'Small', column: 112, crop: 128 },
  medium: { label: 'Medium', column: 168, crop: 256 },
  large: { label: 'Large', column: 300, crop: 512 },
};

/** Groupings of the gallery (gallery-groups.js): one section per term, image or author. */
export const GROUPS = {
  none: { label: 'No grouping' },
  term: { label: 'Term' },
  image: { label: 'Image' },
  author: { label: 'Author' },
};

/**
 * @param {object} o
 * @param {object} o.ctx app context
 * @param {object} o.project
 * @param {Map} o.termsById
 * @param {Map} o.imagesById
 * @param {Map} o.usersById
 * @param {(index: number) => void} o.onOpen opens the detail of item `index`
 * @param {(annotation) => string} [o.viewerHref] link of an annotation in the slide viewer
 */
export function createGallery({ ctx, project, termsById, imagesById, usersById, onOpen, viewerHref }) {
  const { AnnotationCollection } = ctx.session.models;
  const progress = h('progress', { id: 'gallery-progress', max: 1, value: 0, 'aria-label': 'Annotations loaded' });
  const statusText = h('span', { id: 'gallery-status-text' });
  const status = h('div', { class: 'gallery-status', role: 'status', 'aria-live': 'polite' }, statusText, progress);
  const grid = h('ul', { class: 'gallery-grid', id: 'gallery', 'aria-label': 'Annotations', 'aria-describedby': 'gallery-help' });
  const help = h('p', { id: 'gallery-help', class: 'sr-only' }, 'Use the arrow keys to move between annotations and Enter to open one.');
  const errorSlot = h('div', { class: 'error-slot' });
  const more = h('button', { type: 'button', class: 'btn load-more', hidden: true, onclick: () => loadMore() }, 'Load more annotations');
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const element = h('div', { class: 'gallery' }, status, help, grid, errorSlot, more, sentinel);

  let run = null; // the current listing: { controller, loader, items, total, nextBatch, done, busy }
  let focusIndex = 0;

  const sentinelObserver = new IntersectionObserver((records) => {
    if (records.some((r) => r.isIntersecting)) loadMore();
  }, { rootMargin: '600px' });
  sentinelObserver.observe(sentinel);

  /** Starts a new listing for `filters` ({terms, noTerm, images, users, tags, noTag, after, before, sort, size}). */
  function reload(filters) {
    stop();
    const size = PREVIEW_SIZES[filters.size] ?? PREVIEW_SIZES.medium;
    element.style.setProperty('--card-column', `${size.column}px`);
    element.dataset.previewSize = filters.size ?? 'medium';
    const controller = new AbortController();
    const loader = new LazyImages({ concurrency: 6 });
    run = { controller, loader, items: [], total: null, done: false, busy: false, filters };
    run.nextBatch = makeSource(filters, controller.signal, run);
    focusIndex = 0;
    mount(grid);
    mount(errorSlot);
    grid.setAttribute('aria-busy', 'true');
    updateStatus();
    return loadMore();
  }

  function makeSource(filters, signal, state) {
    const options = searchOptions(project.id, filters);
    const sort = SORTS[filters.sort] ?? SORTS.newest;

    if (sort.server) {
      const collection = new AnnotationCollection({ ...options, nbPerPage: PAGE_SIZE });
      let page = 0;
      return async () => {
        await collection.fetchPage(page, false, { signal });
        page += 1;
        state.total = collection.totalNbItems ?? 0;
        const done = collection.length < PAGE_SIZE || page >= (collection.nbPages ?? 0);
        return { items: collection.array.slice(), done };
      };
    }
    let sorted = null;
    let offset = 0;
    const compare = sort.area ? areaOrder(imagesById).compare(sort.area) : sort.compare;
    return async () => {
      if (!sorted) {
        state.listing = { loaded: 0, total: null };
        updateStatus();
        // Every matching annotation is listed (pages in parallel); meanwhile the first cards of
        // what is listed so far are shown, marked provisional, so the gallery is never empty.
        const listed = new Map();
        let shownAt = 0;
        await listAll(options, signal, (page, total) => {
          for (const a of page) listed.set(a.id, a);
          state.listing = { loaded: listed.size, total };
          const now = performance.now();
          if (listed.size < total && now - shownAt > PROVISIONAL_EVERY_MS) {
            shownAt = now;
            showProvisional(state, [...listed.values()].sort(compare).slice(0, PAGE_SIZE));
          }
          updateStatus();
        });
        state.listing = null;
        sorted = [...listed.values()].sort(compare);
        state.total = sorted.length;
      }
      const items = sorted.slice(offset, offset + PAGE_SIZE);
      offset += items.length;
      return { items, done: offset >= sorted.length };
    };
  }

  /** Lists every annotation of `options`, `LIST_PAGE` a request, a few requests in flight. */
  async function listAll(options, signal, onPage) {
    const page = async (k) => {
      const c = new AnnotationCollection({ ...options, nbPerPage: LIST_PAGE });
      await c.fetchPage(k, false, { signal });
      return c;
    };
    const first = await page(0);
    const total = first.totalNbItems ?? first.length;
    onPage(first.array, total);
    const pages = Math.ceil(total / LIST_PAGE);
    let next = 1;
    const worker = async () => {
      while (next < pages) {
        const c = await page(next++);
        onPage(c.array, total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, Math.max(0, pages - 1)) }, worker));
  }

  /** The first cards of a listing still under way (replaced by the final order when it ends). */
  function showProvisional(state, items) {
    if (state !== run) return;
    state.items = items.slice();
    state.provisional = true;
    mount(grid, items.map((a, i) => card(a, i, state.loader)));
    setRoving(Math.min(focusIndex, items.length - 1), false);
  }

  async function loadMore() {
    const state = run;
    if (!state || state.busy || state.done || state.error) return;
    state.busy = true;
    more.hidden = true;
    updateStatus();
    try {
      const { items, done } = await state.nextBatch();
      if (state !== run) return;
      if (state.provisional) {
        // The listing ended: its final order replaces the provisional cards.
        state.provisional = false;
        state.items = [];
        mount(grid);
      }
      const start = state.items.length;
      state.items.push(...items);
      state.done = done;
      grid.append(...items.map((a, i) => card(a, start + i, state.loader)));
      if (start === 0) setRoving(0, false);
    } catch (error) {
      if (state !== run || error?.kind === 'aborted') return;
      state.error = error;
      mount(errorSlot, errorBox(error, {
        context: 'Could not load the annotations',
        retry: () => {
          state.error = null;
          mount(errorSlot);
          loadMore();
        },
      }));
    } finally {
      if (state === run) {
        state.busy = false;
        grid.setAttribute('aria-busy', 'false');
        updateStatus();
        more.hidden = state.done || Boolean(state.error);
        // Keep filling while the sentinel is still visible (tall screens).
        if (!state.done && !state.error && isNearViewport(sentinel)) queueMicrotask(loadMore);
      }
    }
  }

  function isNearViewport(el) {
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight + 600 && r.bottom > -600 && el.offsetParent !== null;
  }

  function updateStatus() {
    const state = run;
    if (!state) return;
    element.dataset.state = state.busy ? 'loading' : state.done ? 'complete' : 'partial';
    element.dataset.provisional = String(Boolean(state.provisional));
    if (state.listing) {
      const { loaded, total } = state.listing;
      statusText.textContent = total
        ? `Listing annotations to sort them: ${formatInt(loaded)} of ${formatInt(total)}…${state.provisional ? ' The cards shown are the first of those listed so far.' : ''}`
        : 'Listing annotations to sort them…';
      progress.max = total || 1;
      if (total) progress.value = loaded;
      else progress.removeAttribute('value');
      return;
    }
    if (state.total === null) {
      statusText.textContent = 'Loading annotations…';
      progress.removeAttribute('value');
      return;
    }
    const shown = state.items.length;
    progress.max = Math.max(1, state.total);
    progress.value = shown;
    progress.hidden = state.total === 0;
    element.dataset.total = state.total;
    element.dataset.shown = shown;
    statusText.textContent = state.total === 0
      ? 'No annotation matches these filters.'
      : `Showing ${formatInt(shown)} of ${plural(state.total, 'annotation')}${state.busy ? ' · loading more…' : ''}`;
  }

  function card(a, index, loader) {
    const cropSize = (PREVIEW_SIZES[run?.filters.size] ?? PREVIEW_SIZES.medium).crop;
    return annotationCard({
      a, index, loader, cropSize, termsById, imagesById, usersById, viewerHref,
      onClick: () => {
        setRoving(index, false);
        onOpen(index);
      },
    });
  }

  /** Roving tabindex: one card is in the tab order; arrows move it. */
  function setRoving(index, focus = true) {
    const buttons = grid.querySelectorAll('.annotation-card');
    if (!buttons.length) return;
    focusIndex = Math.max(0, Math.min(index, buttons.length - 1));
    buttons.forEach((b, i) => b.setAttribute('tabindex', i === focusIndex ? '0' : '-1'));
    if (focus) {
      buttons[focusIndex].focus();
      buttons[focusIndex].scrollIntoView({ block: 'nearest' });
    }
    // Reaching the last rows loads the next page.
    if (run && !run.done && focusIndex >= buttons.length - columns() * 2) loadMore();
  }

  function columns() {
    const items = grid.children;
    if (!items.length) return 1;
    const top = items[0].offsetTop;
    let n = 0;
    while (n < items.length && items[n].offsetTop === top) n++;
    return Math.max(1, n);
  }

  grid.addEventListener('keydown', (event) => {
    const keys = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(), ArrowUp: -columns() };
    if (event.key in keys) {
      event.preventDefault();
      setRoving(focusIndex + keys[event.key]);
    } else if (event.key === 'Home') {
      event.preventDefault();
      setRoving(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      setRoving(grid.children.length - 1);
    }
  });
  grid.addEventListener('focusin', (event) => {
    const index = Number(event.target?.dataset?.index);
    if (Number.isInteger(index) && index !== focusIndex) setRoving(index, false);
  });

  /** Replaces an item after an edit (terms changed) and redraws its card. */
  function updateItem(annotation) {
    if (!run) return;
    const index = run.items.findIndex((a) => a.id === annotation.id);
    if (index < 0) return;
    const old = run.items[index];
    // Keep the search fields (creator, filename) the single-object answer does not carry.
    const merged = Object.assign(old, { term: annotation.term, updated: annotation.updated });
    const li = grid.children[index];
    if (li) {
      const fresh = card(merged, index, run.loader);
      li.replaceWith(fresh);
      fresh.firstChild.setAttribute('tabindex', index === focusIndex ? '0' : '-1');
    }
  }

  /** Marks an item's card deleted (greyed, labelled) or restored, after a change in the detail. */
  function setDeleted(id, isDeleted) {
    if (!run) return;
    const index = run.items.findIndex((a) => a.id === id);
    const button = grid.children[index]?.querySelector('.annotation-card');
    if (index >= 0 && button) markCardDeleted(button, isDeleted);
  }

  function stop() {
    if (!run) return;
    run.controller.abort();
    run.loader.dispose();
    run = null;
  }

  return {
    element,
    reload,
    updateItem,
    setDeleted,
    get items() {
      return run?.items ?? [];
    },
    /** Loads more when the detail moves past the last loaded item. */
    loadMore,
    get done() {
      return run?.done ?? true;
    },
    focusItem: (index) => setRoving(index),
    /** Stops the listing and empties the grid (while the groups are shown instead). */
    clear() {
      stop();
      mount(grid);
      mount(errorSlot);
      more.hidden = true;
    },
    dispose() {
      stop();
      sentinelObserver.disconnect();
    },
  };
}

/** Greys a card out (and says so to screen readers) after its annotation was deleted, or restores it. */
export function markCardDeleted(button, isDeleted) {
  button.classList.toggle('card-deleted', isDeleted);
  button.dataset.deleted = String(isDeleted);
  const label = button.getAttribute('aria-label').replace(/^Deleted: /, '');
  button.setAttribute('aria-label', isDeleted ? `Deleted: ${label}` : label);
}

/** The annotation search of a gallery: the project, the fields a card shows, and the filters. */
export function searchOptions(projectId, filters) {
  return {
    project: projectId, showMeta: true, showGIS: true, showTerm: true, showUser: true, showImage: true,
    ...filterOptions(filters),
  };
}

/**
 * The card of annotation `a` in a gallery grid: its crop (loaded by `loader` when visible), id,
 * term dots, author, date, area and image, and a link to the slide viewer.
 */
export function annotationCard({ a, index, loader, cropSize, termsById, imagesById, usersById, viewerHref, onClick }) {
  const terms = (a.term ?? []).map((id) => termsById.get(id)).filter(Boolean);
  const author = a.creator ?? usersById.get(a.user)?.username ?? `user ${a.user}`;
  const image = imagesById.has(a.image) ? imageName(imagesById.get(a.image)) : a.instanceFilename ?? `image ${a.image}`;
  const img = h('img', { alt: `Crop of annotation ${a.id}`, width: 256, height: 256, decoding: 'async' });
  const label = `Annotation ${a.id}: ${terms.length ? terms.map((t) => t.name).join(', ') : 'no term'}, by ${author}, ${formatMeasure(a.area, a.areaUnit)}`;
  const button = h(
    'button',
    {
      type: 'button', class: 'annotation-card', tabindex: '-1', 'aria-label': label, dataset: { annotationId: a.id, index },
      onclick: onClick,
    },
    h('span', { class: 'crop' }, img),
    h(
      'span',
      { class: 'card-body' },
      h('span', { class: 'card-title' }, h('span', { class: 'card-id' }, `#${a.id}`), termDots(terms)),
      h('span', { class: 'card-meta' }, `${author} · ${formatDate(a.created, { time: false })}`),
      h('span', { class: 'card-meta' }, `${formatMeasure(a.area, a.areaUnit)} · ${image}`),
    ),
  );
  loader.observe(img, (signal) => a.fetchCrop({ maxSize: cropSize, format: 'png', draw: true, signal }));
  const viewerLink = viewerHref
    ? h('a', { class: 'card-viewer-link', href: viewerHref(a), tabindex: '-1', title: `Open annotation ${a.id} in the slide viewer`, 'aria-label': `Open annotation ${a.id} in the slide viewer` }, '⤢')
    : null;
  return h('li', { dataset: { annotationId: a.id } }, button, viewerLink);
}

function termDots(terms) {
  if (!terms.length) return h('span', { class: 'term-dots no-term' }, 'no term');
  return h(
    'span',
    { class: 'term-dots' },
    terms.map((t) => h('span', { class: 'term-dot', style: { background: safeColor(t.color) }, title: t.name })),
    h('span', { class: 'term-dots-names' }, terms.map((t) => t.name).join(', ')),
  );
}
