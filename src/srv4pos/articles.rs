//! The articles a till reads (taxes, categories, products, commodities) as
//! srv4pos writes them, and their mapping to Kassa's catalog.
//!
//! Reading is tolerant: identifiers and integers may come as numbers or
//! strings, `barcodes` may be missing, null or a single string, and an
//! entity that cannot be read is counted and left out rather than failing
//! the page. Money is integer minor units (tiyin), read exactly.

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::domain::catalog::{
    Category, CategoryId, Placement, PlacementId, Pricing, ProductId, ProductRecord, Tax, TaxId,
    Unit,
};
use crate::domain::line::ClassCode;
use crate::domain::money::Money;
use crate::loyalty::json_number;

/// A string, or a number written as one.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => Ok(text),
        Value::Number(number) => Ok(number.to_string()),
        _ => Err(D::Error::custom("not an identifier")),
    }
}

fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        Value::Number(number) => Ok(Some(number.to_string())),
        _ => Err(D::Error::custom("not an identifier")),
    }
}

/// An integer, as a number or a numeric string, exactly.
fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let value = json_number::deserialize(deserializer)?;
    whole(value).ok_or_else(|| D::Error::custom("not an integer"))
}

fn whole(value: Decimal) -> Option<i64> {
    let value = value.normalize();
    if value.scale() != 0 {
        return None;
    }
    i64::try_from(value.mantissa()).ok()
}

fn barcode_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let items = match Value::deserialize(deserializer)? {
        Value::Null => Vec::new(),
        Value::Array(items) => items,
        single => vec![single],
    };
    Ok(items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(text) => Some(text.trim().to_owned()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
        .filter(|barcode| !barcode.is_empty())
        .collect())
}

/// Integer minor units to money: `1500` is 15.00.
pub fn money_of_minor(minor: i64) -> Option<Money> {
    Money::new(Decimal::new(minor, 2)).ok()
}

#[derive(Debug, Deserialize)]
pub struct WireTax {
    #[serde(deserialize_with = "text")]
    identifier: String,
    #[serde(deserialize_with = "integer")]
    vat: i64,
}

