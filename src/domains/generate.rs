//! Renders the declarations as the package's JS sources: one module per area
//! (`js/generated/<area>.js`, each class a readable `class` with one named method per declared
//! call), `js/generated/index.js` re-exporting them, and `js/index.d.ts` (see `typescript`).
//! The files are checked in: `cargo test` fails when one is stale, and
//! `UPDATE_GENERATED=1 cargo test generated` rewrites them.
//!
//! A class whose behaviour goes beyond its declaration gets it from `js/extensions/`: an export
//! named `<Class>Extension` there (a function from a base class to a subclass) is found by name
//! and applied between the base (`Model`, `Collection`) and the generated class.

use super::spec::{Area, Args, Collection, Enum, Method, Model, Place, Returns, Uri};
use super::{enums, models, AREAS};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The header of every generated file.
pub const HEADER: &str = "// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Exports named `<Class>Extension` in the files of `js/extensions/` with extension `ext`
/// (`js` or `d.ts`): class name → (file stem, text of the file).
pub fn extensions(ext: &str) -> BTreeMap<String, (String, String)> {
    let mut found = BTreeMap::new();
    let dir = root().join("js/extensions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("js/extensions exists")
        .map(|e| e.expect("readable directory").path())
        .collect();
    files.sort();
    for path in files {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(stem) = file.strip_suffix(&format!(".{ext}")) else {
            continue;
        };
        if stem.contains('.') {
            continue; // `x.d.ts` when looking for `.js` files
        }
        let text = std::fs::read_to_string(&path).expect("readable extension");
        for line in text.lines() {
            let rest = ["export const ", "export function ", "export declare class "]
                .iter()
                .find_map(|p| line.strip_prefix(p));
            let Some(rest) = rest else { continue };
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if let Some(class) = ident.strip_suffix("Extension") {
                found.insert(class.to_string(), (stem.to_string(), text.clone()));
            }
        }
    }
    found
}

/// The classes the extension of `class` names in its doc comment's `@uses` (it reads them with
/// `classNamed`, js/declare.js): the generated class references them so that bundles keep them.
pub fn uses(text: &str, class: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let export = format!("{class}Extension ");
    let Some(at) = lines
        .iter()
        .position(|l| l.starts_with("export ") && l.contains(&export))
    else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for line in lines[..at].iter().rev() {
        let line = line.trim();
        if !(line.starts_with("/**") || line.starts_with('*')) {
            break;
        }
        if let Some(list) = line.strip_prefix("* @uses ") {
            names.extend(list.split(',').map(|n| n.trim().to_string()));
        }
    }
    names
}

/// The text of the export `<class>Extension` in an extension file: from its line to the next
/// top-level `export`.
fn export_region<'a>(text: &'a str, class: &str) -> &'a str {
    let export = format!("{class}Extension ");
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("export ") {
            if start.is_some() {
                return &text[start.unwrap_or(0)..offset];
            }
            if line.contains(&export) {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    start.map_or("", |s| &text[s..])
}

/// Whether the extension of `class` defines method `name` (then it wins: the declared method is
/// not generated).
fn extension_defines(exts: &BTreeMap<String, (String, String)>, class: &str, m: &Method) -> bool {
    let Some((_, text)) = exts.get(class) else {
        return false;
    };
    let prefix = if m.is_static { "static " } else { "" };
    export_region(text, class).lines().any(|line| {
        let line = line.trim_start();
        let line = line
            .strip_prefix(prefix)
            .unwrap_or(if m.is_static { "" } else { line });
        let line = line.strip_prefix("async ").unwrap_or(line);
        line.strip_prefix(m.name)
            .is_some_and(|rest| rest.starts_with('('))
    })
}

/// A JSON value as a JS literal: keys that are identifiers unquoted, strings single-quoted.
fn literal(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let escaped = s.replace('\\', "\\\\").replace('\'', "\\'");
            format!("'{escaped}'")
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            if map.is_empty() {
                return "{}".into();
            }
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let plain = k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !k.starts_with(|c: char| c.is_ascii_digit());
                    let key = if plain { k.clone() } else { literal(&json!(k)) };
                    format!("{key}: {}", literal(v))
                })
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// A JSON literal of the declarations (`"true"`, `"0"`, `"\"contributor\""`) as a value.
fn parse(json_literal: &str) -> Value {
    serde_json::from_str(json_literal).expect("declared defaults are JSON literals")
}

