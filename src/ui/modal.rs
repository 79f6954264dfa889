use std::cell::RefCell;

use leptos::html::Div;
use leptos::prelude::*;

use super::dom_id;
use super::locale::Locale;
use crate::i18n::Text;
use crate::scan::wedge::{Verdict, WedgeKey, WedgeWatch};
use crate::web::focus;
use web_sys::KeyboardEvent;

/// A dialog over the screen. It takes the focus when it opens (its
/// `autofocus` control, else the dialog itself), keeps Tab inside, closes on
/// Escape as on its close button, and gives the focus back when it closes.
/// `described_by` names the element a screen reader reads with the title.
///
/// A barcode scanned while one of its fields has the focus is undone, and
/// its Enter does not submit the form: only code fields (`Field`'s
/// `verbatim`) take scanner input.
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

    let scan_caught = RwSignal::new(false);
    let scans = RefCell::new(ScanGuard::default());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(dialog) = dialog.try_get_untracked().flatten() else {
            return;
        };
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        if scans.borrow_mut().caught(&ev) {
            ev.prevent_default();
            scan_caught.set(true);
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
                <Show when=move || scan_caught.get()>
                    <p class="notice" role="status" data-testid="modal-scan-caught">
                        {move || locale.t(Text::ScanCaughtInForm)}
                    </p>
                </Show>
                {children()}
            </div>
        </div>
    }
}

/// Watches the keys typed into the dialog's fields for a scanner's burst.
#[derive(Default)]
struct ScanGuard {
    watch: WedgeWatch,
    /// The field's text before the key that may have started a burst.
    before_burst: String,
}

impl ScanGuard {
    /// True when `ev` is the Enter of a scan into a field that takes no
    /// codes; the field then holds its text from before the scan again.
    fn caught(&mut self, ev: &KeyboardEvent) -> bool {
        let Some(input) = focus::focused_input().filter(|i| !i.has_attribute("data-wedge")) else {
            self.watch = WedgeWatch::default();
            return false;
        };
        let with_modifier = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        let key = WedgeKey::from_key(&ev.key(), with_modifier);
        // Milliseconds since the page loaded: whole ones are precise enough.
        let at_ms = ev.time_stamp().max(0.0) as u64;
        match self.watch.key(key, at_ms) {
            Verdict::Typing { burst_starts } => {
                if burst_starts {
                    self.before_burst = input.value();
                }
                false
            }
            Verdict::Scan { .. } => {
                focus::retype(&input, &self.before_burst);
                true
            }
        }
    }
}
