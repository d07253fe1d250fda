//! Metadata attached to other objects: properties, tags, descriptions (contract §3.11-§3.13).

use super::spec::{Place::*, Ty::*, *};

const DOMAIN_FIELDS: [Field; 2] = [f("domainClassName", Str), f("domainIdent", Id)];

/// `Property`: a key/value pair on any object.
pub const PROPERTY: Model = Model {
    name: "Property",
    cb: "property",
    java_class: docs!("be.cytomine.domain.meta.Property"),
    doc: docs!("A key/value pair attached to a project, image, annotation..."),
    label: "key",
    fields: &[
        DOMAIN_FIELDS[0],
        DOMAIN_FIELDS[1],
        f("key", Str),
        f("value", Str),
    ],
    uri: Uri::Domain,
    collection: Some(Collection {
        name: "PropertyCollection",
        methods: &[
            Method {
                name: "fetchKeysAnnotationProperties",
                is_static: true,
                path: "annotation/property/key.json",
                params: &[
                    p("idProject", Id, Query, ""),
                    p("idImage", Id, Query, ""),
                    p("user", Bool, Query, ""),
                    p("max", Int, Query, "0"),
                    p("offset", Int, Query, "0"),
                ],
                returns: Returns::Member("collection"),
                doc: docs!("Property keys used on annotations of a project or image."),
                ..GET
            },
            Method {
                name: "fetchKeysImageProperties",
                is_static: true,
                path: "imageinstance/property/key.json",
                params: &[
                    p("idProject", Id, Query, ""),
                    p("max", Int, Query, "0"),
                    p("offset", Int, Query, "0"),
                ],
                returns: Returns::Member("collection"),
                doc: docs!("Property keys used on images of a project."),
                ..GET
            },
            Method {
                name: "fetchPropertiesValuesAndPositions",
                is_static: true,
                path: "user/{idUser}/imageinstance/{idImage}/annotationposition.json",
                params: &[
                    p("idUser", Id, Path, ""),
                    p("idImage", Id, Path, ""),
                    p("key", Str, Query, ""),
                    p("bbox", Str, Query, ""),
                    p("max", Int, Query, ""),
                    p("offset", Int, Query, ""),
                ],
                returns: Returns::Member("collection"),
                doc: docs!(
                    "Values of property `key` on a user's annotations of an image, with positions."
                ),
                ..GET
            },
        ],
        ..COLLECTION
    }),
    ..MODEL
};

/// `Tag`.
pub const TAG: Model = Model {
    name: "Tag",
    cb: "tag",
    java_class: docs!("be.cytomine.domain.meta.Tag"),
    doc: docs!("A free tag that can be associated with objects."),
    fields: &[
        f("name", Str),
        f("user", Id),
        f("creatorName", Str),
        f("dataType", Str),
    ],
    collection: Some(Collection {
        name: "TagCollection",
        ..COLLECTION
    }),
    repository: Some(REPOSITORY),
    ..MODEL
};

/// `TagDomainAssociation`.
pub const TAG_DOMAIN_ASSOCIATION: Model = Model {
    name: "TagDomainAssociation",
    cb: "tagdomainassociation",
    java_class: docs!("be.cytomine.domain.meta.TagDomainAssociation"),
    doc: docs!("The association of a tag with an object."),
    label: "tagName",
    fields: &[
        DOMAIN_FIELDS[0],
        DOMAIN_FIELDS[1],
        f("tag", Id),
        f("tagName", Str),
        f("tagId", Id),
        f("domainId", Id),
        f("dataType", Str),
    ],
    uri: Uri::Templates {
        new: "domain/{domainClassName:str}/{domainIdent}/tag_domain_association.json",
        existing: "tag_domain_association/{id}.json",
    },
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: false,
    },
    collection: Some(Collection {
        name: "TagDomainAssociationCollection",
        cb: "tag_domain_association",
        ..COLLECTION
    }),
    // Today's body is `{tagId, domainClassName, domainId}` (delta §3.2).
    repository: Some(Repository {
        renamed: &[("tag", "tagId"), ("domainIdent", "domainId")],
        create: "tag_domain_association.json",
        ..REPOSITORY
    }),
    ..MODEL
};

/// `Description`: one rich-text description per object.
pub const DESCRIPTION: Model = Model {
    name: "Description",
    cb: "description",
    java_class: docs!("be.cytomine.domain.meta.Description"),
    doc: docs!("The rich-text description of a project, image or annotation (one per object)."),
    label: "",
    fields: &[DOMAIN_FIELDS[0], DOMAIN_FIELDS[1], f("data", Str)],
    uri: Uri::Templates {
        new: "domain/{domainClassName:str}/{domainIdent}/description.json",
        existing: "domain/{domainClassName:str}/{domainIdent}/description.json",
    },
    ..MODEL
};

/// `AttachedFile`: a file attached to an object (multipart upload of a `Blob`).
pub const ATTACHED_FILE: Model = Model {
    name: "AttachedFile",
    cb: "attachedfile",
    java_class: docs!("be.cytomine.domain.meta.AttachedFile"),
    doc: docs!("A file attached to a project, image or annotation; `file` is the Blob to upload."),
    label: "filename",
    fields: &[
        DOMAIN_FIELDS[0],
        DOMAIN_FIELDS[1],
        f("url", Str),
        f("filename", Str),
        f("key", Str),
    ],
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: false,
    },
    collection: Some(Collection {
        name: "AttachedFileCollection",
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationComment`: an annotation shared with project members, with a comment.
pub const ANNOTATION_COMMENT: Model = Model {
    name: "AnnotationComment",
    cb: "sharedannotation",
    java_class: docs!("be.cytomine.domain.processing.SharedAnnotation"),
    doc: docs!("A comment on an annotation sent to project members (`receivers`)."),
    label: "comment",
    fields: &[
        DOMAIN_FIELDS[0],
        DOMAIN_FIELDS[1],
        f("comment", Str),
        f("sender", Id),
        f("receivers", Ids),
        f("subject", Str),
        f("from", Str),
        f("annotationURL", Str),
        f("shareAnnotationURL", Str),
    ],
    uri: Uri::Templates {
        new: "{commentStem:str}/{domainIdent}/comment.json",
        existing: "{commentStem:str}/{domainIdent}/comment/{id}.json",
    },
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: true,
    },
    collection: Some(Collection {
        name: "AnnotationCommentCollection",
        cb: "comment",
        ..COLLECTION
    }),
    ..MODEL
};
