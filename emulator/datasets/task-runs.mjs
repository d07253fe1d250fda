/**
 * App Engine results as core keeps them: a task run of a project, the annotation layer its
 * geometry output became (named by core's `AnnotationLayerService.createLayerName`:
 * `<task> (<version>) - yyyy-MM-dd HH:mm:ss`), the task-run layer tying both to an image, and the
 * layer's annotations (geometry only: core's `annotation` table of `layer_id` and `location`, the
 * WKT's UTF-8 bytes). Not UserAnnotations: the annotation search never lists them.
 */
import { createPrng } from '../prng.mjs';

const two = (n) => String(n).padStart(2, '0');

/** Core's layer name for a task run (SimpleDateFormat `yyyy-MM-dd HH:mm:ss`, the server's zone: UTC). */
export function layerName(task, version, created) {
  const d = new Date(created);
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return `${task} (${version}) - ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/**
 * Seeds one task run on `image` (an image instance with its abstract image `ai`) whose output
 * is `count` small round shapes (detected nuclei) in the middle of the slide. Deterministic.
 * @returns {{ taskRun: object, layer: object, annotations: object[] }}
 */
export function seedTaskRunLayer(store, { image, ai, task, version, created, count, seed }) {
  const rnd = createPrng(seed);
  const taskRun = { id: store.newId(), created, updated: null, project: image.project, task, version };
  store.insert('taskrun', taskRun);
  const layer = { id: store.newId(), created: created + 60_000, updated: null, name: layerName(task, version, created) };
  store.insert('annotationlayer', layer);
  store.insert('taskrunlayer', { id: store.newId(), created: created + 60_000, updated: null, layer: layer.id, taskRun: taskRun.id, image: image.id });
  const annotations = [];
  for (let i = 0; i < count; i++) {
    const r = rnd.int(25, 70);
    const cx = rnd.int(Math.round(ai.width * 0.35), Math.round(ai.width * 0.65));
    const cy = rnd.int(Math.round(ai.height * 0.35), Math.round(ai.height * 0.65));
    const ring = [];
    for (let k = 0; k < 12; k++) {
      const t = (k / 12) * 2 * Math.PI;
      ring.push(`${Math.round(cx + r * Math.cos(t))} ${Math.round(cy + r * Math.sin(t))}`);
    }
    ring.push(ring[0]);
    const a = { id: store.newId(), created: created + 60_000, updated: null, layer: layer.id, location: `POLYGON ((${ring.join(', ')}))` };
    store.insert('layerannotation', a);
    annotations.push(a);
  }
  return { taskRun, layer, annotations };
}
