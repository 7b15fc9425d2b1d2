//! The analyses on screen — the optimiser's programme, the calibration to the seizure
//! record, the sensitivity tornado and the robustness shares — in their own reducer and
//! context, like the run: the worker pool reports their stages and progress here, and
//! only the views that read an analysis redraw for them.
//!
//! Each kind keeps its latest analysis, so a planner can calibrate, then run a
//! sensitivity analysis, and still see both (and brief both). One job runs in the pool at
//! a time: starting an analysis or a run stops whatever was running.

use std::rc::Rc;

use egress_core::decide::analyses::CalibrationReport;
use egress_core::decide::programme::ProgrammeResult;
use egress_core::decide::robustness::Robustness;
use egress_core::decide::sensitivity::Sensitivity;
use egress_core::scenario::Scenario;
use yew::prelude::*;

/// What the planner can ask the pool to work out (besides a plain run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnalysisKind {
    /// The optimiser: the scenario's `programme` (goal and candidate space).
    Programme,
    /// What the scenario's seizure `record` implies, and its alternative explanations.
    Calibration,
    /// Each assumption at the low and high end of its range (tornado).
    Sensitivity,
    /// Plausible worlds sampled over every range (shares of wins, bands).
    Robustness,
}

impl AnalysisKind {
    pub const ALL: [AnalysisKind; 4] = [
        AnalysisKind::Programme,
        AnalysisKind::Calibration,
        AnalysisKind::Sensitivity,
        AnalysisKind::Robustness,
    ];

    /// How the planner names it ("Optimise the programme" is the button; this is the noun).
    pub fn label(self) -> &'static str {
        match self {
            AnalysisKind::Programme => "programme optimisation",
            AnalysisKind::Calibration => "calibration to the seizure record",
            AnalysisKind::Sensitivity => "sensitivity analysis",
            AnalysisKind::Robustness => "robustness analysis",
        }
    }

    /// A stable key for tests and styles (`data-analysis`).
    pub fn key(self) -> &'static str {
        match self {
            AnalysisKind::Programme => "programme",
            AnalysisKind::Calibration => "calibration",
            AnalysisKind::Sensitivity => "sensitivity",
            AnalysisKind::Robustness => "robustness",
        }
    }
}

/// What an analysis decided.
#[derive(Clone, Debug)]
pub enum AnalysisOutcome {
    Programme(Rc<ProgrammeResult>),
    Calibration(Rc<CalibrationReport>),
    Sensitivity(Rc<Sensitivity>),
    Robustness(Rc<Robustness>),
}

