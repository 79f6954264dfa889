//! Order statistics of timings, for medians and tail latencies.

use std::time::Duration;

/// The `q`-quantile (0..=1) by nearest rank; `None` for no samples.
pub fn quantile(samples: &[Duration], q: f64) -> Option<Duration> {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let last = sorted.len().checked_sub(1)?;
    let rank = (q.clamp(0.0, 1.0) * last as f64).round() as usize;
    sorted.get(rank).copied()
}

/// Milliseconds with two decimals, or a dash when there were no samples.
pub fn ms(d: Option<Duration>) -> String {
    d.map_or_else(
        || "–".to_owned(),
        |d| format!("{:.2}", d.as_secs_f64() * 1e3),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p95() {
        let samples: Vec<_> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(quantile(&samples, 0.5), Some(Duration::from_millis(51)));
        assert_eq!(quantile(&samples, 0.95), Some(Duration::from_millis(95)));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(ms(Some(Duration::from_micros(1234))), "1.23");
    }
}
