// Pieces shared by the views: error panels, loading indicators, term chips.
import { h, contrastColor, safeColor } from '../lib/dom.js';

/** A title and a hint for a `CytomineError` (the package's `message` explains the details). */
export function describeError(error) {
  const kind = error?.kind ?? 'unknown';
  switch (kind) {
    case 'auth':
      return {
        title: 'Authentication failed',
        hint: 'Check the public and private keys (or the token) of your Cytomine account. In a browser, signed requests also need the gateway that copies the dateFull header into Date.',
      };
    case 'network':
      return {
        title: 'Cannot reach the server',
        hint: 'Is the gateway (npm start) still running, and can it reach the Cytomine server?',
      };
    case 'timeout':
      return { title: 'The server did not answer in time', hint: 'Try again; the server may be busy.' };
    case 'http':
      if (error.status === 403) return { title: 'Not allowed', hint: 'Your account lacks the rights for this action in this project.' };
      if (error.status === 404) return { title: 'Not found', hint: 'The object may have been deleted, or the gateway has no route for this path.' };
      if (error.status >= 502 && error.status <= 504) {
        return { title: 'The gateway cannot reach Cytomine', hint: 'Check the --upstream URL given to npm start and your network.' };
      }
      return { title: `The server answered with an error (${error.status ?? 'HTTP'})`, hint: '' };
    case 'decode':
      return { title: 'Unexpected answer from the server', hint: 'Is this URL a Cytomine server, reached through the gateway?' };
    case 'invalid-argument':
      return { title: 'Invalid input', hint: '' };
    default:
      return { title: 'Something went wrong', hint: '' };
  }
}

/**
 * A visible error with the package's message and an optional retry button. `refusal`: the
 * reason to give for a 403 (e.g. the project is read-only), in place of the generic hint.
 */
export function errorBox(error, { retry, context, refusal } = {}) {
  const described = describeError(error);
  const title = described.title;
  const hint = error?.status === 403 && refusal ? refusal : described.hint;
  return h(
    'div',
    { class: 'error-box', role: 'alert', tabindex: '-1', dataset: { kind: error?.kind ?? 'unknown', status: error?.status ?? '' } },
    h('p', { class: 'error-title' }, context ? `${context}: ${title}` : title),
    h('p', { class: 'error-message' }, error?.message ?? String(error)),
    hint ? h('p', { class: 'error-hint' }, hint) : null,
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, 'Try again') : null,
  );
}

/** A loading line (announced politely). */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** A coloured term label. */
export function termChip(term, { small = false } = {}) {
  const color = safeColor(term?.color);
  return h(
    'span',
    { class: ['term-chip', small && 'small'], style: { '--term-color': color, '--term-ink': contrastColor(color) } },
    term?.name ?? 'Unknown term',
  );
}

/**
 * Why there is no "algorithm annotations" filter: neither core lists them in its annotation
 * search (core 5.2 and today's core build a user or a reviewed listing only, and read none of
 * cytomine-client's `includeAlgo`, `showAlgo`, `noAlgoTerm`, `userForTermAlgo`); App Engine
 * results are annotation layers of an image (`/api/image-instances/{id}/annotation-layers`), which
 * the slide viewer shows on today's core. `core` is the package's `cytomine.core` ('5.2', '2026'
 * or null before detection).
 */
export function algorithmNote(core) {
  const server = core === '5.2' ? 'Core 5.2' : core ? "Today's core" : 'This server';
  const where = core === '2026' ? 'the slide viewer shows them ("Algorithm layers")' : "the demo's slide viewer shows them on today's core";
  return h(
    'p',
    { class: 'muted small algo-note', dataset: { core: core ?? '' } },
    h('strong', {}, 'Algorithm annotations: '),
    `not in the annotation search. ${server} lists only user and reviewed annotations there; App Engine results are annotation layers of an image: ${where}.`,
  );
}