/// By identity: an outcome is made once, and each new one is a new `Rc` (cheap for a
/// national programme, and sound with a NaN inside).
impl PartialEq for AnalysisOutcome {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Programme(a), Self::Programme(b)) => Rc::ptr_eq(a, b),
            (Self::Calibration(a), Self::Calibration(b)) => Rc::ptr_eq(a, b),
            (Self::Sensitivity(a), Self::Sensitivity(b)) => Rc::ptr_eq(a, b),
            (Self::Robustness(a), Self::Robustness(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// Where a running analysis is. Staged analyses (the optimiser) do not know in advance
/// how many stages they will need: progress is per stage, plus the units so far.
#[derive(Clone, Debug, PartialEq)]
pub struct StageProgress {
    /// 1-based, as the planner counts.
    pub stage: u32,
    /// The stage's design label ("optimise, stage 3", "sensitivity (…)").
    pub label: String,
    pub stage_units: u32,
    pub stage_done: u32,
    /// Units done in every stage so far, this one included.
    pub units_done: u64,
    /// Parts decided of all (the optimiser's crossings), when the analysis has parts.
    pub decided: Option<(u32, u32)>,
    /// What is decided so far (the optimiser's crossings already chosen).
    pub so_far: Option<AnalysisOutcome>,
}

impl StageProgress {
    /// Milliseconds left, from the pace of the parts decided so far: `None` until one is.
    pub fn remaining_ms(&self, elapsed_ms: f64) -> Option<f64> {
        let (done, total) = self.decided?;
        (done > 0 && done <= total && elapsed_ms > 0.0)
            .then(|| elapsed_ms / f64::from(done) * f64::from(total - done))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisStatus {
    Running(StageProgress),
    Done(AnalysisOutcome),
    /// Stopped by the planner (or by another run starting) after this many units.
    Cancelled {
        units_done: u64,
    },
    /// The analysis could not be made (no record, no programme, …), or a worker failed.
    Failed(String),
}

/// One analysis: the scenario it was asked of, and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub job: u64,
    pub kind: AnalysisKind,
    pub scenario: Rc<Scenario>,
    pub workers: u32,
    pub started_ms: f64,
    pub finished_ms: Option<f64>,
    pub status: AnalysisStatus,
}

impl Analysis {
    pub fn is_running(&self) -> bool {
        matches!(self.status, AnalysisStatus::Running(_))
    }

    /// The outcome, when the analysis is done.
    pub fn outcome(&self) -> Option<&AnalysisOutcome> {
        match &self.status {
            AnalysisStatus::Done(outcome) => Some(outcome),
            _ => None,
        }
    }

    /// Its figures belong to another scenario than the one being edited.
    pub fn is_stale_for(&self, scenario: &Scenario) -> bool {
        *self.scenario != *scenario
    }
}

/// The latest analysis of each kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnalysesState {
    pub programme: Option<Analysis>,
    pub calibration: Option<Analysis>,
    pub sensitivity: Option<Analysis>,
    pub robustness: Option<Analysis>,
}

impl AnalysesState {
    pub fn get(&self, kind: AnalysisKind) -> Option<&Analysis> {
        self.slot(kind).as_ref()
    }

    fn slot(&self, kind: AnalysisKind) -> &Option<Analysis> {
        match kind {
            AnalysisKind::Programme => &self.programme,
            AnalysisKind::Calibration => &self.calibration,
            AnalysisKind::Sensitivity => &self.sensitivity,
            AnalysisKind::Robustness => &self.robustness,
        }
    }

    fn slot_mut(&mut self, kind: AnalysisKind) -> &mut Option<Analysis> {
        match kind {
            AnalysisKind::Programme => &mut self.programme,
            AnalysisKind::Calibration => &mut self.calibration,
            AnalysisKind::Sensitivity => &mut self.sensitivity,
            AnalysisKind::Robustness => &mut self.robustness,
        }
    }

    /// The analysis running now, if any.
    pub fn running(&self) -> Option<&Analysis> {
        AnalysisKind::ALL
            .into_iter()
            .filter_map(|k| self.get(k))
            .find(|a| a.is_running())
    }

    /// The done outcome of `kind`, when its scenario is `scenario` (not stale).
    pub fn current(&self, kind: AnalysisKind, scenario: &Scenario) -> Option<&AnalysisOutcome> {
        self.get(kind)
            .filter(|a| !a.is_stale_for(scenario))
            .and_then(Analysis::outcome)
    }

    /// The running analysis of job `job`.
    fn running_job(&mut self, job: u64) -> Option<&mut Analysis> {
        let kind = AnalysisKind::ALL
            .into_iter()
            .find(|&k| matches!(self.slot(k), Some(a) if a.job == job && a.is_running()))?;
        self.slot_mut(kind).as_mut()
    }
}

#[derive(Debug)]
pub enum AnalysisAction {
    Started {
        job: u64,
        kind: AnalysisKind,
        scenario: Box<Scenario>,
        workers: u32,
        now_ms: f64,
    },
    /// A new stage began (its design has `units` units).
    Stage {
        job: u64,
        stage: u32,
        label: String,
        units: u32,
        decided: Option<(u32, u32)>,
    },
    Progress {
        job: u64,
        stage_done: u32,
        units_done: u64,
    },
    /// What is decided so far, while the analysis goes on.
    SoFar {
        job: u64,
        outcome: AnalysisOutcome,
    },
    Done {
        job: u64,
        outcome: AnalysisOutcome,
        now_ms: f64,
    },
    Cancelled {
        job: u64,
    },
    Failed {
        job: u64,
        message: String,
    },
}

impl Reducible for AnalysesState {
    type Action = AnalysisAction;

    fn reduce(self: Rc<Self>, action: AnalysisAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            AnalysisAction::Started {
                job,
                kind,
                scenario,
                workers,
                now_ms,
            } => {
                *next.slot_mut(kind) = Some(Analysis {
                    job,
                    kind,
                    scenario: Rc::new(*scenario),
                    workers,
                    started_ms: now_ms,
                    finished_ms: None,
                    status: AnalysisStatus::Running(StageProgress {
                        stage: 0,
                        label: String::from("preparing"),
                        stage_units: 0,
                        stage_done: 0,
                        units_done: 0,
                        decided: None,
                        so_far: None,
                    }),
                });
            }
            AnalysisAction::Stage {
                job,
                stage,
                label,
                units,
                decided,
            } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                let (units_done, so_far) = match &a.status {
                    AnalysisStatus::Running(p) => (p.units_done, p.so_far.clone()),
                    _ => (0, None),
                };
                a.status = AnalysisStatus::Running(StageProgress {
                    stage,
                    label,
                    stage_units: units,
                    stage_done: 0,
                    units_done,
                    decided,
                    so_far,
                });
            }
            AnalysisAction::Progress {
                job,
                stage_done,
                units_done,
            } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                if let AnalysisStatus::Running(p) = &mut a.status {
                    p.stage_done = stage_done.min(p.stage_units);
                    p.units_done = units_done;
                }
            }
            AnalysisAction::SoFar { job, outcome } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                if let AnalysisStatus::Running(p) = &mut a.status {
                    p.so_far = Some(outcome);
                }
            }
            AnalysisAction::Done {
                job,
                outcome,
                now_ms,
            } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                a.status = AnalysisStatus::Done(outcome);
                a.finished_ms = Some(now_ms);
            }
            AnalysisAction::Cancelled { job } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                let units_done = match &a.status {
                    AnalysisStatus::Running(p) => p.units_done,
                    _ => 0,
                };
                a.status = AnalysisStatus::Cancelled { units_done };
            }
            AnalysisAction::Failed { job, message } => {
                let Some(a) = next.running_job(job) else {
                    return self;
                };
                a.status = AnalysisStatus::Failed(message);
            }
        }
        Rc::new(next)
    }
}

