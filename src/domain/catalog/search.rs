//! Search as you type over the whole catalog: every word typed must begin a
//! word of the product's name (any order, any case, any script — see
//! [`fold`](super::fold)), or the digits typed must begin one of its
//! barcodes or its IKPU code.
//!
//! The index is built once per catalog version: the folded name words and
//! the codes, each sorted, so that a prefix is a binary search and a range.
//! Products are numbered in the order of their folded names, so the hits of
//! a query come out alphabetical without sorting.

use super::fold::{fold, words};
use super::product::ProductId;
use super::Catalog;

/// What a query found: the first `limit` products, best first, and how many
/// matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits<'a> {
    pub products: Vec<&'a ProductId>,
    pub total: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Products in folded-name order.
    ids: Vec<ProductId>,
    folded_names: Vec<Box<str>>,
    /// (folded word, product), sorted.
    words: Vec<(Box<str>, u32)>,
    /// (barcode or IKPU code, product), sorted.
    codes: Vec<(Box<str>, u32)>,
}

/// A set of products, one bit each.
struct Matches(Vec<u64>);

impl Matches {
    fn empty(len: usize) -> Matches {
        Matches(vec![0; len.div_ceil(64)])
    }

    fn insert(&mut self, product: u32) {
        let at = product as usize;
        self.0[at / 64] |= 1 << (at % 64);
    }

    fn intersect(&mut self, other: &Matches) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine &= theirs;
        }
    }

    fn union(&mut self, other: &Matches) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(block, bits)| {
            let mut bits = *bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    block * 64 + bit
                })
            })
        })
    }
}

/// The entries of a sorted list whose key begins with `prefix`.
fn with_prefix<'a>(
    sorted: &'a [(Box<str>, u32)],
    prefix: &'a str,
) -> impl Iterator<Item = u32> + 'a {
    let start = sorted.partition_point(|(key, _)| &**key < prefix);
    sorted[start..]
        .iter()
        .take_while(move |(key, _)| key.starts_with(prefix))
        .map(|(_, product)| *product)
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let mut named: Vec<(String, &super::Product)> = catalog
            .products()
            .map(|product| (fold(product.name()), product))
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id().cmp(b.1.id())));
        let mut index = SearchIndex::default();
        for (number, (folded, product)) in (0u32..).zip(named) {
            let mut own_words: Vec<&str> = folded.split_whitespace().collect();
            own_words.sort_unstable();
            own_words.dedup();
            index
                .words
                .extend(own_words.into_iter().map(|word| (word.into(), number)));
            let class_code = product.class_code().as_str();
            index.codes.extend(
                product
                    .barcodes()
                    .iter()
                    .map(String::as_str)
                    .chain((!class_code.is_empty()).then_some(class_code))
                    .map(|code| (code.into(), number)),
            );
            index.ids.push(product.id().clone());
            index.folded_names.push(folded.trim_start().into());
        }
        index.words.sort_unstable();
        index.codes.sort_unstable();
        index
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The products `query` finds, at most `limit` of them: an exact code
    /// first, then names that begin with the first word typed, then the
    /// other matches, each group alphabetical.
    pub fn search(&self, query: &str, limit: usize) -> Hits<'_> {
        let typed = words(query);
        let Some(first) = typed.first() else {
            return Hits {
                products: Vec::new(),
                total: 0,
            };
        };
        let mut found = Matches::empty(self.ids.len());
        let mut by_name = Matches::empty(self.ids.len());
        for product in with_prefix(&self.words, first) {
            by_name.insert(product);
        }
        for word in &typed[1..] {
            let mut also = Matches::empty(self.ids.len());
            for product in with_prefix(&self.words, word) {
                also.insert(product);
            }
            by_name.intersect(&also);
        }
        found.union(&by_name);
        let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
        let is_code = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        let mut exact = Vec::new();
        if is_code {
            for product in with_prefix(&self.codes, &digits) {
                found.insert(product);
            }
            let start = self.codes.partition_point(|(code, _)| **code < *digits);
            exact.extend(
                self.codes[start..]
                    .iter()
                    .take_while(|(code, _)| **code == *digits)
                    .map(|(_, product)| *product as usize),
            );
            exact.sort_unstable();
            exact.dedup();
        }
        let mut starting = Vec::new();
        let mut others = Vec::new();
        let mut total = 0;
        for product in found.iter() {
            total += 1;
            if exact.binary_search(&product).is_ok() {
                continue;
            }
            if self.folded_names[product].starts_with(first.as_str()) {
                if starting.len() < limit {
                    starting.push(product);
                }
            } else if others.len() < limit {
                others.push(product);
            }
        }
        let products = exact
            .into_iter()
            .chain(starting)
            .chain(others)
            .take(limit)
            .map(|product| &self.ids[product])
            .collect();
        Hits { products, total }
    }
}
