//! The run on screen, in its own reducer and context: records arrive many times a second
//! while the planner may be editing, and only the views of the run (toolbar progress,
//! results, briefing) should redraw for them, never the editor.
//!
//! The worker pool (`crate::run`) keeps the records and hands the reducer batches of
//! progress — unit counts and, when it is due, a fresh summary — so the page's work per
//! arriving record stays small and bounded whatever the size of the scenario.

use std::rc::Rc;

use egress_core::scenario::Scenario;
use egress_core::summary::Summary;
use yew::prelude::*;

/// A run in progress or finished: the scenario it ran, its progress, the latest summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub job: u64,
    pub scenario: Rc<Scenario>,
    /// (replication, strategy) units in total and done.
    pub total_units: u32,
    pub done_units: u32,
    pub workers: u32,
    pub started_ms: f64,
    pub finished_ms: Option<f64>,
    /// When every worker had delivered its first unit (start-up over), and how many
    /// units were done then: the pace is measured from there.
    pub warm: Option<(f64, u32)>,
    /// Summary of the records so far (refreshed as they arrive, final at the end).
    pub summary: Option<Rc<Summary>>,
    /// Opened from record files made elsewhere (the CLI, a cluster), not run here.
    pub from_records: bool,
}

/// Units that must arrive after start-up before the pace is trusted.
const PACE_UNITS: u32 = 3;

impl Run {
    pub fn progress(&self) -> f64 {
        if self.total_units == 0 {
            1.0
        } else {
            f64::from(self.done_units) / f64::from(self.total_units)
        }
    }

    /// Estimated milliseconds left, from the pace since start-up ended (loading the
    /// model in each worker is paid once and would inflate an estimate taken from the
    /// start). `None` while it is still being estimated.
    pub fn remaining_ms(&self, now_ms: f64) -> Option<f64> {
        if self.finished_ms.is_some() {
            return None;
        }
        let (warm_ms, warm_done) = self.warm?;
        let since = self.done_units.checked_sub(warm_done)?;
        if since < PACE_UNITS.max(self.workers) || now_ms <= warm_ms {
            return None;
        }
        let per_unit = (now_ms - warm_ms) / f64::from(since);
        Some(per_unit * f64::from(self.total_units - self.done_units))
    }

    /// Results are stale once the scenario differs from the one that produced them.
    pub fn is_stale_for(&self, scenario: &Scenario) -> bool {
        *self.scenario != *scenario
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum RunState {
    #[default]
    Idle,
    Running(Run),
    Finished(Run),
    /// Cancelled by the planner; keeps what had arrived.
    Cancelled(Run),
    Failed {
        message: String,
    },
}

impl RunState {
    /// The run whose results are on screen, if any.
    pub fn shown(&self) -> Option<&Run> {
        match self {
            RunState::Running(r) | RunState::Finished(r) | RunState::Cancelled(r) => Some(r),
            RunState::Idle | RunState::Failed { .. } => None,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, RunState::Running(_))
    }

    /// Whether the results on screen were produced by another scenario than `scenario`.
    pub fn is_stale_for(&self, scenario: &Scenario) -> bool {
        self.shown().is_some_and(|r| r.is_stale_for(scenario))
    }
}

#[derive(Debug)]
pub enum RunAction {
    Started {
        job: u64,
        scenario: Box<Scenario>,
        total_units: u32,
        workers: u32,
        now_ms: f64,
    },
    /// Units done so far, and a newer summary when one was made.
    Progress {
        job: u64,
        done_units: u32,
        summary: Option<Rc<Summary>>,
        now_ms: f64,
    },
    /// Every unit is in; the summary is the final one.
    Finished {
        job: u64,
        summary: Rc<Summary>,
        now_ms: f64,
    },
    /// Stopped by the planner; the summary covers what had arrived.
    Cancelled {
        job: u64,
        done_units: u32,
        summary: Rc<Summary>,
    },
    Failed {
        job: u64,
        message: String,
    },
    /// Results of a run made elsewhere, opened from its record files: shown as a
    /// finished run (no workers, no time).
    Opened {
        scenario: Box<Scenario>,
        summary: Rc<Summary>,
        units: u32,
    },
}

impl Reducible for RunState {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        let current = |job: u64| matches!(&*self, RunState::Running(r) if r.job == job);
        let running = || match &*self {
            RunState::Running(run) => run.clone(),
            _ => unreachable!("checked by `current`"),
        };
        let next = match action {
            RunAction::Opened {
                scenario,
                summary,
                units,
            } => RunState::Finished(Run {
                // No pool job has this number: nothing a worker sends can touch it.
                job: u64::MAX,
                scenario: Rc::new(*scenario),
                total_units: units,
                done_units: units,
                workers: 0,
                started_ms: 0.0,
                finished_ms: Some(0.0),
                warm: None,
                summary: Some(summary),
                from_records: true,
            }),
            RunAction::Started {
                job,
                scenario,
                total_units,
                workers,
                now_ms,
            } => RunState::Running(Run {
                job,
                scenario: Rc::new(*scenario),
                total_units,
                done_units: 0,
                workers,
                started_ms: now_ms,
                finished_ms: None,
                warm: None,
                summary: None,
                from_records: false,
            }),
            RunAction::Progress {
                job,
                done_units,
                summary,
                now_ms,
            } if current(job) => {
                let mut run = running();
                run.done_units = done_units.min(run.total_units);
                if run.warm.is_none() && run.done_units >= run.workers {
                    run.warm = Some((now_ms, run.done_units));
                }
                if summary.is_some() {
                    run.summary = summary;
                }
                RunState::Running(run)
            }
            RunAction::Finished {
                job,
                summary,
                now_ms,
            } if current(job) => {
                let mut run = running();
                run.done_units = run.total_units;
                run.summary = Some(summary);
                run.finished_ms = Some(now_ms);
                RunState::Finished(run)
            }
            RunAction::Cancelled {
                job,
                done_units,
                summary,
            } if current(job) => {
                let mut run = running();
                run.done_units = done_units.min(run.total_units);
                run.summary = Some(summary);
                RunState::Cancelled(run)
            }
            RunAction::Failed { job, message } if current(job) => RunState::Failed { message },
            // An answer about a run that is no longer the current one.
            _ => return self,
        };
        Rc::new(next)
    }
}

/// The run handle the views of a run read (toolbar, results, briefing).
pub type RunContext = UseReducerHandle<RunState>;

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;
    use egress_core::summary::summarize;

