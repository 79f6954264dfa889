//! Entry point of the customer display's wasm, loaded only by its window
//! (`display.html`), so the till's first load does not carry the display.

fn main() {
    // Natively this binary is empty: the display's view is tested as a library.
    #[cfg(target_arch = "wasm32")]
    kassa::ui::mount_customer_display();
}
