// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
import { Model, Collection, CollectionOptions, FetchAllOptions, Id } from './types/base.js';
import { AnnotationExtension, AnnotationCollectionExtension, AnnotationCommentExtension, AnnotationCommentCollectionExtension, AnnotationLinkExtension, AnnotationTermExtension, AnnotationTrackExtension } from './extensions/annotations.js';
import { AbstractImageExtension, AbstractImageCollectionExtension, CompanionFileExtension, ImageGroupImageInstanceExtension, ImageInstanceExtension, ImageInstanceCollectionExtension, SliceInstanceExtension, UploadedFileExtension } from './extensions/images.js';
import { AttachedFileExtension, AttachedFileCollectionExtension, DescriptionExtension, PropertyExtension, PropertyCollectionExtension, TagDomainAssociationExtension, TagDomainAssociationCollectionExtension } from './extensions/metadata.js';
import { ConfigurationExtension, ImageConsultationCollectionExtension, ProjectExtension, ProjectConnectionCollectionExtension, ProjectDefaultLayerExtension, ProjectRepresentativeExtension, TermExtension } from './extensions/projects.js';
import { OntologyExtension } from './extensions/repository.js';
import { MyAccountExtension, UserExtension, UserPositionExtension, UserRoleExtension } from './extensions/users.js';
export * from './types/base.js';
export type { CropOptions } from './extensions/annotations.js';
export type { TileOptions, TileGridOptions, TileSource } from './extensions/images.js';

export declare const ProjectMemberRole: {
  readonly CONTRIBUTOR: "contributor";
  readonly MANAGER: "manager";
  readonly REPRESENTATIVE: "representative";
};
export type ProjectMemberRole = (typeof ProjectMemberRole)[keyof typeof ProjectMemberRole];

export declare const AnnotationType: {
  readonly ALGO: "AlgoAnnotation";
  readonly USER: "UserAnnotation";
  readonly REVIEWED: "ReviewedAnnotation";
  readonly ROI: "RoiAnnotation";
};
export type AnnotationType = (typeof AnnotationType)[keyof typeof AnnotationType];

export declare const UploadedFileStatus: {
  readonly UPLOADED: 0;
  readonly DETECTING_FORMAT: 10;
  readonly ERROR_FORMAT: 11;
  readonly EXTRACTING_DATA: 20;
  readonly ERROR_EXTRACTION: 21;
  readonly CONVERTING: 30;
  readonly ERROR_CONVERSION: 31;
  readonly DEPLOYING: 40;
  readonly ERROR_DEPLOYMENT: 41;
  readonly DEPLOYED: 100;
  readonly EXTRACTED: 102;
  readonly CONVERTED: 104;
};
export type UploadedFileStatus = (typeof UploadedFileStatus)[keyof typeof UploadedFileStatus];

/** A Cytomine project: images, annotations and members sharing an ontology. */
export declare class Project extends ProjectExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Project>;
  name: string | null;
  ontology: number | null;
  ontologyName: string | null;
  blindMode: boolean | null;
  areImagesDownloadable: boolean | null;
  numberOfSlides: number | null;
  numberOfImages: number | null;
  numberOfAnnotations: number | null;
  numberOfJobAnnotations: number | null;
  numberOfReviewedAnnotations: number | null;
  isClosed: boolean | null;
  isReadOnly: boolean | null;
  isRestricted: boolean | null;
  hideUsersLayers: boolean | null;
  hideAdminsLayers: boolean | null;
  retrievalDisable: boolean | null;
  retrievalAllOntology: boolean | null;
  retrievalProjects: number[] | null;
  /** The user who created the project. */
  fetchCreator(): Promise<User>;
  /** The project's members (each with its `role`). */
  fetchUsers(online?: boolean): Promise<UserCollection>;
  /** Ids of the members online now. */
  fetchConnectedUsers(): Promise<Array<Record<string, any>>>;
  /** The project's managers. */
  fetchAdministrators(): Promise<UserCollection>;
  /** The project's representatives. */
  fetchRepresentatives(): Promise<UserCollection>;
  /** Users whose annotation layers can be shown. */
  fetchUserLayers(image?: Id | null): Promise<UserCollection>;
  /** Members with their last activity. */
  fetchUsersActivity(): Promise<UserCollection>;
  /** Adds a member (contributor). */
  addUser(user: Id | null): Promise<void>;
  /** Adds several members. */
  addUsers(users?: Id[]): Promise<void>;
  /** Removes a member. */
  deleteUser(user: Id | null): Promise<void>;
  /** Removes several members. */
  deleteUsers(users?: Id[]): Promise<void>;
  /** Makes a member a manager. */
  addAdmin(user: Id | null): Promise<void>;
  /** Removes a manager's rights. */
  deleteAdmin(user: Id | null): Promise<void>;
  /** The project's command history (a bare array). */
  fetchCommandHistory(options?: { max?: number; offset?: number; user?: Id | null; fullData?: boolean; startDate?: number; endDate?: number }): Promise<any>;
  /** Number of connections to the project, optionally between two dates. */
  fetchNbConnections(options?: { startDate?: number; endDate?: number }): Promise<number>;
  /** Number of image consultations in the project. */
  fetchNbImageConsultations(options?: { startDate?: number; endDate?: number }): Promise<number>;
  /** Number of annotation actions (`select`...) in the project. */
  fetchNbAnnotationActions(options?: { startDate?: number; endDate?: number; type?: string }): Promise<number>;
  /** Connections per period. */
  fetchConnectionsEvolution(options?: { startDate?: number; endDate?: number; daysRange?: number; accumulate?: boolean }): Promise<Array<Record<string, any>>>;
  /** Image consultations per period. */
  fetchImageConsultationsEvolution(options?: { startDate?: number; endDate?: number; daysRange?: number; accumulate?: boolean }): Promise<Array<Record<string, any>>>;
  /** Annotation actions per period. */
  fetchAnnotationActionsEvolution(options?: { startDate?: number; endDate?: number; daysRange?: number; accumulate?: boolean; type?: string }): Promise<Array<Record<string, any>>>;
  /** Number of annotations per term. */
  fetchStatsTerms(options?: { startDate?: number; endDate?: number; leafsOnly?: boolean }): Promise<Array<Record<string, any>>>;
  /** Number of images annotated with each term. */
  fetchStatsAnnotatedImagesByTerm(options?: { startDate?: number; endDate?: number }): Promise<Array<Record<string, any>>>;
  /** Number of annotations per creator. */
  fetchStatsAnnotationCreators(options?: { startDate?: number; endDate?: number }): Promise<Array<Record<string, any>>>;
  /** Number of images annotated by each user. */
  fetchStatsAnnotatedImagesByCreator(options?: { startDate?: number; endDate?: number }): Promise<Array<Record<string, any>>>;
  /** The project's UI configuration (`{property: {ADMIN_PROJECT, CONTRIBUTOR_PROJECT}}`). */
  fetchUIConfig(): Promise<any>;
}

