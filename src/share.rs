//! Share links: the whole scenario in the URL fragment (`#s=1.…`, see
//! `egress_core::link`). Opening a link replaces the scenario being edited only when the
//! link is good; a bad link gets a banner and changes nothing.

use egress_core::link::{self, LinkError};
use egress_core::scenario::Scenario;
use yew::prelude::*;

use crate::editor::format::plain_problem;
use crate::state::{Action, AppContext, Notice};

/// The page's address without its query and fragment: a shared link carries the
/// scenario, not the sender's page options (`?workers=2` is about the sender's machine).
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
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
            link_error_text(&error).trim_end_matches('.')
        ))),
    })
}

/// What the address bar's link opened, and whether the planner has seen it on screen.
#[derive(Default)]
struct Opened {
    scenario: Option<Scenario>,
    shown: bool,
}

/// Why a link did not open, in the editor's words where the core names a field.
fn link_error_text(error: &LinkError) -> String {
    match error {
        LinkError::NotAScenario { path, message } => format!(
            "This link does not hold a readable scenario: {}",
            plain_problem(None, path, message)
        ),
        LinkError::Invalid(problems) => format!(
            "This link holds a scenario with {} problem{}: {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems
                .iter()
                .take(5)
                .map(|p| plain_problem(None, &p.path, &p.message))
                .collect::<Vec<_>>()
                .join("; ")
                + if problems.len() > 5 { " …" } else { "" }
        ),
        other => other.to_string(),
    }
}

/// Opens the scenario of the page's link at start-up and whenever the fragment changes.
/// Once the planner edits or replaces that scenario, the fragment is taken out of the
/// address bar: an address copied from there, or a reload, must not bring back a
/// scenario that is no longer the one on screen.
#[hook]
pub fn use_shared_links(state: AppContext) {
    let opened = use_mut_ref(Opened::default);
    {
        let state = state.clone();
        let opened = opened.clone();
        use_effect_with((), move |_| {
            let open = move |state: &AppContext| {
                let action = action_for_fragment(&current_fragment());
                if let Some(Action::ReplaceScenario { scenario, .. }) = &action {
                    *opened.borrow_mut() = Opened {
                        scenario: Some((**scenario).clone()),
                        shown: false,
                    };
                }
                if let Some(action) = action {
                    state.dispatch(action);
                }
            };
            open(&state);
            let listener = web_sys::window().map(|window| {
                let state = state.clone();
                gloo_events_listener(&window, move || open(&state))
            });
            move || drop(listener)
        });
    }
    use_effect(move || {
        let mut opened = opened.borrow_mut();
        let Some(scenario) = &opened.scenario else {
            return;
        };
        if *scenario == state.scenario {
            opened.shown = true;
        } else if opened.shown {
            *opened = Opened::default();
            drop_fragment();
        }
    });
}

/// Replaces the address with itself minus the fragment (no navigation, no history entry).
fn drop_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
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
