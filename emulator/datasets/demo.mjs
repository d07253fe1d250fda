/**
 * The `demo` dataset: 6 users with different rights, 7 projects (4 named "P..."), 3
 * ontologies with coloured terms (one parent-child relation), 24 abstract images (one
 * shared by two projects, two unused), 25 image instances and about 5,500 annotations,
 * plus properties, tags, descriptions and one App Engine task run's annotation layer. Deterministic: same ids and values every run.
 */
import { createPrng } from '../prng.mjs';
import { DOMAINS } from '../domains.mjs';
import { DAY, T2024, seedAbstractImage, seedAnnotations, seedInstance, seedOntology, seedProject, seedUsers } from './common.mjs';
import { seedTaskRunLayer } from './task-runs.mjs';

/** Seed the demo dataset into `store`. */
export function seedDemo(store) {
  const rnd = createPrng(20240601);
  const u = seedUsers(store);
  const histo = seedOntology(store, 'Histology', u.alice, T2024 + 2 * DAY);
  const prost = seedOntology(store, 'Prostate-Gleason', u.alice, T2024 + 3 * DAY);
  const colon = seedOntology(store, 'Colon', u.bob, T2024 + 4 * DAY);

  const P = (o) => seedProject(store, { ...o });
  const projects = [
    { p: P({ name: 'PANC-Biopsies', ontology: histo.ontology, creator: u.alice, created: T2024 + 5 * DAY, contributors: [u.bob, u.carol, u.guest] }), o: histo, n: 5, ann: 1200, px: 0.25 },
    { p: P({ name: 'PROSTATE-Gleason', ontology: prost.ontology, creator: u.alice, created: T2024 + 6 * DAY, contributors: [u.bob] }), o: prost, n: 4, ann: 900, px: 0.5 },
    { p: P({ name: 'Pulmonary-Nodules', ontology: histo.ontology, creator: u.carol, created: T2024 + 7 * DAY, contributors: [u.alice, u.bob], blindMode: true }), o: histo, n: 3, ann: 600, px: null },
    { p: P({ name: 'Breast-HER2', ontology: histo.ontology, creator: u.alice, created: T2024 + 8 * DAY, contributors: [u.bob] }), o: histo, n: 4, ann: 900, px: 0.25 },
    { p: P({ name: 'Colon-Polyps', ontology: colon.ontology, creator: u.bob, created: T2024 + 9 * DAY, contributors: [u.alice, u.carol] }), o: colon, n: 4, ann: 800, px: null },
    { p: P({ name: 'Skin-Melanoma', ontology: null, creator: u.carol, created: T2024 + 10 * DAY, contributors: [u.bob], mode: 'RESTRICTED' }), o: null, n: 3, ann: 600, px: 0.5 },
    { p: P({ name: 'Placenta-Archive', ontology: histo.ontology, creator: u.alice, created: T2024 + 11 * DAY, contributors: [u.bob], mode: 'READ_ONLY' }), o: histo, n: 2, ann: 500, px: null },
  ];

  // images
  const imagesByProject = new Map();
  let shared = null;
  let k = 0;
  for (const { p, n, px } of projects) {
    const list = [];
    const prefix = p.name.split('-')[0].toUpperCase().slice(0, 5);
    for (let i = 0; i < n; i++) {
      const ext = ['svs', 'ndpi', 'tif', 'mrxs'][(k + i) % 4];
      const created = p.created + (i + 1) * 3600_000;
      const ai = seedAbstractImage(store, rnd, {
        filename: `${prefix}-${String(i + 1).padStart(3, '0')}.${ext}`, uploader: store.get('user', p.creator), created,
        physicalSizeX: px && i % 3 !== 2 ? px : null,
      });
      const { ii, sl } = seedInstance(store, ai, p, store.get('user', p.creator), created + 60_000);
      list.push({ ii, sl, ai });
      if (!shared && p.name === 'Breast-HER2') shared = ai;
    }
    k += n;
    imagesByProject.set(p.id, list);
  }
  // one base image in two projects (Breast-HER2 image reused in PANC-Biopsies)
  const panc = projects[0].p;
  const inst = seedInstance(store, shared, panc, u.alice, panc.created + 30 * DAY);
  inst.ii.instanceFilename = 'HER2-reference-slide.svs';
  imagesByProject.get(panc.id).push({ ...inst, ai: shared });
  // two unused abstract images (uploaded by bob)
  for (let i = 1; i <= 2; i++) seedAbstractImage(store, rnd, { filename: `UNSORTED-${i}.tif`, uploader: u.bob, created: T2024 + 20 * DAY + i * 3600_000 });

  // annotations, spread over 2024-01-15 .. 2026-01-31 (interleaved by project)
  const from = T2024 + 14 * DAY;
  const to = Date.UTC(2026, 0, 31);
  const span = (to - from) / projects.length;
  projects.forEach(({ p, o, ann }, i) => {
    const m = store.membersOf(p.id);
    const users = [...m.contributors].filter((id) => id !== u.guest.id).map((id) => store.get('user', id));
    const terms = o ? o.terms : [];
    seedAnnotations(store, rnd, { images: imagesByProject.get(p.id), users, terms, count: ann, from: from + i * span * 0.1, to: to - (projects.length - i) * span * 0.05 });
  });

  // properties
  const prop = (cls, ident, key, value, created) => store.insert('property', {
    id: store.newId(), created, updated: null, domainClassName: cls, domainIdent: ident, key, value,
  });
  const later = Date.UTC(2026, 1, 1);
  for (const { p } of projects) {
    prop(DOMAINS.project.cls, p.id, 'study', `${p.name.split('-')[0]} cohort ${2024 + (p.id % 2)}`, later);
    prop(DOMAINS.project.cls, p.id, 'PI', store.get('user', p.creator).name, later);
  }
  for (const list of imagesByProject.values()) {
    list.forEach(({ ii }, i) => {
      prop(DOMAINS.imageinstance.cls, ii.id, 'stain', i % 4 === 3 ? 'IHC' : 'H&E', later);
      prop(DOMAINS.imageinstance.cls, ii.id, 'scanner', i % 2 ? 'Hamamatsu NanoZoomer S360' : 'Aperio GT450', later);
    });
  }
  let nAnn = 0;
  for (const a of store.t.annotation.values()) {
    if (nAnn++ % 17 === 0) {
      prop(DOMAINS.annotation.cls, a.id, 'confidence', (0.5 + rnd.next() * 0.5).toFixed(2), a.created + 1000);
      if (rnd.chance(0.3)) prop(DOMAINS.annotation.cls, a.id, 'grade', String(rnd.int(1, 3)), a.created + 1000);
    }
  }

  // tags and associations
  const tags = ['review-needed', 'teaching', 'artifact', 'high-quality'].map((name, i) => {
    const t = { id: store.newId(), created: later + i, updated: null, name, user: (i % 2 ? u.bob : u.alice).id };
    store.insert('tag', t);
    return t;
  });
  const tda = (tag, cls, ident) => store.insert('tagdomainassociation', {
    id: store.newId(), created: later + 10, updated: null, tag: tag.id, domainClassName: cls, domainIdent: ident,
  });
  tda(tags[1], DOMAINS.project.cls, projects[0].p.id);
  tda(tags[3], DOMAINS.project.cls, projects[1].p.id);
  tda(tags[0], DOMAINS.imageinstance.cls, imagesByProject.get(projects[0].p.id)[0].ii.id);
  tda(tags[2], DOMAINS.imageinstance.cls, imagesByProject.get(projects[3].p.id)[1].ii.id);
  const someAnns = store.annotationIdsOfProject(projects[0].p.id).slice(0, 40);
  someAnns.forEach((aid, i) => tda(tags[i % 2 === 0 ? 0 : 1], DOMAINS.annotation.cls, aid));

  // descriptions
  const desc = (p, data) => store.insert('description', {
    id: store.newId(), created: later + 20, updated: null, domainClassName: DOMAINS.project.cls, domainIdent: p.id, data,
  });
  desc(projects[0].p, '<p>Pancreatic biopsies annotated for <b>tumor</b> and <b>stroma</b> regions.</p>');
  desc(projects[1].p, '<p>Gleason grading of prostate core needle biopsies.</p>');

  // App Engine results: a nuclei detection run on PANC-Biopsies' first image (an annotation layer).
  const first = imagesByProject.get(projects[0].p.id)[0];
  seedTaskRunLayer(store, { image: first.ii, ai: first.ai, task: 'nuclei-detection', version: '1.2.0', created: Date.UTC(2026, 1, 2, 9, 30, 5), count: 60, seed: 20260202 });
  return u;
}
