//! A generated store catalog in srv4pos's wire form, of any size: for the
//! sandbox server, the search benchmark and the tests. Deterministic: the
//! same size and seed give the same catalog, byte for byte.
//!
//! Names mix the scripts a Tashkent store sees (Uzbek Latin with its
//! apostrophes, Uzbek and Russian Cyrillic, brand names in Latin);
//! barcodes are valid EAN-13s; every 12th product is weighed and sold by a
//! scale label (`2P IIIII 00000 C`).

use serde_json::{json, Value};

use crate::domain::scale_barcode::ean13_check_digit;

const GOODS: &[&str] = &[
    "Choy",
    "Sut",
    "Non",
    "Qatiq",
    "Guruch",
    "Shakar",
    "Tuz",
    "Yogʻ",
    "Oʻrik",
    "Olma",
    "Uzum",
    "Anor",
    "Qovun",
    "Piyoz",
    "Sabzi",
    "Kartoshka",
    "Goʻsht",
    "Tovuq",
    "Makaron",
    "Asal",
    "Pishloq",
    "Qaymoq",
    "Sariyogʻ",
    "Shokolad",
    "Pechenye",
    "Чай",
    "Молоко",
    "Хлеб",
    "Кефир",
    "Сыр",
    "Масло",
    "Сахар",
    "Мука",
    "Гречка",
    "Печенье",
    "Конфеты",
    "Сок",
    "Вода",
    "Колбаса",
    "Йогурт",
    "Сметана",
    "Чой",
    "Сут",
    "Нон",
    "Қатиқ",
    "Гуруч",
    "Ўрик",
    "Гўшт",
    "Coffee",
    "Juice",
    "Water",
    "Shampoo",
    "Soap",
    "Toothpaste",
    "Napkins",
    "Rice",
    "Flour",
    "Lemonade",
];
const BRANDS: &[&str] = &[
    "Nestle",
    "Lipton",
    "Ahmad",
    "Makfa",
    "Bliss",
    "Musaffo",
    "Oltin Don",
    "Hydrolife",
    "Dove",
    "Coca-Cola",
    "Baraka",
    "Nurli",
    "Toshkent",
    "Samarqand",
    "Фергана",
    "Простоквашино",
    "Бухоро",
    "Artel",
    "Ziyo",
    "Lazzat",
];
const KINDS: &[&str] = &[
    "",
    "Premium",
    "Classic",
    "Yangi",
    "Зелёный",
    "Qora",
    "Oq",
    "Shirin",
    "Fresh",
    "Bio",
    "Oʻzbekcha",
    "Домашний",
    "Gʻalla",
    "Light",
];
const SIZES: &[&str] = &[
    "0.5 l", "1 l", "1.5 l", "200 g", "500 g", "1 kg", "10 pcs", "90 g", "400 ml", "2 kg",
];
const CLASS_CODES: &[&str] = &[
    "09021001001000000",
    "04011001001000000",
    "01905001001000000",
    "10063001001000000",
    "17019901001000000",
    "22011001001000000",
    "33051000001000000",
    "18063201001000000",
];
const TOP_CATEGORIES: &[&str] = &[
    "Oziq-ovqat",
    "Ichimliklar",
    "Сут маҳсулотлари",
    "Meva-sabzavot",
    "Бытовая химия",
    "Shirinliklar",
];
const SUBCATEGORIES: &[&str] = &["Asosiy", "Импорт", "Aksiya"];

/// A small, seeded pseudo-random sequence (no dependency, same on every
/// platform).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// `digits` (twelve of them) and their EAN-13 check digit.
pub fn ean13(twelve: u64) -> String {
    let text = format!("{:012}", twelve % 1_000_000_000_000);
    let mut digits = [0u8; 12];
    for (slot, byte) in digits.iter_mut().zip(text.bytes()) {
        *slot = byte - b'0';
    }
    format!("{text}{}", ean13_check_digit(&digits))
}

/// A store's articles as srv4pos sends them, each a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleCatalog {
    pub taxes: Vec<Value>,
    pub categories: Vec<Value>,
    pub products: Vec<Value>,
    pub commodities: Vec<Value>,
}

/// The category identifiers products are placed in (the subcategories).
fn leaf_categories() -> Vec<String> {
    (0..TOP_CATEGORIES.len())
        .flat_map(|top| (0..SUBCATEGORIES.len()).map(move |sub| format!("c{top}-{sub}")))
        .collect()
}

