//! The shift at a glance on the X/Z screen: receipts per hour as bars and
//! the mix of tenders as one stacked bar with its legend — an inline SVG
//! drawn from `ShiftGlance`, coloured by the theme's own variables.

use leptos::prelude::*;

use crate::domain::shift_glance::{ShiftGlance, TenderKind};
use crate::i18n::Text;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;

/// Chart units per hour; a bar is drawn 18 of them wide.
const HOUR_WIDTH: usize = 24;
const BAR_HEIGHT: usize = 80;

fn tender_text(kind: TenderKind) -> Text {
    match kind {
        TenderKind::Cash => Text::TenderCash,
        TenderKind::Card => Text::TenderCard,
        TenderKind::Loyalty => Text::ChartTenderLoyalty,
        TenderKind::InApp => Text::ChartTenderInApp,
    }
}

#[component]
pub fn ShiftChart(glance: ShiftGlance) -> impl IntoView {
    let locale = Locale::get();
    if glance.hours.is_empty() {
        return ().into_any();
    }
    let width = glance.hours.len() * HOUR_WIDTH;
    let bars = glance
        .hours
        .iter()
        .enumerate()
        .map(|(at, bar)| {
            let height = usize::from(bar.permille) * BAR_HEIGHT / 1000;
            let x = at * HOUR_WIDTH + 3;
            let total = bar.total;
            let hour = bar.hour;
            view! {
                <g>
                    <rect class="chart-bar" data-testid="chart-hour" data-hour=hour
                        data-value=total.to_string()
                        x=x y=BAR_HEIGHT - height width="18" height=height.max(1)>
                        <title>{move || format!("{hour}:00 — {}", locale.money(total))}</title>
                    </rect>
                    <text class="chart-label" x=x + 9 y="96" text-anchor="middle">{hour}</text>
                </g>
            }
        })
        .collect_view();
    let mut left = 0usize;
    let segments = glance
        .tenders
        .iter()
        .map(|share| {
            let x = left;
            left += usize::from(share.permille);
            view! {
                <rect class=format!("chart-tender-{}", share.kind.code())
                    x=x y="0" width=usize::from(share.permille) height="20"/>
            }
        })
        .collect_view();
    let legend = glance
        .tenders
        .iter()
        .map(|share| {
            let kind = share.kind;
            view! {
                <li data-testid="chart-tender" data-kind=kind.code()>
                    <svg class="chart-swatch" viewBox="0 0 10 10" aria-hidden="true">
                        <rect class=format!("chart-tender-{}", kind.code()) width="10" height="10"/>
                    </svg>
                    <span>{move || locale.t(tender_text(kind))}</span>
                    <MoneyText value=share.amount test_id="chart-tender-amount"/>
                    <span class="muted">{format!("{}%", (share.permille + 5) / 10)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="shift-chart" data-testid="report-chart">
            <figcaption class="section-title">{move || locale.t(Text::ChartSalesPerHour)}</figcaption>
            <svg class="chart-hours" viewBox=format!("0 0 {width} 100") role="img"
                aria-label=move || locale.t(Text::ChartSalesPerHour)>
                {bars}
            </svg>
            <figcaption class="section-title">{move || locale.t(Text::ChartTenderMix)}</figcaption>
            <svg class="chart-mix" viewBox="0 0 1000 20" preserveAspectRatio="none" aria-hidden="true">
                {segments}
            </svg>
            <ul class="chart-legend">{legend}</ul>
        </figure>
    }
    .into_any()
}
