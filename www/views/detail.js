// The detail of one annotation, in a modal side panel: a larger crop with the outline drawn
// from the WKT (SVG over the image), the fields with units, the terms with add/remove (saved
// through the API, undoable with cytomine.undo()), the description, tags, properties and
// comments (detail-notes.js), delete with undo, and links to the slide viewer and Cytomine's.
import { h, mount, formatInt, formatMeasure, formatDate, imageName, safeHttpUrl } from '../lib/dom.js';
import { loadInto } from '../lib/lazy-images.js';
import { parseWkt, envelope, mapPoints, toPathData, cropRegion } from '../lib/wkt.js';
import { errorBox, loading, termChip } from './common.js';
import { notesSections } from './detail-notes.js';

const CROP_SIZE = 640;
const INCREASE_AREA = 1.25; // some context around the annotation

/**
 * Opens the detail dialog.
 * @param {object} o
 * @param {object} o.ctx
 * @param {object} o.project
 * @param {Map} o.termsById
 * @param {Map} o.imagesById
 * @param {Map} o.usersById
 * @param {() => object[]} o.items the gallery items (for previous / next)
 * @param {number} o.index the item to show
 * @param {(annotation) => void} o.onChange called after the terms changed
 * @param {() => Promise<void>} o.loadMore loads the next gallery page
 * @param {() => boolean} o.hasMore
 * @param {(index: number) => void} o.onClose gets the index shown last (to restore the focus)
 * @param {(item: object) => void} [o.onShow] called with each item shown (e.g. to keep it in the URL)
 * @param {() => Promise<Map<number, object>>} [o.tags] the server's tags by id (fetched here when absent)
 * @param {(id: number) => void} [o.onDelete] called after the annotation shown was deleted
 * @param {(annotation) => void} [o.onRestore] called after a deletion was undone
 * @param {object} [o.rights] the user's rights in the project (lib/project-rights.js)
 */
