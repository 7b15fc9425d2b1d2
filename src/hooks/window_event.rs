//! Listening to an event of the window for as long as a component is on screen.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Keeps a window listener registered until dropped.
struct WindowListener {
    window: web_sys::Window,
    event: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl WindowListener {
    fn new(event: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        window
            .add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(WindowListener {
            window,
            event,
            callback,
        })
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

/// Calls `on_event` for each `event` on the window while the component is mounted.
/// The listener is registered once; it calls the callback of the latest render, so the
/// callback may read the component's current state.
#[hook]
pub fn use_window_event(event: &'static str, on_event: Callback<web_sys::Event>) {
    let latest: Rc<RefCell<Callback<web_sys::Event>>> = use_mut_ref(|| on_event.clone());
    *latest.borrow_mut() = on_event;
    use_effect_with(event, move |event| {
        let listener = WindowListener::new(event, move |e| {
            let callback = latest.borrow().clone();
            callback.emit(e);
        });
        move || drop(listener)
    });
}
