//! Whether a scrolling box hides content to its left or right, kept up to date as it
//! scrolls, as the window resizes and as its content changes: a table cut off at the
//! edge with no cue reads as the whole table.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Columns hidden on either side of a scrolling box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollCues {
    pub more_left: bool,
    pub more_right: bool,
}

fn measure(node: &NodeRef) -> ScrollCues {
    let Some(el) = node.cast::<web_sys::Element>() else {
        return ScrollCues::default();
    };
    let (left, width, full) = (el.scroll_left(), el.client_width(), el.scroll_width());
    ScrollCues {
        more_left: left > 1,
        more_right: left + width < full - 1,
    }
}

/// The cues of the box `node` points at.
#[hook]
pub fn use_scroll_cues(node: NodeRef) -> ScrollCues {
    let cues = use_state_eq(ScrollCues::default);
    {
        // Content may have changed with this render (results arriving, a sort).
        let cues = cues.clone();
        let node = node.clone();
        use_effect(move || cues.set(measure(&node)));
    }
    {
        let cues = cues.clone();
        use_effect_with(node, move |node| {
            let element = node.cast::<web_sys::Element>();
            let window = web_sys::window();
            let update = {
                let node = node.clone();
                Closure::<dyn FnMut()>::new(move || cues.set(measure(&node)))
            };
            let callback = update.as_ref().unchecked_ref::<js_sys::Function>().clone();
            if let Some(el) = &element {
                let _ = el.add_event_listener_with_callback("scroll", &callback);
            }
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("resize", &callback);
            }
            move || {
                if let Some(el) = &element {
                    let _ = el.remove_event_listener_with_callback("scroll", &callback);
                }
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("resize", &callback);
                }
                drop(update);
            }
        });
    }
    *cues
}
