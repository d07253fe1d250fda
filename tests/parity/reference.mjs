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
  MyAccount: 'a model bound to the connection; calls go to `cytomine.iamUrl` (cytomine-client\'s `iamPath` argument, or the `iamUrl` option; default `{host}/iam/realms/cytomine/`)',
  'ProjectConnectionCollection.downloadURL': 'also carries `user` and `project` query parameters',
  Ontology: '`children`/`terms` and `projects` are a `TermCollection` and a `ProjectCollection` on both core generations (today\'s `terms` gives the tree); `JSON.stringify` shows them as arrays',
  TagDomainAssociation: 'a saved association\'s `uri` is `tag_domain_association/{id}.json` (no object needed)',
  'Project.fetchNbAnnotations': 'without a type, counts user annotations (cytomine-client rejects)',
  'Project.fetchAnnotationsEvolution': 'without a type, user annotations (cytomine-client rejects)',
  'ImageConsultationCollection.downloadURL': 'null without a project (cytomine-client throws)',
};

// Cytomine's web UI API layer (`web-ui/src/api` of cytomine/cytomine, copied from cytomine-client
// 3.1.0 on 2025-10-20 and changed since: shared/reference/cytomine-current-delta.md §4, checked
// against its files at 0165ef7), row by row. A row not listed is the same member there, and
// supported here as in the cytomine-client column.
const NOT_IN_LAYER = 'not in that layer';
const STORAGE_MEMBERS = `${NOT_IN_LAYER} (storage members removed; on today's core the package rejects them: \`kind: 'unsupported'\`)`;

/** The web UI layer's column: how each row stands there, when it is not simply the same. */
export const LIVING = {
  'Cytomine.ping': "differs: that layer POSTs `{coreUrl}server/ping.json`, which today's core does not map; the package GETs `/server/ping` there",
  'Cytomine.openAdminSession': 'differs: that layer calls `{coreUrl}session/admin/open.json` (not mapped); the package calls `/session/admin/open.json`, which core serves',
  'Cytomine.closeAdminSession': 'differs: as `openAdminSession`',
  'Cytomine.undo': "supported; the package also undoes today's repository commands (UUIDs)",
  'AbstractImage.fetchImageServers': `${NOT_IN_LAYER} (removed with \`ImageServer\`)`,
  AbstractSlice: 'supported (that layer dropped `mime`; the package keeps it when the server sends it)',
  SliceInstance: 'supported (that layer dropped `mime`, as `AbstractSlice`)',
  'AnnotationCollection.getDownloadURL': `${NOT_IN_LAYER}: replaced by \`download(format)\` (row below)`,
  AnnotationCollection: 'supported (that layer dropped the algo filters `showAlgo`, `includeAlgo`, `userForTermAlgo`, `noAlgoTerm`; the package sends them only when set)',
  AnnotationType: "differs: that layer has no `ALGO`; the package keeps `AnnotationType.ALGO` (today's core has no algo annotations)",
  MyAccount: 'supported: calls go to `iamUrl` (`new Cytomine(coreUrl, iamUrl)` or the `iamUrl` option)',
  'MyAccount.fetch': 'supported (`GET {iamUrl}account`)',
  'MyAccount.update': 'supported (`POST {iamUrl}account`)',
  'MyAccount.fetchCredentials': 'supported (`GET {iamUrl}account/credentials`)',
  OntologyCollection: "supported: `light: true` reads `ontology_light.json` on today's core",
  Storage: 'supported: `userId` (and `user`, filled from it)',
  'Storage.create': STORAGE_MEMBERS,
  'Storage.addUser': STORAGE_MEMBERS,
  'Storage.addUsers': STORAGE_MEMBERS,
  'Storage.removeUser': STORAGE_MEMBERS,
  'Storage.deleteUsers': STORAGE_MEMBERS,
  'Storage.changePermission': STORAGE_MEMBERS,
  StorageAccess: NOT_IN_LAYER,
  StorageUser: NOT_IN_LAYER,
  StorageAccessCollection: NOT_IN_LAYER,
  StorageUserCollection: NOT_IN_LAYER,
  UploadedFile: 'supported: `thumbnailUrl`, `storageId`, `userId` as sent; the package also fills `thumbURL` and `statusText`, which that layer dropped',
  UploadedFileStatus: NOT_IN_LAYER,
  User: "supported: `fullName` derived as that layer does (`name (username)`) for today's records",
  'User.lock': NOT_IN_LAYER,
  'User.unlock': NOT_IN_LAYER,
  'User.defineRole': "differs: that layer takes an authority (`'ROLE_ADMIN'`) and resolves to nothing; the package takes an authority or a role id and resolves to the user's roles",
};

/**
 * Members of the web UI layer that cytomine-client 3.1.0 lacks: `member` is the package's
 * equivalent on `cls` (checked like the rows above, with a test matching `test`), or null when
 * the package has none (then `note` says what to use).
 */
export const LIVING_ONLY = [
  { id: 'new Cytomine(coreUrl, iamUrl, interceptor)', cls: 'Cytomine', member: 'constructor', test: /new Cytomine\(`\$\{server\.url\}\/api\/`, `\$\{server\.url\}\/iam/, note: 'supported; an absolute URL as second argument tells it from cytomine-client\'s `(host, basePath)`; the interceptor becomes `onRequest`' },
  { id: 'Cytomine.coreUrl', cls: 'Cytomine', member: 'get coreUrl', test: /\.coreUrl\b/, note: 'supported' },
  { id: 'Cytomine.iamUrl', cls: 'Cytomine', member: 'get iamUrl', test: /\.iamUrl\b/, note: 'supported' },
  { id: 'Cytomine.api, Cytomine.iam (axios instances)', cls: 'Cytomine', member: 'request', test: /\.request\(/, note: 'differs: `cytomine.request(method, path, {query, body})` resolves to the body; a path starting with `/` is the server root (axios: relative to `coreUrl`)' },
  { id: 'interceptor (axios request interceptor)', cls: 'Cytomine', member: 'constructor', test: /onRequest: \(request\) =>/, note: 'differs: option `onRequest(request)`, run before signing on each attempt; it may change `headers` only (`method`, `url`, `body` are read-only; `method` is upper case); the connection\'s own credentials win' },
  { id: 'Model.save / Model.update reading data.data', cls: 'Model', member: 'save', test: /populate from data\.data/, note: 'supported (the object key first, then `data`)' },
  { id: 'AnnotationCollection.download', cls: 'AnnotationCollection', member: 'download', test: /\.download\(/, note: 'differs: resolves to the report as a `Blob` (that layer saves it through a link click and resolves to nothing)' },
  { id: 'AnnotationCollection.triggerBlobDownload', cls: 'AnnotationCollection', member: null, note: 'not in the package: `a.href = URL.createObjectURL(await collection.download(format))`' },
  { id: 'AnnotationCollection.getFilenameFromContentDisposition', cls: 'AnnotationCollection', member: null, note: 'not in the package: `download()` resolves to the Blob without the headers' },
];
