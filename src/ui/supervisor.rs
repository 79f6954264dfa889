//! The supervisor's approval, where the deployment asks for one
//! (`supervisorPin` in `config.json`): before a refund, cash taken out and
//! the drawer opened by hand. Without a PIN configured it approves at once.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::supervisor::{PinAttempts, PinError, SupervisorPin};
use crate::i18n::{Describe, Text};
use crate::ui::deployment::Deployment;
use crate::ui::locale::Locale;
use crate::web::clock::now_ms;
use crate::web::storage;

const ATTEMPTS_KEY: &str = "kassa.supervisorAttempts";

/// What `config.json` says.
#[derive(Clone)]
enum Asked {
    Reading,
    Pin(SupervisorPin),
    Misconfigured,
}

/// `None`: the deployment sets no PIN. A config that cannot be read at all
/// (no network and no cached copy) is not taken as "no PIN": the gate stays
/// shut rather than open by accident.
fn configured(config: Option<&str>) -> Option<Result<SupervisorPin, PinError>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Config {
        supervisor_pin: Option<String>,
    }
    let Some(text) = config else {
        return Some(Err(PinError::Malformed));
    };
    match serde_json::from_str::<Config>(text) {
        Ok(config) => config.supervisor_pin.map(|pin| SupervisorPin::parse(&pin)),
        Err(_) => Some(Err(PinError::Malformed)),
    }
}

fn stored_attempts() -> PinAttempts {
    storage::get(ATTEMPTS_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Sets `approved` once the supervisor typed the PIN (or when none is
/// configured); the form it guards waits for it.
#[component]
pub fn SupervisorApproval(approved: RwSignal<bool>) -> impl IntoView {
    let locale = Locale::get();
    let asked = RwSignal::new(Asked::Reading);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<PinError>);
    let checking = RwSignal::new(false);
    let deployment = Deployment::get();
    spawn_local(async move {
        let found = configured(deployment.config().await.as_deref());
        match found {
            None => {
                let _ = approved.try_set(true);
            }
            Some(Ok(pin)) => {
                let _ = asked.try_set(Asked::Pin(pin));
            }
            Some(Err(_)) => {
                let _ = asked.try_set(Asked::Misconfigured);
            }
        }
    });
    let check = move || {
        let Asked::Pin(pin) = asked.get_untracked() else {
            return;
        };
        checking.set(true);
        // The hash is slow on purpose: let "checking" paint first.
        request_animation_frame(move || {
            let mut attempts = stored_attempts();
            let outcome = attempts.attempt(&pin, &typed.get_untracked(), now_ms());
            if let Ok(json) = serde_json::to_string(&attempts) {
                storage::set(ATTEMPTS_KEY, &json);
            }
            let _ = checking.try_set(false);
            let _ = typed.try_set(String::new());
            match outcome {
                Ok(()) => {
                    let _ = error.try_set(None);
                    let _ = approved.try_set(true);
                }
                Err(refused) => {
                    let _ = error.try_set(Some(refused));
                }
            }
        });
    };

    move || {
        match asked.get() {
        Asked::Reading => ().into_any(),
        Asked::Misconfigured => view! {
            <p class="error" role="alert" data-testid="supervisor-error">
                {move || locale.t(Text::ErrSupervisorMisconfigured)}
            </p>
        }
        .into_any(),
        Asked::Pin(_) if approved.get() => view! {
            <p class="notice" data-testid="supervisor-approved">{move || locale.t(Text::SupervisorApproved)}</p>
        }
        .into_any(),
        Asked::Pin(_) => view! {
            <div class="supervisor">
                <label class="field">
                    <span class="field-label">{move || locale.t(Text::SupervisorPin)}</span>
                    <div class="input-with-button">
                        <input data-testid="supervisor-pin" type="password" inputmode="numeric"
                            autocomplete="off" prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    check();
                                }
                            }/>
                        <button type="button" class="secondary" data-testid="supervisor-ok"
                            disabled=move || checking.get() || typed.with(String::is_empty)
                            on:click=move |_| check()>
                            {move || locale.t(if checking.get() { Text::SupervisorChecking } else { Text::SupervisorOk })}
                        </button>
                    </div>
                </label>
                {move || error.get().map(|refused| view! {
                    <p class="error" role="alert" data-testid="supervisor-error">
                        {move || locale.t(refused.text())}
                        {match refused {
                            PinError::Wrong { tries_left } => format!(" {tries_left}"),
                            PinError::Locked { until_ms } => {
                                format!(" {}", (until_ms.saturating_sub(now_ms()) / 60_000) + 1)
                            }
                            PinError::Malformed => String::new(),
                        }}
                    </p>
                })}
            </div>
        }
        .into_any(),
    }
    }
}
