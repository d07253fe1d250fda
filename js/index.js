// cytomine-wasm: the package entry. Loads the WebAssembly module (no init call needed), builds
// the model and collection classes from the Rust domain declarations, and exports them.
import { registry } from './wasm.js';
import { Cytomine } from './cytomine.js';
import { CytomineError } from './errors.js';
import { Model } from './model.js';
import { Collection } from './collection.js';
import { buildClasses, bindClasses } from './build.js';
import { keycloakToken } from './keycloak.js';

const classes = buildClasses(registry);
Cytomine._setBinder((cytomine) => bindClasses(classes, cytomine));

export { Cytomine, CytomineError, Model, Collection, keycloakToken };
export const { Project, Ontology, Term, RelationTerm, AbstractImage, ImageInstance, SliceInstance } = classes.models;
export const { Annotation, AnnotationTerm, User, Property, Tag, TagDomainAssociation, Description } = classes.models;
export const { Role, Storage, StorageAccess, StorageUser, UploadedFile, AbstractSlice, CompanionFile, SampleHistogram } = classes.models;
export const { ProjectCollection, OntologyCollection, TermCollection, AbstractImageCollection } = classes.collections;
export const { ImageInstanceCollection, SliceInstanceCollection, AnnotationCollection } = classes.collections;
export const { AnnotationTermCollection, UserCollection, PropertyCollection, TagCollection } = classes.collections;
export const { TagDomainAssociationCollection, RoleCollection, StorageCollection, StorageAccessCollection } = classes.collections;
export const { StorageUserCollection, UploadedFileCollection, AbstractSliceCollection, CompanionFileCollection } = classes.collections;
export const { SampleHistogramCollection, TrackCollection, AnnotationTrackCollection, ImageGroupCollection } = classes.collections;
export const { ImageGroupImageInstanceCollection, AnnotationGroupCollection, AnnotationLinkCollection } = classes.collections;
export const { UserRoleCollection, ConfigurationCollection, ImageFilterCollection, ImageFilterProjectCollection } = classes.collections;
export const { ProjectDefaultLayerCollection, ProjectRepresentativeCollection } = classes.collections;
export const { Track, AnnotationTrack, ImageGroup, ImageGroupImageInstance, AnnotationGroup, AnnotationLink } = classes.models;
export const { UserRole, Configuration, ImageFilter, ImageFilterProject, Task, ProjectDefaultLayer, ProjectRepresentative } = classes.models;
export const { ProjectConnection, ImageConsultation, UserPosition } = classes.models;
export const { ProjectConnectionCollection, ImageConsultationCollection, UserPositionCollection } = classes.collections;
export const { AttachedFile, AnnotationComment, MyAccount } = classes.models;
export const { AttachedFileCollection, AnnotationCommentCollection } = classes.collections;
export const { AnnotationType, ProjectMemberRole, UploadedFileStatus } = classes.enums;
