//! Every Cytomine domain, declared once. A native test (`generate`) renders them as the JS
//! sources of the model and collection classes (`js/generated/`) and their TypeScript
//! declarations (`js/index.d.ts`); the wasm does not carry them.
//! Adding a domain = one `Model` constant in one of these modules, listed in its [`AREAS`] entry,
//! then `UPDATE_GENERATED=1 cargo test generated`.

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
mod generate;
#[cfg(test)]
mod typescript;

use spec::{Area, Enum, Model};

/// Every area (one per module here, one generated file `js/generated/<name>.js` each), with its
/// domains and enums.
pub const AREAS: &[Area] = &[
    Area {
        name: "project",
        models: &[project::PROJECT],
        enums: &[project::PROJECT_MEMBER_ROLE],
    },
    Area {
        name: "ontology",
        models: &[ontology::ONTOLOGY, ontology::TERM, ontology::RELATION_TERM],
        enums: &[],
    },
    Area {
        name: "image",
        models: &[
            image::ABSTRACT_IMAGE,
            image::IMAGE_INSTANCE,
            image::SLICE_INSTANCE,
        ],
        enums: &[],
    },
    Area {
        name: "annotation",
        models: &[annotation::ANNOTATION, annotation::ANNOTATION_TERM],
        enums: &[annotation::ANNOTATION_TYPE],
    },
    Area {
        name: "user",
        models: &[user::USER, user::ROLE, user::MY_ACCOUNT],
        enums: &[],
    },
    Area {
        name: "meta",
        models: &[
            meta::PROPERTY,
            meta::TAG,
            meta::TAG_DOMAIN_ASSOCIATION,
            meta::DESCRIPTION,
            meta::ATTACHED_FILE,
            meta::ANNOTATION_COMMENT,
        ],
        enums: &[],
    },
    Area {
        name: "storage",
        models: &[
            storage::STORAGE,
            storage::STORAGE_ACCESS,
            storage::STORAGE_USER_MODEL,
            storage::UPLOADED_FILE,
            storage::ABSTRACT_SLICE,
            storage::COMPANION_FILE,
            storage::SAMPLE_HISTOGRAM,
        ],
        enums: &[storage::UPLOADED_FILE_STATUS],
    },
    Area {
        name: "group",
        models: &[
            group::TRACK,
            group::ANNOTATION_TRACK,
            group::IMAGE_GROUP,
            group::IMAGE_GROUP_IMAGE_INSTANCE,
            group::ANNOTATION_GROUP,
            group::ANNOTATION_LINK,
        ],
        enums: &[],
    },
    Area {
        name: "settings",
        models: &[
            settings::USER_ROLE,
            settings::CONFIGURATION,
            settings::IMAGE_FILTER,
            settings::IMAGE_FILTER_PROJECT,
            settings::TASK,
            settings::PROJECT_DEFAULT_LAYER,
            settings::PROJECT_REPRESENTATIVE,
        ],
        enums: &[],
    },
    Area {
        name: "social",
        models: &[
            social::PROJECT_CONNECTION,
            social::IMAGE_CONSULTATION,
            social::USER_POSITION,
        ],
        enums: &[],
    },
];

/// Every declared model, area by area.
pub fn models() -> impl Iterator<Item = &'static Model> {
    AREAS.iter().flat_map(|area| area.models)
}

/// Every declared enum.
pub fn enums() -> impl Iterator<Item = &'static Enum> {
    AREAS.iter().flat_map(|area| area.enums)
}

#[cfg(test)]
mod tests {
    use super::spec::{Place, Returns};
    use super::*;

    #[test]
    fn declarations_are_consistent() {
        let mut names = std::collections::HashSet::new();
        for m in models() {
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
                        models().any(|x| x.name == class),
                        "{}: unknown model {class}",
                        method.name
                    );
                }
                if let Returns::Collection(class) = method.returns {
                    assert!(
                        models().any(|x| x.collection.is_some_and(|c| c.name == class)),
                        "{}: unknown collection {class}",
                        method.name
                    );
                }
            }
        }
    }
}
