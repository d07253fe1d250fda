// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/group.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { AnnotationLinkExtension, AnnotationTrackExtension } from '../extensions/annotations.js';
import { ImageGroupImageInstanceExtension } from '../extensions/images.js';
import { ImageInstance } from './image.js';

/** A named, coloured series of annotations through the slices of an image. */
export const Track = /*#__PURE__*/ declareModel(
  class Track extends Model {},
  { name: 'Track', cb: 'track', fields: ['name', 'color', 'image', 'project'] },
);

/** A list of Tracks. */
export const TrackCollection = /*#__PURE__*/ declareCollection(
  class TrackCollection extends Collection {},
  { name: 'TrackCollection', filters: ['project', 'imageinstance'] },
  Track,
);

/** An annotation in a track (`annotation` is sent as `annotationIdent`). */
export const AnnotationTrack = /*#__PURE__*/ declareModel(
  class AnnotationTrack extends /*#__PURE__*/ AnnotationTrackExtension(Model) {},
  { name: 'AnnotationTrack', cb: 'annotationtrack', label: '', fields: ['annotationClassName', 'annotation', 'annotationIdent', 'track', 'slice'], uri: { new: 'annotationtrack.json', existing: 'annotationtrack/{annotation}/{track}.json' }, disabled: ['update'] },
);

/** A list of AnnotationTracks. */
export const AnnotationTrackCollection = /*#__PURE__*/ declareCollection(
  class AnnotationTrackCollection extends Collection {},
  { name: 'AnnotationTrackCollection', filters: ['annotation', 'track'] },
  AnnotationTrack,
);

/** A named group of images of a project (e.g. serial sections). */
export const ImageGroup = /*#__PURE__*/ declareModel(
  class ImageGroup extends Model {},
  { name: 'ImageGroup', cb: 'imagegroup', fields: ['name', 'project', 'imageInstances', 'numberOfImages'] },
);

/** A list of ImageGroups. */
export const ImageGroupCollection = /*#__PURE__*/ declareCollection(
  class ImageGroupCollection extends Collection {},
  { name: 'ImageGroupCollection', filters: ['project'] },
  ImageGroup,
);

/** An image in an image group. */
export const ImageGroupImageInstance = /*#__PURE__*/ declareModel(
  class ImageGroupImageInstance extends /*#__PURE__*/ ImageGroupImageInstanceExtension(Model) {},
  { name: 'ImageGroupImageInstance', cb: 'imagegroupimageinstance', label: '', fields: ['group', 'image', 'groupName'], uri: { new: 'imagegroup/{group}/imageinstance/{image}.json', existing: 'imagegroup/{group}/imageinstance/{image}.json' }, disabled: ['update'] },
  () => [ImageInstance],
);

/** A list of ImageGroupImageInstances. */
export const ImageGroupImageInstanceCollection = /*#__PURE__*/ declareCollection(
  class ImageGroupImageInstanceCollection extends Collection {},
  { name: 'ImageGroupImageInstanceCollection', filters: ['imagegroup', 'imageinstance'] },
  ImageGroupImageInstance,
);

/** A group of annotations across the images of an image group. */
export const AnnotationGroup = /*#__PURE__*/ declareModel(
  class AnnotationGroup extends Model {
    /** Moves the annotations of group `toMerge` into this one and deletes it. */
    async merge(...args) {
      return await send(this, 'merge', 'POST annotationgroup/{id}/annotationgroup/{toMerge}/merge.json', args, { params: { toMerge: 'path' }, returns: 'self annotationgroup' });
    }
  },
  { name: 'AnnotationGroup', cb: 'annotationgroup', label: 'type', fields: ['imageGroup', 'project', 'type'] },
);

/** A list of AnnotationGroups. */
export const AnnotationGroupCollection = /*#__PURE__*/ declareCollection(
  class AnnotationGroupCollection extends Collection {},
  { name: 'AnnotationGroupCollection', filters: ['project', 'imagegroup'] },
  AnnotationGroup,
);

/** An annotation in an annotation group (`annotation` is sent as `annotationIdent`). */
export const AnnotationLink = /*#__PURE__*/ declareModel(
  class AnnotationLink extends /*#__PURE__*/ AnnotationLinkExtension(Model) {},
  { name: 'AnnotationLink', cb: 'annotationlink', label: '', fields: ['annotationClassName', 'annotation', 'annotationIdent', 'group', 'image'], uri: { new: 'annotationlink.json', existing: 'annotationgroup/{group}/annotation/{annotation}.json' }, disabled: ['update'] },
);

/** A list of AnnotationLinks. */
export const AnnotationLinkCollection = /*#__PURE__*/ declareCollection(
  class AnnotationLinkCollection extends Collection {},
  { name: 'AnnotationLinkCollection', filters: ['annotation', 'annotationgroup'] },
  AnnotationLink,
);
