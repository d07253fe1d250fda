//! Tracks, image groups and annotation groups (contract §3.15-§3.16; cytomine-client §3 B, C, H).

use super::spec::{Ty::*, *};

const NO_UPDATE: Disabled = Disabled {
    fetch: false,
    update: true,
    delete: false,
};

/// `Track`.
pub const TRACK: Model = Model {
    name: "Track",
    cb: "track",
    java_class: docs!("be.cytomine.domain.ontology.Track"),
    doc: docs!("A named, coloured series of annotations through the slices of an image."),
    fields: &[
        f("name", Str),
        f("color", Str),
        f("image", Id),
        f("project", Id),
    ],
    collection: Some(Collection {
        name: "TrackCollection",
        filters: &["project", "imageinstance"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationTrack`: an annotation in a track.
pub const ANNOTATION_TRACK: Model = Model {
    name: "AnnotationTrack",
    cb: "annotationtrack",
    java_class: docs!("be.cytomine.domain.ontology.AnnotationTrack"),
    doc: docs!("An annotation in a track (`annotation` is sent as `annotationIdent`)."),
    label: "",
    fields: &[
        f("annotationClassName", Str),
        f("annotation", Id),
        f("annotationIdent", Id),
        f("track", Id),
        f("slice", Id),
    ],
    uri: Uri::Templates {
        new: "annotationtrack.json",
        existing: "annotationtrack/{annotation}/{track}.json",
    },
    disabled: NO_UPDATE,
    collection: Some(Collection {
        name: "AnnotationTrackCollection",
        filters: &["annotation", "track"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageGroup`.
pub const IMAGE_GROUP: Model = Model {
    name: "ImageGroup",
    cb: "imagegroup",
    java_class: docs!("be.cytomine.domain.image.ImageGroup"),
    doc: docs!("A named group of images of a project (e.g. serial sections)."),
    fields: &[
        f("name", Str),
        f("project", Id),
        f("imageInstances", Ts("Array<Record<string, any>>")),
        f("numberOfImages", Int),
    ],
    collection: Some(Collection {
        name: "ImageGroupCollection",
        filters: &["project"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageGroupImageInstance`: an image in a group.
pub const IMAGE_GROUP_IMAGE_INSTANCE: Model = Model {
    name: "ImageGroupImageInstance",
    cb: "imagegroupimageinstance",
    java_class: docs!("be.cytomine.domain.image.ImageGroupImageInstance"),
    doc: docs!("An image in an image group."),
    label: "",
    fields: &[f("group", Id), f("image", Id), f("groupName", Str)],
    uri: Uri::Templates {
        new: "imagegroup/{group}/imageinstance/{image}.json",
        existing: "imagegroup/{group}/imageinstance/{image}.json",
    },
    disabled: NO_UPDATE,
    collection: Some(Collection {
        name: "ImageGroupImageInstanceCollection",
        filters: &["imagegroup", "imageinstance"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationGroup`.
pub const ANNOTATION_GROUP: Model = Model {
    name: "AnnotationGroup",
    cb: "annotationgroup",
    java_class: docs!("be.cytomine.domain.ontology.AnnotationGroup"),
    doc: docs!("A group of annotations across the images of an image group."),
    label: "type",
    fields: &[f("imageGroup", Id), f("project", Id), f("type", Str)],
    methods: &[Method {
        name: "merge",
        http: "POST",
        path: "annotationgroup/{id}/annotationgroup/{toMerge}/merge.json",
        params: &[p("toMerge", Id, Place::Path, "")],
        returns: Returns::PopulateSelf("annotationgroup"),
        doc: docs!("Moves the annotations of group `toMerge` into this one and deletes it."),
        ..GET
    }],
    collection: Some(Collection {
        name: "AnnotationGroupCollection",
        filters: &["project", "imagegroup"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationLink`: an annotation in an annotation group.
pub const ANNOTATION_LINK: Model = Model {
    name: "AnnotationLink",
    cb: "annotationlink",
    java_class: docs!("be.cytomine.domain.ontology.AnnotationLink"),
    doc: docs!("An annotation in an annotation group (`annotation` is sent as `annotationIdent`)."),
    label: "",
    fields: &[
        f("annotationClassName", Str),
        f("annotation", Id),
        f("annotationIdent", Id),
        f("group", Id),
        f("image", Id),
    ],
    uri: Uri::Templates {
        new: "annotationlink.json",
        existing: "annotationgroup/{group}/annotation/{annotation}.json",
    },
    disabled: NO_UPDATE,
    collection: Some(Collection {
        name: "AnnotationLinkCollection",
        filters: &["annotation", "annotationgroup"],
        ..COLLECTION
    }),
    ..MODEL
};
