//! Telling a keyboard-wedge barcode scanner from a person at the keyboard.
//! A scanner types a whole code in one burst, a few milliseconds per key,
//! and ends it with Enter; a person leaves far longer gaps. Checkout uses
//! this where a scan must not count as typing: a product scanned while the
//! payment form has focus would otherwise become the cash received (an
//! EAN-8 code reads as 47 810 012 so'm) and its Enter would complete the sale.

/// The longest gap between two keys of one scanner burst. Scanners type
/// every 2–15 ms; a person's keys, even in a fast roll, are rarely this
/// close six times in a row.
pub const MAX_GAP_MS: u64 = 30;
/// The shortest code taken for a scan (EAN-8 is 8; a little slack).
pub const MIN_CODE_CHARS: usize = 6;

/// A key, as far as telling scans apart goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WedgeKey {
    /// A key that types one character.
    Char,
    Enter,
    /// Anything else (arrows, Backspace, Tab…): not part of a scan.
    Other,
}

impl WedgeKey {
    /// A browser key (`KeyboardEvent.key`), with whether Ctrl, Alt or Meta
    /// was held: a shortcut types nothing.
    pub fn from_key(key: &str, with_modifier: bool) -> WedgeKey {
        match key {
            "Enter" => WedgeKey::Enter,
            key if key.chars().count() == 1 && !with_modifier => WedgeKey::Char,
            _ => WedgeKey::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A person typing, or a burst still going. `burst_starts`: this key
    /// may be the first of a scan, so what the field held before it is what
    /// to restore if it turns out to be one.
    Typing { burst_starts: bool },
    /// Enter closing a scanner's burst of `chars` characters.
    Scan { chars: usize },
}

/// Watches the keys typed into one place, in order, with their times.
#[derive(Debug, Default)]
pub struct WedgeWatch {
    burst: usize,
    last_at_ms: Option<u64>,
}

impl WedgeWatch {
    pub fn key(&mut self, key: WedgeKey, at_ms: u64) -> Verdict {
        let close = self
            .last_at_ms
            .is_some_and(|last| at_ms.saturating_sub(last) <= MAX_GAP_MS);
        match key {
            WedgeKey::Char => {
                let burst_starts = !close;
                self.burst = if close { self.burst + 1 } else { 1 };
                self.last_at_ms = Some(at_ms);
                Verdict::Typing { burst_starts }
            }
            WedgeKey::Enter => {
                let chars = std::mem::take(&mut self.burst);
                self.last_at_ms = None;
                if close && chars >= MIN_CODE_CHARS {
                    Verdict::Scan { chars }
                } else {
                    Verdict::Typing {
                        burst_starts: false,
                    }
                }
            }
            WedgeKey::Other => {
                *self = WedgeWatch::default();
                Verdict::Typing {
                    burst_starts: false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `text` from `start`, `gap` ms apart, then Enter after `gap`.
    fn type_then_enter(watch: &mut WedgeWatch, text: &str, start: u64, gap: u64) -> Vec<Verdict> {
        let mut at = start;
        let mut verdicts = Vec::new();
        for _ in text.chars() {
            verdicts.push(watch.key(WedgeKey::Char, at));
            at += gap;
        }
        verdicts.push(watch.key(WedgeKey::Enter, at));
        verdicts
    }

    #[test]
    fn a_scanner_burst_ending_in_enter_is_a_scan() {
        let mut watch = WedgeWatch::default();
        let verdicts = type_then_enter(&mut watch, "47810012", 1_000, 8);
        assert_eq!(verdicts[0], Verdict::Typing { burst_starts: true });
        assert!(verdicts[1..8].iter().all(|v| *v
            == Verdict::Typing {
                burst_starts: false
            }));
        assert_eq!(verdicts[8], Verdict::Scan { chars: 8 });
    }

    #[test]
    fn a_person_typing_an_amount_and_pressing_enter_is_not() {
        let mut watch = WedgeWatch::default();
        let verdicts = type_then_enter(&mut watch, "150000", 1_000, 120);
        assert!(verdicts.iter().all(|v| matches!(v, Verdict::Typing { .. })));
        // Every key of slow typing could start a burst.
        assert!(verdicts[..6]
            .iter()
            .all(|v| *v == Verdict::Typing { burst_starts: true }));
    }

    #[test]
    fn short_bursts_and_late_enters_are_typing() {
        let mut watch = WedgeWatch::default();
        // A fast roll of five keys (a person's "00000") is too short for a code.
        let verdicts = type_then_enter(&mut watch, "00000", 1_000, 10);
        assert_eq!(
            verdicts[5],
            Verdict::Typing {
                burst_starts: false
            }
        );
        // A code-length burst whose Enter comes after a pause was confirmed by a person.
        for (i, _) in "47810012".chars().enumerate() {
            watch.key(WedgeKey::Char, 5_000 + 5 * i as u64);
        }
        assert_eq!(
            watch.key(WedgeKey::Enter, 5_000 + 35 + 400),
            Verdict::Typing {
                burst_starts: false
            }
        );
    }

    #[test]
    fn a_burst_restarts_after_a_gap_or_another_key() {
        let mut watch = WedgeWatch::default();
        // Two slow keys, then a scanner burst: the burst starts at its own first key.
        watch.key(WedgeKey::Char, 0);
        watch.key(WedgeKey::Char, 200);
        let verdicts = type_then_enter(&mut watch, "4781000001377", 1_000, 5);
        assert_eq!(verdicts[0], Verdict::Typing { burst_starts: true });
        assert_eq!(verdicts[13], Verdict::Scan { chars: 13 });
        // Backspace in the middle breaks a burst.
        for i in 0..4 {
            watch.key(WedgeKey::Char, 3_000 + 5 * i);
        }
        watch.key(WedgeKey::Other, 3_020);
        for i in 0..4 {
            watch.key(WedgeKey::Char, 3_025 + 5 * i);
        }
        assert_eq!(
            watch.key(WedgeKey::Enter, 3_045),
            Verdict::Typing {
                burst_starts: false
            }
        );
    }

    #[test]
    fn keys_that_type_a_character_are_told_from_the_rest() {
        assert_eq!(WedgeKey::from_key("4", false), WedgeKey::Char);
        assert_eq!(WedgeKey::from_key("ж", false), WedgeKey::Char);
        assert_eq!(WedgeKey::from_key("c", true), WedgeKey::Other);
        assert_eq!(WedgeKey::from_key("Enter", false), WedgeKey::Enter);
        assert_eq!(WedgeKey::from_key("Backspace", false), WedgeKey::Other);
        assert_eq!(WedgeKey::from_key("F8", false), WedgeKey::Other);
    }

    #[test]
    fn clock_going_backwards_does_not_panic() {
        let mut watch = WedgeWatch::default();
        watch.key(WedgeKey::Char, 1_000);
        assert_eq!(
            watch.key(WedgeKey::Char, 10),
            Verdict::Typing {
                burst_starts: false
            }
        );
    }
}
