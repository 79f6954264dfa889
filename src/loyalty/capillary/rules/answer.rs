//! The answers' JSON, in Capillary's shape.

use serde_json::{json, Map, Value};

use crate::loyalty::capillary::wire::code;

pub(super) fn item_status(code: i64, message: &str) -> Value {
    json!({
        "success": if (code % 100 == 0) || code == code::BILL_NUMBER_EXISTS { "true" } else { "false" },
        "code": code,
        "message": message,
    })
}

pub(super) fn status(code: u16) -> Value {
    let message = match code {
        200 => "Success",
        400 => "Bad request",
        401 => "Unauthorized",
        409 => "Conflict",
        _ => "All requests have failed due to errors",
    };
    json!({ "success": if code == 200 { "true" } else { "false" }, "code": code, "message": message })
}

pub(super) fn answer(code: u16, entity: &str, item: &str, items: Value) -> Value {
    let mut inner = Map::new();
    inner.insert(item.to_owned(), items);
    let mut outer = Map::new();
    outer.insert("status".to_owned(), status(code));
    outer.insert(entity.to_owned(), Value::Object(inner));
    Value::Object(outer)
}

pub(super) fn status_only(code: u16, message: &str) -> Value {
    let mut status = status(code);
    status["message"] = json!(message);
    json!({ "status": status })
}

pub(super) fn customer_refusal(code: i64, message: &str) -> Value {
    answer(
        500,
        "customers",
        "customer",
        json!([{ "item_status": item_status(code, message) }]),
    )
}
