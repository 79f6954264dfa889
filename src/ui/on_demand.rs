//! Parts of the interface that are downloaded the first time they are needed.
//!
//! The app's wasm is split after the build (`scripts/split-app.mjs`) at the
//! functions of `src/parts.rs`, in the app's binary: each dialog a cashier
//! opens now and then, the customer panel, the printer panel, the catalog
//! (its panel, its store and sync) and the providers' wire code live in files of their own, so
//! the first load carries only the login and the empty checkout. The
//! library reaches them through the [`Parts`] table the binary provides; the
//! split functions live in the binary because each is a wasm export, which
//! the workers' binaries, linking the same library, must not carry. The
//! service worker precaches every part, so they open offline too.
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::domain::cart::LineId;
use crate::domain::catalog::ProductId;
use crate::i18n::Text;
use crate::srv4pos::address::StoreServer;
use crate::store::db::Store;
use crate::store::in_app::InAppSale;
use crate::store::records::ShiftRecord;
use crate::store::step::Step;
use crate::ui::checkout::shelf::Shelf;
use crate::ui::deployment::Deployment;
use crate::ui::locale::Locale;
use crate::ui::outbox::Outbox;
use crate::ui::session::Session;

/// A part could not be downloaded (the tablet is offline and the part was
/// never fetched).
#[derive(Debug, thiserror::Error)]
#[error("part of the app not downloaded")]
pub struct PartMissing;

impl From<SplitLoaderError> for PartMissing {
    fn from(_: SplitLoaderError) -> Self {
        PartMissing
    }
}

/// A view whose part is on its way.
pub type ViewLoading = Pin<Box<dyn Future<Output = Result<AnyView, PartMissing>> + Send>>;

/// Something else whose part is on its way.
pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, PartMissing>>>>;

/// Starts the app on the storage the front door opened, with the shift it
/// found or stored (none: the app shows the login).
pub type AppStart = fn(Rc<Store>, Option<ShiftRecord>) -> AnyView;

/// The AppsPOS payment stored before a reload, on its way.
pub type Resuming = Pin<Box<dyn Future<Output = Option<InAppSale>>>>;

/// One step on its way, its answer recorded when it comes.
pub type Sending = Pin<Box<dyn Future<Output = ()>>>;

/// The catalog kept up to date for as long as the checkout is open.
pub type Stocking = Pin<Box<dyn Future<Output = ()>>>;

/// What the library loads on demand, each entry a split function of the
/// app's binary.
#[derive(Clone, Copy)]
pub struct Parts {
    /// The app behind the login (`front_door`): what starts it, once its
    /// part is in.
    pub app: fn() -> Loading<AppStart>,
    pub item: fn(Option<LineId>) -> ViewLoading,
    pub scan: fn() -> ViewLoading,
    pub member: fn() -> ViewLoading,
    pub edit_member: fn(String) -> ViewLoading,
    pub customer_details: fn() -> ViewLoading,
    pub bonus: fn() -> ViewLoading,
    pub points: fn() -> ViewLoading,
    pub coupon: fn() -> ViewLoading,
    pub payment: fn() -> ViewLoading,
    pub appspos: fn() -> ViewLoading,
    pub result: fn() -> ViewLoading,
    pub report: fn(bool) -> ViewLoading,
    pub refund: fn() -> ViewLoading,
    pub printer_panel: fn() -> ViewLoading,
    pub catalog_panel: fn() -> ViewLoading,
    pub quantity: fn(ProductId, String) -> ViewLoading,
    pub keep_stocked: fn(Shelf, Option<StoreServer>, Deployment) -> Loading<Stocking>,
    pub send: fn(Outbox, Rc<Session>, String, Step, String) -> Loading<Sending>,
    pub resume_in_app: fn(Rc<Session>) -> Loading<Resuming>,
    pub store_server_banner: fn() -> ViewLoading,
}

impl Parts {
    pub fn get() -> Parts {
        expect_context::<Parts>()
    }
}

/// Shows a part's view once it is downloaded; a part that cannot be
/// downloaded says so and leaves everything else working.
pub fn on_demand(part: ViewLoading) -> AnyView {
    let locale = Locale::get();
    Suspend::new(async move {
        match part.await {
            Ok(view) => view,
            Err(PartMissing) => view! {
                <div class="banner error" role="alert" data-testid="part-missing">
                    {move || locale.t(Text::PartMissing)}
                </div>
            }
            .into_any(),
        }
    })
    .into_any()
}
