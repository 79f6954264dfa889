//! Entry point of the app's wasm: mounts the app with its on-demand parts.

#[cfg(target_arch = "wasm32")]
mod parts;

/// Room for the splitter (`scripts/split-app.mjs`): wasm-split lays out each
/// module's read-only data again, aligned, and if that comes out even a few
/// bytes longer than the linker's segment it keeps every part's data in the
/// first load (+15 KB brotli; it happened at 27 bytes over). Data that no
/// function reads is placed in no module, so these bytes are the margin.
#[cfg(target_arch = "wasm32")]
#[used]
static SPLIT_SLACK: [u8; 1024] = [0x5a; 1024];

fn main() {
    // Natively this binary is empty: only the pure library is built and tested there.
    #[cfg(target_arch = "wasm32")]
    kassa::ui::mount(parts::PARTS);
}
