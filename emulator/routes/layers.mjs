/**
 * App Engine results as today's core lists them (`AnnotationLayerController`): the annotation
 * layers of an image, a layer's annotations and its task-run layer. Plain JSON (records, not
 * core's list envelope), authentication only (the controller checks no ACL). Core 5.2.0 maps the
 * same paths but serialises its entities directly; that JSON is not established, so only
 * `--core 2026` has these routes.
 */
import { ApiError, objectNotFound } from '../envelope.mjs';

const TODAY = { core: '2026' };
const byId = (a, b) => a.id - b.id;

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // `AnnotationLayerService.findByTaskRunLayer`: the layers of the image's task-run layers, then
  // (quirk) the layer of the project's latest task run, whatever its image; a LinkedHashSet of
  // `{id, name}` records, so a layer already listed is not repeated.
  r.add('GET', '/api/image-instances/:id/annotation-layers', (ctx) => {
    const s = ctx.store;
    const layers = new Map();
    const add = (layerId) => {
      const l = s.get('annotationlayer', layerId);
      if (l && !layers.has(l.id)) layers.set(l.id, { id: l.id, name: l.name });
    };
    for (const trl of s.all('taskrunlayer').filter((x) => x.image === ctx.pid()).sort(byId)) add(trl.layer);
    const image = s.get('imageinstance', ctx.pid());
    // core reads `imageInstance.getProject()` of a null image: a NullPointerException (500) [inferred message]
    if (!image) throw new ApiError('Server', 'Cannot invoke "be.cytomine.domain.image.ImageInstance.getProject()" because "imageInstance" is null', { noErrorValues: true });
    const runs = s.all('taskrun').filter((t) => t.project === image.project).sort((a, b) => b.created - a.created || b.id - a.id);
    if (runs.length) {
      const last = s.all('taskrunlayer').find((x) => x.taskRun === runs[0].id);
      if (last) add(last.layer);
    }
    return [...layers.values()];
  }, TODAY);

  // `{id, annotationLayer, location}` records; `location` is the WKT's bytes, base64 in JSON (Jackson's byte[]).
  r.add('GET', '/api/annotation-layers/:id/annotations', (ctx) => {
    const layer = ctx.store.get('annotationlayer', ctx.pid());
    if (!layer) throw objectNotFound('AnnotationLayer', ctx.pid());
    return ctx.store.all('layerannotation').filter((a) => a.layer === layer.id).sort(byId)
      .map((a) => ({ id: a.id, annotationLayer: layer.id, location: Buffer.from(a.location, 'utf8').toString('base64') }));
  }, TODAY);

  // `TaskRunLayerValue(annotationLayer, taskRun, image)`
  r.add('GET', '/api/annotation-layers/:id/task-run-layer', (ctx) => {
    const trl = ctx.store.all('taskrunlayer').find((x) => x.layer === ctx.pid());
    if (!trl) throw objectNotFound('TaskRunLayer', ctx.pid());
    return { annotationLayer: trl.layer, taskRun: trl.taskRun, image: trl.image };
  }, TODAY);
}
