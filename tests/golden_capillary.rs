//! Golden Capillary requests and answers.
//!
//! Requests: every body Kassa sends, byte for byte, in
//! `tests/golden/capillary/<case>.json` (plus one newline), built through
//! the public wire API from figures computed by hand (arithmetic in the
//! comments). A changed golden file is the contract as the server sees it:
//! read it number by number before committing it.
//! `KASSA_BLESS_GOLDEN=1 cargo test --test golden_capillary` rewrites them.
//!
//! Answers: each variant the contract says to tolerate, and each outcome
//! class, read by the same functions the client uses.

use std::path::PathBuf;
use std::str::FromStr;
use std::{env, fs};

use kassa::domain::mobile::{CardNumber, MobileNumber};
use kassa::domain::money::Money;
use kassa::domain::quantity::Quantity;
use kassa::domain::sale::LocalDateTime;
use kassa::loyalty::capillary::wire::{
    self, CapillaryRequest, CouponCheck, CouponDiscount, CouponRedeem, CouponRedeemed, CustomerId,
    CustomerProfile, Enrolment, LineItem, Member, Method, PaymentMode, PointsCheck, PointsRedeem,
    PointsRedeemed, Reply, ReturnType, TransactionAdd, TransactionAdded, TransactionKind,
};
use kassa::loyalty::error::LoyaltyError;
use rust_decimal::Decimal;

fn sum(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn qty(text: &str) -> Quantity {
    Quantity::new(Decimal::from_str(text).unwrap()).unwrap()
}

fn mobile() -> MobileNumber {
    MobileNumber::parse("+998 90 123-45-67").unwrap()
}

fn at(day: u8, hour: u8, minute: u8, second: u8) -> LocalDateTime {
    LocalDateTime {
        year: 2026,
        month: 3,
        day,
        hour,
        minute,
        second,
    }
}

fn assert_matches_golden(case: &str, request: &CapillaryRequest, path: &str) {
    assert_eq!(request.method, Method::Post, "{case}");
    assert_eq!(request.path, path, "{case}");
    assert_eq!(
        request.query,
        vec![("format".to_owned(), "json".to_owned())],
        "{case}"
    );
    let file: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "capillary",
        case,
    ]
    .iter()
    .collect::<PathBuf>()
    .with_extension("json");
    let body = format!("{}\n", request.body.as_deref().unwrap_or_default());
    if env::var_os("KASSA_BLESS_GOLDEN").is_some() {
        fs::write(&file, body).unwrap();
        return;
    }
    let golden = fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("{case}: cannot read {}: {error}", file.display()));
    assert_eq!(body, golden, "{case}: body differs from {}", file.display());
}

