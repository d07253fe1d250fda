//! Annotations and the terms attached to them (contract §3.8, §3.10, §4, §5).

use super::spec::{Place::*, Ty::*, *};

/// `Annotation` (a UserAnnotation on the server).
pub const ANNOTATION: Model = Model {
    name: "Annotation",
    cb: "annotation",
    java_class: docs!("be.cytomine.domain.ontology.UserAnnotation"),
    doc: docs!("A geometry drawn on an image (WKT in pixel coordinates), with terms."),
    label: "",
    fields: &[
        f("project", Id),
        f("image", Id),
        f("slice", Id),
        f("user", Id),
        f("location", Str),
        f("geometryCompression", Num),
        f("centroid", Ts("{ x: number; y: number }")),
        f("area", Num),
        f("areaUnit", Str),
        f("perimeter", Num),
        f("perimeterUnit", Str),
        f("reviewed", Bool),
        f("parentIdent", Id),
        f("term", Ids),
        f("imageURL", Str),
        f("cropURL", Str),
        f("smallCropURL", Str),
    ],
    methods: &[
        Method {
            name: "fill",
            http: "POST",
            path: "annotation/{id}/fill.json",
            returns: Returns::PopulateSelf("annotation"),
            sets_last_command: true,
            doc: docs!("Fills the holes of the geometry."),
            ..GET
        },
        Method {
            name: "review",
            http: "PUT",
            path: "annotation/{id}/review.json",
            params: &[p("terms", Ids, Body, "")],
            returns: Returns::Model("Annotation", "reviewedannotation"),
            sets_last_command: true,
            doc: docs!("Accepts the annotation in review (with `terms`); resolves to the reviewed annotation."),
            ..GET
        },
        Method {
            name: "cancelReview",
            http: "DELETE",
            path: "annotation/{id}/review.json",
            returns: Returns::Nothing,
            doc: docs!("Withdraws the review of the annotation."),
            ..GET
        },
        Method {
            name: "repeat",
            http: "POST",
            path: "userannotation/{id}/repeat.json",
            params: &[p("slice", Id, Body, ""), p("repeat", Int, Body, "")],
            doc: docs!("Copies the annotation onto the following `repeat` slices from `slice`."),
            ..GET
        },
        Method {
            name: "simplify",
            http: "PUT",
            path: "annotation/{id}/simplify.json",
            params: &[p("minPoint", Int, Query, ""), p("maxPoint", Int, Query, "")],
            returns: Returns::PopulateSelf(""),
            doc: docs!("Simplifies the geometry to between `minPoint` and `maxPoint` points."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "AnnotationCollection",
        post_search: "annotation/search.json",
        defaults: &[("showDefault", "true")],
        props: &[
            f("showDefault", Bool),
            f("showBasic", Bool),
            f("showMeta", Bool),
            f("showWKT", Bool),
            f("showGIS", Bool),
            f("showTerm", Bool),
            f("showAlgo", Bool),
            f("showUser", Bool),
            f("showImage", Bool),
            f("showSlice", Bool),
            f("showTrack", Bool),
            f("hideBasic", Bool),
            f("hideMeta", Bool),
            f("hideWKT", Bool),
            f("hideGIS", Bool),
            f("hideTerm", Bool),
            f("reviewed", Bool),
            f("notReviewedOnly", Bool),
            f("reviewUsers", Ids),
            f("project", Id),
            f("image", Id),
            f("images", Ids),
            f("slice", Id),
            f("slices", Ids),
            f("user", Id),
            f("users", Ids),
            f("includeAlgo", Bool),
            f("kmeans", Bool),
            f("term", Id),
            f("terms", Ids),
            f("suggestedTerm", Id),
            f("userForTermAlgo", Id),
            f("noTerm", Bool),
            f("noAlgoTerm", Bool),
            f("multipleTerm", Bool),
            f("tag", Id),
            f("tags", Ids),
            f("noTag", Bool),
            f("bbox", Str),
            f("bboxAnnotation", Id),
            f("baseAnnotation", Ts("number | string")),
            f("maxDistanceBaseAnnotation", Num),
            f("afterThan", Ts("number | string")),
            f("beforeThan", Ts("number | string")),
        ],
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationTerm`: a term put on an annotation by a user.
pub const ANNOTATION_TERM: Model = Model {
    name: "AnnotationTerm",
    cb: "annotationterm",
    java_class: docs!("be.cytomine.domain.ontology.AnnotationTerm"),
    doc: docs!("The association of a term with an annotation, by a user."),
    label: "term",
    fields: &[
        f("annotation", Id),
        f("userannotation", Id),
        f("term", Id),
        f("user", Id),
    ],
    uri: Uri::Templates {
        new: "annotation/{annotation}/term/{term}.json",
        existing: "annotation/{annotation}/term/{term}.json",
    },
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: false,
    },
    collection: Some(Collection {
        name: "AnnotationTermCollection",
        filters: &["annotation"],
        cb: "term",
        ..COLLECTION
    }),
    ..MODEL
};

/// `AnnotationType`.
pub const ANNOTATION_TYPE: Enum = Enum {
    name: "AnnotationType",
    members: &[
        ("ALGO", "\"AlgoAnnotation\""),
        ("USER", "\"UserAnnotation\""),
        ("REVIEWED", "\"ReviewedAnnotation\""),
        ("ROI", "\"RoiAnnotation\""),
    ],
};
