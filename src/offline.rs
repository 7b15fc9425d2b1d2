//! Offline use (issue 15): what the page says about the service worker that
//! `assets/offline.js` registers — "Ready to work offline" once the bundle is precached,
//! and "A new version is ready — Switch now" when a new build waits. The planner chooses
//! when to switch, and not while a run is going: the switch reloads the page.

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::hooks::use_window_event;

/// The state `assets/offline.js` keeps on `globalThis.__egressOffline`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Offline {
    /// The bundle is precached: the app opens and runs with no network.
    ready: bool,
    /// A new version is installed and waits for the planner.
    waiting: bool,
}

const STATE: &str = "__egressOffline";

fn registry() -> Option<JsValue> {
    let value = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(STATE)).ok()?;
    (value.is_object()).then_some(value)
}

fn flag(object: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn read() -> Offline {
    registry().map_or_else(Offline::default, |r| Offline {
        ready: flag(&r, "ready"),
        waiting: flag(&r, "waiting"),
    })
}

/// Lets the waiting version take over; offline.js reloads the page when it has.
fn switch_now() {
    let Some(r) = registry() else { return };
    if let Some(switch) = js_sys::Reflect::get(&r, &JsValue::from_str("switchNow"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        // Nothing to report if it throws: the notice stays and can be clicked again.
        let _ = switch.call0(&r);
    }
}

#[derive(Properties, PartialEq)]
pub struct OfflineStatusProps {
    /// A run is going: switching now would end it.
    pub running: bool,
}

#[function_component]
pub fn OfflineStatus(props: &OfflineStatusProps) -> Html {
    let offline = use_state(read);
    {
        let offline = offline.clone();
        use_window_event(
            "egress-offline",
            Callback::from(move |_: web_sys::Event| offline.set(read())),
        );
    }
    // The event may have come before this component listened.
    {
        let offline = offline.clone();
        use_effect_with((), move |_| offline.set(read()));
    }
    let on_switch = Callback::from(|_: MouseEvent| switch_now());
    if offline.waiting {
        html! {
            <div id="update-notice" class="offline offline--update" role="status">
                <span>{ "A new version is ready — " }</span>
                <button id="update-switch" type="button" class="button" onclick={on_switch}
                        disabled={props.running}
                        aria-describedby={props.running.then_some("update-deferred")}>
                    { "Switch now" }
                </button>
                if props.running {
                    <span id="update-deferred">{ " (after the run: switching reloads the page)" }</span>
                }
            </div>
        }
    } else if offline.ready {
        html! {
            <p id="offline-status" class="offline" role="status">{ "Ready to work offline" }</p>
        }
    } else {
        Html::default()
    }
}
