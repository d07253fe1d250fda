// One project: its terms (chips with a bar chart of annotations per term, as toggles that filter
// the gallery), its images (thumbnails, toggles too), its members (author filter), the sort
// order, the annotation gallery and the detail dialog.
import { h, mount, formatInt, imageName, plural, safeColor } from '../lib/dom.js';
import { LazyImages } from '../lib/lazy-images.js';
import { algorithmNote, errorBox, loading } from './common.js';
import { createGallery, SORTS, GROUPS, PREVIEW_SIZES } from './gallery.js';
import { openDetail } from './detail.js';
import { createGroupedGallery } from './gallery-groups.js';
import { dateBounds, parseProjectHash, projectHash, viewerHash } from '../lib/url-state.js';
import { filterOptions } from '../lib/search-filters.js';
import { treeOrder, searchTree, fold } from '../lib/term-tree.js';
import { projectRights } from '../lib/project-rights.js';

const NO_TERM_COLOR = '#8a8f98';
const IMAGE_SEARCH_FROM = 12; // more images than this: a search by name above the strip

export async function render(container, ctx, scope, { projectId }) {
  const { Project, TermCollection, ImageInstanceCollection, UserCollection, TagCollection } = ctx.session.models;
  mount(container, h('section', { class: 'view' }, loading('Loading the project…')));

  const byProject = { filterKey: 'project', filterValue: projectId };
  const [project, terms, images, users] = await Promise.all([
    Project.fetch(projectId),
    new TermCollection(byProject).fetchAll({ signal: scope.signal }),
    new ImageInstanceCollection(byProject).fetchAll({ signal: scope.signal }),
    new UserCollection(byProject).fetchAll({ signal: scope.signal }),
  ]);
  if (scope.disposed) return;
  ctx.setTitle(project.name);

  // The ontology as a tree (children under their parent), in the filter list and the detail.
  const termTree = treeOrder(terms.array);
  const termsById = new Map(termTree.map(({ term }) => [term.id, term]));
  const imagesById = new Map(images.array.map((i) => [i.id, i]));
  const usersById = new Map(users.array.map((u) => [u.id, u]));
  // The user's role and what the project lets them change, shown before a change is refused.
  const rights = projectRights({ project, me: ctx.session.me, auth: ctx.session.auth, members: users.array });
  // Filters, sort and the open annotation come from the URL (a reload or a shared link) and go back to it.
  const fromUrl = parseProjectHash(location.hash);
  const known = (set, byId) => new Set([...(set ?? [])].filter((id) => byId.has(id)));
  const filters = {
    terms: known(fromUrl?.filters.terms, termsById), noTerm: Boolean(fromUrl?.filters.noTerm),
    images: known(fromUrl?.filters.images, imagesById), users: known(fromUrl?.filters.users, usersById),
    after: fromUrl?.filters.after ?? null, before: fromUrl?.filters.before ?? null,
    // Tags are the server's (checked against its list when it arrives).
    tags: new Set(fromUrl?.filters.tags ?? []), noTag: Boolean(fromUrl?.filters.noTag), notReviewed: Boolean(fromUrl?.filters.notReviewed), reviewed: Boolean(fromUrl?.filters.reviewed),
    sort: SORTS[fromUrl?.sort] ? fromUrl.sort : 'newest',
    group: GROUPS[fromUrl?.group] ? fromUrl.group : 'none',
    size: PREVIEW_SIZES[fromUrl?.size] ? fromUrl.size : 'medium',
  };
  // The server's tags (shared by every project), listed once for the filter and the detail.
  let tagsPromise = null;
  const loadTags = () => {
    tagsPromise ??= TagCollection.fetchAll({ signal: scope.signal }).then((c) => new Map(c.array.map((t) => [t.id, t])));
    tagsPromise.catch(() => { tagsPromise = null; });
    return tagsPromise;
  };
  let openAnnotation = null;
  let detailEntry = false; // a history entry was pushed for the open detail (Back closes it)
  const pageHash = (annotation = null) => projectHash({ projectId: project.id, filters, sort: filters.sort, group: filters.group, size: filters.size, annotation });
  const hashNow = () => pageHash(openAnnotation);
  const saveInUrl = () => {
    if (scope.disposed) return; // another view owns the URL now
    const hash = hashNow();
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  };
  // Back with the detail open: the URL loses its annotation; close the detail, keep the page.
  ctx.sameView = (hash) => {
    const next = parseProjectHash(hash);
    if (!next || next.projectId !== project.id) return false;
    const withoutDetail = pageHash();
    if (hash !== withoutDetail) return false;
    detailEntry = false;
    detail?.close();
    return true;
  };

  // --- Gallery and detail -------------------------------------------------------------
  let detail = null;
  // The viewer opens with the gallery's filters (all but the images).
  const viewerHref = (imageId, annotation = null) => viewerHash({ projectId: project.id, imageId, annotation, filters });
  /**
   * Opens the detail of item `index` of a list: the gallery's (default), a group's, or one
   * annotation from the URL. `list` = { items, loadMore, hasMore, updateItem?, setDeleted?, focus? }.
   */
  const showDetail = (index, list = galleryList) => {
    detail = openDetail({
      ctx, project, termsById, imagesById, usersById, rights, index, items: list.items,
      loadMore: list.loadMore,
      hasMore: list.hasMore,
      onShow: (item) => {
        const first = openAnnotation === null;
        openAnnotation = item.id;
        // The first annotation shown gets its own history entry, so Back closes the detail.
        if (first && !scope.disposed) {
          history.pushState(history.state, '', hashNow());
          detailEntry = true;
        } else saveInUrl();
      },
      onChange: (annotation) => {
        list.updateItem?.(annotation);
        refreshTermCounts();
      },
      onDelete: (id) => {
        list.setDeleted?.(id, true);
        refreshTermCounts();
      },
      onRestore: (annotation) => {
        list.setDeleted?.(annotation.id, false);
        refreshTermCounts();
      },
      tags: loadTags,
      onClose: (last) => {
        detail = null;
        openAnnotation = null;
        // Closed on screen: drop the detail's history entry (Back would only reopen nothing).
        if (detailEntry && !scope.disposed) {
          detailEntry = false;
          history.back();
        } else saveInUrl();
        list.focus?.(last);
      },
    });
  };
  const gallery = createGallery({
    ctx, project, termsById, imagesById, usersById,
    viewerHref: (a) => viewerHref(a.image, a.id),
    onOpen: (index) => showDetail(index),
  });
  const galleryList = {
    items: () => gallery.items,
    loadMore: () => gallery.loadMore(),
    hasMore: () => !gallery.done,
    updateItem: (a) => gallery.updateItem(a),
    setDeleted: (id, isDeleted) => gallery.setDeleted(id, isDeleted),
    focus: (last) => gallery.focusItem(last),
  };
  const groups = createGroupedGallery({
    ctx, project, termTree, termsById, imagesById, usersById,
    viewerHref: (a) => viewerHref(a.image, a.id),
    onOpen: (group, index) => showDetail(index, {
      items: () => group.items,
      loadMore: () => Promise.resolve(),
      hasMore: () => false,
      updateItem: (a) => groups.updateItem(a),
      setDeleted: (id, isDeleted) => groups.setDeleted(id, isDeleted),
      focus: (last) => groups.focusCard(group.items[last]?.id),
    }),
    // "Show all" of a group: the filters narrowed to it, ungrouped.
    onShowAll: (kind, key) => {
      if (kind === 'term') {
        filters.terms = key === 'none' ? new Set() : new Set([key]);
        filters.noTerm = key === 'none';
      } else if (kind === 'image') filters.images = new Set([key]);
      else filters.users = new Set([key]);
      filters.group = 'none';
      groupSelect.value = 'none';
      syncToggles();
      reload();
      refreshTermCounts();
      gallery.element.scrollIntoView({ block: 'start' });
    },
  });
  scope.onDispose(() => {
    detail?.close();
    gallery.dispose();
    groups.dispose();
  });

  // --- Terms: chips + bars --------------------------------------------------------------
  const termRows = new Map(); // key (term id or 'none') → { button, fill, count }
  const termRow = (key, name, color, depth = 0) => {
    const fill = h('span', { class: 'bar-fill', style: { background: color } });
    const count = h('span', { class: 'term-count' }, '…');
    const button = h(
      'button',
      {
        type: 'button', class: 'term-toggle', 'aria-pressed': 'false', dataset: { termId: key, depth }, style: { '--depth': depth },
        'aria-label': `Filter by ${key === 'none' ? 'annotations with no term' : `term ${name}`}`,
        onclick: () => {
          if (key === 'none') filters.noTerm = !filters.noTerm;
          else toggle(filters.terms, key);
          syncToggles();
          reload();
        },
      },
      h('span', { class: 'term-chip', style: { '--term-color': color } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), name),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
      count,
    );
    const item = h('li', {}, button);
    termRows.set(key, { button, fill, count, value: null, name, item });
    return item;
  };
  const termList = h(
    'ul',
    { class: 'term-bars', id: 'term-bars', 'aria-label': 'Terms, with their numbers of annotations' },
    termTree.map(({ term, depth }) => termRow(term.id, term.name, safeColor(term.color), depth)),
    termRow('none', 'No term', NO_TERM_COLOR),
  );
  // Search in the tree: the matching terms stay, under their parents.
  const termSearchEmpty = h('p', { class: 'muted', id: 'term-search-empty', hidden: true }, 'No term matches.');
  const termSearch = h('input', {
    type: 'search', id: 'term-search', placeholder: 'Search terms', 'aria-label': 'Search the terms', autocomplete: 'off',
    oninput: () => {
      const shown = searchTree(termTree, termSearch.value);
      for (const [key, row] of termRows) row.item.hidden = key === 'none' ? Boolean(fold(termSearch.value)) && !'no term'.includes(fold(termSearch.value)) : !shown.has(key);
      termSearchEmpty.hidden = [...termRows.values()].some((row) => !row.item.hidden);
    },
  });
  const termsError = h('div', { class: 'error-slot' });

  let countsVersion = 0;
  async function refreshTermCounts() {
    const version = ++countsVersion;
    const { AnnotationCollection } = ctx.session.models;
    // One tiny search per term (nbPerPage 1): the answer's `size` is the count. The counts follow
    // the image and author filters (the term filter is what they help choose).
    const scopeOf = { project: project.id, nbPerPage: 1, ...filterOptions({ ...filters, terms: null, noTerm: false }) };
    const count = async (key) => {
      const options = key === 'none' ? { ...scopeOf, noTerm: true } : { ...scopeOf, term: key };
      const c = new AnnotationCollection(options);
      await c.fetchPage(0, false, { signal: scope.signal });
      return c.totalNbItems ?? 0;
    };
    try {
      const keys = [...termRows.keys()];
      const values = await Promise.all(keys.map(count));
      if (version !== countsVersion || scope.disposed) return;
      const max = Math.max(1, ...values);
      keys.forEach((key, i) => {
        const row = termRows.get(key);
        row.value = values[i];
        row.count.textContent = formatInt(values[i]);
        row.fill.style.width = `${(100 * values[i]) / max}%`;
        row.button.dataset.count = values[i];
        const what = key === 'none' ? 'annotations with no term' : `term ${row.name}`;
        row.button.setAttribute('aria-label', `Filter by ${what} (${formatInt(values[i])} annotations)`);
      });
      mount(termsError);
    } catch (error) {
      if (!scope.disposed && error?.kind !== 'aborted') mount(termsError, errorBox(error, { context: 'Could not count the annotations per term', retry: refreshTermCounts }));
    }
  }

  // --- Images strip ----------------------------------------------------------------------
  const thumbs = new LazyImages({ concurrency: 4 });
  scope.onDispose(() => thumbs.dispose());
  const imageButtons = new Map();
  const imageStrip = h(
    'ul',
    { class: 'image-strip', id: 'image-strip', 'aria-label': 'Images of the project' },
    images.array.map((image) => {
      const name = imageName(image);
      const img = h('img', { alt: `Thumbnail of ${name}`, width: 160, height: 120, decoding: 'async' });
      thumbs.observe(img, (signal) => image.fetchThumb({ maxSize: 256, format: 'png', signal }));
      const button = h(
        'button',
        {
          type: 'button', class: 'image-toggle', 'aria-pressed': 'false', dataset: { imageId: image.id },
          'aria-label': `Filter by image ${name}`,
          onclick: () => {
            toggle(filters.images, image.id);
            syncToggles();
            reload();
            refreshTermCounts();
          },
        },
        h('span', { class: 'thumb' }, img),
        h('span', { class: 'image-name' }, name),
        h('span', { class: 'image-meta' }, `${plural(image.numberOfAnnotations ?? 0, 'annotation')}${image.width ? ` · ${formatInt(image.width)}×${formatInt(image.height)} px` : ''}`),
      );
      imageButtons.set(image.id, button);
      const open = h('a', {
        class: 'btn btn-small open-viewer', href: viewerHref(image.id), dataset: { imageId: image.id }, 'aria-label': `Open ${name} in the slide viewer`,
        onclick: (event) => {
          event.preventDefault();
          ctx.navigate(viewerHref(image.id));
        },
      }, h('span', { class: 'open-viewer-icon', 'aria-hidden': 'true' }, '⤢'), h('span', { class: 'open-viewer-text' }, 'Open in viewer'));
      return h('li', { dataset: { name: fold(name) } }, button, open);
    }),
  );
  // Many images: a search by name narrows the strip (thumbnails load only when in view).
  const imageCount = h('span', { class: 'muted small', id: 'image-count', 'aria-live': 'polite' });
  const imageSearch = h('input', {
    type: 'search', id: 'image-search', placeholder: 'Search images', 'aria-label': 'Search the images by name', autocomplete: 'off',
    oninput: () => {
      const q = fold(imageSearch.value);
      let shown = 0;
      for (const li of imageStrip.children) {
        li.hidden = Boolean(q) && !li.dataset.name.includes(q);
        if (!li.hidden) shown += 1;
      }
      imageCount.textContent = q ? `${formatInt(shown)} of ${plural(images.length, 'image')}` : '';
    },
  });

  // --- Authors ---------------------------------------------------------------------------
  const userButtons = new Map();
  const userChips = h(
    'ul',
    { class: 'user-chips', id: 'user-chips', 'aria-label': 'Members of the project' },
    users.array.map((u) => {
      const button = h(
        'button',
        {
          type: 'button', class: 'user-toggle', 'aria-pressed': 'false', dataset: { userId: u.id },
          'aria-label': `Filter by author ${u.username}`,
          onclick: () => {
            toggle(filters.users, u.id);
            syncToggles();
            reload();
            refreshTermCounts();
          },
        },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(u)),
        h('span', {}, u.username),
        u.role ? h('span', { class: 'muted small' }, u.role) : null,
      );
      userButtons.set(u.id, button);
      return h('li', {}, button);
    }),
  );

  // --- Tags (the server's; "no tag" too) -----------------------------------------------------
  const tagButtons = new Map(); // tag id or 'none' → button
  const tagToggle = (key, name) => {
    const button = h('button', {
      type: 'button', class: 'user-toggle tag-toggle', 'aria-pressed': 'false', dataset: { tagId: key },
      'aria-label': key === 'none' ? 'Filter by annotations with no tag' : `Filter by tag ${name}`,
      onclick: () => {
        if (key === 'none') filters.noTag = !filters.noTag;
        else toggle(filters.tags, key);
        syncToggles();
        reload();
        refreshTermCounts();
      },
    }, h('span', { class: 'tag-mark', 'aria-hidden': 'true' }, '#'), h('span', {}, name));
    tagButtons.set(key, button);
    return h('li', {}, button);
  };
  const tagChips = h('ul', { class: 'user-chips', id: 'tag-chips', 'aria-label': 'Tags' }, loading('Loading the tags…'));
  let tagsById = new Map();
  loadTags().then((byId) => {
    if (scope.disposed) return;
    tagsById = byId;
    // A tag of the URL that the server no longer has is dropped.
    for (const id of filters.tags) if (!byId.has(id)) filters.tags.delete(id);
    const sorted = [...byId.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
    mount(tagChips, sorted.map((t) => tagToggle(t.id, t.name)), tagToggle('none', 'No tag'));
    syncToggles();
  }, (error) => {
    if (!scope.disposed && error?.kind !== 'aborted') mount(tagChips, h('li', {}, errorBox(error, { context: 'Could not list the tags' })));
  });

  // --- Review: only the annotations not yet accepted in review -----------------------------
  const reviewToggle = h('button', {
    type: 'button', class: 'user-toggle', id: 'not-reviewed-toggle', 'aria-pressed': 'false',
    onclick: () => {
      filters.notReviewed = !filters.notReviewed;
      if (filters.notReviewed) filters.reviewed = false;
      syncToggles();
      reload();
      refreshTermCounts();
    },
  }, 'Not reviewed yet');
  // core's `reviewed=true` lists the ReviewedAnnotation objects (the accepted copies) instead
  const reviewedToggle = h('button', {
    type: 'button', class: 'user-toggle', id: 'reviewed-toggle', 'aria-pressed': 'false',
    onclick: () => {
      filters.reviewed = !filters.reviewed;
      if (filters.reviewed) filters.notReviewed = false;
      syncToggles();
      reload();
      refreshTermCounts();
    },
  }, 'Reviewed only');

  // --- Dates (creation, days in UTC, both included) ----------------------------------------
  const dateInput = (id, key) => {
    const input = h('input', {
      type: 'date', id, value: filters[key] ?? '',
      onchange: () => {
        filters[key] = input.value || null;
        syncToggles();
        reload();
        refreshTermCounts();
      },
    });
    return input;
  };
  const afterInput = dateInput('gallery-after', 'after');
  const beforeInput = dateInput('gallery-before', 'before');

  // --- Export (the server's annotation report, through the package's download()) ----------
  const exportStatus = h('span', { class: 'muted small', id: 'export-status', 'aria-live': 'polite' });
  const exportButtons = ['csv', 'xls', 'pdf'].map((format) => h('button', {
    type: 'button', class: 'btn btn-small', id: `export-${format}`, onclick: () => exportSelection(format),
  }, format.toUpperCase()));
  async function exportSelection(format) {
    const { AnnotationCollection } = ctx.session.models;
    const selection = new AnnotationCollection({
      project: project.id,
      terms: filters.terms.size ? [...filters.terms] : null,
      users: filters.users.size ? [...filters.users] : null,
      images: filters.images.size ? [...filters.images] : null,
      ...dateBounds(filters),
    });
    exportStatus.textContent = `Preparing the ${format.toUpperCase()} export…`;
    try {
      // Fetched with the connection's credentials (a plain link would not be signed): a GET on
      // core 5.2, a POST with the filters as JSON on today's core.
      const blob = await selection.download(format, { signal: scope.signal });
      const href = URL.createObjectURL(blob);
      const link = h('a', { href, download: `annotations_project${project.id}.${format}`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      exportStatus.textContent = `${format.toUpperCase()} export of the current selection downloaded.`;
    } catch (error) {
      if (!scope.disposed) exportStatus.textContent = `The export failed: ${error?.message ?? error}`;
    }
  }

  // --- Toolbar ---------------------------------------------------------------------------
  const sort = h(
    'select',
    {
      id: 'gallery-sort', 'aria-label': 'Sort annotations',
      onchange: () => {
        filters.sort = sort.value;
        saveInUrl();
        reload();
      },
    },
    Object.entries(SORTS).map(([value, { label }]) => h('option', { value }, label)),
  );
  const groupSelect = h(
    'select',
    {
      id: 'gallery-group', 'aria-label': 'Group the annotations by',
      onchange: () => {
        filters.group = groupSelect.value;
        saveInUrl();
        reload();
      },
    },
    Object.entries(GROUPS).map(([value, { label }]) => h('option', { value }, label)),
  );
  const sizeSelect = h(
    'select',
    {
      id: 'gallery-size', 'aria-label': 'Preview size',
      onchange: () => {
        filters.size = sizeSelect.value;
        saveInUrl();
        reload();
      },
    },
    Object.entries(PREVIEW_SIZES).map(([value, { label }]) => h('option', { value }, label)),
  );
  const summary = h('p', { class: 'filter-summary', id: 'filter-summary', 'aria-live': 'polite' });
  const clear = h('button', {
    type: 'button', class: 'btn btn-small btn-ghost', id: 'clear-filters', hidden: true,
    onclick: () => {
      filters.terms.clear();
      filters.images.clear();
      filters.users.clear();
      filters.tags.clear();
      filters.noTerm = filters.noTag = filters.notReviewed = filters.reviewed = false;
      filters.after = filters.before = null;
      afterInput.value = beforeInput.value = '';
      syncToggles();
      reload();
      refreshTermCounts();
    },
  }, 'Clear filters');

  function syncToggles() {
    for (const [key, row] of termRows) {
      const on = key === 'none' ? filters.noTerm : filters.terms.has(key);
      row.button.setAttribute('aria-pressed', String(on));
    }
    for (const [id, b] of imageButtons) b.setAttribute('aria-pressed', String(filters.images.has(id)));
    for (const [id, b] of userButtons) b.setAttribute('aria-pressed', String(filters.users.has(id)));
    reviewToggle.setAttribute('aria-pressed', String(filters.notReviewed));
    reviewedToggle.setAttribute('aria-pressed', String(filters.reviewed));
    for (const [key, b] of tagButtons) b.setAttribute('aria-pressed', String(key === 'none' ? filters.noTag : filters.tags.has(key)));
    const parts = [];
    const termNames = [...filters.terms].map((id) => termsById.get(id)?.name);
    if (filters.noTerm) termNames.push('no term');
    if (termNames.length) parts.push(`terms: ${termNames.join(' or ')}`);
    if (filters.images.size) parts.push(`images: ${[...filters.images].map((id) => imageName(imagesById.get(id))).join(', ')}`);
    if (filters.users.size) parts.push(`authors: ${[...filters.users].map((id) => usersById.get(id)?.username).join(', ')}`);
    const tagNames = [...filters.tags].map((id) => tagsById.get(id)?.name ?? `tag ${id}`);
    if (filters.noTag) tagNames.push('no tag');
    if (tagNames.length) parts.push(`tags: ${tagNames.join(' or ')}`);
    if (filters.notReviewed) parts.push('not reviewed yet');
    if (filters.reviewed) parts.push('reviewed only');
    if (filters.after || filters.before) parts.push(`created ${filters.after ? `from ${filters.after}` : ''}${filters.after && filters.before ? ' ' : ''}${filters.before ? `to ${filters.before}` : ''}`);
    summary.textContent = parts.length ? `Filtered by ${parts.join('; ')}` : 'All annotations of the project';
    clear.hidden = !parts.length;
    // Core's report has no "no term" nor tag filter: exporting would not be the selection.
    const unexportable = filters.noTerm ? '"no term"' : filters.tags.size || filters.noTag ? 'by tag' : filters.notReviewed ? '"not reviewed"' : filters.reviewed ? '"reviewed only"' : null;
    for (const b of exportButtons) {
      b.disabled = Boolean(unexportable);
      b.title = unexportable ? `The server's export cannot filter ${unexportable}` : `Export the current selection as ${b.textContent}`;
    }
    saveInUrl();
  }

  /** Lists the annotations again: the gallery, or its groups when grouped. */
  function reload() {
    const grouped = filters.group !== 'none';
    gallery.element.hidden = grouped;
    groups.element.hidden = !grouped;
    // Groups show the newest annotations of each group: the sort is the gallery's.
    sort.disabled = grouped;
    sort.title = grouped ? 'Groups show their newest annotations; ungroup to sort' : '';
    if (grouped) {
      gallery.clear();
      return groups.reload(filters);
    }
    groups.clear();
    return gallery.reload(filters);
  }

  // --- Layout ----------------------------------------------------------------------------
  mount(
    container,
    h(
      'section',
      { class: 'view project-view', dataset: { projectId: project.id } },
      h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Projects'), h('span', { 'aria-hidden': 'true' }, ' / '), h('span', { 'aria-current': 'page' }, project.name)),
      h(
        'div',
        { class: 'view-head' },
        h(
          'div',
          {},
          h('h1', {}, project.name),
          h(
            'p',
            { class: 'muted' },
            project.ontologyName ? `Ontology ${project.ontologyName}` : 'No ontology',
            ` · ${plural(project.numberOfImages ?? images.length, 'image')} · ${plural(project.numberOfAnnotations ?? 0, 'annotation')} · ${plural(users.length, 'member')}`,
          ),
          h('p', { class: ['role-note', rights.mode !== 'classic' && 'role-limited'], id: 'my-role', dataset: { role: rights.role ?? 'none', mode: rights.mode } }, rights.summary(), rights.limits() ? ` ${rights.limits()}` : ''),
        ),
      ),
      h(
        'div',
        { class: 'project-layout' },
        h(
          'aside',
          { class: 'sidebar', 'aria-label': 'Filters' },
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'terms-title' },
            h('h2', { id: 'terms-title' }, 'Terms'),
            h('p', { class: 'field-hint' }, 'Annotations per term. Select terms to filter the gallery.'),
            terms.length > 1 ? termSearch : null,
            termList,
            termSearchEmpty,
            terms.length ? null : h('p', { class: 'muted' }, 'This project has no ontology terms.'),
            termsError,
          ),
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'authors-title' },
            h('h2', { id: 'authors-title' }, 'Authors'),
            users.length ? userChips : h('p', { class: 'muted' }, 'No member listed.'),
          ),
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'dates-title' },
            h('h2', { id: 'dates-title' }, 'Created'),
            h('div', { class: 'date-filters' }, h('label', {}, 'From ', afterInput), h('label', {}, 'To ', beforeInput)),
          ),
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'tags-title' },
            h('h2', { id: 'tags-title' }, 'Tags'),
            tagChips,
            h('h2', { id: 'review-title' }, 'Review'),
            h('ul', { class: 'user-chips', 'aria-labelledby': 'review-title' }, h('li', {}, reviewToggle), h('li', {}, reviewedToggle)),
            algorithmNote(ctx.session.cytomine?.core),
          ),
        ),
        h(
          'div',
          { class: 'project-main' },
          h(
            'section',
            { class: 'panel images-panel', 'aria-labelledby': 'images-title' },
            h('div', { class: 'images-head' }, h('h2', { id: 'images-title' }, `Images (${formatInt(images.length)})`), images.length > IMAGE_SEARCH_FROM ? imageSearch : null, imageCount),
            images.length ? imageStrip : h('p', { class: 'muted' }, 'No image in this project.'),
          ),
          h(
            'section',
            { class: 'panel gallery-panel', 'aria-labelledby': 'gallery-title' },
            h(
              'div',
              { class: 'gallery-toolbar' },
              h('div', {}, h('h2', { id: 'gallery-title' }, 'Annotations'), summary),
              h('div', { class: 'toolbar' }, clear, h('label', { class: 'inline-label' }, h('span', { class: 'label-text' }, 'Sort '), sort), h('label', { class: 'inline-label' }, h('span', { class: 'label-text' }, 'Group '), groupSelect), h('label', { class: 'inline-label' }, h('span', { class: 'label-text' }, 'Size '), sizeSelect), h('span', { class: 'export-group', role: 'group', 'aria-label': 'Export the selection' }, h('span', { class: 'export-label' }, 'Export '), exportButtons), exportStatus),
            ),
            gallery.element,
            groups.element,
          ),
        ),
      ),
    ),
  );

  sort.value = filters.sort;
  sizeSelect.value = filters.size;
  groupSelect.value = filters.group;
  syncToggles();
  refreshTermCounts();
  const firstPage = reload();
  // The annotation open in the URL: its gallery card when it is on the first page, else alone.
  if (fromUrl?.annotation) {
    const id = fromUrl.annotation;
    await firstPage;
    if (scope.disposed || detail) return;
    // This entry becomes the page without the detail; opening it pushes the detail's own entry.
    history.replaceState(history.state, '', pageHash());
    const index = gallery.items.findIndex((a) => a.id === id);
    if (index >= 0) showDetail(index);
    else showDetail(0, { items: () => [{ id }], loadMore: () => Promise.resolve(), hasMore: () => false });
  }
}

function toggle(set, value) {
  if (set.has(value)) set.delete(value);
  else set.add(value);
}

function initials(u) {
  const name = u.name ?? u.fullName ?? u.username ?? '?';
  return name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
}