fn query(request: &CapillaryRequest) -> Vec<(&str, &str)> {
    request
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn lookups_and_checks_are_gets_with_format_json_first() {
    let by_mobile = wire::customer_get(&CustomerId::Mobile(mobile()));
    assert_eq!(by_mobile.method, Method::Get);
    assert_eq!(by_mobile.path, "/v1.1/customer/get");
    assert_eq!(
        query(&by_mobile),
        [("format", "json"), ("mobile", "998901234567")]
    );
    assert_eq!(by_mobile.body, None);

    let card = CardNumber::parse(" 4000 1234 5678 \n").unwrap();
    let by_card = wire::customer_get(&CustomerId::Card(card));
    assert_eq!(
        query(&by_card),
        [("format", "json"), ("card_number", "400012345678")]
    );

    let points = wire::points_isredeemable(&mobile(), 5000);
    assert_eq!(points.path, "/v1.1/points/isredeemable");
    assert_eq!(
        query(&points),
        [
            ("format", "json"),
            ("mobile", "998901234567"),
            ("points", "5000"),
            ("issue_otp", "true")
        ]
    );

    let coupon = wire::coupon_isredeemable(&mobile(), " SAVE10K ");
    assert_eq!(coupon.path, "/v1.1/coupon/isredeemable");
    assert_eq!(
        query(&coupon),
        [
            ("format", "json"),
            ("mobile", "998901234567"),
            ("code", "SAVE10K"),
            ("details", "true")
        ]
    );
}

#[test]
fn customer_add() {
    let profile = CustomerProfile {
        mobile: MobileNumber::parse("93 555 01 01").unwrap(),
        first_name: " Bekzod ".into(),
        last_name: "Yusupov".into(),
        email: Some("bekzod@example.uz".into()),
    };
    assert_matches_golden(
        "customer_add",
        &wire::customer_add(&profile),
        "/v1.1/customer/add",
    );
}

#[test]
fn customer_update_without_email() {
    let profile = CustomerProfile {
        mobile: mobile(),
        first_name: "Dilnoza".into(),
        last_name: "Rahimova-Karimova".into(),
        email: Some("  ".into()),
    };
    assert_matches_golden(
        "customer_update",
        &wire::customer_update(&profile),
        "/v1.1/customer/update",
    );
}

/// Tea 2 × 18 500 = 37 000, 3 700 off → 33 300; apples 0.75 kg × 13 600.13 =
/// 10 200.0975 → 10 200.10, 1 020.01 off → 9 180.09. Gross 47 200.10,
/// discount 4 720.01, amount 42 480.09 = points 2 500 (5 000 × 0.5) +
/// card 20 000 + cash 19 980.09.
fn member_bill() -> TransactionAdd {
    TransactionAdd {
        kind: TransactionKind::Regular { mobile: mobile() },
        number: "T1-0001-000042".into(),
        billing_time: at(4, 12, 3, 58),
        gross_amount: sum("47200.10"),
        discount: sum("4720.01"),
        amount: sum("42480.09"),
        payments: vec![
            (PaymentMode::Points, sum("2500")),
            (PaymentMode::Card, sum("20000")),
            (PaymentMode::Cash, sum("19980.09")),
        ],
        line_items: vec![
            LineItem {
                serial: 1,
                item_code: "4780000000013".into(),
                description: "Чай \"Ahmad\" 100 g".into(),
                qty: qty("2"),
                rate: sum("18500"),
                value: sum("37000"),
                discount_value: sum("3700"),
                amount: sum("33300"),
            },
            apples(),
        ],
    }
}

fn apples() -> LineItem {
    LineItem {
        serial: 2,
        item_code: String::new(),
        description: "Apples".into(),
        qty: qty("0.750"),
        rate: sum("13600.13"),
        value: sum("10200.10"),
        discount_value: sum("1020.01"),
        amount: sum("9180.09"),
    }
}

#[test]
fn transaction_add_for_a_member_with_points_card_and_cash() {
    let bill = member_bill();
    assert_eq!(bill.check(), Ok(()));
    assert_eq!(bill.points_paid(), sum("2500"));
    assert_matches_golden(
        "transaction_add_member",
        &wire::transaction_add(&bill),
        "/v1.1/transaction/add",
    );
}

#[test]
fn transaction_add_without_a_member() {
    // Bread 3 × 4 000 = 12 000, paid in cash.
    let bill = TransactionAdd {
        kind: TransactionKind::NotInterested,
        number: "T1-0001-000043".into(),
        billing_time: at(4, 12, 10, 0),
        gross_amount: sum("12000"),
        discount: Money::ZERO,
        amount: sum("12000"),
        payments: vec![(PaymentMode::Cash, sum("12000"))],
        line_items: vec![LineItem {
            serial: 1,
            item_code: "4780000000020".into(),
            description: "Bread".into(),
            qty: qty("3"),
            rate: sum("4000"),
            value: sum("12000"),
            discount_value: Money::ZERO,
            amount: sum("12000"),
        }],
    };
    assert_eq!(bill.check(), Ok(()));
    assert_matches_golden(
        "transaction_add_not_interested",
        &wire::transaction_add(&bill),
        "/v1.1/transaction/add",
    );
}

#[test]
fn transaction_add_for_a_return_of_one_line() {
    // The apples of bill T1-0001-000042 come back: 9 180.09 in cash.
    let bill = TransactionAdd {
        kind: TransactionKind::Return {
            mobile: mobile(),
            return_type: ReturnType::LineItem,
            purchase_time: at(4, 12, 3, 58),
        },
        number: "T1-0001-000042".into(),
        billing_time: at(5, 9, 15, 0),
        gross_amount: sum("10200.10"),
        discount: sum("1020.01"),
        amount: sum("9180.09"),
        payments: vec![(PaymentMode::Cash, sum("9180.09"))],
        line_items: vec![LineItem {
            serial: 1,
            ..apples()
        }],
    };
    assert_eq!(bill.check(), Ok(()));
    assert_matches_golden(
        "transaction_add_return",
        &wire::transaction_add(&bill),
        "/v1.1/transaction/add",
    );
}

#[test]
fn a_bill_that_does_not_add_up_fails_the_check() {
    let mut bill = member_bill();
    bill.payments[2].1 = sum("19980.08");
    assert_eq!(bill.check(), Err("payments do not add up to amount"));
    let mut bill = member_bill();
    bill.line_items[1].value = sum("10200.09");
    assert_eq!(bill.check(), Err("a line's value is not rate × qty"));
    let mut bill = member_bill();
    bill.kind = TransactionKind::NotInterested;
    assert_eq!(bill.check(), Err("points paid without a member"));
}

#[test]
fn points_redeem() {
    let redeem = PointsRedeem {
        mobile: mobile(),
        points: 5000,
        bill_number: "T1-0001-000042".into(),
        otp: " 4821 ".into(),
        redemption_time: at(4, 12, 4, 10),
    };
    assert_matches_golden(
        "points_redeem",
        &wire::points_redeem(&redeem),
        "/v1.1/points/redeem",
    );
}

#[test]
fn coupon_redeem() {
    let redeem = CouponRedeem {
        mobile: mobile(),
        code: "SAVE10K".into(),
        bill_number: "T1-0001-000042".into(),
        bill_amount: sum("42480.09"),
    };
    assert_matches_golden(
        "coupon_redeem",
        &wire::coupon_redeem(&redeem),
        "/v1.1/coupon/redeem",
    );
}

// ------------------------------------------------------------------ answers

fn reply(body: &str) -> Reply {
    Reply {
        status: 200,
        body: body.into(),
    }
}

fn member(body: &str) -> Result<Member, LoyaltyError> {
    wire::read_member(&reply(body), &CustomerId::Mobile(mobile()))
}

fn dilnoza(points: i64) -> Member {
    Member {
        mobile: mobile(),
        first_name: "Dilnoza".into(),
        last_name: "Rahimova".into(),
        email: Some("dilnoza@example.uz".into()),
        points,
        lifetime_points: Some(9120),
        tier: Some("Gold".into()),
    }
}

#[test]
fn a_member_as_the_public_docs_show_it() {
    let body = r#"{"response": {"status": {"success": "true", "code": 200, "message": "Success"},
        "customers": {"customer": [{"user_id": "3401", "mobile": "998901234567",
        "firstname": "Dilnoza", "lastname": "Rahimova", "email": "dilnoza@example.uz",
        "loyalty_points": 6420, "lifetime_points": 9120, "current_slab": "Gold",
        "points_summaries": {"points_summary": [{"redeemed": "2700"}]},
        "item_status": {"success": "true", "code": 1000, "message": "Customer fetched"}}]}}}"#;
    assert_eq!(member(body), Ok(dilnoza(6420)));
}