/// The analyses, shared with the views below the run's provider.
pub type AnalysesContext = UseReducerHandle<AnalysesState>;

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;

    fn started(kind: AnalysisKind, job: u64) -> AnalysisAction {
        AnalysisAction::Started {
            job,
            kind,
            scenario: Box::new(presets::preset("jackman").expect("preset")),
            workers: 2,
            now_ms: 0.0,
        }
    }

    #[test]
    fn stages_and_progress_reach_the_running_analysis_only() {
        let state = Rc::new(AnalysesState::default());
        let state = state.reduce(started(AnalysisKind::Sensitivity, 1));
        let state = state.reduce(AnalysisAction::Stage {
            job: 1,
            stage: 1,
            label: String::from("sensitivity"),
            units: 10,
            decided: None,
        });
        let state = state.reduce(AnalysisAction::Progress {
            job: 1,
            stage_done: 4,
            units_done: 4,
        });
        // A stale job's answer changes nothing.
        let state = state.reduce(AnalysisAction::Progress {
            job: 9,
            stage_done: 9,
            units_done: 9,
        });
        let running = state.running().expect("running");
        assert_eq!(running.kind, AnalysisKind::Sensitivity);
        match &running.status {
            AnalysisStatus::Running(p) => assert_eq!((p.stage_done, p.units_done), (4, 4)),
            other => panic!("{other:?}"),
        }
        let state = state.reduce(AnalysisAction::Cancelled { job: 1 });
        assert!(state.running().is_none());
        assert_eq!(
            state.sensitivity.as_ref().map(|a| a.status.clone()),
            Some(AnalysisStatus::Cancelled { units_done: 4 })
        );
    }

    #[test]
    fn results_so_far_stay_through_later_stages_until_the_outcome() {
        use egress_core::decide::robustness::Robustness;
        let outcome = AnalysisOutcome::Robustness(Rc::new(Robustness {
            scenario: String::from("s"),
            worlds: 0,
            replications: 0,
            strategies: Vec::new(),
            refused: Vec::new(),
        }));
        let stage = |stage| AnalysisAction::Stage {
            job: 1,
            stage,
            label: String::from("optimise"),
            units: 4,
            decided: Some((stage - 1, 3)),
        };
        let state = Rc::new(AnalysesState::default())
            .reduce(started(AnalysisKind::Programme, 1))
            .reduce(stage(1))
            .reduce(AnalysisAction::SoFar {
                job: 1,
                outcome: outcome.clone(),
            })
            .reduce(stage(2));
        match &state.running().expect("running").status {
            AnalysisStatus::Running(p) => assert_eq!(p.so_far.as_ref(), Some(&outcome)),
            other => panic!("{other:?}"),
        }
        // Another job's results are not this one's.
        let state = state.reduce(AnalysisAction::SoFar {
            job: 2,
            outcome: AnalysisOutcome::Robustness(Rc::new(Robustness {
                scenario: String::from("t"),
                worlds: 0,
                replications: 0,
                strategies: Vec::new(),
                refused: Vec::new(),
            })),
        });
        match &state.running().expect("running").status {
            AnalysisStatus::Running(p) => assert_eq!(p.so_far.as_ref(), Some(&outcome)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn time_left_comes_from_the_pace_of_decided_parts() {
        let mut p = StageProgress {
            stage: 3,
            label: String::from("optimise"),
            stage_units: 10,
            stage_done: 0,
            units_done: 40,
            decided: Some((2, 10)),
            so_far: None,
        };
        assert_eq!(p.remaining_ms(1000.0), Some(4000.0));
        p.decided = Some((0, 10));
        assert_eq!(p.remaining_ms(1000.0), None);
        p.decided = None;
        assert_eq!(p.remaining_ms(1000.0), None);
    }

    #[test]
    fn each_kind_keeps_its_latest_analysis() {
        let state = Rc::new(AnalysesState::default());
        let state = state.reduce(started(AnalysisKind::Calibration, 1));
        let state = state.reduce(AnalysisAction::Failed {
            job: 1,
            message: String::from("no record"),
        });
        let state = state.reduce(started(AnalysisKind::Robustness, 2));
        assert!(matches!(
            state.calibration.as_ref().map(|a| &a.status),
            Some(AnalysisStatus::Failed(_))
        ));
        assert!(state.robustness.as_ref().is_some_and(Analysis::is_running));
    }
}
