//! Golden ESC/POS receipts: sales rung up through the public domain API,
//! laid out and encoded as the print worker does it, compared byte for byte
//! with `tests/golden/escpos/<case>.bin`, and read back by the ESC/POS reader
//! into `<case>.txt` — the receipt as the customer holds it, to be read by
//! a person when it changes. `KASSA_BLESS_GOLDEN=1 cargo test --test
//! escpos_receipts` rewrites both from the code.

#[path = "support/escpos_reader.rs"]
mod escpos_reader;

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::customer::{Customer, CustomerCode, CustomerId};
use kassa::domain::line::LineDraft;
use kassa::domain::loyalty_tender::{cashback_spend, LoyaltyTender};
use kassa::domain::money::Money;
use kassa::domain::payment::Settlement;
use kassa::domain::quantity::Quantity;
use kassa::domain::receipt::Totals;
use kassa::domain::refund::{Earned, Refund, RefundDraft, RefundPick, Refundable};
use kassa::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};
use kassa::i18n::{Lang, Text};
use kassa::print::code_page::{CodePage, UNPRINTABLE};
use kassa::print::escpos::{self, DRAWER_PULSE};
use kassa::print::job::{PrintJob, PrintRequest, ReceiptJob, RefundJob};
use kassa::print::Paper;
use kassa::store::journal::SaleRecord;
use kassa::store::refund_journal::RefundRecord;
use rust_decimal::Decimal;

const AT: LocalDateTime = LocalDateTime {
    year: 2026,
    month: 11,
    day: 23,
    hour: 14,
    minute: 5,
    second: 9,
};

fn sum(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn item(name: &str, price: &str, quantity: &str) -> LineDraft {
    LineDraft::product(
        name,
        sum(price),
        Quantity::new(Decimal::from_str(quantity).unwrap()).unwrap(),
        12,
    )
}

fn customer() -> Customer {
    Customer {
        id: CustomerId::AosCode(
            CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
        ),
        name: "Dilnoza Rahimova".into(),
        balance: sum("8200"),
        percent: Decimal::from(3),
        card_type: "Silver".into(),
        points: None,
        tier: None,
        phone: None,
    }
}

/// The sale of the checkout e2e test, in the language's own product names:
/// a long name, a weighed line, a discount, cashback spent, split payment.
fn full_sale(names: [&str; 3]) -> Sale {
    let mut water = item(names[0], "4000", "2");
    water.discount = sum("500");
    let lines: Vec<_> = [
        water,
        item(names[1], "18990", "0.750"),
        item(names[2], "12500", "1"),
    ]
    .into_iter()
    .map(|draft| kassa::domain::line::Line::new(draft).unwrap())
    .collect();
    let bonus = sum("8200");
    let due = Totals::of(&lines, bonus).total_due;
    let card = sum("10000");
    let settlement = Settlement::new(due, sum("25000"), card).unwrap();
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: Some(customer()),
        lines,
        bill_discount: None,
        loyalty_tenders: cashback_spend(bonus),
        settlement,
    };
    Sale::finalize(draft, ReceiptNumber("T1A2B-2611231405-000007".into()), AT).unwrap()
}

/// One product, paid by card, no customer.
fn card_sale() -> Sale {
    let lines =
        vec![kassa::domain::line::Line::new(item("Coca-Cola 1.5 l", "12500", "1")).unwrap()];
    let settlement = Settlement::new(sum("12500"), Money::ZERO, sum("12500")).unwrap();
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: None,
        lines,
        bill_discount: None,
        loyalty_tenders: Vec::new(),
        settlement,
    };
    Sale::finalize(draft, ReceiptNumber("T1A2B-2611231405-000008".into()), AT).unwrap()
}

