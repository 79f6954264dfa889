//! The answers' JSON, in AppsPOS's shape, signed for the request they answer.

use serde_json::{json, Map, Value};

use crate::loyalty::appspos::sign::{self, SigningSecret};

/// `status`: "1" success, "0" refused, "2" in process.
pub(super) struct Answer {
    pub status: &'static str,
    pub show: bool,
    pub message: String,
    pub data: Map<String, Value>,
}

impl Answer {
    pub fn ok(message: &str, data: Value) -> Answer {
        Answer {
            status: "1",
            show: true,
            message: message.to_owned(),
            data: match data {
                Value::Object(map) => map,
                _ => Map::new(),
            },
        }
    }

    pub fn refused(message: &str) -> Answer {
        Answer {
            status: "0",
            show: true,
            message: message.to_owned(),
            data: Map::new(),
        }
    }

    pub fn in_process() -> Answer {
        Answer {
            status: "2",
            show: false,
            message: "Payment In Process".to_owned(),
            data: Map::new(),
        }
    }

    /// The body, signed with `secret` when the server knows the caller's.
    pub fn body(mut self, server_time: &str, signed: Option<(&SigningSecret, &str)>) -> String {
        if let Some((secret, request_signature)) = signed {
            let signature =
                sign::response_signature(secret, request_signature, server_time, self.status);
            self.data
                .insert("request_signature".into(), json!(request_signature));
            self.data
                .insert("response_signature".into(), json!(signature));
        }
        json!({
            "status": self.status,
            "show_status": if self.show { "1" } else { "0" },
            "message": self.message,
            "server_time": server_time,
            "data": Value::Object(self.data),
        })
        .to_string()
    }
}