#[test]
fn a_member_in_every_tolerated_shape() {
    for (variant, body) in [
        (
            "numbers and booleans as strings",
            r#"{"response": {"status": {"success": "true", "code": "200"},
            "customers": {"customer": [{"mobile": "998901234567", "firstname": "Dilnoza",
            "lastname": "Rahimova", "email": "dilnoza@example.uz", "loyalty_points": "6420",
            "lifetime_points": "9120", "current_slab": "Gold",
            "item_status": {"success": true, "code": "1000"}}]}}}"#,
        ),
        (
            "a bare object for the one-element list",
            r#"{"response": {"status": {"success": true, "code": 200},
            "customers": {"customer": {"mobile": "998901234567", "firstname": "Dilnoza",
            "lastname": "Rahimova", "email": "dilnoza@example.uz", "loyalty_points": 6420,
            "lifetime_points": 9120, "current_slab": "Gold", "item_status": {"code": 1000}}}}}"#,
        ),
        (
            "no response wrapper",
            r#"{"status": {"success": "true", "code": 200},
            "customers": {"customer": [{"mobile": 998901234567, "firstname": "Dilnoza",
            "lastname": "Rahimova", "email": "dilnoza@example.uz", "loyalty_points": 6420.0,
            "lifetime_points": 9120, "current_slab": "Gold", "item_status": {"code": 1000}}]}}"#,
        ),
        (
            "unknown fields everywhere",
            r#"{"response": {"status": {"success": "true", "code": 200, "trace": [1, 2]},
            "guid": "x", "customers": {"count": 1, "customer": [{"mobile": "998901234567",
            "firstname": "Dilnoza", "lastname": "Rahimova", "email": "dilnoza@example.uz",
            "loyalty_points": 6420, "lifetime_points": 9120, "current_slab": "Gold",
            "custom_fields": {"field": []}, "item_status": {"code": 1000, "extra": null}}]}}}"#,
        ),
    ] {
        assert_eq!(member(body), Ok(dilnoza(6420)), "{variant}");
    }
}

