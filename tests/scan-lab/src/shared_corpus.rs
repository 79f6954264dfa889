//! The shared QR corpus (`shared/qr-corpus`: zxing's blackbox images and a
//! manifest of expected SHA-256 sums), read where a checkout has it.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where the corpus is: `KASSA_QR_CORPUS` if set, else `shared/qr-corpus`
/// beside the repository, as on a developer's machine and in CI. `None` when
/// neither exists, so the tools can say so and carry on.
pub fn locate() -> Option<PathBuf> {
    let dir = match std::env::var_os("KASSA_QR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/qr-corpus"),
    };
    dir.join("manifest.tsv").is_file().then_some(dir)
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("manifest line {line}: expected path, sha256, length and category separated by tabs")]
    Manifest { line: usize },
    #[error("decoding {path}: {source}")]
    Image {
        path: PathBuf,
        source: image::ImageError,
    },
}

/// One image and what it must decode to.
pub struct Entry {
    pub path: PathBuf,
    pub expected_sha256: String,
    pub category: String,
}

/// An entry's image as luma.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub luma: Vec<u8>,
}

/// The manifest's entries, in its order.
pub fn entries(dir: &Path) -> Result<Vec<Entry>, CorpusError> {
    let manifest = dir.join("manifest.tsv");
    let text = std::fs::read_to_string(&manifest).map_err(|source| CorpusError::Io {
        path: manifest,
        source,
    })?;
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| match line.split('\t').collect::<Vec<_>>()[..] {
            [path, sha, _len, category] => Ok(Entry {
                path: dir.join(path),
                expected_sha256: sha.to_ascii_lowercase(),
                category: category.to_owned(),
            }),
            _ => Err(CorpusError::Manifest { line: i + 1 }),
        })
        .collect()
}

impl Entry {
    pub fn load(&self) -> Result<Picture, CorpusError> {
        let image = image::open(&self.path).map_err(|source| CorpusError::Image {
            path: self.path.clone(),
            source,
        })?;
        let luma = image.to_luma8();
        Ok(Picture {
            width: luma.width(),
            height: luma.height(),
            luma: luma.into_raw(),
        })
    }

    /// The expected text's bytes as a code holds them: UTF-8, and for a
    /// text Shift_JIS can write that is not ASCII, its Shift_JIS bytes too
    /// (how Japanese codes carry text; zxing converts them, Kassa does not).
    pub fn expected_bytes(&self) -> Result<Vec<Vec<u8>>, CorpusError> {
        let path = self.path.with_extension("txt");
        let utf8 = std::fs::read(&path).map_err(|source| CorpusError::Io { path, source })?;
        let mut forms = vec![utf8.clone()];
        if let Ok(text) = std::str::from_utf8(&utf8) {
            let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
            if !unmappable && sjis.as_ref() != utf8.as_slice() {
                forms.push(sjis.into_owned());
            }
        }
        Ok(forms)
    }

    /// Correct means some payload's UTF-8 bytes hash to the expected sum.
    pub fn matches(&self, payloads: &[String]) -> bool {
        payloads
            .iter()
            .any(|p| sha256_hex(p.as_bytes()) == self.expected_sha256)
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_the_manifest_does() {
        let entry = Entry {
            path: PathBuf::new(),
            expected_sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                .into(),
            category: "x".into(),
        };
        assert!(entry.matches(&["other".into(), "abc".into()]));
        assert!(!entry.matches(&["abcd".into()]));
    }
}
