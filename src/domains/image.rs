//! Images: abstract images, image instances in projects and their slices (contract §3.5-§3.7).

use super::spec::{Args::Options, Place::*, Ty::*, *};

const IMAGE_FIELDS_COMMON: [Field; 18] = [
    f("filename", Str),
    f("originalFilename", Str),
    f("path", Str),
    f("contentType", Str),
    f("width", Int),
    f("height", Int),
    f("depth", Int),
    f("duration", Int),
    f("channels", Int),
    f("physicalSizeX", Num),
    f("physicalSizeY", Num),
    f("physicalSizeZ", Num),
    f("fps", Num),
    f("zoom", Int),
    f("magnification", Int),
    f("thumb", Str),
    f("preview", Str),
    f("macroURL", Str),
];

/// `AbstractImage`.
pub const ABSTRACT_IMAGE: Model = Model {
    name: "AbstractImage",
    cb: "abstractimage",
    java_class: "be.cytomine.domain.image.AbstractImage",
    doc: "An image file as uploaded, independent of projects.",
    label: "originalFilename",
    fields: &{
        let mut all = [f("", Str); 20];
        let mut i = 0;
        while i < IMAGE_FIELDS_COMMON.len() {
            all[i] = IMAGE_FIELDS_COMMON[i];
            i += 1;
        }
        all[18] = f("uploadedFile", Id);
        all[19] = f("inProject", Bool);
        all
    },
    methods: &[Method {
        name: "fetchUploader",
        path: "abstractimage/{id}/user.json",
        returns: Returns::Model("User", ""),
        doc: "The user who uploaded the image.",
        ..GET
    }],
    collection: Some(Collection {
        name: "AbstractImageCollection",
        props: &[f("project", Id)],
        methods: &[Method {
            name: "fetchUnused",
            is_static: true,
            path: "abstractimage/unused.json",
            returns: Returns::Member("collection"),
            doc: "Abstract images in no project.",
            ..GET
        }],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageInstance`: an abstract image added to a project.
pub const IMAGE_INSTANCE: Model = Model {
    name: "ImageInstance",
    cb: "imageinstance",
    java_class: "be.cytomine.domain.image.ImageInstance",
    doc: "An image in a project, with its annotation counts and review state.",
    label: "instanceFilename",
    fields: &{
        let mut all = [f("", Str); 30];
        let mut i = 0;
        while i < IMAGE_FIELDS_COMMON.len() {
            all[i] = IMAGE_FIELDS_COMMON[i];
            i += 1;
        }
        all[18] = f("baseImage", Id);
        all[19] = f("project", Id);
        all[20] = f("user", Id);
        all[21] = f("instanceFilename", Str);
        all[22] = f("blindedName", Str);
        all[23] = f("numberOfAnnotations", Int);
        all[24] = f("numberOfReviewedAnnotations", Int);
        all[25] = f("reviewStart", Millis);
        all[26] = f("reviewStop", Millis);
        all[27] = f("reviewUser", Id);
        all[28] = f("reviewed", Bool);
        all[29] = f("inReview", Bool);
        all
    },
    methods: &[
        Method {
            name: "fetchNext",
            path: "imageinstance/{id}/next.json",
            returns: Returns::Model("ImageInstance", ""),
            doc: "The next image of the project (an empty model when none).",
            ..GET
        },
        Method {
            name: "fetchPrevious",
            path: "imageinstance/{id}/previous.json",
            returns: Returns::Model("ImageInstance", ""),
            doc: "The previous image of the project (an empty model when none).",
            ..GET
        },
        Method {
            name: "fetchReferenceSlice",
            path: "imageinstance/{id}/sliceinstance/reference.json",
            returns: Returns::Model("SliceInstance", ""),
            doc: "The slice shown by default.",
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "ImageInstanceCollection",
        filters: &["project", "user", "imagegroup"],
        props: &[
            f("withLastActivity", Bool),
            f("light", Bool),
            f("sort", Str),
            f("order", Ts("'asc' | 'desc'")),
        ],
        methods: &[
            Method {
                name: "fetchAllLight",
                is_static: true,
                path: "user/0/imageinstance/light.json",
                args: Options,
                params: &[p("max", Int, Query, "0"), p("offset", Int, Query, "0")],
                returns: Returns::Member("collection"),
                doc: "All images the current user can open, as `{id, instanceFilename}`.",
                ..GET
            },
            Method {
                name: "fetchBounds",
                is_static: true,
                path: "project/{project}/bounds/imageinstance.json",
                args: Options,
                params: &[p("project", Id, Path, "")],
                doc: "Min/max of the image list's numeric columns in a project.",
                ..GET
            },
        ],
        ..COLLECTION
    }),
    ..MODEL
};

/// `SliceInstance`.
pub const SLICE_INSTANCE: Model = Model {
    name: "SliceInstance",
    cb: "sliceinstance",
    java_class: "be.cytomine.domain.image.SliceInstance",
    doc: "One channel / z-stack / time slice of an image instance.",
    label: "path",
    fields: &[
        f("uploadedFile", Id),
        f("project", Id),
        f("baseSlice", Id),
        f("image", Id),
        f("path", Str),
        f("mime", Str),
        f("channel", Int),
        f("zStack", Int),
        f("time", Int),
        f("rank", Int),
    ],
    collection: Some(Collection {
        name: "SliceInstanceCollection",
        filters: &["imageinstance"],
        ..COLLECTION
    }),
    ..MODEL
};