/** A list of Projects. */
export declare class ProjectCollection extends Collection<Project, 'user' | 'ontology'> {
  constructor(options?: CollectionOptions<'user' | 'ontology'>);
  static readonly model: typeof Project;
  static fetchAll(options?: CollectionOptions<'user' | 'ontology'>, fetchOptions?: FetchAllOptions): Promise<ProjectCollection>;
  light: boolean | null;
  admin: boolean | null;
  withLastActivity: boolean | null;
  withMembersCount: boolean | null;
  withDescription: boolean | null;
  withCurrentUserRoles: boolean | null;
  sort: string | null;
  order: 'asc' | 'desc' | null;
  /** Projects the current user opened last. */
  static fetchLastOpened(max?: number, offset?: number): Promise<Array<Record<string, any>>>;
  /** Min/max of the project list's numeric columns. */
  static fetchBounds(options?: { withMembersCount?: boolean }): Promise<any>;
}

/** A vocabulary of terms used to label annotations. */
export declare class Ontology extends OntologyExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Ontology>;
  name: string | null;
  user: number | null;
  dataType: string | null;
}

/** A list of Ontologys. */
export declare class OntologyCollection extends Collection<Ontology, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Ontology;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<OntologyCollection>;
  light: boolean | null;
}

/** A label of an ontology, with a colour. */
export declare class Term extends TermExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Term>;
  name: string | null;
  comment: string | null;
  ontology: number | null;
  parent: number | null;
  color: string | null;
  ontologyId: number | null;
  children: Array<Record<string, unknown>> | null;
  dataType: string | null;
}

/** A list of Terms. */
export declare class TermCollection extends Collection<Term, 'project' | 'ontology'> {
  constructor(options?: CollectionOptions<'project' | 'ontology'>);
  static readonly model: typeof Term;
  static fetchAll(options?: CollectionOptions<'project' | 'ontology'>, fetchOptions?: FetchAllOptions): Promise<TermCollection>;
}

/** A relation between two terms (term1 is the parent of term2). */
export declare class RelationTerm extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<RelationTerm>;
  relation: number | null;
  term1: number | null;
  term2: number | null;
  relationId: number | null;
  term1Id: number | null;
  term2Id: number | null;
  name: string | null;
  dataType: string | null;
  /** All relations a term takes part in (core 5.2; today the path means one relation by id). */
  static fetchAllOfTerm(term: Id | null): Promise<Array<Record<string, any>>>;
}

/** An image file as uploaded, independent of projects. */
export declare class AbstractImage extends AbstractImageExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<AbstractImage>;
  filename: string | null;
  originalFilename: string | null;
  path: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  depth: number | null;
  duration: number | null;
  channels: number | null;
  physicalSizeX: number | null;
  physicalSizeY: number | null;
  physicalSizeZ: number | null;
  fps: number | null;
  zoom: number | null;
  magnification: number | null;
  thumb: string | null;
  preview: string | null;
  macroURL: string | null;
  uploadedFile: number | null;
  inProject: boolean | null;
  scanner: number | null;
  sample: number | null;
  time: number | null;
  resolution: number | null;
  /** The user who uploaded the image. */
  fetchUploader(): Promise<User>;
  /** URLs of the image servers serving the image. */
  fetchImageServers(): Promise<any>;
  /** Histogram statistics per channel. */
  fetchHistogramStats(): Promise<Array<Record<string, any>>>;
  /** Asks the server to compute the image's histograms. */
  extractHistogram(): Promise<this>;
}

/** A list of AbstractImages. */
export declare class AbstractImageCollection extends AbstractImageCollectionExtension<AbstractImage, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof AbstractImage;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<AbstractImageCollection>;
  project: number | null;
}

