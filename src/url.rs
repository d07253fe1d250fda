//! URL pieces: host and base-path normalisation, path templates, and query encoding.
//! Everything here is pure so it can be tested natively; the signed path and query are exactly
//! the strings built here (design §4: build the URL once, sign that).

use crate::error::ClientError;
use crate::ids::{parse_id, IdInput};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Normalises a host the way cytomine-client does (`http://` added when no scheme, one trailing
/// `/` removed), and refuses anything that is not plain http(s) with a host name.
pub fn normalize_host(raw: &str) -> Result<String, ClientError> {
    let trimmed = raw.trim();
    let mut host = if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
        trimmed.to_string()
    } else if after_scheme(trimmed).is_some() {
        return Err(ClientError::invalid(
            "host must use http:// or https://".into(),
        ));
    } else {
        let mut h = String::from("http://");
        h.push_str(trimmed);
        h
    };
    if host.ends_with('/') {
        host.pop();
    }
    let authority = after_scheme(&host).unwrap_or("");
    let valid = !authority.is_empty()
        && !authority.contains(['/', '?', '#', '@', ' ', '\\'])
        && authority.chars().all(|c| c.is_ascii_graphic());
    if !valid {
        let mut msg = String::from("invalid host: ");
        msg.push_str(&quote(raw));
        msg.push_str(" (expected e.g. https://cytomine.example.org)");
        return Err(ClientError::invalid(msg));
    }
    Ok(host)
}

/// What follows the first `://` of `url` (a byte scan: `str` pattern search would link core's
/// two-way searcher into the wasm).
pub fn after_scheme(url: &str) -> Option<&str> {
    let at = url.as_bytes().windows(3).position(|w| w == b"://")?;
    url.get(at + 3..)
}

/// Normalises a base path so it starts and ends with `/` (`api` -> `/api/`).
pub fn normalize_base_path(raw: &str) -> Result<String, ClientError> {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.contains(['?', '#', '\\', ' ']) || trimmed.split('/').any(|s| s == "." || s == "..")
    {
        let mut msg = String::from("invalid basePath: ");
        msg.push_str(&quote(raw));
        return Err(ClientError::invalid(msg));
    }
    let mut path = String::from("/");
    if !trimmed.is_empty() {
        path.push_str(trimmed);
        path.push('/');
    }
    Ok(path)
}

/// A value to put into a path template placeholder.
pub enum Segment {
    /// A placeholder written `{name}`: must be a valid id.
    Id(IdInput),
    /// A placeholder written `{name:str}`: any non-empty text, percent-encoded.
    Text(String),
}

/// Fills a path template such as `project/{id}/user/{user}.json` or
/// `domain/{domainClassName:str}/{domainIdent}/property.json`. `lookup(name, is_text)` supplies
/// each placeholder's value; ids are validated, text is percent-encoded, so no argument can change
/// the shape of the path.
pub fn fill_template(
    template: &str,
    mut lookup: impl FnMut(&str, bool) -> Option<Segment>,
) -> Result<String, ClientError> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let (spec, tail) = after
            .split_once('}')
            .ok_or_else(|| ClientError::invalid("unterminated path template".into()))?;
        let (name, is_text) = match spec.strip_suffix(":str") {
            Some(n) => (n, true),
            None => (spec, false),
        };
        match lookup(name, is_text) {
            Some(Segment::Id(input)) => {
                let id = parse_id(&input, name)?;
                push_u64(&mut out, id);
            }
            Some(Segment::Text(text)) => {
                if text.is_empty() || text == "." || text == ".." {
                    return Err(missing(name, "a non-empty value"));
                }
                encode_component(&mut out, &text);
            }
            None => return Err(missing(name, "a value")),
        }
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

fn missing(name: &str, what: &str) -> ClientError {
    let mut msg = String::from("missing argument `");
    msg.push_str(name);
    msg.push_str("`: expected ");
    msg.push_str(what);
    ClientError::invalid(msg)
}

/// Query parameters in the order they will be sent.
#[derive(Default, Debug, Clone, PartialEq)]
pub struct Query {
    pairs: Vec<(String, String)>,
    /// The first parameter whose value could not be sent exactly (see [`Query::refuse`]).
    refused: Option<String>,
}

impl Query {
    /// Marks parameter `key` as impossible to send exactly (a JS number beyond 2^53 - 1, already
    /// rounded): [`Query::check`] then fails, so no request goes out with a rounded id.
    pub fn refuse(&mut self, key: &str) {
        if self.refused.is_none() {
            self.refused = Some(key.to_string());
        }
    }

