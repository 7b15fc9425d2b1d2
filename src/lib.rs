//! Egress — outbound inspection planner: the browser application.
//!
//! The crate is a library plus two binaries that Trunk builds from it:
//!
//! * `egress-app` (`src/main.rs`): the page; it mounts [`app::App`].
//! * `simulation_worker` (`src/bin/simulation_worker.rs`): the Web Worker that runs
//!   simulations off the main thread; it registers [`worker::SimulationWorker`].
//!
//! Components live in [`components`] and are pure (props in, HTML out), so they can be
//! rendered by the wasm-bindgen browser tests in `tests/`. Side effects (spawning the
//! worker, talking to it) live in [`app`].

pub mod analyses;
pub mod app;
pub mod assurance;
pub mod briefing;
pub mod components;
pub mod editor;
pub mod files;
pub mod hooks;
pub mod library;
pub mod offline;
pub mod programme;
pub mod results;
pub mod run;
pub mod share;
pub mod skip_links;
pub mod state;
pub mod toolbar;
pub mod worker;

/// The application's name and purpose, used as the page title and the visible header.
pub const APP_TITLE: &str = "Egress — outbound inspection planner";