/** An image in a project, with its annotation counts and review state. */
export declare class ImageInstance extends ImageInstanceExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ImageInstance>;
  filename: string | null;
  originalFilename: string | null;
  path: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  depth: number | null;
  duration: number | null;
  channels: number | null;
  physicalSizeX: number | null;
  physicalSizeY: number | null;
  physicalSizeZ: number | null;
  fps: number | null;
  zoom: number | null;
  magnification: number | null;
  thumb: string | null;
  preview: string | null;
  macroURL: string | null;
  baseImage: number | null;
  project: number | null;
  user: number | null;
  instanceFilename: string | null;
  blindedName: string | null;
  numberOfAnnotations: number | null;
  numberOfReviewedAnnotations: number | null;
  reviewStart: string | null;
  reviewStop: string | null;
  reviewUser: number | null;
  reviewed: boolean | null;
  inReview: boolean | null;
  sample: number | null;
  time: number | null;
  resolution: number | null;
  /** The next image of the project (an empty model when none). */
  fetchNext(): Promise<ImageInstance>;
  /** The previous image of the project (an empty model when none). */
  fetchPrevious(): Promise<ImageInstance>;
  /** The slice shown by default. */
  fetchReferenceSlice(): Promise<SliceInstance>;
  /** Ids of the users looking at the image now (broadcasting only with `broadcast`). */
  fetchConnectedUsers(broadcast?: boolean): Promise<any>;
  /** Annotation layers of the same abstract image in other projects. */
  fetchLayersInOtherProjects(project?: Id | null): Promise<Array<Record<string, any>>>;
  /** Number of annotations per user and slice. */
  fetchAnnotationsIndex(): Promise<Array<Record<string, any>>>;
  /** Copies the properties of another image instance (`based`) onto this one. */
  copyMetadata(based?: Id | null): Promise<void>;
  /** Starts reviewing the image. */
  review(): Promise<this>;
  /** Ends the review (validates it, or cancels it with `cancel`). */
  stopReview(cancel?: boolean): Promise<this>;
  /** Reviewed annotations per user. */
  fetchReviewStatistics(): Promise<Array<Record<string, any>>>;
  /** The image histogram (the whole answer, as cytomine-client). */
  fetchHistogram(options?: { nBins?: number }): Promise<any>;
  /** Min/max of the image histogram (the whole answer). */
  fetchHistogramBounds(): Promise<any>;
  /** One histogram per channel. */
  fetchChannelHistograms(options?: { nBins?: number }): Promise<Array<Record<string, any>>>;
  /** Min/max per channel. */
  fetchChannelHistogramBounds(): Promise<Array<Record<string, any>>>;
}

/** A list of ImageInstances. */
export declare class ImageInstanceCollection extends ImageInstanceCollectionExtension<ImageInstance, 'project' | 'user' | 'imagegroup'> {
  constructor(options?: CollectionOptions<'project' | 'user' | 'imagegroup'>);
  static readonly model: typeof ImageInstance;
  static fetchAll(options?: CollectionOptions<'project' | 'user' | 'imagegroup'>, fetchOptions?: FetchAllOptions): Promise<ImageInstanceCollection>;
  withLastActivity: boolean | null;
  light: boolean | null;
  sort: string | null;
  order: 'asc' | 'desc' | null;
  /** All images the current user can open, as `{id, instanceFilename}`. */
  static fetchAllLight(options?: { max?: number; offset?: number }): Promise<Array<Record<string, any>>>;
  /** Min/max of the image list's numeric columns in a project. */
  static fetchBounds(options?: { project?: Id | null }): Promise<any>;
}

/** One channel / z-stack / time slice of an image instance. */
export declare class SliceInstance extends SliceInstanceExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<SliceInstance>;
  uploadedFile: number | null;
  project: number | null;
  baseSlice: number | null;
  image: number | null;
  path: string | null;
  mime: string | null;
  channel: number | null;
  zStack: number | null;
  time: number | null;
  rank: number | null;
  /** Number of annotations per user on this slice. */
  fetchAnnotationsIndex(): Promise<Array<Record<string, any>>>;
  /** The slice histogram. */
  fetchHistogram(options?: { nBins?: number }): Promise<Array<Record<string, any>>>;
  /** Min/max of the slice histogram. */
  fetchHistogramBounds(): Promise<Array<Record<string, any>>>;
  /** One histogram per channel of the slice. */
  fetchChannelHistograms(options?: { nBins?: number }): Promise<Array<Record<string, any>>>;
  /** Min/max per channel of the slice. */
  fetchChannelHistogramBounds(): Promise<Array<Record<string, any>>>;
}

/** A list of SliceInstances. */
export declare class SliceInstanceCollection extends Collection<SliceInstance, 'imageinstance'> {
  constructor(options?: CollectionOptions<'imageinstance'>);
  static readonly model: typeof SliceInstance;
  static fetchAll(options?: CollectionOptions<'imageinstance'>, fetchOptions?: FetchAllOptions): Promise<SliceInstanceCollection>;
}

/** A geometry drawn on an image (WKT in pixel coordinates), with terms. */
export declare class Annotation extends AnnotationExtension {
  constructor(props?: Record<string, unknown>);
  project: number | null;
  image: number | null;
  slice: number | null;
  user: number | null;
  location: string | null;
  geometryCompression: number | null;
  centroid: { x: number; y: number } | null;
  area: number | null;
  areaUnit: string | null;
  perimeter: number | null;
  perimeterUnit: string | null;
  reviewed: boolean | null;
  parentIdent: number | null;
  term: number[] | null;
  imageURL: string | null;
  cropURL: string | null;
  smallCropURL: string | null;
  /** Fills the holes of the geometry. */
  fill(): Promise<this>;
  /** Accepts the annotation in review (with `terms`); resolves to the reviewed annotation. */
  review(terms?: Id[]): Promise<Annotation>;
  /** Withdraws the review of the annotation. */
  cancelReview(): Promise<void>;
  /** Copies the annotation onto the following `repeat` slices from `slice`. */
  repeat(slice?: Id | null, repeat?: number): Promise<any>;
  /** Simplifies the geometry to between `minPoint` and `maxPoint` points. */
  simplify(minPoint?: number, maxPoint?: number): Promise<this>;
}

