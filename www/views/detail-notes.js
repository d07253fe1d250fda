// What a pathologist writes about an annotation, below its terms in the detail: the description,
// the tags, the properties (key / value) and the comments. Each section loads and saves through
// the package (Description, TagDomainAssociation, Property, AnnotationComment) on its own, so a
// refused or failed change is reported in that section and the others keep working.
import { h, mount, formatDate } from '../lib/dom.js';
import { errorBox, loading } from './common.js';

/**
 * The four sections, filled as their answers arrive.
 * @param {object} o
 * @param {object} o.ctx app context
 * @param {object} o.annotation the Annotation model (the sections are attached to it)
 * @param {() => Promise<Map<number, object>>} o.tags resolves to the server's tags by id
 * @param {Map} o.usersById project members (comment senders, receivers)
 * @param {AbortSignal} o.signal aborted when another annotation is shown
 * @param {() => void} [o.onTagsChange] called after a tag was added or removed
 * @param {object} [o.rights] the user's rights (lib/project-rights.js): the reason of a refusal
 * @param {(what: string) => void} [o.onUndoable] called right after a description, tag or property
 *   change was saved (its command is then `cytomine.lastCommand`), with what it changed
 */
export function notesSections(o) {
  const refusal = o.rights?.refusalHint(o.annotation.user) ?? undefined;
  const change = (...args) => runChange(refusal, ...args);
  o = { ...o, change };
  return h(
    'div',
    { class: 'detail-notes' },
    descriptionSection(o),
    tagsSection(o),
    propertiesSection(o),
    commentsSection(o),
  );
}

/** A section with a title, a body filled by `load(body, reload)`, and its own error slot. */
function section(id, title, load) {
  const body = h('div', { class: 'note-body' }, loading());
  const el = h('section', { class: 'detail-note', id, 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, title), body);
  const reload = () => load(body, reload).catch((error) => {
    if (error?.kind === 'aborted') return;
    mount(body, errorBox(error, { context: `Could not load the ${title.toLowerCase()}`, retry: reload }));
  });
  reload();
  return el;
}

/**
 * Runs a change; on failure shows the server's reason in `status` and enables the controls again.
 * @returns {Promise<boolean>} whether it succeeded
 */
async function runChange(refusal, ctx, controls, status, label, fn, done) {
  for (const c of controls) c.disabled = true;
  mount(status, loading(label));
  try {
    await fn();
    mount(status);
    if (done) ctx.toast(done, 'success');
    return true;
  } catch (error) {
    for (const c of controls) c.disabled = false;
    mount(status, errorBox(error, { context: 'The change was not saved', refusal }));
    return false;
  }
}

/** Core keeps descriptions as HTML: shown as text (never as markup), written as paragraphs. */
function descriptionText(data) {
  if (!data) return '';
  // Paragraphs and line breaks become blank lines and new lines (tags only: escaped text stays text).
  const html = String(data).replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6])>/gi, '</$1>\n\n');
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.replace(/\n{3,}/g, '\n\n').trim() ?? '';
}

function descriptionHtml(text) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\n{2,}/).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');
}

function descriptionSection({ ctx, annotation, signal, change, onUndoable }) {
  const { Description } = ctx.session.models;
  return section('detail-description', 'Description', async (body, reload) => {
    let description = null;
    try {
      description = await Description.fetch(annotation);
    } catch (error) {
      if (error?.status !== 404) throw error; // none yet
    }
    if (signal.aborted) return;
    const text = h('p', { class: ['description-text', !description && 'muted'], id: 'description-text' }, description ? descriptionText(description.data) || '(empty)' : 'No description.');
    const edit = h('button', { type: 'button', class: 'btn btn-small', id: 'edit-description' }, description ? 'Edit' : 'Add a description');
    const status = h('div', { class: 'note-status' });
    mount(body, text, h('div', { class: 'note-actions' }, edit), status);
    edit.addEventListener('click', () => {
      const area = h('textarea', { id: 'description-input', rows: 4, 'aria-label': 'Description' });
      area.value = description ? descriptionText(description.data) : '';
      const save = h('button', { type: 'button', class: 'btn btn-small btn-primary', id: 'save-description' }, 'Save');
      const cancel = h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: reload }, 'Cancel');
      mount(body, area, h('div', { class: 'note-actions' }, save, cancel), status);
      area.focus();
      save.addEventListener('click', async () => {
        const value = area.value.trim();
        const ok = await change(ctx, [save, cancel, area], status, 'Saving the description…', async () => {
          if (!value) {
            if (!description) return;
            await Description.delete(annotation);
          } else if (description) {
            description.data = descriptionHtml(value);
            await description.save();
          } else await new Description({ data: descriptionHtml(value) }, annotation).save();
          onUndoable?.('description');
        }, value ? 'Description saved' : 'Description removed');
        if (ok) reload();
      });
    });
  });
}

