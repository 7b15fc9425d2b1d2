//! A value adopted a little later than it changes, so that a part of a page redraws in
//! a task of its own (and a burst of changes redraws it once).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::run::now_ms;

/// `value` as of a little later: adopted `delay_ms` after it last changed, and not
/// sooner than `min_interval_ms` after the previous adoption. `None` until the first.
#[hook]
pub fn use_deferred<T>(value: T, delay_ms: u32, min_interval_ms: f64) -> Option<T>
where
    T: Clone + PartialEq + 'static,
{
    let shown = use_state(|| None::<T>);
    let adopted_at = use_mut_ref(|| f64::NEG_INFINITY);
    {
        let shown = shown.clone();
        use_effect_with(value, move |value| {
            let value = value.clone();
            let wait = {
                let since = now_ms() - *adopted_at.borrow();
                f64::from(delay_ms).max(min_interval_ms - since)
            };
            let adopt = Closure::once(move || {
                *adopted_at.borrow_mut() = now_ms();
                shown.set(Some(value));
            });
            let window = web_sys::window();
            let handle = window.as_ref().and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    adopt.as_ref().unchecked_ref(),
                    wait.clamp(0.0, 60_000.0) as i32,
                )
                .ok()
            });
            move || {
                // A newer value replaces this one before it is drawn.
                if let (Some(window), Some(handle)) = (window, handle) {
                    window.clear_timeout_with_handle(handle);
                }
                drop(adopt);
            }
        });
    }
    (*shown).clone()
}

/// An `Rc` compared by identity, for `use_deferred`.
pub struct ByRc<T>(pub Rc<T>);

impl<T> Clone for ByRc<T> {
    fn clone(&self) -> Self {
        ByRc(self.0.clone())
    }
}

impl<T> PartialEq for ByRc<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