#[test]
fn a_member_with_only_the_essentials() {
    let body = r#"{"response": {"customers": {"customer": [{"loyalty_points": 0,
        "email": null, "current_slab": "", "item_status": {"code": 1000}}]}}}"#;
    assert_eq!(
        member(body),
        Ok(Member {
            mobile: mobile(),
            first_name: String::new(),
            last_name: String::new(),
            email: None,
            points: 0,
            lifetime_points: None,
            tier: None,
        })
    );
    // Found by card, the server's mobile is the one every later call uses.
    let card = CustomerId::Card(CardNumber::parse("400012345678").unwrap());
    let by_card = r#"{"response": {"customers": {"customer": [{"mobile": "998935550101",
        "loyalty_points": 10, "item_status": {"code": 1000}}]}}}"#;
    let found = wire::read_member(&reply(by_card), &card).unwrap();
    assert_eq!(found.mobile.as_str(), "998935550101");
    let no_mobile =
        r#"{"customers": {"customer": {"loyalty_points": 10, "item_status": {"code": 1000}}}}"#;
    assert_eq!(
        wire::read_member(&reply(no_mobile), &card),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn not_a_member() {
    for code in ["1012", "816"] {
        let body = format!(
            r#"{{"response": {{"status": {{"success": "false", "code": 500, "message": "All requests have failed"}},
            "customers": {{"customer": [{{"mobile": "998901234567",
            "item_status": {{"success": "false", "code": {code}, "message": "Customer not found"}}}}]}}}}}}"#
        );
        assert_eq!(member(&body), Err(LoyaltyError::CustomerNotFound), "{code}");
        // The HTTP status may mirror status.code.
        let mirrored = Reply { status: 500, body };
        assert_eq!(
            wire::read_member(&mirrored, &CustomerId::Mobile(mobile())),
            Err(LoyaltyError::CustomerNotFound),
            "{code}"
        );
    }
}

