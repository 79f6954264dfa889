//! The supervisor's PIN: what a refund, taking cash out of the drawer and
//! opening it by hand need when the deployment sets one. The till never
//! holds the PIN itself, only its PBKDF2-HMAC-SHA256 hash with a salt
//! (`config.json` `"supervisorPin": "pbkdf2-sha256$<iterations>$<salt
//! hex>$<hash hex>"`, made by `scripts/supervisor-pin.mjs`), slow to guess
//! even from a copied config; five wrong tries lock it for five minutes.

use serde::{Deserialize, Serialize};
use sha2::Sha256;
use thiserror::Error;

/// Fewer rounds would make a copied hash cheap to brute-force (a 4–6 digit
/// PIN has at most a million values).
const MIN_ITERATIONS: u32 = 100_000;
/// More would leave the cashier waiting seconds on a cheap tablet.
const MAX_ITERATIONS: u32 = 5_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PinError {
    #[error("the supervisor PIN in config.json is not a pbkdf2-sha256 hash")]
    Malformed,
    #[error("wrong supervisor PIN ({tries_left} tries left)")]
    Wrong { tries_left: u8 },
    #[error("too many wrong PINs: locked")]
    Locked { until_ms: u64 },
}

#[derive(Clone, PartialEq, Eq)]
pub struct SupervisorPin {
    iterations: u32,
    salt: Vec<u8>,
    hash: [u8; 32],
}

/// The hash is as good as a secret: never printed.
impl std::fmt::Debug for SupervisorPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SupervisorPin(…)")
    }
}

impl SupervisorPin {
    pub fn parse(text: &str) -> Result<SupervisorPin, PinError> {
        let mut parts = text.trim().split('$');
        if parts.next() != Some("pbkdf2-sha256") {
            return Err(PinError::Malformed);
        }
        let iterations: u32 = parts
            .next()
            .and_then(|n| n.parse().ok())
            .filter(|n| (MIN_ITERATIONS..=MAX_ITERATIONS).contains(n))
            .ok_or(PinError::Malformed)?;
        let salt = parts
            .next()
            .and_then(|salt| hex::decode(salt).ok())
            .filter(|salt| salt.len() >= 8)
            .ok_or(PinError::Malformed)?;
        let hash = parts
            .next()
            .and_then(|hash| hex::decode(hash).ok())
            .and_then(|hash| <[u8; 32]>::try_from(hash).ok())
            .ok_or(PinError::Malformed)?;
        if parts.next().is_some() {
            return Err(PinError::Malformed);
        }
        Ok(SupervisorPin {
            iterations,
            salt,
            hash,
        })
    }

    /// Compared in constant time, so the answer's timing tells nothing.
    pub fn matches(&self, typed: &str) -> bool {
        let mut derived = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(
            typed.trim().as_bytes(),
            &self.salt,
            self.iterations,
            &mut derived,
        );
        derived
            .iter()
            .zip(&self.hash)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
    }
}

/// Wrong tries since the last right one, and the lock they led to; kept
/// on the tablet so a reload does not reset them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PinAttempts {
    failures: u8,
    locked_until_ms: u64,
}

impl PinAttempts {
    pub const MAX_FAILURES: u8 = 5;
    pub const LOCK_MS: u64 = 5 * 60_000;

    /// Refused while locked.
    pub fn check(&self, now_ms: u64) -> Result<(), PinError> {
        if now_ms < self.locked_until_ms {
            return Err(PinError::Locked {
                until_ms: self.locked_until_ms,
            });
        }
        Ok(())
    }

    /// One try of `typed`; the fifth wrong one in a row locks.
    pub fn attempt(
        &mut self,
        pin: &SupervisorPin,
        typed: &str,
        now_ms: u64,
    ) -> Result<(), PinError> {
        self.check(now_ms)?;
        if pin.matches(typed) {
            *self = PinAttempts::default();
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.failures >= Self::MAX_FAILURES {
            self.failures = 0;
            self.locked_until_ms = now_ms + Self::LOCK_MS;
            return Err(PinError::Locked {
                until_ms: self.locked_until_ms,
            });
        }
        Err(PinError::Wrong {
            tries_left: Self::MAX_FAILURES - self.failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // What `node scripts/supervisor-pin.mjs 2468 --salt 6b617373612d7465737421
    // --iterations 100000` printed: the script and the till agree.
    const HASH: &str = "pbkdf2-sha256$100000$6b617373612d7465737421$a9138d6b8258898b590d6808c7c0b62d720fa80d4b816b9558f27643331eb43b";

    fn pin() -> SupervisorPin {
        SupervisorPin::parse(HASH).unwrap()
    }

    #[test]
    fn the_right_pin_matches_and_others_do_not() {
        let pin = pin();
        assert!(pin.matches("2468"));
        assert!(pin.matches(" 2468 "));
        assert!(!pin.matches("2469"));
        assert!(!pin.matches(""));
        assert_eq!(format!("{pin:?}"), "SupervisorPin(…)");
    }

    #[test]
    fn only_a_slow_well_formed_hash_is_accepted() {
        let hash = "ab".repeat(32);
        for text in [
            "",
            "2468",
            &format!("pbkdf2-sha1$100000$6b617373612d7465737421${hash}"),
            &format!("pbkdf2-sha256$1000$6b617373612d7465737421${hash}"),
            &format!("pbkdf2-sha256$100000$6b61${hash}"),
            "pbkdf2-sha256$100000$6b617373612d7465737421$abcd",
            &format!("pbkdf2-sha256$100000$6b617373612d7465737421${hash}$x"),
        ] {
            assert_eq!(
                SupervisorPin::parse(text),
                Err(PinError::Malformed),
                "{text}"
            );
        }
    }

    #[test]
    fn five_wrong_tries_lock_for_five_minutes_and_a_right_one_resets() {
        let pin = pin();
        let mut attempts = PinAttempts::default();
        assert_eq!(
            attempts.attempt(&pin, "1", 0),
            Err(PinError::Wrong { tries_left: 4 })
        );
        assert_eq!(attempts.attempt(&pin, "2468", 1), Ok(()));
        for (at, left) in [(2, 4), (3, 3), (4, 2), (5, 1)] {
            assert_eq!(
                attempts.attempt(&pin, "0000", at),
                Err(PinError::Wrong { tries_left: left })
            );
        }
        let locked = Err(PinError::Locked {
            until_ms: 6 + PinAttempts::LOCK_MS,
        });
        assert_eq!(attempts.attempt(&pin, "0000", 6), locked);
        // Even the right PIN waits out the lock.
        assert_eq!(attempts.attempt(&pin, "2468", 7), locked);
        assert_eq!(
            attempts.attempt(&pin, "2468", 6 + PinAttempts::LOCK_MS),
            Ok(())
        );
    }

    #[test]
    fn the_attempts_survive_a_reload() {
        let pin = pin();
        let mut attempts = PinAttempts::default();
        let _ = attempts.attempt(&pin, "1", 10);
        let json = serde_json::to_string(&attempts).unwrap();
        let back: PinAttempts = serde_json::from_str(&json).unwrap();
        assert_eq!(back, attempts);
        assert_eq!(
            serde_json::from_str::<PinAttempts>("{}").unwrap(),
            PinAttempts::default()
        );
    }
}
