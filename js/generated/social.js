// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/social.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { ImageConsultationCollectionExtension, ImageConsultationExtension, ProjectConnectionCollectionExtension, ProjectConnectionExtension } from '../extensions/projects.js';
import { UserPositionExtension } from '../extensions/users.js';

/** A user opening a project (browser and OS filled in on save). */
export const ProjectConnection = /*#__PURE__*/ declareModel(
  class ProjectConnection extends /*#__PURE__*/ ProjectConnectionExtension(Model) {},
  { name: 'ProjectConnection', cb: 'userconnection', label: '', fields: ['user', 'project', 'time', 'os', 'browser', 'browserVersion', 'countViewedImages', 'countCreatedAnnotations', 'online'], uri: { new: 'project/{project}/userconnection.json', existing: 'project/{project}/userconnection.json' }, disabled: ['fetch', 'update', 'delete'] },
);

/** A list of ProjectConnections. */
export const ProjectConnectionCollection = /*#__PURE__*/ declareCollection(
  class ProjectConnectionCollection extends /*#__PURE__*/ ProjectConnectionCollectionExtension(Collection) {
    /** Average number of connections per hour of the day (or weekday). */
    static async fetchAverageConnections(...args) {
      return await send(this, 'fetchAverageConnections', 'GET averageConnections.json', args, { options: true, params: { project: 'query', user: 'query', afterThan: 'query', beforeThan: 'query', period: 'query' }, defaults: { period: 'hour' }, returns: 'member collection' });
    }
  },
  { name: 'ProjectConnectionCollection', filters: ['project'], props: ['user', 'project'], uri: 'project/{project}/connectionHistory/{user}.json' },
  ProjectConnection,
);

/** A user opening an image (`mode` defaults to 'view'). */
export const ImageConsultation = /*#__PURE__*/ declareModel(
  class ImageConsultation extends /*#__PURE__*/ ImageConsultationExtension(Model) {},
  { name: 'ImageConsultation', cb: 'imageconsultation', label: 'imageName', fields: ['user', 'project', 'projectConnection', 'image', 'imageName', 'imageThumb', 'time', 'mode'], uri: { new: 'imageinstance/{image}/consultation.json', existing: 'imageinstance/{image}/consultation.json' }, disabled: ['fetch', 'update', 'delete'] },
);

/** A list of ImageConsultations. */
export const ImageConsultationCollection = /*#__PURE__*/ declareCollection(
  class ImageConsultationCollection extends /*#__PURE__*/ ImageConsultationCollectionExtension(Collection) {},
  { name: 'ImageConsultationCollection', props: ['resume', 'project', 'user', 'projectConnection'] },
  ImageConsultation,
);

/** The viewport of a user on an image; created with `UserPosition.create`. */
export const UserPosition = /*#__PURE__*/ declareModel(
  class UserPosition extends /*#__PURE__*/ UserPositionExtension(Model) {
    /** The last position of `user` on `image` (only broadcast ones with `broadcast`). */
    static async fetchLastPosition(...args) {
      return await send(this, 'fetchLastPosition', 'GET imageinstance/{image}/position/{user}.json', args, { params: { image: 'path', user: 'path', broadcast: 'query' }, returns: 'model' }, UserPosition);
    }
  },
  { name: 'UserPosition', cb: 'userposition', label: '', fields: ['user', 'image', 'slice', 'project', 'location', 'x', 'y', 'zoom', 'rotation', 'broadcast'], disabled: ['fetch', 'update', 'delete'] },
);

/** A list of UserPositions. */
export const UserPositionCollection = /*#__PURE__*/ declareCollection(
  class UserPositionCollection extends Collection {},
  { name: 'UserPositionCollection', filters: ['imageinstance'], props: ['user', 'afterThan', 'beforeThan', 'showDetails'], cb: 'positions', defaults: { showDetails: true } },
  UserPosition,
);