    fn started(total_units: u32, workers: u32) -> Rc<RunState> {
        Rc::new(RunState::Idle).reduce(RunAction::Started {
            job: 1,
            scenario: Box::new(presets::preset("jackman").unwrap()),
            total_units,
            workers,
            now_ms: 0.0,
        })
    }

    fn progress(state: Rc<RunState>, done_units: u32, now_ms: f64) -> Rc<RunState> {
        state.reduce(RunAction::Progress {
            job: 1,
            done_units,
            summary: None,
            now_ms,
        })
    }

    #[test]
    fn time_left_is_estimated_from_the_pace_after_start_up() {
        // Two workers take 4 s to load the model, then do a unit every 100 ms each.
        let state = progress(started(100, 2), 2, 4000.0);
        let run = state.shown().unwrap();
        assert_eq!(run.remaining_ms(4000.0), None, "still estimating");
        let state = progress(state, 12, 4500.0);
        // 10 units in 500 ms since start-up: 50 ms a unit, 88 units left.
        let left = state.shown().unwrap().remaining_ms(4500.0).unwrap();
        assert!((left - 4400.0).abs() < 1e-9, "{left}");
        // From the start it would have said 12 units in 4.5 s: 33 s, 7.5× too high.
    }

    #[test]
    fn no_estimate_until_a_few_units_are_in() {
        let state = progress(started(100, 1), 1, 3000.0);
        let state = progress(state, 3, 3100.0);
        assert_eq!(state.shown().unwrap().remaining_ms(3100.0), None);
        let state = progress(state, 4, 3150.0);
        assert!(state.shown().unwrap().remaining_ms(3150.0).is_some());
    }

    #[test]
    fn answers_of_an_older_run_are_ignored() {
        let state = started(10, 1);
        let scenario = presets::preset("jackman").unwrap();
        let summary = Rc::new(summarize(&scenario, &[]));
        let after = state.clone().reduce(RunAction::Finished {
            job: 7,
            summary,
            now_ms: 1.0,
        });
        assert!(Rc::ptr_eq(&state, &after));
        let after = state.clone().reduce(RunAction::Failed {
            job: 7,
            message: "x".into(),
        });
        assert!(after.is_running());
    }

    #[test]
    fn a_finished_run_counts_every_unit_and_is_stale_once_the_scenario_changes() {
        let scenario = presets::preset("jackman").unwrap();
        let summary = Rc::new(summarize(&scenario, &[]));
        let state = progress(started(10, 1), 4, 10.0).reduce(RunAction::Finished {
            job: 1,
            summary,
            now_ms: 20.0,
        });
        let run = state.shown().unwrap();
        assert!(matches!(*state, RunState::Finished(_)));
        assert_eq!(run.done_units, 10);
        assert!(!state.is_stale_for(&scenario));
        let mut edited = scenario;
        edited.seed += 1;
        assert!(state.is_stale_for(&edited));
    }
}
