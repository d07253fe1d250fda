// Tiny DOM helpers: no framework, just a hyperscript-like `h` and a few formatters.

/**
 * Creates an element. `props` keys: `class`, `text`, `dataset`, `style` (object), `on<Event>`
 * handlers, `aria-*` / other attributes; boolean `true` sets an empty attribute, `false`/null skips.
 * Children: nodes, strings, numbers, arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') {
      for (const [name, v] of Object.entries(value)) {
        if (name.startsWith('--')) el.style.setProperty(name, v);
        else el.style[name] = v;
      }
    }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'value' || key === 'checked' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const intFormat = new Intl.NumberFormat();

/** `1,234.56` (locale formatting, at most 2 decimals), `–` when missing. */
export function formatNumber(value) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '–';
  return numberFormat.format(Number(value));
}

/** `1,234`. */
export function formatInt(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  return intFormat.format(Number(value));
}

/** A measure with its unit: `722,615 pixels²`. */
export function formatMeasure(value, unit) {
  const n = formatNumber(value);
  return n === '–' || !unit ? n : `${n} ${unit}`;
}

/** Cytomine dates are epoch milliseconds, as numbers or strings. */
export function formatDate(value, { time = true } = {}) {
  if (value === null || value === undefined || value === '') return '–';
  const d = new Date(Number(value));
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(undefined, time
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Plural helper: `plural(2, 'image')` → `2 images`. */
export function plural(n, word, many = `${word}s`) {
  return `${formatInt(n)} ${Number(n) === 1 ? word : many}`;
}

/** A readable text colour (black or white) over a `#rrggbb` background. */
/** The colour shown for a term whose colour is missing or is not a plain colour. */
export const NEUTRAL_COLOR = '#9e9e9e';

/**
 * A server-provided colour, kept only when it is a plain hex colour (`#rgb`, `#rrggbb`): anything
 * else (`url(http://…)`, `expression(…)`, `var(…)`) would make every viewer's browser fetch or
 * evaluate it once put into a style.
 */
export function safeColor(value, fallback = NEUTRAL_COLOR) {
  return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value.trim()) ? value.trim() : fallback;
}

/**
 * A server-provided URL for a link or an image source, kept only when it is absolute http(s)
 * (`javascript:`, `data:` and the rest are refused): the parsed URL's text, else null.
 */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function contrastColor(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return '#000';
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111' : '#fff';
}

/** The display name of an image instance (blind mode hides filenames). */
export function imageName(image) {
  if (!image) return '–';
  if (image.blindedName) return `Blinded image ${image.blindedName}`;
  return image.instanceFilename ?? image.blindedName ?? image.originalFilename ?? `Image ${image.id}`;
}

/** Aborts when a view is left: `const scope = new Scope(); scope.signal; scope.dispose()`. */
export class Scope {
  constructor() {
    this.controller = new AbortController();
    this.cleanups = [];
  }

  get signal() {
    return this.controller.signal;
  }

  get disposed() {
    return this.controller.signal.aborted;
  }

  onDispose(fn) {
    this.cleanups.push(fn);
  }

  dispose() {
    if (this.disposed) return;
    this.controller.abort();
    for (const fn of this.cleanups.splice(0)) {
      try {
        fn();
      } catch (e) {
        console.warn(e);
      }
    }
  }
}
