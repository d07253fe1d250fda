//! The vocabulary in which every Cytomine domain is declared once (see the sibling modules).
//! A native test renders the JS classes (`js/generated/`) and their TypeScript declarations from
//! these declarations, so the two cannot drift apart.

/// Documentation text (descriptions, Java class names): kept where the sources are rendered
/// (native tests, `generate`), "" in other native builds (the wasm does not compile `domains`).
macro_rules! docs {
    ($s:literal) => {
        if cfg!(test) {
            $s
        } else {
            ""
        }
    };
}
pub(crate) use docs;

/// A field's type, for TypeScript and for documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// An id (number) or null.
    Id,
    /// An array of ids.
    Ids,
    /// An integer.
    Int,
    /// A floating-point number.
    Num,
    /// A boolean.
    Bool,
    /// A string.
    Str,
    /// Epoch milliseconds as a string (`created`, `updated`), as core sends them.
    Millis,
    /// Any other JSON value, with its TypeScript type.
    Ts(&'static str),
}

/// One property of a model or collection.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Property name in JS and in the JSON.
    pub name: &'static str,
    /// Type.
    pub ty: Ty,
}

/// Shorthand for a field.
pub const fn f(name: &'static str, ty: Ty) -> Field {
    Field { name, ty }
}

/// How a model's URI is formed.
#[derive(Debug, Clone, Copy)]
pub enum Uri {
    /// `{cb}.json` when new, `{cb}/{id}.json` otherwise.
    Standard,
    /// Metadata attached to another object:
    /// `domain/{domainClassName}/{domainIdent}/{cb}.json` and `.../{cb}/{id}.json`.
    Domain,
    /// Explicit templates (placeholders name model fields; `{x:str}` for text).
    Templates {
        /// URI used to create.
        new: &'static str,
        /// URI used to fetch, update and delete.
        existing: &'static str,
    },
}

/// Where the value of a method parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A path placeholder of the same name.
    Path,
    /// A query parameter of the same name (skipped when null/undefined).
    Query,
    /// A member of the JSON body.
    Body,
}

/// A parameter of an extra method.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Name (of the placeholder, query parameter or body member).
    pub name: &'static str,
    /// Type, for TypeScript.
    pub ty: Ty,
    /// Where it goes.
    pub place: Place,
    /// Default as a JSON literal, or "" for none (omitted when not given).
    pub default: &'static str,
}

/// Shorthand for a parameter.
pub const fn p(name: &'static str, ty: Ty, place: Place, default: &'static str) -> Param {
    Param {
        name,
        ty,
        place,
        default,
    }
}

/// How a method takes its parameters in JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// `method(a, b)`.
    Positional,
    /// `method({a, b} = {})`, like cytomine-client's option objects.
    Options,
}

/// What a method resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// The whole response body.
    Data,
    /// A member of the body (e.g. `collection`, `total`).
    Member(&'static str),
    /// A model built from the body, or from a member when the second item is non-empty.
    Model(&'static str, &'static str),
    /// A collection (by class name) filled from the body's `collection`.
    Collection(&'static str),
    /// Populates the model itself from the body, or from a member when non-empty; resolves to it.
    PopulateSelf(&'static str),
    /// Nothing (`undefined`).
    Nothing,
}

/// An API call beyond plain CRUD (e.g. `project.fetchUsers()`).
#[derive(Debug, Clone, Copy)]
pub struct Method {
    /// JS name.
    pub name: &'static str,
    /// Static (`Project.x()`) or instance (`project.x()`; `{id}` is the model's id).
    pub is_static: bool,
    /// HTTP method.
    pub http: &'static str,
    /// Path template relative to the API base path.
    pub path: &'static str,
    /// Parameters in order.
    pub params: &'static [Param],
    /// Positional or options object.
    pub args: Args,
    /// Result.
    pub returns: Returns,
    /// Whether `Cytomine.lastCommand` is set from the response's `command`.
    pub sets_last_command: bool,
    /// One-line description, shown in the TypeScript declarations.
    pub doc: &'static str,
}

/// Base for method declarations (`Method { name: .., ..GET }`).
pub const GET: Method = Method {
    name: "",
    is_static: false,
    http: "GET",
    path: "",
    params: &[],
    args: Args::Positional,
    returns: Returns::Data,
    sets_last_command: false,
    doc: "",
};

/// A collection class of a model.
#[derive(Debug, Clone, Copy)]
pub struct Collection {
    /// JS class name, e.g. `ProjectCollection`.
    pub name: &'static str,
    /// Allowed filter keys; `""` means the collection may be fetched without a filter.
    pub filters: &'static [&'static str],
    /// Declared props sent as query parameters when non-null (undeclared ones are accepted too).
    pub props: &'static [Field],
    /// Name of the last path part when it differs from the model's cb (`annotation/{id}/term.json`).
    pub cb: &'static str,
    /// A path template replacing the default `[{filter}/{value}/]{cb}.json`, `""` for the default.
    pub uri: &'static str,
    /// For searches sent as POST with the props as a JSON body (AnnotationCollection).
    pub post_search: &'static str,
    /// Static methods of the collection.
    pub methods: &'static [Method],
    /// Props set on every new instance: name and JSON literal (`showDefault: true`).
    pub defaults: &'static [(&'static str, &'static str)],
}

/// Base for collection declarations.
pub const COLLECTION: Collection = Collection {
    name: "",
    filters: &[""],
    props: &[],
    cb: "",
    uri: "",
    post_search: "",
    methods: &[],
    defaults: &[],
};

/// CRUD operations a model refuses (they throw `CytomineError` synchronously, like cytomine-client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Disabled {
    /// `fetch` refused.
    pub fetch: bool,
    /// `update` refused.
    pub update: bool,
    /// `delete` refused.
    pub delete: bool,
}

