//! Taking back part or all of a past receipt of this till: found by its
//! number (typed, or scanned into the field by the wedge scanner), its lines
//! with what is still refundable, what goes back per tender and what the
//! loyalty program will do — all shown before the cashier confirms. The
//! refund is then stored with its plan in one transaction (what is
//! refundable read again inside it) and its steps go through the outbox.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::printed_receipt::{paper_width, PrintedRefund};
use super::printer_hook::RefundPrinter;
use super::receipt_camera::ReceiptCamera;
use super::state::Checkout;
use crate::domain::money::Money;
use crate::domain::number_input::{format_quantity, parse_money, parse_quantity};
use crate::domain::quantity::Quantity;
use crate::domain::refund::{Refund, RefundDraft, RefundError, RefundPick, RefundQuote, Tenders};
use crate::domain::sale::ReceiptNumber;
use crate::i18n::{Describe, Text};
use crate::loyalty::error::LoyaltyError;
use crate::loyalty::refund_plan;
use crate::srv4pos::plan as store_plan;
use crate::store::outbox::SaleSettlement;
use crate::store::records::receipt_number;
use crate::store::refund_journal::RefundBasis;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::outbox::Outbox;
use crate::ui::session::CurrentSession;
use crate::ui::supervisor::SupervisorApproval;

/// Where the money part of a refund goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PayBack {
    /// The sale's own tenders, in proportion.
    AsPaid,
    AllCash,
    /// As much as the card has left to take back; cash the rest.
    AllCard,
    /// The amount the cashier types goes to the card, the rest is cash.
    Split,
}

impl PayBack {
    fn code(self) -> &'static str {
        match self {
            PayBack::AsPaid => "as-paid",
            PayBack::AllCash => "cash",
            PayBack::AllCard => "card",
            PayBack::Split => "split",
        }
    }

    fn of_code(code: &str) -> PayBack {
        match code {
            "cash" => PayBack::AllCash,
            "card" => PayBack::AllCard,
            "split" => PayBack::Split,
            _ => PayBack::AsPaid,
        }
    }
}

/// How a stored refund ended on its loyalty server, as `refund-status` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefundStatus {
    Sent,
    Queued,
    Rejected,
    /// Nothing to reverse, or a server without refunds.
    Recorded,
}

impl RefundStatus {
    fn code(self) -> &'static str {
        match self {
            RefundStatus::Sent => "sent",
            RefundStatus::Queued => "queued",
            RefundStatus::Rejected => "rejected",
            RefundStatus::Recorded => "recorded",
        }
    }
}

/// A stored refund and what its server said so far.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Done {
    refund: Refund,
    status: RefundStatus,
    explanation: Text,
    server_message: String,
    cashback_taken_back: Option<Money>,
    new_balance: Option<Money>,
    points_taken_back: Option<i64>,
    new_points_balance: Option<i64>,
}

impl Done {
    fn answered(self, settlement: &SaleSettlement) -> Done {
        match &settlement.answer {
            Ok(figures) if figures.refund_not_offered => Done {
                status: RefundStatus::Recorded,
                explanation: Text::RefundLoyaltyNotOffered,
                ..self
            },
            Ok(figures) => Done {
                status: RefundStatus::Sent,
                explanation: Text::StatusSent,
                cashback_taken_back: figures.bonus_taken_back,
                new_balance: figures.balance,
                points_taken_back: figures.points_taken_back,
                new_points_balance: figures.points_balance,
                ..self
            },
            Err(error @ (LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message))) => {
                Done {
                    status: RefundStatus::Rejected,
                    explanation: error.text(),
                    server_message: message.clone(),
                    ..self
                }
            }
            Err(_) => self,
        }
    }
}

/// The refund the cashier's entries make, or why there is none.
type Worked = Result<Option<(RefundDraft, RefundQuote)>, Text>;

