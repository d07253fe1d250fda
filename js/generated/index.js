// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
export { Project, ProjectCollection } from './project.js';
export { Ontology, OntologyCollection, Term, TermCollection, RelationTerm } from './ontology.js';
export { AbstractImage, AbstractImageCollection, ImageInstance, ImageInstanceCollection, SliceInstance, SliceInstanceCollection } from './image.js';
export { Annotation, AnnotationCollection, AnnotationTerm, AnnotationTermCollection } from './annotation.js';
export { User, UserCollection, Role, RoleCollection, MyAccount } from './user.js';
export { Property, PropertyCollection, Tag, TagCollection, TagDomainAssociation, TagDomainAssociationCollection, Description, AttachedFile, AttachedFileCollection, AnnotationComment, AnnotationCommentCollection } from './meta.js';
export { Storage, StorageCollection, StorageAccess, StorageAccessCollection, StorageUser, StorageUserCollection, UploadedFile, UploadedFileCollection, AbstractSlice, AbstractSliceCollection, CompanionFile, CompanionFileCollection, SampleHistogram, SampleHistogramCollection } from './storage.js';
export { Track, TrackCollection, AnnotationTrack, AnnotationTrackCollection, ImageGroup, ImageGroupCollection, ImageGroupImageInstance, ImageGroupImageInstanceCollection, AnnotationGroup, AnnotationGroupCollection, AnnotationLink, AnnotationLinkCollection } from './group.js';
export { UserRole, UserRoleCollection, Configuration, ConfigurationCollection, ImageFilter, ImageFilterCollection, ImageFilterProject, ImageFilterProjectCollection, Task, ProjectDefaultLayer, ProjectDefaultLayerCollection, ProjectRepresentative, ProjectRepresentativeCollection } from './settings.js';
export { ProjectConnection, ProjectConnectionCollection, ImageConsultation, ImageConsultationCollection, UserPosition, UserPositionCollection } from './social.js';
export { ProjectMemberRole, AnnotationType, UploadedFileStatus } from './enums.js';
