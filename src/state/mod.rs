//! The application state: one reducer, shared through a context (see `AppContext`).
//!
//! Data flows one way: the editor dispatches [`Action::Edit`]s on the scenario, which is
//! re-validated by the core on every change; a run snapshots the scenario, and the
//! worker pool reports its progress and summaries to the run's own reducer
//! ([`run::RunState`]), so the editor never redraws for a record. Results whose scenario
//! differs from the one being edited are stale.

pub mod analysis;
pub mod run;

pub use analysis::{
    AnalysesContext, AnalysesState, Analysis, AnalysisAction, AnalysisKind, AnalysisOutcome,
    AnalysisStatus, StageProgress,
};
pub use run::{Run, RunAction, RunContext, RunState};

use std::fmt;
use std::rc::Rc;

use std::collections::BTreeMap;

use egress_core::decide::programme::{ProgrammeResult, with_programme_strategy};
use egress_core::scenario::{Problem, Ranges, Scenario, presets, validate};
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
    /// Bring back the scenario that was just replaced ([`Action::UndoReplace`]).
    UndoReplace,
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
    /// The range the core holds each number field of `scenario` to, by path, in the
    /// scenario's units: the editor says it in the field's hint and message.
    pub ranges: Rc<BTreeMap<String, (f64, f64)>>,
    /// Fields whose text does not parse: the scenario still holds the last good value,
    /// which is not what the planner sees, so these block running and sharing too.
    pub unparsed: Vec<Problem>,
    /// The preset the scenario started from, if any.
    pub preset: Option<String>,
    pub notice: Option<Notice>,
    /// The planner or the briefing.
    pub view: View,
    /// The scenario as last opened or saved: edits since then are unsaved, and leaving
    /// the page or replacing the scenario would lose them.
    pub kept: Rc<Scenario>,
    /// The last scenario replaced while it had unsaved edits, for an undo.
    pub replaced: Option<Rc<Replaced>>,
}

/// A scenario put aside by a replacement, with what the undo needs to bring it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub scenario: Scenario,
    pub preset: Option<String>,
    pub kept: Rc<Scenario>,
}

impl Default for AppState {
    fn default() -> Self {
        // The default preset always exists; any built-in one is a safe second choice.
        let scenario = presets::preset(DEFAULT_PRESET)
            .or_else(|| presets::PRESETS.iter().find_map(|p| presets::preset(p.id)));
        match scenario {
            Some(scenario) => AppState::with_scenario(scenario, Some(DEFAULT_PRESET.to_string())),
            None => AppState::with_scenario(
                presets::preset("jackman").unwrap_or_else(blank_scenario),
                None,
            ),
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
        programme: None,
        record: None,
        assurance: None,
    }
}

impl AppState {
    pub fn with_scenario(scenario: Scenario, preset: Option<String>) -> Self {
        let problems = problems_of(&scenario);
        AppState {
            kept: Rc::new(scenario.clone()),
            ranges: Rc::new(Ranges::of(&scenario)),
            scenario,
            problems,
            unparsed: Vec::new(),
            preset,
            notice: None,
            view: View::Planner,
            replaced: None,
        }
    }

    /// The scenario differs from the one last opened or saved.
    pub fn has_unsaved_edits(&self) -> bool {
        *self.kept != self.scenario
    }

    /// Puts `scenario` on screen in place of the current one. Unsaved edits are set
    /// aside for an undo, and the notice says so and offers it.
    fn replace_with(&mut self, scenario: Scenario, preset: Option<String>, notice: Option<Notice>) {
        let had_edits = self.has_unsaved_edits();
        let old_name = self.scenario.name.clone();
        let old = Replaced {
            scenario: std::mem::replace(&mut self.scenario, scenario),
            preset: std::mem::replace(&mut self.preset, preset),
            kept: self.kept.clone(),
        };
        self.kept = Rc::new(self.scenario.clone());
        self.problems = problems_of(&self.scenario);
        self.ranges = Rc::new(Ranges::of(&self.scenario));
        self.notice = notice;
        if had_edits {
            self.replaced = Some(Rc::new(old));
            let text = format!(
                "Your unsaved edits to \u{201c}{old_name}\u{201d} were replaced; Undo brings them back."
            );
            let notice = match self.notice.take() {
                Some(n) => Notice {
                    text: format!("{} {text}", n.text),
                    ..n
                },
                None => Notice::info(text),
            };
            self.notice = Some(notice.offering(NoticeOffer::UndoReplace));
        }
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty() && self.unparsed.is_empty()
    }