function tagsSection({ ctx, annotation, tags, signal, onTagsChange, change, onUndoable }) {
  const { Tag, TagDomainAssociation, TagDomainAssociationCollection } = ctx.session.models;
  return section('detail-tags', 'Tags', async (body, reload) => {
    const [byId, associations] = await Promise.all([
      tags(),
      new TagDomainAssociationCollection({ object: annotation }).fetchAll({ signal }),
    ]);
    if (signal.aborted) return;
    const status = h('div', { class: 'note-status' });
    const controls = [];
    const attached = new Set(associations.array.map((x) => x.tag ?? x.tagId));
    const chips = associations.array.map((x) => {
      const tagId = x.tag ?? x.tagId;
      const name = byId.get(tagId)?.name ?? x.tagName ?? `tag ${tagId}`;
      const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove tag ${name}`, dataset: { tagId } }, '✕');
      controls.push(remove);
      remove.addEventListener('click', async () => {
        const removeTag = async () => {
          await TagDomainAssociation.delete(x.id, annotation);
          onUndoable?.(`tag “${name}” removed`);
        };
        if (await change(ctx, controls, status, 'Removing the tag…', removeTag, `Tag “${name}” removed`)) {
          onTagsChange?.();
          reload();
        }
      });
      return h('li', { class: 'tag-chip', dataset: { tagId } }, h('span', {}, name), remove);
    });
    // Tags are shared by the whole server: choose one, or type a new name to create it.
    const input = h('input', { type: 'text', id: 'tag-input', list: 'tag-options', placeholder: 'Tag name', 'aria-label': 'Tag to add', autocomplete: 'off' });
    const options = h('datalist', { id: 'tag-options' }, [...byId.values()].filter((t) => !attached.has(t.id)).map((t) => h('option', { value: t.name })));
    const add = h('button', { type: 'button', class: 'btn btn-small', id: 'add-tag-button' }, 'Add tag');
    controls.push(input, add);
    const addTag = async () => {
      const name = input.value.trim();
      if (!name) {
        mount(status, h('p', { class: 'field-hint', role: 'alert' }, 'Type or choose a tag first.'));
        input.focus();
        return;
      }
      const existing = [...byId.values()].find((t) => t.name?.toLowerCase() === name.toLowerCase());
      if (existing && attached.has(existing.id)) {
        mount(status, h('p', { class: 'field-hint', role: 'alert' }, `“${existing.name}” is already on this annotation.`));
        return;
      }
      const ok = await change(ctx, controls, status, 'Adding the tag…', async () => {
        let tag = existing;
        if (!tag) {
          tag = new Tag({ name });
          await tag.save();
          byId.set(tag.id, tag);
        }
        await new TagDomainAssociation({ tag: tag.id }, annotation).save();
        onUndoable?.(`tag “${tag.name ?? name}” added`);
      }, `Tag “${existing?.name ?? name}” added`);
      if (ok) {
        onTagsChange?.();
        reload();
      }
    };
    add.addEventListener('click', addTag);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') addTag();
    });
    mount(
      body,
      chips.length ? h('ul', { class: 'tag-list', id: 'detail-tag-list' }, chips) : h('p', { class: 'muted', id: 'detail-tag-list' }, 'No tag.'),
      h('div', { class: 'note-actions' }, input, options, add),
      status,
    );
  });
}

function propertiesSection({ ctx, annotation, signal, change, onUndoable }) {
  const { Property, PropertyCollection } = ctx.session.models;
  return section('detail-properties', 'Properties', async (body, reload) => {
    const properties = await new PropertyCollection({ object: annotation }).fetchAll({ signal });
    if (signal.aborted) return;
    const status = h('div', { class: 'note-status' });
    const controls = [];
    const rows = properties.array
      .slice()
      .sort((a, b) => String(a.key).localeCompare(String(b.key)))
      .map((p) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove property ${p.key}`, dataset: { propertyId: p.id } }, '✕');
        controls.push(remove);
        remove.addEventListener('click', async () => {
          const removeProperty = async () => {
            await Property.delete(p.id, annotation);
            onUndoable?.(`property “${p.key}” removed`);
          };
          if (await change(ctx, controls, status, 'Removing the property…', removeProperty, `Property “${p.key}” removed`)) reload();
        });
        return h('tr', { dataset: { key: p.key } }, h('th', { scope: 'row' }, p.key), h('td', {}, p.value ?? ''), h('td', {}, remove));
      });
    const key = h('input', { type: 'text', id: 'property-key', placeholder: 'Key', 'aria-label': 'Property key', autocomplete: 'off' });
    const value = h('input', { type: 'text', id: 'property-value', placeholder: 'Value', 'aria-label': 'Property value', autocomplete: 'off' });
    const add = h('button', { type: 'button', class: 'btn btn-small', id: 'add-property-button' }, 'Add property');
    controls.push(key, value, add);
    add.addEventListener('click', async () => {
      if (!key.value.trim()) {
        mount(status, h('p', { class: 'field-hint', role: 'alert' }, 'A property needs a key.'));
        key.focus();
        return;
      }
      const k = key.value.trim();
      // One value per key: a key already there gets its value replaced.
      const existing = properties.array.find((p) => p.key === k);
      const ok = await change(ctx, controls, status, 'Saving the property…', async () => {
        if (existing) {
          existing.value = value.value;
          await existing.save();
        } else await new Property({ key: k, value: value.value }, annotation).save();
        onUndoable?.(`property “${k}” ${existing ? 'changed' : 'added'}`);
      }, `Property “${k}” saved`);
      if (ok) reload();
    });
    mount(
      body,
      rows.length
        ? h('table', { class: 'property-table', id: 'detail-property-table' }, h('tbody', {}, rows))
        : h('p', { class: 'muted', id: 'detail-property-table' }, 'No property.'),
      h('div', { class: 'note-actions property-add' }, key, value, add),
      status,
    );
  });
}