export function openDetail(o) {
  const { ctx } = o;
  const { models, cytomine } = ctx.session;
  const body = h('div', { class: 'detail-body' });
  const title = h('h2', { id: 'detail-title' }, 'Annotation');
  const prev = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Previous annotation', onclick: () => go(-1) }, '‹ Prev');
  const next = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Next annotation', onclick: () => go(1) }, 'Next ›');
  const close = h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'aria-label': 'Close the annotation details', onclick: () => dialog.close() }, '✕');
  const dialog = h(
    'dialog',
    { class: 'detail', id: 'annotation-detail', 'aria-labelledby': 'detail-title' },
    h('div', { class: 'detail-head' }, title, h('div', { class: 'detail-nav' }, prev, next, close)),
    body,
  );
  document.body.append(dialog);

  let index = o.index;
  let view = null; // { controller, revoke }
  // { annotationId, command, what? }: Undo reverts exactly that, on that annotation (`what`: a
  // description, tag or property change, named in the message)
  let lastChange = null;
  let undoButtonNow = null; // the Undo of the annotation shown
  let reloadNotes = null; // shows the description, tags and properties of the server again
  let termKey = null; // keys 1-9: add or remove the ontology's n-th term on the annotation shown
  let flip = null; // user override of the y orientation
  const deleted = new Map(); // annotation id → the command that deleted it (Undo restores it)
  let tagsPromise = null;
  const tags = () => {
    tagsPromise ??= o.tags?.() ?? models.TagCollection.fetchAll().then((c) => new Map(c.array.map((t) => [t.id, t])));
    tagsPromise.catch(() => { tagsPromise = null; }); // a failed listing is asked again next time
    return tagsPromise;
  };

  dialog.addEventListener('close', () => {
    stopView();
    dialog.remove();
    o.onClose(index);
  });
  // Left / right arrows browse the gallery from the detail (outside form fields).
  dialog.addEventListener('keydown', (event) => {
    if (event.target.closest('input, select, textarea')) return;
    if (event.key === 'ArrowLeft' && !prev.disabled) go(-1);
    else if (event.key === 'ArrowRight' && !next.disabled) go(1);
    else if (/^[1-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) termKey?.(Number(event.key));
  });
  // Close when the backdrop is clicked.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.showModal();
  show(index);

  async function go(step) {
    let target = index + step;
    if (target >= o.items().length && o.hasMore()) await o.loadMore();
    if (target < 0 || target >= o.items().length) return;
    show(target);
  }

  function stopView() {
    if (!view) return;
    view.controller.abort();
    view.revoke?.();
    view = null;
  }

  async function show(i) {
    stopView();
    index = i;
    const item = o.items()[i];
    o.onShow?.(item);
    const controller = new AbortController();
    view = { controller };
    const current = view;
    title.textContent = `Annotation #${item.id}`;
    dialog.dataset.annotationId = item.id;
    prev.disabled = i <= 0;
    next.disabled = i >= o.items().length - 1 && !o.hasMore();
    if (deleted.has(item.id)) {
      showDeleted(current, item.id);
      return;
    }
    mount(body, loading('Loading the annotation…'));
    try {
      // The search result lacks the geometry; the annotation itself and who added each term.
      const [annotation, annotationTerms] = await Promise.all([
        models.Annotation.fetch(item.id),
        new models.AnnotationTermCollection({ filterKey: 'annotation', filterValue: item.id }).fetchAll({ signal: controller.signal }),
      ]);
      if (controller.signal.aborted) return;
      render(current, item, annotation, annotationTerms.array);
    } catch (error) {
      if (controller.signal.aborted) return;
      mount(body, errorBox(error, { context: 'Could not load the annotation', retry: () => show(i) }));
    }
  }

  function render(current, item, annotation, annotationTerms) {
    const a = Object.assign(Object.create(Object.getPrototypeOf(annotation)), item, annotation);
    const image = o.imagesById.get(a.image);
    const notes = () => notesSections({
      ctx, annotation, tags, rights: o.rights, usersById: o.usersById, signal: current.controller.signal,
      onUndoable: (what) => {
        lastChange = { annotationId: a.id, command: cytomine.lastCommand ?? null, what };
        if (undoButtonNow) {
          undoButtonNow.disabled = false;
          undoButtonNow.title = 'Undo your last change to this annotation';
        }
      },
    });
    let notesEl = notes();
    reloadNotes = () => {
      const fresh = notes();
      notesEl.replaceWith(fresh);
      notesEl = fresh;
    };
    const author = o.usersById.get(a.user);

    // Crop and outline.
    const img = h('img', { class: 'detail-crop', alt: `Crop of annotation ${a.id}` });
    const svg = h('svg:svg', { class: 'outline', 'aria-hidden': 'true', preserveAspectRatio: 'none' });
    const frame = h('div', { class: 'crop-frame loading-frame' }, img, svg);
    const showOutline = h('input', { type: 'checkbox', id: 'show-outline', checked: true, onchange: () => { svg.style.display = showOutline.checked ? '' : 'none'; } });
    const yDown = flip ?? ctx.session.yDown;
    const flipBox = h('input', {
      type: 'checkbox', id: 'flip-outline', checked: !yDown,
      onchange: () => {
        flip = !flipBox.checked;
        drawOutline(svg, a, image, flip);
      },
    });
    drawOutline(svg, a, image, yDown);
    reserveCropSize(frame, a, image);
    loadInto(img, (signal) => a.fetchCrop({ maxSize: CROP_SIZE, format: 'png', increaseArea: INCREASE_AREA, signal }), current.controller.signal)
      .then((revoke) => {
        if (view === current) current.revoke = revoke;
        else revoke();
        frame.classList.remove('loading-frame');
      })
      .catch((error) => {
        if (current.controller.signal.aborted) return;
        frame.classList.remove('loading-frame');
        frame.append(h('p', { class: 'crop-error' }, `Crop not available: ${error.message}`));
      });

    const pointCount = (a.location?.match(/-?\d+(\.\d+)?\s+-?\d+(\.\d+)?/g) ?? []).length;
    const wkt = h('textarea', { class: 'wkt', readonly: true, rows: 4, 'aria-label': 'WKT geometry', spellcheck: 'false' });
    wkt.value = a.location ?? '';
    const copy = h('button', {
      type: 'button', class: 'btn btn-small', 'aria-label': 'Copy the WKT',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(wkt.value);
          ctx.toast('WKT copied', 'success');
        } catch {
          wkt.select();
          ctx.toast('Press Ctrl+C to copy the selected WKT');
        }
      },
    }, 'Copy');

    mount(
      body,
      h(
        'figure',
        { class: 'detail-figure' },
        frame,
        h(
          'figcaption',
          { class: 'figure-controls' },
          h('label', { class: 'check' }, showOutline, ' Outline'),
          h('label', { class: 'check', title: 'Cytomine counts y from the bottom of the image; untick for data that counts from the top' }, flipBox, ' Y axis up'),
          h('a', { class: 'btn btn-small btn-primary', href: `#/project/${a.project}/image/${a.image}?annotation=${a.id}`, id: 'open-in-viewer' }, 'Open in viewer'),
          cytomineLink(a),
        ),
      ),
      h(
        'dl',
        { class: 'fields-list' },
        field('Id', a.id),
        field('Author', author ? `${author.fullName ?? author.name ?? author.username}` : a.creator ?? `user ${a.user}`),
        field('Image', image ? imageName(image) : a.instanceFilename ?? `image ${a.image}`),
        field('Created', formatDate(a.created)),
        a.updated ? field('Updated', formatDate(a.updated)) : null,
        field('Area', formatMeasure(a.area, a.areaUnit)),
        field('Perimeter', formatMeasure(a.perimeter, a.perimeterUnit)),
        typeof a.reviewed === 'boolean' ? field('Reviewed', a.reviewed ? 'Yes (accepted in review)' : 'Not yet') : null,
        a.centroid ? field('Centroid', `x ${formatInt(Math.round(a.centroid.x))}, y ${formatInt(Math.round(a.centroid.y))}`) : null,
      ),
      termsSection(a, annotationTerms),
      notesEl,
      deleteSection(current, a),
      h(
        'details',
        { class: 'wkt-block' },
        h('summary', {}, `WKT (${a.location?.split(/[ (]/)[0] ?? 'no geometry'}, ${formatInt(pointCount)} points)`),
        wkt,
        copy,
      ),
    );
  }

  function termsSection(a, annotationTerms) {
    undoButtonNow = null;
    const ontologyTerms = [...o.termsById.values()];
    const mine = ctx.session.me.id;
    const termIds = a.term ?? [];
    const status = h('div', { class: 'terms-status' });
    const addSelect = h(
      'select',
      { id: 'add-term-select', 'aria-label': 'Term to add' },
      h('option', { value: '' }, ontologyTerms.length ? 'Choose a term…' : 'No term in this ontology'),
      ontologyTerms.map((t, k) => (termIds.includes(t.id) ? null : h('option', { value: t.id }, `${'\u2003'.repeat(depthOf(t, o.termsById))}${k < 9 ? `${k + 1} · ${t.name}` : t.name}`))),
    );
    const addButton = h('button', { type: 'button', class: 'btn btn-small', id: 'add-term-button' }, 'Add term');
    const undoHere = lastChange?.annotationId === a.id;
    const undoButton = h('button', {
      type: 'button', class: 'btn btn-small btn-ghost', id: 'undo-button', disabled: !undoHere,
      title: lastChange && !undoHere ? `Your last change was on annotation #${lastChange.annotationId}: open it to undo it` : 'Undo your last change to this annotation',
    }, 'Undo');
    undoButtonNow = undoButton;

    const act = async (label, fn) => {
      for (const b of section.querySelectorAll('button, select')) b.disabled = true;
      mount(status, loading(label));
      try {
        const message = await fn();
        const [fresh, freshTerms] = await Promise.all([
          models.Annotation.fetch(a.id),
          new models.AnnotationTermCollection({ filterKey: 'annotation', filterValue: a.id }).fetchAll(),
        ]);
        Object.assign(a, { term: fresh.term, updated: fresh.updated });
        o.onChange(fresh);
        section.replaceWith(termsSection(a, freshTerms.array));
        ctx.toast(message, 'success');
      } catch (error) {
        for (const b of section.querySelectorAll('button, select')) b.disabled = false;
        undoButton.disabled = lastChange?.annotationId !== a.id;
        mount(status, errorBox(error, { context: 'The change was not saved', refusal: o.rights?.refusalHint(a.user) }));
      }
    };

    addButton.addEventListener('click', () => {
      const term = Number(addSelect.value);
      if (!term) {
        mount(status, h('p', { class: 'field-hint', role: 'alert' }, 'Choose a term to add first.'));
        addSelect.focus();
        return;
      }
      act('Adding the term…', async () => {
        await new models.AnnotationTerm({ annotation: a.id, term }).save();
        lastChange = { annotationId: a.id, command: cytomine.lastCommand ?? null };
        return `Term “${o.termsById.get(term)?.name ?? term}” added`;
      });
    });
    undoButton.addEventListener('click', () => act('Undoing…', async () => {
      const undone = lastChange;
      await cytomine.undo(undone.command);
      lastChange = null;
      // a description, tag or property change: its sections show the server's state again
      if (undone.what) reloadNotes?.();
      return `Last change to annotation #${a.id} undone${undone.what ? ` (${undone.what})` : ''}`;
    }));

    const chips = termIds.map((id) => {
      const term = o.termsById.get(id) ?? { id, name: `Term ${id}`, color: '#999' };
      // Who added the term: yours is removed as is, another user's through its user id.
      const by = annotationTerms.filter((x) => x.term === id).map((x) => x.user);
      const user = by.includes(mine) || !by.length ? null : by[0];
      const remove = h('button', {
        type: 'button', class: 'chip-remove', 'aria-label': `Remove term ${term.name}`, dataset: { termId: id },
        onclick: () => act('Removing the term…', async () => {
          await models.AnnotationTerm.delete(a.id, id, user);
          lastChange = { annotationId: a.id, command: cytomine.lastCommand ?? null };
          return `Term “${term.name}” removed`;
        }),
      }, '✕');
      const byNames = by.map((u) => o.usersById.get(u)?.username ?? `user ${u}`).join(', ');
      return h('li', { class: 'term-item', dataset: { termId: id } }, termChip(term), byNames ? h('span', { class: 'muted small' }, `by ${byNames}`) : null, remove);
    });

    const section = h(
      'section',
      { class: 'detail-terms', 'aria-labelledby': 'detail-terms-title' },
      h('h3', { id: 'detail-terms-title' }, 'Terms'),
      o.rights?.whyNot(a.user) ? h('p', { class: 'rights-note', id: 'edit-rights-note', role: 'note' }, o.rights.whyNot(a.user)) : null,
      chips.length ? h('ul', { class: 'term-list', id: 'detail-term-list' }, chips) : h('p', { class: 'muted', id: 'detail-term-list' }, 'No term yet.'),
      h('div', { class: 'term-add' }, addSelect, addButton, undoButton),
      ontologyTerms.length ? h('p', { class: 'field-hint', id: 'term-keys-hint' }, `Keys 1–${Math.min(9, ontologyTerms.length)} add or remove the terms in the order of the list.`) : null,
      status,
    );
    termKey = (n) => {
      const term = ontologyTerms[n - 1];
      if (!term || !section.isConnected) return;
      if (termIds.includes(term.id)) section.querySelector(`.chip-remove[data-term-id="${term.id}"]`)?.click();
      else {
        addSelect.value = String(term.id);
        addButton.click();
      }
    };
    return section;
  }

  /** Delete: the annotation goes at once; the panel then offers to undo exactly that deletion. */
  function deleteSection(current, a) {
    const status = h('div', { class: 'note-status' });
    const button = h('button', { type: 'button', class: 'btn btn-small btn-danger', id: 'delete-annotation-button' }, 'Delete this annotation');
    button.addEventListener('click', async () => {
      button.disabled = true;
      mount(status, loading('Deleting…'));
      try {
        await models.Annotation.delete(a.id);
        deleted.set(a.id, cytomine.lastCommand ?? null);
        o.onDelete?.(a.id);
        ctx.toast(`Annotation #${a.id} deleted`, 'success');
        if (view === current) showDeleted(current, a.id);
      } catch (error) {
        button.disabled = false;
        mount(status, errorBox(error, { context: 'The annotation was not deleted', refusal: o.rights?.refusalHint(a.user) }));
      }
    });
    return h('section', { class: 'detail-delete', 'aria-label': 'Delete' }, button, status);
  }

  function showDeleted(current, id) {
    const status = h('div', { class: 'note-status' });
    const undo = h('button', { type: 'button', class: 'btn btn-primary', id: 'undo-delete-button' }, 'Undo: restore it');
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      mount(status, loading('Restoring…'));
      try {
        await cytomine.undo(deleted.get(id));
        deleted.delete(id);
        const fresh = await models.Annotation.fetch(id);
        o.onRestore?.(fresh);
        ctx.toast(`Annotation #${id} restored`, 'success');
        if (view === current) show(index);
      } catch (error) {
        undo.disabled = false;
        mount(status, errorBox(error, { context: 'The annotation was not restored' }));
      }
    });
    mount(body, h('div', { class: 'deleted-note', id: 'annotation-deleted' }, h('p', {}, `Annotation #${id} was deleted.`), undo, status));
    undo.focus();
  }

  return { close: () => dialog.close() };
}

