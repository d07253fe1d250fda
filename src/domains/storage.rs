//! Storages, their users, uploaded files and the abstract image's parts: slices, companion files,
//! sample histograms (contract §3.17-§3.18).

use super::spec::{Place::*, Ty::*, *};

const STORAGE_USER: Param = p("user", Id, Path, "");
const PERMISSION: Param = p(
    "permission",
    Ts("'READ' | 'WRITE' | 'ADMINISTRATION'"),
    Query,
    "",
);
const USERS: Param = p("users", Ids, Query, "");

/// `Storage`.
pub const STORAGE: Model = Model {
    name: "Storage",
    cb: "storage",
    java_class: docs!("be.cytomine.domain.image.server.Storage"),
    doc: docs!("A storage of uploaded files, shared with users (READ, WRITE, ADMINISTRATION)."),
    fields: &[
        f("name", Str),
        f("user", Id),
        f("userId", Id),
        f("dataType", Str),
    ],
    methods: &[
        Method {
            name: "create",
            is_static: true,
            http: "POST",
            path: "storage/create/{user}.json",
            params: &[STORAGE_USER],
            returns: Returns::Model("Storage", ""),
            doc: docs!("Creates the default storage of `user` (admin)."),
            ..GET
        },
        Method {
            name: "addUser",
            http: "POST",
            path: "storage/{id}/user/{user}.json",
            params: &[STORAGE_USER, PERMISSION],
            doc: docs!("Gives `user` access to the storage (with `permission`, default READ)."),
            ..GET
        },
        Method {
            name: "addUsers",
            http: "POST",
            path: "storage/{id}/user.json",
            params: &[USERS, PERMISSION],
            doc: docs!("Gives several users access to the storage."),
            ..GET
        },
        Method {
            name: "removeUser",
            http: "DELETE",
            path: "storage/{id}/user/{user}.json",
            params: &[STORAGE_USER],
            doc: docs!("Withdraws the access of `user`."),
            ..GET
        },
        Method {
            name: "deleteUsers",
            http: "DELETE",
            path: "storage/{id}/user.json",
            params: &[USERS],
            doc: docs!("Withdraws the access of several users."),
            ..GET
        },
        Method {
            name: "changePermission",
            http: "PUT",
            path: "storage/{id}/user/{user}.json",
            params: &[STORAGE_USER, PERMISSION],
            doc: docs!("Changes the permission of `user` on the storage."),
            ..GET
        },
    ],
    collection: Some(Collection {
        name: "StorageCollection",
        props: &[f("all", Bool)],
        ..COLLECTION
    }),
    // Storage members and the admin's storage creation are gone today.
    repository: Some(Repository {
        renamed: &[("user", "userId")],
        removed: &[
            "create",
            "addUser",
            "addUsers",
            "removeUser",
            "deleteUsers",
            "changePermission",
        ],
        ..REPOSITORY
    }),
    ..MODEL
};

/// `StorageAccess`: a storage the current user can use, with the permission.
pub const STORAGE_ACCESS: Model = Model {
    name: "StorageAccess",
    cb: "storageaccess",
    doc: docs!("A storage the current user can access, with the permission."),
    fields: &[f("name", Str), f("user", Id), f("permission", Str)],
    collection: Some(Collection {
        name: "StorageAccessCollection",
        uri: "storage/access.json",
        ..COLLECTION
    }),
    ..MODEL
};

/// `StorageUser`: a user of a storage with usage statistics.
pub const STORAGE_USER_MODEL: Model = Model {
    name: "StorageUser",
    cb: "storage-user",
    doc: docs!("A user of a storage with their permission (`role`), files and size."),
    label: "username",
    fields: &[
        f("username", Str),
        f("firstname", Str),
        f("lastname", Str),
        f("numberOfFiles", Int),
        f("totalSize", Int),
        f("role", Str),
    ],
    collection: Some(Collection {
        name: "StorageUserCollection",
        filters: &["storage"],
        cb: "usersstats",
        ..COLLECTION
    }),
    ..MODEL
};

