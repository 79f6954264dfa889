use rust_decimal::Decimal;

use super::search::SearchIndex;
use super::*;
use crate::domain::line::ClassCode;
use crate::domain::money::Money;

#[test]
fn reads_products_and_skips_broken_ones() {
    let json = r#"{"products": [
        {"barcode": "4780000000011", "name": "Water 1.5 l", "price": "4000", "vatPercent": 12,
         "classCode": "02201001001000000"},
        {"barcode": "2000000000015", "name": "Apples", "price": "18 990,00", "vatPercent": 12, "unit": "kg"},
        {"barcode": "1", "name": "Broken", "price": "1e3", "vatPercent": 12},
        {"barcode": "2", "name": "Bad code", "price": "1", "vatPercent": 12, "classCode": "123"}
    ]}"#;
    let (catalog, skipped) = Catalog::from_json(json).unwrap();
    assert_eq!((catalog.len(), skipped), (2, 2));
    let apples = catalog.find(" 2000000000015 ").unwrap();
    assert_eq!(apples.unit_price(), Money::sum(18990));
    assert_eq!(apples.unit(), Unit::Kg);
    assert!(catalog.find("1").is_none());
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(Catalog::from_json("<html>").is_err());
    assert!(Catalog::from_json(r#"{"products": [{"price": 1}]}"#).is_err());
}

#[test]
fn the_shipped_demo_catalog_is_complete_and_valid() {
    let json = include_str!("../../../public/catalog.json");
    let (catalog, skipped) = Catalog::from_json(json).unwrap();
    assert_eq!(skipped, 0);
    assert!(catalog.len() >= 30, "only {} products", catalog.len());
    for category in catalog.subcategories(None) {
        assert!(
            !catalog.page(&category.id).is_empty(),
            "{} is empty",
            category.name
        );
    }
}

#[test]
fn the_file_may_name_categories_ids_and_several_barcodes() {
    let json = r#"{"version": 7,
        "categories": [{"id": "dairy", "name": "Dairy"}, {"id": "milk", "name": "Milk", "parent": "dairy"}],
        "products": [
            {"id": "m1", "barcodes": ["111", "222"], "name": "Sut", "price": "9900", "vatPercent": 12, "category": "milk"},
            {"id": "m2", "barcode": "333", "name": "Qatiq", "price": "7900", "vatPercent": 12, "category": "milk"}
        ]}"#;
    let (catalog, _) = Catalog::from_json(json).unwrap();
    assert_eq!(catalog.version(), SellerVersion(7));
    assert_eq!(catalog.find("222").unwrap().id().as_str(), "m1");
    let dairy = CategoryId::new("dairy").unwrap();
    let under: Vec<&str> = catalog
        .subcategories(Some(&dairy))
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(under, ["Milk"]);
    let milk = CategoryId::new("milk").unwrap();
    let page: Vec<&str> = catalog.page(&milk).iter().map(|p| p.name()).collect();
    assert_eq!(page, ["Sut", "Qatiq"]);
}

fn tiyin(minor: i64) -> Money {
    Money::new(Decimal::new(minor, 2)).unwrap()
}

fn tax(id: &str, vat_percent: u8) -> Tax {
    Tax {
        id: TaxId::new(id).unwrap(),
        vat_percent,
    }
}

fn product(id: &str, name: &str, net_minor: i64, tax: &str, barcodes: &[&str]) -> ProductRecord {
    ProductRecord {
        id: ProductId::new(id).unwrap(),
        name: name.into(),
        barcodes: barcodes.iter().map(|b| (*b).to_owned()).collect(),
        class_code: ClassCode::default(),
        unit: Unit::Piece,
        pricing: Pricing::Net {
            net: tiyin(net_minor),
            tax: TaxId::new(tax).unwrap(),
        },
    }
}

fn id(text: &str) -> ProductId {
    ProductId::new(text).unwrap()
}

/// Version 10: tea (p1, barcode 111), milk (p2, 222), both at 12 %.
fn loaded() -> Catalog {
    let mut change = CatalogChange::full(SellerVersion(10));
    change.taxes.changed = vec![tax("vat12", 12), tax("vat0", 0)];
    change.products.changed = vec![
        product("p1", "Choy", 10_000, "vat12", &["111"]),
        product("p2", "Sut", 5_000, "vat12", &["222"]),
    ];
    Catalog::default().apply(&change).unwrap()
}

#[test]
fn a_full_load_prices_net_products_with_their_tax() {
    let catalog = loaded();
    assert_eq!(catalog.version(), SellerVersion(10));
    assert_eq!(catalog.find("111").unwrap().unit_price(), tiyin(11_200));
    assert_eq!(catalog.find("222").unwrap().unit_price(), tiyin(5_600));
}

