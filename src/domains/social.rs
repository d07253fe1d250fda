//! Project connections, image consultations and user positions (contract §3.20; cytomine-client
//! §3 notes G, J and §3.8). Their saves answer the object itself, not a command response.

use super::spec::{Args::Options, Place::*, Ty::*, *};

const NOTHING_BUT_SAVE: Disabled = Disabled {
    fetch: true,
    update: true,
    delete: true,
};

const PERIOD: &[Param] = &[
    p("project", Id, Query, ""),
    p("user", Id, Query, ""),
    p("afterThan", Ts("number | string"), Query, ""),
    p("beforeThan", Ts("number | string"), Query, ""),
    p("period", Ts("'hour' | 'day' | 'week'"), Query, "\"hour\""),
];

/// `ProjectConnection`: a user opening a project.
pub const PROJECT_CONNECTION: Model = Model {
    name: "ProjectConnection",
    cb: "userconnection",
    java_class: docs!("be.cytomine.domain.social.PersistentProjectConnection"),
    doc: docs!("A user opening a project (browser and OS filled in on save)."),
    label: "",
    fields: &[
        f("user", Id),
        f("project", Id),
        f("time", Int),
        f("os", Str),
        f("browser", Str),
        f("browserVersion", Str),
        f("countViewedImages", Int),
        f("countCreatedAnnotations", Int),
        f("online", Bool),
    ],
    uri: Uri::Templates {
        new: "project/{project}/userconnection.json",
        existing: "project/{project}/userconnection.json",
    },
    disabled: NOTHING_BUT_SAVE,
    collection: Some(Collection {
        name: "ProjectConnectionCollection",
        filters: &["project"],
        props: &[f("user", Id), f("project", Id)],
        uri: "project/{project}/connectionHistory/{user}.json",
        methods: &[Method {
            name: "fetchAverageConnections",
            is_static: true,
            path: "averageConnections.json",
            params: PERIOD,
            args: Options,
            returns: Returns::Member("collection"),
            doc: docs!("Average number of connections per hour of the day (or weekday)."),
            ..GET
        }],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageConsultation`: a user opening an image.
pub const IMAGE_CONSULTATION: Model = Model {
    name: "ImageConsultation",
    cb: "imageconsultation",
    java_class: docs!("be.cytomine.domain.social.PersistentImageConsultation"),
    doc: docs!("A user opening an image (`mode` defaults to 'view')."),
    label: "imageName",
    fields: &[
        f("user", Id),
        f("project", Id),
        f("projectConnection", Id),
        f("image", Id),
        f("imageName", Str),
        f("imageThumb", Str),
        f("time", Int),
        f("mode", Str),
    ],
    uri: Uri::Templates {
        new: "imageinstance/{image}/consultation.json",
        existing: "imageinstance/{image}/consultation.json",
    },
    disabled: NOTHING_BUT_SAVE,
    collection: Some(Collection {
        name: "ImageConsultationCollection",
        props: &[
            f("resume", Bool),
            f("project", Id),
            f("user", Id),
            f("projectConnection", Id),
        ],
        ..COLLECTION
    }),
    ..MODEL
};

/// `UserPosition`: the viewport of a user on an image.
pub const USER_POSITION: Model = Model {
    name: "UserPosition",
    cb: "userposition",
    java_class: docs!("be.cytomine.domain.social.PersistentUserPosition"),
    doc: docs!("The viewport of a user on an image; created with `UserPosition.create`."),
    label: "",
    fields: &[
        f("user", Id),
        f("image", Id),
        f("slice", Id),
        f("project", Id),
        f("location", Str),
        f("x", Num),
        f("y", Num),
        f("zoom", Int),
        f("rotation", Num),
        f("broadcast", Bool),
    ],
    disabled: NOTHING_BUT_SAVE,
    methods: &[Method {
        name: "fetchLastPosition",
        is_static: true,
        path: "imageinstance/{image}/position/{user}.json",
        params: &[
            p("image", Id, Path, ""),
            p("user", Id, Path, ""),
            p("broadcast", Bool, Query, ""),
        ],
        returns: Returns::Model("UserPosition", ""),
        doc: docs!(
            "The last position of `user` on `image` (only broadcast ones with `broadcast`)."
        ),
        ..GET
    }],
    collection: Some(Collection {
        name: "UserPositionCollection",
        filters: &["imageinstance"],
        cb: "positions",
        props: &[
            f("user", Id),
            f("afterThan", Ts("number | string")),
            f("beforeThan", Ts("number | string")),
            f("showDetails", Bool),
        ],
        defaults: &[("showDetails", "true")],
        ..COLLECTION
    }),
    ..MODEL
};
