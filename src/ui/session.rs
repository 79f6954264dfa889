//! The open shift, shared through context: who sells, and through which
//! loyalty backend.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::shift::ShiftOpening;
use crate::loyalty::backend::LoyaltyBackend;

pub struct Session {
    pub opening: ShiftOpening,
    pub backend: LoyaltyBackend,
    pub is_demo: bool,
    /// Identifies this shift in receipt numbers.
    pub shift_tag: String,
    next_receipt: Cell<u32>,
}

impl Session {
    pub fn new(opening: ShiftOpening, backend: LoyaltyBackend, is_demo: bool) -> Session {
        Session {
            opening,
            backend,
            is_demo,
            shift_tag: crate::web::clock::now_tag(),
            next_receipt: Cell::new(1),
        }
    }

    /// The next receipt number: till, shift and sequence, unique per branch.
    pub fn mint_receipt_number(&self) -> String {
        let sequence = self.next_receipt.get();
        self.next_receipt.set(sequence + 1);
        format!(
            "{}-{}-{:06}",
            crate::web::till::till_id(),
            self.shift_tag,
            sequence
        )
    }
}

/// The current session, `None` while the login screen shows.
#[derive(Clone, Copy)]
pub struct CurrentSession(pub RwSignal<Option<Rc<Session>>, LocalStorage>);

impl CurrentSession {
    pub fn provide() -> CurrentSession {
        let current = CurrentSession(RwSignal::new_local(None));
        provide_context(current);
        current
    }

    pub fn get() -> CurrentSession {
        expect_context::<CurrentSession>()
    }

    /// The open session; components under the checkout screen only exist
    /// while there is one.
    pub fn session(self) -> Option<Rc<Session>> {
        self.0.get_untracked()
    }
}
