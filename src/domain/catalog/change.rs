//! A catalog change — a full load or the difference between two seller
//! versions — and its application: all of it into a new catalog, or an
//! error and nothing; the catalog it was applied to is never touched.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use super::product::{
    Category, CategoryId, Placement, PlacementId, Priced, Pricing, Product, ProductId,
    ProductRecord, SellerVersion, Tax, TaxId,
};
use super::Catalog;

/// What a change starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeBase {
    /// Everything, replacing whatever the catalog held.
    Full,
    /// The difference after this version (srv4pos `-diff/{from}/{to}`).
    Since(SellerVersion),
}

/// Entities of one kind changed (added or replaced whole) and deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<T, I> {
    pub changed: Vec<T>,
    pub deleted: Vec<I>,
}

impl<T, I> Default for Changes<T, I> {
    fn default() -> Self {
        Changes {
            changed: Vec::new(),
            deleted: Vec::new(),
        }
    }
}

/// One step of a catalog to `version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogChange {
    pub base: ChangeBase,
    pub version: SellerVersion,
    pub taxes: Changes<Tax, TaxId>,
    pub categories: Changes<Category, CategoryId>,
    pub products: Changes<ProductRecord, ProductId>,
    pub placements: Changes<Placement, PlacementId>,
}

impl CatalogChange {
    /// A full load at `version`, to be filled in.
    pub fn full(version: SellerVersion) -> CatalogChange {
        CatalogChange::new(ChangeBase::Full, version)
    }

    /// The difference from `from` to `to`, to be filled in.
    pub fn diff(from: SellerVersion, to: SellerVersion) -> CatalogChange {
        CatalogChange::new(ChangeBase::Since(from), to)
    }

    fn new(base: ChangeBase, version: SellerVersion) -> CatalogChange {
        CatalogChange {
            base,
            version,
            taxes: Changes::default(),
            categories: Changes::default(),
            products: Changes::default(),
            placements: Changes::default(),
        }
    }
}

/// Why a change was not applied (the catalog stays as it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ChangeError {
    /// A difference from another version than the catalog's: applying it
    /// would skip or repeat changes. Load in full, or ask again.
    #[error("the difference starts at version {base}, the catalog is at {have}")]
    NotFromThisVersion {
        have: SellerVersion,
        base: SellerVersion,
    },
    /// A difference that goes backwards.
    #[error("the difference goes back from version {from} to {to}")]
    Backwards {
        from: SellerVersion,
        to: SellerVersion,
    },
}

impl Catalog {
    /// This catalog with `change` applied, as a new catalog. A product that
    /// cannot be sold (no name, unknown tax) is kept aside, not sold, and
    /// priced again when a later change brings its tax. A barcode a changed
    /// product claims leaves whichever other product held it.
    pub fn apply(&self, change: &CatalogChange) -> Result<Catalog, ChangeError> {
        let mut next = match change.base {
            ChangeBase::Full => Catalog::default(),
            ChangeBase::Since(base) if base != self.version => {
                return Err(ChangeError::NotFromThisVersion {
                    have: self.version,
                    base,
                })
            }
            ChangeBase::Since(base) if change.version < base => {
                return Err(ChangeError::Backwards {
                    from: base,
                    to: change.version,
                })
            }
            ChangeBase::Since(_) => self.clone(),
        };
        next.version = change.version;
        let retaxed = next.apply_taxes(&change.taxes);
        replace(&mut next.categories, &change.categories, |category| {
            &category.id
        });
        replace(&mut next.placements, &change.placements, |placement| {
            &placement.id
        });
        next.apply_products(&change.products, &retaxed);
        next.index();
        Ok(next)
    }

    /// Applies tax changes; returns the taxes whose rate changed or vanished.
    fn apply_taxes(&mut self, taxes: &Changes<Tax, TaxId>) -> HashSet<TaxId> {
        let before = self.taxes.clone();
        replace(&mut self.taxes, taxes, |tax| &tax.id);
        let mut retaxed: HashSet<TaxId> = before
            .iter()
            .filter(|(id, tax)| self.taxes.get(*id) != Some(*tax))
            .map(|(id, _)| id.clone())
            .collect();
        retaxed.extend(
            self.taxes
                .keys()
                .filter(|id| !before.contains_key(*id))
                .cloned(),
        );
        retaxed
    }

    fn apply_products(
        &mut self,
        products: &Changes<ProductRecord, ProductId>,
        retaxed: &HashSet<TaxId>,
    ) {
        for id in &products.deleted {
            self.products.remove(id);
            self.unsellable.remove(id);
        }
        let changed: HashMap<&ProductId, &ProductRecord> = products
            .changed
            .iter()
            .map(|record| (&record.id, record))
            .collect();
        // Products whose tax changed are priced again; so are those kept
        // aside, in case their tax has now arrived.
        let mut to_price: Vec<ProductRecord> = changed.values().map(|r| (*r).clone()).collect();
        let stale: Vec<ProductId> = self
            .products
            .values()
            .filter(|product| {
                !changed.contains_key(product.id())
                    && matches!(&product.record().pricing, Pricing::Net { tax, .. } if retaxed.contains(tax))
            })
            .map(|product| product.id().clone())
            .collect();
        for id in stale {
            if let Some(product) = self.products.remove(&id) {
                to_price.push(product.record().clone());
            }
        }
        for (id, record) in std::mem::take(&mut self.unsellable) {
            if !changed.contains_key(&id) {
                to_price.push(record);
            }
        }
        for record in to_price {
            self.products.remove(&record.id);
            let taxes = &self.taxes;
            match Product::price(record, |tax| taxes.get(tax).map(|t| t.vat_percent)) {
                Priced::Sellable(product) => {
                    self.products.insert(product.id().clone(), product);
                }
                Priced::Unsellable(record) => {
                    self.unsellable.insert(record.id.clone(), record);
                }
            }
        }
        self.move_barcodes(&products.changed);
    }

    /// A barcode claimed by a changed product is taken from any other
    /// product that still lists it: the label was moved to new goods. Two
    /// changed products claiming one barcode: the later in the change wins.
    fn move_barcodes(&mut self, changed: &[ProductRecord]) {
        let mut claimed: HashMap<&str, &ProductId> = HashMap::new();
        for record in changed {
            if self.products.contains_key(&record.id) {
                for barcode in &record.barcodes {
                    claimed.insert(barcode.as_str(), &record.id);
                }
            }
        }
        if claimed.is_empty() {
            return;
        }
        for product in self.products.values_mut() {
            let given_up: Vec<String> = product
                .barcodes()
                .iter()
                .filter(|barcode| {
                    claimed
                        .get(barcode.as_str())
                        .is_some_and(|owner| *owner != product.id())
                })
                .cloned()
                .collect();
            for barcode in given_up {
                product.give_up_barcode(&barcode);
            }
        }
    }
}

/// Deletes, then adds or replaces whole, entities keyed by identifier.
fn replace<T: Clone, I: Eq + std::hash::Hash + Clone>(
    map: &mut HashMap<I, T>,
    changes: &Changes<T, I>,
    id: impl Fn(&T) -> &I,
) {
    for deleted in &changes.deleted {
        map.remove(deleted);
    }
    for entity in &changes.changed {
        map.insert(id(entity).clone(), entity.clone());
    }
}