    /// Every problem: the fields that do not parse, then the core's.
    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.unparsed.iter().chain(&self.problems)
    }

    pub fn problem_count(&self) -> usize {
        self.unparsed.len() + self.problems.len()
    }

    /// The problem reported for exactly this field path.
    pub fn problem_at(&self, path: &str) -> Option<&Problem> {
        self.all_problems().find(|p| p.path == path)
    }

    /// Problems at or under a path (a section, a strategy).
    pub fn problems_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.all_problems().filter(move |p| {
            p.path == prefix
                || p.path.starts_with(prefix)
                    && matches!(p.path.as_bytes().get(prefix.len()), Some(b'.') | Some(b'['))
        })
    }

    /// Why Run is disabled, if it is (`running`: a run is in progress).
    pub fn run_blocked_reason(&self, running: bool) -> Option<String> {
        if running {
            return Some("A run or an analysis is in progress.".to_string());
        }
        self.problems_reason()
    }

    /// Why the scenario cannot be kept (downloaded, saved in the library) as it is on
    /// screen, if it cannot: a field whose text does not parse would be kept at its
    /// last good value, which the planner no longer sees. Problems the core finds do
    /// not block keeping: unfinished work may be saved and fixed later.
    pub fn keep_blocked_reason(&self) -> Option<String> {
        let first = self.unparsed.first()?;
        let first = format!(
            "{}: {}",
            crate::editor::format::describe_path(&self.scenario, &first.path),
            first.message
        );
        Some(match self.unparsed.len() {
            1 => format!("Fix the field first: {first}."),
            n => format!("Fix {n} fields first (the first: {first})."),
        })
    }

    /// Why the scenario cannot be run or shared as it is on screen, if it cannot.
    pub fn problems_reason(&self) -> Option<String> {
        let first = self.all_problems().next()?;
        let first = format!(
            "{}: {}",
            crate::editor::format::describe_path(&self.scenario, &first.path),
            first.message
        );
        Some(match self.problem_count() {
            1 => format!("Fix 1 problem first: {first}."),
            n => format!("Fix {n} problems first (the first: {first})."),
        })
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
    /// Bring back the scenario the last replacement set aside.
    UndoReplace,
    /// The scenario on screen is now kept (saved in the library or as a file).
    MarkKept,
    Edit(Edit),
    /// An edit the planner may want to take back as a whole (re-basing on a record):
    /// applied like any edit (still unsaved), with a notice that offers its undo.
    UndoableEdit {
        edit: Edit,
        notice: String,
    },
    /// The text of the field at `path` does not parse (`Some(message)`), or no longer
    /// stands apart from the scenario (`None`: it parsed, was replaced or went away).
    FieldText {
        path: String,
        problem: Option<String>,
    },
    ShowNotice(Notice),
    DismissNotice,
    /// Switch between the planner and the briefing.
    ShowView(View),
    /// Append the optimiser's programme to the strategies, as an edit (so the unsaved-work
    /// warning and the stale marks follow it), or say why it cannot be.
    AddProgrammeStrategy(Rc<ProgrammeResult>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            // A finished run stays visible (marked stale) until the next one; fields
            // report their own unparsed text going away as they show the new scenario.
            Action::LoadPreset(id) => match presets::preset(&id) {
                Some(scenario) => {
                    next.replace_with(scenario, Some(id), None);
                }
                None => {
                    next.notice = Some(Notice::error(format!(
                        "There is no preset called \"{id}\"."
                    )))
                }
            },
            Action::ReplaceScenario { scenario, notice } => {
                next.replace_with(*scenario, None, notice);
            }
            Action::UndoReplace => {
                if let Some(replaced) = next.replaced.take() {
                    let Replaced {
                        scenario,
                        preset,
                        kept,
                    } = (*replaced).clone();
                    let name = scenario.name.clone();
                    // A swap: what the undo replaces can itself be brought back.
                    next.replace_with(
                        scenario,
                        preset,
                        Some(Notice::info(format!(
                            "Brought back \u{201c}{name}\u{201d}."
                        ))),
                    );
                    next.kept = kept;
                }
            }
            Action::MarkKept => next.kept = Rc::new(next.scenario.clone()),
            Action::Edit(edit) => {
                (edit.apply)(&mut next.scenario);
                next.problems = problems_of(&next.scenario);
                // Most edits leave every range as it was: keep the same map then, so
                // the fields that read it need not redraw.
                let ranges = Ranges::of(&next.scenario);
                if *next.ranges != ranges {
                    next.ranges = Rc::new(ranges);
                }
            }
            Action::UndoableEdit { edit, notice } => {
                let before = Replaced {
                    scenario: next.scenario.clone(),
                    preset: next.preset.clone(),
                    kept: next.kept.clone(),
                };
                (edit.apply)(&mut next.scenario);
                next.problems = problems_of(&next.scenario);
                next.ranges = Rc::new(Ranges::of(&next.scenario));
                next.replaced = Some(Rc::new(before));
                next.notice = Some(Notice::info(notice).offering(NoticeOffer::UndoReplace));
            }
            Action::FieldText { path, problem } => {
                next.unparsed.retain(|p| p.path != path);
                if let Some(message) = problem {
                    next.unparsed.push(Problem { path, message });
                }
            }
            Action::ShowNotice(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
            Action::ShowView(view) => next.view = view,
            Action::AddProgrammeStrategy(result) => {
                match with_programme_strategy(&next.scenario, &result) {
                    Ok(scenario) => {
                        next.scenario = scenario;
                        next.problems = problems_of(&next.scenario);
                        next.ranges = Rc::new(Ranges::of(&next.scenario));
                        let n = next.scenario.strategies.len();
                        next.notice = Some(Notice::info(format!(
                            "Added the programme as strategy {n}: Run compares it with the baseline."
                        )));
                    }
                    Err(message) => {
                        next.notice = Some(Notice::error(format!(
                            "The programme could not be added as a strategy: {message}."
                        )))
                    }
                }
            }
        }
        Rc::new(next)
    }
}