/// The draft of `quantities` (one text per sale line; empty = none) and
/// its quote against what `basis` has left; `card_typed` is the card's
/// amount of a split.
fn work_out(
    basis: &RefundBasis,
    quantities: &[String],
    pay_back: PayBack,
    card_typed: &str,
    cashier: &str,
) -> Worked {
    let refundable = basis.refundable().map_err(|e| e.text())?;
    let mut picks = Vec::new();
    for (line, typed) in quantities.iter().enumerate() {
        let typed = typed.trim();
        if typed.is_empty() || typed.trim_start_matches(['0', ',', '.']).is_empty() {
            continue;
        }
        let quantity = parse_quantity(typed).map_err(|e| e.text())?;
        picks.push(RefundPick { line, quantity });
    }
    if picks.is_empty() {
        return Ok(None);
    }
    let mut draft = RefundDraft {
        cashier: cashier.to_owned(),
        picks,
        card: None,
    };
    let proportional = refundable
        .quote(&draft, basis.earned)
        .map_err(|e| e.text())?;
    draft.card = match pay_back {
        PayBack::AsPaid => None,
        PayBack::AllCash => Some(Money::ZERO),
        PayBack::AllCard => {
            let card_left = Tenders::of_sale(&basis.sale)
                .card
                .saturating_sub(refundable.paid_back().card);
            Some(proportional.tenders().money().min(card_left))
        }
        PayBack::Split if card_typed.trim().is_empty() => Some(Money::ZERO),
        PayBack::Split => Some(parse_money(card_typed).map_err(|e| e.text())?),
    };
    let quote = match draft.card {
        None => proportional,
        Some(_) => refundable
            .quote(&draft, basis.earned)
            .map_err(|e| e.text())?,
    };
    Ok(Some((draft, quote)))
}