/// What `send` (js/declare.js) needs of a method beyond its name and route: its parameters (name →
/// where it goes, in argument order), defaults and result. Static methods are told by their receiver.
fn method_spec(m: &Method, removed: bool) -> Value {
    let returns = match m.returns {
        Returns::Data => String::new(),
        Returns::Member(x) => format!("member {x}"),
        Returns::Model(_, "") => "model".into(),
        Returns::Model(_, x) => format!("model {x}"),
        Returns::Collection(_) => "collection".into(),
        Returns::PopulateSelf("") => "self".into(),
        Returns::PopulateSelf(x) => format!("self {x}"),
        Returns::Nothing => "nothing".into(),
    };
    let mut spec = Map::new();
    if m.args == Args::Options {
        spec.insert("options".into(), json!(true));
    }
    let mut params = Map::new();
    let mut defaults = Map::new();
    for p in m.params {
        let place = match p.place {
            Place::Path => "path",
            Place::Query => "query",
            Place::Body => "body",
        };
        params.insert(p.name.into(), json!(place));
        if !p.default.is_empty() {
            defaults.insert(p.name.into(), parse(p.default));
        }
    }
    if !params.is_empty() {
        spec.insert("params".into(), Value::Object(params));
    }
    if !defaults.is_empty() {
        spec.insert("defaults".into(), Value::Object(defaults));
    }
    if !returns.is_empty() {
        spec.insert("returns".into(), json!(returns));
    }
    if m.sets_last_command {
        spec.insert("setsLastCommand".into(), json!(true));
    }
    if removed {
        spec.insert("removed".into(), json!(true));
    }
    Value::Object(spec)
}

/// `spec` without the members whose value is the default js/declare.js fills in.
fn without_defaults(spec: Value, defaults: Value) -> Value {
    let (Value::Object(mut spec), Value::Object(defaults)) = (spec, defaults) else {
        unreachable!("specs are objects");
    };
    spec.retain(|k, v| k == "name" || defaults.get(k) != Some(v));
    Value::Object(spec)
}

/// What js/model.js reads of a model's declaration (`Model.spec`).
fn model_spec(m: &Model) -> Value {
    let uri = match m.uri {
        Uri::Standard => json!("standard"),
        Uri::Domain => json!("domain"),
        Uri::Templates { new, existing } => json!({ "new": new, "existing": existing }),
    };
    let d = m.disabled;
    let disabled: Vec<&str> = [
        ("fetch", d.fetch),
        ("update", d.update),
        ("delete", d.delete),
    ]
    .iter()
    .filter(|(_, off)| *off)
    .map(|(n, _)| *n)
    .collect();
    let repository = m.repository.map(|r| {
        let full = json!({
            "renamed": r.renamed.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>(),
            "removed": r.removed,
            "create": r.create,
        });
        without_defaults(full, json!({ "renamed": [], "removed": [], "create": "" }))
    });
    let full = json!({
        "name": m.name,
        "cb": m.cb,
        "label": m.label,
        "fields": m.fields.iter().map(|f| f.name).collect::<Vec<_>>(),
        "uri": uri,
        "disabled": disabled,
        "repository": repository,
    });
    // The defaults of js/declare.js `declareModel`.
    without_defaults(
        full,
        json!({ "fields": [], "uri": "standard", "disabled": [], "label": "name", "repository": null }),
    )
}

/// What js/collection.js reads of a collection's declaration (`Collection.spec`).
fn collection_spec(c: &Collection) -> Value {
    let defaults: Map<String, Value> = c
        .defaults
        .iter()
        .map(|(k, v)| (k.to_string(), parse(v)))
        .collect();
    let full = json!({
        "name": c.name,
        "filters": c.filters,
        "props": c.props.iter().map(|f| f.name).collect::<Vec<_>>(),
        "cb": c.cb,
        "uri": c.uri,
        "postSearch": c.post_search,
        "defaults": defaults,
    });
    // The defaults of js/declare.js `declareCollection`.
    without_defaults(
        full,
        json!({ "filters": [""], "props": [], "cb": "", "uri": "", "postSearch": "", "defaults": {} }),
    )
}