#[test]
fn outcome_classes() {
    let unauthorized =
        r#"{"response": {"status": {"success": "false", "code": 401, "message": "Unauthorized"}}}"#;
    for (status, body, expected) in [
        (401, "", LoyaltyError::TokenRejected),
        (403, "<html>Forbidden</html>", LoyaltyError::TokenRejected),
        (200, unauthorized, LoyaltyError::TokenRejected),
        (401, unauthorized, LoyaltyError::TokenRejected),
        (
            503,
            "<html><body>503</body></html>",
            LoyaltyError::Unreachable,
        ),
        (504, "", LoyaltyError::Unreachable),
        (429, "slow down", LoyaltyError::Unreachable),
        (500, "{}", LoyaltyError::Unreachable),
        (
            200,
            r#"{"response": {"status": {"success": "false", "code": 500, "message": "Internal error"}}}"#,
            LoyaltyError::Unreachable,
        ),
        (
            200,
            "<html><body>Welcome to nginx</body></html>",
            LoyaltyError::UnexpectedAnswer,
        ),
        (200, "", LoyaltyError::UnexpectedAnswer),
        (200, "{}", LoyaltyError::UnexpectedAnswer),
        (200, r#"{"response": {}}"#, LoyaltyError::UnexpectedAnswer),
        (200, "[]", LoyaltyError::UnexpectedAnswer),
        (
            404,
            "<html>Not Found</html>",
            LoyaltyError::UnexpectedAnswer,
        ),
        (
            200,
            r#"{"customers": {"customer": [{"loyalty_points": "many", "item_status": {"code": 1000}}]}}"#,
            LoyaltyError::UnexpectedAnswer,
        ),
        (
            200,
            r#"{"customers": {"customer": [{"firstname": "A", "item_status": {"code": 1000}}]}}"#,
            LoyaltyError::UnexpectedAnswer,
        ),
        (
            200,
            r#"{"customers": {"customer": [{"loyalty_points": 1, "item_status": {"code": 1000.5}}]}}"#,
            LoyaltyError::UnexpectedAnswer,
        ),
        (
            200,
            r#"{"customers": "none"}"#,
            LoyaltyError::UnexpectedAnswer,
        ),
    ] {
        let read = wire::read_member(
            &Reply {
                status,
                body: body.into(),
            },
            &CustomerId::Mobile(mobile()),
        );
        assert_eq!(read, Err(expected), "{status} {body}");
    }
}

#[test]
fn enrolment_and_update() {
    let added = r#"{"response": {"status": {"success": "true", "code": 200},
        "customers": {"customer": {"user_id": 3402, "mobile": "998935550101",
        "item_status": {"success": "true", "code": "1000", "message": "Customer added"}}}}}"#;
    assert_eq!(
        wire::read_enrolment(&reply(added)),
        Ok(Enrolment::Enrolled {
            user_id: Some("3402".into())
        })
    );
    let exists = r#"{"response": {"status": {"success": "false", "code": 500},
        "customers": {"customer": [{"mobile": "998901234567",
        "item_status": {"success": "false", "code": 1003, "message": "Customer already exists"}}]}}}"#;
    assert_eq!(
        wire::read_enrolment(&reply(exists)),
        Ok(Enrolment::AlreadyMember)
    );
    let refused = r#"{"response": {"status": {"success": "false", "code": 400},
        "customers": {"customer": [{"item_status": {"code": 1004, "message": "Invalid email"}}]}}}"#;
    assert_eq!(
        wire::read_enrolment(&reply(refused)),
        Err(LoyaltyError::Rejected("Invalid email".into()))
    );
    let updated = r#"{"customers": {"customer": [{"item_status": {"code": 1000}}]}}"#;
    assert_eq!(wire::read_update(&reply(updated)), Ok(()));
    let unknown = r#"{"customers": {"customer": [{"item_status": {"code": 1012}}]}}"#;
    assert_eq!(
        wire::read_update(&reply(unknown)),
        Err(LoyaltyError::CustomerNotFound)
    );
}

#[test]
fn points_check_values_points_rounding_down() {
    let body = |points: &str, ratio: &str| {
        format!(
            r#"{{"response": {{"status": {{"success": "true", "code": 200}},
            "points": {{"redeemable": {{"mobile": "998901234567", "points": {points},
            "is_redeemable": "true", "points_redeem_value": "9999", "points_currency_ratio": {ratio},
            "item_status": {{"success": "true", "code": "800", "message": "Points can be redeemed"}}}}}}}}}}"#
        )
    };
    let check = |points: i64, body: String| wire::read_points_check(&reply(&body), points);
    assert_eq!(
        check(5000, body("5000", r#""0.5""#)),
        Ok(PointsCheck {
            redeemable: true,
            points: 5000,
            value: sum("2500"),
            ratio: Decimal::from_str("0.5").unwrap(),
            message: "Points can be redeemed".into(),
        })
    );
    // 333 × 0.333 = 110.889 → 110.88 (down, not to the nearest).
    let odd = check(333, body(r#""333""#, "0.333")).unwrap();
    assert_eq!(odd.value, sum("110.88"));
    // A list of one, no wrapper.
    let listed = r#"{"points": {"redeemable": [{"points": 100, "is_redeemable": true,
        "points_currency_ratio": 0.5, "item_status": {"code": 800}}]}}"#;
    assert_eq!(check(100, listed.to_owned()).unwrap().value, sum("50"));
}

