//! The store server's report beside Kassa's own on the X/Z screen: the
//! open day's X report, or — with the Z — the day it closes
//! (`POST /days/current`), its total (`report-server-total`) and where it
//! differs from the shift's figures (`report-server-diff`).
//!
//! Closing the server's day is a direct call, not an outbox step: its
//! answer is read on this screen, and a day closed later, after the
//! cashier left, would take the next shift's first sales. Offline, or
//! with sales still on their way to the server, the Z closes the shift and
//! says that the server's day was not closed; it is closed with the next Z.

use leptos::prelude::*;

use crate::domain::report::ShiftReport;
use crate::i18n::{Describe, Text};
use crate::srv4pos::address::StoreServer;
use crate::srv4pos::client;
use crate::srv4pos::compare::{differences, Figure};
use crate::srv4pos::days::{
    read_days, report_path, ClosedDay, ServerReport, CLOSE_DAY_PATH, DAYS_PATH,
};
use crate::srv4pos::error::StoreServerError;
use crate::ui::locale::Locale;
use crate::ui::money::MoneyText;

/// What the screen knows of the server's day.
pub type ServerDay = Result<ServerReport, Text>;

fn read<T>(
    answer: Option<(u16, String)>,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreServerError> {
    let (status, body) = answer.ok_or(StoreServerError::Unreachable)?;
    if (200..300).contains(&status) {
        parse(&body).ok_or(StoreServerError::UnexpectedAnswer)
    } else {
        Err(StoreServerError::of_answer(status, &body))
    }
}

async fn report_of(server: &StoreServer, day_id: &str) -> Result<ServerReport, StoreServerError> {
    read(
        client::get(server, &report_path(day_id)).await,
        ServerReport::read,
    )
}

/// The open day's report (the X).
pub async fn current_day(server: StoreServer) -> ServerDay {
    let days = read(client::get(&server, DAYS_PATH).await, read_days).map_err(|e| e.text())?;
    let day = days
        .iter()
        .rev()
        .find(|day| day.closed.is_none())
        .or(days.last())
        .ok_or(Text::ErrStoreNotFound)?;
    report_of(&server, &day.day_id).await.map_err(|e| e.text())
}

/// Closes the server's day and reads its Z.
pub async fn close_day(server: StoreServer) -> ServerDay {
    let closed = read(
        client::post(&server, CLOSE_DAY_PATH, "").await,
        ClosedDay::read,
    )
    .map_err(|_| Text::ServerDayNotClosed)?;
    report_of(&server, &closed.day_id)
        .await
        .map_err(|e| e.text())
}

fn label(figure: Figure) -> Text {
    match figure {
        Figure::Sales => Text::ReportSales,
        Figure::Total => Text::TotalBeforeBonus,
        Figure::Refunds => Text::ReportRefunds,
        Figure::RefundTotal => Text::ReportRefundTotal,
        Figure::CashIn => Text::CashIn,
        Figure::CashOut => Text::CashOut,
    }
}

#[component]
pub fn ServerReportView(
    day: RwSignal<Option<ServerDay>>,
    kassa: RwSignal<Option<ShiftReport>>,
) -> impl IntoView {
    let locale = Locale::get();
    let comparison = move || {
        let shown = day.get()?;
        Some(match shown {
            Err(text) => view! {
                <p class="warning" data-testid="report-server-diff">{move || locale.t(text)}</p>
            }
            .into_any(),
            Ok(server) => {
                let found = kassa.with(|k| k.as_ref().map(|k| differences(k, &server)));
                let said = move || match &found {
                    None => String::new(),
                    Some(found) if found.is_empty() => {
                        locale.t(Text::ServerReportAgrees).to_owned()
                    }
                    Some(found) => {
                        let listed: Vec<String> = found
                            .iter()
                            .map(|d| {
                                format!(
                                    "{}: {} {}, {} {}",
                                    locale.t(label(d.figure)),
                                    locale.t(Text::AppName),
                                    d.kassa,
                                    locale.t(Text::ServerReportServer),
                                    d.server
                                )
                            })
                            .collect();
                        format!(
                            "{} {}",
                            locale.t(Text::ServerReportDiffers),
                            listed.join("; ")
                        )
                    }
                };
                view! {
                    <dl class="report">
                        <div class="row">
                            <dt>{move || locale.t(Text::ServerReportTotal)}</dt>
                            <dd><MoneyText value=Signal::stored(server.total) test_id="report-server-total"/></dd>
                        </div>
                    </dl>
                    <p data-testid="report-server-diff">{said}</p>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="server-report">
            <h3>{move || locale.t(Text::LoginStoreServer)}</h3>
            {comparison}
        </section>
    }
}
