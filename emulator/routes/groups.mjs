/**
 * Tracks and annotation tracks, image groups and their images, annotation groups and links
 * (contract §3.15-§3.16; cytomine-client §3 notes B, C, H). All are project data: members read,
 * writers write.
 */
import { objectNotFound, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { imageInstanceJson } from '../serialize.mjs';
import { commandReply, inTx } from './common.mjs';
import { crud, rowsBy } from './crud.mjs';
import { readableImage } from './images.mjs';
import { readableProject } from './projects.mjs';

const byId = (a, b) => a.id - b.id;

/**
 * core's rights for these services: READ on the project, ROLE_USER, plus per service
 * checkIsNotReadOnly (adding an image to a group, linking an annotation) or
 * checkFullOrRestrictedForOwner (tracks: the image's owner; annotation tracks: the annotation's).
 * Closed projects are never checked.
 */
const rights = ({ project, owner, notReadOnlyOn = [] }) => (ctx, o, action) => {
  const pid = project(ctx.store, o);
  ctx.perms.checkRead(pid);
  if (owner) ctx.perms.coreCheckFullOrRestrictedForOwner(pid, owner(ctx.store, o));
  ctx.perms.coreCheckUser();
  if (notReadOnlyOn.includes(action)) ctx.perms.coreCheckNotReadOnly(pid);
};

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  const s = (ctx) => ctx.store;
  const projectRows = (table) => rowsBy(table, 'project', (ctx, id) => readableProject(ctx, id));
  const imageRows = (table) => rowsBy(table, 'image', (ctx, id) => readableImage(ctx, id));
  const exists = (table, cls) => (ctx, id) => {
    if (!ctx.store.get(table, id)) throw objectNotFound(cls, id);
  };

  crud(r, {
    table: 'track',
    cls: 'ontology.Track',
    msg: (a, o) => `Track ${o.id} (${o.name}) ${a}`,
    fields: { name: 'str!', color: 'str', image: 'long', project: '=' },
    // core's TrackService.add/update look the image up first: 404 "ImageInstance .. not found"
    build(ctx, rec, body) {
      const ii = rec.image === null ? null : s(ctx).get('imageinstance', rec.image);
      if (!ii) throw objectNotFound('ImageInstance', body.image ?? null);
      rec.project = ii.project;
    },
    unique: (st, rec) => (st.all('track').some((t) => t.id !== rec.id && t.image === rec.image && t.name === rec.name) ? `Track ${rec.name} already exist in this image!` : null),
    project: (st, o) => o.project,
    rights: rights({ project: (st, o) => o.project, owner: (st, o) => st.get('imageinstance', o.image)?.user }),
    cascade: (st, o) => st.all('annotationtrack').filter((x) => x.track === o.id).map((x) => ['annotationtrack', x]),
    notFound: "B'",
    bulk: true,
    lists: { '/api/project/:id/track.json': projectRows('track'), '/api/imageinstance/:id/track.json': imageRows('track') },
  });

  const annotationOf = (ctx, rec) => s(ctx).get('annotation', rec.annotationIdent);
  const pairLocate = (table, a, b) => (ctx) => s(ctx).all(table).find((x) => x[a] === ctx.pid('a') && x[b] === ctx.pid('b'));
  crud(r, {
    table: 'annotationtrack',
    cls: 'ontology.AnnotationTrack',
    msg: (a, o) => `Annotation ${o.annotationIdent} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : a + ' in'} track ${o.track}`,
    fields: { annotationIdent: 'annotation!', annotationClassName: '=', track: 'track!', slice: '=' },
    // Core's AnnotationTrackService.add does not check that the annotation is on the track's
    // image; it takes the slice from the annotation, and a track holds one annotation per slice.
    build(ctx, rec) {
      rec.slice = annotationOf(ctx, rec).slice;
      rec.annotationClassName = DOMAINS.annotation.cls;
    },
    unique: (st, rec) => (st.all('annotationtrack').some((x) => x.id !== rec.id && x.slice === rec.slice && x.track === rec.track)
      ? `AnnotationTrack already exists for slice ${rec.slice} and track ${st.get('track', rec.track)?.name}` : null),
    project: (st, o) => st.get('track', o.track)?.project,
    rights: rights({ project: (st, o) => st.get('annotation', o.annotationIdent)?.project, owner: (st, o) => st.get('annotation', o.annotationIdent)?.user }),
    notFound: "B'",
    bulk: true,
    get: '/api/annotationtrack/:a/:b.json',
    del: '/api/annotationtrack/:a/:b.json',
    locate: pairLocate('annotationtrack', 'annotationIdent', 'track'),
    edit: false,
    lists: {
      '/api/track/:id/annotationtrack.json': rowsBy('annotationtrack', 'track', exists('track', 'Track')),
      '/api/annotation/:id/annotationtrack.json': rowsBy('annotationtrack', 'annotationIdent', exists('annotation', 'Annotation')),
    },
  });

  const imagesOfGroup = (st, gid) => st.all('imagegroupimageinstance').filter((x) => x.group === gid).sort(byId);
  crud(r, {
    table: 'imagegroup',
    cls: 'image.ImageGroup',
    msg: (a, o, st) => `ImageGroup ${o.name} is ${a === 'added' ? 'added for' : `${a} in`} project ${st.get('project', o.project)?.name ?? o.project}`,
    fields: { name: 'str!', project: 'project!' },
    extra(v, o) {
      const images = imagesOfGroup(v.store, o.id).map((x) => v.store.get('imageinstance', x.image)).filter(Boolean);
      return {
        imageInstances: images.map((ii) => {
          const { id, instanceFilename, width, height } = imageInstanceJson(v, ii);
          return { id, instanceFilename, thumb: `${v.serverURL}/api/imageinstance/${id}/thumb.png?maxSize=256`, width, height };
        }),
        numberOfImages: images.length,
      };
    },
    // Contract §3.16: `imageInstances` is filled on GET and lists, empty in command responses.
    commandExtra: () => ({ imageInstances: [] }),
    project: (st, o) => o.project,
    rights: rights({ project: (st, o) => o.project }),
    cascade: (st, o) => [
      ...imagesOfGroup(st, o.id).map((x) => ['imagegroupimageinstance', x]),
      ...st.all('annotationgroup').filter((x) => x.imageGroup === o.id).map((x) => ['annotationgroup', x]),
    ],
    bulk: true,
    lists: { '/api/project/:id/imagegroup.json': projectRows('imagegroup') },
  });

  const link = crud(r, {
    table: 'imagegroupimageinstance',
    cls: 'image.ImageGroupImageInstance',
    msg: (a, o) => `Image instance ${o.image} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : `${a} in`} group ${o.group}`,
    fields: { group: 'imagegroup!', image: 'imageinstance!' },
    build(ctx, rec) {
      if (s(ctx).get('imagegroup', rec.group).project !== s(ctx).get('imageinstance', rec.image).project) {
        throw wrongArgument('Group and image are not in the same project!');
      }
    },
    unique: (st, rec) => (st.all('imagegroupimageinstance').some((x) => x.id !== rec.id && x.group === rec.group && x.image === rec.image)
      ? `Image ${rec.image} already in group ${rec.group}` : null),
    extra: (v, o) => ({ groupName: v.store.get('imagegroup', o.group)?.name ?? null }),
    project: (st, o) => st.get('imagegroup', o.group)?.project,
    rights: rights({ project: (st, o) => st.get('imagegroup', o.group)?.project, notReadOnlyOn: ['add'] }),
    get: '/api/imagegroup/:a/imageinstance/:b.json',
    add: '/api/imagegroup/:a/imageinstance/:b.json',
    del: '/api/imagegroup/:a/imageinstance/:b.json',
    locate: pairLocate('imagegroupimageinstance', 'group', 'image'),
    edit: false,
    lists: {
      '/api/imagegroup/:id/imagegroupimageinstance.json': rowsBy('imagegroupimageinstance', 'group', exists('imagegroup', 'ImageGroup')),
      '/api/imageinstance/:id/imagegroupimageinstance.json': imageRows('imagegroupimageinstance'),
    },
  });
  const neighbour = (step) => (ctx) => {
    const here = link.locate(ctx);
    if (!here) throw objectNotFound('ImageGroupImageInstance', `${ctx.params.a} ${ctx.params.b}`);
    link.checkRead(ctx, here);
    const all = imagesOfGroup(s(ctx), here.group);
    const k = all.findIndex((x) => x.id === here.id) + step;
    const circular = ctx.qBool('circular', true);
    const next = circular ? all[(k + all.length) % all.length] : all[k];
    return next ? imageInstanceJson(ctx.view, s(ctx).get('imageinstance', next.image)) : {};
  };
  r.add('GET', '/api/imagegroup/:a/imageinstance/:b/next.json', neighbour(1));
  r.add('GET', '/api/imagegroup/:a/imageinstance/:b/previous.json', neighbour(-1));

  const annotationGroup = crud(r, {
    table: 'annotationgroup',
    cls: 'ontology.AnnotationGroup',
    msg: (a, o) => `Annotation group ${o.id} ${a}`,
    fields: { project: 'project!', imageGroup: 'imagegroup!', type: 'str!' },
    build(ctx, rec) {
      if (s(ctx).get('imagegroup', rec.imageGroup).project !== rec.project) throw wrongArgument(`Image group ${rec.imageGroup} is not in project ${rec.project}`);
    },
    project: (st, o) => o.project,
    rights: rights({ project: (st, o) => o.project }),
    cascade: (st, o) => st.all('annotationlink').filter((x) => x.group === o.id).map((x) => ['annotationlink', x]),
    lists: {
      '/api/project/:id/annotationgroup.json': projectRows('annotationgroup'),
      '/api/imagegroup/:id/annotationgroup.json': rowsBy('annotationgroup', 'imageGroup', exists('imagegroup', 'ImageGroup')),
    },
  });
  r.add('POST', '/api/annotationgroup/:id/annotationgroup/:other/merge.json', (ctx) => inTx(ctx, (tx) => {
    const st = s(ctx);
    const [into, other] = [ctx.pid(), ctx.pid('other')].map((id) => {
      const g = st.get('annotationgroup', id);
      if (!g) throw objectNotFound('AnnotationGroup', id);
      annotationGroup.checkWrite(ctx, g);
      return g;
    });
    if (into.id === other.id) throw wrongArgument('An annotation group cannot be merged with itself');
    const present = new Set(st.all('annotationlink').filter((x) => x.group === into.id).map((x) => x.annotationIdent));
    for (const l of st.all('annotationlink').filter((x) => x.group === other.id)) {
      if (present.has(l.annotationIdent)) ctx.cmds.delete(tx, 'annotationlink', l);
      else ctx.cmds.edit(tx, 'annotationlink', { ...l, group: into.id });
    }
    ctx.cmds.delete(tx, 'annotationgroup', other);
    const after = st.get('annotationgroup', into.id);
    return commandReply(ctx, 'Edit', 'annotationgroup', after, undefined);
  }));

  crud(r, {
    table: 'annotationlink',
    cls: 'ontology.AnnotationLink',
    msg: (a, o) => `Annotation ${o.annotationIdent} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : `${a} in`} group ${o.group}`,
    fields: { annotationIdent: 'annotation!', annotationClassName: '=', group: 'annotationgroup!', image: '=' },
    build(ctx, rec) {
      const a = annotationOf(ctx, rec);
      if (a.project !== s(ctx).get('annotationgroup', rec.group).project) throw wrongArgument('Group and annotation are not in the same project!');
      rec.image = a.image;
      rec.annotationClassName = DOMAINS.annotation.cls;
    },
    unique: (st, rec) => (st.all('annotationlink').some((x) => x.id !== rec.id && x.annotationIdent === rec.annotationIdent && x.group === rec.group)
      ? `Annotation ${rec.annotationIdent} already in group ${rec.group}` : null),
    project: (st, o) => st.get('annotationgroup', o.group)?.project,
    rights: rights({ project: (st, o) => st.get('annotationgroup', o.group)?.project, notReadOnlyOn: ['add'] }),
    get: '/api/annotationgroup/:b/annotation/:a.json',
    del: '/api/annotationgroup/:b/annotation/:a.json',
    locate: pairLocate('annotationlink', 'annotationIdent', 'group'),
    edit: false,
    lists: {
      '/api/annotation/:id/annotationlink.json': rowsBy('annotationlink', 'annotationIdent', exists('annotation', 'Annotation')),
      '/api/annotationgroup/:id/annotationlink.json': rowsBy('annotationlink', 'group', exists('annotationgroup', 'AnnotationGroup')),
    },
  });
}
