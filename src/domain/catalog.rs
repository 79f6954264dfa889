//! The products a till knows by barcode, loaded from a JSON file.

use std::collections::HashMap;

use serde::Deserialize;

use super::line::{ClassCode, CommissionTin, Line, LineDraft};
use super::money::Money;
use super::number_input::parse_money;
use super::quantity::Quantity;

/// How a product is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Piece,
    /// Weighed goods: the quantity is in kilograms, up to grams.
    Kg,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub barcode: String,
    pub name: String,
    pub price: Money,
    pub vat_percent: u8,
    pub class_code: ClassCode,
    pub unit: Unit,
}

impl Product {
    /// A line of one unit of this product (one piece, or one kilogram to be
    /// corrected to the weight).
    pub fn line(&self) -> Option<Line> {
        Line::new(LineDraft {
            barcode: self.barcode.clone(),
            class_code: self.class_code.clone(),
            commission_tin: CommissionTin::default(),
            ..LineDraft::product(&self.name, self.price, Quantity::ONE, self.vat_percent)
        })
        .ok()
    }
}

/// Products by barcode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    by_barcode: HashMap<String, Product>,
}

/// A product as written in the file. Prices are strings (`"12500.00"`) so
/// that no reader of the file can turn them into binary floats.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductRecord {
    barcode: String,
    name: String,
    price: String,
    vat_percent: u8,
    #[serde(default)]
    class_code: String,
    #[serde(default)]
    unit: Unit,
}

#[derive(Deserialize)]
struct CatalogFile {
    products: Vec<ProductRecord>,
}

impl Catalog {
    /// Reads a catalog file. Products with an invalid price or code are left
    /// out (the count of those is returned) rather than failing the till.
    pub fn from_json(json: &str) -> Result<(Catalog, usize), serde_json::Error> {
        let file: CatalogFile = serde_json::from_str(json)?;
        let total = file.products.len();
        let by_barcode: HashMap<String, Product> = file
            .products
            .into_iter()
            .filter_map(|record| {
                let product = Product {
                    barcode: record.barcode.trim().to_owned(),
                    name: record.name,
                    price: parse_money(&record.price).ok()?,
                    vat_percent: record.vat_percent,
                    class_code: ClassCode::parse(&record.class_code).ok()?,
                    unit: record.unit,
                };
                product.line()?;
                Some((product.barcode.clone(), product))
            })
            .collect();
        let skipped = total - by_barcode.len();
        Ok((Catalog { by_barcode }, skipped))
    }

    pub fn find(&self, barcode: &str) -> Option<&Product> {
        self.by_barcode.get(barcode.trim())
    }

    pub fn len(&self) -> usize {
        self.by_barcode.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_barcode.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_products_and_skips_broken_ones() {
        let json = r#"{"products": [
            {"barcode": "4780000000011", "name": "Water 1.5 l", "price": "4000", "vatPercent": 12,
             "classCode": "02201001001000000"},
            {"barcode": "2000000000015", "name": "Apples", "price": "18 990,00", "vatPercent": 12, "unit": "kg"},
            {"barcode": "1", "name": "Broken", "price": "1e3", "vatPercent": 12},
            {"barcode": "2", "name": "Bad code", "price": "1", "vatPercent": 12, "classCode": "123"}
        ]}"#;
        let (catalog, skipped) = Catalog::from_json(json).unwrap();
        assert_eq!((catalog.len(), skipped), (2, 2));
        let apples = catalog.find(" 2000000000015 ").unwrap();
        assert_eq!(apples.price, Money::sum(18990));
        assert_eq!(apples.unit, Unit::Kg);
        assert!(catalog.find("1").is_none());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(Catalog::from_json("<html>").is_err());
        assert!(Catalog::from_json(r#"{"products": [{"price": 1}]}"#).is_err());
    }

    #[test]
    fn the_shipped_demo_catalog_is_complete_and_valid() {
        let json = include_str!("../../public/catalog.json");
        let (catalog, skipped) = Catalog::from_json(json).unwrap();
        assert_eq!(skipped, 0);
        assert!(catalog.len() >= 30, "only {} products", catalog.len());
    }
}
