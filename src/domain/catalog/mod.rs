//! The store's catalog on the till: products by identifier and barcode,
//! categories and the products placed on their pages, at one seller version.
//! It changes only by [`Catalog::apply`], a whole change at a time.

mod change;
mod file;
mod fold;
mod product;
mod scanned;
pub mod search;

use std::collections::HashMap;

use super::scale_barcode::ScaleLabel;

pub use change::{CatalogChange, ChangeBase, ChangeError, Changes};
pub use product::{
    gross_of_net, Category, CategoryId, Placement, PlacementId, Priced, Pricing, Product,
    ProductId, ProductRecord, SellerVersion, Tax, TaxId, Unit,
};
pub use scanned::Scanned;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    version: SellerVersion,
    taxes: HashMap<TaxId, Tax>,
    categories: HashMap<CategoryId, Category>,
    products: HashMap<ProductId, Product>,
    /// Received but not sellable (an unknown tax, no name): kept to be
    /// priced again when a later change completes them.
    unsellable: HashMap<ProductId, ProductRecord>,
    placements: HashMap<PlacementId, Placement>,
    by_barcode: HashMap<String, ProductId>,
    /// Each category's products in page order.
    pages: HashMap<CategoryId, Vec<ProductId>>,
}

impl Catalog {
    /// Rebuilds the lookups derived from the entities.
    fn index(&mut self) {
        self.by_barcode.clear();
        for product in self.products.values() {
            for barcode in product.barcodes() {
                self.by_barcode
                    .entry(barcode.clone())
                    .or_insert_with(|| product.id().clone());
            }
        }
        let mut pages: HashMap<CategoryId, Vec<(i64, &ProductId)>> = HashMap::new();
        for placement in self.placements.values() {
            if self.products.contains_key(&placement.product) {
                pages
                    .entry(placement.category.clone())
                    .or_default()
                    .push((placement.position, &placement.product));
            }
        }
        self.pages = pages
            .into_iter()
            .map(|(category, mut placed)| {
                placed.sort();
                placed.dedup_by(|a, b| a.1 == b.1);
                (
                    category,
                    placed.into_iter().map(|(_, id)| id.clone()).collect(),
                )
            })
            .collect();
    }

    pub fn version(&self) -> SellerVersion {
        self.version
    }

    /// The product a scanned or typed barcode sells.
    pub fn find(&self, barcode: &str) -> Option<&Product> {
        self.by_barcode
            .get(barcode.trim())
            .and_then(|id| self.products.get(id))
    }

    /// The product a scale label weighs: known by the label with its weight
    /// zeroed, or by the bare item code (with or without leading zeros).
    pub fn find_weighed(&self, label: &ScaleLabel) -> Option<&Product> {
        self.find(&label.item_barcode())
            .or_else(|| self.find(&label.item))
            .or_else(|| self.find(label.item.trim_start_matches('0')))
    }

    pub fn product(&self, id: &ProductId) -> Option<&Product> {
        self.products.get(id)
    }

    /// Sellable products, in no particular order.
    pub fn products(&self) -> impl Iterator<Item = &Product> {
        self.products.values()
    }

    /// Every product record held, sellable or not (what a store persists).
    pub fn records(&self) -> impl Iterator<Item = &ProductRecord> {
        self.products
            .values()
            .map(Product::record)
            .chain(self.unsellable.values())
    }

    /// Sellable products.
    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// Products received that cannot be sold yet.
    pub fn unsellable_count(&self) -> usize {
        self.unsellable.len()
    }

    pub fn taxes(&self) -> impl Iterator<Item = &Tax> {
        self.taxes.values()
    }

    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.get(id)
    }

    pub fn categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.values()
    }

    pub fn placements(&self) -> impl Iterator<Item = &Placement> {
        self.placements.values()
    }

    /// The categories under `parent` (`None`: the top level), in their
    /// order, then by name.
    pub fn subcategories(&self, parent: Option<&CategoryId>) -> Vec<&Category> {
        let mut found: Vec<&Category> = self
            .categories
            .values()
            .filter(|category| category.parent.as_ref() == parent)
            .collect();
        found.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        found
    }

    /// The sellable products on `category`'s page, in page order.
    pub fn page(&self, category: &CategoryId) -> Vec<&Product> {
        self.pages
            .get(category)
            .map(|ids| ids.iter().filter_map(|id| self.products.get(id)).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
