//! What an AppsPOS server starts from: the branches' credentials, how many
//! polls stay "in process", and the transaction codes customers' apps show
//! (`../seed.json` for the demo and the sandbox).

use serde::{Deserialize, Serialize};

/// A branch's credentials.
#[derive(Debug, Clone, Deserialize)]
pub struct Branch {
    pub api_key: String,
    pub secret: String,
    pub branch_code: String,
}

/// A transaction code with what the customer chose in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub code: String,
    /// What to try it for, shown in the demo.
    #[serde(default)]
    pub label: String,
    /// The voucher's value (at most the cart), decimal text.
    #[serde(default = "zero")]
    pub voucher: String,
    /// The vouchers cover the whole cart, whatever it is.
    #[serde(default)]
    pub covers_all: bool,
    /// The payment in the app fails ("0") instead of succeeding.
    #[serde(default)]
    pub fails: bool,
    /// What the customer's app can pay at most (decimal text): a bill above
    /// it is paid up to it and the till takes the rest in cash or card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    pub branches: Vec<Branch>,
    /// Polls answered "2" after a release before the payment ends.
    pub in_process_polls: u32,
    pub codes: Vec<Code>,
}

fn zero() -> String {
    "0.00".to_owned()
}

impl Seed {
    /// The seed of the demo and the sandbox (`seed.json` beside the module).
    pub fn demo() -> Seed {
        serde_json::from_str(include_str!("../seed.json")).unwrap_or(Seed {
            branches: Vec::new(),
            in_process_polls: 0,
            codes: Vec::new(),
        })
    }
}
