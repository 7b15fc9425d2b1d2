//! Share links: the whole scenario in the URL fragment (`#s=1.…`, see
//! `egress_core::link`). Opening a link replaces the scenario being edited only when the
//! link is good; a bad link gets a banner and changes nothing.

use egress_core::link::{self, LinkError};
use yew::prelude::*;

use crate::state::{Action, AppContext, Notice};

/// The page's address without its fragment.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The action a fragment calls for: none without a scenario fragment.
pub fn action_for_fragment(fragment: &str) -> Option<Action> {
    let body = fragment.trim_start_matches('#');
    if !body.starts_with(&format!("{}=", link::FRAGMENT_KEY)) {
        return None;
    }
    Some(match link::decode(fragment) {
        Ok(valid) => Action::ReplaceScenario {
            scenario: Box::new(valid.into_inner()),
            notice: Some(Notice::info(
                "Opened the scenario from the shared link. Run it to get the same figures as the sender.",
            )),
        },
        Err(error) => Action::ShowNotice(Notice::error(format!(
            "This link could not be opened: {}. Nothing was changed.",
            error.to_string().trim_end_matches('.')
        ))),
    })
}

/// Opens the scenario of the page's link at start-up and whenever the fragment changes.
#[hook]
pub fn use_shared_links(state: AppContext) {
    use_effect_with((), move |_| {
        if let Some(action) = action_for_fragment(&current_fragment()) {
            state.dispatch(action);
        }
        let listener = web_sys::window().map(|window| {
            let state = state.clone();
            gloo_events_listener(&window, move || {
                if let Some(action) = action_for_fragment(&current_fragment()) {
                    state.dispatch(action);
                }
            })
        });
        move || drop(listener)
    });
}

/// Keeps a `hashchange` listener alive until dropped.
struct HashListener {
    window: web_sys::Window,
    callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

fn gloo_events_listener(window: &web_sys::Window, f: impl FnMut() + 'static) -> HashListener {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let _ =
        window.add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref());
    HashListener {
        window: window.clone(),
        callback,
    }
}

/// The link of the scenario being edited, or why there is none.
pub fn link_of(state: &AppContext) -> Result<String, LinkError> {
    link::share_url(&base_url(), &state.scenario)
}

/// Puts text on the clipboard (the browser may refuse; the link is shown anyway).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
