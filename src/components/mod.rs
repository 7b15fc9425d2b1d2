//! Presentational components: props in, HTML out, no side effects. They are rendered
//! directly by the browser tests in `tests/components.rs`.

mod header;
mod panel;
mod shell;
mod worker_status;

pub use header::{AppHeader, AppHeaderProps, BrandMark};
pub use panel::{Panel, PanelProps};
pub use shell::{Shell, ShellProps};
pub use worker_status::{WorkerStatus, WorkerStatusBadge, WorkerStatusBadgeProps};
