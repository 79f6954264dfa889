//! The app's split points: each function below becomes a part of its own
//! (`scripts/split-app.mjs`), downloaded the first time it is called, with
//! the code only it reaches. Functions sharing a part name share a file:
//! what a cashier opens together comes together. They live in this binary,
//! not the library, because each is a wasm export that the workers, which
//! link the same library, must not carry (`kassa::ui::on_demand`).
use std::rc::Rc;

use kassa::domain::cart::LineId;
use kassa::domain::catalog::ProductId;
use kassa::srv4pos::address::StoreServer;
use kassa::store::step::Step;
use kassa::ui::deployment::Deployment;
use kassa::ui::on_demand::{AppStart, PartMissing, Parts, Resuming, Sending, Stocking};
use kassa::ui::outbox::Outbox;
use kassa::ui::parts as view;
use kassa::ui::session::Session;
use kassa::ui::shelf::Shelf;
use leptos::prelude::AnyView;
use leptos::wasm_split::wasm_split;

pub const PARTS: Parts = Parts {
    app: || Box::pin(app()),
    item: |line| Box::pin(item(line)),
    scan: || Box::pin(scan()),
    member: || Box::pin(member()),
    edit_member: |mobile| Box::pin(edit_member(mobile)),
    customer_details: || Box::pin(customer_details()),
    bonus: || Box::pin(bonus()),
    points: || Box::pin(points()),
    coupon: || Box::pin(coupon()),
    payment: || Box::pin(payment()),
    appspos: || Box::pin(appspos()),
    result: || Box::pin(result()),
    report: |closing| Box::pin(report(closing)),
    refund: || Box::pin(refund()),
    printer_panel: || Box::pin(printer_panel()),
    catalog_panel: || Box::pin(catalog_panel()),
    quantity: |product, barcode| Box::pin(quantity(product, barcode)),
    keep_stocked: |shelf, server, deployment| Box::pin(keep_stocked(shelf, server, deployment)),
    send: |outbox, session, number, step, body| Box::pin(send(outbox, session, number, step, body)),
    resume_in_app: |session| Box::pin(resume_in_app(session)),
    store_server_banner: || Box::pin(store_server_banner()),
};

type Shown = Result<AnyView, PartMissing>;

#[wasm_split(app, wasm_split_path = ::leptos::wasm_split, fallible)]
fn app() -> Result<AppStart, PartMissing> {
    Ok(kassa::ui::app)
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn item(line: Option<LineId>) -> Shown {
    Ok(view::item(line))
}

#[wasm_split(customer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn scan() -> Shown {
    Ok(view::scan())
}

#[wasm_split(customer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn member() -> Shown {
    Ok(view::member())
}

#[wasm_split(customer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn edit_member(mobile: String) -> Shown {
    Ok(view::edit_member(mobile))
}

#[wasm_split(customer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn customer_details() -> Shown {
    Ok(view::customer_details())
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn bonus() -> Shown {
    Ok(view::bonus())
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn points() -> Shown {
    Ok(view::points())
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn coupon() -> Shown {
    Ok(view::coupon())
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn payment() -> Shown {
    Ok(view::payment())
}

#[wasm_split(appspos, wasm_split_path = ::leptos::wasm_split, fallible)]
fn appspos() -> Shown {
    Ok(view::appspos())
}

#[wasm_split(sale, wasm_split_path = ::leptos::wasm_split, fallible)]
fn result() -> Shown {
    Ok(view::result())
}

#[wasm_split(report, wasm_split_path = ::leptos::wasm_split, fallible)]
fn report(closing: bool) -> Shown {
    Ok(view::report(closing))
}

#[wasm_split(refund, wasm_split_path = ::leptos::wasm_split, fallible)]
fn refund() -> Shown {
    Ok(view::refund())
}

#[wasm_split(printer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn printer_panel() -> Shown {
    Ok(view::printer_panel())
}

#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
fn catalog_panel() -> Shown {
    Ok(view::catalog_panel())
}

#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
fn quantity(product: ProductId, barcode: String) -> Shown {
    Ok(view::quantity(product, barcode))
}

#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
fn keep_stocked(
    shelf: Shelf,
    server: Option<StoreServer>,
    deployment: Deployment,
) -> Result<Stocking, PartMissing> {
    Ok(Box::pin(view::keep_stocked(shelf, server, deployment)))
}

#[wasm_split(sending, wasm_split_path = ::leptos::wasm_split, fallible)]
fn send(
    outbox: Outbox,
    session: Rc<Session>,
    number: String,
    step: Step,
    body: String,
) -> Result<Sending, PartMissing> {
    Ok(Box::pin(outbox.send_claimed(session, number, step, body)))
}

#[wasm_split(appspos, wasm_split_path = ::leptos::wasm_split, fallible)]
fn resume_in_app(session: Rc<Session>) -> Result<Resuming, PartMissing> {
    Ok(Box::pin(view::resume_in_app(session)))
}

#[wasm_split(store, wasm_split_path = ::leptos::wasm_split, fallible)]
fn store_server_banner() -> Shown {
    Ok(view::store_server_banner())
}