/** A list of Annotations. */
export declare class AnnotationCollection extends AnnotationCollectionExtension<Annotation, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Annotation;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<AnnotationCollection>;
  showDefault: boolean | null;
  showBasic: boolean | null;
  showMeta: boolean | null;
  showWKT: boolean | null;
  showGIS: boolean | null;
  showTerm: boolean | null;
  showAlgo: boolean | null;
  showUser: boolean | null;
  showImage: boolean | null;
  showSlice: boolean | null;
  showTrack: boolean | null;
  hideBasic: boolean | null;
  hideMeta: boolean | null;
  hideWKT: boolean | null;
  hideGIS: boolean | null;
  hideTerm: boolean | null;
  reviewed: boolean | null;
  notReviewedOnly: boolean | null;
  reviewUsers: number[] | null;
  project: number | null;
  image: number | null;
  images: number[] | null;
  slice: number | null;
  slices: number[] | null;
  user: number | null;
  users: number[] | null;
  includeAlgo: boolean | null;
  kmeans: boolean | null;
  term: number | null;
  terms: number[] | null;
  suggestedTerm: number | null;
  userForTermAlgo: number | null;
  noTerm: boolean | null;
  noAlgoTerm: boolean | null;
  multipleTerm: boolean | null;
  tag: number | null;
  tags: number[] | null;
  noTag: boolean | null;
  bbox: string | null;
  bboxAnnotation: number | null;
  baseAnnotation: number | string | null;
  maxDistanceBaseAnnotation: number | null;
  afterThan: number | string | null;
  beforeThan: number | string | null;
}

/** The association of a term with an annotation, by a user. */
export declare class AnnotationTerm extends AnnotationTermExtension {
  annotation: number | null;
  userannotation: number | null;
  term: number | null;
  user: number | null;
}

/** A list of AnnotationTerms. */
export declare class AnnotationTermCollection extends Collection<AnnotationTerm, 'annotation'> {
  constructor(options?: CollectionOptions<'annotation'>);
  static readonly model: typeof AnnotationTerm;
  static fetchAll(options?: CollectionOptions<'annotation'>, fetchOptions?: FetchAllOptions): Promise<AnnotationTermCollection>;
}

/** A Cytomine user. */
export declare class User extends UserExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<User>;
  username: string | null;
  name: string | null;
  fullName: string | null;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  role: string | null;
  language: string | null;
  isDeveloper: boolean | null;
  origin: string | null;
  roles: Array<Record<string, unknown>> | null;
  publicKey: string | null;
  dataType: string | null;
  /** The authenticated user. */
  static fetchCurrent(): Promise<User>;
  /** Users sharing a project with this user. */
  fetchFriends(project?: Id | null, offline?: boolean): Promise<UserCollection>;
  /** First/last connection and counts of this user in a project. */
  fetchResumeActivity(project: Id | null): Promise<any>;
  /** The current user's API keys (`primaryKey`, `secondaryKey`). */
  static fetchCurrentUserKeys(): Promise<any>;
  /** Replaces the current user's API keys and returns the new ones. */
  static regenerateKeys(): Promise<any>;
  /** Locks the account (admin). */
  lock(): Promise<this>;
  /** Unlocks the account (admin). */
  unlock(): Promise<this>;
}

/** A list of Users. */
export declare class UserCollection extends Collection<User, 'project' | 'ontology'> {
  constructor(options?: CollectionOptions<'project' | 'ontology'>);
  static readonly model: typeof User;
  static fetchAll(options?: CollectionOptions<'project' | 'ontology'>, fetchOptions?: FetchAllOptions): Promise<UserCollection>;
  sort: string | null;
  order: 'asc' | 'desc' | null;
  /** Ids of the users following `user` on image `image`. */
  static fetchFollowers(user: Id | null, image: Id | null): Promise<Array<Record<string, any>>>;
}

/** A security role (`ROLE_USER`, `ROLE_ADMIN`...). */
export declare class Role extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Role>;
  authority: string | null;
  dataType: string | null;
}

/** A list of Roles. */
export declare class RoleCollection extends Collection<Role, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Role;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<RoleCollection>;
}

/** The current user's IAM account (`{iamUrl}account`; `iamUrl` defaults to `{host}/iam/realms/cytomine/`). */
export declare class MyAccount extends MyAccountExtension {
  username: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  isDeveloper: boolean | null;
  attributes: Record<string, string[]> | null;
  /** The credentials (password...) of the current user's IAM account. */
  static fetchCredentials(): Promise<any>;
}

/** A key/value pair attached to a project, image, annotation... */
export declare class Property extends PropertyExtension {
  domainClassName: string | null;
  domainIdent: number | null;
  key: string | null;
  value: string | null;
}

/** A list of Propertys. */
export declare class PropertyCollection extends PropertyCollectionExtension<Property, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Property;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<PropertyCollection>;
  /** Property keys used on annotations of a project or image. */
  static fetchKeysAnnotationProperties(idProject?: Id | null, idImage?: Id | null, user?: boolean, max?: number, offset?: number): Promise<Array<Record<string, any>>>;
  /** Property keys used on images of a project. */
  static fetchKeysImageProperties(idProject?: Id | null, max?: number, offset?: number): Promise<Array<Record<string, any>>>;
  /** Values of property `key` on a user's annotations of an image, with positions. */
  static fetchPropertiesValuesAndPositions(idUser: Id | null, idImage: Id | null, key?: string, bbox?: string, max?: number, offset?: number): Promise<Array<Record<string, any>>>;
}

/** A free tag that can be associated with objects. */
export declare class Tag extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Tag>;
  name: string | null;
  user: number | null;
  creatorName: string | null;
  dataType: string | null;
}

