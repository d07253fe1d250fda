// The projects the user can open: a searchable, sortable card list with the ontology and the
// numbers of images, annotations and members.
import { h, mount, formatInt, formatDate, plural } from '../lib/dom.js';
import { errorBox, loading } from './common.js';
import { fetchAuthInfo } from './connect.js';

const SORTS = {
  name: { label: 'Name', compare: (a, b) => String(a.name).localeCompare(String(b.name)) },
  created: { label: 'Newest', compare: (a, b) => Number(b.created) - Number(a.created) },
  annotations: { label: 'Most annotations', compare: (a, b) => (b.numberOfAnnotations ?? 0) - (a.numberOfAnnotations ?? 0) },
};

export async function render(container, ctx, scope) {
  ctx.setTitle('Projects');
  const { ProjectCollection } = ctx.session.models;
  const search = h('input', {
    type: 'search', id: 'project-search', placeholder: 'Search by name or ontology', 'aria-label': 'Search projects',
    autocomplete: 'off',
  });
  const sort = h(
    'select',
    { id: 'project-sort', 'aria-label': 'Sort projects' },
    Object.entries(SORTS).map(([value, { label }]) => h('option', { value }, label)),
  );
  const count = h('span', { class: 'muted', id: 'project-count', 'aria-live': 'polite' });
  const list = h('div', { class: 'project-area' }, loading('Loading projects…'));
  mount(
    container,
    h(
      'section',
      { class: 'view projects-view' },
      h(
        'div',
        { class: 'view-head' },
        h('div', {}, h('h1', {}, 'Projects'), count),
        h('div', { class: 'toolbar' }, search, h('label', { class: 'inline-label' }, 'Sort by ', sort)),
      ),
      list,
    ),
  );

  let projects;
  const load = async () => {
    mount(list, loading('Loading projects…'));
    try {
      const collection = await ProjectCollection.fetchAll({ withMembersCount: true }, { signal: scope.signal });
      projects = collection.array.slice();
      draw();
    } catch (error) {
      if (!scope.disposed) mount(list, errorBox(error, { retry: load, context: 'Could not load the projects' }));
    }
  };

  const draw = () => {
    if (!projects) return;
    const q = search.value.trim().toLowerCase();
    const shown = projects
      .filter((p) => !q || `${p.name} ${p.ontologyName ?? ''}`.toLowerCase().includes(q))
      .sort(SORTS[sort.value].compare);
    count.textContent = q ? `${shown.length} of ${plural(projects.length, 'project')}` : plural(projects.length, 'project');
    if (!shown.length) {
      mount(list, projects.length ? h('p', { class: 'empty' }, `No project matches “${search.value}”.`) : noProject());
      return;
    }
    mount(list, h('ul', { class: 'project-grid', 'aria-label': 'Projects' }, shown.map(projectCard)));
  };

  /**
   * No project: the user is a member of none. An administrator sees every project only in an
   * admin session (core lists the member's projects otherwise): offered here.
   */
  const noProject = () => {
    const auth = ctx.session.auth;
    const status = h('div', { class: 'note-status' });
    const offerAdmin = auth?.admin && !auth.adminByNow;
    const open = offerAdmin
      ? h('button', {
        type: 'button', class: 'btn btn-primary', id: 'open-admin-session',
        onclick: async () => {
          open.disabled = true;
          try {
            await ctx.session.cytomine.openAdminSession();
            ctx.session.auth = await fetchAuthInfo(ctx.session.cytomine);
            ctx.toast('Admin session opened', 'success');
            ctx.setSession(ctx.session); // the header says so; the list is asked again
          } catch (error) {
            open.disabled = false;
            mount(status, errorBox(error, { context: 'Could not open the admin session' }));
          }
        },
      }, 'Open an admin session')
      : null;
    return h(
      'div',
      { class: 'empty', id: 'no-project' },
      h('p', {}, h('strong', {}, `${ctx.session.me.username} is a member of no project on this server.`)),
      offerAdmin
        ? h('p', {}, 'As an administrator you can see every project in an admin session (as in Cytomine\'s own interface).')
        : h('p', {}, 'Ask a project manager or an administrator of this Cytomine to add you to a project.'),
      open,
      status,
    );
  };

  search.addEventListener('input', draw);
  sort.addEventListener('change', draw);
  await load();
  search.focus();
}

function projectCard(p) {
  const flags = [p.isReadOnly && 'read-only', p.isRestricted && 'restricted', p.blindMode && 'blind', p.isClosed && 'closed'].filter(Boolean);
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'project-card', href: `#/project/${p.id}`, dataset: { projectId: p.id } },
      h('h2', { class: 'project-name' }, p.name),
      h(
        'p',
        { class: 'project-ontology' },
        p.ontologyName ? ['Ontology: ', h('strong', {}, p.ontologyName)] : h('span', { class: 'muted' }, 'No ontology'),
      ),
      h(
        'dl',
        { class: 'stats' },
        stat('Images', p.numberOfImages),
        stat('Annotations', p.numberOfAnnotations),
        p.membersCount !== undefined && p.membersCount !== null ? stat('Members', p.membersCount) : null,
      ),
      h(
        'p',
        { class: 'project-meta' },
        h('span', {}, `Created ${formatDate(p.created, { time: false })}`),
        flags.map((f) => h('span', { class: 'badge' }, f)),
      ),
    ),
  );
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('dt', {}, label), h('dd', {}, formatInt(value)));
}
