//! Reusable hooks (as in Yew's `examples/function_todomvc`): each module one hook.

mod deferred;
mod element_width;

pub use deferred::{ByRc, use_deferred};
pub use element_width::use_element_width;
