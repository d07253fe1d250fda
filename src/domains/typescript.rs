//! Renders `js/index.d.ts` from the declarations, so the TypeScript types always match the
//! classes the JS layer builds. `cargo test` fails when the file is stale;
//! `UPDATE_TYPES=1 cargo test typescript` rewrites it.

use super::spec::{Args, Method, Model, Param, Returns, Ty};
use super::{ENUMS, MODELS};

/// Members added by `js/extensions/`, by class: (static `fetch`/`delete` replaced?, extra lines).
const EXTENSIONS: &[(&str, bool, &str)] = &[
    (
        "Annotation",
        true,
        "  /** Fetches an annotation; `type` selects the specific endpoint. */\n  static fetch(id: Id, type?: AnnotationType | null): Promise<Annotation>;\n  static delete(id: Id): Promise<void>;\n  /** The annotation type, derived from `class`. */\n  type: AnnotationType | null;\n  /** The crop URL at another size or format, or null. */\n  annotationCropURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;\n  /** The crop as a Blob, fetched with this connection's credentials. */\n  fetchCrop(options?: CropOptions): Promise<Blob>;\n",
    ),
    (
        "AnnotationTerm",
        true,
        "  constructor(props?: Record<string, unknown>);\n  static fetch(annotation: Id, term?: Id): Promise<AnnotationTerm>;\n  static delete(annotation: Id, term?: Id, user?: Id | null): Promise<void>;\n  /** Replaces the caller's terms on the annotation (all users' with `clearForAllUsers`). */\n  saveAndClearPrevious(clearForAllUsers?: boolean): Promise<this>;\n",
    ),
    (
        "Ontology",
        false,
        "  /** The projects using the ontology (empty when the server did not send them). */\n  projects: ProjectCollection;\n  /** The root terms, each with its nested `children` (empty when not sent). */\n  children: TermCollection;\n  /** Alias of `children`. */\n  terms: TermCollection;\n",
    ),
    ("Term", false, "  /** Moves the term under another parent (null: to the root). */\n  changeParent(idNewParent: Id | null): Promise<void>;\n"),
    (
        "Description",
        true,
        "  constructor(props?: Record<string, unknown>, object?: Model);\n  static fetch(object: Model): Promise<Description>;\n  static delete(object: Model): Promise<void>;\n  /** The object described. */\n  object: Model | null;\n",
    ),
    ("Property", true, DOMAIN_MODEL),
    ("TagDomainAssociation", true, DOMAIN_MODEL),
    ("ImageInstance", false, IMAGE_URLS),
    ("ImageInstance", false, IMAGE_TILES),
    ("SliceInstance", false, SLICE_TILES),
    ("AbstractImage", false, IMAGE_URLS),
    ("UploadedFile", false, DOWNLOAD_URL),
    (
        "AttachedFile",
        true,
        "  constructor(props?: Record<string, unknown>, object?: Model);\n  static fetch(id: Id): Promise<AttachedFile>;\n  static delete(id: Id): Promise<void>;\n  /** The object the file is attached to. */\n  object: Model | null;\n  /** The Blob to upload. */\n  file: Blob | null;\n",
    ),
    ("AttachedFileCollection", false, "  /** The object whose files are listed (all files when null). */\n  object: Model | null;\n  /** The class name of the object, or null. */\n  readonly domainClassName: string | null;\n  /** The id of the object, or null. */\n  readonly domainIdent: number | null;\n"),
    (
        "AnnotationComment",
        true,
        "  constructor(props?: Record<string, unknown>, annotation?: Model);\n  static fetch(id: Id, annotation: Model): Promise<AnnotationComment>;\n  /** The annotation commented (alias of `object`). */\n  annotation: Model | null;\n  object: Model | null;\n  /** Alias of `domainIdent`. */\n  annotationIdent: number | null;\n  /** Alias of `domainClassName`. */\n  annotationClassName: string | null;\n",
    ),
    ("AnnotationCommentCollection", false, "  /** The annotation whose comments are listed (alias of `object`). */\n  annotation: Model | null;\n  object: Model | null;\n  /** The annotation's id, or null. */\n  readonly annotationIdent: number | null;\n  /** The annotation's class name, or null. */\n  readonly annotationClassName: string | null;\n  /** The class name of the object, or null. */\n  readonly domainClassName: string | null;\n  /** The id of the object, or null. */\n  readonly domainIdent: number | null;\n"),
    ("MyAccount", true, "  constructor(props?: Record<string, unknown>);\n  /** The current user's account. */\n  static fetch(): Promise<MyAccount>;\n"),
    (
        "ProjectConnectionCollection",
        false,
        "  /** URL of this list as CSV, or null. */\n  readonly downloadURL: string | null;\n  /** Connections per period, of a project and user, or everywhere. */\n  static fetchConnectionsFrequency(options?: { project?: Id; user?: Id; afterThan?: number | string; beforeThan?: number | string; period?: 'hour' | 'day' | 'week' }): Promise<Array<Record<string, any>>>;\n",
    ),
    ("ImageConsultationCollection", false, "  /** URL of this list as CSV, or null. */\n  readonly downloadURL: string | null;\n"),
    (
        "UserPosition",
        false,
        "  /** Records a viewport `{image or slice, topLeftX, topLeftY, ..., zoom, rotation, broadcast}`. */\n  static create(position: Record<string, unknown>): Promise<UserPosition>;\n",
    ),
    ("UserRole", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(user: Id, role: Id): Promise<UserRole>;\n  static delete(user: Id, role: Id): Promise<void>;\n"),
    ("Configuration", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(key: string): Promise<Configuration>;\n  static delete(key: string): Promise<void>;\n"),
    ("ProjectDefaultLayer", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(id: Id, project: Id): Promise<ProjectDefaultLayer>;\n  static delete(id: Id, project: Id): Promise<void>;\n"),
    ("ProjectRepresentative", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(id: Id, project: Id): Promise<ProjectRepresentative>;\n  /** Deletes by id, or with id 0 by `user`. */\n  static delete(id: Id, project: Id, user?: Id): Promise<void>;\n"),
    ("AnnotationTrack", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(annotation: Id, track: Id): Promise<AnnotationTrack>;\n  static delete(annotation: Id, track: Id): Promise<void>;\n"),
    ("AnnotationLink", true, "  constructor(props?: Record<string, unknown>);\n  static fetch(annotation: Id, group: Id): Promise<AnnotationLink>;\n  static delete(annotation: Id, group: Id): Promise<void>;\n"),
    (
        "ImageGroupImageInstance",
        true,
        "  constructor(props?: Record<string, unknown>);\n  static fetch(group: Id, image: Id): Promise<ImageGroupImageInstance>;\n  static delete(group: Id, image: Id): Promise<void>;\n  /** The next image of the group (the first after the last with `circular`). */\n  fetchNext(circular?: boolean): Promise<ImageInstance>;\n  /** The previous image of the group (the last before the first with `circular`). */\n  fetchPrevious(circular?: boolean): Promise<ImageInstance>;\n",
    ),
    ("CompanionFile", false, DOWNLOAD_URL),
    ("PropertyCollection", false, "  /** The object whose properties are listed. */\n  object: Model | null;\n  /** The class name of the object, or null. */\n  readonly domainClassName: string | null;\n  /** The id of the object, or null. */\n  readonly domainIdent: number | null;\n"),
    ("TagDomainAssociationCollection", false, "  /** The object whose tags are listed. */\n  object: Model | null;\n  /** The class name of the object, or null. */\n  readonly domainClassName: string | null;\n  /** The id of the object, or null. */\n  readonly domainIdent: number | null;\n"),
    (
        "Annotation",
        false,
        "  /** Intensity profile along the annotation; kept on the model with `cache`. */\n  fetchProfileProjections(axis?: string | null, cache?: boolean): Promise<any>;\n  /** Records a user action on the annotation (`select`...). */\n  recordAction(action?: string): Promise<any>;\n  /** Adds (or removes) `location` to the annotations it touches; resolves to the corrected annotation. */\n  static correctAnnotations(options?: { image?: Id; location?: string; review?: boolean; remove?: boolean; layers?: Id[]; annotation?: Id }): Promise<Annotation>;\n",
    ),
    (
        "ImageInstance",
        false,
        "  /** Copies annotation layers `[{image, user}]` of other images onto this one. */\n  copyData(layers: Array<{ image: Id; user: Id }>, giveMe?: boolean): Promise<any>;\n",
    ),
    (
        "Project",
        false,
        "  /** Command history of `project` (or of every project): a bare array. */\n  static fetchCommandHistory(options?: { project?: Id; max?: number; offset?: number; user?: Id; fullData?: boolean; startDate?: number; endDate?: number }): Promise<any[]>;\n  /** Number of annotations of a type (default USER), optionally between two dates. */\n  fetchNbAnnotations(options?: { startDate?: number; endDate?: number; annotationType?: AnnotationType }): Promise<number>;\n  /** Annotations of a type created per period. */\n  fetchAnnotationsEvolution(options?: { startDate?: number; endDate?: number; annotationType?: AnnotationType; daysRange?: number; accumulate?: boolean; reverseOrder?: boolean; term?: Id }): Promise<Array<Record<string, any>>>;\n  /** Saves the project's UI configuration. */\n  saveUIConfig(config: Record<string, unknown>): Promise<any>;\n",
    ),
    (
        "User",
        false,
        "  /** Number of annotations of the user (reviewed ones with `reviewed`), optionally in a project. */\n  fetchNbAnnotations(reviewed?: boolean | Id, idProject?: Id | null): Promise<number>;\n",
    ),
    (
        "AbstractImageCollection",
        false,
        "  /** Replaces the items by the abstract images used in no project. */\n  fetchUnused(): Promise<this>;\n  /** A new collection filled with the abstract images used in no project. */\n  static fetchUnused(): Promise<AbstractImageCollection>;\n",
    ),
    (
        "AnnotationCollection",
        false,
        "  /** Accepts or rejects in review every annotation of `image` by `users`. */\n  static reviewAll(options?: { accept?: boolean; image?: Id; users?: Id[]; task?: Id | null }): Promise<void>;\n  /** URL of the project's annotation report with this search's filters (core 5.2 only: today's core has only the POST, use `download`). */\n  getDownloadURL(format?: 'pdf' | 'csv' | 'xls'): string;\n  /** The project's annotation report with this search's filters (GET on core 5.2, POST with a JSON body on today's core). */\n  download(format?: 'pdf' | 'csv' | 'xls', options?: { signal?: AbortSignal }): Promise<Blob>;\n  /** Creates every new annotation held with bulk POSTs of `chunkSize` items (default 100), `concurrency` chunks in flight (default 1): which items were created with which ids, which failed and why. */\n  save(options?: { chunkSize?: number; concurrency?: number; onProgress?: (progress: { done: number; total: number; created: number; failed: number }) => void; signal?: AbortSignal }): Promise<{ created: { index: number; annotation: Annotation; id: number }[]; failed: { index: number; annotation: Annotation; error: import('./types/base.js').CytomineError }[] }>;\n",
    ),
    (
        "ImageInstanceCollection",
        false,
        "  /** Images the current user (or `user` in `project`) opened last. */\n  static fetchLastOpened(options?: { project?: Id; user?: Id; distinctImages?: boolean; max?: number; offset?: number }): Promise<Array<Record<string, any>>>;\n",
    ),
];

const DOMAIN_MODEL: &str = "  constructor(props?: Record<string, unknown>, object?: Model);\n  static fetch(id: Id, object?: Model): Promise<SELF>;\n  static delete(id: Id, object?: Model): Promise<void>;\n  /** The object this is attached to (sets domainClassName and domainIdent). */\n  object: Model | null;\n";

const DOWNLOAD_URL: &str = "  /** URL of the file. */\n  readonly downloadURL: string;\n";

const IMAGE_URLS: &str = "  /** The thumbnail URL at another size or format, or null. */\n  thumbURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;\n  /** The preview URL at another size or format, or null. */\n  previewURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;\n  /** The URL of an associated image (`macro`, `label`...), or null. */\n  associatedImageURL(kind?: string, maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;\n  /** URL of the original file. */\n  readonly downloadURL: string;\n  /** The thumbnail as a Blob, fetched with this connection's credentials. */\n  fetchThumb(options?: { maxSize?: number; format?: 'png' | 'jpg' | 'webp'; signal?: AbortSignal }): Promise<Blob>;\n";

const IMAGE_TILES: &str = "  /** Options for an OpenLayers TileGrid in Cytomine's coordinates (y up): resolutions 2^zoom ... 1. */\n  tileGridOptions(): TileGridOptions;\n  /** One tile of the reference slice as a Blob (zoom 0 = whole slide). */\n  fetchTile(zoom: number, tx: number, ty: number, options?: TileOptions): Promise<Blob>;\n  /** Everything an OpenLayers tile source needs, from the reference slice. */\n  fetchTileSource(options?: TileOptions): Promise<TileSource>;\n";

const SLICE_TILES: &str = "  /** The URL of one tile (no credentials in it); zoom 0 = whole slide, tiles from the top-left. */\n  tileURL(zoom: number, tx: number, ty: number, options?: TileOptions): string;\n  /** The tile URL with `{z}`, `{x}` and `{y}` placeholders. */\n  tileURLTemplate(options?: TileOptions): string;\n  /** An OpenLayers tileUrlFunction. */\n  tileUrlFunction(options?: TileOptions): (tileCoord: number[] | null) => string | undefined;\n  /** One tile as a Blob, fetched with this connection's credentials. */\n  fetchTile(zoom: number, tx: number, ty: number, options?: TileOptions & { signal?: AbortSignal }): Promise<Blob>;\n  /** An OpenLayers tileLoadFunction that fetches each tile through the connection (object URLs). */\n  tileLoadFunction(parameters?: Record<string, string | number>): (tile: any, src: string) => void;\n";

fn field_type(ty: Ty) -> String {
    let base = match ty {
        Ty::Id | Ty::Int | Ty::Num => "number",
        Ty::Ids => "number[]",
        Ty::Bool => "boolean",
        Ty::Str | Ty::Millis => "string",
        Ty::Ts(t) => t,
    };
    format!("{base} | null")
}

fn param_type(ty: Ty) -> &'static str {
    match ty {
        Ty::Id => "Id | null",
        Ty::Ids => "Id[]",
        Ty::Int | Ty::Num => "number",
        Ty::Bool => "boolean",
        Ty::Str | Ty::Millis => "string",
        Ty::Ts(t) => t,
    }
}

fn returns(r: Returns) -> String {
    match r {
        Returns::Data => "Promise<any>".into(),
        Returns::Member("total") => "Promise<number>".into(),
        Returns::Member("collection") => "Promise<Array<Record<string, any>>>".into(),
        Returns::Member(_) => "Promise<any>".into(),
        Returns::Model(class, _) | Returns::Collection(class) => format!("Promise<{class}>"),
        Returns::PopulateSelf(_) => "Promise<this>".into(),
        Returns::Nothing => "Promise<void>".into(),
    }
}

fn method(out: &mut String, m: &Method) {
    let params = |ps: &[Param], optional_marker: &str| -> String {
        ps.iter()
            .map(|p| format!("{}{optional_marker}: {}", p.name, param_type(p.ty)))
            .collect::<Vec<_>>()
            .join(if optional_marker.is_empty() {
                ", "
            } else {
                "; "
            })
    };
    let args = match m.args {
        Args::Positional => m
            .params
            .iter()
            .map(|p| {
                let optional = !p.default.is_empty() || p.place != super::spec::Place::Path;
                format!(
                    "{}{}: {}",
                    p.name,
                    if optional { "?" } else { "" },
                    param_type(p.ty)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        Args::Options => format!("options?: {{ {} }}", params(m.params, "?")),
    };
    let prefix = if m.is_static { "static " } else { "" };
    out.push_str(&format!(
        "  /** {} */\n  {prefix}{}({args}): {};\n",
        m.doc,
        m.name,
        returns(m.returns)
    ));
}

/// The whole `js/index.d.ts`.
pub fn render() -> String {
    let mut out = String::from(
        "// Generated from src/domains by `UPDATE_TYPES=1 cargo test typescript`; do not edit.\n\
         import { Model, Collection, CollectionOptions, FetchAllOptions, Id } from './types/base.js';\n\
         export * from './types/base.js';\n\n\
         /** Options of `Annotation.fetchCrop`. */\n\
         export interface CropOptions {\n  maxSize?: number;\n  format?: 'png' | 'jpg' | 'webp';\n  draw?: boolean;\n  color?: string;\n  thickness?: number;\n  increaseArea?: number;\n  square?: boolean;\n  alphaMask?: boolean;\n  signal?: AbortSignal;\n}\n\n\
         /** Options of viewer tiles: format and the server's tile parameters (`channels`, `filters`...). */\n\
         export type TileOptions = { format?: 'png' | 'jpg' | 'webp' } & Record<string, string | number | undefined>;\n\n\
         /** Options for an OpenLayers TileGrid over a Cytomine image. */\n\
         export interface TileGridOptions {\n  extent: [number, number, number, number];\n  origin: [number, number];\n  tileSize: [number, number];\n  resolutions: number[];\n}\n\n\
         /** What `ImageInstance.fetchTileSource` resolves to. */\n\
         export interface TileSource {\n  slice: SliceInstance;\n  url: string;\n  tileUrlFunction: (tileCoord: number[] | null) => string | undefined;\n  tileLoadFunction: (tile: any, src: string) => void;\n  tileGrid: TileGridOptions;\n  format: string;\n}\n\n",
    );
    for e in ENUMS {
        out.push_str(&format!("export declare const {}: {{\n", e.name));
        for (k, v) in e.members {
            out.push_str(&format!("  readonly {k}: {v};\n"));
        }
        out.push_str(&format!(
            "}};\nexport type {0} = (typeof {0})[keyof typeof {0}];\n\n",
            e.name
        ));
    }
    for m in MODELS {
        model(&mut out, m);
    }
    out.push_str("/** The classes bound to one connection (`cytomine.models`). */\nexport interface BoundModels {\n");
    for m in MODELS {
        out.push_str(&format!("  readonly {0}: typeof {0};\n", m.name));
        if let Some(c) = &m.collection {
            out.push_str(&format!("  readonly {0}: typeof {0};\n", c.name));
        }
    }
    out.push_str("}\n");
    out
}

fn model(out: &mut String, m: &Model) {
    let exts: Vec<_> = EXTENSIONS
        .iter()
        .filter(|(name, _, _)| *name == m.name)
        .collect();
    let replaces = exts.iter().any(|(_, r, _)| *r);
    out.push_str(&format!(
        "/** {} */\nexport declare class {} extends Model {{\n",
        m.doc, m.name
    ));
    if !replaces {
        out.push_str("  constructor(props?: Record<string, unknown>);\n");
        out.push_str(&format!("  static fetch(id: Id): Promise<{}>;\n", m.name));
    }
    for f in m.fields {
        out.push_str(&format!("  {}: {};\n", f.name, field_type(f.ty)));
    }
    for meth in m.methods {
        method(out, meth);
    }
    for (_, _, extra) in exts {
        out.push_str(&extra.replace("SELF", m.name));
    }
    out.push_str("}\n\n");
    if let Some(c) = &m.collection {
        let filters: Vec<String> = c
            .filters
            .iter()
            .filter(|f| !f.is_empty())
            .map(|f| format!("'{f}'"))
            .collect();
        let filter_ty = if filters.is_empty() {
            "never".to_string()
        } else {
            filters.join(" | ")
        };
        let mut props = String::new();
        for f in c.props {
            props.push_str(&format!("  {}: {};\n", f.name, field_type(f.ty)));
        }
        out.push_str(&format!(
            "/** A list of {name}s. */\nexport declare class {cname} extends Collection<{name}, {filter_ty}> {{\n  constructor(options?: CollectionOptions<{filter_ty}>);\n  static readonly model: typeof {name};\n  static fetchAll(options?: CollectionOptions<{filter_ty}>, fetchOptions?: FetchAllOptions): Promise<{cname}>;\n{props}",
            name = m.name,
            cname = c.name
        ));
        for meth in c.methods {
            method(out, meth);
        }
        for (_, _, extra) in EXTENSIONS.iter().filter(|(name, _, _)| *name == c.name) {
            out.push_str(extra);
        }
        out.push_str("}\n\n");
    }
}

#[test]
fn typescript_declarations_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.d.ts");
    let rendered = render();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, &rendered).unwrap();
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == rendered,
        "js/index.d.ts is stale: run `UPDATE_TYPES=1 cargo test typescript`"
    );
}
