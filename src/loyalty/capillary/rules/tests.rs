use rust_decimal::Decimal;

use super::*;
use crate::domain::money::Money;
use crate::domain::sale::LocalDateTime;
use crate::loyalty::capillary::wire::{self, TransactionKind};
use crate::loyalty::capillary::wire::{LineItem, PaymentMode, PointsRedeem, ReturnType};
use crate::loyalty::capillary::{DEMO_PASSWORD, DEMO_TILL_CODE};
use crate::loyalty::error::LoyaltyError;

const DILNOZA: &str = "998901234567";

fn server() -> CapillaryServer {
    CapillaryServer::new(Seed::demo())
}

fn send(server: &mut CapillaryServer, request: &CapillaryRequest) -> Reply {
    let auth = Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD);
    server.handle(request, Some(auth.header_value()))
}

fn mobile(text: &str) -> MobileNumber {
    MobileNumber::parse(text).unwrap()
}

fn at(day: u8) -> LocalDateTime {
    LocalDateTime {
        year: 2026,
        month: 3,
        day,
        hour: 10,
        minute: 0,
        second: 0,
    }
}

fn bill(kind: TransactionKind, number: &str, day: u8, price: i64, points: i64) -> TransactionAdd {
    let price = Money::sum(price);
    let points = Money::sum(points);
    TransactionAdd {
        kind,
        number: number.into(),
        billing_time: at(day),
        gross_amount: price,
        discount: Money::ZERO,
        amount: price,
        payments: [
            (PaymentMode::Points, points),
            (PaymentMode::Cash, price - points),
        ]
        .into_iter()
        .filter(|p| !p.1.is_zero())
        .collect(),
        line_items: vec![LineItem {
            serial: 1,
            item_code: String::new(),
            description: "Rice".into(),
            qty: crate::domain::quantity::Quantity::ONE,
            rate: price,
            value: price,
            discount_value: Money::ZERO,
            amount: price,
        }],
    }
}

#[test]
fn the_seed_reads_and_takes_the_demo_credentials() {
    let seed = Seed::demo();
    assert_eq!(seed.tills[0].till_code, DEMO_TILL_CODE);
    assert_eq!(seed.tills[0].password, DEMO_PASSWORD);
    assert_eq!(seed.points_currency_ratio, Decimal::new(5, 1));
    assert!(seed.customers.len() >= 3);
    assert!(seed.customers.iter().all(|c| c.mobile != seed.not_a_member));
    let mut server = server();
    let get = wire::customer_get(&wire::CustomerId::Mobile(mobile(DILNOZA)));
    assert_eq!(send(&mut server, &get).status, 200);
    assert_eq!(server.handle(&get, None).status, 401);
    let wrong = Authorization::new(DEMO_TILL_CODE, "guess");
    assert_eq!(server.handle(&get, Some(wrong.header_value())).status, 401);
}

#[test]
fn without_format_json_the_answer_is_xml_and_unreadable() {
    let mut get = wire::customer_get(&wire::CustomerId::Mobile(mobile(DILNOZA)));
    get.query.remove(0);
    let reply = send(&mut server(), &get);
    assert_eq!(
        wire::read_member(&reply, &wire::CustomerId::Mobile(mobile(DILNOZA))),
        Err(LoyaltyError::UnexpectedAnswer)
    );
}

#[test]
fn gold_earns_twice_per_thousand_paid_not_in_points() {
    let mut server = server();
    let sale = bill(
        TransactionKind::Regular {
            mobile: mobile(DILNOZA),
        },
        "B-1",
        4,
        48_999,
        2_000,
    );
    let added = wire::read_transaction_added(&send(&mut server, &wire::transaction_add(&sale)));
    // floor((48 999 − 2 000) / 1 000) × 2 = 46 × 2 = 92; 6 420 + 92.
    assert_eq!(added.as_ref().map(|a| a.points_earned), Ok(Some(92)));
    assert_eq!(added.map(|a| a.points_balance), Ok(Some(6512)));
}

