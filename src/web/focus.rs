//! The keyboard focus: where it is, and moving it. Dialogs take it when they
//! open, keep Tab inside, and give it back when they close.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

/// What Tab can stop on; disabled and hidden ones are left out below.
const TABBABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type='hidden']), \
     select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/// The element that has the focus, if any (the page body counts as none).
pub fn focused() -> Option<HtmlElement> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .filter(|element| !element.tag_name().eq_ignore_ascii_case("body"))
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
}

/// The text input that has the focus, if the focus is in one.
pub fn focused_input() -> Option<HtmlInputElement> {
    focused().and_then(|element| element.dyn_into().ok())
}

/// Puts `value` into `input` as if typed, so its bindings see the change.
pub fn retype(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    if let Ok(event) = Event::new("input") {
        let _ = input.dispatch_event(&event);
    }
}

/// True when the focus is in a place that takes typing (input, textarea,
/// select, contenteditable).
pub fn in_text_field() -> bool {
    focused().is_some_and(|element| {
        matches!(
            element.tag_name().to_ascii_lowercase().as_str(),
            "input" | "textarea" | "select"
        ) || element.is_content_editable()
    })
}

/// Focuses the container's `autofocus` control if it has one, else the
/// container itself (which then needs `tabindex="-1"`).
pub fn enter(container: &HtmlElement) {
    let marked = tabbable_within(container)
        .into_iter()
        .find(|element| element.has_attribute("autofocus"));
    let _ = marked.as_ref().unwrap_or(container).focus();
}

/// Handles a Tab press so that the focus cycles through the container's
/// controls and never leaves it. True when it moved the focus itself (the
/// browser's own move must then be prevented).
pub fn keep_tab_inside(container: &HtmlElement, backwards: bool) -> bool {
    let stops = tabbable_within(container);
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        let _ = container.focus();
        return true;
    };
    let current = focused();
    let outside = current
        .as_ref()
        .is_none_or(|element| element == container || !container.contains(Some(element)));
    let target = match (outside, backwards) {
        (true, true) => last,
        (true, false) => first,
        (false, true) if current.as_ref() == Some(first) => last,
        (false, false) if current.as_ref() == Some(last) => first,
        _ => return false,
    };
    let _ = target.focus();
    true
}

/// Gives the focus back to the element that had it before the container
/// took it, unless something else has taken it meanwhile or that element has
/// left the page.
pub fn give_back(previous: &HtmlElement, container: &Element) {
    let still_ours = focused().is_none_or(|element| container.contains(Some(&element)));
    if still_ours && previous.is_connected() {
        let _ = previous.focus();
    }
}

/// The container's Tab stops in document order, skipping hidden ones.
fn tabbable_within(container: &Element) -> Vec<HtmlElement> {
    let Ok(found) = container.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|index| found.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        // Not rendered (display: none, a closed <details>): no layout parent.
        .filter(|element| element.offset_parent().is_some())
        .collect()
}
