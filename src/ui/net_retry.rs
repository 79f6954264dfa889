//! The vendor's retry rule for calls the cashier waits on (Capillary: a
//! failed call is tried 2 more times, 5 s apart): visible while it retries
//! (`net-retry`, with the attempt) and cancellable (`net-retry-cancel`).
//! Posting steps never come here: they wait in the outbox.

use std::future::Future;

use leptos::prelude::*;

use crate::i18n::Text;
use crate::loyalty::error::LoyaltyError;
use crate::ui::locale::Locale;
use crate::web::clock::sleep;

/// Tries in all, the first included.
const ATTEMPTS: u32 = 3;
const PAUSE_MS: u32 = 5_000;
/// How often a pause looks at the cancel button.
const TICK_MS: u32 = 100;

/// The retry state of one dialog's calls.
#[derive(Clone, Copy)]
pub struct NetRetry {
    /// The attempt coming or under way after a failure (2 or 3); `None`
    /// otherwise.
    attempt: RwSignal<Option<u32>>,
    cancelled: RwSignal<bool>,
}

impl NetRetry {
    pub fn new() -> NetRetry {
        NetRetry {
            attempt: RwSignal::new(None),
            cancelled: RwSignal::new(false),
        }
    }

    /// Runs `call` under the rule. Only "unreachable" (timeout, network, 5xx)
    /// is tried again; a cancel ends it as unreachable.
    pub async fn run<T, F, Fut>(self, call: F) -> Result<T, LoyaltyError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, LoyaltyError>>,
    {
        let _ = self.cancelled.try_set(false);
        let mut attempt = 1;
        loop {
            let answer = call().await;
            let again = matches!(answer, Err(LoyaltyError::Unreachable)) && attempt < ATTEMPTS;
            if again {
                // Shown for the whole pause before the next attempt.
                attempt += 1;
                let _ = self.attempt.try_set(Some(attempt));
            }
            if !again || !self.pause().await {
                let _ = self.attempt.try_set(None);
                return answer;
            }
        }
    }

    /// Waits out the pause; `false` when the cashier cancelled (or the
    /// dialog closed) meanwhile.
    async fn pause(self) -> bool {
        let mut waited = 0;
        while waited < PAUSE_MS {
            sleep(TICK_MS).await;
            waited += TICK_MS;
            if self.cancelled.try_get_untracked().unwrap_or(true) {
                return false;
            }
        }
        true
    }
}

/// "Retrying (attempt 2 of 3)…" with its cancel button, while it retries.
#[component]
pub fn NetRetryNotice(retry: NetRetry) -> impl IntoView {
    let locale = Locale::get();
    view! {
        {move || retry.attempt.get().map(|attempt| view! {
            <p class="net-retry" role="status">
                <span data-testid="net-retry">
                    {move || locale.t(Text::NetRetrying)} " " {attempt} "/" {ATTEMPTS}
                </span>
                " "
                <button type="button" class="ghost" data-testid="net-retry-cancel"
                    on:click=move |_| retry.cancelled.set(true)>
                    {move || locale.t(Text::Cancel)}
                </button>
            </p>
        })}
    }
}
