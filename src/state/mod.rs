//! The application state: one reducer, shared through a context (see `AppContext`).
//!
//! Data flows one way: the editor dispatches [`Action::Edit`]s on the scenario, which is
//! re-validated by the core on every change; a run snapshots the scenario, and the
//! worker pool reports its progress and summaries to the run's own reducer
//! ([`run::RunState`]), so the editor never redraws for a record. Results whose scenario
//! differs from the one being edited are stale.

pub mod run;

pub use run::{Run, RunAction, RunContext, RunState};

use std::fmt;
use std::rc::Rc;

use egress_core::scenario::{Problem, Scenario, presets, validate};
use yew::prelude::*;

/// The preset a first visit opens.
pub const DEFAULT_PRESET: &str = "san-ysidro";

/// A change to the scenario, as a function so editors stay generic. The label names the
/// change for debugging.
#[derive(Clone)]
pub struct Edit {
    pub label: &'static str,
    pub apply: Rc<dyn Fn(&mut Scenario)>,
}

impl Edit {
    pub fn new(label: &'static str, apply: impl Fn(&mut Scenario) + 'static) -> Self {
        Edit {
            label,
            apply: Rc::new(apply),
        }
    }
}

impl fmt::Debug for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Edit({})", self.label)
    }
}

/// A message shown in a banner above the app.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// A way out the banner offers as a button, next to the message.
    pub offer: Option<NoticeOffer>,
}

/// What a notice can offer to do about its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeOffer {
    /// Save the scenario as a JSON file (when it is too big for a link).
    DownloadScenario,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Self {
        Notice {
            kind,
            text: text.into(),
            offer: None,
        }
    }

    pub fn info(text: impl Into<String>) -> Self {
        Notice::new(NoticeKind::Info, text)
    }

    pub fn warning(text: impl Into<String>) -> Self {
        Notice::new(NoticeKind::Warning, text)
    }

    pub fn error(text: impl Into<String>) -> Self {
        Notice::new(NoticeKind::Error, text)
    }

    pub fn offering(self, offer: NoticeOffer) -> Self {
        Notice {
            offer: Some(offer),
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// What fills the page under the toolbar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The editor and the results, side by side.
    #[default]
    Planner,
    /// The print-ready briefing of the run on screen.
    Briefing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub scenario: Scenario,
    /// Problems the core found in `scenario` (empty when it is valid).
    pub problems: Vec<Problem>,
    /// The preset the scenario started from, if any.
    pub preset: Option<String>,
    pub notice: Option<Notice>,
    /// The planner or the briefing.
    pub view: View,
}

impl Default for AppState {
    fn default() -> Self {
        // The default preset always exists; any built-in one is a safe second choice.
        let scenario = presets::preset(DEFAULT_PRESET)
            .or_else(|| presets::PRESETS.iter().find_map(|p| presets::preset(p.id)));
        match scenario {
            Some(scenario) => AppState::with_scenario(scenario, Some(DEFAULT_PRESET.to_string())),
            None => AppState {
                scenario: presets::preset("jackman").unwrap_or_else(blank_scenario),
                problems: Vec::new(),
                preset: None,
                notice: None,
                view: View::Planner,
            },
        }
    }
}

/// A scenario with no crossings and no strategies (invalid, but never a panic).
fn blank_scenario() -> Scenario {
    Scenario {
        version: egress_core::scenario::SCENARIO_VERSION,
        name: "New scenario".to_string(),
        description: String::new(),
        question: String::new(),
        horizon_days: 365,
        replications: 30,
        seed: 1,
        crossings: Vec::new(),
        traffic: presets::default_traffic(),
        threat: presets::default_threat(),
        adversary: presets::default_adversary(),
        inspection: presets::default_inspection(),
        costs: presets::default_costs(),
        strategies: Vec::new(),
    }
}

impl AppState {
    pub fn with_scenario(scenario: Scenario, preset: Option<String>) -> Self {
        let problems = problems_of(&scenario);
        AppState {
            scenario,
            problems,
            preset,
            notice: None,
            view: View::Planner,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problem reported for exactly this field path.
    pub fn problem_at(&self, path: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.path == path)
    }

    /// Problems at or under a path (a section, a strategy).
    pub fn problems_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| {
            p.path == prefix
                || p.path.starts_with(prefix)
                    && matches!(p.path.as_bytes().get(prefix.len()), Some(b'.') | Some(b'['))
        })
    }

    /// Why Run is disabled, if it is (`running`: a run is in progress).
    pub fn run_blocked_reason(&self, running: bool) -> Option<String> {
        if running {
            return Some("A run is in progress.".to_string());
        }
        match self.problems.len() {
            0 => None,
            1 => Some(format!("Fix 1 problem first: {}", self.problems[0])),
            n => Some(format!(
                "Fix {n} problems first (the first: {}).",
                self.problems[0]
            )),
        }
    }
}

fn problems_of(scenario: &Scenario) -> Vec<Problem> {
    match validate(scenario.clone()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

#[derive(Debug)]
pub enum Action {
    LoadPreset(String),
    /// Replace the scenario (from a file, a link, the library).
    ReplaceScenario {
        scenario: Box<Scenario>,
        notice: Option<Notice>,
    },
    Edit(Edit),
    ShowNotice(Notice),
    DismissNotice,
    /// Switch between the planner and the briefing.
    ShowView(View),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::LoadPreset(id) => match presets::preset(&id) {
                // A finished run stays visible (its own state, marked stale) until the next.
                Some(scenario) => next = AppState::with_scenario(scenario, Some(id)),
                None => {
                    next.notice = Some(Notice::error(format!(
                        "There is no preset called \"{id}\"."
                    )))
                }
            },
            Action::ReplaceScenario { scenario, notice } => {
                next.problems = problems_of(&scenario);
                next.scenario = *scenario;
                next.preset = None;
                next.notice = notice;
            }
            Action::Edit(edit) => {
                (edit.apply)(&mut next.scenario);
                next.problems = problems_of(&next.scenario);
            }
            Action::ShowNotice(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
            Action::ShowView(view) => next.view = view,
        }
        Rc::new(next)
    }
}

/// The shared state handle every component reads and dispatches to.
pub type AppContext = UseReducerHandle<AppState>;
