//! Users (contract §3.9; the 5.2 user JSON is `{id, username, name, fullName}`).

use super::spec::{Place::*, Ty::*, *};

/// `User`.
pub const USER: Model = Model {
    name: "User",
    cb: "user",
    java_class: "be.cytomine.domain.security.User",
    doc: "A Cytomine user.",
    label: "username",
    fields: &[
        f("username", Str),
        f("name", Str),
        f("fullName", Str),
        f("firstname", Str),
        f("lastname", Str),
        f("email", Str),
        f("role", Str),
    ],
    methods: &[
        Method {
            name: "fetchCurrent",
            is_static: true,
            path: "user/current.json",
            returns: Returns::Model("User", ""),
            doc: "The authenticated user.",
            ..GET
        },
        Method {
            name: "fetchFriends",
            path: "user/{id}/friends.json",
            params: &[p("project", Id, Query, ""), p("offline", Bool, Query, "")],
            returns: Returns::Collection("UserCollection"),
            doc: "Users sharing a project with this user.",
            ..GET
        },
        Method {
            name: "fetchResumeActivity",
            path: "project/{project}/resumeActivity/{id}.json",
            params: &[p("project", Id, Path, "")],
            doc: "First/last connection and counts of this user in a project.",
            ..GET
        },
        Method {
            name: "fetchNbAnnotations",
            path: "user/{id}/userannotation/count.json",
            params: &[p("project", Id, Query, "")],
            returns: Returns::Member("total"),
            doc: "Number of annotations of this user, optionally in one project.",
            ..GET
        },
        Method {
            name: "fetchCurrentUserKeys",
            is_static: true,
            path: "user/current/keys",
            doc: "The current user's API keys (`primaryKey`, `secondaryKey`).",
            ..GET
        },
        Method {
            name: "regenerateKeys",
            is_static: true,
            http: "POST",
            path: "user/current/keys",
            doc: "Replaces the current user's API keys and returns the new ones.",
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "UserCollection",
        filters: &["", "project", "ontology"],
        props: &[f("sort", Str), f("order", Ts("'asc' | 'desc'"))],
        ..COLLECTION
    }),
    ..MODEL
};