    /// `Err(invalid-argument)` when a parameter was refused.
    pub fn check(&self) -> Result<(), ClientError> {
        match &self.refused {
            None => Ok(()),
            Some(key) => {
                let mut msg = String::from("invalid query parameter `");
                msg.push_str(key);
                msg.push_str(
                    "`: a number above 2^53 - 1, which a JS number cannot hold exactly \
                     (give it as a decimal string)",
                );
                Err(ClientError::invalid(msg))
            }
        }
    }

    /// Appends one parameter (key and value are encoded when the query is rendered).
    pub fn push(&mut self, key: &str, value: &str) {
        self.pairs.push((key.to_string(), value.to_string()));
    }

    /// Replaces (or adds) a parameter, used for `offset`/`max` when paging.
    pub fn set(&mut self, key: &str, value: &str) {
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value.to_string(),
            None => self.push(key, value),
        }
    }

    /// The value of a parameter, when present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Removes every occurrence of a parameter.
    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    /// True when there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// `a=1&b=x%20y`: keys and values percent-encoded (RFC 3986 unreserved characters and `,`
    /// kept, so comma-joined id lists stay readable), in insertion order.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_component(&mut out, k);
            out.push('=');
            encode_component(&mut out, v);
        }
        out
    }
}

/// Percent-encodes `input` onto `out`, keeping RFC 3986 unreserved characters and `,`.
pub fn encode_component(out: &mut String, input: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Decimal rendering of an integer without the formatting machinery.
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// `"text"` for messages, shortened to 80 characters so a 10 MB argument never ends up in an error.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars();
    out.extend(chars.by_ref().take(80));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_normalised_like_cytomine_client() {
        assert_eq!(
            normalize_host("localhost:8080").unwrap(),
            "http://localhost:8080"
        );
        assert_eq!(normalize_host("https://c.org/").unwrap(), "https://c.org");
        assert_eq!(normalize_host(" http://c.org ").unwrap(), "http://c.org");
        for bad in [
            "ftp://c.org",
            "",
            "http://",
            "http://a b",
            "javascript://x",
            "http://u@h",
            "http://h/x",
        ] {
            assert!(normalize_host(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalize_base_path("api").unwrap(), "/api/");
        assert_eq!(normalize_base_path("/api/").unwrap(), "/api/");
        assert_eq!(normalize_base_path("/").unwrap(), "/");
        assert_eq!(normalize_base_path("cyto/api").unwrap(), "/cyto/api/");
        assert!(normalize_base_path("../api").is_err());
        assert!(normalize_base_path("api?x").is_err());
    }

    #[test]
    fn query_encoding_keeps_unreserved_and_commas() {
        let mut q = Query::default();
        q.push("terms", "1,2,3");
        q.push("name[ilike]", "a b&c=d/é");
        q.push("max", "10");
        assert_eq!(
            q.render(),
            "terms=1,2,3&name%5Bilike%5D=a%20b%26c%3Dd%2F%C3%A9&max=10"
        );
        q.set("max", "20");
        q.set("offset", "0");
        assert_eq!(
            q.render(),
            "terms=1,2,3&name%5Bilike%5D=a%20b%26c%3Dd%2F%C3%A9&max=20&offset=0"
        );
    }

    #[test]
    fn templates_validate_ids_and_encode_text() {
        let path = fill_template(
            "domain/{cls:str}/{ident}/property/{id}.json",
            |name, text| {
                Some(match (name, text) {
                    ("cls", true) => Segment::Text("be.cytomine.domain.project.Project".into()),
                    ("ident", false) => Segment::Id(IdInput::Number(12.0)),
                    ("id", false) => Segment::Id(IdInput::Text("7".into())),
                    _ => return None,
                })
            },
        )
        .unwrap();
        assert_eq!(
            path,
            "domain/be.cytomine.domain.project.Project/12/property/7.json"
        );

        let traversal = fill_template("project/{id}.json", |_, _| {
            Some(Segment::Id(IdInput::Text("1/../2".into())))
        });
        assert!(traversal.unwrap_err().message.contains("id"));
        let text = fill_template("configuration/key/{key:str}.json", |_, _| {
            Some(Segment::Text("a/../b".into()))
        });
        assert_eq!(text.unwrap(), "configuration/key/a%2F..%2Fb.json");
        assert!(
            fill_template("x/{key:str}.json", |_, _| Some(Segment::Text("..".into()))).is_err()
        );
        assert!(fill_template("x/{id}.json", |_, _| None).is_err());
        assert!(fill_template("x/{id.json", |_, _| None).is_err());
    }

    #[test]
    fn integers_render_without_fmt() {
        let mut s = String::new();
        push_u64(&mut s, 0);
        s.push(' ');
        push_u64(&mut s, 9_007_199_254_740_991);
        assert_eq!(s, "0 9007199254740991");
    }

    #[test]
    fn quotes_are_bounded() {
        let long = "x".repeat(10_000_000);
        assert_eq!(quote(&long).chars().count(), 83);
    }
}
