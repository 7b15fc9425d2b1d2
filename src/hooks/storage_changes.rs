//! Hearing about another tab's changes to local storage.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_window_event;

/// Calls `on_change` when another tab of this site changes `key` in local storage (or
/// clears the storage). The browser tells every other tab, never the one that wrote.
#[hook]
pub fn use_storage_changes(key: &'static str, on_change: Callback<()>) {
    use_window_event(
        "storage",
        Callback::from(move |event: web_sys::Event| {
            let concerns_key = event
                .dyn_ref::<web_sys::StorageEvent>()
                .is_none_or(|e| e.key().is_none_or(|k| k == key));
            if concerns_key {
                on_change.emit(());
            }
        }),
    );
}
