//! The catalog as stored records (pure): each collection split into buckets
//! by a stable hash of the identifier, so that a difference rewrites only
//! the buckets it touches, plus a head naming the version. Written in one
//! transaction with its head, a sync is stored whole or not at all.
//!
//! Prices are decimal strings (`"11200.00"`), never binary floats. A record
//! that does not read back is left out and counted, like a catalog file's.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::catalog::{
    Catalog, CatalogChange, Category, CategoryId, ChangeBase, ChangeError, Placement, PlacementId,
    Pricing, ProductId, ProductRecord, SellerVersion, Tax, TaxId, Unit,
};
use crate::domain::line::ClassCode;
use crate::domain::number_input::parse_money;

/// Buckets of products and of placements. Changing it changes every key:
/// the head's `layout` then no longer matches and the catalog loads anew.
pub const BUCKETS: u32 = 64;
/// Bumped whenever the stored form changes.
pub const LAYOUT: u32 = 1;

/// Why a sync was not stored (the stored catalog stays as it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CatalogStoreError {
    #[error("browser storage is unavailable")]
    Unavailable,
    /// The stored catalog is not the one the difference was applied to
    /// (another tab stored a sync meanwhile): load it and sync again.
    #[error("the stored catalog changed meanwhile")]
    Stale,
    #[error(transparent)]
    Change(#[from] ChangeError),
}

/// FNV-1a: stable across builds and platforms, unlike std's hasher.
fn bucket_of(identifier: &str) -> u32 {
    let hash = identifier.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % BUCKETS
}

/// The stored collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shelf {
    Taxes,
    Categories,
    Products,
    Placements,
}

impl Shelf {
    fn name(self) -> &'static str {
        match self {
            Shelf::Taxes => "taxes",
            Shelf::Categories => "categories",
            Shelf::Products => "products",
            Shelf::Placements => "placements",
        }
    }

    fn buckets(self) -> u32 {
        match self {
            Shelf::Taxes | Shelf::Categories => 1,
            Shelf::Products | Shelf::Placements => BUCKETS,
        }
    }

    fn bucket(self, identifier: &str) -> u32 {
        bucket_of(identifier) % self.buckets()
    }
}

/// The key of one bucket: `products/17`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BucketKey {
    pub shelf: Shelf,
    pub bucket: u32,
}

impl BucketKey {
    pub fn key(self) -> String {
        format!("{}/{}", self.shelf.name(), self.bucket)
    }

    /// Every bucket of every shelf.
    pub fn all() -> Vec<BucketKey> {
        [
            Shelf::Taxes,
            Shelf::Categories,
            Shelf::Products,
            Shelf::Placements,
        ]
        .into_iter()
        .flat_map(|shelf| (0..shelf.buckets()).map(move |bucket| BucketKey { shelf, bucket }))
        .collect()
    }
}

/// What the stored catalog is: written last in the same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub layout: u32,
    pub version: u64,
    pub products: usize,
}

impl Head {
    pub fn of(catalog: &Catalog) -> Head {
        Head {
            layout: LAYOUT,
            version: catalog.version().0,
            products: catalog.records().count(),
        }
    }

    pub fn to_json(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }

