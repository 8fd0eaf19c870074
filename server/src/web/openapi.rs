//! The OpenAPI document (`GET /api/openapi.json`), built from the same endpoint descriptions the
//! router is: every path, method, parameter, body and reply is what `shared::api` says, so the
//! document cannot list an endpoint the server does not answer, or miss one it does.

use shared::api::{Endpoint, Visitor, path_params, visit_all};
use shared::wire::ErrorBody;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Paths, RefOr,
    Required, ResponseBuilder, Schema,
};
use utoipa::{IntoParams, PartialSchema, ToSchema};

const JSON: &str = "application/json";
const BINARY: &str = "application/octet-stream";

/// The schemas referenced from bodies, replies and queries, by name.
type Schemas = Vec<(String, RefOr<Schema>)>;

#[derive(Default)]
struct Document {
    paths: Paths,
    schemas: Schemas,
}

fn method(m: shared::api::Method) -> HttpMethod {
    use shared::api::Method as M;
    match m {
        M::Get => HttpMethod::Get,
        M::Post => HttpMethod::Post,
        M::Put => HttpMethod::Put,
        M::Patch => HttpMethod::Patch,
        M::Delete => HttpMethod::Delete,
    }
}

fn binary() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
        .into()
}

/// A schema inline, with what it references collected.
fn schema_of<T: ToSchema>(schemas: &mut Schemas) -> RefOr<Schema> {
    T::schemas(schemas);
    T::schema()
}

/// The operation id: the endpoint's type name in snake case (`CreatePanel` → `create_panel`).
fn operation_id<E>() -> String {
    let name = std::any::type_name::<E>().rsplit("::").next().unwrap_or("");
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

impl Visitor for Document {
    fn visit<E: Endpoint>(&mut self) {
        let mut op = OperationBuilder::new()
            .summary(Some(E::SUMMARY))
            .operation_id(Some(operation_id::<E>()));
        let mut params: Vec<_> = path_params(E::PATH)
            .into_iter()
            .map(|name| {
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32))),
                    ))
                    .build()
            })
            .collect();
        params.extend(E::Query::into_params(|| Some(ParameterIn::Query)));
        if !params.is_empty() {
            op = op.parameters(Some(params));
        }
        if E::HAS_BODY {
            let body = schema_of::<E::Body>(&mut self.schemas);
            let (mime, schema) = if E::Body::name() == "File" {
                (BINARY, binary())
            } else {
                (JSON, body)
            };
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .content(mime, ContentBuilder::new().schema(Some(schema)).build())
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        let success = ResponseBuilder::new().description(E::SUMMARY);
        let success = if E::STATUS == 204 {
            success
        } else if E::FILE_REPLY {
            success.content(BINARY, ContentBuilder::new().schema(Some(binary())).build())
        } else {
            let reply = schema_of::<E::Reply>(&mut self.schemas);
            success.content(JSON, ContentBuilder::new().schema(Some(reply)).build())
        };
        let error = || {
            ResponseBuilder::new()
                .description("The error, with each invalid field named (`fields`)")
                .content(
                    JSON,
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                            ErrorBody::name(),
                        ))))
                        .build(),
                )
        };
        op = op
            .response(E::STATUS.to_string(), success)
            .response("4XX", error())
            .response("5XX", error());
        let path = E::PATH.to_owned();
        self.paths
            .add_path_operation(path, vec![method(E::METHOD)], op.build());
    }
}

/// The document.
pub fn document() -> OpenApi {
    let mut doc = Document::default();
    visit_all(&mut doc);
    doc.schemas
        .push((ErrorBody::name().into_owned(), ErrorBody::schema()));
    ErrorBody::schemas(&mut doc.schemas);
    let mut components = ComponentsBuilder::new();
    for (name, schema) in doc.schemas {
        components = components.schema(name, schema);
    }
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("技能大师工作室管理系统 API")
                .description(Some("Ningxia skill master studio system"))
                .version(env!("CARGO_PKG_VERSION")),
        )
        .paths(doc.paths)
        .components(Some(components.build()))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_in_the_document_under_its_method() {
        struct Count(usize);
        impl Visitor for Count {
            fn visit<E: Endpoint>(&mut self) {
                self.0 += 1;
            }
        }
        let mut n = Count(0);
        visit_all(&mut n);
        let doc = serde_json::to_value(document()).expect("serialises");
        let operations: usize = doc["paths"]
            .as_object()
            .expect("paths")
            .values()
            .map(|item| item.as_object().map_or(0, |m| m.len()))
            .sum();
        assert_eq!(operations, n.0);
        assert!(doc["paths"]["/api/panels/{id}/close"]["post"].is_object());
        assert_eq!(
            doc["paths"]["/api/panels/{id}/close"]["post"]["operationId"],
            "close_panel"
        );
    }
}
