use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::deployment::Deployment;
use super::field::{ErrorLine, Field};
use super::lang_select::LangSelect;
use super::locale::Locale;
use super::theme_toggle::ThemeToggle;
use crate::domain::money::Money;
use crate::domain::number_input::parse_money;
use crate::domain::provider::Provider;
use crate::domain::shift::{
    AppsPosAccess, CapillaryAccess, LoyaltyAccess, ServerAccess, ShiftLoginForm, ShiftOpening,
    StoreServerKind,
};
use crate::i18n::{Describe, Text};
use crate::loyalty::appspos::{DEMO_API_KEY, DEMO_BRANCH_CODE, DEMO_SECRET};
use crate::loyalty::capillary::auth::Authorization;
use crate::loyalty::capillary::{DEMO_PASSWORD, DEMO_TILL_CODE};
use crate::loyalty::demo::DEMO_BRANCH_TOKEN;
use crate::srv4pos::address::StoreServer;
use crate::web::storage;

/// Where the tablet remembers the loyalty program chosen last.
const PROVIDER_KEY: &str = "kassa.provider";
/// Where the tablet remembers its store server: the choice, the address and
/// the register name (a till's configuration; never the API key).
const STORE_SERVER_KEY: &str = "kassa.store-server";
const SRV4POS_URL_KEY: &str = "kassa.srv4pos-url";
const REGISTER_NAME_KEY: &str = "kassa.register-name";

/// The store servers a shift can report to, in the order of the picker.
const STORE_SERVERS: [(StoreServerKind, Text); 2] = [
    (StoreServerKind::None, Text::StoreServerNone),
    (StoreServerKind::Srv4pos, Text::StoreServerSrv4pos),
];

/// The programs a shift can be opened on, in the order of the picker.
const PROVIDERS: [(Provider, Text); 4] = [
    (Provider::Aos, Text::ProviderAos),
    (Provider::Capillary, Text::ProviderCapillary),
    (Provider::AppsPos, Text::ProviderAppsPos),
    (Provider::None, Text::ProviderNone),
];

/// The Capillary header the shift keeps instead of the password.
fn capillary_header(till_code: &str, password: &str) -> String {
    Authorization::new(till_code, password)
        .header_value()
        .to_owned()
}

/// The program chosen last on this tablet (AOS the first time).
fn remembered_provider() -> Provider {
    storage::get(PROVIDER_KEY)
        .and_then(|code| Provider::from_code(&code))
        .filter(|provider| PROVIDERS.iter().any(|(p, _)| p == provider))
        .unwrap_or(Provider::Aos)
}

/// The deployment's default server address (`baseUrl` in `config.json`).
fn configured_base_url(config: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Config {
        base_url: String,
    }
    serde_json::from_str::<Config>(config)
        .ok()
        .map(|c| c.base_url)
}

/// What opening a shift leads to: the app sells at once, the front door
/// keeps the shift and hands it to the app.
#[derive(Clone, Copy)]
pub struct OpenShift(StoredValue<Rc<dyn Fn(ShiftOpening, bool)>, LocalStorage>);

impl OpenShift {
    pub fn new(open: impl Fn(ShiftOpening, bool) + 'static) -> OpenShift {
        OpenShift(StoredValue::new_local(Rc::new(open)))
    }

    /// Opens the shift (`demo`: on the demo backend).
    fn open(self, opening: ShiftOpening, demo: bool) {
        // Taken out first: opening the shift may dispose of this very value.
        let open = self.0.get_value();
        open(opening, demo);
    }
}