/// The `n`-th generated product (stable: the sandbox regenerates one to
/// change it).
pub fn product(number: usize, seed: u64) -> Value {
    let mut random = Sequence(seed ^ (number as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let weighed = number % 12 == 11;
    let goods = random.pick(GOODS);
    let brand = random.pick(BRANDS);
    let kind = random.pick(KINDS);
    let name = if weighed {
        [goods, kind].join(" ").trim().to_owned()
    } else {
        [goods, brand, kind, random.pick(SIZES)]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut barcodes = Vec::new();
    if weighed {
        let prefix = 20 + (number / 12) as u64 / 100_000 % 10;
        let item = (number / 12) as u64 % 100_000;
        barcodes.push(ean13(prefix * 10_000_000_000 + item * 100_000));
    } else {
        barcodes.push(ean13(478_000_000_000 + number as u64));
        if number % 10 == 3 {
            barcodes.push(ean13(460_000_000_000 + number as u64));
        }
    }
    let tax = match number % 25 {
        0 => "vat0",
        7 => "vat15",
        _ => "vat12",
    };
    json!({
        "identifier": format!("p{number}"),
        "name": name,
        "netto": (random.next() % 50_000 + 5) * 100,
        "tax": tax,
        "barcodes": barcodes,
        "classCode": random.pick(CLASS_CODES),
        "unit": if weighed { "kg" } else { "pcs" },
        "custom": "",
    })
}

/// A catalog of `products` products.
pub fn catalog(products: usize, seed: u64) -> SampleCatalog {
    let taxes = vec![
        json!({"identifier": "vat0", "vat": 0}),
        json!({"identifier": "vat12", "vat": 12}),
        json!({"identifier": "vat15", "vat": 15}),
    ];
    let mut categories = Vec::new();
    for (top, name) in TOP_CATEGORIES.iter().enumerate() {
        categories.push(
            json!({"identifier": format!("c{top}"), "name": name, "parent": null, "position": top}),
        );
        for (sub, subname) in SUBCATEGORIES.iter().enumerate() {
            categories.push(json!({
                "identifier": format!("c{top}-{sub}"), "name": subname,
                "parent": format!("c{top}"), "position": sub,
            }));
        }
    }
    let leaves = leaf_categories();
    let products: Vec<Value> = (0..products).map(|number| product(number, seed)).collect();
    let commodities = (0..products.len())
        .map(|number| {
            json!({
                "identifier": format!("k{number}"),
                "product": format!("p{number}"),
                "category": leaves[number % leaves.len()],
                "position": number / leaves.len(),
            })
        })
        .collect();
    SampleCatalog {
        taxes,
        categories,
        products,
        commodities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Catalog, CatalogChange, SellerVersion};
    use crate::domain::scale_barcode::ScaleLayout;
    use crate::srv4pos::articles::{read_page, WireCategory, WireCommodity, WireProduct, WireTax};

    fn page(items: &[Value]) -> String {
        serde_json::to_string(items).unwrap()
    }

    #[test]
    fn the_sample_is_read_whole_and_sells() {
        let sample = catalog(600, 7);
        assert_eq!(sample, catalog(600, 7));
        let mut change = CatalogChange::full(SellerVersion(1));
        change.taxes.changed = read_page::<WireTax>(&page(&sample.taxes)).unwrap().entities;
        change.categories.changed = read_page::<WireCategory>(&page(&sample.categories))
            .unwrap()
            .entities;
        let products = read_page::<WireProduct>(&page(&sample.products)).unwrap();
        assert_eq!(products.skipped, 0);
        change.products.changed = products.entities;
        change.placements.changed = read_page::<WireCommodity>(&page(&sample.commodities))
            .unwrap()
            .entities;
        let catalog = Catalog::default().apply(&change).unwrap();
        assert_eq!((catalog.len(), catalog.unsellable_count()), (600, 0));
        for category in catalog.subcategories(None) {
            for sub in catalog.subcategories(Some(&category.id)) {
                assert!(!catalog.page(&sub.id).is_empty());
            }
        }
        let weighed = catalog
            .product(&crate::domain::catalog::ProductId::new("p23").unwrap())
            .unwrap();
        let label = ScaleLayout::default().read(&weighed.barcodes()[0]);
        // The catalog's own barcode is the label with no weight.
        assert!(label.is_err());
    }
}
