//! How long recomputing a receipt's totals takes. The cart recomputes them on
//! every keystroke, so this is the figure that says whether a long receipt
//! can still feel instant.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kassa::domain::line::{Line, LineDraft};
use kassa::domain::money::Money;
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::Totals;
use rust_decimal::Decimal;

/// A grocery receipt of `count` lines. Generated from the line's index, not
/// from a random source, so that every run measures the same receipt.
fn receipt(count: u32) -> Vec<Line> {
    (0..count)
        .map(|i| {
            // Prices from 9.90 to about 250 000 sum, with tiyin.
            let price = Money::new(Decimal::new(990 + i64::from(i * 7_919 % 25_000_000), 2))
                .expect("a price within the limit");
            // One line in three weighed (0.250 to 2.249 kg), the rest in pieces.
            let quantity = if i % 3 == 0 {
                Decimal::new(250 + i64::from(i * 37 % 2_000), 3)
            } else {
                Decimal::from(1 + i % 4)
            };
            let quantity = Quantity::new(quantity).expect("a quantity within the limit");
            // Basic foods are zero-rated; the rest carry the standard 12%.
            let vat_percent = if i % 7 == 0 { 0 } else { 12 };
            let draft = LineDraft::product("Item", price, quantity, vat_percent);
            // One line in five with 10% off.
            let discount = if i % 5 == 0 {
                let gross = Line::new(draft.clone()).expect("a valid line").gross();
                Money::new((gross.amount() / Decimal::TEN).trunc_with_scale(2))
                    .expect("a tenth of the line")
            } else {
                Money::ZERO
            };
            Line::new(LineDraft { discount, ..draft }).expect("a valid line")
        })
        .collect()
}

fn totals(c: &mut Criterion) {
    let mut group = c.benchmark_group("Totals::of");
    for count in [10, 100, 1000] {
        let lines = receipt(count);
        let bonus = Money::sum(5_000);
        group.throughput(Throughput::Elements(count.into()));
        group.bench_with_input(BenchmarkId::from_parameter(count), &lines, |b, lines| {
            b.iter(|| Totals::of(black_box(lines), black_box(bonus)));
        });
    }
    group.finish();
}

criterion_group!(benches, totals);
criterion_main!(benches);