const RU_NAMES: [&str; 3] = [
    "Вода питьевая негазированная «Nestlé Pure Life» 1,5 л",
    "Яблоки Голден (вес)",
    "Сыр «Российский» ёмкость №2",
];
const UZ_NAMES: [&str; 3] = [
    "Ichimlik suvi gazsiz “Nestle Pure Life” 1,5 l, plastik idishda",
    "Olma Golden (tortilgan)",
    "Qo‘y go‘shti, G‘ijduvon",
];
const EN_NAMES: [&str; 3] = [
    "Still drinking water Nestle Pure Life 1.5 l plastic bottle",
    "Apples Golden (weighed)",
    "Cheddar cheese",
];

struct Case {
    name: &'static str,
    lang: Lang,
    paper: Paper,
    code_page: CodePage,
    sale: Sale,
    pending: bool,
    link: Option<&'static str>,
    copy: bool,
    open_drawer: bool,
}

fn request(case: &Case) -> PrintRequest {
    let mut record = SaleRecord::new(&case.sale, "2611231405");
    let known = case.sale.customer().is_some() && !case.pending;
    record.earned = known.then(|| "421.28".into());
    PrintRequest {
        lang: case.lang.code().into(),
        paper: case.paper,
        code_page: case.code_page,
        job: PrintJob::Receipt(Box::new(ReceiptJob {
            record,
            till: "T1A2B".into(),
            pending: case.pending,
            balance: known.then(|| "421.28".into()),
            link: case.link.map(str::to_owned),
            copy: case.copy,
            open_drawer: case.open_drawer,
        })),
    }
}

fn cases() -> Vec<Case> {
    let case = |name, lang, paper, code_page, sale| Case {
        name,
        lang,
        paper,
        code_page,
        sale,
        pending: false,
        link: None,
        copy: false,
        open_drawer: true,
    };
    vec![
        case(
            "ru_58_cp866",
            Lang::Ru,
            Paper::Mm58,
            CodePage::Cp866,
            full_sale(RU_NAMES),
        ),
        case(
            "ru_80_windows1251",
            Lang::Ru,
            Paper::Mm80,
            CodePage::Windows1251,
            full_sale(RU_NAMES),
        ),
        Case {
            pending: true,
            ..case(
                "uz_58_pending",
                Lang::Uz,
                Paper::Mm58,
                CodePage::Cp866,
                full_sale(UZ_NAMES),
            )
        },
        case(
            "uz_80",
            Lang::Uz,
            Paper::Mm80,
            CodePage::Cp866,
            full_sale(UZ_NAMES),
        ),
        case(
            "en_58",
            Lang::En,
            Paper::Mm58,
            CodePage::Cp866,
            full_sale(EN_NAMES),
        ),
        Case {
            link: Some("https://ofd.soliq.uz/check?t=T1A2B&r=000008"),
            copy: true,
            open_drawer: false,
            ..case(
                "en_80_card_copy_qr",
                Lang::En,
                Paper::Mm80,
                CodePage::Cp866,
                card_sale(),
            )
        },
    ]
}

fn golden(name: &str, ext: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/escpos/{name}.{ext}"))
}

#[test]
fn receipts_match_their_golden_streams() {
    let bless = env::var_os("KASSA_BLESS_GOLDEN").is_some();
    for case in cases() {
        let bytes = request(&case).stream().unwrap();
        let text = escpos_reader::render(&bytes, case.paper.columns())
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        if bless {
            fs::write(golden(case.name, "bin"), &bytes).unwrap();
            fs::write(golden(case.name, "txt"), &text).unwrap();
            continue;
        }
        let expected_text = fs::read_to_string(golden(case.name, "txt")).unwrap();
        assert_eq!(
            text, expected_text,
            "{}: the visible receipt changed",
            case.name
        );
        let expected = fs::read(golden(case.name, "bin")).unwrap();
        assert!(bytes == expected, "{}: the stream changed", case.name);
    }
}

