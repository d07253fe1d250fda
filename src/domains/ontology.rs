//! Ontologies, terms and relations between terms (contract §3.2-§3.4).

use super::spec::{Place::*, Ty::*, *};

/// `Ontology`: `children` (the term tree) and `projects` arrive nested; the JS extension
/// (js/extensions/repository.js) holds them as a `TermCollection` and a `ProjectCollection`,
/// with `terms` an alias of `children`, as cytomine-client does.
pub const ONTOLOGY: Model = Model {
    name: "Ontology",
    cb: "ontology",
    java_class: docs!("be.cytomine.domain.ontology.Ontology"),
    doc: docs!("A vocabulary of terms used to label annotations."),
    fields: &[f("name", Str), f("user", Id), f("dataType", Str)],
    collection: Some(Collection {
        name: "OntologyCollection",
        props: &[f("light", Bool)],
        ..COLLECTION
    }),
    // Today's `terms` (every term, flat, each with nested `children`) gives 5.2's `children`
    // tree in the JS extension.
    repository: Some(REPOSITORY),
    ..MODEL
};

/// `Term`.
pub const TERM: Model = Model {
    name: "Term",
    cb: "term",
    java_class: docs!("be.cytomine.domain.ontology.Term"),
    doc: docs!("A label of an ontology, with a colour."),
    fields: &[
        f("name", Str),
        f("comment", Str),
        f("ontology", Id),
        f("parent", Id),
        f("color", Str),
        f("ontologyId", Id),
        f("children", Ts("Array<Record<string, unknown>>")),
        f("dataType", Str),
    ],
    collection: Some(Collection {
        name: "TermCollection",
        filters: &["", "project", "ontology"],
        ..COLLECTION
    }),
    // `GET /api/term.json` (every term) is gone today.
    repository: Some(Repository {
        renamed: &[("ontology", "ontologyId")],
        removed: &["list"],
        ..REPOSITORY
    }),
    ..MODEL
};

/// `RelationTerm`: the parent relation between two terms.
pub const RELATION_TERM: Model = Model {
    name: "RelationTerm",
    cb: "relationterm",
    java_class: docs!("be.cytomine.domain.ontology.RelationTerm"),
    doc: docs!("A relation between two terms (term1 is the parent of term2)."),
    fields: &[
        f("relation", Id),
        f("term1", Id),
        f("term2", Id),
        f("relationId", Id),
        f("term1Id", Id),
        f("term2Id", Id),
        f("name", Str),
        f("dataType", Str),
    ],
    uri: Uri::Templates {
        new: "relation/parent/term.json",
        existing: "relation/parent/term1/{term1}/term2/{term2}.json",
    },
    disabled: Disabled {
        fetch: false,
        update: true,
        delete: false,
    },
    label: "term2",
    methods: &[Method {
        name: "fetchAllOfTerm",
        is_static: true,
        path: "relation/term/{term}.json",
        params: &[p("term", Id, Path, "")],
        returns: Returns::Member("collection"),
        doc: docs!("All relations a term takes part in (core 5.2; today the path means one relation by id)."),
        ..GET
    }],
    // Today `GET relation/term/{id}.json` is one relation by its id, and the fetch by both terms
    // is gone; the delete by both terms is kept.
    repository: Some(Repository {
        renamed: &[("relation", "relationId"), ("term1", "term1Id"), ("term2", "term2Id")],
        removed: &["fetchAllOfTerm"],
        ..REPOSITORY
    }),
    ..MODEL
};