function commentsSection({ ctx, annotation, usersById, signal, change }) {
  const { AnnotationComment, AnnotationCommentCollection } = ctx.session.models;
  return section('detail-comments', 'Comments', async (body, reload) => {
    const comments = await new AnnotationCommentCollection({ annotation }).fetchAll({ signal });
    if (signal.aborted) return;
    const status = h('div', { class: 'note-status' });
    const items = comments.array.map((c) => h(
      'li',
      { class: 'comment', dataset: { commentId: c.id } },
      h('p', { class: 'comment-meta' }, h('strong', {}, c.senderName ?? usersById.get(c.sender)?.username ?? `user ${c.sender}`), ` · ${formatDate(c.created)}`),
      h('p', { class: 'comment-text' }, c.comment ?? ''),
    ));
    const area = h('textarea', { id: 'comment-input', rows: 3, 'aria-label': 'New comment' });
    const me = ctx.session.me.id;
    const others = [...usersById.keys()].filter((id) => id !== me);
    // Core shows a comment to its sender and its receivers (and e-mails the receivers).
    const share = h('input', { type: 'checkbox', id: 'comment-share', checked: others.length > 0, disabled: !others.length });
    const send = h('button', { type: 'button', class: 'btn btn-small', id: 'add-comment-button' }, 'Comment');
    send.addEventListener('click', async () => {
      const text = area.value.trim();
      if (!text) {
        mount(status, h('p', { class: 'field-hint', role: 'alert' }, 'Write the comment first.'));
        area.focus();
        return;
      }
      const receivers = share.checked ? others : [];
      const ok = await change(ctx, [area, send, share], status, 'Sending the comment…', () => new AnnotationComment({ comment: text, receivers, subject: `Annotation ${annotation.id}` }, annotation).save(), 'Comment added');
      if (ok) reload();
    });
    mount(
      body,
      items.length ? h('ol', { class: 'comment-list', id: 'detail-comment-list' }, items) : h('p', { class: 'muted', id: 'detail-comment-list' }, 'No comment.'),
      area,
      h('div', { class: 'note-actions' }, h('label', { class: 'check', title: 'Core shows a comment to its sender and to the members it is sent to' }, share, ` Share with the ${others.length} other members`), send),
      status,
    );
  });
}
