//! Links at the very top of the page, shown when focused, that take a keyboard user
//! straight to the results or to the run settings instead of tabbing through every
//! field of the editor.

use wasm_bindgen::JsCast;
use yew::prelude::*;

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Moves focus to `id` (and opens the section first when `id` is a closed section's
/// toggle). The address is left alone: it may hold a shared scenario.
fn go_to(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let Some(target) = element(id) else {
            return;
        };
        if target.get_attribute("aria-expanded").as_deref() == Some("false") {
            target.click();
        }
        let _ = target.focus();
        target.scroll_into_view();
    })
}

#[function_component]
pub fn SkipLinks() -> Html {
    html! {
        <nav class="skip-links" aria-label="Skip links">
            <a class="skip-link" id="skip-to-results" href="#results-title" onclick={go_to("results-title")}>
                { "Skip to results" }
            </a>
            <a class="skip-link" id="skip-to-run-settings" href="#editor-section-run-toggle"
               onclick={go_to("editor-section-run-toggle")}>
                { "Skip to run settings" }
            </a>
        </nav>
    }
}