#[test]
fn returns_take_back_at_most_what_the_bill_earned() {
    let mut server = server();
    let dilnoza = || mobile(DILNOZA);
    let sale = bill(
        TransactionKind::Regular { mobile: dilnoza() },
        "B-2",
        4,
        10_500,
        0,
    );
    send(&mut server, &wire::transaction_add(&sale));
    assert_eq!(server.account(DILNOZA).map(|a| a.points), Some(6440));
    let give_back = |day: u8, price: i64| {
        bill(
            TransactionKind::Return {
                mobile: dilnoza(),
                return_type: ReturnType::LineItem,
                purchase_time: at(4),
            },
            "B-2",
            day,
            price,
            0,
        )
    };
    let first = send(&mut server, &wire::transaction_add(&give_back(5, 6_000)));
    assert_eq!(
        wire::read_transaction_added(&first).map(|a| a.points_deducted),
        Ok(Some(12))
    );
    let second = send(&mut server, &wire::transaction_add(&give_back(6, 6_000)));
    assert_eq!(
        wire::read_transaction_added(&second).map(|a| a.points_deducted),
        Ok(Some(8))
    );
    assert_eq!(server.account(DILNOZA).map(|a| a.points), Some(6420));
    let unknown = send(
        &mut server,
        &wire::transaction_add(&bill(
            TransactionKind::Return {
                mobile: dilnoza(),
                return_type: ReturnType::Full,
                purchase_time: at(4),
            },
            "B-404",
            6,
            1_000,
            0,
        )),
    );
    assert!(matches!(
        wire::read_transaction_added(&unknown),
        Err(LoyaltyError::Rejected(_))
    ));
}

#[test]
fn a_one_time_code_serves_one_redeem() {
    let mut server = server();
    let check = wire::points_isredeemable(&mobile(DILNOZA), 100);
    send(&mut server, &check);
    let otp = server.last_otp("+998 90 123 45 67").unwrap().to_owned();
    assert_eq!(otp.len(), 4);
    for number in ["B-3", "B-4"] {
        let sale = bill(
            TransactionKind::Regular {
                mobile: mobile(DILNOZA),
            },
            number,
            4,
            1_000,
            50,
        );
        send(&mut server, &wire::transaction_add(&sale));
    }
    let redeem = |number: &str| PointsRedeem {
        mobile: mobile(DILNOZA),
        points: 100,
        bill_number: number.into(),
        otp: otp.clone(),
        redemption_time: at(4),
    };
    let first = send(&mut server, &wire::points_redeem(&redeem("B-3")));
    assert!(wire::read_points_redeemed(&first).is_ok());
    assert_eq!(server.last_otp(DILNOZA), None);
    let again = send(&mut server, &wire::points_redeem(&redeem("B-4")));
    assert!(matches!(
        wire::read_points_redeemed(&again),
        Err(LoyaltyError::Rejected(_))
    ));
    assert_eq!(server.redemptions().len(), 1);
}

#[test]
fn malformed_bodies_are_refused_without_panicking() {
    let mut server = server();
    for path in [
        "/v1.1/customer/add",
        "/v1.1/customer/update",
        "/v1.1/transaction/add",
        "/v1.1/points/redeem",
        "/v1.1/coupon/redeem",
    ] {
        for body in [
            "",
            "null",
            "{}",
            r#"{"root": {"x": []}}"#,
            "<xml/>",
            r#"{"root":{"transaction":[{"type":"regular"}]}}"#,
        ] {
            let request = CapillaryRequest {
                method: Method::Post,
                path: path.into(),
                query: vec![("format".into(), "json".into())],
                body: Some(body.into()),
            };
            let reply = send(&mut server, &request);
            assert_eq!(reply.status, 200, "{path} {body}");
            assert!(
                reply.body.contains("\"code\":400"),
                "{path} {body}: {}",
                reply.body
            );
        }
    }
    assert!(server.bills().is_empty());
}

proptest::proptest! {
    #[test]
    fn any_request_gets_an_answer(
        get in proptest::bool::ANY,
        path in proptest::sample::select(vec![
            "/v1.1/customer/get", "/v1.1/customer/add", "/v1.1/customer/update",
            "/v1.1/points/isredeemable", "/v1.1/coupon/isredeemable",
            "/v1.1/transaction/add", "/v1.1/points/redeem", "/v1.1/coupon/redeem", "/x",
        ]),
        query in proptest::collection::vec(("[a-z_]{1,12}", ".{0,16}"), 0..4),
        body in ".{0,200}",
    ) {
        let mut query: Vec<(String, String)> = query;
        query.insert(0, ("format".into(), "json".into()));
        let request = CapillaryRequest {
            method: if get { Method::Get } else { Method::Post },
            path: path.into(),
            query,
            body: Some(body),
        };
        let reply = send(&mut server(), &request);
        proptest::prop_assert!(reply.status == 200 || reply.status == 404);
    }
}
