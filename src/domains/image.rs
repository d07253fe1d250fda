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

const NBINS: &[Param] = &[p("nBins", Int, Query, "")];

/// `AbstractImage`.
pub const ABSTRACT_IMAGE: Model = Model {
    name: "AbstractImage",
    cb: "abstractimage",
    java_class: docs!("be.cytomine.domain.image.AbstractImage"),
    doc: docs!("An image file as uploaded, independent of projects."),
    label: "originalFilename",
    fields: &{
        let mut all = [f("", Str); 24];
        let mut i = 0;
        while i < IMAGE_FIELDS_COMMON.len() {
            all[i] = IMAGE_FIELDS_COMMON[i];
            i += 1;
        }
        all[18] = f("uploadedFile", Id);
        all[19] = f("inProject", Bool);
        // Initialised (null) by cytomine-client's AbstractImage, not sent by core 5.2.
        all[20] = f("scanner", Id);
        all[21] = f("sample", Id);
        all[22] = f("time", Num);
        all[23] = f("resolution", Num);
        all
    },
    methods: &[
        Method {
            name: "fetchUploader",
            path: "abstractimage/{id}/user.json",
            returns: Returns::Model("User", ""),
            doc: docs!("The user who uploaded the image."),
            ..GET
        },
        Method {
            name: "fetchImageServers",
            path: "abstractimage/{id}/imageservers.json",
            returns: Returns::Member("imageServersURLs"),
            doc: docs!("URLs of the image servers serving the image."),
            ..GET
        },
        Method {
            name: "fetchHistogramStats",
            path: "abstractimage/{id}/histogram/stats.json",
            returns: Returns::Member("collection"),
            doc: docs!("Histogram statistics per channel."),
            ..GET
        },
        Method {
            name: "extractHistogram",
            http: "POST",
            path: "abstractimage/{id}/histogram/extract.json",
            returns: Returns::PopulateSelf(""),
            doc: docs!("Asks the server to compute the image's histograms."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "AbstractImageCollection",
        props: &[f("project", Id)],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageInstance`: an abstract image added to a project.
pub const IMAGE_INSTANCE: Model = Model {
    name: "ImageInstance",
    cb: "imageinstance",
    java_class: docs!("be.cytomine.domain.image.ImageInstance"),
    doc: docs!("An image in a project, with its annotation counts and review state."),
    label: "instanceFilename",
    fields: &{
        let mut all = [f("", Str); 33];
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
        // Initialised (null) by cytomine-client's ImageInstance, not sent by core 5.2.
        all[30] = f("sample", Id);
        all[31] = f("time", Num);
        all[32] = f("resolution", Num);
        all
    },
    methods: &[
        Method {
            name: "fetchNext",
            path: "imageinstance/{id}/next.json",
            returns: Returns::Model("ImageInstance", ""),
            doc: docs!("The next image of the project (an empty model when none)."),
            ..GET
        },
        Method {
            name: "fetchPrevious",
            path: "imageinstance/{id}/previous.json",
            returns: Returns::Model("ImageInstance", ""),
            doc: docs!("The previous image of the project (an empty model when none)."),
            ..GET
        },
        Method {
            name: "fetchReferenceSlice",
            path: "imageinstance/{id}/sliceinstance/reference.json",
            returns: Returns::Model("SliceInstance", ""),
            doc: docs!("The slice shown by default."),
            ..GET
        },
        Method {
            name: "fetchConnectedUsers",
            path: "imageinstance/{id}/online.json",
            params: &[p("broadcast", Bool, Query, "")],
            returns: Returns::Member("users"),
            doc: docs!(
                "Ids of the users looking at the image now (broadcasting only with `broadcast`)."
            ),
            ..GET
        },
        Method {
            name: "fetchLayersInOtherProjects",
            path: "imageinstance/{id}/sameimagedata.json",
            params: &[p("project", Id, Query, "")],
            returns: Returns::Member("collection"),
            doc: docs!("Annotation layers of the same abstract image in other projects."),
            ..GET
        },
        Method {
            name: "fetchAnnotationsIndex",
            path: "imageinstance/{id}/annotationindex.json",
            returns: Returns::Member("collection"),
            doc: docs!("Number of annotations per user and slice."),
            ..GET
        },
        Method {
            name: "copyMetadata",
            http: "POST",
            path: "imageinstance/{id}/copymetadata.json",
            params: &[p("based", Id, Query, "")],
            returns: Returns::Nothing,
            doc: docs!("Copies the properties of another image instance (`based`) onto this one."),
            ..GET
        },
        Method {
            name: "review",
            http: "PUT",
            path: "imageinstance/{id}/review.json",
            returns: Returns::PopulateSelf("imageinstance"),
            sets_last_command: true,
            doc: docs!("Starts reviewing the image."),
            ..GET
        },
        Method {
            name: "stopReview",
            http: "DELETE",
            path: "imageinstance/{id}/review.json",
            params: &[p("cancel", Bool, Query, "false")],
            returns: Returns::PopulateSelf("imageinstance"),
            doc: docs!("Ends the review (validates it, or cancels it with `cancel`)."),
            ..GET
        },
        Method {
            name: "fetchReviewStatistics",
            path: "imageinstance/{id}/reviewedannotation/stats.json",
            returns: Returns::Member("collection"),
            doc: docs!("Reviewed annotations per user."),
            ..GET
        },
        Method {
            name: "fetchHistogram",
            path: "imageinstance/{id}/histogram.json",
            args: Options,
            params: NBINS,
            doc: docs!("The image histogram (the whole answer, as cytomine-client)."),
            ..GET
        },
        Method {
            name: "fetchHistogramBounds",
            path: "imageinstance/{id}/histogram/bounds.json",
            doc: docs!("Min/max of the image histogram (the whole answer)."),
            ..GET
        },
        Method {
            name: "fetchChannelHistograms",
            path: "imageinstance/{id}/channelhistogram.json",
            args: Options,
            params: NBINS,
            returns: Returns::Member("collection"),
            doc: docs!("One histogram per channel."),
            ..GET
        },
        Method {
            name: "fetchChannelHistogramBounds",
            path: "imageinstance/{id}/channelhistogram/bounds.json",
            returns: Returns::Member("collection"),
            doc: docs!("Min/max per channel."),
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
                doc: docs!("All images the current user can open, as `{id, instanceFilename}`."),
                ..GET
            },
            Method {
                name: "fetchBounds",
                is_static: true,
                path: "project/{project}/bounds/imageinstance.json",
                args: Options,
                params: &[p("project", Id, Path, "")],
                doc: docs!("Min/max of the image list's numeric columns in a project."),
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
    java_class: docs!("be.cytomine.domain.image.SliceInstance"),
    doc: docs!("One channel / z-stack / time slice of an image instance."),
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
    methods: &[
        Method {
            name: "fetchAnnotationsIndex",
            path: "sliceinstance/{id}/annotationindex.json",
            returns: Returns::Member("collection"),
            doc: docs!("Number of annotations per user on this slice."),
            ..GET
        },
        Method {
            name: "fetchHistogram",
            path: "sliceinstance/{id}/histogram.json",
            args: Options,
            params: NBINS,
            returns: Returns::Member("collection"),
            doc: docs!("The slice histogram."),
            ..GET
        },
        Method {
            name: "fetchHistogramBounds",
            path: "sliceinstance/{id}/histogram/bounds.json",
            returns: Returns::Member("collection"),
            doc: docs!("Min/max of the slice histogram."),
            ..GET
        },
        Method {
            name: "fetchChannelHistograms",
            path: "sliceinstance/{id}/channelhistogram.json",
            args: Options,
            params: NBINS,
            returns: Returns::Member("collection"),
            doc: docs!("One histogram per channel of the slice."),
            ..GET
        },
        Method {
            name: "fetchChannelHistogramBounds",
            path: "sliceinstance/{id}/channelhistogram/bounds.json",
            returns: Returns::Member("collection"),
            doc: docs!("Min/max per channel of the slice."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "SliceInstanceCollection",
        filters: &["imageinstance"],
        ..COLLECTION
    }),
    ..MODEL
};
