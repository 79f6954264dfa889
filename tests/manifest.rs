//! The web app manifest makes Kassa installable: the browser only offers
//! "Add to home screen" when its members and icons are right.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn public() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(public().join("manifest.webmanifest"))
        .expect("public/manifest.webmanifest is readable");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

fn member<'a>(manifest: &'a Value, name: &str) -> &'a str {
    manifest[name]
        .as_str()
        .unwrap_or_else(|| panic!("manifest member {name} is a string"))
}

/// Width and height from a PNG's IHDR chunk, or `None` if not a PNG.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let read =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((read(16), read(20)))
}

#[test]
fn names_colours_and_display_make_an_installable_app() {
    let manifest = manifest();
    assert_eq!(member(&manifest, "name"), "Kassa — point of sale");
    assert_eq!(member(&manifest, "short_name"), "Kassa");
    assert!(
        member(&manifest, "short_name").chars().count() <= 12,
        "fits under a launcher icon"
    );
    assert_eq!(member(&manifest, "display"), "standalone");
    // The theme is the app's accent, the splash background its page colour.
    assert_eq!(member(&manifest, "theme_color"), "#0f766e");
    assert_eq!(member(&manifest, "background_color"), "#f3f5f7");
    let index = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html"))
        .expect("index.html is readable");
    assert!(index.contains(r##"<meta name="theme-color" content="#0f766e" />"##));
    assert!(index.contains(r#"<link rel="manifest" href="public/manifest.webmanifest" />"#));
}

#[test]
fn start_url_and_scope_are_relative_so_a_sub_path_works() {
    let manifest = manifest();
    // Relative to the manifest in public/: the folder the app is served from.
    for name in ["start_url", "scope", "id"] {
        assert_eq!(member(&manifest, name), "../", "{name}");
    }
}

#[test]
fn every_icon_is_a_png_of_its_declared_size() {
    let manifest = manifest();
    let icons = manifest["icons"].as_array().expect("icons is a list");
    assert!(!icons.is_empty());
    for icon in icons {
        let src = member(icon, "src");
        assert!(!src.starts_with('/'), "{src} is relative to the manifest");
        let bytes = std::fs::read(public().join(src)).unwrap_or_else(|_| panic!("{src} exists"));
        let (width, height) = png_size(&bytes).unwrap_or_else(|| panic!("{src} is a PNG"));
        assert_eq!(member(icon, "sizes"), format!("{width}x{height}"), "{src}");
        assert_eq!(width, height, "{src} is square");
        assert_eq!(member(icon, "type"), "image/png");
    }
    let has = |size: &str, purpose: &str| {
        icons.iter().any(|icon| {
            icon["sizes"] == size
                && icon["purpose"]
                    .as_str()
                    .unwrap_or("any")
                    .split(' ')
                    .any(|p| p == purpose)
        })
    };
    assert!(has("192x192", "any"), "a 192 px icon for the home screen");
    assert!(has("512x512", "any"), "a 512 px icon for the splash screen");
    assert!(
        has("512x512", "maskable"),
        "a 512 px maskable icon for Android launchers"
    );
}

#[test]
fn png_size_refuses_what_is_not_a_png() {
    assert_eq!(png_size(b"GIF89a........................"), None);
    assert_eq!(png_size(b"\x89PNG\r\n\x1a\n"), None);
}
