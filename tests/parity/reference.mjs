// The public surface of cytomine-client 3.1.0 (shared/reference/js-client-api.md §1, §3, §4, §5):
// every exported class and every member beyond the generic Model/Collection API. PARITY.md is
// rendered from this list (`UPDATE_PARITY=1 node --test tests/parity/parity.test.mjs`).
//
// Member notation: `name` instance method, `static name` static method, `get name` getter.
// A member may map to a differently spelled equivalent with `name => equivalent` (see NOTES).

export const CYTOMINE = [
  'ping', 'openAdminSession', 'closeAdminSession', 'fetchUIConfigCurrentUser', 'fetchSignature',
  'fetchTotalCounts', 'fetchCurrentStats', 'fetchStorageStats', 'undo', 'redo',
];

const IMAGE_HELPERS = ['previewURL', 'thumbURL', 'associatedImageURL', 'get downloadURL'];

/** Models: class name -> extra members. */
export const MODELS = {
  AbstractImage: ['fetchUploader', 'fetchImageServers', 'fetchHistogramStats', 'extractHistogram', ...IMAGE_HELPERS],
  AbstractSlice: ['fetchUploader'],
  Annotation: [
    'fetchProfileProjections', 'recordAction', 'review', 'repeat', 'cancelReview', 'simplify', 'fill',
    'static correctAnnotations', 'annotationCropURL',
  ],
  AnnotationComment: [],
  AnnotationGroup: ['merge'],
  AnnotationLink: [],
  AnnotationTerm: ['saveAndClearPrevious'],
  AnnotationTrack: [],
  AttachedFile: [],
  CompanionFile: ['get downloadURL'],
  Configuration: [],
  Description: [],
  ImageConsultation: [],
  ImageFilter: [],
  ImageFilterProject: [],
  ImageGroup: [],
  ImageGroupImageInstance: ['fetchNext', 'fetchPrevious'],
  ImageInstance: [
    'fetchNext', 'fetchPrevious', 'fetchConnectedUsers', 'fetchLayersInOtherProjects', 'fetchAnnotationsIndex',
    'copyMetadata', 'copyData', 'review', 'stopReview', 'fetchReviewStatistics', 'fetchReferenceSlice',
    'fetchHistogram', 'fetchHistogramBounds', 'fetchChannelHistograms', 'fetchChannelHistogramBounds', ...IMAGE_HELPERS,
  ],
  MyAccount: ['static fetch', 'update', 'static fetchCredentials'],
  Ontology: [],
  Project: [
    'fetchCreator', 'fetchUsers', 'fetchConnectedUsers', 'fetchAdministrators', 'fetchRepresentatives',
    'fetchUserLayers', 'fetchUsersActivity', 'addUser', 'addUsers', 'deleteUser', 'deleteUsers', 'addAdmin',
    'deleteAdmin', 'fetchUIConfig', 'saveUIConfig', 'fetchCommandHistory', 'static fetchCommandHistory',
    'fetchNbConnections', 'fetchNbImageConsultations', 'fetchNbAnnotationActions', 'fetchNbAnnotations',
    'fetchConnectionsEvolution', 'fetchImageConsultationsEvolution', 'fetchAnnotationActionsEvolution',
    'fetchAnnotationsEvolution', 'fetchStatsTerms', 'fetchStatsAnnotatedImagesByTerm',
    'fetchStatsAnnotationCreators', 'fetchStatsAnnotatedImagesByCreator',
  ],
  ProjectConnection: [],
  ProjectDefaultLayer: [],
  ProjectRepresentative: [],
  Property: [],
  Role: [],
  SampleHistogram: [],
  SliceInstance: [
    'fetchAnnotationsIndex', 'fetchHistogram', 'fetchHistogramBounds', 'fetchChannelHistograms',
    'fetchChannelHistogramBounds',
  ],
  Storage: ['static create', 'addUser', 'addUsers', 'removeUser', 'deleteUsers', 'changePermission'],
  StorageAccess: [],
  StorageUser: [],
  Tag: [],
  TagDomainAssociation: [],
  Task: [],
  Term: ['changeParent'],
  Track: [],
  UploadedFile: ['get downloadURL'],
  User: [
    'static fetchCurrent', 'fetchFriends', 'fetchResumeActivity', 'fetchNbAnnotations',
    'static fetchCurrentUserKeys', 'static regenerateKeys', 'lock', 'unlock', 'defineRole',
  ],
  UserPosition: ['static fetchLastPosition', 'static create'],
  UserRole: [],
};