/// The area that declares class `name` (a model or a collection).
fn area_of(name: &str) -> &'static str {
    AREAS
        .iter()
        .find(|a| {
            a.models
                .iter()
                .any(|m| m.name == name || m.collection.is_some_and(|c| c.name == name))
        })
        .map(|a| a.name)
        .expect("every returned class is declared")
}

/// The class a method's answer is made into, if any.
fn returned(m: &Method) -> Option<&'static str> {
    match m.returns {
        Returns::Model(class, _) | Returns::Collection(class) => Some(class),
        _ => None,
    }
}

/// The class body of the declared methods: one named async method each, its route inline. A
/// method the class's extension defines wins over the declared one, which is not generated.
fn methods(
    out: &mut String,
    class: &str,
    list: &[Method],
    removed: &[&str],
    exts: &BTreeMap<String, (String, String)>,
) -> bool {
    let list: Vec<&Method> = list
        .iter()
        .filter(|m| !extension_defines(exts, class, m))
        .collect();
    if list.is_empty() {
        return false;
    }
    out.push('\n');
    for m in list {
        // `send` splits the route at its space.
        assert!(!m.path.contains(' '), "{}: a path has no space", m.name);
        if !m.doc.is_empty() {
            writeln!(out, "    /** {} */", m.doc).unwrap();
        }
        let prefix = if m.is_static { "static " } else { "" };
        let spec = method_spec(m, removed.contains(&m.name));
        let mut extra = String::new();
        if spec.as_object().is_some_and(|o| !o.is_empty()) || returned(m).is_some() {
            extra = format!(", {}", literal(&spec));
        }
        if let Some(class) = returned(m) {
            extra.push_str(&format!(", {class}"));
        }
        writeln!(
            out,
            "    {prefix}async {name}(...args) {{\n      return await send(this, '{name}', '{http} {path}', args{extra});\n    }}",
            name = m.name,
            http = m.http,
            path = m.path,
        )
        .unwrap();
    }
    out.push_str("  ");
    true
}

fn enum_js(e: &Enum) -> String {
    let members: Map<String, Value> = e
        .members
        .iter()
        .map(|(k, v)| (k.to_string(), parse(v)))
        .collect();
    format!(
        "/** `{0}` values. */\nexport const {0} = /*#__PURE__*/ Object.freeze({1});\n\n",
        e.name,
        literal(&Value::Object(members))
    )
}

/// The last argument of a declaring call: the classes the extension reads by name, if any
/// (added to `refs`, the classes the module imports).
fn uses_arg(
    class: &str,
    exts: &BTreeMap<String, (String, String)>,
    refs: &mut Vec<String>,
) -> String {
    let names = exts
        .get(class)
        .map(|(_, text)| uses(text, class))
        .unwrap_or_default();
    if names.is_empty() {
        return String::new();
    }
    refs.extend(names.iter().cloned());
    format!("  () => [{}],\n", names.join(", "))
}

