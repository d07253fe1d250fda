/**
 * Generic list filters `field[op]=value` and `sort`/`order` (contract §2.3), applied to
 * in-memory rows. Unknown fields are ignored like unknown operators in core.
 */

/** SQL LIKE pattern -> RegExp (`%` any run, `_` one char). */
export function likeRegex(pattern, caseInsensitive) {
  const src = String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${src}$`, caseInsensitive ? 'is' : 's');
}

/** Core's like/ilike value rewriting: `*` -> `%`, and a value starting with `%` is wrapped in `%...%`. */
export function likeValue(v) {
  let s = String(v).replace(/\*/g, '%');
  if (s.startsWith('%')) s = `%${s}%`;
  return s;
}

const num = (x) => (typeof x === 'number' ? x : x !== null && x !== '' && !Number.isNaN(Number(x)) ? Number(x) : null);

function cmp(a, b) {
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na - nb;
  return String(a).localeCompare(String(b));
}

/**
 * Build a predicate from filters.
 * @param {Array<{field,op,value}>} filters
 * @param {(row:any, field:string) => any} get returns `undefined` for unknown fields
 * @param {Set<string>} known fields that may be filtered
 */
export function filterPredicate(filters, get, known) {
  const tests = [];
  for (const f of filters) {
    if (!known.has(f.field)) continue;
    let t;
    switch (f.op) {
      case 'equals': t = (x) => x !== null && x !== undefined && (cmp(x, f.value) === 0 || String(x) === f.value); break;
      case 'nequals': t = (x) => !(x !== null && x !== undefined && String(x) === f.value); break;
      case 'like': { const re = likeRegex(likeValue(f.value), false); t = (x) => x !== null && x !== undefined && re.test(String(x)); break; }
      case 'ilike': { const re = likeRegex(likeValue(f.value), true); t = (x) => x !== null && x !== undefined && re.test(String(x)); break; }
      case 'lte': t = (x) => x !== null && x !== undefined && cmp(x, f.value) <= 0; break;
      case 'gte': t = (x) => x !== null && x !== undefined && cmp(x, f.value) >= 0; break;
      case 'in': { const vals = String(f.value).split(','); t = (x) => x !== null && x !== undefined && vals.some((v) => String(x) === v || cmp(x, v) === 0); break; }
      default: continue;
    }
    const field = f.field;
    tests.push((row) => {
      const x = get(row, field);
      return Array.isArray(x) ? (f.op === 'nequals' ? x.every((e) => t(e)) : x.some((e) => t(e))) : t(x);
    });
  }
  return (row) => tests.every((t) => t(row));
}

/**
 * Sort rows in place by a field (nulls first when ascending, like PostgreSQL's NULLS LAST
 * reversed... kept simple: nulls last in both orders), ties broken by id descending.
 */
export function sortRows(rows, field, order, get) {
  const dir = String(order).toLowerCase() === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const x = get(a, field);
    const y = get(b, field);
    if (x === y || (x == null && y == null)) return (b.id ?? 0) - (a.id ?? 0);
    if (x == null) return 1;
    if (y == null) return -1;
    const c = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'en', { sensitivity: 'base' }) || (x < y ? -1 : 1) : cmp(x, y);
    return c * dir || (b.id ?? 0) - (a.id ?? 0);
  });
  return rows;
}
