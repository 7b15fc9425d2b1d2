//! The browser's "Leave site? Changes you made may not be saved." prompt.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_window_event;

/// While `unsaved` is true, reloading, closing or leaving the page asks the planner to
/// confirm first: the browser shows its own prompt (pages cannot word it).
#[hook]
pub fn use_leave_warning(unsaved: bool) {
    use_window_event(
        "beforeunload",
        Callback::from(move |event: web_sys::Event| {
            if unsaved {
                event.prevent_default();
                // Older browsers need a return value to show the prompt.
                if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    event.set_return_value("unsaved");
                }
            }
        }),
    );
}
