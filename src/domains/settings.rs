//! User roles, configuration, image filters, tasks, project default layers and representatives
//! (cytomine-client §3 notes E, K, N).

use super::spec::{Ty::*, *};

const fn disabled(fetch: bool, update: bool, delete: bool) -> Disabled {
    Disabled {
        fetch,
        update,
        delete,
    }
}

/// `UserRole`: a role held by a user.
pub const USER_ROLE: Model = Model {
    name: "UserRole",
    cb: "secusersecrole",
    java_class: docs!("be.cytomine.domain.security.SecUserSecRole"),
    doc: docs!("A role held by a user (admin)."),
    label: "authority",
    fields: &[
        f("user", Id),
        f("role", Id),
        f("authority", Str),
        f("userId", Id),
        f("roleId", Id),
        f("dataType", Str),
    ],
    uri: Uri::Templates {
        new: "user/{user}/role.json",
        existing: "user/{user}/role/{role}.json",
    },
    disabled: disabled(false, true, false),
    collection: Some(Collection {
        name: "UserRoleCollection",
        filters: &["user"],
        cb: "role",
        ..COLLECTION
    }),
    repository: Some(Repository {
        renamed: &[("user", "userId"), ("role", "roleId")],
        ..REPOSITORY
    }),
    ..MODEL
};

/// `Configuration`: a server setting, keyed by `key`.
pub const CONFIGURATION: Model = Model {
    name: "Configuration",
    cb: "configuration",
    java_class: docs!("be.cytomine.domain.meta.Configuration"),
    doc: docs!("A server setting keyed by `key`; `save()` creates or updates it (admin)."),
    label: "key",
    fields: &[
        f("key", Str),
        f("value", Str),
        f("readingRole", Ts("'ALL' | 'USER' | 'ADMIN'")),
    ],
    uri: Uri::Templates {
        new: "configuration/key/{key:str}.json",
        existing: "configuration/key/{key:str}.json",
    },
    collection: Some(Collection {
        name: "ConfigurationCollection",
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageFilter`.
pub const IMAGE_FILTER: Model = Model {
    name: "ImageFilter",
    cb: "imagefilter",
    java_class: docs!("be.cytomine.domain.processing.ImageFilter"),
    doc: docs!("An image processing filter offered by a processing server."),
    fields: &[f("name", Str), f("processingServer", Id), f("baseUrl", Str)],
    disabled: disabled(false, true, false),
    collection: Some(Collection {
        name: "ImageFilterCollection",
        ..COLLECTION
    }),
    ..MODEL
};

/// `ImageFilterProject`: an image filter enabled in a project.
pub const IMAGE_FILTER_PROJECT: Model = Model {
    name: "ImageFilterProject",
    cb: "imagefilterproject",
    java_class: docs!("be.cytomine.domain.processing.ImageFilterProject"),
    doc: docs!("An image filter enabled in a project."),
    fields: &[
        f("imageFilter", Id),
        f("project", Id),
        f("name", Str),
        f("processingServer", Id),
        f("baseUrl", Str),
    ],
    disabled: disabled(true, true, false),
    collection: Some(Collection {
        name: "ImageFilterProjectCollection",
        filters: &["", "project"],
        ..COLLECTION
    }),
    ..MODEL
};

/// `Task`.
pub const TASK: Model = Model {
    name: "Task",
    cb: "task",
    java_class: docs!("be.cytomine.domain.processing.Task"),
    doc: docs!("The progress of a long server operation."),
    label: "",
    fields: &[
        f("progress", Int),
        f("project", Id),
        f("user", Id),
        f("printInActivity", Bool),
        f("comments", Ts("string[]")),
    ],
    disabled: disabled(false, true, true),
    ..MODEL
};

/// `ProjectDefaultLayer`: a user layer shown (or hidden) by default in a project.
pub const PROJECT_DEFAULT_LAYER: Model = Model {
    name: "ProjectDefaultLayer",
    cb: "projectdefaultlayer",
    java_class: docs!("be.cytomine.domain.project.ProjectDefaultLayer"),
    doc: docs!("A user layer opened by default in a project (`hideByDefault` to hide it)."),
    label: "",
    fields: &[f("project", Id), f("user", Id), f("hideByDefault", Bool)],
    uri: Uri::Templates {
        new: "project/{project}/defaultlayer.json",
        existing: "project/{project}/defaultlayer/{id}.json",
    },
    collection: Some(Collection {
        name: "ProjectDefaultLayerCollection",
        filters: &["project"],
        cb: "defaultlayer",
        ..COLLECTION
    }),
    ..MODEL
};

/// `ProjectRepresentative`: a representative (contact) of a project.
pub const PROJECT_REPRESENTATIVE: Model = Model {
    name: "ProjectRepresentative",
    cb: "projectrepresentativeuser",
    java_class: docs!("be.cytomine.domain.project.ProjectRepresentativeUser"),
    doc: docs!("A member who represents a project."),
    label: "",
    fields: &[f("project", Id), f("user", Id)],
    uri: Uri::Templates {
        new: "project/{project}/representative.json",
        existing: "project/{project}/representative/{id}.json",
    },
    disabled: disabled(false, true, false),
    collection: Some(Collection {
        name: "ProjectRepresentativeCollection",
        filters: &["project"],
        cb: "representative",
        ..COLLECTION
    }),
    ..MODEL
};