#[derive(Debug, Deserialize)]
pub struct WireCategory {
    #[serde(deserialize_with = "text")]
    identifier: String,
    #[serde(default)]
    name: String,
    #[serde(default, deserialize_with = "optional_text")]
    parent: Option<String>,
    #[serde(default, deserialize_with = "integer")]
    position: i64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireProduct {
    #[serde(deserialize_with = "text")]
    identifier: String,
    #[serde(default)]
    name: String,
    #[serde(deserialize_with = "integer")]
    netto: i64,
    #[serde(deserialize_with = "text")]
    tax: String,
    #[serde(default, deserialize_with = "barcode_list")]
    barcodes: Vec<String>,
    #[serde(default, deserialize_with = "optional_text")]
    class_code: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    unit: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WireCommodity {
    #[serde(deserialize_with = "text")]
    identifier: String,
    #[serde(deserialize_with = "text")]
    product: String,
    #[serde(deserialize_with = "text")]
    category: String,
    #[serde(default, deserialize_with = "integer")]
    position: i64,
}

/// An article as Kassa's catalog holds it, if it can.
pub trait Article: for<'de> Deserialize<'de> {
    type Entity;
    fn entity(&self) -> Option<Self::Entity>;
}

impl Article for WireTax {
    type Entity = Tax;
    fn entity(&self) -> Option<Tax> {
        Some(Tax {
            id: TaxId::new(&self.identifier)?,
            vat_percent: u8::try_from(self.vat).ok().filter(|vat| *vat <= 100)?,
        })
    }
}

impl Article for WireCategory {
    type Entity = Category;
    fn entity(&self) -> Option<Category> {
        Some(Category {
            id: CategoryId::new(&self.identifier)?,
            name: self.name.trim().to_owned(),
            parent: self.parent.as_deref().and_then(CategoryId::new),
            position: self.position,
        })
    }
}

impl Article for WireProduct {
    type Entity = ProductRecord;
    fn entity(&self) -> Option<ProductRecord> {
        let unit = match self.unit.as_deref().map(str::trim) {
            None | Some("") => Unit::Piece,
            Some(unit) if unit.eq_ignore_ascii_case("pcs") => Unit::Piece,
            Some(unit) if unit.eq_ignore_ascii_case("kg") => Unit::Kg,
            Some(_) => return None,
        };
        let mut barcodes = self.barcodes.clone();
        barcodes.dedup();
        Some(ProductRecord {
            id: ProductId::new(&self.identifier)?,
            name: self.name.trim().to_owned(),
            barcodes,
            class_code: ClassCode::parse(self.class_code.as_deref().unwrap_or_default()).ok()?,
            unit,
            pricing: Pricing::Net {
                net: money_of_minor(self.netto)?,
                tax: TaxId::new(&self.tax)?,
            },
        })
    }
}

impl Article for WireCommodity {
    type Entity = Placement;
    fn entity(&self) -> Option<Placement> {
        Some(Placement {
            id: PlacementId::new(&self.identifier)?,
            product: ProductId::new(&self.product)?,
            category: CategoryId::new(&self.category)?,
            position: self.position,
        })
    }
}

/// The entities of a page (or of a difference's `changed`), and how many
/// items the server sent: a page shorter than asked for is the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read<T> {
    pub entities: Vec<T>,
    pub received: usize,
    pub skipped: usize,
}

/// Reads each item of a JSON array on its own, so one broken entity costs
/// only itself. `None` if the body is not an array.
pub fn read_items<A: Article>(items: &[Box<RawValue>]) -> Read<A::Entity> {
    let entities: Vec<A::Entity> = items
        .iter()
        .filter_map(|item| serde_json::from_str::<A>(item.get()).ok()?.entity())
        .collect();
    Read {
        received: items.len(),
        skipped: items.len() - entities.len(),
        entities,
    }
}

/// A page of a collection: a JSON array.
pub fn read_page<A: Article>(body: &str) -> Option<Read<A::Entity>> {
    let items: Vec<Box<RawValue>> = serde_json::from_str(body).ok()?;
    Some(read_items::<A>(&items))
}

/// A difference: `{"changed": [...], "deleted": ["identifier", ...]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference<T> {
    pub changed: Read<T>,
    pub deleted: Vec<String>,
}

#[derive(Deserialize)]
struct WireDifference {
    #[serde(default)]
    changed: Option<Vec<Box<RawValue>>>,
    #[serde(default, deserialize_with = "barcode_list")]
    deleted: Vec<String>,
}

