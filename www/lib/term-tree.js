// The ontology as a tree: core gives each term its `parent` (a term id, or null), and Cytomine's
// UI lists the terms as a tree (children under their parent). Pure functions, no DOM.

/**
 * The terms in tree order (each parent followed by its children, siblings in the given order),
 * with their depth. A term whose parent is unknown, or that is in a cycle, is listed as a root.
 * @param {object[]} terms
 * @returns {{term: object, depth: number}[]}
 */
export function treeOrder(terms) {
  const ids = new Set(terms.map((t) => t.id));
  const children = new Map();
  const roots = [];
  for (const t of terms) {
    const parent = t.parent;
    if (parent !== null && parent !== undefined && parent !== t.id && ids.has(parent)) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(t);
    } else roots.push(t);
  }
  const out = [];
  const seen = new Set();
  const visit = (t, depth) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    out.push({ term: t, depth });
    for (const c of children.get(t.id) ?? []) visit(c, depth + 1);
  };
  for (const t of roots) visit(t, 0);
  // Terms only reachable through a cycle: listed as roots.
  for (const t of terms) visit(t, 0);
  return out;
}

/**
 * The ids of the terms to show for a search: those whose name contains `text` (ignoring case
 * and accents), with their ancestors so each match stays under its parent. All when `text` is empty.
 * @param {{term: object}[]} rows from treeOrder
 * @param {string} text
 * @returns {Set<number>}
 */
export function searchTree(rows, text) {
  const needle = fold(text);
  if (!needle) return new Set(rows.map((r) => r.term.id));
  const byId = new Map(rows.map((r) => [r.term.id, r.term]));
  const shown = new Set();
  for (const { term } of rows) {
    if (!fold(term.name).includes(needle)) continue;
    let t = term;
    while (t && !shown.has(t.id)) {
      shown.add(t.id);
      t = byId.get(t.parent);
    }
  }
  return shown;
}

/** Lower case without accents, for matching names. */
export function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}
