//! Every Cytomine domain, declared once. `registry_json()` hands the declarations to the JS layer,
//! which builds the model and collection classes from them; `typescript` renders their types.
//! Adding a domain = one `Model` constant in one of these modules + one line in [`MODELS`].

use alloc::string::String;
use alloc::vec::Vec;
pub mod spec;

mod annotation;
mod group;
mod image;
mod meta;
mod ontology;
mod project;
mod settings;
mod social;
mod storage;
mod user;

#[cfg(test)]
mod typescript;

use spec::{
    Args, Collection, Enum, Field, Method, Model, Param, Place, Repository, Returns, Ty, Uri,
};

/// All declared models, in export order.
pub const MODELS: &[Model] = &[
    project::PROJECT,
    ontology::ONTOLOGY,
    ontology::TERM,
    ontology::RELATION_TERM,
    image::ABSTRACT_IMAGE,
    image::IMAGE_INSTANCE,
    image::SLICE_INSTANCE,
    annotation::ANNOTATION,
    annotation::ANNOTATION_TERM,
    user::USER,
    user::ROLE,
    meta::PROPERTY,
    meta::TAG,
    meta::TAG_DOMAIN_ASSOCIATION,
    meta::DESCRIPTION,
    storage::STORAGE,
    storage::STORAGE_ACCESS,
    storage::STORAGE_USER_MODEL,
    storage::UPLOADED_FILE,
    storage::ABSTRACT_SLICE,
    storage::COMPANION_FILE,
    storage::SAMPLE_HISTOGRAM,
    group::TRACK,
    group::ANNOTATION_TRACK,
    group::IMAGE_GROUP,
    group::IMAGE_GROUP_IMAGE_INSTANCE,
    group::ANNOTATION_GROUP,
    group::ANNOTATION_LINK,
    settings::USER_ROLE,
    settings::CONFIGURATION,
    settings::IMAGE_FILTER,
    settings::IMAGE_FILTER_PROJECT,
    settings::TASK,
    settings::PROJECT_DEFAULT_LAYER,
    settings::PROJECT_REPRESENTATIVE,
    social::PROJECT_CONNECTION,
    social::IMAGE_CONSULTATION,
    social::USER_POSITION,
    meta::ATTACHED_FILE,
    meta::ANNOTATION_COMMENT,
    user::MY_ACCOUNT,
];

/// All enums.
pub const ENUMS: &[Enum] = &[
    annotation::ANNOTATION_TYPE,
    project::PROJECT_MEMBER_ROLE,
    storage::UPLOADED_FILE_STATUS,
];

/// The declarations as JSON, read once by the JS layer at load time.
pub fn registry_json() -> String {
    let mut w = Json(String::with_capacity(24 * 1024));
    w.0.push_str("{\"models\":[");
    for (i, m) in MODELS.iter().enumerate() {
        w.sep(i);
        w.model(m);
    }
    w.0.push_str("],\"enums\":[");
    for (i, e) in ENUMS.iter().enumerate() {
        w.sep(i);
        w.0.push_str("{\"name\":");
        w.str(e.name);
        w.0.push_str(",\"members\":{");
        for (j, (k, v)) in e.members.iter().enumerate() {
            w.sep(j);
            w.str(k);
            w.0.push(':');
            w.0.push_str(v);
        }
        w.0.push_str("}}");
    }
    w.0.push_str("]}");
    w.0
}

/// A minimal JSON writer for the static declarations (all strings are ASCII literals).
struct Json(String);