/** A list of Tags. */
export declare class TagCollection extends Collection<Tag, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Tag;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<TagCollection>;
}

/** The association of a tag with an object. */
export declare class TagDomainAssociation extends TagDomainAssociationExtension {
  domainClassName: string | null;
  domainIdent: number | null;
  tag: number | null;
  tagName: string | null;
  tagId: number | null;
  domainId: number | null;
  dataType: string | null;
}

/** A list of TagDomainAssociations. */
export declare class TagDomainAssociationCollection extends TagDomainAssociationCollectionExtension<TagDomainAssociation, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof TagDomainAssociation;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<TagDomainAssociationCollection>;
}

/** The rich-text description of a project, image or annotation (one per object). */
export declare class Description extends DescriptionExtension {
  domainClassName: string | null;
  domainIdent: number | null;
  data: string | null;
}

/** A file attached to a project, image or annotation; `file` is the Blob to upload. */
export declare class AttachedFile extends AttachedFileExtension {
  domainClassName: string | null;
  domainIdent: number | null;
  url: string | null;
  filename: string | null;
  key: string | null;
}

/** A list of AttachedFiles. */
export declare class AttachedFileCollection extends AttachedFileCollectionExtension<AttachedFile, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof AttachedFile;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<AttachedFileCollection>;
}

/** A comment on an annotation sent to project members (`receivers`). */
export declare class AnnotationComment extends AnnotationCommentExtension {
  domainClassName: string | null;
  domainIdent: number | null;
  comment: string | null;
  sender: number | null;
  receivers: number[] | null;
  subject: string | null;
  from: string | null;
  annotationURL: string | null;
  shareAnnotationURL: string | null;
}

/** A list of AnnotationComments. */
export declare class AnnotationCommentCollection extends AnnotationCommentCollectionExtension<AnnotationComment, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof AnnotationComment;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<AnnotationCommentCollection>;
}

/** A storage of uploaded files, shared with users (READ, WRITE, ADMINISTRATION). */
export declare class Storage extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Storage>;
  name: string | null;
  user: number | null;
  userId: number | null;
  dataType: string | null;
  /** Creates the default storage of `user` (admin). */
  static create(user: Id | null): Promise<Storage>;
  /** Gives `user` access to the storage (with `permission`, default READ). */
  addUser(user: Id | null, permission?: 'READ' | 'WRITE' | 'ADMINISTRATION'): Promise<any>;
  /** Gives several users access to the storage. */
  addUsers(users?: Id[], permission?: 'READ' | 'WRITE' | 'ADMINISTRATION'): Promise<any>;
  /** Withdraws the access of `user`. */
  removeUser(user: Id | null): Promise<any>;
  /** Withdraws the access of several users. */
  deleteUsers(users?: Id[]): Promise<any>;
  /** Changes the permission of `user` on the storage. */
  changePermission(user: Id | null, permission?: 'READ' | 'WRITE' | 'ADMINISTRATION'): Promise<any>;
}

/** A list of Storages. */
export declare class StorageCollection extends Collection<Storage, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Storage;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<StorageCollection>;
  all: boolean | null;
}

/** A storage the current user can access, with the permission. */
export declare class StorageAccess extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<StorageAccess>;
  name: string | null;
  user: number | null;
  permission: string | null;
}

/** A list of StorageAccesss. */
export declare class StorageAccessCollection extends Collection<StorageAccess, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof StorageAccess;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<StorageAccessCollection>;
}

/** A user of a storage with their permission (`role`), files and size. */
export declare class StorageUser extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<StorageUser>;
  username: string | null;
  firstname: string | null;
  lastname: string | null;
  numberOfFiles: number | null;
  totalSize: number | null;
  role: string | null;
}

/** A list of StorageUsers. */
export declare class StorageUserCollection extends Collection<StorageUser, 'storage'> {
  constructor(options?: CollectionOptions<'storage'>);
  static readonly model: typeof StorageUser;
  static fetchAll(options?: CollectionOptions<'storage'>, fetchOptions?: FetchAllOptions): Promise<StorageUserCollection>;
}

/** A file uploaded to a storage, with its conversion status (`UploadedFileStatus`). */
export declare class UploadedFile extends UploadedFileExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<UploadedFile>;
  user: number | null;
  storage: number | null;
  parent: number | null;
  projects: number[] | null;
  imageServer: number | null;
  path: string | null;
  filename: string | null;
  originalFilename: string | null;
  ext: string | null;
  contentType: string | null;
  size: number | null;
  thumbURL: string | null;
  status: number | null;
  statusText: string | null;
  thumbnailUrl: string | null;
  dataType: string | null;
  storageId: number | null;
  userId: number | null;
}

/** A list of UploadedFiles. */
export declare class UploadedFileCollection extends Collection<UploadedFile, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof UploadedFile;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<UploadedFileCollection>;
  onlyRoots: boolean | null;
  parent: number | null;
  all: boolean | null;
}

/** One plane (channel, z, time) of an abstract image. */
export declare class AbstractSlice extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<AbstractSlice>;
  uploadedFile: number | null;
  path: string | null;
  image: number | null;
  mime: string | null;
  channel: number | null;
  zStack: number | null;
  time: number | null;
  /** The user who uploaded the image. */
  fetchUploader(): Promise<User>;
}

/** A list of AbstractSlices. */
export declare class AbstractSliceCollection extends Collection<AbstractSlice, 'abstractimage' | 'uploadedfile'> {
  constructor(options?: CollectionOptions<'abstractimage' | 'uploadedfile'>);
  static readonly model: typeof AbstractSlice;
  static fetchAll(options?: CollectionOptions<'abstractimage' | 'uploadedfile'>, fetchOptions?: FetchAllOptions): Promise<AbstractSliceCollection>;
}