#[test]
fn points_check_refusals_are_answers_not_errors() {
    let refused = r#"{"response": {"status": {"success": "false", "code": 500},
        "points": {"redeemable": {"points": 90000, "is_redeemable": "false",
        "item_status": {"success": "false", "code": 813, "message": "Insufficient points"}}}}}"#;
    assert_eq!(
        wire::read_points_check(&reply(refused), 90000),
        Ok(PointsCheck {
            redeemable: false,
            points: 90000,
            value: Money::ZERO,
            ratio: Decimal::ZERO,
            message: "Insufficient points".into(),
        })
    );
    let says_no = r#"{"points": {"redeemable": {"is_redeemable": "false", "points_currency_ratio": "0.5",
        "item_status": {"code": 800}}}}"#;
    let read = wire::read_points_check(&reply(says_no), 10).unwrap();
    assert!(!read.redeemable);
    assert_eq!(read.value, Money::ZERO);
    let no_ratio =
        r#"{"points": {"redeemable": {"is_redeemable": "true", "item_status": {"code": 800}}}}"#;
    assert_eq!(
        wire::read_points_check(&reply(no_ratio), 10),
        Err(LoyaltyError::UnexpectedAnswer)
    );
    let absurd = r#"{"points": {"redeemable": {"is_redeemable": "true", "points_currency_ratio": "1e20",
        "item_status": {"code": 800}}}}"#;
    assert_eq!(
        wire::read_points_check(&reply(absurd), 10),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn what_a_coupon_takes_off_a_bill() {
    let abs = CouponDiscount::Amount(sum("10000"));
    assert_eq!(abs.on(sum("42480.09")).unwrap(), sum("10000"));
    assert_eq!(
        abs.on(sum("7500")).unwrap(),
        sum("7500"),
        "never more than the total"
    );
    let perc = CouponDiscount::Percent(Decimal::from(15));
    // 15 % of 47 200.10 = 7 080.015 → 7 080.02 (half away from zero).
    assert_eq!(perc.on(sum("47200.10")).unwrap(), sum("7080.02"));
    assert_eq!(
        CouponDiscount::Percent(Decimal::ONE_HUNDRED)
            .on(sum("3.33"))
            .unwrap(),
        sum("3.33")
    );
}

#[test]
fn a_stored_request_comes_back_byte_for_byte() {
    // The outbox keeps the request as JSON; a retry after a reload must send
    // the very bytes of the first attempt.
    let request = wire::transaction_add(&member_bill());
    let stored = serde_json::to_string(&request).unwrap();
    let restored: CapillaryRequest = serde_json::from_str(&stored).unwrap();
    assert_eq!(restored, request);
    assert_eq!(restored.body, request.body);
}

#[test]
fn coupon_checks() {
    let body = |code: &str, kind: &str, value: &str| {
        format!(
            r#"{{"response": {{"status": {{"success": "true", "code": 200}},
            "coupons": {{"redeemable": {{"code": "{code}", "is_redeemable": "true",
            "item_status": {{"success": "true", "code": 700, "message": "Coupon is redeemable"}},
            "series_info": {{"discount_type": "{kind}", "discount_value": {value},
            "discount_on": "BILL", "valid_till": "2026-12-31"}}}}}}}}}}"#
        )
    };
    assert_eq!(
        wire::read_coupon_check(&reply(&body("SAVE10K", "ABS", r#""10000""#)), "SAVE10K"),
        Ok(CouponCheck {
            code: "SAVE10K".into(),
            redeemable: true,
            discount: Some(CouponDiscount::Amount(sum("10000"))),
            message: "Coupon is redeemable".into(),
        })
    );
    let percent = wire::read_coupon_check(&reply(&body("PERC15", "perc", "15.00")), "PERC15");
    assert_eq!(
        percent.unwrap().discount,
        Some(CouponDiscount::Percent(Decimal::from(15)))
    );
    for (kind, value) in [
        ("PERC", "0"),
        ("PERC", "150"),
        ("ABS", "-5"),
        ("ABS", "1.005"),
        ("GIFT", "1"),
    ] {
        assert_eq!(
            wire::read_coupon_check(&reply(&body("X", kind, value)), "X"),
            Err(LoyaltyError::UnexpectedAnswer),
            "{kind} {value}"
        );
    }
    let used = r#"{"response": {"status": {"success": "false", "code": 500},
        "coupons": {"redeemable": [{"code": "USED01", "is_redeemable": false,
        "item_status": {"success": "false", "code": "702", "message": "Coupon already redeemed"}}]}}}"#;
    assert_eq!(
        wire::read_coupon_check(&reply(used), "used01"),
        Ok(CouponCheck {
            code: "USED01".into(),
            redeemable: false,
            discount: None,
            message: "Coupon already redeemed".into(),
        })
    );
}