/**
 * "Open in Cytomine": the server's own viewer (`imageURL`) in a new tab; when that URL is this
 * page's origin (the emulator, which has no Cytomine web UI), the demo's viewer here (app.js
 * reads Cytomine's link format).
 */
function cytomineLink(a) {
  const href = safeHttpUrl(a.imageURL);
  if (!href) return null;
  if (new URL(href).origin === location.origin) {
    return h('a', { class: 'btn btn-small btn-primary', href, id: 'open-in-cytomine', dataset: { target: 'demo-viewer' }, title: 'This server has no Cytomine web interface: the link opens the demo\'s viewer' }, 'Open in Cytomine');
  }
  return h('a', { class: 'btn btn-small btn-primary', href, target: '_blank', rel: 'noopener noreferrer', id: 'open-in-cytomine', dataset: { target: 'cytomine' } }, 'Open in Cytomine ↗');
}

/** How deep a term is in the ontology's tree (its parents, by `parent`). */
function depthOf(term, termsById) {
  let depth = 0;
  for (let t = termsById.get(term.parent); t && depth < 16; t = termsById.get(t.parent)) depth += 1;
  return depth;
}

function field(label, value) {
  return h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, String(value ?? '–')));
}

/**
 * Gives the crop's frame the crop's size before it loads (the region the server crops, with the
 * longest side CROP_SIZE), so nothing below it moves when the picture arrives.
 */
