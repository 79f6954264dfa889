//! What each on-demand part shows or does (`ui::on_demand`); the app's
//! binary splits these off behind its `Parts` table.
use leptos::prelude::*;

use super::appspos_dialog::AppsPosDialog;
use super::bonus_dialog::BonusDialog;
use super::catalog_panel::CatalogPanel;
use super::coupon_dialog::CouponDialog;
use super::customer_panel::CustomerDetails;
use super::enrol_form::EnrolForm;
use super::item_form::ItemForm;
use super::member_dialog::MemberDialog;
use super::payment_dialog::PaymentDialog;
use super::points_dialog::PointsDialog;
use super::printer_menu::PrinterPanel;
use super::qty_dialog::QtyDialog;
use super::refund_dialog::RefundDialog;
use super::report_dialog::ReportDialog;
use super::sale_result::SaleResult;
use super::scan_dialog::ScanDialog;
use super::state::Checkout;
use super::store_server::StoreServerBanner;
use crate::domain::cart::LineId;
use crate::domain::catalog::ProductId;
use crate::i18n::Text;
use crate::store::in_app::InAppSale;
use crate::ui::modal::Modal;
use crate::ui::session::Session;

pub fn item(line: Option<LineId>) -> AnyView {
    view! { <ItemForm line=line/> }.into_any()
}

pub fn scan() -> AnyView {
    view! { <ScanDialog/> }.into_any()
}

pub fn member() -> AnyView {
    view! { <MemberDialog/> }.into_any()
}

pub fn edit_member(mobile: String) -> AnyView {
    view! {
        <Modal title=Text::EditMemberTitle on_close=Callback::new(move |_| Checkout::get().close_dialog())>
            <EnrolForm mobile=mobile editing=true/>
        </Modal>
    }
    .into_any()
}

pub fn customer_details() -> AnyView {
    view! { <CustomerDetails/> }.into_any()
}

pub fn bonus() -> AnyView {
    view! { <BonusDialog/> }.into_any()
}

pub fn points() -> AnyView {
    view! { <PointsDialog/> }.into_any()
}

pub fn coupon() -> AnyView {
    view! { <CouponDialog/> }.into_any()
}

pub fn payment() -> AnyView {
    view! { <PaymentDialog/> }.into_any()
}

pub fn appspos() -> AnyView {
    view! { <AppsPosDialog/> }.into_any()
}

/// The AppsPOS payment stored before a reload, ready to go on (a release
/// whose answer never came is polled, not sent again).
pub async fn resume_in_app(session: std::rc::Rc<Session>) -> Option<InAppSale> {
    let mut sale = session.store.in_app().await.ok().flatten()?.sale()?;
    sale.payment.resume(crate::web::clock::now_ms());
    Some(sale)
}

pub fn result() -> AnyView {
    view! { <SaleResult/> }.into_any()
}

pub fn report(closing: bool) -> AnyView {
    view! { <ReportDialog closing=closing/> }.into_any()
}

pub fn refund() -> AnyView {
    view! { <RefundDialog/> }.into_any()
}

pub fn printer_panel() -> AnyView {
    view! { <PrinterPanel/> }.into_any()
}

pub fn catalog_panel() -> AnyView {
    view! { <CatalogPanel/> }.into_any()
}

pub fn quantity(product: ProductId, barcode: String) -> AnyView {
    view! { <QtyDialog product=product barcode=barcode/> }.into_any()
}

pub use super::catalog_feed::keep_stocked;

/// The store server's banners, for a shift that has one.
pub fn store_server_banner() -> AnyView {
    view! { <StoreServerBanner/> }.into_any()
}
