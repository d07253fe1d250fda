// The gallery grouped by term, image or author, as in Cytomine's Annotations tab: one section per
// group with its number of annotations and its newest ones, each group a search of its own
// (the gallery's filters plus that term, image or author). A section is searched when it scrolls
// into view, so a project with hundreds of images or authors costs only the groups looked at.
// "Show all" narrows the filters to that group and goes back to the ungrouped gallery.
import { h, mount, formatInt, imageName, plural, safeColor } from '../lib/dom.js';
import { LazyImages } from '../lib/lazy-images.js';
import { errorBox, loading } from './common.js';
import { annotationCard, markCardDeleted, searchOptions, PREVIEW_SIZES } from './gallery.js';

const GROUP_SIZE = 12; // newest annotations shown per group
const NO_TERM_COLOR = '#8a8f98';

/**
 * @param {object} o
 * @param {object} o.ctx app context
 * @param {object} o.project
 * @param {{term: object, depth: number}[]} o.termTree the ontology in tree order
 * @param {Map} o.termsById
 * @param {Map} o.imagesById
 * @param {Map} o.usersById
 * @param {(a: object) => string} [o.viewerHref]
 * @param {(group: object, index: number) => void} o.onOpen opens item `index` of `group.items`
 * @param {(kind: string, key: number|'none') => void} o.onShowAll narrows the filters to one group
 */
export function createGroupedGallery(o) {
  const { AnnotationCollection } = o.ctx.session.models;
  const element = h('div', { class: 'gallery-groups', id: 'gallery-groups', hidden: true });
  let run = null; // { controller, loader, observer, groups }

  /** The groups of `kind` that the filters let through, in display order. */
  function groupsOf(kind, filters) {
    if (kind === 'term') {
      const some = filters.terms.size > 0 || filters.noTerm;
      const list = o.termTree.filter(({ term }) => !some || filters.terms.has(term.id))
        .map(({ term, depth }) => ({ key: term.id, name: term.name, color: safeColor(term.color), depth }));
      if (!some || filters.noTerm) list.push({ key: 'none', name: 'No term', color: NO_TERM_COLOR, depth: 0 });
      return list;
    }
    if (kind === 'image') {
      return [...o.imagesById.values()].filter((i) => !filters.images.size || filters.images.has(i.id)).map((i) => ({ key: i.id, name: imageName(i) }));
    }
    return [...o.usersById.values()].filter((u) => !filters.users.size || filters.users.has(u.id)).map((u) => ({ key: u.id, name: u.username }));
  }

  /** The gallery's filters narrowed to one group. */
  function narrowed(kind, key, filters) {
    const f = { ...filters, terms: new Set(filters.terms), images: new Set(filters.images), users: new Set(filters.users) };
    if (kind === 'term') {
      f.terms = key === 'none' ? new Set() : new Set([key]);
      f.noTerm = key === 'none';
    } else if (kind === 'image') f.images = new Set([key]);
    else f.users = new Set([key]);
    return f;
  }

  function reload(filters) {
    stop();
    const kind = filters.group;
    const controller = new AbortController();
    const loader = new LazyImages({ concurrency: 6 });
    const observer = new IntersectionObserver((records) => {
      for (const r of records) if (r.isIntersecting) load(r.target.group);
    }, { rootMargin: '400px' });
    const cropSize = (PREVIEW_SIZES[filters.size] ?? PREVIEW_SIZES.medium).crop;
    element.style.setProperty('--card-column', `${(PREVIEW_SIZES[filters.size] ?? PREVIEW_SIZES.medium).column}px`);
    const groups = groupsOf(kind, filters).map((g) => {
      const count = h('span', { class: 'group-count' }, '…');
      const grid = h('ul', { class: 'gallery-grid', 'aria-label': `Annotations of ${g.name}` });
      const body = h('div', { class: 'group-body' }, loading());
      const section = h(
        'section',
        { class: 'gallery-group', dataset: { groupKey: g.key, state: 'waiting' }, style: { '--depth': g.depth ?? 0 }, 'aria-label': g.name },
        h('h3', { class: 'group-title' }, g.color ? h('span', { class: 'swatch', style: { background: g.color }, 'aria-hidden': 'true' }) : null, h('span', {}, g.name), count),
        body,
      );
      const group = { ...g, kind, items: [], total: null, section, grid, body, count, filters: narrowed(kind, g.key, filters), cropSize, loaded: false };
      section.group = group;
      observer.observe(section);
      return group;
    });
    run = { controller, loader, observer, groups, filters };
    element.dataset.group = kind;
    mount(element, groups.length ? groups.map((g) => g.section) : h('p', { class: 'muted' }, 'No group: the filters exclude them all.'));
  }

  async function load(group) {
    const state = run;
    if (!state || group.loaded) return;
    group.loaded = true;
    state.observer.unobserve(group.section);
    group.section.dataset.state = 'loading';
    try {
      const collection = new AnnotationCollection({ ...searchOptions(o.project.id, group.filters), nbPerPage: GROUP_SIZE });
      await collection.fetchPage(0, false, { signal: state.controller.signal });
      if (state !== run) return;
      group.items = collection.array.slice();
      group.total = collection.totalNbItems ?? group.items.length;
      group.count.textContent = ` · ${plural(group.total, 'annotation')}`;
      group.section.dataset.total = group.total;
      mount(group.grid, group.items.map((a, index) => card(group, a, index)));
      const all = group.total > group.items.length
        ? h('button', { type: 'button', class: 'btn btn-small show-all', onclick: () => o.onShowAll(group.kind, group.key) }, `Show all ${formatInt(group.total)}`)
        : null;
      mount(group.body, group.total ? group.grid : h('p', { class: 'muted small' }, 'No annotation.'), all);
      group.section.dataset.state = 'complete';
    } catch (error) {
      if (state !== run || error?.kind === 'aborted') return;
      group.loaded = false;
      group.section.dataset.state = 'error';
      mount(group.body, errorBox(error, { context: `Could not load the annotations of ${group.name}`, retry: () => load(group) }));
    }
  }

  function card(group, a, index) {
    const li = annotationCard({
      a, index, loader: run.loader, cropSize: group.cropSize, termsById: o.termsById, imagesById: o.imagesById, usersById: o.usersById,
      viewerHref: o.viewerHref, onClick: () => o.onOpen(group, index),
    });
    li.querySelector('.annotation-card').setAttribute('tabindex', '0');
    return li;
  }

  /** The cards of annotation `id` in every group (an annotation can be in several term groups). */
  function cardsOf(id) {
    return [...element.querySelectorAll(`.annotation-card[data-annotation-id="${Number(id)}"]`)];
  }

  function stop() {
    if (!run) return;
    run.controller.abort();
    run.loader.dispose();
    run.observer.disconnect();
    run = null;
  }

  return {
    element,
    reload,
    /** Redraws the cards of an annotation after its terms changed. */
    updateItem(annotation) {
      for (const group of run?.groups ?? []) {
        const index = group.items.findIndex((a) => a.id === annotation.id);
        if (index < 0) continue;
        Object.assign(group.items[index], { term: annotation.term, updated: annotation.updated });
        group.grid.children[index]?.replaceWith(card(group, group.items[index], index));
      }
    },
    setDeleted(id, isDeleted) {
      for (const button of cardsOf(id)) markCardDeleted(button, isDeleted);
    },
    focusCard(id) {
      cardsOf(id)[0]?.focus();
    },
    /** Stops the searches and empties the groups (while the ungrouped gallery is shown). */
    clear() {
      stop();
      mount(element);
    },
    dispose: stop,
  };
}
