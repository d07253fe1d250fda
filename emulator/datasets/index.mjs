/** Dataset selection: `demo`, `large` or `empty` (only the users). */
import { seedUsers } from './common.mjs';
import { seedDemo } from './demo.mjs';
import { seedLarge } from './large.mjs';

export const DATASETS = ['demo', 'empty', 'large'];

/**
 * Seed a dataset into an empty store.
 * @param {import('../store.mjs').Store} store
 * @param {'demo'|'empty'|'large'} name
 */
export function seedDataset(store, name) {
  switch (name) {
    case 'demo': return seedDemo(store);
    case 'large': return seedLarge(store);
    case 'empty': return seedUsers(store);
    default: throw new Error(`Unknown dataset "${name}" (expected one of ${DATASETS.join(', ')})`);
  }
}