/// One cola paid 10 000 in the customer's AppsPOS app and the rest by card.
fn in_app_sale() -> Sale {
    let lines =
        vec![kassa::domain::line::Line::new(item("Coca-Cola 1.5 l", "12500", "1")).unwrap()];
    let in_app = sum("10000");
    let settlement = Settlement::new(sum("2500"), Money::ZERO, sum("2500")).unwrap();
    let draft = SaleDraft {
        cashier: "Aziza".into(),
        customer: None,
        lines,
        bill_discount: None,
        loyalty_tenders: vec![LoyaltyTender::in_app(in_app)],
        settlement,
    };
    Sale::finalize(draft, ReceiptNumber("T1A2B-2611231405-000009".into()), AT).unwrap()
}

/// A refund of `sale`'s `picks` (line, quantity), numbered after it.
fn refund_of(sale: &Sale, picks: &[(usize, &str)], earned: Earned) -> Refund {
    let draft = RefundDraft {
        cashier: "Bekzod".into(),
        picks: picks
            .iter()
            .map(|&(line, quantity)| RefundPick {
                line,
                quantity: Quantity::new(Decimal::from_str(quantity).unwrap()).unwrap(),
            })
            .collect(),
        card: None,
    };
    let at = LocalDateTime { hour: 16, ..AT };
    Refundable::of(sale, &[])
        .unwrap()
        .quote(&draft, earned)
        .unwrap()
        .finalize(ReceiptNumber("T1A2B-2611231405-000010".into()), at)
}

fn refund_request(refund: &Refund, lang: Lang, paper: Paper, open_drawer: bool) -> PrintRequest {
    PrintRequest {
        lang: lang.code().into(),
        paper,
        code_page: CodePage::Cp866,
        job: PrintJob::Refund(Box::new(RefundJob {
            record: RefundRecord::new(refund, "2611231405"),
            till: "T1A2B".into(),
            open_drawer,
        })),
    }
}

#[test]
fn refund_receipts_match_their_golden_streams() {
    let bless = env::var_os("KASSA_BLESS_GOLDEN").is_some();
    let sale = full_sale(RU_NAMES);
    let earned = Earned {
        cashback: Some(sum("421.28")),
        points: None,
    };
    // One water of two and the weighed apples, from the sale with cashback.
    let partial = refund_of(&sale, &[(0, "1"), (1, "0.750")], earned);
    let in_app = refund_of(&in_app_sale(), &[(0, "1")], Earned::default());
    for (name, refund, lang, paper, drawer) in [
        ("refund_ru_58", &partial, Lang::Ru, Paper::Mm58, true),
        ("refund_en_80_in_app", &in_app, Lang::En, Paper::Mm80, false),
    ] {
        let bytes = refund_request(refund, lang, paper, drawer)
            .stream()
            .unwrap();
        let text = escpos_reader::render(&bytes, paper.columns())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if bless {
            fs::write(golden(name, "bin"), &bytes).unwrap();
            fs::write(golden(name, "txt"), &text).unwrap();
            continue;
        }
        let expected = fs::read_to_string(golden(name, "txt")).unwrap();
        assert_eq!(text, expected, "{name}: the visible refund receipt changed");
        assert!(
            bytes == fs::read(golden(name, "bin")).unwrap(),
            "{name}: the stream changed"
        );
        assert_eq!(
            bytes.windows(5).any(|w| w == DRAWER_PULSE),
            drawer,
            "{name}"
        );
    }
}

#[test]
fn an_in_app_payment_is_named_on_the_receipt_not_called_cashback() {
    let sale = in_app_sale();
    let mut case = cases().remove(5);
    case.sale = sale;
    let text = escpos_reader::render(&request(&case).stream().unwrap(), 48).unwrap();
    assert!(text.contains("Paid in the app"), "{text}");
    assert!(
        !text.contains(Text::BonusApplied.in_lang(Lang::En)),
        "{text}"
    );
}

