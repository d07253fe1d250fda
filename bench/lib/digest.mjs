// Digests of what a client returned, computed outside the timed region, so that a fast but
// wrong answer cannot win. Pure ES module: runs in Node, in the benchmark page and in the parent
// (for the expected values, computed from the emulator's store).

/** FNV-1a over the decimal ids, in ascending order. */
export function idHash(sortedIds) {
  let h = 0x811c9dc5;
  for (const id of sortedIds) {
    const s = `${id},`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Digest of annotation-like records `{id, area, term, location}` (any iterable).
 * Sums are taken in id order so that two clients holding the same data give the same floats.
 */
export function digestAnnotations(items) {
  const rows = [];
  let first = null;
  for (const a of items) {
    if (first === null) first = a;
    rows.push(a);
  }
  rows.sort((x, y) => x.id - y.id);
  const ids = rows.map((a) => a.id);
  let areaSum = 0;
  let termRefs = 0;
  let wktChars = 0;
  let bad = 0;
  for (const a of rows) {
    if (typeof a.area !== 'number' || !Array.isArray(a.term) || typeof a.location !== 'string') bad++;
    else {
      areaSum += a.area;
      termRefs += a.term.length;
      wktChars += a.location.length;
    }
  }
  // The fields the server sent (non-null, not private): both clients must hold the same ones.
  const fields = first
    ? Object.keys(first).filter((k) => !k.startsWith('_') && first[k] !== null && first[k] !== undefined).sort().join(',')
    : '';
  let dup = 0;
  for (let i = 1; i < ids.length; i++) if (ids[i] === ids[i - 1]) dup++;
  return { count: rows.length, duplicates: dup, idHash: idHash(ids), areaSum: Math.round(areaSum * 1000) / 1000, termRefs, wktChars, bad, fields };
}

/** Digest of term-like records `{id, name, ontology|ontologyId}` (any iterable). */
export function digestTerms(items) {
  const rows = [...items].sort((x, y) => x.id - y.id);
  const ids = rows.map((t) => t.id);
  let dup = 0;
  for (let i = 1; i < ids.length; i++) if (ids[i] === ids[i - 1]) dup++;
  const nameChars = rows.reduce((s, t) => s + (typeof t.name === 'string' ? t.name.length : 0), 0);
  return { count: rows.length, duplicates: dup, idHash: idHash(ids), nameChars };
}