#[component]
pub fn RefundDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let current = CurrentSession::get();
    let outbox = Outbox::get();
    let cashier = current
        .session()
        .map(|s| s.opening.cashier.clone())
        .unwrap_or_default();

    let receipt = RwSignal::new(String::new());
    let found = RwSignal::new(None::<RefundBasis>);
    let quantities = RwSignal::new(Vec::<String>::new());
    let pay_back = RwSignal::new(PayBack::AsPaid);
    let card_typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    // The supervisor's PIN, where the deployment asks for it.
    let approved = RwSignal::new(false);
    let done = RwSignal::new(None::<Done>);
    let refund_printer = RefundPrinter::get();

    let worked = Memo::new(move |_| -> Worked {
        found.with(|basis| match basis {
            Some(basis) => work_out(
                basis,
                &quantities.get(),
                pay_back.get(),
                &card_typed.get(),
                &cashier,
            ),
            None => Ok(None),
        })
    });

    // The sale as the journal has it now, with every refund recorded.
    let look_up = move |number: String| {
        let Some(session) = current.session() else {
            return;
        };
        spawn_local(async move {
            let read = match session.store.sale_with_refunds(&number).await {
                Ok(Some((sale, refunds))) => {
                    refunds.and_then(|refunds| RefundBasis::read(&sale, &refunds))
                }
                Ok(None) => return error.set(Some(Text::ErrRefundNotFound)),
                Err(_) => return error.set(Some(Text::ErrStorageUnavailable)),
            };
            match read {
                Ok(basis) => {
                    quantities.set(vec![String::new(); basis.sale.lines().len()]);
                    pay_back.set(PayBack::AsPaid);
                    card_typed.set(String::new());
                    found.set(Some(basis));
                }
                Err(refused) => {
                    found.set(None);
                    error.set(Some(refused.text()));
                }
            }
        });
    };

    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = receipt.get_untracked().trim().to_owned();
        if number.is_empty() {
            return error.set(Some(Text::ErrRefundNotFound));
        }
        done.set(None);
        error.set(None);
        look_up(number);
    };

    // A receipt's barcode read by the camera is looked up as if typed.
    let scanned = Callback::new(move |number: String| {
        receipt.set(number.clone());
        done.set(None);
        error.set(None);
        look_up(number);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !approved.get_untracked() {
            return;
        }
        let (draft, shown) = match worked.get_untracked() {
            Ok(Some(worked)) => worked,
            Ok(None) => return error.set(Some(RefundError::Empty.text())),
            Err(text) => return error.set(Some(text)),
        };
        let Some(session) = current.session() else {
            return;
        };
        let original = shown.original().0.clone();
        let shown_refunds = found.with_untracked(|b| b.as_ref().map_or(0, |b| b.refunds.len()));
        let till = crate::web::till::till_id();
        let at = crate::web::clock::now();
        let refund_id = store_plan::identifier(crate::web::till::random_bytes());
        let product_of = checkout.shelf.product_names();
        busy.set(true);
        spawn_local(async move {
            let tag = session.shift_tag.clone();
            let access = &session.opening.access;
            let stored = session
                .store
                .finalize_refund(&original, |sequence, sale, recorded| {
                    let basis = RefundBasis::read(sale, recorded)?;
                    // Another tab refunded this sale since it was shown:
                    // whatever the picks, the cashier looks again.
                    if basis.refunds.len() != shown_refunds {
                        return Err(RefundError::ChangedMeanwhile);
                    }
                    let number = ReceiptNumber(receipt_number(&till, &tag, sequence));
                    let (refund, record) = basis.finalize(&draft, &shown, number, at, &tag)?;
                    let mut plan = refund_plan::plan(
                        access,
                        &basis.sale,
                        &refund,
                        sale.in_app_refund_id.as_deref(),
                    );
                    // The store server takes the refund after its sale, if
                    // the sale went there.
                    if let (Some(server), Some(original_id)) =
                        (&session.store_server, &sale.store_sale_id)
                    {
                        let step = store_plan::refund_step(
                            &refund,
                            &refund_id,
                            original_id,
                            server,
                            &product_of,
                        );
                        let number = refund.number().0.clone();
                        plan = Some(store_plan::joined(plan, &number, Some(&original), step));
                    }
                    Ok(((refund, plan.clone()), record, plan))
                })
                .await;
            busy.set(false);
            match stored {
                Ok(Some(Ok((refund, plan)))) => {
                    let (status, explanation) = match plan {
                        Some(plan) => {
                            outbox.add(plan);
                            (RefundStatus::Queued, Text::StatusSending)
                        }
                        None => (RefundStatus::Recorded, Text::RefundRecorded),
                    };
                    error.set(None);
                    // Printed once by itself; cash paid back comes out of
                    // the drawer as it prints.
                    refund_printer.print(&refund, !refund.tenders().cash.is_zero());
                    done.set(Some(Done {
                        refund,
                        status,
                        explanation,
                        server_message: String::new(),
                        cashback_taken_back: None,
                        new_balance: None,
                        points_taken_back: None,
                        new_points_balance: None,
                    }));
                    look_up(original);
                }
                Ok(Some(Err(refused))) => {
                    error.set(Some(refused.text()));
                    if refused == RefundError::ChangedMeanwhile {
                        look_up(original);
                    }
                }
                Ok(None) => error.set(Some(Text::ErrRefundNotFound)),
                Err(_) => error.set(Some(Text::ErrStorageUnavailable)),
            }
        });
    };

    // The refund on screen follows its steps' answers.
    Effect::new(move |_| {
        let Some((number, settlement)) = outbox.last_settled.get() else {
            return;
        };
        let ours =
            done.with_untracked(|d| d.as_ref().is_some_and(|d| d.refund.number().0 == number));
        if ours {
            done.update(|d| *d = d.take().map(|d| d.answered(&settlement)));
        }
    });

    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            checkout.close_dialog();
        }
    });

    view! {
        <Modal title=Text::RefundTitle on_close=close>
            <form class="refund-find" on:submit=find novalidate=true>
                <Field label=Text::RefundReceiptInput test_id="refund-receipt-input" value=receipt
                    autofocus=true verbatim=true/>
                <button type="submit" class="secondary" data-testid="refund-find">
                    {move || locale.t(Text::RefundFind)}
                </button>
            </form>
            <ReceiptCamera on_read=scanned/>
            {move || done.get().map(|done| view! { <RefundDone done=done/> })}
            {move || found.get().map(|basis| view! {
                <RefundForm basis=basis quantities=quantities pay_back=pay_back card_typed=card_typed worked=worked
                    busy=busy approved=approved error=error on_submit=submit/>
            })}
            <Show when=move || found.with(Option::is_none)>
                <ErrorLine error=error test_id="refund-error"/>
            </Show>
        </Modal>
    }
}

