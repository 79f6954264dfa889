//! The catalog beside the receipt, for a till without a scanner or goods
//! without a barcode: search as you type, or category tiles and their
//! products; a tap sells (a weighed product asks for its weight first).

use leptos::prelude::*;

use super::shelf::Shelf;
use super::state::{Checkout, Dialog};
use crate::domain::catalog::search::SearchIndex;
use crate::domain::catalog::{Catalog, CategoryId, Product, ProductId, Scanned, Unit};
use crate::domain::money::Money;
use crate::i18n::Text;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;

/// Tiles shown at once: a screenful and then some; the rest is found by
/// typing more.
const SHOWN: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tile {
    id: ProductId,
    name: String,
    price: Money,
    weighed: bool,
}

impl Tile {
    fn of(product: &Product) -> Tile {
        Tile {
            id: product.id().clone(),
            name: product.name().to_owned(),
            price: product.unit_price(),
            weighed: product.unit() == Unit::Kg,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CategoryTile {
    id: CategoryId,
    name: String,
}

/// What the panel shows under the search field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    /// Nothing to show: no catalog (yet).
    Empty,
    Found {
        tiles: Vec<Tile>,
        more: bool,
    },
    Browsing {
        /// The category open, and where "back" goes.
        open: Option<(CategoryTile, Option<CategoryId>)>,
        categories: Vec<CategoryTile>,
        tiles: Vec<Tile>,
        more: bool,
    },
}

fn browse(catalog: &Catalog, open: Option<&CategoryId>) -> Shown {
    let categories = catalog
        .subcategories(open)
        .into_iter()
        .map(|category| CategoryTile {
            id: category.id.clone(),
            name: category.name.clone(),
        })
        .collect();
    let open = open.and_then(|id| catalog.category(id)).map(|category| {
        let tile = CategoryTile {
            id: category.id.clone(),
            name: category.name.clone(),
        };
        (tile, category.parent.clone())
    });
    let page = open
        .as_ref()
        .map(|(tile, _)| catalog.page(&tile.id))
        .unwrap_or_default();
    Shown::Browsing {
        open,
        categories,
        more: page.len() > SHOWN,
        tiles: page.into_iter().take(SHOWN).map(Tile::of).collect(),
    }
}

fn sell(checkout: Checkout, id: &ProductId) {
    checkout.shelf.catalog.with_untracked(|catalog| {
        let Some(product) = catalog.as_ref().and_then(|catalog| catalog.product(id)) else {
            return;
        };
        let barcode = product.barcodes().first().cloned().unwrap_or_default();
        match product.tapped(&barcode) {
            Scanned::Line(line) => checkout.cart.update(|cart| {
                cart.add_scanned(line);
            }),
            Scanned::Weigh(_) => checkout.dialog.set(Dialog::Quantity {
                product: id.clone(),
                barcode,
            }),
            Scanned::Unknown | Scanned::Misread(_) => {}
        }
    });
}

/// The product a typed query means for sure: the one with this barcode,
/// or the only one found.
fn sole_hit(checkout: Checkout, index: &RwSignal<SearchIndex>, typed: &str) -> Option<ProductId> {
    let by_code = checkout.shelf.catalog.with_untracked(|catalog| {
        catalog
            .as_ref()
            .and_then(|catalog| catalog.find(typed))
            .map(|product| product.id().clone())
    });
    by_code.or_else(|| {
        index.with_untracked(|index| {
            let hits = index.search(typed, 2);
            hits.products
                .first()
                .filter(|_| hits.total == 1)
                .map(|id| (*id).clone())
        })
    })
}

#[component]
pub fn CatalogPanel() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let shelf = checkout.shelf;
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(None::<CategoryId>);
    // Built once per catalog the shelf receives, not per keystroke.
    let index = RwSignal::new(SearchIndex::default());
    Effect::new(move |_| {
        if let Some(catalog) = shelf.catalog.get() {
            index.set(SearchIndex::new(&catalog));
        }
    });
    let shown = Memo::new(move |_| {
        let Some(catalog) = shelf.catalog.get() else {
            return Shown::Empty;
        };
        let typed = query.get();
        if typed.trim().is_empty() {
            let open = open.get();
            return match browse(&catalog, open.as_ref()) {
                Shown::Browsing {
                    categories, tiles, ..
                } if categories.is_empty() && tiles.is_empty() && catalog.is_empty() => {
                    Shown::Empty
                }
                browsing => browsing,
            };
        }
        index.with(|index| {
            let hits = index.search(&typed, SHOWN);
            Shown::Found {
                more: hits.total > hits.products.len(),
                tiles: hits
                    .products
                    .iter()
                    .filter_map(|id| catalog.product(id))
                    .map(Tile::of)
                    .collect(),
            }
        })
    });

    view! {
        <section class="catalog card" aria-label=move || locale.t(Text::CatalogTitle)>
            <input
                class="catalog-search"
                data-testid="catalog-search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=move || locale.t(Text::CatalogSearch)
                aria-label=move || locale.t(Text::CatalogSearch)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                    "Escape" => query.set(String::new()),
                    // A code scanned into the search (or one hit left) sells
                    // like a scan into the barcode field.
                    "Enter" => {
                        ev.prevent_default();
                        if let Some(id) = sole_hit(checkout, &index, &query.get_untracked()) {
                            sell(checkout, &id);
                            query.set(String::new());
                        }
                    }
                    _ => {}
                }
            />
            <div class="catalog-scroll">
                {move || match shown.get() {
                    Shown::Empty => view! {
                        <p class="muted catalog-note">{move || locale.t(Text::CatalogEmpty)}</p>
                    }
                    .into_any(),
                    Shown::Found { tiles, more } if tiles.is_empty() && !more => view! {
                        <p class="muted catalog-note">{move || locale.t(Text::CatalogNothingFound)}</p>
                    }
                    .into_any(),
                    Shown::Found { tiles, more } => view! {
                        <ProductGrid tiles=tiles/>
                        <MoreNote more=more/>
                    }
                    .into_any(),
                    Shown::Browsing { open: opened, categories, tiles, more } => view! {
                        {opened.map(|(category, parent)| view! {
                            <nav class="catalog-path">
                                <button type="button" class="ghost" data-testid="catalog-back"
                                    on:click=move |_| open.set(parent.clone())>
                                    "← " {move || locale.t(Text::CatalogAll)}
                                </button>
                                <bdi class="catalog-here">{category.name}</bdi>
                            </nav>
                        })}
                        <ul class="category-tiles">
                            {categories.into_iter().map(|category| {
                                let id = category.id.clone();
                                view! {
                                    <li>
                                        <button type="button" class="category-tile" data-testid="catalog-category"
                                            data-id=category.id.as_str().to_owned()
                                            on:click=move |_| open.set(Some(id.clone()))>
                                            <bdi>{category.name}</bdi>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <ProductGrid tiles=tiles/>
                        <MoreNote more=more/>
                    }
                    .into_any(),
                }}
            </div>
            <CatalogStatus shelf=shelf/>
        </section>
    }
}

#[component]
fn ProductGrid(tiles: Vec<Tile>) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    view! {
        <ul class="product-tiles">
            {tiles.into_iter().map(|tile| {
                let id = tile.id.clone();
                view! {
                    <li>
                        <button type="button" class="product-tile" data-testid="catalog-product"
                            data-id=tile.id.as_str().to_owned()
                            on:click=move |_| sell(checkout, &id)>
                            <bdi class="tile-name">{tile.name}</bdi>
                            <span class="tile-price">
                                <MoneyText value=tile.price test_id="catalog-product-price"/>
                                {tile.weighed.then(|| view! {
                                    " " <span class="muted">{move || locale.t(Text::PerKg)}</span>
                                })}
                            </span>
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn MoreNote(more: bool) -> impl IntoView {
    let locale = Locale::get();
    more.then(
        || view! { <p class="muted catalog-note">{move || locale.t(Text::CatalogMoreFound)}</p> },
    )
}

/// How many products the tablet holds, at which version, and whether it
/// is up to date; "sync now".
#[component]
fn CatalogStatus(shelf: Shelf) -> impl IntoView {
    let locale = Locale::get();
    let count = move || shelf.catalog.with(|c| c.as_ref().map_or(0, |c| c.len()));
    let version = move || {
        shelf
            .catalog
            .with(|c| c.as_ref().map_or(0, |c| c.version().0))
    };
    let status = move || shelf.status.get();
    view! {
        <footer class="catalog-status muted">
            <span>{move || locale.t(Text::CatalogProducts)} ": "
                <span data-testid="catalog-count" data-value=count>{count}</span></span>
            <span>{move || locale.t(Text::CatalogVersion)} ": "
                <span data-testid="catalog-version">{version}</span></span>
            <span class="catalog-sync-status" data-status=move || status().code()
                title=move || shelf.problem.get().map(|text| locale.t(text))>
                <span class="visually-hidden" data-testid="catalog-sync-status">{move || status().code()}</span>
                {move || locale.t(status().text())}
            </span>
            <button type="button" class="ghost" data-testid="catalog-sync"
                disabled=move || status() == super::shelf::SyncStatus::Syncing
                on:click=move |_| shelf.ask_sync()>
                {move || locale.t(Text::CatalogSyncNow)}
            </button>
        </footer>
    }
}
