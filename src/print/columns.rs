//! Text fitted to a fixed number of columns: words wrapped, a label on the
//! left and an amount flush right, so amounts line up down the receipt and
//! nothing runs off a 32-column roll.

use super::code_page::width;

/// `text` broken into lines of at most `columns` characters, at spaces where
/// it can be and inside a word that is longer than a line.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = width(&line);
            let gap = usize::from(used > 0);
            if used + gap + word.len() <= columns {
                if gap == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let rest = word.split_off(columns);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `label` on the left and `value` flush right on the same line when both
/// fit; otherwise the label wraps and the value ends its last line, or takes
/// a line of its own.
pub fn row(label: &str, value: &str, columns: usize) -> Vec<String> {
    let value_width = width(value);
    if value_width >= columns {
        let mut lines = wrap(label, columns);
        lines.extend(wrap(value, columns));
        return lines;
    }
    let mut lines = wrap(label, columns);
    let last = lines.pop().unwrap_or_default();
    let last_width = width(&last);
    if last_width + 1 + value_width <= columns {
        lines.push(format!(
            "{last}{}{value}",
            " ".repeat(columns - last_width - value_width)
        ));
    } else {
        lines.push(last);
        lines.push(format!("{}{value}", " ".repeat(columns - value_width)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(
            wrap("Coca-Cola Zero 1.5 l", 10),
            ["Coca-Cola", "Zero 1.5 l"]
        );
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("  ", 5), [""]);
    }

    #[test]
    fn amounts_end_at_the_last_column() {
        assert_eq!(row("Total", "1 500,00", 16), ["Total   1 500,00"]);
        assert_eq!(
            row("Cashback spent today", "100,00", 16),
            ["Cashback spent", "today     100,00"]
        );
        assert_eq!(
            row("Twelve chars", "12 345,00", 16),
            ["Twelve chars", "       12 345,00"]
        );
    }

    #[test]
    fn nothing_is_wider_than_the_paper() {
        for columns in [1, 5, 32] {
            for line in row("a label of several words", "9 999 999,99 UZS", columns) {
                assert!(width(&line) <= columns, "{line:?}");
            }
        }
    }
}