pub fn read_difference<A: Article>(body: &str) -> Option<Difference<A::Entity>> {
    // serde would also take an array for the struct; a difference is an object.
    if !body.trim_start().starts_with('{') {
        return None;
    }
    let wire: WireDifference = serde_json::from_str(body).ok()?;
    Some(Difference {
        changed: read_items::<A>(wire.changed.as_deref().unwrap_or_default()),
        deleted: wire.deleted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Catalog, CatalogChange, SellerVersion};

    #[test]
    fn products_are_read_tolerantly() {
        let page = r#"[
            {"identifier": "p1", "name": " Choy ", "netto": 10000, "tax": "t12",
             "barcodes": ["4780000000011", "4780000000028"], "classCode": "09021001001000000",
             "unit": "pcs", "custom": {"anything": [1, 2]}},
            {"identifier": 2, "name": "Olma", "netto": "1899", "tax": 12, "barcodes": "2000000000015",
             "unit": "KG"},
            {"identifier": "p3", "name": "No barcodes", "netto": 500, "tax": "t0", "barcodes": null, "classCode": ""},
            {"identifier": "p4", "name": "Fractional", "netto": 10.5, "tax": "t0"},
            {"identifier": "p5", "name": "Negative", "netto": -1, "tax": "t0"},
            {"identifier": "p6", "name": "Litres", "netto": 1, "tax": "t0", "unit": "l"},
            {"identifier": "p7", "name": "Bad code", "netto": 1, "tax": "t0", "classCode": "123"},
            {"name": "No identifier", "netto": 1, "tax": "t0"},
            "not an object"
        ]"#;
        let read = read_page::<WireProduct>(page).unwrap();
        assert_eq!((read.received, read.skipped), (9, 6));
        let ids: Vec<&str> = read.entities.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["p1", "2", "p3"]);
        assert_eq!(read.entities[0].name, "Choy");
        assert_eq!(read.entities[0].barcodes.len(), 2);
        assert_eq!(read.entities[1].unit, Unit::Kg);
        assert_eq!(read.entities[1].barcodes, ["2000000000015"]);
        assert_eq!(
            read.entities[1].pricing,
            Pricing::Net {
                net: money_of_minor(1899).unwrap(),
                tax: TaxId::new("12").unwrap()
            }
        );
        assert!(read.entities[2].barcodes.is_empty());
    }

    #[test]
    fn not_an_array_is_not_a_page() {
        assert!(read_page::<WireTax>(r#"{"error": "x"}"#).is_none());
        assert!(read_page::<WireTax>("<html>").is_none());
        assert_eq!(read_page::<WireTax>("[]").unwrap().received, 0);
    }

    #[test]
    fn taxes_categories_and_commodities_are_read() {
        let taxes = read_page::<WireTax>(
            r#"[{"identifier": "t12", "vat": 12}, {"identifier": "t0", "vat": "0"}, {"identifier": "x", "vat": 300}]"#,
        )
        .unwrap();
        assert_eq!(taxes.entities.len(), 2);
        assert_eq!(taxes.skipped, 1);
        let categories = read_page::<WireCategory>(
            r#"[{"identifier": "c1", "name": "Ichimliklar", "parent": null, "position": 2},
                {"identifier": "c2", "name": "Choy", "parent": "c1"}]"#,
        )
        .unwrap();
        assert_eq!(categories.entities[1].parent, CategoryId::new("c1"));
        let placed = read_page::<WireCommodity>(
            r#"[{"identifier": "k1", "product": "p1", "category": "c2", "position": 5}]"#,
        )
        .unwrap();
        assert_eq!(placed.entities[0].position, 5);
    }

    #[test]
    fn a_difference_lists_changes_and_deletions() {
        let diff = read_difference::<WireProduct>(
            r#"{"changed": [{"identifier": "p1", "name": "Choy", "netto": 1, "tax": "t"}], "deleted": ["p2", 3]}"#,
        )
        .unwrap();
        assert_eq!(diff.changed.entities.len(), 1);
        assert_eq!(diff.deleted, ["p2", "3"]);
        let empty = read_difference::<WireProduct>("{}").unwrap();
        assert_eq!((empty.changed.received, empty.deleted.len()), (0, 0));
        assert!(read_difference::<WireProduct>("[]").is_none());
    }

    /// The contract's price rule, checked against the golden table that the
    /// seller's back office would print: net minor units and VAT → the
    /// VAT-inclusive unit price Kassa sells at.
    #[test]
    fn net_prices_become_the_golden_vat_inclusive_prices() {
        let golden: Value =
            serde_json::from_str(include_str!("../../tests/golden/srv4pos/prices.json")).unwrap();
        let cases = golden["cases"].as_array().unwrap();
        assert!(cases.len() >= 10);
        for case in cases {
            let mut change = CatalogChange::full(SellerVersion(1));
            let tax = format!(r#"[{{"identifier": "t", "vat": {}}}]"#, case["vat"]);
            change.taxes.changed = read_page::<WireTax>(&tax).unwrap().entities;
            let product = format!(
                r#"[{{"identifier": "p", "name": "x", "netto": {}, "tax": "t", "barcodes": ["1"]}}]"#,
                case["netto"]
            );
            change.products.changed = read_page::<WireProduct>(&product).unwrap().entities;
            let catalog = Catalog::default().apply(&change).unwrap();
            let sold = catalog.find("1").unwrap();
            assert_eq!(
                sold.unit_price().to_string(),
                case["gross"].as_str().unwrap(),
                "{case}"
            );
        }
    }
}
