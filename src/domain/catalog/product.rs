//! What a catalog holds: taxes, categories, products and their placement on
//! category pages, each under the identifier its source gives it.

use std::fmt;

use rust_decimal::Decimal;

use crate::domain::line::{ClassCode, CommissionTin, Line, LineDraft, VAT_PERCENT_MAX};
use crate::domain::money::Money;
use crate::domain::quantity::Quantity;

/// The seller version a catalog is at: every change to the seller's data
/// raises it by one (srv4pos); a catalog file has version 0 unless it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SellerVersion(pub u64);

impl fmt::Display for SellerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The identifier without surrounding blanks; `None` if empty.
            pub fn new(text: &str) -> Option<$name> {
                let text = text.trim();
                (!text.is_empty()).then(|| $name(text.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// A product's identifier at its source (srv4pos `identifier`; the
    /// catalog file's `id`, else the barcode).
    ProductId
);
identifier!(
    /// A category's identifier.
    CategoryId
);
identifier!(
    /// A tax's identifier (srv4pos products name their tax by it).
    TaxId
);
identifier!(
    /// A placement's identifier (srv4pos `commodity`).
    PlacementId
);

/// How a product is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Piece,
    /// Weighed goods: the quantity is in kilograms, up to grams.
    Kg,
}

/// A VAT rate under an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tax {
    pub id: TaxId,
    pub vat_percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub parent: Option<CategoryId>,
    /// Order among its siblings, lowest first.
    pub position: i64,
}

/// A product shown on a category's page, at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub id: PlacementId,
    pub product: ProductId,
    pub category: CategoryId,
    pub position: i64,
}

/// Where a product's price comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pricing {
    /// The price as sold, VAT included, and its VAT rate (the catalog file).
    Gross { price: Money, vat_percent: u8 },
    /// The price without VAT and the tax it falls under (srv4pos): the
    /// price sold at follows the tax, so a changed tax re-prices it.
    Net { net: Money, tax: TaxId },
}

/// The VAT-inclusive unit price of a net one: `net × (100 + vat) / 100`,
/// rounded once by the money policy (srv4pos contract; the seller's back
/// office uses the same rule).
pub fn gross_of_net(net: Money, vat_percent: u8) -> Money {
    let factor = Decimal::from(100 + u32::from(vat_percent)) / Decimal::ONE_HUNDRED;
    Money::round(net.amount() * factor)
}

/// A product as its source describes it, before it is priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRecord {
    pub id: ProductId,
    pub name: String,
    /// Every barcode that sells this product (possibly none).
    pub barcodes: Vec<String>,
    pub class_code: ClassCode,
    pub unit: Unit,
    pub pricing: Pricing,
}

/// A record priced, or given back as it cannot be sold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Priced {
    Sellable(Product),
    Unsellable(ProductRecord),
}

/// A product that can be sold: its record, priced with VAT included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    record: ProductRecord,
    price: Money,
    vat_percent: u8,
}

impl Product {
    /// Prices `record` with `vat_of` (a tax's rate by identifier). The
    /// record comes back unsellable without a name, with an unknown tax or
    /// a VAT rate a line cannot carry.
    pub fn price(record: ProductRecord, vat_of: impl Fn(&TaxId) -> Option<u8>) -> Priced {
        let priced = match &record.pricing {
            Pricing::Gross { price, vat_percent } => Some((*price, *vat_percent)),
            Pricing::Net { net, tax } => vat_of(tax).map(|vat| (gross_of_net(*net, vat), vat)),
        };
        let Some((price, vat_percent)) = priced.filter(|(_, vat)| *vat <= VAT_PERCENT_MAX) else {
            return Priced::Unsellable(record);
        };
        let product = Product {
            record,
            price,
            vat_percent,
        };
        match product.line() {
            Some(_) => Priced::Sellable(product),
            None => Priced::Unsellable(product.record),
        }
    }

