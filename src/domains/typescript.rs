//! Renders `js/index.d.ts` from the declarations, so the TypeScript types always match the
//! generated classes (checked with them by `generate`'s test). A class with an extension
//! extends the extension's hand-written declaration (`export declare class <Class>Extension` in
//! `js/extensions/*.d.ts`), which brings the members the extension adds or replaces.

use super::generate::{extensions, HEADER};
use super::spec::{Args, Method, Model, Param, Returns, Ty};
use super::{enums, models};
use std::collections::BTreeMap;

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

/// Names a `.d.ts` exports as interfaces or types (options of extension methods), re-exported.
fn exported_types(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.strip_prefix("export interface ")
                .or_else(|| l.strip_prefix("export type "))
        })
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// The whole `js/index.d.ts`.
pub fn render() -> String {
    let exts = extensions("d.ts");
    let mut out = String::from(HEADER);
    out.push_str("import { Model, Collection, CollectionOptions, FetchAllOptions, Id } from './types/base.js';\n");
    let mut by_file: BTreeMap<&str, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (class, (stem, text)) in &exts {
        let entry = by_file.entry(stem.as_str()).or_default();
        entry.0.push(format!("{class}Extension"));
        if entry.1.is_empty() {
            entry.1 = exported_types(text);
        }
    }
    for (stem, (classes, _)) in &by_file {
        out.push_str(&format!(
            "import {{ {} }} from './extensions/{stem}.js';\n",
            classes.join(", ")
        ));
    }
    out.push_str("export * from './types/base.js';\n");
    for (stem, (_, types)) in &by_file {
        if !types.is_empty() {
            out.push_str(&format!(
                "export type {{ {} }} from './extensions/{stem}.js';\n",
                types.join(", ")
            ));
        }
    }
    out.push('\n');
    for e in enums() {
        out.push_str(&format!("export declare const {}: {{\n", e.name));
        for (k, v) in e.members {
            out.push_str(&format!("  readonly {k}: {v};\n"));
        }
        out.push_str(&format!(
            "}};\nexport type {0} = (typeof {0})[keyof typeof {0}];\n\n",
            e.name
        ));
    }
    for m in models() {
        model(&mut out, m, &exts);
    }
    out.push_str("/** The classes bound to one connection (`cytomine.models`). */\nexport interface BoundModels {\n");
    for m in models() {
        out.push_str(&format!("  readonly {0}: typeof {0};\n", m.name));
        if let Some(c) = &m.collection {
            out.push_str(&format!("  readonly {0}: typeof {0};\n", c.name));
        }
    }
    out.push_str("}\n");
    out
}

/// Whether the extension of `class` declares `member` (e.g. `constructor(`, `static fetch(`).
fn declares(exts: &BTreeMap<String, (String, String)>, class: &str, member: &str) -> bool {
    let Some((_, text)) = exts.get(class) else {
        return false;
    };
    let start = format!("export declare class {class}Extension");
    let Some(at) = text.find(&start) else {
        return false;
    };
    let body = &text[at..];
    let end = body.find("\n}").unwrap_or(body.len());
    body[..end].contains(&format!("  {member}"))
}

fn model(out: &mut String, m: &Model, exts: &BTreeMap<String, (String, String)>) {
    let base = if exts.contains_key(m.name) {
        format!("{}Extension", m.name)
    } else {
        "Model".to_string()
    };
    out.push_str(&format!(
        "/** {} */\nexport declare class {} extends {base} {{\n",
        m.doc, m.name
    ));
    if !declares(exts, m.name, "constructor(") {
        out.push_str("  constructor(props?: Record<string, unknown>);\n");
    }
    if !declares(exts, m.name, "static fetch(") {
        out.push_str(&format!("  static fetch(id: Id): Promise<{}>;\n", m.name));
    }
    for f in m.fields {
        out.push_str(&format!("  {}: {};\n", f.name, field_type(f.ty)));
    }
    for meth in m.methods {
        method(out, meth);
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
        let base = if exts.contains_key(c.name) {
            format!("{}Extension<{}, {filter_ty}>", c.name, m.name)
        } else {
            format!("Collection<{}, {filter_ty}>", m.name)
        };
        let mut props = String::new();
        for f in c.props {
            props.push_str(&format!("  {}: {};\n", f.name, field_type(f.ty)));
        }
        out.push_str(&format!(
            "/** A list of {name}s. */\nexport declare class {cname} extends {base} {{\n  constructor(options?: CollectionOptions<{filter_ty}>);\n  static readonly model: typeof {name};\n  static fetchAll(options?: CollectionOptions<{filter_ty}>, fetchOptions?: FetchAllOptions): Promise<{cname}>;\n{props}",
            name = m.name,
            cname = c.name
        ));
        for meth in c.methods {
            method(out, meth);
        }
        out.push_str("}\n\n");
    }
}
