// The demo page: a small hash router over four views (connect, projects, project, slide viewer)
// and a detail dialog. Everything talks to Cytomine through the cytomine-wasm package, served by the
// gateway of `npm start` at /package/js/index.js (same origin, so no CORS).
import { h, mount, Scope } from './lib/dom.js';
import { errorBox } from './views/common.js';
import { fromCytomineUiHash } from './lib/url-state.js';
// Views are imported up front: a view must still render (an error) when the server is gone.
import * as connectView from './views/connect.js';
import * as projectsView from './views/projects.js';
import * as projectView from './views/project.js';
import * as viewerView from './views/viewer.js';

const main = document.getElementById('main');
const statusEl = document.getElementById('connection-status');

/** Shared state and helpers handed to every view. */
const ctx = {
  pkg: null, // the package's exports
  session: null, // { cytomine, models, me, server, yDown }
  demoCredentials: [], // from /demo-credentials.json (local emulator only)
  navigate: (hash) => {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  setSession,
  sameView: null, // set by a view: (hash) => true when it handles that URL itself
  toast,
  setTitle: (title) => {
    document.title = title ? `${title} · Cytomine annotation browser` : 'Cytomine annotation browser · cytomine-wasm demo';
  },
};
window.__demo = ctx; // handy in the console and for the browser tests

let scope = null;

async function boot() {
  try {
    ctx.pkg = await import('/package/js/index.js');
  } catch (error) {
    mount(
      main,
      h(
        'section',
        { class: 'panel' },
        h('h1', {}, 'The cytomine-wasm package could not be loaded'),
        errorBox({ kind: 'package', message: `Importing /package/js/index.js failed: ${error?.message ?? error}` }),
        h('p', {}, 'Serve this page with ', h('code', {}, 'npm start'), ': its gateway serves the built package at ', h('code', {}, '/package/'), ' and forwards the API.'),
      ),
    );
    return;
  }
  ctx.demoCredentials = await loadDemoCredentials();
  window.addEventListener('hashchange', route);
  renderStatus();
  route();
}

/** Demo keys written by `npm start` for the local emulator; absent with a real upstream. */
async function loadDemoCredentials() {
  try {
    const res = await fetch('/demo-credentials.json', { cache: 'no-store' });
    if (!res.ok) return [];
    const list = await res.json();
    return Array.isArray(list) ? list.filter((c) => c && c.publicKey && c.privateKey) : [];
  } catch {
    return [];
  }
}

function route() {
  // A link of Cytomine's web UI to this origin (an annotation's imageURL from the emulator): the
  // demo's viewer shows it.
  const translated = fromCytomineUiHash(location.hash);
  if (translated) history.replaceState(history.state, '', translated);
  // The view on screen may take a change of its own URL state (e.g. Back closing a detail)
  // without being drawn again, which keeps its scroll position.
  if (ctx.session && scope && !scope.disposed && ctx.sameView?.(location.hash)) return;
  ctx.sameView = null;
  scope?.dispose();
  scope = new Scope();
  const current = scope;
  const hash = location.hash || '#/';
  let view;
  if (!ctx.session) view = connectView;
  else if (/^#\/project\/\d+\/image\/\d+/.test(hash)) view = viewerView;
  else if (/^#\/project\/\d+/.test(hash)) view = projectView;
  else view = projectsView;
  const params = { projectId: Number(/^#\/project\/(\d+)/.exec(hash)?.[1]) || null };
  main.replaceChildren();
  view.render(main, ctx, current, params).catch((error) => {
    if (current.disposed) return;
    console.error(error);
    // A missing or forbidden page offers the way back to the project list.
    const lost = error?.status === 403 || error?.status === 404;
    mount(main, h('section', { class: 'panel' }, errorBox(error, { retry: lost ? undefined : route }), lost ? h('p', {}, h('a', { class: 'btn', href: '#/', id: 'back-to-projects' }, '← Back to the projects')) : null));
  });
}

function setSession(session) {
  ctx.session = session;
  renderStatus();
  route();
}

/** Header: connection state, user, server, and a disconnect button. */
function renderStatus() {
  const s = ctx.session;
  if (!s) {
    mount(statusEl, h('span', { class: 'dot dot-off', 'aria-hidden': 'true' }), h('span', { class: 'status-text' }, 'Not connected'));
    return;
  }
  const server = s.server?.serverURL ?? location.origin;
  // Which Cytomine the package found (core 5.2 or today's core).
  const core = s.cytomine?.core ? ` · core ${s.cytomine.core}` : '';
  mount(
    statusEl,
    h('span', { class: 'dot dot-on', 'aria-hidden': 'true' }),
    h(
      'span',
      { class: 'status-text', title: `${server} · Cytomine ${s.server?.version ?? ''}` },
      'Connected as ',
      h('strong', {}, s.me.username ?? 'unknown'),
      s.auth?.adminByNow ? h('span', { class: 'badge', id: 'admin-session-badge' }, 'admin session') : null,
      h('span', { class: 'status-server' }, ` · ${hostOf(server)}${s.server?.version ? ` · v${s.server.version}` : ''}${core}`),
    ),
    h('button', {
      type: 'button', class: 'btn btn-small btn-ghost', onclick: disconnect, 'aria-label': 'Disconnect from Cytomine',
    }, 'Disconnect'),
  );
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function disconnect() {
  ctx.session = null;
  renderStatus();
  if (location.hash && location.hash !== '#/') location.hash = '#/';
  else route();
}

let toastTimer = null;
/** A transient, announced message (`kind`: info, success, error). */
function toast(message, kind = 'info') {
  let el = document.getElementById('toast');
  if (!el) el = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite' });
  // A modal dialog is in the browser's top layer, above everything in <body>: the toast goes
  // inside the open dialog so it shows above it, and back to <body> otherwise.
  const host = document.querySelector('dialog[open]') ?? document.body;
  if (el.parentElement !== host) host.append(el);
  el.className = `toast toast-${kind} visible`;
  el.textContent = message;
  // Never over the element in focus (a gallery card at the bottom of the window): then at the top.
  const focused = document.activeElement;
  if (focused && focused !== document.body && !el.contains(focused)) {
    const f = focused.getBoundingClientRect();
    const t = el.getBoundingClientRect();
    const bottomTop = window.innerHeight - 20 - t.height; // where the toast rests at the bottom
    const across = f.left < t.right && f.right > t.left;
    if (across && f.bottom > bottomTop - 8 && f.top < window.innerHeight) el.classList.add('toast-top');
  }
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('visible'), kind === 'error' ? 8000 : 3500);
}

boot();