/** A file accompanying an abstract image (e.g. a profile). */
export declare class CompanionFile extends CompanionFileExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<CompanionFile>;
  uploadedFile: number | null;
  path: string | null;
  image: number | null;
  type: string | null;
  originalFilename: string | null;
  filename: string | null;
}

/** A list of CompanionFiles. */
export declare class CompanionFileCollection extends Collection<CompanionFile, 'abstractimage' | 'uploadedfile'> {
  constructor(options?: CollectionOptions<'abstractimage' | 'uploadedfile'>);
  static readonly model: typeof CompanionFile;
  static fetchAll(options?: CollectionOptions<'abstractimage' | 'uploadedfile'>, fetchOptions?: FetchAllOptions): Promise<CompanionFileCollection>;
}

/** The histogram of one sample of an abstract slice. */
export declare class SampleHistogram extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<SampleHistogram>;
  slice: number | null;
  sample: number | null;
  min: number | null;
  max: number | null;
  histogram: number[] | null;
}

/** A list of SampleHistograms. */
export declare class SampleHistogramCollection extends Collection<SampleHistogram, 'abstractslice' | 'sliceinstance'> {
  constructor(options?: CollectionOptions<'abstractslice' | 'sliceinstance'>);
  static readonly model: typeof SampleHistogram;
  static fetchAll(options?: CollectionOptions<'abstractslice' | 'sliceinstance'>, fetchOptions?: FetchAllOptions): Promise<SampleHistogramCollection>;
}

/** A named, coloured series of annotations through the slices of an image. */
export declare class Track extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Track>;
  name: string | null;
  color: string | null;
  image: number | null;
  project: number | null;
}

/** A list of Tracks. */
export declare class TrackCollection extends Collection<Track, 'project' | 'imageinstance'> {
  constructor(options?: CollectionOptions<'project' | 'imageinstance'>);
  static readonly model: typeof Track;
  static fetchAll(options?: CollectionOptions<'project' | 'imageinstance'>, fetchOptions?: FetchAllOptions): Promise<TrackCollection>;
}

/** An annotation in a track (`annotation` is sent as `annotationIdent`). */
export declare class AnnotationTrack extends AnnotationTrackExtension {
  annotationClassName: string | null;
  annotation: number | null;
  annotationIdent: number | null;
  track: number | null;
  slice: number | null;
}

/** A list of AnnotationTracks. */
export declare class AnnotationTrackCollection extends Collection<AnnotationTrack, 'annotation' | 'track'> {
  constructor(options?: CollectionOptions<'annotation' | 'track'>);
  static readonly model: typeof AnnotationTrack;
  static fetchAll(options?: CollectionOptions<'annotation' | 'track'>, fetchOptions?: FetchAllOptions): Promise<AnnotationTrackCollection>;
}

/** A named group of images of a project (e.g. serial sections). */
export declare class ImageGroup extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ImageGroup>;
  name: string | null;
  project: number | null;
  imageInstances: Array<Record<string, any>> | null;
  numberOfImages: number | null;
}

/** A list of ImageGroups. */
export declare class ImageGroupCollection extends Collection<ImageGroup, 'project'> {
  constructor(options?: CollectionOptions<'project'>);
  static readonly model: typeof ImageGroup;
  static fetchAll(options?: CollectionOptions<'project'>, fetchOptions?: FetchAllOptions): Promise<ImageGroupCollection>;
}

/** An image in an image group. */
export declare class ImageGroupImageInstance extends ImageGroupImageInstanceExtension {
  group: number | null;
  image: number | null;
  groupName: string | null;
}

/** A list of ImageGroupImageInstances. */
export declare class ImageGroupImageInstanceCollection extends Collection<ImageGroupImageInstance, 'imagegroup' | 'imageinstance'> {
  constructor(options?: CollectionOptions<'imagegroup' | 'imageinstance'>);
  static readonly model: typeof ImageGroupImageInstance;
  static fetchAll(options?: CollectionOptions<'imagegroup' | 'imageinstance'>, fetchOptions?: FetchAllOptions): Promise<ImageGroupImageInstanceCollection>;
}

/** A group of annotations across the images of an image group. */
export declare class AnnotationGroup extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<AnnotationGroup>;
  imageGroup: number | null;
  project: number | null;
  type: string | null;
  /** Moves the annotations of group `toMerge` into this one and deletes it. */
  merge(toMerge: Id | null): Promise<this>;
}

/** A list of AnnotationGroups. */
export declare class AnnotationGroupCollection extends Collection<AnnotationGroup, 'project' | 'imagegroup'> {
  constructor(options?: CollectionOptions<'project' | 'imagegroup'>);
  static readonly model: typeof AnnotationGroup;
  static fetchAll(options?: CollectionOptions<'project' | 'imagegroup'>, fetchOptions?: FetchAllOptions): Promise<AnnotationGroupCollection>;
}

/** An annotation in an annotation group (`annotation` is sent as `annotationIdent`). */
export declare class AnnotationLink extends AnnotationLinkExtension {
  annotationClassName: string | null;
  annotation: number | null;
  annotationIdent: number | null;
  group: number | null;
  image: number | null;
}

/** A list of AnnotationLinks. */
export declare class AnnotationLinkCollection extends Collection<AnnotationLink, 'annotation' | 'annotationgroup'> {
  constructor(options?: CollectionOptions<'annotation' | 'annotationgroup'>);
  static readonly model: typeof AnnotationLink;
  static fetchAll(options?: CollectionOptions<'annotation' | 'annotationgroup'>, fetchOptions?: FetchAllOptions): Promise<AnnotationLinkCollection>;
}

