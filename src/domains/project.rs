//! Projects and their members (contract §3.1).

use super::spec::{Args::Options, Place::*, Ty::*, *};

const DATES: &[Param] = &[
    p("startDate", Ts("number"), Query, ""),
    p("endDate", Ts("number"), Query, ""),
];

const EVOLUTION: &[Param] = &[
    p("startDate", Ts("number"), Query, ""),
    p("endDate", Ts("number"), Query, ""),
    p("daysRange", Int, Query, ""),
    p("accumulate", Bool, Query, ""),
];

/// `Project`.
pub const PROJECT: Model = Model {
    name: "Project",
    cb: "project",
    java_class: docs!("be.cytomine.domain.project.Project"),
    doc: docs!("A Cytomine project: images, annotations and members sharing an ontology."),
    fields: &[
        f("name", Str),
        f("ontology", Id),
        f("ontologyName", Str),
        f("blindMode", Bool),
        f("areImagesDownloadable", Bool),
        f("numberOfSlides", Int),
        f("numberOfImages", Int),
        f("numberOfAnnotations", Int),
        f("numberOfJobAnnotations", Int),
        f("numberOfReviewedAnnotations", Int),
        f("isClosed", Bool),
        f("isReadOnly", Bool),
        f("isRestricted", Bool),
        f("hideUsersLayers", Bool),
        f("hideAdminsLayers", Bool),
        // Initialised (null) by cytomine-client's Project (retrieval settings of older cores).
        f("retrievalDisable", Bool),
        f("retrievalAllOntology", Bool),
        f("retrievalProjects", Ids),
    ],
    methods: &[
        Method {
            name: "fetchCreator",
            path: "project/{id}/creator.json",
            returns: Returns::Model("User", "collection.0"),
            doc: docs!("The user who created the project."),
            ..GET
        },
        Method {
            name: "fetchUsers",
            path: "project/{id}/user.json",
            params: &[p("online", Bool, Query, "")],
            returns: Returns::Collection("UserCollection"),
            doc: docs!("The project's members (each with its `role`)."),
            ..GET
        },
        Method {
            name: "fetchConnectedUsers",
            path: "project/{id}/online/user.json",
            returns: Returns::Member("collection"),
            doc: docs!("Ids of the members online now."),
            ..GET
        },
        Method {
            name: "fetchAdministrators",
            path: "project/{id}/admin.json",
            returns: Returns::Collection("UserCollection"),
            doc: docs!("The project's managers."),
            ..GET
        },
        Method {
            name: "fetchRepresentatives",
            path: "project/{id}/users/representative.json",
            returns: Returns::Collection("UserCollection"),
            doc: docs!("The project's representatives."),
            ..GET
        },
        Method {
            name: "fetchUserLayers",
            path: "project/{id}/userlayer.json",
            params: &[p("image", Id, Query, "")],
            returns: Returns::Collection("UserCollection"),
            doc: docs!("Users whose annotation layers can be shown."),
            ..GET
        },
        Method {
            name: "fetchUsersActivity",
            path: "project/{id}/usersActivity.json",
            returns: Returns::Collection("UserCollection"),
            doc: docs!("Members with their last activity."),
            ..GET
        },
        Method {
            name: "addUser",
            http: "POST",
            path: "project/{id}/user/{user}.json",
            params: &[p("user", Id, Path, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Adds a member (contributor)."),
            ..GET
        },
        Method {
            name: "addUsers",
            http: "POST",
            path: "project/{id}/user.json",
            params: &[p("users", Ids, Query, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Adds several members."),
            ..GET
        },
        Method {
            name: "deleteUser",
            http: "DELETE",
            path: "project/{id}/user/{user}.json",
            params: &[p("user", Id, Path, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Removes a member."),
            ..GET
        },
        Method {
            name: "deleteUsers",
            http: "DELETE",
            path: "project/{id}/user.json",
            params: &[p("users", Ids, Query, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Removes several members."),
            ..GET
        },
        Method {
            name: "addAdmin",
            http: "POST",
            path: "project/{id}/user/{user}/admin.json",
            params: &[p("user", Id, Path, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Makes a member a manager."),
            ..GET
        },
        Method {
            name: "deleteAdmin",
            http: "DELETE",
            path: "project/{id}/user/{user}/admin.json",
            params: &[p("user", Id, Path, "")],
            returns: Returns::Nothing,
            sets_last_command: true,
            doc: docs!("Removes a manager's rights."),
            ..GET
        },
        Method {
            name: "fetchCommandHistory",
            path: "project/{id}/commandhistory.json",
            args: Options,
            params: &[
                p("max", Int, Query, ""),
                p("offset", Int, Query, ""),
                p("user", Id, Query, ""),
                p("fullData", Bool, Query, ""),
                p("startDate", Ts("number"), Query, ""),
                p("endDate", Ts("number"), Query, ""),
            ],
            doc: docs!("The project's command history (a bare array)."),
            ..GET
        },
        Method {
            name: "fetchNbConnections",
            path: "project/{id}/userconnection/count.json",
            args: Options,
            params: DATES,
            returns: Returns::Member("total"),
            doc: docs!("Number of connections to the project, optionally between two dates."),
            ..GET
        },
        Method {
            name: "fetchNbImageConsultations",
            path: "project/{id}/imageconsultation/count.json",
            args: Options,
            params: DATES,
            returns: Returns::Member("total"),
            doc: docs!("Number of image consultations in the project."),
            ..GET
        },
        Method {
            name: "fetchNbAnnotationActions",
            path: "project/{id}/annotation_action/count.json",
            args: Options,
            params: &[DATES[0], DATES[1], p("type", Str, Query, "")],
            returns: Returns::Member("total"),
            doc: docs!("Number of annotation actions (`select`...) in the project."),
            ..GET
        },
        Method {
            name: "fetchConnectionsEvolution",
            path: "project/{id}/stats/connectionsevolution.json",
            args: Options,
            params: EVOLUTION,
            returns: Returns::Member("collection"),
            doc: docs!("Connections per period."),
            ..GET
        },
        Method {
            name: "fetchImageConsultationsEvolution",
            path: "project/{id}/stats/imageconsultationsevolution.json",
            args: Options,
            params: EVOLUTION,
            returns: Returns::Member("collection"),
            doc: docs!("Image consultations per period."),
            ..GET
        },
        Method {
            name: "fetchAnnotationActionsEvolution",
            path: "project/{id}/stats/annotationactionsevolution.json",
            args: Options,
            params: &[
                EVOLUTION[0],
                EVOLUTION[1],
                EVOLUTION[2],
                EVOLUTION[3],
                p("type", Str, Query, ""),
            ],
            returns: Returns::Member("collection"),
            doc: docs!("Annotation actions per period."),
            ..GET
        },
        Method {
            name: "fetchStatsTerms",
            path: "project/{id}/stats/term.json",
            args: Options,
            params: &[DATES[0], DATES[1], p("leafsOnly", Bool, Query, "")],
            returns: Returns::Member("collection"),
            doc: docs!("Number of annotations per term."),
            ..GET
        },
        Method {
            name: "fetchStatsAnnotatedImagesByTerm",
            path: "project/{id}/stats/termslide.json",
            args: Options,
            params: DATES,
            returns: Returns::Member("collection"),
            doc: docs!("Number of images annotated with each term."),
            ..GET
        },
        Method {
            name: "fetchStatsAnnotationCreators",
            path: "project/{id}/stats/user.json",
            args: Options,
            params: DATES,
            returns: Returns::Member("collection"),
            doc: docs!("Number of annotations per creator."),
            ..GET
        },
        Method {
            name: "fetchStatsAnnotatedImagesByCreator",
            path: "project/{id}/stats/userslide.json",
            args: Options,
            params: DATES,
            returns: Returns::Member("collection"),
            doc: docs!("Number of images annotated by each user."),
            ..GET
        },
        Method {
            name: "fetchUIConfig",
            path: "/custom-ui/project/{id}.json",
            doc: docs!("The project's UI configuration (`{property: {ADMIN_PROJECT, CONTRIBUTOR_PROJECT}}`)."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "ProjectCollection",
        filters: &["", "user", "ontology"],
        props: &[
            f("light", Bool),
            f("admin", Bool),
            f("withLastActivity", Bool),
            f("withMembersCount", Bool),
            f("withDescription", Bool),
            f("withCurrentUserRoles", Bool),
            f("sort", Str),
            f("order", Ts("'asc' | 'desc'")),
        ],
        methods: &[
            Method {
                name: "fetchLastOpened",
                is_static: true,
                path: "project/method/lastopened.json",
                params: &[p("max", Int, Query, "0"), p("offset", Int, Query, "0")],
                returns: Returns::Member("collection"),
                doc: docs!("Projects the current user opened last."),
                ..GET
            },
            Method {
                name: "fetchBounds",
                is_static: true,
                path: "bounds/project.json",
                args: Options,
                params: &[p("withMembersCount", Bool, Query, "true")],
                doc: docs!("Min/max of the project list's numeric columns."),
                ..GET
            },
        ],
        ..COLLECTION
    }),
    ..MODEL
};

/// `ProjectMemberRole`.
pub const PROJECT_MEMBER_ROLE: Enum = Enum {
    name: "ProjectMemberRole",
    members: &[
        ("CONTRIBUTOR", "\"contributor\""),
        ("MANAGER", "\"manager\""),
        ("REPRESENTATIVE", "\"representative\""),
    ],
};
