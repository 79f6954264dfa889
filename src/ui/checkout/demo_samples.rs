use leptos::prelude::*;

use crate::i18n::Text;
use crate::ui::locale::Locale;

/// The demo's samples (members, coupons), one tap from the field.
#[component]
pub fn SampleList(
    label: Text,
    samples: RwSignal<Vec<(String, String)>>,
    typed: RwSignal<String>,
) -> impl IntoView {
    let locale = Locale::get();
    move || {
        samples.with(|s| !s.is_empty()).then(|| {
            view! {
                <details class="samples">
                    <summary>{move || locale.t(label)}</summary>
                    <ul>
                        {samples
                            .get()
                            .into_iter()
                            .map(|(value, name)| {
                                let shown = value.clone();
                                view! {
                                    <li>
                                        <button type="button" class="ghost sample"
                                            on:click=move |_| typed.set(value.clone())>
                                            <span>{name}</span>
                                            <code>{shown}</code>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
