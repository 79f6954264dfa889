//! The sale receipt and the test page as blocks: the same content as the
//! printed page (`ui::checkout::printed_receipt`), in the cashier's language,
//! fitted to the paper.

use super::columns::{row, wrap};
use super::{summary, Block, Paper};
use crate::domain::date_style::format_date_time;
use crate::domain::money::Money;
use crate::domain::number_input::{format_money, format_quantity};
use crate::domain::payment::Tender;
use crate::domain::receipt::vat_by_rate;
use crate::domain::refund::Refund;
use crate::domain::sale::Sale;
use crate::i18n::{Lang, Text};

/// What the loyalty server said about the customer's cashback, as far as
/// it is known when the receipt prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loyalty {
    /// Not sent yet (queued): printed as "pending".
    Pending,
    Known {
        earned: Option<Money>,
        balance: Option<Money>,
    },
}

/// A finalized sale and what goes on its receipt besides.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptPrint<'a> {
    pub sale: &'a Sale,
    pub till: &'a str,
    pub loyalty: Loyalty,
    /// A fiscal or loyalty link, printed as a QR code.
    pub link: Option<&'a str>,
    /// A reprint, marked as a copy.
    pub copy: bool,
}

/// Lays out a receipt for `paper` in `lang`.
pub fn receipt(print: &ReceiptPrint, lang: Lang, paper: Paper) -> Vec<Block> {
    let columns = paper.columns();
    let t = |text: Text| text.in_lang(lang);
    let money = |m: Money| format_money(m, lang.number_style());
    let sale = print.sale;
    let totals = sale.totals();
    let mut blocks = Vec::new();
    let rows = |blocks: &mut Vec<Block>, label: &str, value: &str| {
        blocks.extend(row(label, value, columns).into_iter().map(Block::Line));
    };

    blocks.extend(title(t(Text::AppName), columns));
    if print.copy {
        blocks.extend(
            wrap(t(Text::ReceiptCopy), columns)
                .into_iter()
                .map(Block::Centered),
        );
    }
    rows(&mut blocks, t(Text::ReceiptTill), print.till);
    rows(&mut blocks, t(Text::LoginCashier), sale.cashier());
    rows(&mut blocks, t(Text::ReceiptNumber), &sale.number().0);
    let at = format_date_time(sale.finalized_at(), lang.date_style());
    rows(&mut blocks, t(Text::ReceiptDate), &at);
    blocks.push(Block::Rule);

    for line in sale.lines() {
        blocks.extend(wrap(line.name(), columns).into_iter().map(Block::Line));
        let quantity = format_quantity(line.quantity(), lang.number_style());
        let each = format!("{quantity} x {}", money(line.unit_price()));
        rows(&mut blocks, &each, &money(line.total()));
        if !line.discount().is_zero() {
            let discount = format!("-{}", money(line.discount()));
            rows(&mut blocks, t(Text::ItemDiscount), &discount);
        }
    }
    blocks.push(Block::Rule);

    for (rate, vat) in vat_by_rate(sale.lines()) {
        rows(
            &mut blocks,
            &format!("{} {rate}%", t(Text::ReceiptVatAt)),
            &money(vat),
        );
    }
    if let Some((label, amount)) = summary::bill_discount(sale) {
        rows(&mut blocks, t(label), &format!("-{}", money(amount)));
    }
    rows(
        &mut blocks,
        t(Text::TotalBeforeBonus),
        &money(totals.total_before_bonus),
    );
    for (label, amount) in summary::loyalty_tenders(sale) {
        rows(&mut blocks, t(label), &money(amount));
    }
    let due = format!("{} {}", money(totals.total_due), t(Text::Currency));
    blocks.extend(
        row(t(Text::TotalDue), &due, columns)
            .into_iter()
            .map(Block::Strong),
    );
    for payment in &sale.settlement().payments {
        let tender = match payment.tender {
            Tender::Cash => Text::TenderCash,
            Tender::Card => Text::TenderCard,
        };
        rows(&mut blocks, t(tender), &money(payment.amount));
    }
    rows(
        &mut blocks,
        t(Text::PayChange),
        &money(sale.settlement().change),
    );

    if sale.customer().is_some() {
        blocks.push(Block::Rule);
        let value = |known: Option<Money>| match print.loyalty {
            Loyalty::Pending => t(Text::ReceiptPending).to_owned(),
            Loyalty::Known { .. } => known.map(money).unwrap_or_default(),
        };
        let (earned, balance) = match print.loyalty {
            Loyalty::Pending => (None, None),
            Loyalty::Known { earned, balance } => (earned, balance),
        };
        rows(&mut blocks, t(Text::BonusEarned), &value(earned));
        rows(&mut blocks, t(Text::NewBalance), &value(balance));
    }
    blocks.push(Block::Line(String::new()));
    blocks.extend(
        wrap(t(Text::ReceiptThanks), columns)
            .into_iter()
            .map(Block::Centered),
    );
    blocks.push(Block::Barcode(sale.number().0.clone()));
    if let Some(link) = print.link {
        blocks.push(Block::Qr(link.to_owned()));
    }
    blocks
}

