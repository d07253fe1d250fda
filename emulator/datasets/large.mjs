/**
 * The `large` dataset: the demo users and one project ("Benchmark-Large") with 10 images
 * and 100,000 annotations, for benchmarks. Deterministic.
 */
import { createPrng } from '../prng.mjs';
import { DAY, T2024, seedAbstractImage, seedAnnotations, seedInstance, seedOntology, seedProject, seedUsers } from './common.mjs';

/** Number of annotations in the large project. */
export const LARGE_COUNT = 100_000;

export function seedLarge(store, { count = LARGE_COUNT } = {}) {
  const rnd = createPrng(424242);
  const u = seedUsers(store);
  const histo = seedOntology(store, 'Histology', u.alice, T2024 + 2 * DAY);
  const p = seedProject(store, { name: 'Benchmark-Large', ontology: histo.ontology, creator: u.alice, created: T2024 + 5 * DAY, contributors: [u.bob, u.carol, u.guest] });
  const images = [];
  for (let i = 0; i < 10; i++) {
    const created = p.created + (i + 1) * 3600_000;
    const ai = seedAbstractImage(store, rnd, { filename: `BENCH-${String(i + 1).padStart(3, '0')}.svs`, uploader: u.alice, created, physicalSizeX: i % 2 ? 0.25 : null });
    const { ii, sl } = seedInstance(store, ai, p, u.alice, created + 60_000);
    images.push({ ii, sl, ai });
  }
  seedAnnotations(store, rnd, { images, users: [u.alice, u.bob, u.carol], terms: histo.terms, count, from: T2024 + 14 * DAY, to: Date.UTC(2026, 0, 31) });
  return u;
}
