// Shortens wasm-bindgen's machine-made names to short ones (`_0`, `_1`, ...) in both places that
// spell them: the wasm (import and export sections) and the glue. They are the hashed import
// names (`__wbg_fetch_from_js_30fec9f78d5cf7ef`, spelled once in the glue's import object: the 16
// hex digits of the hash do not compress) and the exported closure shims
// (`wasm_bindgen_<hash>___convert__closures_____invoke___...`, up to 330 characters). This saves
// about 3 kB of the gzipped download (wasm + glue). The names are private to the pair, which is
// rewritten together; the exports the glue's own API calls (`connection_new`...) keep theirs.
import { readFileSync, writeFileSync } from 'node:fs';

const HASHED_IMPORT = /^__wbg_[A-Za-z0-9_]*_[0-9a-f]{16}$/;
const CLOSURE_SHIM_EXPORT = /^wasm_bindgen_[A-Za-z0-9_]*convert__closures_[A-Za-z0-9_]*$/;

/** Every spelling of `name` in `glue` as a whole identifier. */
const identifier = (name) => new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g');

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    if (byte === undefined) throw new Error('truncated LEB128 in the wasm');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function writeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

const writeName = (name) => Buffer.concat([writeLeb(Buffer.byteLength(name)), Buffer.from(name, 'utf8')]);

/** Skips one import's description (function, table, memory, global or tag) and returns its end. */
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = readLeb(bytes, p)[1];
    return flags & 1 ? readLeb(bytes, p)[1] : p;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind} in the wasm`);
  }
}

/**
 * Rewrites `wasmBytes` and `glue` (the text of wasm-bindgen's JS) with short names.
 * Returns `{ wasm, glue, renamed }`; throws if an import is not spelled exactly once in the glue,
 * an export not at all, or a short name is taken.
 */
export function shortenNames(wasmBytes, glue) {
  const bytes = Buffer.from(wasmBytes);
  const parts = [bytes.subarray(0, 8)];
  let renamed = 0;
  const shorten = (name, spellings) => {
    const short = `_${(renamed++).toString(36)}`;
    const found = glue.match(identifier(name))?.length ?? 0;
    if (!spellings(found)) throw new Error(`${name} is spelled ${found} times in the glue`);
    if (identifier(short).test(glue)) throw new Error(`${short} is already a name in the glue`);
    glue = glue.replace(identifier(name), short);
    return short;
  };
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, bodyStart] = readLeb(bytes, at + 1);
    const end = bodyStart + size;
    if (id !== 2 && id !== 7) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readLeb(bytes, bodyStart);
    const entries = [writeLeb(count)];
    for (let i = 0; i < count; i++) {
      let module = null;
      let name;
      if (id === 2) [module, p] = readName(bytes, p);
      [name, p] = readName(bytes, p);
      const descriptionStart = p;
      // An export's description is its kind and index.
      p = id === 2 ? skipDescription(bytes, p) : readLeb(bytes, p + 1)[1];
      if (id === 2 && HASHED_IMPORT.test(name)) name = shorten(name, (n) => n === 1);
      else if (id === 7 && CLOSURE_SHIM_EXPORT.test(name)) name = shorten(name, (n) => n >= 1);
      if (module !== null) entries.push(writeName(module));
      entries.push(writeName(name), bytes.subarray(descriptionStart, p));
    }
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([id]), writeLeb(body.length), body);
    at = end;
  }
  return { wasm: Buffer.concat(parts), glue, renamed };
}

/** Applies `shortenNames` to the files in place; returns how many names were shortened. */
export function shortenNamesInFiles(wasmFile, glueFile) {
  const { wasm, glue, renamed } = shortenNames(readFileSync(wasmFile), readFileSync(glueFile, 'utf8'));
  if (!WebAssembly.validate(wasm)) throw new Error('the wasm with short names does not validate');
  writeFileSync(wasmFile, wasm);
  writeFileSync(glueFile, glue);
  return renamed;
}
