//! The open shift, shared through context: who sells, through which loyalty
//! backend, and where its sales are kept.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::shift::{LoyaltyAccess, ShiftOpening};
use crate::loyalty::aos::client::AosClient;
use crate::loyalty::appspos::client::AppsPosClient;
use crate::loyalty::appspos::credentials::Credentials;
use crate::loyalty::backend::LoyaltyBackend;
use crate::loyalty::capillary::auth::Authorization;
use crate::loyalty::capillary::client::CapillaryClient;
use crate::loyalty::demo::client::DemoBackend;
use crate::srv4pos::address::StoreServer;
use crate::store::db::Store;
use crate::store::records::ShiftRecord;

pub struct Session {
    pub opening: ShiftOpening,
    pub backend: LoyaltyBackend,
    /// The shift's srv4pos store server, if it has one.
    pub store_server: Option<StoreServer>,
    pub is_demo: bool,
    /// Identifies this shift in receipt numbers.
    pub shift_tag: String,
    pub store: Rc<Store>,
}

impl Session {
    /// A session for a shift opened now or restored after a reload.
    pub fn new(
        opening: ShiftOpening,
        is_demo: bool,
        shift_tag: String,
        store: Rc<Store>,
    ) -> Session {
        let backend = match &opening.access {
            LoyaltyAccess::Aos(_) if is_demo => LoyaltyBackend::Demo(DemoBackend::start()),
            LoyaltyAccess::Aos(access) => LoyaltyBackend::Aos(AosClient::new(access.clone())),
            LoyaltyAccess::Capillary(_) if is_demo => {
                LoyaltyBackend::Capillary(CapillaryClient::demo(DemoBackend::start()))
            }
            LoyaltyAccess::Capillary(access) => LoyaltyBackend::Capillary(CapillaryClient::http(
                &access.base_url,
                Authorization::from_header_value(access.authorization.clone()),
            )),
            // This till's id is its `pos_name`.
            LoyaltyAccess::AppsPos(_) if is_demo => LoyaltyBackend::AppsPos(AppsPosClient::demo(
                DemoBackend::start(),
                &crate::web::till::till_id(),
            )),
            LoyaltyAccess::AppsPos(access) => LoyaltyBackend::AppsPos(AppsPosClient::http(
                &access.base_url,
                Credentials::new(
                    &access.api_key,
                    &access.secret,
                    &access.branch_code,
                    &crate::web::till::till_id(),
                ),
            )),
            LoyaltyAccess::None => LoyaltyBackend::None,
        };
        // Checked at login; a stored record that no longer reads as an
        // address (edited by hand) leaves the shift without one.
        let store_server = opening
            .store_server
            .as_ref()
            .filter(|_| !is_demo)
            .and_then(|access| {
                StoreServer::new(&access.url, &access.register, &access.api_key).ok()
            });
        Session {
            opening,
            backend,
            store_server,
            is_demo,
            shift_tag,
            store,
        }
    }

    pub fn record(&self) -> ShiftRecord {
        ShiftRecord::new(&self.opening, self.is_demo, &self.shift_tag)
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
