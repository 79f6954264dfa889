//! Turns what the decoder read into at most one customer lookup at a time.
//!
//! A camera sees the same code in frame after frame; the gate makes sure the
//! code is looked up once, that a code the server just refused is not hammered
//! while it stays in view, and that a foreign QR code is reported, not sent.

use crate::domain::customer::CustomerCode;

/// How long a code the server refused is ignored while it stays in view.
pub const REFUSED_COOLDOWN_MS: u64 = 3_000;

/// What to do with the payloads of one decoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Look this customer up now.
    Lookup(CustomerCode),
    /// Only QR codes that are not AOS customer codes were read.
    Foreign,
    /// Nothing new: no code, or one already being (or just) looked up.
    Ignore,
}

#[derive(Debug, Default)]
pub struct ScanGate {
    pending: Option<CustomerCode>,
    refused: Option<(CustomerCode, u64)>,
}

impl ScanGate {
    /// Decides about the payloads read in one frame, at `now_ms`.
    pub fn offer(&mut self, payloads: &[String], now_ms: u64) -> Verdict {
        if payloads.is_empty() {
            return Verdict::Ignore;
        }
        let Some(code) = payloads.iter().find_map(|p| CustomerCode::parse(p).ok()) else {
            return Verdict::Foreign;
        };
        if self.pending.is_some() {
            return Verdict::Ignore;
        }
        let cooling = self.refused.as_ref().is_some_and(|(refused, at)| {
            *refused == code && now_ms.saturating_sub(*at) < REFUSED_COOLDOWN_MS
        });
        if cooling {
            return Verdict::Ignore;
        }
        self.pending = Some(code.clone());
        Verdict::Lookup(code)
    }

    /// A code the cashier typed: looked up unless a lookup is running, even
    /// right after a refusal, since asking again is then on purpose.
    pub fn typed(&mut self, code: CustomerCode) -> Verdict {
        if self.pending.is_some() {
            return Verdict::Ignore;
        }
        self.refused = None;
        self.pending = Some(code.clone());
        Verdict::Lookup(code)
    }

    /// The lookup started by the last `Lookup` ended; `found` says how.
    pub fn finished(&mut self, found: bool, now_ms: u64) {
        let code = self.pending.take();
        self.refused = match (found, code) {
            (false, Some(code)) => Some((code, now_ms)),
            _ => None,
        };
    }

    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DILNOZA: &str = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";
    const JASUR: &str = "0b7e3c1a-9d2f-4e6b-8a15-3c4d5e6f7a8b";

    fn read(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn code(text: &str) -> CustomerCode {
        CustomerCode::parse(text).unwrap()
    }

    #[test]
    fn a_code_is_looked_up_once_while_it_stays_in_view() {
        let mut gate = ScanGate::default();
        assert_eq!(
            gate.offer(&read(&[DILNOZA]), 0),
            Verdict::Lookup(code(DILNOZA))
        );
        assert!(gate.is_busy());
        assert_eq!(gate.offer(&read(&[DILNOZA]), 10), Verdict::Ignore);
        assert_eq!(gate.offer(&read(&[JASUR]), 20), Verdict::Ignore);
    }

    #[test]
    fn foreign_codes_are_reported_and_a_customer_code_among_them_wins() {
        let mut gate = ScanGate::default();
        assert_eq!(
            gate.offer(&read(&["https://example.com"]), 0),
            Verdict::Foreign
        );
        assert_eq!(gate.offer(&read(&[]), 0), Verdict::Ignore);
        assert_eq!(
            gate.offer(&read(&["WIFI:S:shop;;", DILNOZA]), 0),
            Verdict::Lookup(code(DILNOZA))
        );
    }

    #[test]
    fn a_refused_code_cools_down_but_another_code_goes_through() {
        let mut gate = ScanGate::default();
        gate.offer(&read(&[DILNOZA]), 0);
        gate.finished(false, 1_000);
        assert!(!gate.is_busy());
        assert_eq!(gate.offer(&read(&[DILNOZA]), 1_500), Verdict::Ignore);
        assert_eq!(
            gate.offer(&read(&[JASUR]), 1_600),
            Verdict::Lookup(code(JASUR))
        );
        gate.finished(true, 1_700);
        let later = 1_000 + REFUSED_COOLDOWN_MS;
        assert_eq!(
            gate.offer(&read(&[DILNOZA]), later),
            Verdict::Lookup(code(DILNOZA))
        );
    }

    #[test]
    fn a_typed_code_skips_the_cooldown_but_not_a_running_lookup() {
        let mut gate = ScanGate::default();
        gate.offer(&read(&[DILNOZA]), 0);
        assert_eq!(gate.typed(code(JASUR)), Verdict::Ignore);
        gate.finished(false, 10);
        assert_eq!(gate.typed(code(DILNOZA)), Verdict::Lookup(code(DILNOZA)));
    }

    #[test]
    fn a_refused_code_is_tried_again_after_the_cooldown() {
        let mut gate = ScanGate::default();
        gate.offer(&read(&[DILNOZA]), 0);
        gate.finished(false, 100);
        assert_eq!(
            gate.offer(&read(&[DILNOZA]), 100 + REFUSED_COOLDOWN_MS - 1),
            Verdict::Ignore
        );
        assert_eq!(
            gate.offer(&read(&[DILNOZA]), 100 + REFUSED_COOLDOWN_MS),
            Verdict::Lookup(code(DILNOZA))
        );
    }
}
