use leptos::html::Div;
use leptos::prelude::*;

use super::dom_id;
use super::locale::Locale;
use crate::i18n::Text;
use crate::web::focus;

/// A dialog over the screen. It takes the focus when it opens (its
/// `autofocus` control, else the dialog itself), keeps Tab inside, closes on
/// Escape as on its close button, and gives the focus back when it closes.
/// `described_by` names the element a screen reader reads with the title.
#[component]
pub fn Modal(
    title: Text,
    on_close: Callback<()>,
    children: Children,
    #[prop(optional)] described_by: Option<&'static str>,
) -> impl IntoView {
    let locale = Locale::get();
    let title_id = dom_id::unique("modal-title");
    let labelled_by = title_id.clone();
    let dialog = NodeRef::<Div>::new();
    // Read before the dialog is on the page: the control that opened it.
    let opener = StoredValue::new_local(focus::focused());
    dialog.on_load(|dialog| focus::enter(&dialog));

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(dialog) = dialog.try_get_untracked().flatten() else {
            return;
        };
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                on_close.run(());
            }
            "Tab" if focus::keep_tab_inside(&dialog, ev.shift_key()) => ev.prevent_default(),
            _ => {}
        }
    });
    on_cleanup(move || {
        keys.remove();
        if let (Some(Some(opener)), Some(Some(dialog))) =
            (opener.try_get_value(), dialog.try_get_untracked())
        {
            focus::give_back(&opener, &dialog);
        }
    });

    view! {
        <div class="modal-backdrop">
            <div
                node_ref=dialog
                class="modal card"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                tabindex="-1"
            >
                <header class="modal-header">
                    <h2 id=title_id>{move || locale.t(title)}</h2>
                    <button
                        type="button"
                        class="ghost"
                        aria-label=move || locale.t(Text::Close)
                        on:click=move |_| on_close.run(())
                    >
                        "×"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}
