// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/project.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { ProjectCollectionExtension, ProjectExtension } from '../extensions/projects.js';
import { User, UserCollection } from './user.js';

/** A Cytomine project: images, annotations and members sharing an ontology. */
export const Project = /*#__PURE__*/ declareModel(
  class Project extends /*#__PURE__*/ ProjectExtension(Model) {
    /** The user who created the project. */
    async fetchCreator(...args) {
      return await send(this, 'fetchCreator', 'GET project/{id}/creator.json', args, { returns: 'model collection.0' }, User);
    }
    /** The project's members (each with its `role`). */
    async fetchUsers(...args) {
      return await send(this, 'fetchUsers', 'GET project/{id}/user.json', args, { params: { online: 'query' }, returns: 'collection' }, UserCollection);
    }
    /** Ids of the members online now. */
    async fetchConnectedUsers(...args) {
      return await send(this, 'fetchConnectedUsers', 'GET project/{id}/online/user.json', args, { returns: 'member collection' });
    }
    /** The project's managers. */
    async fetchAdministrators(...args) {
      return await send(this, 'fetchAdministrators', 'GET project/{id}/admin.json', args, { returns: 'collection' }, UserCollection);
    }
    /** The project's representatives. */
    async fetchRepresentatives(...args) {
      return await send(this, 'fetchRepresentatives', 'GET project/{id}/users/representative.json', args, { returns: 'collection' }, UserCollection);
    }
    /** Users whose annotation layers can be shown. */
    async fetchUserLayers(...args) {
      return await send(this, 'fetchUserLayers', 'GET project/{id}/userlayer.json', args, { params: { image: 'query' }, returns: 'collection' }, UserCollection);
    }
    /** Members with their last activity. */
    async fetchUsersActivity(...args) {
      return await send(this, 'fetchUsersActivity', 'GET project/{id}/usersActivity.json', args, { returns: 'collection' }, UserCollection);
    }
    /** Adds a member (contributor). */
    async addUser(...args) {
      return await send(this, 'addUser', 'POST project/{id}/user/{user}.json', args, { params: { user: 'path' }, returns: 'nothing', setsLastCommand: true });
    }
    /** Adds several members. */
    async addUsers(...args) {
      return await send(this, 'addUsers', 'POST project/{id}/user.json', args, { params: { users: 'query' }, returns: 'nothing', setsLastCommand: true });
    }
    /** Removes a member. */
    async deleteUser(...args) {
      return await send(this, 'deleteUser', 'DELETE project/{id}/user/{user}.json', args, { params: { user: 'path' }, returns: 'nothing', setsLastCommand: true });
    }
    /** Removes several members. */
    async deleteUsers(...args) {
      return await send(this, 'deleteUsers', 'DELETE project/{id}/user.json', args, { params: { users: 'query' }, returns: 'nothing', setsLastCommand: true });
    }
    /** Makes a member a manager. */
    async addAdmin(...args) {
      return await send(this, 'addAdmin', 'POST project/{id}/user/{user}/admin.json', args, { params: { user: 'path' }, returns: 'nothing', setsLastCommand: true });
    }
    /** Removes a manager's rights. */
    async deleteAdmin(...args) {
      return await send(this, 'deleteAdmin', 'DELETE project/{id}/user/{user}/admin.json', args, { params: { user: 'path' }, returns: 'nothing', setsLastCommand: true });
    }
    /** The project's command history (a bare array). */
    async fetchCommandHistory(...args) {
      return await send(this, 'fetchCommandHistory', 'GET project/{id}/commandhistory.json', args, { options: true, params: { max: 'query', offset: 'query', user: 'query', fullData: 'query', startDate: 'query', endDate: 'query' } });
    }
    /** Number of connections to the project, optionally between two dates. */
    async fetchNbConnections(...args) {
      return await send(this, 'fetchNbConnections', 'GET project/{id}/userconnection/count.json', args, { options: true, params: { startDate: 'query', endDate: 'query' }, returns: 'member total' });
    }
    /** Number of image consultations in the project. */
    async fetchNbImageConsultations(...args) {
      return await send(this, 'fetchNbImageConsultations', 'GET project/{id}/imageconsultation/count.json', args, { options: true, params: { startDate: 'query', endDate: 'query' }, returns: 'member total' });
    }
    /** Number of annotation actions (`select`...) in the project. */
    async fetchNbAnnotationActions(...args) {
      return await send(this, 'fetchNbAnnotationActions', 'GET project/{id}/annotation_action/count.json', args, { options: true, params: { startDate: 'query', endDate: 'query', type: 'query' }, returns: 'member total' });
    }
    /** Connections per period. */
    async fetchConnectionsEvolution(...args) {
      return await send(this, 'fetchConnectionsEvolution', 'GET project/{id}/stats/connectionsevolution.json', args, { options: true, params: { startDate: 'query', endDate: 'query', daysRange: 'query', accumulate: 'query' }, returns: 'member collection' });
    }
    /** Image consultations per period. */
    async fetchImageConsultationsEvolution(...args) {
      return await send(this, 'fetchImageConsultationsEvolution', 'GET project/{id}/stats/imageconsultationsevolution.json', args, { options: true, params: { startDate: 'query', endDate: 'query', daysRange: 'query', accumulate: 'query' }, returns: 'member collection' });
    }
    /** Annotation actions per period. */
    async fetchAnnotationActionsEvolution(...args) {
      return await send(this, 'fetchAnnotationActionsEvolution', 'GET project/{id}/stats/annotationactionsevolution.json', args, { options: true, params: { startDate: 'query', endDate: 'query', daysRange: 'query', accumulate: 'query', type: 'query' }, returns: 'member collection' });
    }
    /** Number of annotations per term. */
    async fetchStatsTerms(...args) {
      return await send(this, 'fetchStatsTerms', 'GET project/{id}/stats/term.json', args, { options: true, params: { startDate: 'query', endDate: 'query', leafsOnly: 'query' }, returns: 'member collection' });
    }
    /** Number of images annotated with each term. */
    async fetchStatsAnnotatedImagesByTerm(...args) {
      return await send(this, 'fetchStatsAnnotatedImagesByTerm', 'GET project/{id}/stats/termslide.json', args, { options: true, params: { startDate: 'query', endDate: 'query' }, returns: 'member collection' });
    }
    /** Number of annotations per creator. */
    async fetchStatsAnnotationCreators(...args) {
      return await send(this, 'fetchStatsAnnotationCreators', 'GET project/{id}/stats/user.json', args, { options: true, params: { startDate: 'query', endDate: 'query' }, returns: 'member collection' });
    }
    /** Number of images annotated by each user. */
    async fetchStatsAnnotatedImagesByCreator(...args) {
      return await send(this, 'fetchStatsAnnotatedImagesByCreator', 'GET project/{id}/stats/userslide.json', args, { options: true, params: { startDate: 'query', endDate: 'query' }, returns: 'member collection' });
    }
    /** The project's UI configuration (`{property: {ADMIN_PROJECT, CONTRIBUTOR_PROJECT}}`). */
    async fetchUIConfig(...args) {
      return await send(this, 'fetchUIConfig', 'GET /custom-ui/project/{id}.json', args);
    }
  },
  { name: 'Project', cb: 'project', fields: ['name', 'ontology', 'ontologyName', 'blindMode', 'areImagesDownloadable', 'numberOfSlides', 'numberOfImages', 'numberOfAnnotations', 'numberOfJobAnnotations', 'numberOfReviewedAnnotations', 'isClosed', 'isReadOnly', 'isRestricted', 'hideUsersLayers', 'hideAdminsLayers', 'retrievalDisable', 'retrievalAllOntology', 'retrievalProjects'] },
);

/** A list of Projects. */
export const ProjectCollection = /*#__PURE__*/ declareCollection(
  class ProjectCollection extends /*#__PURE__*/ ProjectCollectionExtension(Collection) {
    /** Projects the current user opened last. */
    static async fetchLastOpened(...args) {
      return await send(this, 'fetchLastOpened', 'GET project/method/lastopened.json', args, { params: { max: 'query', offset: 'query' }, defaults: { max: 0, offset: 0 }, returns: 'member collection' });
    }
    /** Min/max of the project list's numeric columns. */
    static async fetchBounds(...args) {
      return await send(this, 'fetchBounds', 'GET bounds/project.json', args, { options: true, params: { withMembersCount: 'query' }, defaults: { withMembersCount: true } });
    }
  },
  { name: 'ProjectCollection', filters: ['', 'user', 'ontology'], props: ['light', 'admin', 'withLastActivity', 'withMembersCount', 'withDescription', 'withCurrentUserRoles', 'sort', 'order'] },
  Project,
);