/// A refund and what goes on its receipt besides.
#[derive(Debug, Clone, Copy)]
pub struct RefundPrint<'a> {
    pub refund: &'a Refund,
    pub till: &'a str,
}

/// Lays out a refund's receipt for `paper` in `lang`: the sale it takes
/// back, the returned lines with their VAT, what went back per tender and
/// what the loyalty program takes back, as the printed page shows it.
pub fn refund_receipt(print: &RefundPrint, lang: Lang, paper: Paper) -> Vec<Block> {
    let columns = paper.columns();
    let t = |text: Text| text.in_lang(lang);
    let money = |m: Money| format_money(m, lang.number_style());
    let refund = print.refund;
    let mut blocks = Vec::new();
    let rows = |blocks: &mut Vec<Block>, label: &str, value: &str| {
        blocks.extend(row(label, value, columns).into_iter().map(Block::Line));
    };

    blocks.extend(title(t(Text::AppName), columns));
    blocks.extend(title(t(Text::RefundReceiptTitle), columns));
    rows(&mut blocks, t(Text::ReceiptTill), print.till);
    rows(&mut blocks, t(Text::LoginCashier), refund.cashier());
    rows(&mut blocks, t(Text::RefundNumber), &refund.number().0);
    rows(&mut blocks, t(Text::RefundOriginal), &refund.original().0);
    let at = format_date_time(refund.finalized_at(), lang.date_style());
    rows(&mut blocks, t(Text::ReceiptDate), &at);
    blocks.push(Block::Rule);

    let lines = refund.fiscal_lines();
    for line in &lines {
        blocks.extend(wrap(line.name(), columns).into_iter().map(Block::Line));
        let quantity = format_quantity(line.quantity(), lang.number_style());
        let each = format!("{quantity} x {}", money(line.unit_price()));
        rows(&mut blocks, &each, &format!("-{}", money(line.total())));
    }
    blocks.push(Block::Rule);

    for (rate, vat) in vat_by_rate(&lines) {
        rows(
            &mut blocks,
            &format!("{} {rate}%", t(Text::ReceiptVatAt)),
            &money(vat),
        );
    }
    let total = format!("{} {}", money(refund.total()), t(Text::Currency));
    blocks.extend(
        row(t(Text::RefundTotal), &total, columns)
            .into_iter()
            .map(Block::Strong),
    );
    for (label, amount) in summary::paid_back(refund) {
        rows(&mut blocks, t(label), &money(amount));
    }
    let reversal = refund.reversal();
    if let Some(amount) = reversal.cashback_taken_back {
        rows(
            &mut blocks,
            t(Text::RefundCashbackTakenBack),
            &money(amount),
        );
    }
    if let Some(points) = reversal.points_taken_back {
        rows(
            &mut blocks,
            t(Text::RefundPointsTakenBack),
            &points.to_string(),
        );
    }
    blocks.push(Block::Line(String::new()));
    blocks.push(Block::Barcode(refund.number().0.clone()));
    blocks
}

/// The test page: the paper's width, a ruler to see that no column is cut
/// off, and the letters of the three languages to check the code page.
pub fn test_page(lang: Lang, paper: Paper, code_page_name: &str) -> Vec<Block> {
    let columns = paper.columns();
    let mut blocks = title(Text::PrinterTestTitle.in_lang(lang), columns);
    let width = format!("{columns} {}", Text::PrinterTestColumns.in_lang(lang));
    blocks.extend(
        row(Text::PrinterCodePage.in_lang(lang), code_page_name, columns)
            .into_iter()
            .map(Block::Line),
    );
    blocks.push(Block::Line(width));
    let ruler: String = (1..=columns)
        .map(|i| char::from(b'0' + (i % 10) as u8))
        .collect();
    blocks.push(Block::Line(ruler));
    for sample in [
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя №",
        "O‘zbekcha: o‘g‘il, G‘ofur, ma’no",
        "0123456789 .,:;-+%/()",
    ] {
        blocks.extend(wrap(sample, columns).into_iter().map(Block::Line));
    }
    blocks.push(Block::Rule);
    blocks
}

/// A report's figures: its title, then each label with its value flush right.
pub fn figures(title_text: &str, rows: &[(String, String)], paper: Paper) -> Vec<Block> {
    let columns = paper.columns();
    let mut blocks = title(title_text, columns);
    blocks.push(Block::Rule);
    for (label, value) in rows {
        blocks.extend(row(label, value, columns).into_iter().map(Block::Line));
    }
    blocks.push(Block::Rule);
    blocks
}

/// A heading in double width: half as many characters to a line.
fn title(text: &str, columns: usize) -> Vec<Block> {
    wrap(text, columns / 2)
        .into_iter()
        .map(Block::Title)
        .collect()
}