/// The sale's lines to pick from, the payback and the loyalty side.
#[component]
fn RefundForm(
    basis: RefundBasis,
    quantities: RwSignal<Vec<String>>,
    pay_back: RwSignal<PayBack>,
    card_typed: RwSignal<String>,
    worked: Memo<Worked>,
    busy: RwSignal<bool>,
    approved: RwSignal<bool>,
    error: RwSignal<Option<Text>>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let locale = Locale::get();
    let Ok(refundable) = basis.refundable() else {
        return ().into_any();
    };
    let sale = &basis.sale;
    let sale_tenders = Tenders::of_sale(sale);
    let everything = refundable.everything();
    let exhausted = refundable.is_exhausted();
    let quote = move || worked.get().ok().flatten().map(|(_, quote)| quote);
    let quoted_line = move |line: usize| {
        quote().and_then(|q| {
            q.lines()
                .iter()
                .find(|l| l.original_line == line)
                .map(|l| l.line.total())
        })
    };
    let set_quantity = move |line: usize, text: String| {
        quantities.update(|q| {
            if let Some(slot) = q.get_mut(line) {
                *slot = text;
            }
        });
        error.set(None);
    };
    let style = locale.lang_untracked().number_style();
    let rows = sale
        .lines()
        .iter()
        .zip(refundable.lines())
        .enumerate()
        .map(|(index, (line, left))| {
            let name = line.name().to_owned();
            let sold = format_quantity(line.quantity(), style);
            let left_text = Quantity::new(left.quantity)
                .map(|q| format_quantity(q, style))
                .unwrap_or_else(|_| "0".to_owned());
            let left_plain = left.quantity.normalize().to_string();
            if left.quantity.is_zero() {
                return view! {
                    <li class="refund-line done" data-testid="refund-line-done">
                        <span class="refund-line-name">{name}</span>
                        <span class="muted">{move || locale.t(Text::RefundLineReturned)}</span>
                    </li>
                }
                .into_any();
            }
            let all = left_text.clone();
            let amount = Signal::derive(move || quoted_line(index).unwrap_or(Money::ZERO));
            view! {
                <li class="refund-line" data-testid="refund-line">
                    <span class="refund-line-name" data-testid="refund-line-name">{name}</span>
                    <span class="muted">
                        {move || locale.t(Text::RefundSold)} " " {sold.clone()} " · "
                        {move || locale.t(Text::RefundLeft)} " "
                        <span data-testid="refund-line-left" data-value=left_plain.clone()>{left_text.clone()}</span>
                    </span>
                    <input
                        data-testid="refund-line-qty"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder="0"
                        aria-label=move || format!("{} {}", locale.t(Text::RefundQuantity), line_label(index))
                        prop:value=move || quantities.with(|q| q.get(index).cloned().unwrap_or_default())
                        on:input=move |ev| set_quantity(index, event_target_value(&ev))
                    />
                    <button type="button" class="ghost" data-testid="refund-line-all"
                        on:click=move |_| set_quantity(index, all.clone())>
                        {move || locale.t(Text::RefundLineAll)}
                    </button>
                    <MoneyText value=amount test_id="refund-line-amount"/>
                </li>
            }
            .into_any()
        })
        .collect_view();
    let whole = move |_| {
        let style = locale.lang_untracked().number_style();
        quantities.update(|q| {
            q.iter_mut().for_each(String::clear);
            for pick in &everything {
                if let Some(slot) = q.get_mut(pick.line) {
                    *slot = format_quantity(pick.quantity, style);
                }
            }
        });
        error.set(None);
    };
    // What the entries cannot make, live; else why the last confirm failed.
    let problem = move || worked.get().err().or_else(|| error.get());
    let total = Signal::derive(move || quote().map_or(Money::ZERO, |q| q.total()));
    let tender = move |pick: fn(&Tenders) -> Money| {
        Signal::derive(move || quote().map_or(Money::ZERO, |q| pick(q.tenders())))
    };
    let paid_with_points = !sale_tenders.points.is_zero();
    let aos_customer = sale.customer().is_some_and(|c| c.id.aos_code().is_some());
    let member = sale.customer().is_some() && !aos_customer;
    let in_app = !sale_tenders.in_app.is_zero();
    let had_card = !sale_tenders.card.is_zero();
    let cashback_taken_back = Signal::derive(move || {
        quote()
            .and_then(|q| q.reversal().cashback_taken_back)
            .unwrap_or(Money::ZERO)
    });
    let points_taken_back = move || quote().and_then(|q| q.reversal().points_taken_back);
    let original = sale.number().0.clone();
    let sold_at = sale.finalized_at();

    view! {
        <form class="stack refund-form" on:submit=on_submit novalidate=true>
            <p>
                {move || locale.t(Text::ReceiptNumber)} " "
                <strong data-testid="refund-original">{original}</strong>
                " · " {move || locale.date_time(sold_at)}
            </p>
            {exhausted.then(|| view! {
                <p class="notice" role="status" data-testid="refund-exhausted">{move || locale.t(Text::RefundAllReturned)}</p>
            })}
            <ul class="refund-lines">{rows}</ul>
            {(!exhausted).then(|| view! {
                <button type="button" class="secondary" data-testid="refund-whole" on:click=whole>
                    {move || locale.t(Text::RefundWhole)}
                </button>
            })}
            <label class="field">
                <span class="field-label">{move || locale.t(Text::RefundTender)}</span>
                <select data-testid="refund-tender"
                    on:change=move |ev| {
                        error.set(None);
                        pay_back.set(PayBack::of_code(&event_target_value(&ev)));
                    }>
                    <option value=PayBack::AsPaid.code() selected=move || pay_back.get() == PayBack::AsPaid>
                        {move || locale.t(Text::RefundAsPaid)}
                    </option>
                    <option value=PayBack::AllCash.code() selected=move || pay_back.get() == PayBack::AllCash>
                        {move || locale.t(Text::RefundAllCash)}
                    </option>
                    <option value=PayBack::AllCard.code() disabled=!had_card
                        selected=move || pay_back.get() == PayBack::AllCard>
                        {move || locale.t(Text::RefundAllCard)}
                    </option>
                    <option value=PayBack::Split.code() disabled=!had_card
                        selected=move || pay_back.get() == PayBack::Split>
                        {move || locale.t(Text::RefundSplit)}
                    </option>
                </select>
            </label>
            <Show when=move || pay_back.get() == PayBack::Split>
                <Field label=Text::RefundCardAmount test_id="refund-card-input" value=card_typed input_mode="decimal"/>
            </Show>
            <dl class="refund-figures">
                <div class="row pr-strong">
                    <dt>{move || locale.t(Text::RefundTotal)}</dt>
                    <dd><MoneyText value=total test_id="refund-total"/></dd>
                </div>
                <div class="row">
                    <dt>{move || locale.t(Text::RefundCash)}</dt>
                    <dd><MoneyText value=tender(|t| t.cash) test_id="refund-cash"/></dd>
                </div>
                <div class="row">
                    <dt>{move || locale.t(Text::RefundCard)}</dt>
                    <dd><MoneyText value=tender(|t| t.card) test_id="refund-card"/></dd>
                </div>
                {aos_customer.then(|| view! {
                    <div class="row">
                        <dt>{move || locale.t(Text::RefundCashbackBack)}</dt>
                        <dd><MoneyText value=tender(|t| t.cashback) test_id="refund-cashback-back"/></dd>
                    </div>
                    <div class="row">
                        <dt>{move || locale.t(Text::RefundCashbackTakenBack)}</dt>
                        <dd><MoneyText value=cashback_taken_back test_id="refund-cashback-taken-back"/></dd>
                    </div>
                })}
                {paid_with_points.then(|| view! {
                    <div class="row">
                        <dt>{move || locale.t(Text::RefundPointsValue)}</dt>
                        <dd><MoneyText value=tender(|t| t.points) test_id="refund-points-value"/></dd>
                    </div>
                })}
                {member.then(|| view! {
                    <div class="row">
                        <dt>{move || locale.t(Text::RefundPointsTakenBack)}</dt>
                        <dd data-testid="refund-points-taken-back"
                            data-value=move || points_taken_back().map(|p| p.to_string())>
                            {move || points_taken_back().map_or_else(
                                || locale.t(Text::RefundPointsServerSays).to_owned(),
                                |p| p.to_string(),
                            )}
                        </dd>
                    </div>
                })}
                {in_app.then(|| view! {
                    <div class="row">
                        <dt>{move || locale.t(Text::RefundInApp)}</dt>
                        <dd><MoneyText value=tender(|t| t.in_app) test_id="refund-in-app"/></dd>
                    </div>
                })}
            </dl>
            {paid_with_points.then(|| view! {
                <p class="notice" data-testid="refund-points-note">{move || locale.t(Text::RefundPointsNotReturned)}</p>
            })}
            {in_app.then(|| view! {
                <p class="notice">{move || locale.t(Text::ErrRefundInAppWholeOnly)}</p>
            })}
            {move || problem().map(|text| view! {
                <p class="error" role="alert" data-testid="refund-error">{move || locale.t(text)}</p>
            })}
            {(!exhausted).then(|| view! { <SupervisorApproval approved=approved/> })}
            <button type="submit" class="primary big" data-testid="refund-submit"
                disabled=move || busy.get() || exhausted || !approved.get()>
                {move || locale.t(Text::RefundSubmit)}
            </button>
        </form>
    }
    .into_any()
}

