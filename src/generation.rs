//! The two Cytomine core generations in the field (delta §0) and what tells them apart: core 5.2
//! (the last standalone release) and today's core (the `cytomine/cytomine` monorepo). Pure
//! decisions only; the connection (`wasm/connection.rs`) probes and caches.

use crate::signing::SignatureForm;
use alloc::string::String;

/// A core generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreGeneration {
    /// Core 5.2 (June 2025): path-and-query signatures, `max`/`offset` paging everywhere.
    V5_2,
    /// Today's core (2026): signatures without the path, repository-backed domains with Spring
    /// paging, v2 command responses and RFC 7807 errors.
    Today,
}

/// Spring Data's largest page (`size` above it is clamped by the server).
pub const REPOSITORY_MAX_PAGE: u64 = 2000;

impl CoreGeneration {
    /// From the connection option `core`: `"5.2"` or `"2026"`.
    pub fn parse(name: &str) -> Option<CoreGeneration> {
        match name {
            "5.2" => Some(CoreGeneration::V5_2),
            "2026" => Some(CoreGeneration::Today),
            _ => None,
        }
    }

    /// The name users see (`cytomine.core`): `"5.2"` or `"2026"`.
    pub fn name(self) -> &'static str {
        match self {
            CoreGeneration::V5_2 => "5.2",
            CoreGeneration::Today => "2026",
        }
    }

    /// The API-key signature this generation checks.
    pub fn signature_form(self) -> SignatureForm {
        match self {
            CoreGeneration::V5_2 => SignatureForm::WithPath,
            CoreGeneration::Today => SignatureForm::WithoutPath,
        }
    }

    /// The generation a signature form that the server accepted reveals.
    pub fn of_form(form: SignatureForm) -> CoreGeneration {
        match form {
            SignatureForm::WithPath => CoreGeneration::V5_2,
            SignatureForm::WithoutPath => CoreGeneration::Today,
        }
    }
}

/// What the unauthenticated `GET {root}server/ping.json` probe says: 200 is core 5.2, 404 may be
/// today's core (confirmed by `GET {root}server/ping`, which both answer), anything else says
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeStep {
    /// The generation is known.
    Found(CoreGeneration),
    /// Ask `server/ping` to confirm today's core.
    Confirm,
    /// Detection impossible (error page, gateway, CORS...).
    Unknown,
}

/// The step after the `server/ping.json` probe answered `status`.
pub fn after_ping_json(status: u16) -> ProbeStep {
    match status {
        200..=299 => ProbeStep::Found(CoreGeneration::V5_2),
        404 => ProbeStep::Confirm,
        _ => ProbeStep::Unknown,
    }
}

/// The generation after the confirming `server/ping` answered `status` (ping.json was a 404).
pub fn after_ping(status: u16) -> Option<CoreGeneration> {
    (200..300)
        .contains(&status)
        .then_some(CoreGeneration::Today)
}

/// The server root the ping routes hang from, given the normalised API base path: core serves
/// `/server/ping` next to `/api/`, so a base path `/cytomine/api/` (core behind a path prefix)
/// gives `/cytomine/`; a base path that does not end in `api/` gives the host root.
pub fn server_root(base_path: &str) -> String {
    match base_path.strip_suffix("api/") {
        Some(root) if root.ends_with('/') => String::from(root),
        _ => String::from("/"),
    }
}

/// Route prefixes core 5.2 served at the server root (cytomine-client 3.1.0 calls them there)
/// that today's core serves only under the API base path (delta §3.1).
const MOVED_UNDER_API: &[&str] = &["/custom-ui/", "/command/"];

/// For today's core, the base-relative form of a root path that moved under the API base path
/// (`/custom-ui/config.json` → `custom-ui/config.json`); `None` when the path did not move.
pub fn moved_under_api(core: Option<CoreGeneration>, path: &str) -> Option<&str> {
    if core != Some(CoreGeneration::Today) {
        return None;
    }
    MOVED_UNDER_API
        .iter()
        .any(|prefix| path.starts_with(prefix))
        .then(|| path.strip_prefix('/'))
        .flatten()
}

/// The query-parameter name of a token on image and download URLs (delta §1.6): 5.2 reads
/// `Authorization`, today's core `authorization`.
pub fn token_parameter(core: CoreGeneration) -> &'static str {
    match core {
        CoreGeneration::V5_2 => "Authorization",
        CoreGeneration::Today => "authorization",
    }
}

/// The paging of one request of a repository-backed list: cytomine-client's `(max, offset)` to
/// keep, and Spring's `(page, size)` to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepositoryPaging {
    /// `(max, offset)` to send, `None` to drop them.
    pub legacy: Option<(u64, u64)>,
    /// `(page, size)` to send, if any.
    pub spring: Option<(u64, u64)>,
}