#[test]
fn a_diff_changes_deletes_and_adds_at_once() {
    let before = loaded();
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(13));
    diff.products.changed = vec![
        product("p1", "Choy", 20_000, "vat12", &["111"]),
        product("p3", "Non", 3_000, "vat0", &["333"]),
    ];
    diff.products.deleted = vec![id("p2")];
    let after = before.apply(&diff).unwrap();
    assert_eq!(after.version(), SellerVersion(13));
    assert_eq!(after.find("111").unwrap().unit_price(), tiyin(22_400));
    assert_eq!(after.find("333").unwrap().unit_price(), tiyin(3_000));
    assert!(after.find("222").is_none());
    assert!(after.product(&id("p2")).is_none());
    // The catalog it was applied to is untouched.
    assert_eq!(before, loaded());
}

#[test]
fn a_diff_from_another_version_is_refused_whole() {
    let before = loaded();
    let mut diff = CatalogChange::diff(SellerVersion(9), SellerVersion(12));
    diff.products.deleted = vec![id("p1")];
    assert_eq!(
        before.apply(&diff),
        Err(ChangeError::NotFromThisVersion {
            have: SellerVersion(10),
            base: SellerVersion(9)
        })
    );
    let backwards = CatalogChange::diff(SellerVersion(10), SellerVersion(8));
    assert!(matches!(
        before.apply(&backwards),
        Err(ChangeError::Backwards { .. })
    ));
}

#[test]
fn a_barcode_moved_to_a_new_product_follows_it() {
    let before = loaded();
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(11));
    diff.products.changed = vec![product("p9", "Choy yangi", 12_000, "vat12", &["111"])];
    let after = before.apply(&diff).unwrap();
    assert_eq!(after.find("111").unwrap().id(), &id("p9"));
    assert!(after.product(&id("p1")).unwrap().barcodes().is_empty());
    assert_eq!(before.find("111").unwrap().id(), &id("p1"));
}

#[test]
fn a_changed_tax_reprices_its_products() {
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(11));
    diff.taxes.changed = vec![tax("vat12", 15)];
    let after = loaded().apply(&diff).unwrap();
    assert_eq!(after.find("111").unwrap().unit_price(), tiyin(11_500));
    assert_eq!(after.find("111").unwrap().vat_percent(), 15);
}

#[test]
fn a_product_waits_for_its_tax_and_is_sold_once_it_comes() {
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(11));
    diff.products.changed = vec![product("p4", "Shakar", 10_000, "vat15", &["444"])];
    let waiting = loaded().apply(&diff).unwrap();
    assert!(waiting.find("444").is_none());
    assert_eq!((waiting.len(), waiting.unsellable_count()), (2, 1));
    assert_eq!(waiting.records().count(), 3);
    let mut tax_diff = CatalogChange::diff(SellerVersion(11), SellerVersion(12));
    tax_diff.taxes.changed = vec![tax("vat15", 15)];
    let sold = waiting.apply(&tax_diff).unwrap();
    assert_eq!(sold.find("444").unwrap().unit_price(), tiyin(11_500));
    assert_eq!(sold.unsellable_count(), 0);
}

#[test]
fn a_deleted_tax_takes_its_products_off_sale() {
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(11));
    diff.taxes.deleted = vec![TaxId::new("vat12").unwrap()];
    let after = loaded().apply(&diff).unwrap();
    assert!(after.is_empty());
    assert_eq!(after.unsellable_count(), 2);
}

#[test]
fn a_full_load_replaces_everything() {
    let mut change = CatalogChange::full(SellerVersion(20));
    change.taxes.changed = vec![tax("vat12", 12)];
    change.products.changed = vec![product("p7", "Tuz", 1_000, "vat12", &["777"])];
    let after = loaded().apply(&change).unwrap();
    assert_eq!(after.len(), 1);
    assert!(after.find("111").is_none());
}