/// Lines are named by their position for a screen reader.
fn line_label(index: usize) -> String {
    format!("#{}", index + 1)
}

/// The stored refund: its number, how its loyalty side went, its receipt.
#[component]
fn RefundDone(done: Done) -> impl IntoView {
    let locale = Locale::get();
    let paper = paper_width();
    let number = done.refund.number().0.clone();
    let reprinted = done.refund.clone();
    let refund_printer = RefundPrinter::get();
    let code = done.status.code();
    let explanation = done.explanation;
    let money_row = move |label: Text, value: Option<Money>, test_id: &'static str| {
        value.map(|value| {
            view! {
                <div class="row">
                    <dt>{move || locale.t(label)}</dt>
                    <dd><MoneyText value=Signal::stored(value) test_id=test_id/></dd>
                </div>
            }
        })
    };
    let points_row = move |label: Text, value: Option<i64>, test_id: &'static str| {
        value.map(|value| {
            view! {
                <div class="row">
                    <dt>{move || locale.t(label)}</dt>
                    <dd><span data-testid=test_id data-value=value>{value}</span></dd>
                </div>
            }
        })
    };
    view! {
        <div class="stack refund-done" data-testid="refund-result">
            <p role="status" class=format!("status status-{code}")>
                <span data-testid="refund-status">{code}</span>
                " — " {move || locale.t(explanation)}
            </p>
            {(!done.server_message.is_empty()).then(|| view! {
                <p class="server-message">{done.server_message.clone()}</p>
            })}
            <dl>
                <div class="row">
                    <dt>{move || locale.t(Text::RefundNumber)}</dt>
                    <dd data-testid="refund-number">{number}</dd>
                </div>
                {money_row(Text::RefundTotal, Some(done.refund.total()), "refund-done-total")}
                {money_row(Text::RefundCashbackTakenBack, done.cashback_taken_back, "refund-done-cashback-taken-back")}
                {money_row(Text::NewBalance, done.new_balance, "refund-new-balance")}
                {points_row(Text::RefundPointsTakenBack, done.points_taken_back, "refund-done-points-taken-back")}
                {points_row(Text::NewPointsBalance, done.new_points_balance, "refund-new-points-balance")}
            </dl>
            <button type="button" class="secondary" data-testid="refund-print"
                on:click=move |_| {
                    if !refund_printer.print(&reprinted, false) {
                        crate::web::document::print();
                    }
                }>
                {move || locale.t(Text::ReceiptPrint)}
            </button>
            <PrintedRefund refund=done.refund.clone() paper=paper/>
        </div>
    }
}
