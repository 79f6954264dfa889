//! The app's wasm keeps its relocations, so the post-build step can split
//! the dialogs a cashier opens now and then into files fetched on demand
//! (`scripts/split-app.mjs`). Only the app's own binary: the workers are not
//! split.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=kassa=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
