//! What a code read by the barcode field sells: a product by the piece, a
//! weighed product whose weight the cashier gives, or a scale label that
//! carries both the item and its weight.

use super::product::{Product, Unit};
use super::Catalog;
use crate::domain::line::Line;
use crate::domain::scale_barcode::{ScaleBarcodeError, ScaleLayout};

#[derive(Debug, PartialEq)]
pub enum Scanned<'a> {
    /// Ready for the receipt: a piece, or a scale label with its weight.
    Line(Line),
    /// A weighed product's own barcode (or a tap): ask for the weight.
    Weigh(&'a Product),
    Unknown,
    /// A scale label that cannot be trusted (wrong check digit, no weight):
    /// scan it again rather than sell a guess.
    Misread(ScaleBarcodeError),
}

impl Catalog {
    /// The product a code on a receipt line sold: its own barcode, or the
    /// item of a scale label.
    pub fn sold_under(&self, code: &str, scale: &ScaleLayout) -> Option<&Product> {
        let code = code.trim();
        self.find(code).or_else(|| {
            scale
                .read(code)
                .ok()
                .flatten()
                .and_then(|label| self.find_weighed(&label))
        })
    }

    /// The catalog's own barcodes first (a weighed product's zero-weight
    /// code, a product that happens to start with 2), then a scale label.
    pub fn scanned(&self, code: &str, scale: &ScaleLayout) -> Scanned<'_> {
        let code = code.trim();
        if let Some(product) = self.find(code) {
            return product.tapped(code);
        }
        match scale.read(code) {
            Ok(Some(label)) => match self.find_weighed(&label) {
                Some(product) => product
                    .line_of(label.weight, code)
                    .map_or(Scanned::Unknown, Scanned::Line),
                None => Scanned::Unknown,
            },
            Ok(None) => Scanned::Unknown,
            Err(error) => Scanned::Misread(error),
        }
    }
}

impl Product {
    /// A tap on the product's tile (or its barcode scanned, `code`): one
    /// piece, or the weight is asked.
    pub fn tapped(&self, code: &str) -> Scanned<'_> {
        match self.unit() {
            Unit::Kg => Scanned::Weigh(self),
            Unit::Piece => self
                .line_of(crate::domain::quantity::Quantity::ONE, code)
                .map_or(Scanned::Unknown, Scanned::Line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::domain::number_input::parse_quantity;

    const CATALOG: &str = r#"{"products": [
        {"id": "water", "barcode": "4780000000011", "name": "Water", "price": "4000", "vatPercent": 12},
        {"id": "cheese", "barcode": "2000027000005", "name": "Cheese", "price": "119000", "vatPercent": 12, "unit": "kg"},
        {"id": "tea", "barcode": "2100000000012", "name": "Tea 2-code", "price": "9900", "vatPercent": 12}
    ]}"#;

    fn catalog() -> Catalog {
        Catalog::from_json(CATALOG).unwrap().0
    }

    #[test]
    fn a_piece_is_one_line_of_one() {
        let catalog = catalog();
        let Scanned::Line(line) = catalog.scanned(" 4780000000011 ", &ScaleLayout::default())
        else {
            panic!("not a line");
        };
        assert_eq!((line.name(), line.total()), ("Water", Money::sum(4000)));
    }

    #[test]
    fn a_weighed_products_own_code_asks_for_the_weight() {
        let catalog = catalog();
        let scanned = catalog.scanned("2000027000005", &ScaleLayout::default());
        assert!(matches!(scanned, Scanned::Weigh(product) if product.id().as_str() == "cheese"));
    }

    #[test]
    fn a_scale_label_sells_its_weight_under_the_label() {
        let catalog = catalog();
        // 20 00027 01250 C: item 27, 1.250 kg.
        let Scanned::Line(line) = catalog.scanned("2000027012503", &ScaleLayout::default()) else {
            panic!("not a line");
        };
        assert_eq!(line.quantity(), parse_quantity("1.25").unwrap());
        assert_eq!(line.total(), Money::sum(148750));
        assert_eq!(line.barcode(), "2000027012503");
    }

    #[test]
    fn a_label_with_a_wrong_check_digit_is_a_misread() {
        let catalog = catalog();
        assert_eq!(
            catalog.scanned("2000027012502", &ScaleLayout::default()),
            Scanned::Misread(ScaleBarcodeError::BadCheckDigit)
        );
    }

    #[test]
    fn the_catalogs_own_codes_win_over_the_scale_layout() {
        let catalog = catalog();
        let scanned = catalog.scanned("2100000000012", &ScaleLayout::default());
        assert!(matches!(scanned, Scanned::Line(line) if line.name() == "Tea 2-code"));
    }

    #[test]
    fn a_line_names_the_product_it_sold_by_barcode_or_scale_label() {
        let catalog = catalog();
        let layout = ScaleLayout::default();
        let sold = |code| catalog.sold_under(code, &layout).map(|p| p.id().as_str());
        assert_eq!(sold("4780000000011"), Some("water"));
        assert_eq!(sold("2000027012503"), Some("cheese"));
        assert_eq!(sold(""), None);
        assert_eq!(sold("2000099010001"), None);
    }

    #[test]
    fn unknown_codes_and_labels_of_unknown_items_are_unknown() {
        let catalog = catalog();
        let layout = ScaleLayout::default();
        assert_eq!(catalog.scanned("123", &layout), Scanned::Unknown);
        // 20 00099 01000 C: a label of an item the catalog does not hold.
        assert_eq!(catalog.scanned("2000099010001", &layout), Scanned::Unknown);
    }
}