#[test]
fn a_receipt_shows_what_the_printed_page_shows() {
    let case = &cases()[0];
    let text = escpos_reader::render(&request(case).stream().unwrap(), 32).unwrap();
    for expected in [
        "Касса                      T1A2B",
        "Чек      T1A2B-2611231405-000007",
        "Дата            23.11.2026 14:05",
        "           К а с с а",
        // The long name wraps; its amounts stay in the money column.
        "Вода питьевая негазированная",
        "2 x 4 000,00            7 500,00",
        "Скидка                   -500,00",
        "0,75 x 18 990,00       14 242,50",
        "НДС 12%                 3 668,84",
        "Итого                  34 242,50",
        "Списано кэшбэка         8 200,00",
        "К оплате           26 042,50 сум *",
        "Наличные               16 042,50",
        "Карта                  10 000,00",
        "Сдача                   8 957,50",
        "Начислено кэшбэка         421,28",
        "[code128 T1A2B-2611231405-000007]",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    assert!(text.starts_with("[drawer]\n"), "{text}");
    assert!(text.ends_with("[cut]\n"), "{text}");
}

#[test]
fn the_drawer_opens_only_when_asked() {
    let mut case = cases().remove(4);
    case.open_drawer = false;
    let bytes = request(&case).stream().unwrap();
    assert!(!bytes.windows(5).any(|w| w == DRAWER_PULSE));
    let text = escpos_reader::render(&escpos::drawer_only(), 32).unwrap();
    assert_eq!(text, "[drawer]\n");
}

#[test]
fn every_character_of_the_three_languages_prints() {
    let alphabets = [
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "O‘o‘ G‘g‘ Oʻoʻ Gʻgʻ O'o' ma’no maʼno",
    ];
    let sentences = Text::ALL
        .iter()
        .flat_map(|text| Lang::ALL.map(|lang| text.in_lang(lang)));
    for text in alphabets.into_iter().chain(sentences) {
        for page in CodePage::ALL {
            let bytes = page.encode(text);
            let unprintable = bytes.iter().filter(|&&b| b == UNPRINTABLE).count();
            assert_eq!(
                unprintable,
                text.matches('?').count(),
                "{page:?} cannot print {text:?}"
            );
            let (back, _) = page.encoding().decode_without_bom_handling(&bytes);
            assert_eq!(back.chars().count(), text.chars().count(), "{text:?}");
        }
    }
}

#[test]
fn the_test_page_fits_both_papers() {
    for paper in [Paper::Mm58, Paper::Mm80] {
        for lang in Lang::ALL {
            let request = PrintRequest {
                lang: lang.code().into(),
                paper,
                code_page: CodePage::Windows1251,
                job: PrintJob::TestPage,
            };
            let text = escpos_reader::render(&request.stream().unwrap(), paper.columns()).unwrap();
            assert!(text.contains("абвгдеёжз"), "{text}");
            assert!(text.contains("o'g'il"), "{text}");
        }
    }
}

#[test]
fn a_report_prints_its_figures_in_the_money_column() {
    let request = PrintRequest {
        lang: "ru".into(),
        paper: Paper::Mm58,
        code_page: CodePage::Cp866,
        job: PrintJob::Figures {
            title: "X-отчёт".into(),
            rows: vec![
                ("Продажи".into(), "2".into()),
                (
                    "Ожидается в кассе на конец смены".into(),
                    "1 234 567,00".into(),
                ),
            ],
        },
    };
    let text = escpos_reader::render(&request.stream().unwrap(), 32).unwrap();
    assert_eq!(
        text,
        concat!(
            "         X - о т ч ё т\n",
            "--------------------------------\n",
            "Продажи                        2\n",
            // A label that fills the line leaves the value a line of its own.
            "Ожидается в кассе на конец смены\n",
            "                    1 234 567,00\n",
            "--------------------------------\n",
            "[cut]\n",
        )
    );
}

#[test]
fn a_damaged_request_is_refused_not_printed() {
    assert!(PrintRequest::from_json("{").is_err());
    let mut request = request(&cases()[0]);
    if let PrintJob::Receipt(job) = &mut request.job {
        job.record.lines.clear();
    }
    assert!(request.stream().is_err());
    let json = request.to_json();
    assert_eq!(PrintRequest::from_json(&json), Ok(request));
}
