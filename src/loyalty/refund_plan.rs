//! A finalized refund as the steps its sale's loyalty program needs, stored
//! with it like a sale's plan: AOS `POST /transactions/refund` for a sale
//! with an AOS customer, Capillary's `return` bill for a sale to a member,
//! and AppsPOS `refund` of a sale paid in the app (whole refunds only).
//! A refund with nothing to reverse has no plan: it stands in the journal.

use super::aos::wire::{PaymentLabels, RefundBody};
use super::{appspos, capillary};
use crate::domain::refund::Refund;
use crate::domain::sale::Sale;
use crate::domain::shift::LoyaltyAccess;
use crate::store::records::PendingSale;
use crate::store::step::Step;

/// The plan of `refund` of `sale` on the shift's program. `in_app_refund_id`
/// is the AppsPOS `refund_id` kept from the sale's payment, if it had one.
pub fn plan(
    access: &LoyaltyAccess,
    sale: &Sale,
    refund: &Refund,
    in_app_refund_id: Option<&str>,
) -> Option<PendingSale> {
    let mut steps: Vec<(Step, String)> = match access {
        LoyaltyAccess::Aos(access) => sale
            .customer()
            .filter(|c| c.id.aos_code().is_some())
            .map(|_| {
                let body = RefundBody::new(refund, &access.branch_token, &PaymentLabels::default());
                vec![(Step::AosRefund, body.to_json())]
            })
            .unwrap_or_default(),
        LoyaltyAccess::Capillary(_) => capillary::plan::refund_steps(sale, refund),
        // The in-app payment goes back through its own step below.
        LoyaltyAccess::AppsPos(_) | LoyaltyAccess::None => Vec::new(),
    };
    if let Some(refund_id) = in_app_refund_id.filter(|_| !refund.tenders().in_app.is_zero()) {
        steps.extend(appspos::plan::refund_steps(refund_id));
    }
    (!steps.is_empty()).then(|| PendingSale::refund(&refund.number().0, &sale.number().0, steps))
}