function reserveCropSize(frame, a, image) {
  const parsed = parseWkt(a.location);
  const env = parsed?.parts.length ? envelope(parsed.parts) : null;
  if (!env) return;
  const region = cropRegion(env, { increaseArea: INCREASE_AREA, imageWidth: image?.width ?? Infinity, imageHeight: image?.height ?? Infinity });
  if (!(region.width > 0 && region.height > 0)) return;
  const ratio = region.width / region.height;
  frame.style.setProperty('--ratio', String(ratio));
  frame.style.setProperty('--natural-width', `${Math.round(ratio >= 1 ? CROP_SIZE : CROP_SIZE * ratio)}px`);
  frame.classList.add('sized');
}

/** Draws the WKT in image coordinates; the viewBox is the region the crop covers. */
function drawOutline(svg, a, image, yDown) {
  svg.replaceChildren();
  const parsed = parseWkt(a.location);
  if (!parsed || !parsed.parts.length) return;
  const height = image?.height ?? null;
  // Cytomine's y axis points up from the bottom of the image; SVG's points down.
  const parts = yDown || !height ? parsed.parts : mapPoints(parsed.parts, ([x, y]) => [x, height - y]);
  const env = envelope(parts);
  if (!env) return;
  const region = cropRegion(env, { increaseArea: INCREASE_AREA, imageWidth: image?.width ?? Infinity, imageHeight: image?.height ?? Infinity });
  svg.setAttribute('viewBox', `${region.x} ${region.y} ${region.width} ${region.height}`);
  const d = toPathData(parts);
  if (d) {
    svg.append(h('svg:path', { d, class: 'outline-halo', 'vector-effect': 'non-scaling-stroke', 'fill-rule': 'evenodd' }));
    svg.append(h('svg:path', { d, class: 'outline-path', 'vector-effect': 'non-scaling-stroke', 'fill-rule': 'evenodd' }));
  }
  for (const p of parts.filter((x) => x.points.length === 1)) {
    const [cx, cy] = p.points[0];
    svg.append(h('svg:circle', { cx, cy, r: Math.max(region.width, region.height) / 60, class: 'outline-point' }));
  }
}
