// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/meta.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { AnnotationCommentCollectionExtension, AnnotationCommentExtension } from '../extensions/annotations.js';
import { AttachedFileCollectionExtension, AttachedFileExtension, DescriptionExtension, PropertyCollectionExtension, PropertyExtension, TagDomainAssociationCollectionExtension, TagDomainAssociationExtension } from '../extensions/metadata.js';

/** A key/value pair attached to a project, image, annotation... */
export const Property = /*#__PURE__*/ declareModel(
  class Property extends /*#__PURE__*/ PropertyExtension(Model) {},
  { name: 'Property', cb: 'property', label: 'key', fields: ['domainClassName', 'domainIdent', 'key', 'value'], uri: 'domain' },
);

/** A list of Propertys. */
export const PropertyCollection = /*#__PURE__*/ declareCollection(
  class PropertyCollection extends /*#__PURE__*/ PropertyCollectionExtension(Collection) {
    /** Property keys used on annotations of a project or image. */
    static async fetchKeysAnnotationProperties(...args) {
      return await send(this, 'fetchKeysAnnotationProperties', 'GET annotation/property/key.json', args, { params: { idProject: 'query', idImage: 'query', user: 'query', max: 'query', offset: 'query' }, defaults: { max: 0, offset: 0 }, returns: 'member collection' });
    }
    /** Property keys used on images of a project. */
    static async fetchKeysImageProperties(...args) {
      return await send(this, 'fetchKeysImageProperties', 'GET imageinstance/property/key.json', args, { params: { idProject: 'query', max: 'query', offset: 'query' }, defaults: { max: 0, offset: 0 }, returns: 'member collection' });
    }
    /** Values of property `key` on a user's annotations of an image, with positions. */
    static async fetchPropertiesValuesAndPositions(...args) {
      return await send(this, 'fetchPropertiesValuesAndPositions', 'GET user/{idUser}/imageinstance/{idImage}/annotationposition.json', args, { params: { idUser: 'path', idImage: 'path', key: 'query', bbox: 'query', max: 'query', offset: 'query' }, returns: 'member collection' });
    }
  },
  { name: 'PropertyCollection' },
  Property,
);

/** A free tag that can be associated with objects. */
export const Tag = /*#__PURE__*/ declareModel(
  class Tag extends Model {},
  { name: 'Tag', cb: 'tag', fields: ['name', 'user', 'creatorName', 'dataType'], repository: {} },
);

/** A list of Tags. */
export const TagCollection = /*#__PURE__*/ declareCollection(
  class TagCollection extends Collection {},
  { name: 'TagCollection' },
  Tag,
);

/** The association of a tag with an object. */
export const TagDomainAssociation = /*#__PURE__*/ declareModel(
  class TagDomainAssociation extends /*#__PURE__*/ TagDomainAssociationExtension(Model) {},
  { name: 'TagDomainAssociation', cb: 'tagdomainassociation', label: 'tagName', fields: ['domainClassName', 'domainIdent', 'tag', 'tagName', 'tagId', 'domainId', 'dataType'], uri: { new: 'domain/{domainClassName:str}/{domainIdent}/tag_domain_association.json', existing: 'tag_domain_association/{id}.json' }, disabled: ['update'], repository: { renamed: [['tag', 'tagId'], ['domainIdent', 'domainId']], create: 'tag_domain_association.json' } },
);

/** A list of TagDomainAssociations. */
export const TagDomainAssociationCollection = /*#__PURE__*/ declareCollection(
  class TagDomainAssociationCollection extends /*#__PURE__*/ TagDomainAssociationCollectionExtension(Collection) {},
  { name: 'TagDomainAssociationCollection', cb: 'tag_domain_association' },
  TagDomainAssociation,
);

/** The rich-text description of a project, image or annotation (one per object). */
export const Description = /*#__PURE__*/ declareModel(
  class Description extends /*#__PURE__*/ DescriptionExtension(Model) {},
  { name: 'Description', cb: 'description', label: '', fields: ['domainClassName', 'domainIdent', 'data'], uri: { new: 'domain/{domainClassName:str}/{domainIdent}/description.json', existing: 'domain/{domainClassName:str}/{domainIdent}/description.json' } },
);

/** A file attached to a project, image or annotation; `file` is the Blob to upload. */
export const AttachedFile = /*#__PURE__*/ declareModel(
  class AttachedFile extends /*#__PURE__*/ AttachedFileExtension(Model) {},
  { name: 'AttachedFile', cb: 'attachedfile', label: 'filename', fields: ['domainClassName', 'domainIdent', 'url', 'filename', 'key'], disabled: ['update'] },
);

/** A list of AttachedFiles. */
export const AttachedFileCollection = /*#__PURE__*/ declareCollection(
  class AttachedFileCollection extends /*#__PURE__*/ AttachedFileCollectionExtension(Collection) {},
  { name: 'AttachedFileCollection' },
  AttachedFile,
);

/** A comment on an annotation sent to project members (`receivers`). */
export const AnnotationComment = /*#__PURE__*/ declareModel(
  class AnnotationComment extends /*#__PURE__*/ AnnotationCommentExtension(Model) {},
  { name: 'AnnotationComment', cb: 'sharedannotation', label: 'comment', fields: ['domainClassName', 'domainIdent', 'comment', 'sender', 'receivers', 'subject', 'from', 'annotationURL', 'shareAnnotationURL'], uri: { new: '{commentStem:str}/{domainIdent}/comment.json', existing: '{commentStem:str}/{domainIdent}/comment/{id}.json' }, disabled: ['update', 'delete'] },
);

/** A list of AnnotationComments. */
export const AnnotationCommentCollection = /*#__PURE__*/ declareCollection(
  class AnnotationCommentCollection extends /*#__PURE__*/ AnnotationCommentCollectionExtension(Collection) {},
  { name: 'AnnotationCommentCollection', cb: 'comment' },
  AnnotationComment,
);
