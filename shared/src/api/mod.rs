//! Every endpoint of the JSON API, described once: its method, path, query, body, reply and the
//! status of success. The server's router and its OpenAPI document are built from these
//! descriptions, the browser calls them through one generic function, and the server's tests
//! call them through typed helpers, so a path or a type cannot drift between them.
//!
//! One module per domain of the server, in the order of the programme:
//! [`public`], [`accounts`], [`admin`], [`applications`], [`procedure`], [`panels`],
//! [`scoring`], [`ledger`], [`dashboard`], [`life`].

use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod dashboard;
pub mod ledger;
pub mod life;
pub mod panels;
pub mod procedure;
pub mod public;
pub mod query;
pub mod scoring;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_http(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What the OpenAPI document needs of a body or a reply (nothing without the `openapi` feature).
#[cfg(feature = "openapi")]
pub trait Schema: utoipa::ToSchema {}
#[cfg(feature = "openapi")]
impl<T: utoipa::ToSchema> Schema for T {}
#[cfg(not(feature = "openapi"))]
pub trait Schema {}
#[cfg(not(feature = "openapi"))]
impl<T> Schema for T {}

/// What the OpenAPI document needs of a query (nothing without the `openapi` feature).
#[cfg(feature = "openapi")]
pub trait Params: utoipa::IntoParams {}
#[cfg(feature = "openapi")]
impl<T: utoipa::IntoParams> Params for T {}
#[cfg(not(feature = "openapi"))]
pub trait Params {}
#[cfg(not(feature = "openapi"))]
impl<T> Params for T {}

/// One endpoint.
pub trait Endpoint {
    const METHOD: Method;
    /// The full path, with `{name}` for each path parameter, as axum and OpenAPI write it.
    const PATH: &'static str;
    /// What it does: the first line of its description.
    const SUMMARY: &'static str;
    /// The status of success.
    const STATUS: u16;
    /// Whether a body is sent (`()` bodies are not).
    const HAS_BODY: bool;
    /// The reply is a file (a download or an export), not JSON.
    const FILE_REPLY: bool;
    type Query: Serialize + DeserializeOwned + Params;
    type Body: Serialize + DeserializeOwned + Schema;
    type Reply: Serialize + DeserializeOwned + Schema;
}

/// The query of an endpoint that takes none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct NoQuery {}

/// A reply with no content (204).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoContent;

/// A body or reply that is a file (an upload's bytes, a download, an export), not JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct File;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for File {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Binary,
            )))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for File {}

/// `()`, spelled as the macro sees it, is the body of an endpoint that sends none.
pub const fn is_unit(ty: &str) -> bool {
    let b = ty.as_bytes();
    b.len() == 2 && b[0] == b'(' && b[1] == b')'
}

pub const fn is_file(ty: &str) -> bool {
    let b = ty.as_bytes();
    b.len() == 4 && b[0] == b'F' && b[1] == b'i' && b[2] == b'l' && b[3] == b'e'
}

