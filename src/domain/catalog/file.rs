//! The deployment's catalog file (`public/catalog.json`), for tills without
//! a store server and for the demo.
//!
//! `{"version"?, "categories"?: [{"id", "name", "parent"?, "position"?}],
//! "products": [{"id"?, "barcode"?, "barcodes"?, "name", "price",
//! "vatPercent", "classCode"?, "unit"?, "category"?}]}`. A product without
//! `id` is known by its barcode. Prices are strings (`"12500.00"`) so that
//! no reader of the file can turn them into binary floats.

use serde::Deserialize;

use super::product::{
    Category, CategoryId, Placement, PlacementId, Pricing, ProductId, ProductRecord, SellerVersion,
    Unit,
};
use super::{Catalog, CatalogChange};
use crate::domain::line::ClassCode;
use crate::domain::number_input::parse_money;

#[derive(Deserialize)]
struct CatalogFile {
    #[serde(default)]
    version: u64,
    #[serde(default)]
    categories: Vec<CategoryEntry>,
    products: Vec<ProductEntry>,
}

#[derive(Deserialize)]
struct CategoryEntry {
    id: String,
    name: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    position: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductEntry {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    barcode: Option<String>,
    #[serde(default)]
    barcodes: Vec<String>,
    name: String,
    price: String,
    vat_percent: u8,
    #[serde(default)]
    class_code: String,
    #[serde(default)]
    unit: FileUnit,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum FileUnit {
    #[default]
    Piece,
    Kg,
}

impl ProductEntry {
    fn barcodes(&self) -> Vec<String> {
        let mut barcodes: Vec<String> = self
            .barcode
            .iter()
            .chain(&self.barcodes)
            .map(|barcode| barcode.trim().to_owned())
            .filter(|barcode| !barcode.is_empty())
            .collect();
        barcodes.dedup();
        barcodes
    }

    fn record(&self) -> Option<ProductRecord> {
        let barcodes = self.barcodes();
        let id = match &self.id {
            Some(id) => ProductId::new(id)?,
            None => ProductId::new(barcodes.first()?)?,
        };
        Some(ProductRecord {
            id,
            name: self.name.trim().to_owned(),
            barcodes,
            class_code: ClassCode::parse(&self.class_code).ok()?,
            unit: match self.unit {
                FileUnit::Piece => Unit::Piece,
                FileUnit::Kg => Unit::Kg,
            },
            pricing: Pricing::Gross {
                price: parse_money(&self.price).ok()?,
                vat_percent: self.vat_percent,
            },
        })
    }
}

impl Catalog {
    /// Reads a catalog file. Products with an invalid price or code are left
    /// out (the count of those is returned) rather than failing the till.
    pub fn from_json(json: &str) -> Result<(Catalog, usize), serde_json::Error> {
        let file: CatalogFile = serde_json::from_str(json)?;
        let mut change = CatalogChange::full(SellerVersion(file.version));
        change.categories.changed = file
            .categories
            .iter()
            .filter_map(|entry| {
                Some(Category {
                    id: CategoryId::new(&entry.id)?,
                    name: entry.name.trim().to_owned(),
                    parent: entry.parent.as_deref().and_then(CategoryId::new),
                    position: entry.position,
                })
            })
            .collect();
        for (position, entry) in file.products.iter().enumerate() {
            let Some(record) = entry.record() else {
                continue;
            };
            let category = entry.category.as_deref().and_then(CategoryId::new);
            if let Some(category) = category {
                let id = PlacementId::new(&format!("{category}/{}", record.id));
                change.placements.changed.extend(id.map(|id| Placement {
                    id,
                    product: record.id.clone(),
                    category,
                    position: i64::try_from(position).unwrap_or(i64::MAX),
                }));
            }
            change.products.changed.push(record);
        }
        let catalog = Catalog::default().apply(&change).unwrap_or_default();
        let skipped = file.products.len() - catalog.len();
        Ok((catalog, skipped))
    }
}