    pub fn id(&self) -> &ProductId {
        &self.record.id
    }
    pub fn name(&self) -> &str {
        &self.record.name
    }
    pub fn barcodes(&self) -> &[String] {
        &self.record.barcodes
    }
    /// The price of one unit (one piece, one kilogram), VAT included.
    pub fn unit_price(&self) -> Money {
        self.price
    }
    pub fn vat_percent(&self) -> u8 {
        self.vat_percent
    }
    pub fn class_code(&self) -> &ClassCode {
        &self.record.class_code
    }
    pub fn unit(&self) -> Unit {
        self.record.unit
    }
    pub fn record(&self) -> &ProductRecord {
        &self.record
    }

    /// A line of one unit of this product (one piece, or one kilogram to be
    /// corrected to the weight), under its first barcode.
    pub fn line(&self) -> Option<Line> {
        let barcode = self.record.barcodes.first().map_or("", String::as_str);
        self.line_of(Quantity::ONE, barcode)
    }

    /// A line of `quantity` of this product, sold under `barcode` (the one
    /// scanned).
    pub fn line_of(&self, quantity: Quantity, barcode: &str) -> Option<Line> {
        Line::new(LineDraft {
            barcode: barcode.to_owned(),
            class_code: self.record.class_code.clone(),
            commission_tin: CommissionTin::default(),
            ..LineDraft::product(&self.record.name, self.price, quantity, self.vat_percent)
        })
        .ok()
    }

    /// Drops `barcode` from this product (it moved to another one).
    pub(super) fn give_up_barcode(&mut self, barcode: &str) {
        self.record.barcodes.retain(|held| held != barcode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Priced {
        fn is_unsellable(&self) -> bool {
            matches!(self, Priced::Unsellable(_))
        }
    }

    fn net(minor: i64) -> Money {
        Money::new(Decimal::new(minor, 2)).unwrap()
    }

    #[test]
    fn gross_is_net_plus_vat_rounded_half_away_from_zero() {
        assert_eq!(gross_of_net(net(100_000), 12), net(112_000));
        assert_eq!(gross_of_net(net(5), 12), net(6));
        assert_eq!(gross_of_net(net(4), 12), net(4));
        // 0.10 × 1.15 = 0.115: exactly half a tiyin, rounded up.
        assert_eq!(gross_of_net(net(10), 15), net(12));
        assert_eq!(gross_of_net(net(4_999), 0), net(4_999));
    }

    fn record(pricing: Pricing) -> ProductRecord {
        ProductRecord {
            id: ProductId::new("p1").unwrap(),
            name: "Choy".into(),
            barcodes: vec!["4780000000011".into()],
            class_code: ClassCode::default(),
            unit: Unit::Piece,
            pricing,
        }
    }

    #[test]
    fn a_net_price_needs_its_tax() {
        let tax = TaxId::new("t12").unwrap();
        let pricing = Pricing::Net {
            net: net(1_000),
            tax: tax.clone(),
        };
        assert!(Product::price(record(pricing.clone()), |_| None).is_unsellable());
        let Priced::Sellable(product) =
            Product::price(record(pricing), |id| (id == &tax).then_some(12))
        else {
            panic!("a known tax prices the product");
        };
        assert_eq!(
            (product.unit_price(), product.vat_percent()),
            (net(1_120), 12)
        );
        assert_eq!(product.line().unwrap().barcode(), "4780000000011");
    }

    #[test]
    fn nameless_or_overtaxed_products_cannot_be_sold() {
        let nameless = ProductRecord {
            name: "  ".into(),
            ..record(Pricing::Gross {
                price: net(100),
                vat_percent: 12,
            })
        };
        assert!(Product::price(nameless, |_| None).is_unsellable());
        let overtaxed = record(Pricing::Gross {
            price: net(100),
            vat_percent: 101,
        });
        assert!(Product::price(overtaxed, |_| None).is_unsellable());
    }
}