/// `path` with each `{name}` replaced by the next of `args`, in order.
pub fn path_with(path: &str, args: &[i32]) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    let mut args = args.iter();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str(&rest[open..close]),
        }
        rest = &rest[close.min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// The path of `E` for these path parameters.
pub fn path<E: Endpoint>(args: &[i32]) -> String {
    path_with(E::PATH, args)
}

/// A query as the URL carries it: each field that is set, `name=value`, values percent-encoded
/// (RFC 3986 unreserved characters kept), by name.
pub fn query_string<Q: Serialize>(query: &Q) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(query) else {
        return String::new();
    };
    fields
        .iter()
        .filter_map(|(name, value)| {
            let text = match value {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(format!("{name}={}", percent_encode(&text)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL of a call to `E`: its path with `args`, and its query when one is set.
pub fn url<E: Endpoint>(args: &[i32], query: &E::Query) -> String {
    let path = path::<E>(args);
    match query_string(query) {
        q if q.is_empty() => path,
        q => format!("{path}?{q}"),
    }
}

/// The names of a path's parameters, in order.
pub fn path_params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Visits every endpoint (the OpenAPI document, the router's completeness test).
pub trait Visitor {
    fn visit<E: Endpoint>(&mut self);
}

/// Declares the endpoints of one domain and its [`visit`] function:
/// `Name: Method "path" [Query] (Body) => STATUS Reply;` with its doc comment.
macro_rules! endpoints {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident: $method:ident $path:literal [$query:ty] ($body:ty) => $status:literal $reply:ty;
    )*) => {
        $(
            $(#[doc = $doc])+
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl $crate::api::Endpoint for $name {
                const METHOD: $crate::api::Method = $crate::api::Method::$method;
                const PATH: &'static str = $path;
                const SUMMARY: &'static str = $crate::api::first_line(&[$($doc),+]);
                const STATUS: u16 = $status;
                const HAS_BODY: bool = !$crate::api::is_unit(stringify!($body));
                const FILE_REPLY: bool = $crate::api::is_file(stringify!($reply));
                type Query = $query;
                type Body = $body;
                type Reply = $reply;
            }
        )*

        /// Visits this domain's endpoints.
        pub fn visit(v: &mut impl $crate::api::Visitor) {
            $(v.visit::<$name>();)*
        }
    };
}
pub(crate) use endpoints;

/// The first doc line, trimmed (for `SUMMARY`).
pub const fn first_line(doc: &[&'static str]) -> &'static str {
    match doc.first() {
        Some(line) => trim_start(line),
        None => "",
    }
}

const fn trim_start(s: &'static str) -> &'static str {
    let mut b = s.as_bytes();
    while let [b' ', rest @ ..] = b {
        b = rest;
    }
    match std::str::from_utf8(b) {
        Ok(t) => t,
        Err(_) => s,
    }
}

/// Visits every endpoint of every domain.
pub fn visit_all(v: &mut impl Visitor) {
    public::visit(v);
    accounts::visit(v);
    admin::visit(v);
    applications::visit(v);
    procedure::visit(v);
    panels::visit(v);
    scoring::visit(v);
    ledger::visit(v);
    dashboard::visit(v);
    life::visit(v);
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<(Method, &'static str, &'static str)>);
    impl Visitor for Collect {
        fn visit<E: Endpoint>(&mut self) {
            self.0.push((E::METHOD, E::PATH, E::SUMMARY));
        }
    }

    #[test]
    fn every_endpoint_is_described_once_with_a_summary() {
        let mut c = Collect(Vec::new());
        visit_all(&mut c);
        assert!(c.0.len() >= 76, "{}", c.0.len());
        let mut seen = std::collections::HashSet::new();
        for (m, p, summary) in &c.0 {
            assert!(seen.insert((*m, *p)), "{} {p} twice", m.as_http());
            assert!(p.starts_with("/api/"), "{p}");
            assert!(!summary.is_empty(), "{p} has no summary");
        }
    }

    #[test]
    fn queries_carry_what_is_set_encoded() {
        let q = query::BoardQuery {
            round_id: Some(3),
            q: Some("银川 & co".into()),
            ..Default::default()
        };
        let u = url::<procedure::Board>(&[], &q);
        assert!(
            u.starts_with("/api/board?") && u.contains("round_id=3&"),
            "{u}"
        );
        assert!(u.contains("q=%E9%93%B6%E5%B7%9D%20%26%20co"), "{u}");
        assert!(u.contains("sort=") && !u.contains("state="), "{u}");
        assert_eq!(url::<public::Health>(&[], &NoQuery {}), "/api/health");
        assert_eq!(
            url::<life::StudioLife>(&[9], &NoQuery {}),
            "/api/studios/9/life"
        );
    }

    #[test]
    fn paths_take_their_parameters_in_order() {
        assert_eq!(
            path_with("/api/applications/{id}/attachments", &[7]),
            "/api/applications/7/attachments"
        );
        assert_eq!(
            path_with("/api/admin/holidays/{year}", &[2027]),
            "/api/admin/holidays/2027"
        );
        assert_eq!(path_with("/api/health", &[]), "/api/health");
        assert_eq!(path_params("/api/a/{id}/b/{year}"), ["id", "year"]);
        assert_eq!(
            path::<applications::Transition>(&[3]),
            "/api/applications/3/transition"
        );
        const { assert!(!accounts::Logout::HAS_BODY && accounts::Login::HAS_BODY) };
        const { assert!(dashboard::DashboardExport::FILE_REPLY && !dashboard::Dashboard::FILE_REPLY) };
    }
}
