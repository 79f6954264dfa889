//! The code the AppsPOS app shows for one purchase: `QR-20191218-724B-0000005`
//! (`QR-`, a date as 8 digits, `-`, 4 hex digits, `-`, 7 digits).

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TransactionQr(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("not an AppsPOS transaction code")]
pub struct NotATransactionQr;

impl TransactionQr {
    /// Trims what a scanner adds around the code, then checks its shape
    /// (the date a plausible `YYYYMMDD`); the code is kept as shown, since
    /// the server compares it as text.
    pub fn parse(text: &str) -> Result<TransactionQr, NotATransactionQr> {
        let code = text.trim();
        let bytes = code.as_bytes();
        let shaped = bytes.len() == 24
            && code.starts_with("QR-")
            && bytes.iter().enumerate().skip(3).all(|(i, b)| match i {
                11 | 16 => *b == b'-',
                12..=15 => b.is_ascii_hexdigit(),
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return Err(NotATransactionQr);
        }
        let number = |from: usize, to: usize| code[from..to].parse::<u32>().unwrap_or(0);
        let (month, day) = (number(7, 9), number(9, 11));
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(NotATransactionQr);
        }
        Ok(TransactionQr(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendor_samples_and_their_neighbours() {
        for good in [
            "QR-20191218-724B-0000005",
            "QR-20211019-17F4-0000027",
            " QR-20200130-4d03-0000002\n",
        ] {
            assert_eq!(
                TransactionQr::parse(good).map(|q| q.as_str().to_owned()),
                Ok(good.trim().to_owned())
            );
        }
        for bad in [
            "",
            "QR-20191218-724B-000005",
            "QR-20191218-724B-00000050",
            "qr-20191218-724B-0000005",
            "QR-20191318-724B-0000005",
            "QR-20191200-724B-0000005",
            "QR-2019121A-724B-0000005",
            "QR-20191218-724G-0000005",
            "QR-20191218_724B-0000005",
            "QR-20191218-724B-00000٥5",
            "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11",
        ] {
            assert_eq!(TransactionQr::parse(bad), Err(NotATransactionQr), "{bad:?}");
        }
    }
}