impl Json {
    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.0.push(',');
        }
    }

    fn str(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                _ => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn key(&mut self, k: &str) {
        self.0.push(',');
        self.str(k);
        self.0.push(':');
    }

    fn strs(&mut self, items: &[&str]) {
        self.0.push('[');
        for (i, s) in items.iter().enumerate() {
            self.sep(i);
            self.str(s);
        }
        self.0.push(']');
    }

    fn fields(&mut self, fields: &[Field]) {
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        self.strs(&names);
    }

    fn model(&mut self, m: &Model) {
        self.0.push_str("{\"name\":");
        self.str(m.name);
        self.key("cb");
        self.str(m.cb);
        self.key("label");
        self.str(m.label);
        self.key("fields");
        self.fields(m.fields);
        self.key("uri");
        match m.uri {
            Uri::Standard => self.str("standard"),
            Uri::Domain => self.str("domain"),
            Uri::Templates { new, existing } => {
                self.0.push_str("{\"new\":");
                self.str(new);
                self.key("existing");
                self.str(existing);
                self.0.push('}');
            }
        }
        self.key("disabled");
        let d = m.disabled;
        let names: Vec<&str> = [
            ("fetch", d.fetch),
            ("update", d.update),
            ("delete", d.delete),
        ]
        .iter()
        .filter(|(_, off)| *off)
        .map(|(n, _)| *n)
        .collect();
        self.strs(&names);
        self.key("methods");
        self.methods(m.methods);
        self.key("collection");
        match &m.collection {
            Some(c) => self.collection(c),
            None => self.0.push_str("null"),
        }
        self.key("repository");
        match &m.repository {
            Some(r) => self.repository(r),
            None => self.0.push_str("null"),
        }
        self.0.push('}');
    }

    fn repository(&mut self, r: &Repository) {
        self.0.push_str("{\"renamed\":[");
        for (i, (legacy, today)) in r.renamed.iter().enumerate() {
            self.sep(i);
            self.strs(&[legacy, today]);
        }
        self.0.push(']');
        self.key("removed");
        self.strs(r.removed);
        self.key("create");
        self.str(r.create);
        self.0.push('}');
    }

    fn collection(&mut self, c: &Collection) {
        self.0.push_str("{\"name\":");
        self.str(c.name);
        self.key("filters");
        self.strs(c.filters);
        self.key("props");
        self.fields(c.props);
        self.key("cb");
        self.str(c.cb);
        self.key("uri");
        self.str(c.uri);
        self.key("postSearch");
        self.str(c.post_search);
        self.key("defaults");
        self.0.push('{');
        for (i, (k, v)) in c.defaults.iter().enumerate() {
            self.sep(i);
            self.str(k);
            self.0.push(':');
            self.0.push_str(v);
        }
        self.0.push('}');
        self.key("methods");
        self.methods(c.methods);
        self.0.push('}');
    }

    fn methods(&mut self, methods: &[Method]) {
        self.0.push('[');
        for (i, m) in methods.iter().enumerate() {
            self.sep(i);
            self.0.push_str("{\"name\":");
            self.str(m.name);
            self.key("static");
            self.0.push_str(if m.is_static { "true" } else { "false" });
            self.key("http");
            self.str(m.http);
            self.key("path");
            self.str(m.path);
            self.key("options");
            self.0.push_str(if m.args == Args::Options {
                "true"
            } else {
                "false"
            });
            self.key("params");
            self.params(m.params);
            self.key("returns");
            self.returns(m.returns);
            self.key("setsLastCommand");
            self.0
                .push_str(if m.sets_last_command { "true" } else { "false" });
            self.0.push('}');
        }
        self.0.push(']');
    }

    fn params(&mut self, params: &[Param]) {
        self.0.push('[');
        for (i, p) in params.iter().enumerate() {
            self.sep(i);
            self.0.push_str("{\"name\":");
            self.str(p.name);
            self.key("place");
            self.str(match p.place {
                Place::Path => "path",
                Place::Query => "query",
                Place::Body => "body",
            });
            self.key("list");
            self.0
                .push_str(if p.ty == Ty::Ids { "true" } else { "false" });
            if !p.default.is_empty() {
                self.key("default");
                self.0.push_str(p.default);
            }
            self.0.push('}');
        }
        self.0.push(']');
    }

    fn returns(&mut self, r: Returns) {
        let (kind, a, b) = match r {
            Returns::Data => ("data", "", ""),
            Returns::Member(m) => ("member", m, ""),
            Returns::Model(class, m) => ("model", class, m),
            Returns::Collection(class) => ("collection", class, ""),
            Returns::PopulateSelf(m) => ("self", m, ""),
            Returns::Nothing => ("nothing", "", ""),
        };
        self.strs(&[kind, a, b]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_valid_json_with_every_model() {
        let json: serde_json::Value = serde_json::from_str(&registry_json()).unwrap();
        let models = json["models"].as_array().unwrap();
        assert_eq!(models.len(), MODELS.len());
        let project = &models[0];
        assert_eq!(project["name"], "Project");
        assert_eq!(project["cb"], "project");
        assert_eq!(
            project["collection"]["filters"],
            serde_json::json!(["", "user", "ontology"])
        );
        let add_user = project["methods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "addUser")
            .unwrap();
        assert_eq!(add_user["http"], "POST");
        assert_eq!(add_user["params"][0]["place"], "path");
        assert_eq!(json["enums"][0]["members"]["USER"], "UserAnnotation");
        let term = models.iter().find(|m| m["name"] == "Term").unwrap();
        assert_eq!(
            term["repository"]["renamed"],
            serde_json::json!([["ontology", "ontologyId"]])
        );
        assert_eq!(term["repository"]["removed"], serde_json::json!(["list"]));
        assert_eq!(project["repository"], serde_json::Value::Null);
    }

    #[test]
    fn declarations_are_consistent() {
        let mut names = std::collections::HashSet::new();
        for m in MODELS {
            assert!(names.insert(m.name), "duplicate model {}", m.name);
            if let Some(c) = &m.collection {
                assert!(names.insert(c.name), "duplicate collection {}", c.name);
                assert!(
                    !c.filters.is_empty(),
                    "{}: filters must list \"\" for unfiltered",
                    c.name
                );
            }
            let mut fields = std::collections::HashSet::new();
            for f in m.fields {
                assert!(!f.name.is_empty(), "{}: empty field name", m.name);
                assert!(
                    fields.insert(f.name),
                    "{}: duplicate field {}",
                    m.name,
                    f.name
                );
            }
            // A repository declaration names declared fields and operations that exist.
            if let Some(r) = &m.repository {
                for (legacy, today) in r.renamed {
                    assert!(fields.contains(legacy), "{}: renamed {legacy}", m.name);
                    assert!(fields.contains(today), "{}: renamed {today}", m.name);
                }
                for op in r.removed {
                    let known = ["fetch", "list", "update", "delete"].contains(op)
                        || m.methods.iter().any(|x| x.name == *op);
                    assert!(known, "{}: removed operation {op} is not declared", m.name);
                }
            }
            for method in m
                .methods
                .iter()
                .chain(m.collection.iter().flat_map(|c| c.methods))
            {
                // Every path placeholder is either the model id or a declared path parameter.
                let mut rest = method.path;
                while let Some(open) = rest.find('{') {
                    let close = rest[open..].find('}').unwrap() + open;
                    let name = rest[open + 1..close].trim_end_matches(":str");
                    let declared = method
                        .params
                        .iter()
                        .any(|p| p.name == name && p.place == Place::Path);
                    assert!(
                        declared || (name == "id" && !method.is_static),
                        "{}.{}: placeholder {{{name}}} is not a path parameter",
                        m.name,
                        method.name
                    );
                    rest = &rest[close + 1..];
                }
                if let Returns::Model(class, _) = method.returns {
                    assert!(
                        MODELS.iter().any(|x| x.name == class),
                        "{}: unknown model {class}",
                        method.name
                    );
                }
                if let Returns::Collection(class) = method.returns {
                    assert!(
                        MODELS
                            .iter()
                            .any(|x| x.collection.is_some_and(|c| c.name == class)),
                        "{}: unknown collection {class}",
                        method.name
                    );
                }
            }
        }
    }
}