/** Collections: class name -> extra members. */
export const COLLECTIONS = {
  AbstractImageCollection: ['static fetchUnused', 'fetchUnused'],
  AbstractSliceCollection: [],
  AnnotationCollection: ['static reviewAll', 'getDownloadURL'],
  AnnotationCommentCollection: [],
  AnnotationGroupCollection: [],
  AnnotationLinkCollection: [],
  AnnotationTermCollection: [],
  AnnotationTrackCollection: [],
  AttachedFileCollection: [],
  CompanionFileCollection: [],
  ConfigurationCollection: [],
  ImageConsultationCollection: ['get downloadURL'],
  ImageFilterCollection: [],
  ImageFilterProjectCollection: [],
  ImageGroupCollection: [],
  ImageGroupImageInstanceCollection: [],
  ImageInstanceCollection: ['static fetchLastOpened', 'static fetchAllLight', 'static fetchBounds'],
  OntologyCollection: [],
  ProjectCollection: ['static fetchLastOpened', 'static fetchBounds'],
  ProjectConnectionCollection: ['static fetchAverageConnections', 'static fetchConnectionsFrequency', 'get downloadURL'],
  ProjectDefaultLayerCollection: [],
  ProjectRepresentativeCollection: [],
  PropertyCollection: [
    'static fetchKeysAnnotationProperties', 'static fetchKeysImageProperties', 'static fetchPropertiesValuesAndPositions',
  ],
  RoleCollection: [],
  SampleHistogramCollection: [],
  SliceInstanceCollection: [],
  StorageCollection: [],
  StorageUserCollection: [],
  StorageAccessCollection: [],
  TagCollection: [],
  TagDomainAssociationCollection: [],
  TermCollection: [],
  TrackCollection: [],
  UploadedFileCollection: [],
  UserCollection: ['static fetchFollowers'],
  UserPositionCollection: [],
  UserRoleCollection: [],
};

export const ENUMS = ['AnnotationType', 'ProjectMemberRole', 'UploadedFileStatus'];

/** Where this package deliberately differs (also listed in the README's migration section). */
export const NOTES = {
  'Storage.addUser': 'instance method (cytomine-client declares it static but reads the instance id, so it always throws)',
  'Storage.removeUser': 'instance method (same bug in cytomine-client)',
  'Annotation.simplify': 'clean URL (cytomine-client puts a newline and spaces into it)',
  'AnnotationCollection.getDownloadURL': 'sends `multipleTerm` (cytomine-client appends `multipleTerms=undefined`)',
  'User.fetchNbAnnotations': '`(reviewed = false, project)`; a number as first argument is still read as the project',
  ProjectConnection: 'browser/OS taken from `navigator.userAgent` only when not given (cytomine-client always overwrites them with detect-browser)',
  AnnotationComment: '`object`/`annotation` getters work (cytomine-client shadows the getter); error messages name comments',
  AnnotationLink: 'errors name annotation links (cytomine-client says "Annotation Track")',
  AttachedFileCollection: 'without an object, lists every attached file (`attachedfile.json`) instead of throwing',
  MyAccount: 'a model bound to the connection; the IAM path is fixed to `/iam/realms/cytomine/` (no `iamPath` option)',
  'ProjectConnectionCollection.downloadURL': 'also carries `user` and `project` query parameters',
  Ontology: '`children`/`terms` and `projects` are a `TermCollection` and a `ProjectCollection` on both core generations (today\'s `terms` gives the tree); `JSON.stringify` shows them as arrays',
  TagDomainAssociation: 'a saved association\'s `uri` is `tag_domain_association/{id}.json` (no object needed)',
  'Project.fetchNbAnnotations': 'without a type, counts user annotations (cytomine-client rejects)',
  'Project.fetchAnnotationsEvolution': 'without a type, user annotations (cytomine-client rejects)',
  'ImageConsultationCollection.downloadURL': 'null without a project (cytomine-client throws)',
};