/// The shared state handle every component reads and dispatches to.
pub type AppContext = UseReducerHandle<AppState>;

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
        state.reduce(action)
    }

    fn rename(name: &'static str) -> Action {
        Action::Edit(Edit::new("name", move |s| s.name = name.to_string()))
    }

    #[test]
    fn text_that_does_not_parse_blocks_running_and_sharing() {
        let state = Rc::new(AppState::default());
        assert!(state.is_valid() && state.run_blocked_reason(false).is_none());
        let state = reduce(
            state,
            Action::FieldText {
                path: "strategies[0].plan.teams".into(),
                problem: Some("enter a whole number from 1 to 50".into()),
            },
        );
        assert!(!state.is_valid());
        assert_eq!(state.problem_count(), 1);
        let reason = state.run_blocked_reason(false).expect("blocked");
        assert!(
            reason.starts_with("Fix 1 problem first: Strategy 1"),
            "{reason}"
        );
        assert!(
            reason.ends_with("› Teams: enter a whole number from 1 to 50."),
            "{reason}"
        );
        assert_eq!(state.problems_under("strategies").count(), 1);
        let state = reduce(
            state,
            Action::FieldText {
                path: "strategies[0].plan.teams".into(),
                problem: None,
            },
        );
        assert!(state.is_valid());
    }

    #[test]
    fn text_that_does_not_parse_blocks_keeping_but_core_problems_do_not() {
        let state = Rc::new(AppState::default());
        assert!(state.keep_blocked_reason().is_none());
        // Unfinished work the core refuses may still be kept, to be fixed later.
        let state = reduce(
            state,
            Action::Edit(Edit::new("name", |s| s.name = String::new())),
        );
        assert!(!state.is_valid());
        assert!(state.keep_blocked_reason().is_none());
        let state = reduce(
            state,
            Action::FieldText {
                path: "costs.basic_hourly_rate".into(),
                problem: Some("enter a number from 0 to 1,000".into()),
            },
        );
        let reason = state.keep_blocked_reason().expect("blocked");
        assert!(reason.starts_with("Fix the field first: "), "{reason}");
        assert!(
            reason.ends_with("enter a number from 0 to 1,000."),
            "{reason}"
        );
        let state = reduce(
            state,
            Action::FieldText {
                path: "costs.basic_hourly_rate".into(),
                problem: None,
            },
        );
        assert!(state.keep_blocked_reason().is_none());
    }

    /// Jackman over two weeks, the optimiser's answer for the most detections within a
    /// budget no plan reaches (so a plan is chosen).
    fn jackman_programme() -> (Scenario, Rc<ProgrammeResult>) {
        use egress_core::decide::programme::Optimiser;
        use egress_core::experiment::run_staged;
        use egress_core::scenario::programme::{CostBasis, Goal, Programme, Search};
        let mut s = presets::preset("jackman").unwrap();
        s.horizon_days = 14;
        s.programme = Some(Programme {
            goal: Goal::MostWithinBudget {
                budget: 1e9,
                cost: CostBasis::FullCost,
            },
            crossings: Vec::new(),
            floor_operations_per_week: 1,
            space: None,
            search: Search {
                first_stage: 2,
                max_replications: 4,
                ..Search::default()
            },
        });
        let mut optimiser = Optimiser::new(validate(s.clone()).unwrap()).unwrap();
        (s, Rc::new(run_staged(&mut optimiser).unwrap()))
    }

    #[test]
    fn adding_the_programme_is_an_edit_and_too_many_strategies_are_refused() {
        let (scenario, result) = jackman_programme();
        let state = Rc::new(AppState::with_scenario(scenario.clone(), None));
        let n = scenario.strategies.len();
        let state = reduce(state, Action::AddProgrammeStrategy(result.clone()));
        assert_eq!(state.scenario.strategies.len(), n + 1);
        assert_eq!(
            state.scenario.strategies[n].name,
            result.strategy.as_ref().unwrap().name
        );
        assert!(state.is_valid(), "{:?}", state.problems);
        assert!(state.has_unsaved_edits(), "an edit: leaving the page asks");
        assert_eq!(
            state.notice.as_ref().map(|n| n.kind),
            Some(NoticeKind::Info)
        );

        let mut full = scenario;
        while full.strategies.len() < egress_core::scenario::Limits::STRATEGIES {
            full.strategies.push(full.strategies[0].clone());
        }
        let state = Rc::new(AppState::with_scenario(full.clone(), None));
        let state = reduce(state, Action::AddProgrammeStrategy(result));
        assert_eq!(state.scenario, full, "refused: nothing changes");
        let notice = state.notice.clone().expect("the refusal");
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.text.contains("the most it may"), "{}", notice.text);
    }

    #[test]
    fn replacing_edited_work_can_be_undone_and_the_undo_too() {
        let state = Rc::new(AppState::default());
        // Nothing edited: nothing to bring back.
        let state = reduce(state, Action::LoadPreset("jackman".into()));
        assert!(state.replaced.is_none() && state.notice.is_none());
        assert!(!state.has_unsaved_edits());

        let state = reduce(state, rename("Mine"));
        assert!(state.has_unsaved_edits());
        let state = reduce(state, Action::LoadPreset("san-ysidro".into()));
        assert!(!state.has_unsaved_edits());
        let notice = state.notice.clone().expect("a notice");
        assert_eq!(notice.offer, Some(NoticeOffer::UndoReplace));
        assert!(
            notice.text.contains("\u{201c}Mine\u{201d}"),
            "{}",
            notice.text
        );

        let state = reduce(state, rename("Other"));
        let state = reduce(state, Action::UndoReplace);
        assert_eq!(state.scenario.name, "Mine");
        assert_eq!(state.preset.as_deref(), Some("jackman"));
        assert!(
            state.has_unsaved_edits(),
            "still unsaved: it was never kept"
        );
        // The edits the undo replaced can come back in turn.
        assert_eq!(
            state.notice.as_ref().and_then(|n| n.offer),
            Some(NoticeOffer::UndoReplace)
        );
        let state = reduce(state, Action::UndoReplace);
        assert_eq!(state.scenario.name, "Other");

        let state = reduce(state, Action::MarkKept);
        assert!(!state.has_unsaved_edits());
    }

    #[test]
    fn an_undoable_edit_is_unsaved_work_and_its_undo_restores_the_scenario() {
        let state = Rc::new(AppState::default());
        let before = state.scenario.clone();
        let state = reduce(
            state,
            Action::UndoableEdit {
                edit: Edit::new("re-base", |s| s.threat.waves.per_year += 1.0),
                notice: String::from("Re-based; Undo takes it back."),
            },
        );
        assert!(state.has_unsaved_edits(), "the leave-page warning applies");
        let notice = state.notice.clone().expect("a notice");
        assert_eq!(notice.offer, Some(NoticeOffer::UndoReplace));
        assert_eq!(notice.text, "Re-based; Undo takes it back.");
        let state = reduce(state, Action::UndoReplace);
        assert_eq!(state.scenario, before);
        assert!(!state.has_unsaved_edits(), "back to what was kept");
    }
}