/// A domain today's core serves from its repository service (delta §3.2): new record field names,
/// Spring paging, v2 command responses, and some 5.2 routes gone.
#[derive(Debug, Clone, Copy)]
pub struct Repository {
    /// Pairs `(cytomine-client name, today's name)` of one value, e.g. `("ontology",
    /// "ontologyId")`: a model read from today's core gets the first from the second, and a body
    /// sent there gets the second from the first.
    pub renamed: &'static [(&'static str, &'static str)],
    /// Operations whose 5.2 route today's core removed: method names, `fetch`, or `list` for the
    /// unfiltered list. They reject with a `CytomineError` naming the server generation there.
    pub removed: &'static [&'static str],
    /// The URI that creates an object on today's core when it differs from 5.2's, else `""`.
    pub create: &'static str,
}

/// Base for repository declarations.
pub const REPOSITORY: Repository = Repository {
    renamed: &[],
    removed: &[],
    create: "",
};

/// A Cytomine domain: one model class, its collection and its extra methods.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// JS class name.
    pub name: &'static str,
    /// Callback identifier: URI stem and key of the object in command responses.
    pub cb: &'static str,
    /// Java class name as core sends in `class` (documentation: the JS layer reads `class` from
    /// the server, so the name is not compiled into the wasm).
    pub java_class: &'static str,
    /// Fields beyond the base ones (`id`, `class`, `created`, `updated`, `deleted`).
    pub fields: &'static [Field],
    /// URI form.
    pub uri: Uri,
    /// Refused operations.
    pub disabled: Disabled,
    /// Field shown by `toString()` after the id (`[project] 5: name`).
    pub label: &'static str,
    /// Extra API calls.
    pub methods: &'static [Method],
    /// The collection, if the domain has one.
    pub collection: Option<Collection>,
    /// One-line description.
    pub doc: &'static str,
    /// Today's repository-backed form of the domain, if it moved there.
    pub repository: Option<Repository>,
}

/// Base for model declarations.
pub const MODEL: Model = Model {
    name: "",
    cb: "",
    java_class: "",
    fields: &[],
    uri: Uri::Standard,
    disabled: Disabled {
        fetch: false,
        update: false,
        delete: false,
    },
    label: "name",
    methods: &[],
    collection: None,
    doc: "",
    repository: None,
};

/// A JS enum object (`AnnotationType.USER === 'UserAnnotation'`).
#[derive(Debug, Clone, Copy)]
pub struct Enum {
    /// JS name.
    pub name: &'static str,
    /// Members: name and value (a JSON literal).
    pub members: &'static [(&'static str, &'static str)],
}

/// Related domains declared in one module, generated into one JS file (`js/generated/<name>.js`).
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// The module's name, and the generated file's.
    pub name: &'static str,
    /// Its models, in declaration order.
    pub models: &'static [Model],
    /// Its enums.
    pub enums: &'static [Enum],
}
