//! The Leptos user interface: small components that read domain state through
//! signals and turn cashier actions into domain calls.

mod app;
mod checkout;
mod customer_display;
pub mod deployment;
mod dom_id;
mod field;
mod front_door;
mod lang_select;
mod locale;
mod login;
mod modal;
mod money;
mod net_retry;
pub mod on_demand;
pub mod outbox;
mod printer;
pub mod session;
mod supervisor;
mod theme;
mod theme_toggle;
mod update_banner;

pub use checkout::{parts, shelf};

/// The app behind the login, a part of its own (see `front_door`).
pub fn app(
    store: std::rc::Rc<crate::store::db::Store>,
    shift: Option<crate::store::records::ShiftRecord>,
) -> leptos::prelude::AnyView {
    use leptos::prelude::IntoAny;
    leptos::prelude::view! { <app::App store shift/> }.into_any()
}

/// Mounts Kassa on the page body, with the parts the app's binary loads on
/// demand.
pub fn mount(parts: on_demand::Parts) {
    leptos::mount::mount_to_body(move || {
        leptos::prelude::provide_context(parts);
        leptos::prelude::view! { <front_door::FrontDoor/> }
    });
}

/// Mounts the customer display (its own wasm, in the window the till opens).
pub fn mount_customer_display() {
    leptos::mount::mount_to_body(customer_display::CustomerDisplay);
}
