//! The Leptos user interface: small components that read domain state through
//! signals and turn cashier actions into domain calls.

mod app;
mod checkout;
mod customer_display;
mod dom_id;
mod field;
mod lang_select;
mod locale;
mod login;
mod modal;
mod money;
mod net_retry;
mod outbox;
mod printer;
mod session;
mod theme;
mod theme_toggle;
mod update_banner;

/// Mounts Kassa on the page body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}

/// Mounts the customer display (its own wasm, in the window the till opens).
pub fn mount_customer_display() {
    leptos::mount::mount_to_body(customer_display::CustomerDisplay);
}