/// `js/generated/<area>.js`.
pub fn area_js(area: &Area, exts: &BTreeMap<String, (String, String)>) -> String {
    let mut body = String::new();
    let mut used_ext: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut other: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut runtime = BTreeSet::new();
    let (mut has_model, mut has_collection) = (false, false);
    // The class a generated class extends: its extension applied to `root`, or `root`.
    let base = |name: &str, root: &str, used: &mut BTreeMap<String, BTreeSet<String>>| match exts
        .get(name)
    {
        Some((stem, _)) => {
            used.entry(stem.clone())
                .or_default()
                .insert(format!("{name}Extension"));
            format!("/*#__PURE__*/ {name}Extension({root})")
        }
        None => root.to_string(),
    };
    for m in area.models {
        has_model = true;
        runtime.insert("declareModel");
        let removed = m.repository.map(|r| r.removed).unwrap_or(&[]);
        let mut class_body = String::new();
        if methods(&mut class_body, m.name, m.methods, removed, exts) {
            runtime.insert("send");
        }
        let mut refs: Vec<String> = m
            .methods
            .iter()
            .filter_map(returned)
            .map(String::from)
            .collect();
        if !m.doc.is_empty() {
            writeln!(body, "/** {} */", m.doc).unwrap();
        }
        let extends = base(m.name, "Model", &mut used_ext);
        let read = uses_arg(m.name, exts, &mut refs);
        writeln!(
            body,
            "export const {0} = /*#__PURE__*/ declareModel(\n  class {0} extends {extends} {{{class_body}}},\n  {1},\n{read});\n",
            m.name,
            literal(&model_spec(m))
        )
        .unwrap();
        if let Some(c) = &m.collection {
            has_collection = true;
            runtime.insert("declareCollection");
            let mut class_body = String::new();
            if methods(&mut class_body, c.name, c.methods, &[], exts) {
                runtime.insert("send");
            }
            refs.extend(c.methods.iter().filter_map(returned).map(String::from));
            let extends = base(c.name, "Collection", &mut used_ext);
            let read = uses_arg(c.name, exts, &mut refs);
            writeln!(
                body,
                "/** A list of {0}s. */\nexport const {1} = /*#__PURE__*/ declareCollection(\n  class {1} extends {extends} {{{class_body}}},\n  {2},\n  {0},\n{read});\n",
                m.name,
                c.name,
                literal(&collection_spec(c))
            )
            .unwrap();
        }
        for class in refs {
            let from = area_of(&class);
            if from != area.name {
                other.entry(from).or_default().insert(class);
            }
        }
    }
    let mut out = String::from(HEADER);
    writeln!(
        out,
        "// The classes of src/domains/{}.rs; their runtime is js/declare.js.",
        area.name
    )
    .unwrap();
    if has_model {
        out.push_str("import { Model } from '../model.js';\n");
    }
    if has_collection {
        out.push_str("import { Collection } from '../collection.js';\n");
    }
    if !runtime.is_empty() {
        let names: Vec<&str> = runtime.into_iter().collect();
        writeln!(
            out,
            "import {{ {} }} from '../declare.js';",
            names.join(", ")
        )
        .unwrap();
    }
    for (stem, names) in &used_ext {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        writeln!(
            out,
            "import {{ {} }} from '../extensions/{stem}.js';",
            names.join(", ")
        )
        .unwrap();
    }
    for (from, names) in &other {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        writeln!(out, "import {{ {} }} from './{from}.js';", names.join(", ")).unwrap();
    }
    out.push('\n');
    out.push_str(&body);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `js/generated/enums.js` (a module of its own, importing nothing: extensions read enums).
pub fn enums_js() -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for e in enums() {
        out.push_str(&enum_js(e));
    }
    out.pop();
    out
}

/// `js/generated/index.js`: every generated export.
pub fn index_js() -> String {
    let mut out = String::from(HEADER);
    for area in AREAS {
        let mut names = Vec::new();
        for m in area.models {
            names.push(m.name);
            if let Some(c) = &m.collection {
                names.push(c.name);
            }
        }
        writeln!(
            out,
            "export {{ {} }} from './{}.js';",
            names.join(", "),
            area.name
        )
        .unwrap();
    }
    let names: Vec<&str> = enums().map(|e| e.name).collect();
    writeln!(out, "export {{ {} }} from './enums.js';", names.join(", ")).unwrap();
    out
}

/// Every generated file: path relative to the repository, content.
pub fn files() -> Vec<(String, String)> {
    let exts = extensions("js");
    let mut out: Vec<(String, String)> = AREAS
        .iter()
        .map(|a| (format!("js/generated/{}.js", a.name), area_js(a, &exts)))
        .collect();
    out.push(("js/generated/enums.js".into(), enums_js()));
    out.push(("js/generated/index.js".into(), index_js()));
    out.push(("js/index.d.ts".into(), super::typescript::render()));
    out
}

