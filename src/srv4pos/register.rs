//! Telling whether another till works under this till's register name:
//! `GET /registrations/{name}/version` counts the changes the server has
//! recorded under the name (sales, refunds, cash movements) **(ours)**. A
//! till knows the version when it started watching and how many changes
//! it has made since; anything beyond is another till's.

use serde_json::Value;

/// `{"version": n}`, the number as a number or a numeric string.
pub fn read_version(body: &str) -> Option<u64> {
    let value: Value = serde_json::from_str(body).ok()?;
    let version = &value["version"];
    version
        .as_u64()
        .or_else(|| version.as_str().and_then(|text| text.trim().parse().ok()))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterWatch {
    /// The version first seen, and this till's changes counted at that time.
    baseline: Option<(u64, u64)>,
}

impl RegisterWatch {
    /// Whether `version`, read while this till had no change in flight and
    /// after `own_changes` changes of its own (a running count), shows
    /// another till's changes. A conflict is reported once; watching then
    /// starts again from it.
    pub fn observe(&mut self, version: u64, own_changes: u64) -> bool {
        let Some((seen, own_then)) = self.baseline else {
            self.baseline = Some((version, own_changes));
            return false;
        };
        let expected = seen.saturating_add(own_changes.saturating_sub(own_then));
        let conflict = version > expected;
        if conflict || version < seen {
            self.baseline = Some((version, own_changes));
        }
        conflict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_read_tolerantly() {
        assert_eq!(read_version(r#"{"version": 7}"#), Some(7));
        assert_eq!(read_version(r#"{"version": "8"}"#), Some(8));
        assert_eq!(read_version("<html>"), None);
        assert_eq!(read_version(r#"{"version": -1}"#), None);
    }

    #[test]
    fn only_changes_beyond_this_tills_own_are_another_tills() {
        let mut watch = RegisterWatch::default();
        assert!(!watch.observe(40, 0), "the first reading is the baseline");
        assert!(!watch.observe(40, 0));
        assert!(!watch.observe(42, 2), "two sales of this till");
        assert!(watch.observe(44, 3), "one of them another till's");
        assert!(!watch.observe(44, 3), "reported once");
        assert!(!watch.observe(45, 4));
        // A server reset is a new baseline, not a conflict.
        assert!(!watch.observe(1, 4));
        assert!(!watch.observe(2, 5));
    }
}