/** A role held by a user (admin). */
export declare class UserRole extends UserRoleExtension {
  user: number | null;
  role: number | null;
  authority: string | null;
  userId: number | null;
  roleId: number | null;
  dataType: string | null;
}

/** A list of UserRoles. */
export declare class UserRoleCollection extends Collection<UserRole, 'user'> {
  constructor(options?: CollectionOptions<'user'>);
  static readonly model: typeof UserRole;
  static fetchAll(options?: CollectionOptions<'user'>, fetchOptions?: FetchAllOptions): Promise<UserRoleCollection>;
}

/** A server setting keyed by `key`; `save()` creates or updates it (admin). */
export declare class Configuration extends ConfigurationExtension {
  key: string | null;
  value: string | null;
  readingRole: 'ALL' | 'USER' | 'ADMIN' | null;
}

/** A list of Configurations. */
export declare class ConfigurationCollection extends Collection<Configuration, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof Configuration;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<ConfigurationCollection>;
}

/** An image processing filter offered by a processing server. */
export declare class ImageFilter extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ImageFilter>;
  name: string | null;
  processingServer: number | null;
  baseUrl: string | null;
}

/** A list of ImageFilters. */
export declare class ImageFilterCollection extends Collection<ImageFilter, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof ImageFilter;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<ImageFilterCollection>;
}

/** An image filter enabled in a project. */
export declare class ImageFilterProject extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ImageFilterProject>;
  imageFilter: number | null;
  project: number | null;
  name: string | null;
  processingServer: number | null;
  baseUrl: string | null;
}

/** A list of ImageFilterProjects. */
export declare class ImageFilterProjectCollection extends Collection<ImageFilterProject, 'project'> {
  constructor(options?: CollectionOptions<'project'>);
  static readonly model: typeof ImageFilterProject;
  static fetchAll(options?: CollectionOptions<'project'>, fetchOptions?: FetchAllOptions): Promise<ImageFilterProjectCollection>;
}

/** The progress of a long server operation. */
export declare class Task extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<Task>;
  progress: number | null;
  project: number | null;
  user: number | null;
  printInActivity: boolean | null;
  comments: string[] | null;
}

/** A user layer opened by default in a project (`hideByDefault` to hide it). */
export declare class ProjectDefaultLayer extends ProjectDefaultLayerExtension {
  project: number | null;
  user: number | null;
  hideByDefault: boolean | null;
}

/** A list of ProjectDefaultLayers. */
export declare class ProjectDefaultLayerCollection extends Collection<ProjectDefaultLayer, 'project'> {
  constructor(options?: CollectionOptions<'project'>);
  static readonly model: typeof ProjectDefaultLayer;
  static fetchAll(options?: CollectionOptions<'project'>, fetchOptions?: FetchAllOptions): Promise<ProjectDefaultLayerCollection>;
}

/** A member who represents a project. */
export declare class ProjectRepresentative extends ProjectRepresentativeExtension {
  project: number | null;
  user: number | null;
}

/** A list of ProjectRepresentatives. */
export declare class ProjectRepresentativeCollection extends Collection<ProjectRepresentative, 'project'> {
  constructor(options?: CollectionOptions<'project'>);
  static readonly model: typeof ProjectRepresentative;
  static fetchAll(options?: CollectionOptions<'project'>, fetchOptions?: FetchAllOptions): Promise<ProjectRepresentativeCollection>;
}

/** A user opening a project (browser and OS filled in on save). */
export declare class ProjectConnection extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ProjectConnection>;
  user: number | null;
  project: number | null;
  time: number | null;
  os: string | null;
  browser: string | null;
  browserVersion: string | null;
  countViewedImages: number | null;
  countCreatedAnnotations: number | null;
  online: boolean | null;
}

/** A list of ProjectConnections. */
export declare class ProjectConnectionCollection extends ProjectConnectionCollectionExtension<ProjectConnection, 'project'> {
  constructor(options?: CollectionOptions<'project'>);
  static readonly model: typeof ProjectConnection;
  static fetchAll(options?: CollectionOptions<'project'>, fetchOptions?: FetchAllOptions): Promise<ProjectConnectionCollection>;
  user: number | null;
  project: number | null;
  /** Average number of connections per hour of the day (or weekday). */
  static fetchAverageConnections(options?: { project?: Id | null; user?: Id | null; afterThan?: number | string; beforeThan?: number | string; period?: 'hour' | 'day' | 'week' }): Promise<Array<Record<string, any>>>;
}

/** A user opening an image (`mode` defaults to 'view'). */
export declare class ImageConsultation extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<ImageConsultation>;
  user: number | null;
  project: number | null;
  projectConnection: number | null;
  image: number | null;
  imageName: string | null;
  imageThumb: string | null;
  time: number | null;
  mode: string | null;
}

/** A list of ImageConsultations. */
export declare class ImageConsultationCollection extends ImageConsultationCollectionExtension<ImageConsultation, never> {
  constructor(options?: CollectionOptions<never>);
  static readonly model: typeof ImageConsultation;
  static fetchAll(options?: CollectionOptions<never>, fetchOptions?: FetchAllOptions): Promise<ImageConsultationCollection>;
  resume: boolean | null;
  project: number | null;
  user: number | null;
  projectConnection: number | null;
}

/** The viewport of a user on an image; created with `UserPosition.create`. */
export declare class UserPosition extends UserPositionExtension {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id): Promise<UserPosition>;
  user: number | null;
  image: number | null;
  slice: number | null;
  project: number | null;
  location: string | null;
  x: number | null;
  y: number | null;
  zoom: number | null;
  rotation: number | null;
  broadcast: boolean | null;
  /** The last position of `user` on `image` (only broadcast ones with `broadcast`). */
  static fetchLastPosition(image: Id | null, user: Id | null, broadcast?: boolean): Promise<UserPosition>;
}

