//! Users (contract §3.9; the 5.2 user JSON is `{id, username, name, fullName}`).

use super::spec::{Place::*, Ty::*, *};

/// `User`.
pub const USER: Model = Model {
    name: "User",
    cb: "user",
    java_class: docs!("be.cytomine.domain.security.User"),
    doc: docs!("A Cytomine user."),
    label: "username",
    fields: &[
        f("username", Str),
        f("name", Str),
        f("fullName", Str),
        f("firstname", Str),
        f("lastname", Str),
        f("email", Str),
        f("role", Str),
        // Today's core (delta §3.4): current user and lists add these; `user/{id}.json` is a
        // repository record with `roles` and `publicKey` (its `privateKey` is not kept).
        f("language", Str),
        f("isDeveloper", Bool),
        f("origin", Str),
        f("roles", Ts("Array<Record<string, unknown>>")),
        f("publicKey", Str),
        f("dataType", Str),
    ],
    methods: &[
        Method {
            name: "fetchCurrent",
            is_static: true,
            path: "user/current.json",
            returns: Returns::Model("User", ""),
            doc: docs!("The authenticated user."),
            ..GET
        },
        Method {
            name: "fetchFriends",
            path: "user/{id}/friends.json",
            params: &[p("project", Id, Query, ""), p("offline", Bool, Query, "")],
            returns: Returns::Collection("UserCollection"),
            doc: docs!("Users sharing a project with this user."),
            ..GET
        },
        Method {
            name: "fetchResumeActivity",
            path: "project/{project}/resumeActivity/{id}.json",
            params: &[p("project", Id, Path, "")],
            doc: docs!("First/last connection and counts of this user in a project."),
            ..GET
        },
        Method {
            name: "fetchCurrentUserKeys",
            is_static: true,
            path: "user/current/keys",
            doc: docs!("The current user's API keys (`primaryKey`, `secondaryKey`)."),
            ..GET
        },
        Method {
            name: "regenerateKeys",
            is_static: true,
            http: "POST",
            path: "user/current/keys",
            doc: docs!("Replaces the current user's API keys and returns the new ones."),
            ..GET
        },
        Method {
            name: "lock",
            http: "POST",
            path: "user/{id}/lock.json",
            returns: Returns::PopulateSelf("user"),
            doc: docs!("Locks the account (admin)."),
            ..GET
        },
        Method {
            name: "unlock",
            http: "DELETE",
            path: "user/{id}/lock.json",
            returns: Returns::PopulateSelf("user"),
            doc: docs!("Unlocks the account (admin)."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "UserCollection",
        filters: &["", "project", "ontology"],
        props: &[f("sort", Str), f("order", Ts("'asc' | 'desc'"))],
        methods: &[Method {
            name: "fetchFollowers",
            is_static: true,
            path: "imageinstance/{image}/followers/{user}.json",
            params: &[p("user", Id, Path, ""), p("image", Id, Path, "")],
            returns: Returns::Member("collection"),
            doc: docs!("Ids of the users following `user` on image `image`."),
            ..GET
        }],
        ..COLLECTION
    }),
    ..MODEL
};

/// `Role`.
pub const ROLE: Model = Model {
    name: "Role",
    cb: "role",
    java_class: docs!("be.cytomine.domain.security.SecRole"),
    doc: docs!("A security role (`ROLE_USER`, `ROLE_ADMIN`...)."),
    label: "authority",
    fields: &[f("authority", Str), f("dataType", Str)],
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: true,
    },
    collection: Some(Collection {
        name: "RoleCollection",
        ..COLLECTION
    }),
    repository: Some(REPOSITORY),
    ..MODEL
};

/// `MyAccount`: the current user's account in the IAM (Keycloak), not in core.
pub const MY_ACCOUNT: Model = Model {
    name: "MyAccount",
    cb: "account",
    doc: docs!("The current user's IAM account (`{iamUrl}account`; `iamUrl` defaults to `{host}/iam/realms/cytomine/`)."),
    label: "username",
    fields: &[
        f("username", Str),
        f("email", Str),
        f("firstName", Str),
        f("lastName", Str),
        f("locale", Str),
        f("isDeveloper", Bool),
        f("attributes", Ts("Record<string, string[]>")),
    ],
    uri: Uri::Templates {
        new: "/iam/realms/cytomine/account",
        existing: "/iam/realms/cytomine/account",
    },
    disabled: Disabled {
        fetch: false,
        update: false,
        delete: true,
    },
    methods: &[Method {
        name: "fetchCredentials",
        is_static: true,
        path: "/iam/realms/cytomine/account/credentials",
        doc: docs!("The credentials (password...) of the current user's IAM account."),
        ..GET
    }],
    ..MODEL
};
