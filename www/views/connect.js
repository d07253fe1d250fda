// Connection form: API keys (HMAC-signed requests) or a bearer token. With the local emulator,
// `npm start` writes the demo users' keys to /demo-credentials.json and the form is prefilled.
import { h, mount } from '../lib/dom.js';
import { errorBox } from './common.js';

export async function render(container, ctx, scope) {
  ctx.setTitle('Connect');
  const demo = ctx.demoCredentials;
  // Default demo user: alice (a project manager), else the first non-admin user.
  const preferred = demo.find((c) => c.username === 'alice') ?? demo.find((c) => !c.admin) ?? demo[0];

  const publicKey = h('input', {
    id: 'public-key', name: 'publicKey', autocomplete: 'username', spellcheck: 'false', value: preferred?.publicKey ?? '',
  });
  const privateKey = h('input', {
    id: 'private-key', name: 'privateKey', type: 'password', autocomplete: 'current-password', spellcheck: 'false',
    value: preferred?.privateKey ?? '',
  });
  const token = h('textarea', { id: 'token', name: 'token', rows: 3, spellcheck: 'false' });
  const showKey = h('button', {
    type: 'button', class: 'btn btn-small btn-ghost', 'aria-label': 'Show private key', 'aria-pressed': 'false',
    onclick: () => {
      const shown = privateKey.type === 'text';
      privateKey.type = shown ? 'password' : 'text';
      showKey.setAttribute('aria-pressed', String(!shown));
      showKey.textContent = shown ? 'Show' : 'Hide';
    },
  }, 'Show');

  const keysFields = h(
    'div',
    { class: 'fields', id: 'keys-fields' },
    h('label', { for: 'public-key' }, 'Public key'),
    publicKey,
    h('label', { for: 'private-key' }, 'Private key'),
    h('div', { class: 'input-with-button' }, privateKey, showKey),
    h('p', { class: 'field-hint' }, 'Find your keys in Cytomine under Account → API keys. The private key never leaves this page: it signs each request (HMAC-SHA1).'),
  );
  const tokenFields = h(
    'div',
    { class: 'fields', id: 'token-fields', hidden: true },
    h('label', { for: 'token' }, 'Access token'),
    token,
    h('p', { class: 'field-hint' }, 'A bearer token (JWT) from your Cytomine identity provider.'),
  );

  const methodKeys = h('input', { type: 'radio', name: 'method', value: 'keys', id: 'method-keys', checked: true });
  const methodToken = h('input', { type: 'radio', name: 'method', value: 'token', id: 'method-token' });
  const onMethod = () => {
    keysFields.hidden = !methodKeys.checked;
    tokenFields.hidden = !methodToken.checked;
  };
  methodKeys.addEventListener('change', onMethod);
  methodToken.addEventListener('change', onMethod);

  let demoPicker = null;
  if (demo.length) {
    const select = h(
      'select',
      {
        id: 'demo-user',
        onchange: () => {
          const c = demo.find((x) => x.username === select.value);
          if (!c) return;
          publicKey.value = c.publicKey;
          privateKey.value = c.privateKey;
          methodKeys.checked = true;
          onMethod();
        },
      },
      demo.map((c) => h('option', { value: c.username, selected: c === preferred }, `${c.username}${c.admin ? ' (admin)' : ''}`)),
    );
    demoPicker = h(
      'div',
      { class: 'demo-picker' },
      h('label', { for: 'demo-user' }, 'Demo user'),
      select,
      h('p', { class: 'field-hint' }, 'You are on the local Cytomine emulator: the keys of its demo users are filled in for you.'),
    );
  }

  const errorSlot = h('div', { class: 'error-slot' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'connect-button' }, 'Connect');
  const form = h(
    'form',
    { class: 'connect-form', 'aria-labelledby': 'connect-title', novalidate: true },
    h('h1', { id: 'connect-title' }, 'Connect to Cytomine'),
    h(
      'p',
      { class: 'muted' },
      'Requests go through the gateway at ',
      h('code', {}, location.origin),
      ' (started by ',
      h('code', {}, 'npm start'),
      '): the local emulator, or the Cytomine given with ',
      h('code', {}, '--upstream https://…'),
      '.',
    ),
    demoPicker,
    h(
      'fieldset',
      { class: 'method' },
      h('legend', {}, 'Sign in with'),
      h('label', { class: 'radio' }, methodKeys, ' API keys'),
      h('label', { class: 'radio' }, methodToken, ' A token'),
    ),
    keysFields,
    tokenFields,
    errorSlot,
    h('div', { class: 'actions' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(errorSlot);
    const useToken = methodToken.checked;
    const options = useToken
      ? { token: token.value.trim() }
      : { publicKey: publicKey.value.trim(), privateKey: privateKey.value.trim() };
    const missing = useToken ? (!options.token ? 'the token' : null) : !options.publicKey ? 'the public key' : !options.privateKey ? 'the private key' : null;
    if (missing) {
      mount(errorSlot, errorBox({ kind: 'invalid-argument', message: `Please enter ${missing}.` }));
      (useToken ? token : !options.publicKey ? publicKey : privateKey).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Connecting…';
    form.setAttribute('aria-busy', 'true');
    try {
      const session = await connect(ctx, options);
      if (scope.disposed) return;
      ctx.toast(`Connected as ${session.me.username}`, 'success');
      ctx.setSession(session);
    } catch (error) {
      if (scope.disposed) return;
      console.warn('connect failed', error);
      mount(errorSlot, errorBox(error, { context: 'Could not connect' }));
      errorSlot.querySelector('[role=alert]')?.focus?.();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Connect';
      form.removeAttribute('aria-busy');
    }
  });

  mount(container, h('section', { class: 'panel connect' }, form));
  submit.focus();
}

/**
 * Opens a connection through the gateway (same origin), checks the server is alive, then
 * fetches the current user (which fails on wrong keys).
 */
async function connect(ctx, options) {
  const { Cytomine } = ctx.pkg;
  const cytomine = new Cytomine(window.location.origin, { ...options, timeoutMs: 20000 });
  Cytomine.setDefault(cytomine);
  const server = await cytomine.ping();
  const me = await cytomine.models.User.fetchCurrent();
  const auth = await fetchAuthInfo(cytomine);
  // Cytomine (and the emulator) count y from the bottom-left corner of the image.
  const yDown = false;
  return { cytomine, models: cytomine.models, me, auth, server, yDown };
}

/**
 * The user's server roles as Cytomine's UI reads them (`{admin, user, guest, adminByNow,
 * userByNow, guestByNow}`: a guest account has `userByNow` false), or null when the server does
 * not say (the page then shows no role and lets the server's refusals speak).
 */
export async function fetchAuthInfo(cytomine) {
  try {
    const info = await cytomine.request('GET', '/session/admin/info.json');
    return info && typeof info === 'object' ? info : null;
  } catch {
    return null;
  }
}