/** A list of UserPositions. */
export declare class UserPositionCollection extends Collection<UserPosition, 'imageinstance'> {
  constructor(options?: CollectionOptions<'imageinstance'>);
  static readonly model: typeof UserPosition;
  static fetchAll(options?: CollectionOptions<'imageinstance'>, fetchOptions?: FetchAllOptions): Promise<UserPositionCollection>;
  user: number | null;
  afterThan: number | string | null;
  beforeThan: number | string | null;
  showDetails: boolean | null;
}

/** The classes bound to one connection (`cytomine.models`). */
export interface BoundModels {
  readonly Project: typeof Project;
  readonly ProjectCollection: typeof ProjectCollection;
  readonly Ontology: typeof Ontology;
  readonly OntologyCollection: typeof OntologyCollection;
  readonly Term: typeof Term;
  readonly TermCollection: typeof TermCollection;
  readonly RelationTerm: typeof RelationTerm;
  readonly AbstractImage: typeof AbstractImage;
  readonly AbstractImageCollection: typeof AbstractImageCollection;
  readonly ImageInstance: typeof ImageInstance;
  readonly ImageInstanceCollection: typeof ImageInstanceCollection;
  readonly SliceInstance: typeof SliceInstance;
  readonly SliceInstanceCollection: typeof SliceInstanceCollection;
  readonly Annotation: typeof Annotation;
  readonly AnnotationCollection: typeof AnnotationCollection;
  readonly AnnotationTerm: typeof AnnotationTerm;
  readonly AnnotationTermCollection: typeof AnnotationTermCollection;
  readonly User: typeof User;
  readonly UserCollection: typeof UserCollection;
  readonly Role: typeof Role;
  readonly RoleCollection: typeof RoleCollection;
  readonly MyAccount: typeof MyAccount;
  readonly Property: typeof Property;
  readonly PropertyCollection: typeof PropertyCollection;
  readonly Tag: typeof Tag;
  readonly TagCollection: typeof TagCollection;
  readonly TagDomainAssociation: typeof TagDomainAssociation;
  readonly TagDomainAssociationCollection: typeof TagDomainAssociationCollection;
  readonly Description: typeof Description;
  readonly AttachedFile: typeof AttachedFile;
  readonly AttachedFileCollection: typeof AttachedFileCollection;
  readonly AnnotationComment: typeof AnnotationComment;
  readonly AnnotationCommentCollection: typeof AnnotationCommentCollection;
  readonly Storage: typeof Storage;
  readonly StorageCollection: typeof StorageCollection;
  readonly StorageAccess: typeof StorageAccess;
  readonly StorageAccessCollection: typeof StorageAccessCollection;
  readonly StorageUser: typeof StorageUser;
  readonly StorageUserCollection: typeof StorageUserCollection;
  readonly UploadedFile: typeof UploadedFile;
  readonly UploadedFileCollection: typeof UploadedFileCollection;
  readonly AbstractSlice: typeof AbstractSlice;
  readonly AbstractSliceCollection: typeof AbstractSliceCollection;
  readonly CompanionFile: typeof CompanionFile;
  readonly CompanionFileCollection: typeof CompanionFileCollection;
  readonly SampleHistogram: typeof SampleHistogram;
  readonly SampleHistogramCollection: typeof SampleHistogramCollection;
  readonly Track: typeof Track;
  readonly TrackCollection: typeof TrackCollection;
  readonly AnnotationTrack: typeof AnnotationTrack;
  readonly AnnotationTrackCollection: typeof AnnotationTrackCollection;
  readonly ImageGroup: typeof ImageGroup;
  readonly ImageGroupCollection: typeof ImageGroupCollection;
  readonly ImageGroupImageInstance: typeof ImageGroupImageInstance;
  readonly ImageGroupImageInstanceCollection: typeof ImageGroupImageInstanceCollection;
  readonly AnnotationGroup: typeof AnnotationGroup;
  readonly AnnotationGroupCollection: typeof AnnotationGroupCollection;
  readonly AnnotationLink: typeof AnnotationLink;
  readonly AnnotationLinkCollection: typeof AnnotationLinkCollection;
  readonly UserRole: typeof UserRole;
  readonly UserRoleCollection: typeof UserRoleCollection;
  readonly Configuration: typeof Configuration;
  readonly ConfigurationCollection: typeof ConfigurationCollection;
  readonly ImageFilter: typeof ImageFilter;
  readonly ImageFilterCollection: typeof ImageFilterCollection;
  readonly ImageFilterProject: typeof ImageFilterProject;
  readonly ImageFilterProjectCollection: typeof ImageFilterProjectCollection;
  readonly Task: typeof Task;
  readonly ProjectDefaultLayer: typeof ProjectDefaultLayer;
  readonly ProjectDefaultLayerCollection: typeof ProjectDefaultLayerCollection;
  readonly ProjectRepresentative: typeof ProjectRepresentative;
  readonly ProjectRepresentativeCollection: typeof ProjectRepresentativeCollection;
  readonly ProjectConnection: typeof ProjectConnection;
  readonly ProjectConnectionCollection: typeof ProjectConnectionCollection;
  readonly ImageConsultation: typeof ImageConsultation;
  readonly ImageConsultationCollection: typeof ImageConsultationCollection;
  readonly UserPosition: typeof UserPosition;
  readonly UserPositionCollection: typeof UserPositionCollection;
}
