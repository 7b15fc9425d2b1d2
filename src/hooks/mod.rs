//! Reusable hooks (as in Yew's `examples/function_todomvc`), one job each.

mod deferred;
mod element_width;
mod leave_warning;
mod scroll_cues;
mod storage_changes;
mod window_event;

pub use deferred::{ByRc, use_deferred};
pub use element_width::use_element_width;
pub use leave_warning::use_leave_warning;
pub use scroll_cues::{ScrollCues, use_scroll_cues};
pub use storage_changes::use_storage_changes;
pub use window_event::use_window_event;