/// `UploadedFile`.
pub const UPLOADED_FILE: Model = Model {
    name: "UploadedFile",
    cb: "uploadedfile",
    java_class: docs!("be.cytomine.domain.image.UploadedFile"),
    doc: docs!("A file uploaded to a storage, with its conversion status (`UploadedFileStatus`)."),
    label: "originalFilename",
    fields: &[
        f("user", Id),
        f("storage", Id),
        f("parent", Id),
        f("projects", Ids),
        f("imageServer", Id),
        f("path", Str),
        f("filename", Str),
        f("originalFilename", Str),
        f("ext", Str),
        f("contentType", Str),
        f("size", Int),
        f("thumbURL", Str),
        f("status", Int),
        f("statusText", Str),
        f("thumbnailUrl", Str),
        f("dataType", Str),
        // Initialised (null) by cytomine-client's UploadedFile.
        f("storageId", Id),
        f("userId", Id),
    ],
    collection: Some(Collection {
        name: "UploadedFileCollection",
        props: &[f("onlyRoots", Bool), f("parent", Id), f("all", Bool)],
        ..COLLECTION
    }),
    repository: Some(Repository {
        renamed: &[("thumbURL", "thumbnailUrl")],
        ..REPOSITORY
    }),
    ..MODEL
};

/// `UploadedFileStatus`.
pub const UPLOADED_FILE_STATUS: Enum = Enum {
    name: "UploadedFileStatus",
    members: &[
        ("UPLOADED", "0"),
        ("DETECTING_FORMAT", "10"),
        ("ERROR_FORMAT", "11"),
        ("EXTRACTING_DATA", "20"),
        ("ERROR_EXTRACTION", "21"),
        ("CONVERTING", "30"),
        ("ERROR_CONVERSION", "31"),
        ("DEPLOYING", "40"),
        ("ERROR_DEPLOYMENT", "41"),
        ("DEPLOYED", "100"),
        ("EXTRACTED", "102"),
        ("CONVERTED", "104"),
    ],
};

const OF_IMAGE_FILE: &[&str] = &["abstractimage", "uploadedfile"];

/// `AbstractSlice`.
pub const ABSTRACT_SLICE: Model = Model {
    name: "AbstractSlice",
    cb: "abstractslice",
    java_class: docs!("be.cytomine.domain.image.AbstractSlice"),
    doc: docs!("One plane (channel, z, time) of an abstract image."),
    label: "path",
    fields: &[
        f("uploadedFile", Id),
        f("path", Str),
        f("image", Id),
        f("mime", Str),
        f("channel", Int),
        f("zStack", Int),
        f("time", Int),
    ],
    methods: &[Method {
        name: "fetchUploader",
        path: "abstractslice/{id}/user.json",
        returns: Returns::Model("User", ""),
        doc: docs!("The user who uploaded the image."),
        ..GET
    }],
    collection: Some(Collection {
        name: "AbstractSliceCollection",
        filters: OF_IMAGE_FILE,
        ..COLLECTION
    }),
    ..MODEL
};

/// `CompanionFile`.
pub const COMPANION_FILE: Model = Model {
    name: "CompanionFile",
    cb: "companionfile",
    java_class: docs!("be.cytomine.domain.image.CompanionFile"),
    doc: docs!("A file accompanying an abstract image (e.g. a profile)."),
    label: "path",
    fields: &[
        f("uploadedFile", Id),
        f("path", Str),
        f("image", Id),
        f("type", Str),
        f("originalFilename", Str),
        f("filename", Str),
    ],
    collection: Some(Collection {
        name: "CompanionFileCollection",
        filters: OF_IMAGE_FILE,
        ..COLLECTION
    }),
    ..MODEL
};

/// `SampleHistogram`.
pub const SAMPLE_HISTOGRAM: Model = Model {
    name: "SampleHistogram",
    cb: "samplehistogram",
    java_class: docs!("be.cytomine.domain.image.SampleHistogram"),
    doc: docs!("The histogram of one sample of an abstract slice."),
    label: "",
    fields: &[
        f("slice", Id),
        f("sample", Int),
        f("min", Int),
        f("max", Int),
        f("histogram", Ts("number[]")),
    ],
    collection: Some(Collection {
        name: "SampleHistogramCollection",
        filters: &["abstractslice", "sliceinstance"],
        ..COLLECTION
    }),
    ..MODEL
};
