use leptos::prelude::*;

use super::shortcuts::Shortcut;
use super::state::{Checkout, Dialog};
use crate::domain::cashback;
use crate::domain::money::Money;
use crate::domain::provider::Redemption;
use crate::i18n::Text;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;

/// The receipt's figures and the two actions that lead to payment.
#[component]
pub fn TotalsPanel() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let totals = checkout.totals;
    let before = Signal::derive(move || totals.get().total_before_bonus);
    let vat = Signal::derive(move || totals.get().vat_total);
    let bonus = Signal::derive(move || totals.get().bonus);
    let due = Signal::derive(move || totals.get().total_due);
    let discount = Signal::derive(move || totals.get().discount_total);
    let points = Signal::derive(move || {
        checkout
            .points
            .with(|p| p.as_ref().map_or(Money::ZERO, |p| p.value))
    });
    let earned = Signal::derive(move || {
        let t = totals.get();
        checkout.customer.with(|c| {
            c.as_ref()
                .map(|c| cashback::earned(t.total_before_bonus, t.bonus, c.percent))
                .unwrap_or_default()
        })
    });

    view! {
        <section class="card totals">
            <dl>
                <div class="row">
                    <dt>{move || locale.t(Text::TotalBeforeBonus)}</dt>
                    <dd><MoneyText value=before test_id="total-before-bonus"/></dd>
                </div>
                <Show when=move || checkout.offers(Redemption::Coupon)>
                    <div class="row">
                        <dt>{move || locale.t(Text::DiscountTotal)}</dt>
                        <dd>"− "<MoneyText value=discount test_id="discount-total"/></dd>
                    </div>
                </Show>
                <div class="row muted">
                    <dt>{move || locale.t(Text::VatTotal)}</dt>
                    <dd><MoneyText value=vat test_id="vat-total"/></dd>
                </div>
                <Show when=move || checkout.offers(Redemption::CashbackSpend)>
                    <div class="row">
                        <dt>{move || locale.t(Text::BonusApplied)}</dt>
                        <dd>"− "<MoneyText value=bonus test_id="bonus-applied"/></dd>
                    </div>
                </Show>
                <Show when=move || checkout.points.with(Option::is_some)>
                    <div class="row">
                        <dt>{move || locale.t(Text::PointsApplied)}</dt>
                        <dd>"− "<MoneyText value=points test_id="points-applied"/></dd>
                    </div>
                </Show>
                <div class="row due">
                    <dt>{move || locale.t(Text::TotalDue)}</dt>
                    <dd><MoneyText value=due test_id="total-due"/> " " {move || locale.t(Text::Currency)}</dd>
                </div>
                <Show when=move || checkout.offers(Redemption::CashbackSpend) && checkout.customer.with(Option::is_some)>
                    <div class="row earned">
                        <dt>{move || locale.t(Text::EarnedPreview)}</dt>
                        <dd><MoneyText value=earned test_id="bonus-earned-preview"/></dd>
                    </div>
                </Show>
            </dl>
            <div class="actions">
                <Show when=move || checkout.offers(Redemption::CashbackSpend)>
                    <button
                        type="button"
                        class="secondary"
                        data-testid="bonus-open"
                        aria-keyshortcuts=Shortcut::SpendCashback.key()
                        disabled=move || !checkout.can_spend_cashback()
                        on:click=move |_| checkout.dialog.set(Dialog::Bonus)
                    >
                        {move || locale.t(Text::BonusOpen)}
                    </button>
                </Show>
                <Show when=move || checkout.offers(Redemption::PointsWithCode)>
                    <button type="button" class="secondary" data-testid="points-open"
                        disabled=move || !checkout.can_redeem()
                        on:click=move |_| checkout.dialog.set(Dialog::Points)>
                        {move || locale.t(Text::PointsOpen)}
                    </button>
                </Show>
                <Show when=move || checkout.offers(Redemption::Coupon)>
                    <button type="button" class="secondary" data-testid="coupon-open"
                        disabled=move || !checkout.can_redeem()
                        on:click=move |_| checkout.dialog.set(Dialog::Coupon)>
                        {move || locale.t(Text::CouponOpen)}
                    </button>
                </Show>
                <button
                    type="button"
                    class="primary big"
                    data-testid="pay-open"
                    aria-keyshortcuts=Shortcut::Pay.key()
                    disabled=move || !checkout.can_pay()
                    on:click=move |_| checkout.dialog.set(Dialog::Payment)
                >
                    {move || locale.t(Text::PayOpen)}
                </button>
            </div>
        </section>
    }
}
