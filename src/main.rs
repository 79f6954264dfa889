//! Entry point of the app's wasm: mounts the app with its on-demand parts.

#[cfg(target_arch = "wasm32")]
mod parts;

fn main() {
    // Natively this binary is empty: only the pure library is built and tested there.
    #[cfg(target_arch = "wasm32")]
    kassa::ui::mount(parts::PARTS);
}