#[test]
fn transaction_answers() {
    let body = |code: u16, status: u16| {
        format!(
            r#"{{"response": {{"status": {{"success": "true", "code": {status}}},
            "transactions": {{"transaction": [{{"id": 77001, "number": "T1-0001-000042",
            "customer": {{"mobile": "998901234567", "loyalty_points": "3962"}},
            "side_effects": {{"effect": [{{"type": "points", "awarded_points": "42"}},
            {{"type": "coupon", "awarded_points": 999}}]}},
            "item_status": {{"success": "true", "code": {code}, "message": "Transaction added"}}}}]}}}}}}"#
        )
    };
    let added = TransactionAdded {
        id: Some("77001".into()),
        points_earned: Some(42),
        points_balance: Some(3962),
        points_deducted: None,
        replayed: false,
    };
    assert_eq!(
        wire::read_transaction_added(&reply(&body(600, 200))),
        Ok(added.clone())
    );
    assert_eq!(
        wire::read_transaction_added(&reply(&body(604, 200))),
        Ok(TransactionAdded {
            replayed: true,
            ..added
        })
    );
    // A real server's bare 604, without the bill: still the success it means.
    let bare = r#"{"response": {"status": {"success": "false", "code": 500},
        "transactions": {"transaction": {"number": "T1-0001-000042",
        "item_status": {"success": "false", "code": 604, "message": "Bill number already exists"}}}}}"#;
    assert_eq!(
        wire::read_transaction_added(&reply(bare)),
        Ok(TransactionAdded {
            replayed: true,
            ..TransactionAdded::default()
        })
    );
    let conflict = r#"{"response": {"status": {"success": "false", "code": 409, "message": "Conflict"},
        "transactions": {"transaction": {"item_status": {"code": 604,
        "message": "bill number already used for a different bill"}}}}}"#;
    assert_eq!(
        wire::read_transaction_added(&reply(conflict)),
        Err(LoyaltyError::Conflict(
            "bill number already used for a different bill".into()
        ))
    );
    let refused = r#"{"transactions": {"transaction": {"item_status": {"code": 622, "message": "Bill amount too high"}}}}"#;
    assert_eq!(
        wire::read_transaction_added(&reply(refused)),
        Err(LoyaltyError::Rejected("Bill amount too high".into()))
    );
    let returned = r#"{"transactions": {"transaction": {"id": "77002", "points_deducted": 9,
        "customer": {"loyalty_points": 3953}, "item_status": {"code": 600}}}}"#;
    assert_eq!(
        wire::read_transaction_added(&reply(returned)),
        Ok(TransactionAdded {
            id: Some("77002".into()),
            points_earned: None,
            points_balance: Some(3953),
            points_deducted: Some(9),
            replayed: false,
        })
    );
}