    /// `None` for anything but a head of this layout.
    pub fn read(json: &str) -> Option<Head> {
        serde_json::from_str::<Head>(json)
            .ok()
            .filter(|head| head.layout == LAYOUT)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum StoredPricing {
    Gross { price: String, vat: u8 },
    Net { net: String, tax: String },
}

#[derive(Serialize, Deserialize)]
struct StoredProduct {
    id: String,
    name: String,
    barcodes: Vec<String>,
    class_code: String,
    kg: bool,
    pricing: StoredPricing,
}

#[derive(Serialize, Deserialize)]
struct StoredTax {
    id: String,
    vat: u8,
}

#[derive(Serialize, Deserialize)]
struct StoredCategory {
    id: String,
    name: String,
    parent: Option<String>,
    position: i64,
}

#[derive(Serialize, Deserialize)]
struct StoredPlacement {
    id: String,
    product: String,
    category: String,
    position: i64,
}

impl StoredProduct {
    fn of(record: &ProductRecord) -> StoredProduct {
        StoredProduct {
            id: record.id.to_string(),
            name: record.name.clone(),
            barcodes: record.barcodes.clone(),
            class_code: record.class_code.as_str().to_owned(),
            kg: record.unit == Unit::Kg,
            pricing: match &record.pricing {
                Pricing::Gross { price, vat_percent } => StoredPricing::Gross {
                    price: price.to_string(),
                    vat: *vat_percent,
                },
                Pricing::Net { net, tax } => StoredPricing::Net {
                    net: net.to_string(),
                    tax: tax.to_string(),
                },
            },
        }
    }

    fn record(self) -> Option<ProductRecord> {
        Some(ProductRecord {
            id: ProductId::new(&self.id)?,
            name: self.name,
            barcodes: self.barcodes,
            class_code: ClassCode::parse(&self.class_code).ok()?,
            unit: if self.kg { Unit::Kg } else { Unit::Piece },
            pricing: match self.pricing {
                StoredPricing::Gross { price, vat } => Pricing::Gross {
                    price: parse_money(&price).ok()?,
                    vat_percent: vat,
                },
                StoredPricing::Net { net, tax } => Pricing::Net {
                    net: parse_money(&net).ok()?,
                    tax: TaxId::new(&tax)?,
                },
            },
        })
    }
}

/// The buckets `change` touches (all of them for a full load).
pub fn touched(change: &CatalogChange) -> BTreeSet<BucketKey> {
    if change.base == ChangeBase::Full {
        return BucketKey::all().into_iter().collect();
    }
    let mut keys = BTreeSet::new();
    let mut add = |shelf: Shelf, identifier: &str| {
        keys.insert(BucketKey {
            shelf,
            bucket: shelf.bucket(identifier),
        });
    };
    for tax in &change.taxes.changed {
        add(Shelf::Taxes, tax.id.as_str());
    }
    for id in &change.taxes.deleted {
        add(Shelf::Taxes, id.as_str());
    }
    for category in &change.categories.changed {
        add(Shelf::Categories, category.id.as_str());
    }
    for id in &change.categories.deleted {
        add(Shelf::Categories, id.as_str());
    }
    for product in &change.products.changed {
        add(Shelf::Products, product.id.as_str());
    }
    for id in &change.products.deleted {
        add(Shelf::Products, id.as_str());
    }
    for placement in &change.placements.changed {
        add(Shelf::Placements, placement.id.as_str());
    }
    for id in &change.placements.deleted {
        add(Shelf::Placements, id.as_str());
    }
    keys
}

/// The buckets to write after `change` made `after` out of `before`: those
/// the change touches, and those of products that lost a moved barcode.
pub fn to_write(before: &Catalog, after: &Catalog, change: &CatalogChange) -> BTreeSet<BucketKey> {
    let mut keys = touched(change);
    if change.base != ChangeBase::Full {
        for product in after.products() {
            let changed = before
                .product(product.id())
                .is_some_and(|old| old.barcodes() != product.barcodes());
            if changed {
                keys.insert(BucketKey {
                    shelf: Shelf::Products,
                    bucket: Shelf::Products.bucket(product.id().as_str()),
                });
            }
        }
        // A changed tax re-prices products, but their records (net price
        // and tax) stay as stored: nothing more to write.
    }
    keys
}

/// The JSON of each bucket in `keys`, from `catalog`.
pub fn buckets(catalog: &Catalog, keys: &BTreeSet<BucketKey>) -> Vec<(BucketKey, String)> {
    let mut filled: BTreeMap<BucketKey, Vec<serde_json::Value>> =
        keys.iter().map(|key| (*key, Vec::new())).collect();
    let mut put = |shelf: Shelf, identifier: &str, value: serde_json::Value| {
        let key = BucketKey {
            shelf,
            bucket: shelf.bucket(identifier),
        };
        if let Some(bucket) = filled.get_mut(&key) {
            bucket.push(value);
        }
    };
    for tax in catalog.taxes() {
        let stored = StoredTax {
            id: tax.id.to_string(),
            vat: tax.vat_percent,
        };
        put(Shelf::Taxes, tax.id.as_str(), json(&stored));
    }
    for category in catalog.categories() {
        let stored = StoredCategory {
            id: category.id.to_string(),
            name: category.name.clone(),
            parent: category.parent.as_ref().map(ToString::to_string),
            position: category.position,
        };
        put(Shelf::Categories, category.id.as_str(), json(&stored));
    }
    for record in catalog.records() {
        put(
            Shelf::Products,
            record.id.as_str(),
            json(&StoredProduct::of(record)),
        );
    }
    for placement in catalog.placements() {
        let stored = StoredPlacement {
            id: placement.id.to_string(),
            product: placement.product.to_string(),
            category: placement.category.to_string(),
            position: placement.position,
        };
        put(Shelf::Placements, placement.id.as_str(), json(&stored));
    }
    filled
        .into_iter()
        .map(|(key, items)| (key, serde_json::Value::Array(items).to_string()))
        .collect()
}

fn json<T: Serialize>(stored: &T) -> serde_json::Value {
    serde_json::to_value(stored).unwrap_or(serde_json::Value::Null)
}

fn read<T: for<'de> Deserialize<'de>>(item: serde_json::Value) -> Option<T> {
    serde_json::from_value(item).ok()
}

/// A catalog read back from its head and buckets, and how many stored
/// records did not read.
pub fn restore(head: Head, buckets: &[(BucketKey, String)]) -> (Catalog, usize) {
    let mut change = CatalogChange::full(SellerVersion(head.version));
    let mut skipped = 0;
    for (key, bucket) in buckets {
        let items: Vec<serde_json::Value> = serde_json::from_str(bucket).unwrap_or_default();
        for item in items {
            let taken = match key.shelf {
                Shelf::Taxes => read::<StoredTax>(item)
                    .and_then(|stored| {
                        Some(Tax {
                            id: TaxId::new(&stored.id)?,
                            vat_percent: stored.vat,
                        })
                    })
                    .map(|tax| change.taxes.changed.push(tax)),
                Shelf::Categories => read::<StoredCategory>(item)
                    .and_then(|stored| {
                        Some(Category {
                            id: CategoryId::new(&stored.id)?,
                            name: stored.name,
                            parent: stored.parent.as_deref().and_then(CategoryId::new),
                            position: stored.position,
                        })
                    })
                    .map(|category| change.categories.changed.push(category)),
                Shelf::Products => read::<StoredProduct>(item)
                    .and_then(StoredProduct::record)
                    .map(|record| change.products.changed.push(record)),
                Shelf::Placements => read::<StoredPlacement>(item)
                    .and_then(|stored| {
                        Some(Placement {
                            id: PlacementId::new(&stored.id)?,
                            product: ProductId::new(&stored.product)?,
                            category: CategoryId::new(&stored.category)?,
                            position: stored.position,
                        })
                    })
                    .map(|placement| change.placements.changed.push(placement)),
            };
            if taken.is_none() {
                skipped += 1;
            }
        }
    }
    let catalog = Catalog::default().apply(&change).unwrap_or_default();
    (catalog, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srv4pos::articles::{read_page, WireCategory, WireCommodity, WireProduct, WireTax};
    use crate::srv4pos::sample;

    fn sample_catalog(products: usize) -> Catalog {
        let sample = sample::catalog(products, 3);
        let page = |items: &[serde_json::Value]| serde_json::to_string(items).unwrap();
        let mut change = CatalogChange::full(SellerVersion(1000));
        change.taxes.changed = read_page::<WireTax>(&page(&sample.taxes)).unwrap().entities;
        change.categories.changed = read_page::<WireCategory>(&page(&sample.categories))
            .unwrap()
            .entities;
        change.products.changed = read_page::<WireProduct>(&page(&sample.products))
            .unwrap()
            .entities;
        change.placements.changed = read_page::<WireCommodity>(&page(&sample.commodities))
            .unwrap()
            .entities;
        Catalog::default().apply(&change).unwrap()
    }

    /// What IndexedDB would hold: the buckets written, each replacing the
    /// one under its key.
    fn write(stored: &mut BTreeMap<BucketKey, String>, written: Vec<(BucketKey, String)>) {
        stored.extend(written);
    }

    fn read_back(head: Head, stored: &BTreeMap<BucketKey, String>) -> Catalog {
        let buckets: Vec<(BucketKey, String)> = stored
            .iter()
            .map(|(key, json)| (*key, json.clone()))
            .collect();
        let (catalog, skipped) = restore(head, &buckets);
        assert_eq!(skipped, 0);
        catalog
    }

    #[test]
    fn a_stored_catalog_reads_back_the_same() {
        let catalog = sample_catalog(500);
        let mut stored = BTreeMap::new();
        let full = CatalogChange::full(catalog.version());
        write(&mut stored, buckets(&catalog, &touched(&full)));
        assert_eq!(stored.len(), BucketKey::all().len());
        let head = Head::read(&Head::of(&catalog).to_json()).unwrap();
        assert_eq!(read_back(head, &stored), catalog);
    }

    #[test]
    fn a_difference_rewrites_only_its_buckets_and_reads_back_the_same() {
        let before = sample_catalog(500);
        let mut stored = BTreeMap::new();
        write(
            &mut stored,
            buckets(&before, &touched(&CatalogChange::full(before.version()))),
        );
        let moved = before
            .product(&ProductId::new("p8").unwrap())
            .unwrap()
            .barcodes()[0]
            .clone();
        let mut diff = CatalogChange::diff(before.version(), SellerVersion(1003));
        let mut new_product = before
            .product(&ProductId::new("p9").unwrap())
            .unwrap()
            .record()
            .clone();
        new_product.id = ProductId::new("p-new").unwrap();
        new_product.barcodes = vec![moved.clone()];
        diff.products.changed = vec![new_product];
        diff.products.deleted = vec![ProductId::new("p7").unwrap()];
        diff.taxes.changed = vec![Tax {
            id: TaxId::new("vat15").unwrap(),
            vat_percent: 16,
        }];
        let after = before.apply(&diff).unwrap();
        let keys = to_write(&before, &after, &diff);
        assert!(
            keys.len() <= 5,
            "{} buckets for a 3-article difference",
            keys.len()
        );
        write(&mut stored, buckets(&after, &keys));
        let back = read_back(Head::of(&after), &stored);
        assert_eq!(back, after);
        assert_eq!(back.find(&moved).unwrap().id().as_str(), "p-new");
    }

    #[test]
    fn a_head_of_another_layout_or_garbage_is_no_catalog() {
        assert!(Head::read("{}").is_none());
        assert!(Head::read(r#"{"layout": 999, "version": 1, "products": 0}"#).is_none());
        let (empty, skipped) = restore(
            Head::of(&Catalog::default()),
            &[(
                BucketKey {
                    shelf: Shelf::Products,
                    bucket: 0,
                },
                r#"[{"id": 1}, "x"]"#.into(),
            )],
        );
        assert!(empty.is_empty());
        assert_eq!(skipped, 2);
    }

    #[test]
    fn buckets_are_stable_across_builds() {
        // FNV-1a of "p0", pinned: a change here moves every stored record.
        assert_eq!(bucket_of("p0"), 0xa14e_d80d_u32 % BUCKETS);
    }
}