/// The shift login screen: where a cashier connects the till and opens a shift.
#[component]
pub fn LoginScreen(on_open: OpenShift) -> impl IntoView {
    let locale = Locale::get();
    let provider = RwSignal::new(remembered_provider());
    let base_url = RwSignal::new(String::new());
    let branch_token = RwSignal::new(String::new());
    let till_code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let branch_code = RwSignal::new(String::new());
    let store_server = RwSignal::new(
        storage::get(STORE_SERVER_KEY)
            .and_then(|code| StoreServerKind::from_code(&code))
            .unwrap_or_default(),
    );
    let srv4pos_url = RwSignal::new(storage::get(SRV4POS_URL_KEY).unwrap_or_default());
    let srv4pos_key = RwSignal::new(String::new());
    let register_name = RwSignal::new(storage::get(REGISTER_NAME_KEY).unwrap_or_default());
    let cashier = RwSignal::new(String::new());
    let opening_cash = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    // A quick tap on the demo button can leave this screen before the file
    // arrives, hence `try_`.
    let deployment = Deployment::get();
    spawn_local(async move {
        let config = deployment.config().await;
        if let Some(url) = config.as_deref().and_then(configured_base_url) {
            if base_url
                .try_get_untracked()
                .is_some_and(|typed| typed.is_empty())
            {
                base_url.set(url);
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ShiftLoginForm {
            provider: provider.get(),
            base_url: base_url.get(),
            branch_token: branch_token.get(),
            till_code: till_code.get(),
            password: password.get(),
            api_key: api_key.get(),
            secret: secret.get(),
            branch_code: branch_code.get(),
            store_server: store_server.get(),
            srv4pos_url: srv4pos_url.get(),
            srv4pos_key: srv4pos_key.get(),
            register_name: register_name.get(),
            cashier: cashier.get(),
            opening_cash: opening_cash.get(),
        };
        let opening = form.open(capillary_header).map_err(|e| e.text());
        // The address's form is the store-server adapter's rule.
        let checked = opening.and_then(|opening| match &opening.store_server {
            Some(access) => StoreServer::new(&access.url, &access.register, &access.api_key)
                .map(|_| opening.clone())
                .map_err(|e| e.text()),
            None => Ok(opening),
        });
        match checked {
            Ok(opening) => {
                error.set(None);
                if let Some(access) = &opening.store_server {
                    storage::set(SRV4POS_URL_KEY, &access.url);
                    storage::set(REGISTER_NAME_KEY, &access.register);
                }
                on_open.open(opening, false);
            }
            Err(text) => error.set(Some(text)),
        }
    };

    let on_demo = move |_| {
        let name = cashier.get();
        let opening = ShiftOpening {
            access: match provider.get() {
                Provider::Capillary => LoyaltyAccess::Capillary(CapillaryAccess {
                    base_url: String::new(),
                    authorization: capillary_header(DEMO_TILL_CODE, DEMO_PASSWORD),
                }),
                Provider::AppsPos => LoyaltyAccess::AppsPos(AppsPosAccess {
                    base_url: String::new(),
                    api_key: DEMO_API_KEY.to_owned(),
                    secret: DEMO_SECRET.to_owned(),
                    branch_code: DEMO_BRANCH_CODE.to_owned(),
                }),
                Provider::Aos | Provider::None => LoyaltyAccess::Aos(ServerAccess {
                    base_url: String::new(),
                    branch_token: DEMO_BRANCH_TOKEN.to_owned(),
                }),
            },
            store_server: None,
            cashier: if name.trim().is_empty() {
                locale.t(Text::DemoCashier).to_owned()
            } else {
                name.trim().to_owned()
            },
            opening_cash: parse_money(&opening_cash.get()).unwrap_or(Money::ZERO),
        };
        on_open.open(opening, true);
    };

    view! {
        <section class="login">
            <header class="login-header">
                <h1 class="brand">{move || locale.t(Text::AppName)}</h1>
                <div class="login-tools">
                    <ThemeToggle/>
                    <LangSelect/>
                </div>
            </header>
            <form class="card login-card" on:submit=on_submit novalidate=true>
                <h2>{move || locale.t(Text::LoginTitle)}</h2>
                <p class="muted">{move || locale.t(Text::LoginSubtitle)}</p>
                <ProviderSelect provider=provider/>
                <Show when=move || provider.get() != Provider::None>
                    <Field
                        label=Text::LoginBaseUrl
                        test_id="login-base-url"
                        value=base_url
                        input_type="url"
                        input_mode="url"
                        placeholder="https://"
                    />
                </Show>
                <Show when=move || provider.get() == Provider::Aos>
                    <Field
                        label=Text::LoginBranchToken
                        test_id="login-branch-token"
                        value=branch_token
                        input_type="password"
                    />
                </Show>
                <Show when=move || provider.get() == Provider::Capillary>
                    <Field label=Text::LoginTillCode test_id="login-till-code" value=till_code verbatim=true/>
                    <Field
                        label=Text::LoginPassword
                        test_id="login-password"
                        value=password
                        input_type="password"
                    />
                </Show>
                <Show when=move || provider.get() == Provider::AppsPos>
                    <Field label=Text::LoginApiKey test_id="login-api-key" value=api_key input_type="password" verbatim=true/>
                    <Field label=Text::LoginSecret test_id="login-secret" value=secret input_type="password"/>
                    <Field label=Text::LoginBranchCode test_id="login-branch-code" value=branch_code verbatim=true/>
                </Show>
                <StoreServerSelect store_server=store_server/>
                <Show when=move || store_server.get() == StoreServerKind::Srv4pos>
                    <Field
                        label=Text::LoginSrv4posUrl
                        test_id="login-srv4pos-url"
                        value=srv4pos_url
                        input_type="url"
                        input_mode="url"
                        placeholder="https://s.srv4pos.com/v45/…"
                        verbatim=true
                    />
                    <Field
                        label=Text::LoginSrv4posKey
                        test_id="login-srv4pos-key"
                        value=srv4pos_key
                        input_type="password"
                        verbatim=true
                    />
                    <Field
                        label=Text::LoginRegisterName
                        test_id="login-register-name"
                        value=register_name
                        verbatim=true
                    />
                </Show>
                <Field
                    label=Text::LoginCashier
                    test_id="login-cashier"
                    value=cashier
                    autocomplete="name"
                />
                <Field
                    label=Text::LoginOpeningCash
                    test_id="login-opening-cash"
                    value=opening_cash
                    input_mode="decimal"
                />
                <ErrorLine error=error test_id="login-error"/>
                <button class="primary" type="submit" data-testid="login-submit">
                    {move || locale.t(Text::LoginSubmit)}
                </button>
            </form>
            <div class="card demo-card">
                <button class="secondary" type="button" data-testid="login-demo" on:click=on_demo>
                    {move || locale.t(Text::LoginDemo)}
                </button>
                <p class="muted">{move || locale.t(Text::LoginDemoHint)}</p>
            </div>
        </section>
    }
}

/// `login-provider`: the loyalty program of the shift, remembered on the
/// tablet for the next login.
#[component]
fn ProviderSelect(provider: RwSignal<Provider>) -> impl IntoView {
    let locale = Locale::get();
    let on_change = move |ev| {
        if let Some(chosen) = Provider::from_code(&event_target_value(&ev)) {
            storage::set(PROVIDER_KEY, chosen.code());
            provider.set(chosen);
        }
    };
    view! {
        <label class="field">
            <span class="field-label">{move || locale.t(Text::LoginProvider)}</span>
            <select data-testid="login-provider" on:change=on_change>
                {PROVIDERS
                    .into_iter()
                    .map(|(option, name)| view! {
                        <option value=option.code() selected=move || provider.get() == option>
                            {move || locale.t(name)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// `login-store-server`: the store server the shift reports to, remembered
/// on the tablet for the next login.
#[component]
fn StoreServerSelect(store_server: RwSignal<StoreServerKind>) -> impl IntoView {
    let locale = Locale::get();
    let on_change = move |ev| {
        if let Some(chosen) = StoreServerKind::from_code(&event_target_value(&ev)) {
            storage::set(STORE_SERVER_KEY, chosen.code());
            store_server.set(chosen);
        }
    };
    view! {
        <label class="field">
            <span class="field-label">{move || locale.t(Text::LoginStoreServer)}</span>
            <select data-testid="login-store-server" on:change=on_change>
                {STORE_SERVERS
                    .into_iter()
                    .map(|(option, name)| view! {
                        <option value=option.code() selected=move || store_server.get() == option>
                            {move || locale.t(name)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
