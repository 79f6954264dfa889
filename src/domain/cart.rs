//! The receipt being put together at the till: lines in scan order, each
//! with a stable id so the screen can follow a line while it changes.

use super::line::{Line, LineError};
use super::quantity::{Quantity, QuantityError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineId(u32);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cart {
    // Parallel vectors: `lines` is handed to the totals as a plain slice.
    ids: Vec<LineId>,
    lines: Vec<Line>,
    next_id: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityChangeError {
    Quantity(QuantityError),
    Line(LineError),
}

impl Cart {
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn ids(&self) -> &[LineId] {
        &self.ids
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn line(&self, id: LineId) -> Option<&Line> {
        self.position(id).map(|at| &self.lines[at])
    }

    /// Adds a line at the end.
    pub fn add(&mut self, line: Line) -> LineId {
        let id = LineId(self.next_id);
        self.next_id += 1;
        self.ids.push(id);
        self.lines.push(line);
        id
    }

    /// A scanned product: a second scan of the same undiscounted, same-priced
    /// item adds one to its line instead of starting another line, which is
    /// what a cashier scanning three bottles of water expects.
    pub fn add_scanned(&mut self, line: Line) -> LineId {
        let same = self.lines.iter().position(|existing| {
            !line.barcode().is_empty()
                && existing.barcode() == line.barcode()
                && existing.unit_price() == line.unit_price()
                && existing.discount().is_zero()
                && line.discount().is_zero()
        });
        let merged = same.and_then(|at| {
            let quantity =
                Quantity::new(self.lines[at].quantity().value() + line.quantity().value()).ok()?;
            self.lines[at]
                .with_quantity(quantity)
                .ok()
                .map(|line| (at, line))
        });
        match merged {
            Some((at, merged)) => {
                self.lines[at] = merged;
                self.ids[at]
            }
            None => self.add(line),
        }
    }

    /// Replaces a line after an edit; false if it is no longer in the cart.
    pub fn replace(&mut self, id: LineId, line: Line) -> bool {
        match self.position(id) {
            Some(at) => {
                self.lines[at] = line;
                true
            }
            None => false,
        }
    }

    pub fn remove(&mut self, id: LineId) {
        if let Some(at) = self.position(id) {
            self.ids.remove(at);
            self.lines.remove(at);
        }
    }

    /// Applies `change` to a line's quantity (the +/− buttons).
    pub fn change_quantity(
        &mut self,
        id: LineId,
        change: impl FnOnce(Quantity) -> Result<Quantity, QuantityError>,
    ) -> Result<(), QuantityChangeError> {
        let Some(at) = self.position(id) else {
            return Ok(());
        };
        let quantity = change(self.lines[at].quantity()).map_err(QuantityChangeError::Quantity)?;
        self.lines[at] = self.lines[at]
            .with_quantity(quantity)
            .map_err(QuantityChangeError::Line)?;
        Ok(())
    }

    pub fn clear(&mut self) {
        self.ids.clear();
        self.lines.clear();
    }

    fn position(&self, id: LineId) -> Option<usize> {
        self.ids.iter().position(|candidate| *candidate == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::LineDraft;
    use crate::domain::money::Money;

    fn water(barcode: &str) -> Line {
        Line::new(LineDraft {
            barcode: barcode.into(),
            ..LineDraft::product("Water", Money::sum(4000), Quantity::ONE, 12)
        })
        .unwrap()
    }

    #[test]
    fn scanning_the_same_product_again_adds_to_its_line() {
        let mut cart = Cart::default();
        let first = cart.add_scanned(water("4780000000011"));
        let again = cart.add_scanned(water("4780000000011"));
        let other = cart.add_scanned(water("4780000000028"));
        assert_eq!(first, again);
        assert_ne!(first, other);
        assert_eq!(cart.lines().len(), 2);
        assert_eq!(cart.line(first).unwrap().quantity().to_string(), "2");
    }

    #[test]
    fn lines_without_barcode_are_never_merged() {
        let mut cart = Cart::default();
        cart.add_scanned(water(""));
        cart.add_scanned(water(""));
        assert_eq!(cart.lines().len(), 2);
    }

    #[test]
    fn ids_stay_with_their_lines_across_removals() {
        let mut cart = Cart::default();
        let a = cart.add(water("1"));
        let b = cart.add(water("2"));
        cart.remove(a);
        assert_eq!(cart.ids(), [b]);
        assert_eq!(cart.line(b).unwrap().barcode(), "2");
        assert!(cart.line(a).is_none());
        assert!(!cart.replace(a, water("3")));
    }

    #[test]
    fn quantity_buttons_stop_at_one() {
        let mut cart = Cart::default();
        let id = cart.add(water("1"));
        cart.change_quantity(id, Quantity::increment).unwrap();
        assert_eq!(cart.line(id).unwrap().quantity().to_string(), "2");
        cart.change_quantity(id, Quantity::decrement).unwrap();
        assert_eq!(
            cart.change_quantity(id, Quantity::decrement),
            Err(QuantityChangeError::Quantity(QuantityError::NotPositive))
        );
        assert_eq!(cart.line(id).unwrap().quantity(), Quantity::ONE);
    }
}