/// Also run by `UPDATE_TYPES=1 cargo test typescript`, the command of earlier versions.
#[test]
fn generated_js_and_typescript_are_current() {
    let update = ["UPDATE_GENERATED", "UPDATE_TYPES"]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
    let mut stale = Vec::new();
    let files = files();
    for (path, content) in &files {
        let full = root().join(path);
        if update {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, content).unwrap();
        } else if std::fs::read_to_string(&full).unwrap_or_default() != *content {
            stale.push(path.clone());
        }
    }
    // A file of js/generated/ that no area renders any more (a removed area) is stale too.
    for entry in std::fs::read_dir(root().join("js/generated")).unwrap() {
        let path = format!(
            "js/generated/{}",
            entry.unwrap().file_name().to_string_lossy()
        );
        if !files.iter().any(|(p, _)| *p == path) {
            if update {
                std::fs::remove_file(root().join(&path)).unwrap();
            } else {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `UPDATE_GENERATED=1 cargo test generated`"
    );
}

#[test]
fn every_extension_names_a_declared_class() {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for m in models() {
        names.insert(m.name);
        if let Some(c) = &m.collection {
            names.insert(c.name);
        }
    }
    for ext in ["js", "d.ts"] {
        for (class, (_, text)) in extensions(ext) {
            assert!(
                names.contains(class.as_str()),
                "js/extensions/*.{ext}: {class}Extension names no declared class"
            );
            for used in uses(&text, &class) {
                assert!(names.contains(used.as_str()), "{class}: @uses {used}");
            }
        }
    }
}

#[test]
fn a_method_the_extension_defines_is_not_generated() {
    let text = "export const UserExtension = (Base) =>\n  class extends Base {\n    async fetchFriends(x) {}\n    static regenerateKeys() {}\n  };\nexport const OtherExtension = (Base) =>\n  class extends Base {\n    fetchResumeActivity() {}\n  };\n";
    let exts = BTreeMap::from([("User".to_string(), ("users".to_string(), text.to_string()))]);
    let user = AREAS.iter().find(|a| a.name == "user").unwrap();
    let js = area_js(user, &exts);
    // Defined by the extension: not generated (an instance method, a static one).
    assert!(!js.contains("async fetchFriends("));
    assert!(!js.contains("static async regenerateKeys("));
    // Defined by another class's extension, or on the other side (static/instance): generated.
    assert!(js.contains("    async fetchResumeActivity(...args) {"));
    assert!(js.contains("    static async fetchCurrentUserKeys(...args) {"));
}

#[test]
fn an_extension_that_reads_classes_by_name_keeps_them() {
    let exts = extensions("js");
    let user = AREAS.iter().find(|a| a.name == "user").unwrap();
    assert!(area_js(user, &exts).contains("  () => [Role, RoleCollection],\n);"));
    // From another area: imported.
    let settings = AREAS.iter().find(|a| a.name == "settings").unwrap();
    let js = area_js(settings, &exts);
    assert!(js.contains("import { RoleCollection } from './user.js';"));
    assert!(js.contains("  UserRole,\n  () => [RoleCollection],\n);"));
}

#[test]
fn a_project_file_reads_as_code() {
    let exts = extensions("js");
    let project = AREAS.iter().find(|a| a.name == "project").unwrap();
    let js = area_js(project, &exts);
    assert!(js.contains("export const Project = /*#__PURE__*/ declareModel(\n  class Project extends /*#__PURE__*/ ProjectExtension(Model) {\n    /** The user who created the project. */\n"));
    assert!(js.contains(
        "    async fetchUsers(...args) {\n      return await send(this, 'fetchUsers', 'GET project/{id}/user.json', args, { params: { online: 'query' }, returns: 'collection' }, UserCollection);\n    }\n"
    ));
    assert!(js.contains("import { User, UserCollection } from './user.js';"));
    assert!(js.contains(
        "class ProjectCollection extends /*#__PURE__*/ ProjectCollectionExtension(Collection)"
    ));
    assert!(enums_js().contains("export const ProjectMemberRole = /*#__PURE__*/ Object.freeze({ CONTRIBUTOR: 'contributor', MANAGER: 'manager', REPRESENTATIVE: 'representative' });"));
}
