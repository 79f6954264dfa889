//! Entry point of the print worker's wasm (see `kassa::print`): it carries
//! the receipt layout and the code-page tables, so the app's wasm does not.

fn main() {
    // Natively this binary is empty: the streams are tested as a library.
    #[cfg(target_arch = "wasm32")]
    kassa::print::worker::serve();
}