#[test]
fn placements_follow_their_products() {
    let mut diff = CatalogChange::diff(SellerVersion(10), SellerVersion(12));
    let drinks = CategoryId::new("drinks").unwrap();
    diff.categories.changed = vec![Category {
        id: drinks.clone(),
        name: "Drinks".into(),
        parent: None,
        position: 1,
    }];
    diff.placements.changed = ["p2", "p1"]
        .iter()
        .enumerate()
        .map(|(at, product)| Placement {
            id: PlacementId::new(&format!("c{at}")).unwrap(),
            product: id(product),
            category: drinks.clone(),
            position: at as i64,
        })
        .collect();
    let placed = loaded().apply(&diff).unwrap();
    let names: Vec<&str> = placed.page(&drinks).iter().map(|p| p.name()).collect();
    assert_eq!(names, ["Sut", "Choy"]);
    let mut delete = CatalogChange::diff(SellerVersion(12), SellerVersion(13));
    delete.products.deleted = vec![id("p2")];
    let after = placed.apply(&delete).unwrap();
    let names: Vec<&str> = after.page(&drinks).iter().map(|p| p.name()).collect();
    assert_eq!(names, ["Choy"]);
}

fn searchable(names: &[(&str, &str)]) -> (Catalog, SearchIndex) {
    let mut change = CatalogChange::full(SellerVersion(1));
    change.taxes.changed = vec![tax("vat12", 12)];
    change.products.changed = names
        .iter()
        .enumerate()
        .map(|(at, (code, name))| {
            let mut record = product(code, name, 1_000, "vat12", &[&format!("47800000{at:05}")]);
            if at == 0 {
                record.class_code = ClassCode::parse("09021001001000000").unwrap();
            }
            record
        })
        .collect();
    let catalog = Catalog::default().apply(&change).unwrap();
    let index = SearchIndex::new(&catalog);
    (catalog, index)
}

fn found(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query, 10)
        .products
        .iter()
        .map(|id| id.as_str().to_owned())
        .collect()
}

const SHELF: &[(&str, &str)] = &[
    ("tea", "Choy ko'k No. 95"),
    ("tea-ru", "Чай зелёный"),
    ("tea-uz", "Чой қора"),
    ("milk", "Sut 3,2% 1 l"),
    ("milk-ru", "Молоко Nestle"),
    ("uzbek", "Oʻzbekiston guruchi"),
    ("bread", "Non (tandir)"),
    ("bread-uz", "Ғалла нон"),
    ("pepper", "Qalampir"),
    ("cola", "Coca-Cola 1.5 l"),
];

#[test]
fn name_words_match_by_prefix_in_any_order_and_case() {
    let (_, index) = searchable(SHELF);
    assert_eq!(found(&index, "coca"), ["cola"]);
    assert_eq!(found(&index, "COLA coca"), ["cola"]);
    assert_eq!(found(&index, "co co"), ["cola"]);
    assert_eq!(found(&index, "non"), ["bread", "bread-uz"]);
    assert_eq!(found(&index, "tand no"), ["bread"]);
    assert!(found(&index, "nonexistent").is_empty());
    assert!(found(&index, "   ").is_empty());
}

#[test]
fn cyrillic_and_latin_find_each_other() {
    let (_, index) = searchable(SHELF);
    assert_eq!(found(&index, "choy"), ["tea", "tea-uz"]);
    assert_eq!(found(&index, "чой"), ["tea", "tea-uz"]);
    assert_eq!(found(&index, "сут"), ["milk"]);
    assert_eq!(found(&index, "moloko"), ["milk-ru"]);
    assert_eq!(found(&index, "zelyo"), ["tea-ru"]);
    assert_eq!(found(&index, "kora"), ["tea-uz"]);
    assert_eq!(found(&index, "қалампир"), ["pepper"]);
    assert_eq!(found(&index, "kalampir"), ["pepper"]);
    assert_eq!(found(&index, "galla"), ["bread-uz"]);
}

#[test]
fn every_uzbek_apostrophe_is_the_same_letter() {
    let (_, index) = searchable(SHELF);
    for typed in ["o'zb", "oʻzb", "o‘zb", "o’zb", "o`zb", "ozb", "ўзб"] {
        assert_eq!(found(&index, typed), ["uzbek"], "{typed}");
    }
    for typed in ["ko'k", "koʻk", "kok", "кўк"] {
        assert_eq!(found(&index, typed), ["tea"], "{typed}");
    }
}

#[test]
fn barcodes_and_ikpu_codes_match_by_prefix() {
    let (_, index) = searchable(SHELF);
    assert_eq!(found(&index, "4780000000003"), ["milk"]);
    assert_eq!(found(&index, "090210"), ["tea"]);
    assert_eq!(index.search("47800000", 3).products.len(), 3);
    assert_eq!(index.search("47800000", 3).total, SHELF.len());
}

#[test]
fn names_that_begin_with_the_word_come_first() {
    let (_, index) = searchable(&[("a", "Apple juice"), ("b", "Green apple"), ("c", "Apricot")]);
    assert_eq!(found(&index, "ap"), ["a", "c", "b"]);
}