/// Paging parameters of one page of a repository-backed list (delta §3.2). `max` and `offset`
/// are what the caller asked (cytomine-client's paging, `max` 0 = everything); today's core reads
/// Spring's `page` (0-based) and `size` instead. With the generation unknown both sets are sent
/// (each server ignores the other's).
pub fn repository_paging(core: Option<CoreGeneration>, max: u64, offset: u64) -> RepositoryPaging {
    let size = if max == 0 {
        REPOSITORY_MAX_PAGE
    } else {
        max.min(REPOSITORY_MAX_PAGE)
    };
    let spring = (offset / size, size);
    let (legacy, spring) = match core {
        Some(CoreGeneration::V5_2) => (Some((max, offset)), None),
        Some(CoreGeneration::Today) => (None, Some(spring)),
        None => (Some((max, offset)), Some(spring)),
    };
    RepositoryPaging { legacy, spring }
}

/// The page size `fetchAll` plans with for a repository-backed list: today's core never answers
/// more than [`REPOSITORY_MAX_PAGE`] items per page (nor "everything" for `max` 0).
pub fn repository_page_size(core: Option<CoreGeneration>, page_size: u64) -> u64 {
    match core {
        Some(CoreGeneration::V5_2) => page_size,
        _ if page_size == 0 => REPOSITORY_MAX_PAGE,
        _ => page_size.min(REPOSITORY_MAX_PAGE),
    }
}

#[cfg(test)]
mod tests {
    use super::CoreGeneration::*;
    use super::*;

    #[test]
    fn names_round_trip_and_bad_names_are_refused() {
        for core in [V5_2, Today] {
            assert_eq!(CoreGeneration::parse(core.name()), Some(core));
            assert_eq!(CoreGeneration::of_form(core.signature_form()), core);
        }
        assert_eq!(CoreGeneration::parse("5.3"), None);
        assert_eq!(CoreGeneration::parse(""), None);
        assert_eq!(V5_2.signature_form(), SignatureForm::WithPath);
        assert_eq!(Today.signature_form(), SignatureForm::WithoutPath);
    }

    #[test]
    fn probe_decisions() {
        assert_eq!(after_ping_json(200), ProbeStep::Found(V5_2));
        assert_eq!(after_ping_json(404), ProbeStep::Confirm);
        assert_eq!(after_ping_json(401), ProbeStep::Unknown);
        assert_eq!(after_ping_json(502), ProbeStep::Unknown);
        assert_eq!(after_ping(200), Some(Today));
        assert_eq!(after_ping(404), None);
    }

    #[test]
    fn server_root_follows_a_path_prefix() {
        assert_eq!(server_root("/api/"), "/");
        assert_eq!(server_root("/cytomine/api/"), "/cytomine/");
        assert_eq!(server_root("/core/v1/"), "/");
        assert_eq!(server_root("/myapi/"), "/");
    }

    #[test]
    fn root_routes_moved_under_the_api_today() {
        let today = Some(Today);
        assert_eq!(
            moved_under_api(today, "/custom-ui/config.json"),
            Some("custom-ui/config.json")
        );
        assert_eq!(
            moved_under_api(today, "/custom-ui/project/{id}.json"),
            Some("custom-ui/project/{id}.json")
        );
        assert_eq!(
            moved_under_api(today, "/command/undo.json"),
            Some("command/undo.json")
        );
        assert_eq!(moved_under_api(today, "/server/ping"), None);
        assert_eq!(moved_under_api(today, "custom-ui/config.json"), None);
        assert_eq!(moved_under_api(Some(V5_2), "/custom-ui/config.json"), None);
        assert_eq!(moved_under_api(None, "/custom-ui/config.json"), None);
    }

    #[test]
    fn token_parameter_names() {
        assert_eq!(token_parameter(V5_2), "Authorization");
        assert_eq!(token_parameter(Today), "authorization");
    }

    #[test]
    fn repository_paging_per_generation() {
        let paging = |core, max, offset| {
            let p = repository_paging(core, max, offset);
            (p.legacy, p.spring)
        };
        assert_eq!(paging(Some(V5_2), 50, 100), (Some((50, 100)), None));
        assert_eq!(paging(Some(Today), 50, 100), (None, Some((2, 50))));
        // max 0 ("everything") is Spring's largest page on today's core.
        assert_eq!(paging(Some(Today), 0, 0), (None, Some((0, 2000))));
        assert_eq!(paging(Some(Today), 5000, 4000), (None, Some((2, 2000))));
        assert_eq!(paging(None, 10, 30), (Some((10, 30)), Some((3, 10))));
        assert_eq!(repository_page_size(Some(V5_2), 0), 0);
        assert_eq!(repository_page_size(Some(Today), 0), 2000);
        assert_eq!(repository_page_size(None, 0), 2000);
        assert_eq!(repository_page_size(Some(Today), 7), 7);
        assert_eq!(repository_page_size(Some(Today), 9000), 2000);
    }
}