#[test]
fn redeem_answers() {
    let points = r#"{"response": {"status": {"success": "true", "code": 200},
        "responses": {"points": {"mobile": "998901234567", "redemption_id": "PR-1",
        "points_redeemed": "5000", "redeemed_value": "2500.00", "balance": 1420,
        "item_status": {"success": "true", "code": 800, "message": "Points redeemed"}}}}}"#;
    assert_eq!(
        wire::read_points_redeemed(&reply(points)),
        Ok(PointsRedeemed {
            redemption_id: Some("PR-1".into()),
            points: Some(5000),
            value: Some(sum("2500")),
            balance: Some(1420),
        })
    );
    let wrong_code = r#"{"response": {"status": {"success": "false", "code": 500},
        "responses": {"points": [{"item_status": {"success": "false", "code": 811,
        "message": "Invalid validation code"}}]}}}"#;
    assert_eq!(
        wire::read_points_redeemed(&reply(wrong_code)),
        Err(LoyaltyError::Rejected("Invalid validation code".into()))
    );
    let coupon = r#"{"coupons": {"coupon": [{"code": "SAVE10K", "redemption_id": 9001,
        "coupon_value": 10000, "item_status": {"code": "700"}}]}}"#;
    assert_eq!(
        wire::read_coupon_redeemed(&reply(coupon)),
        Ok(CouponRedeemed {
            redemption_id: Some("9001".into()),
            value: Some(sum("10000")),
        })
    );
    let used = r#"{"response": {"status": {"code": 500}, "coupons": {"coupon": {"code": "USED01",
        "item_status": {"code": 702, "message": "Coupon already redeemed"}}}}}"#;
    assert_eq!(
        wire::read_coupon_redeemed(&reply(used)),
        Err(LoyaltyError::Rejected("Coupon already redeemed".into()))
    );
    let html_502 = Reply {
        status: 502,
        body: "<html>Bad gateway</html>".into(),
    };
    assert_eq!(
        wire::read_points_redeemed(&html_502),
        Err(LoyaltyError::Unreachable)
    );
    assert_eq!(
        wire::read_coupon_redeemed(&reply("<html></html>")),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// JSON-like text built from the tokens Capillary answers use, so the
    /// readers get deep into their structure instead of failing at byte one.
    fn answerish() -> impl Strategy<Value = String> {
        let token = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"response\"",
            "\"status\"",
            "\"code\"",
            "\"item_status\"",
            "\"customers\"",
            "\"customer\"",
            "\"points\"",
            "\"redeemable\"",
            "\"coupons\"",
            "\"coupon\"",
            "\"transactions\"",
            "\"transaction\"",
            "\"responses\"",
            "\"series_info\"",
            "\"discount_type\"",
            "\"discount_value\"",
            "\"ABS\"",
            "\"PERC\"",
            "\"loyalty_points\"",
            "\"points_currency_ratio\"",
            "\"is_redeemable\"",
            "\"side_effects\"",
            "\"effect\"",
            "\"awarded_points\"",
            "\"type\"",
            "1000",
            "800",
            "700",
            "600",
            "604",
            "1e400",
            "-1",
            "0.5",
            "\"0.333\"",
            "99999999999999999999999999999",
            "true",
            "\"true\"",
            "null",
        ]);
        prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
    }

    proptest! {
        #[test]
        fn readers_take_any_answer(body in prop_oneof![any::<String>(), answerish()], status in 100u16..600) {
            let reply = Reply { status, body };
            let id = CustomerId::Mobile(mobile());
            let _ = wire::read_member(&reply, &id);
            let _ = wire::read_enrolment(&reply);
            let _ = wire::read_update(&reply);
            let _ = wire::read_points_check(&reply, i64::MAX);
            let _ = wire::read_coupon_check(&reply, "X");
            let _ = wire::read_transaction_added(&reply);
            let _ = wire::read_points_redeemed(&reply);
            let _ = wire::read_coupon_redeemed(&reply);
        }
    }
}
