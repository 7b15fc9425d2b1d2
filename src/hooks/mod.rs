//! Reusable hooks, one job each.

mod leave_warning;
mod window_event;

pub use leave_warning::use_leave_warning;
pub use window_event::use_window_event;
