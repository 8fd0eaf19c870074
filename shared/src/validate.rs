//! Turns `validator` errors into [`FieldError`]s with dotted paths (`unit.employees`).

use crate::wire::FieldError;
use validator::{ValidationErrors, ValidationErrorsKind};

/// Flattens nested validation errors, naming each field by its path.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect("", errors, &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
    for (name, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let (zh, en) = describe(e);
                    out.push(FieldError::new(path.clone(), zh, en));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

fn describe(e: &validator::ValidationError) -> (String, String) {
    let bound = |key: &str| e.params.get(key).map(|v| v.to_string());
    match e.code.as_ref() {
        "range" => {
            let min = bound("min").unwrap_or_default();
            let max = bound("max").unwrap_or_default();
            (
                format!("应为 {min} 到 {max} 之间的整数"),
                format!("must be a whole number from {min} to {max}"),
            )
        }
        "length" => {
            let max = bound("max").unwrap_or_default();
            (
                format!("长度不能超过 {max} 个字符"),
                format!("must be at most {max} characters"),
            )
        }
        other => {
            let zh = e
                .message
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_else(|| format!("无效（{other}）"));
            (zh, format!("invalid ({other})"))
        }
    }
}
