//! The worker pool: spreads the units of an experiment's design (for a plain run, its
//! replications × strategies; for an analysis, each of its stages' designs in turn; see
//! `egress_core::experiment`) over one Web Worker per
//! core (1 to 8), keeps each worker two units ahead so it never idles while the page is
//! busy, collects the records, and terminates the workers when the run ends or is
//! cancelled. The records are merged and checked as the CLI merges its shards' record
//! files, so what the page shows is what `egress merge` prints. An analysis (the
//! optimiser, calibration, sensitivity, robustness) is a staged experiment: when a
//! stage's records are in and merged, the page asks it for the next stage
//! ([`Staged::next`], as the CLI's `run_staged` does) and prepares the same workers with
//! that design, until it decides.
//!
//! The page's work per arriving record is bounded: decode it and keep it. Progress goes
//! to the run's reducer in batches (at most every [`PROGRESS_MS`]), and summaries of
//! the records so far are made only as often as [`pacing::SummaryPacing`] allows, so
//! that they never take more than a tenth of the page's time, whatever the scenario.

mod analysis;
mod opened;
mod pacing;
mod provider;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use egress_core::experiment::{Design, Stage, UnitRecord, merge};
use egress_core::scenario::{Scenario, validate};
use egress_core::summary::{Summary, summarize};
use gloo_timers::callback::Timeout;
use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use analysis::{PageAnalysis, ROBUSTNESS_REPLICATIONS, ROBUSTNESS_WORLDS, page_analysis};
pub use opened::{OpenedRun, is_record_file, open_records};
pub use pacing::SummaryPacing;
pub use provider::RunProvider;

use crate::state::{AnalysesState, AnalysisAction, AnalysisKind, RunAction, RunState};
use crate::worker::{
    JobId, SimulationWorker, WORKER_LOADER_PATH, WorkerRequest, WorkerResponse, design_message,
};

/// Most workers a run uses, whatever the machine reports.
pub const MAX_WORKERS: u32 = 8;

/// Units each worker holds (one running, the next queued in its inbox).
const UNITS_IN_FLIGHT: usize = 2;

/// Least time between two progress updates of the page during a run.
pub const PROGRESS_MS: f64 = 200.0;

/// What the planner asks of the pool.
#[derive(Clone, Debug, PartialEq)]
pub enum RunCommand {
    Start,
    /// Start an analysis of the scenario being edited.
    Analyse(AnalysisKind),
    /// Stop whatever the pool is running (a run or an analysis).
    Cancel,
    /// Show results made elsewhere (record files from the CLI or a cluster).
    Show {
        scenario: Box<Scenario>,
        summary: Rc<Summary>,
        units: u32,
    },
}

/// Milliseconds on the page's clock.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// One worker per logical core the browser reports, 1 to 8. A `workers=N` query
/// parameter overrides it (to check that results do not depend on it).
pub fn worker_count() -> u32 {
    let Some(window) = web_sys::window() else {
        return 1;
    };
    let requested = window
        .location()
        .search()
        .ok()
        .and_then(|query| requested_workers(&query));
    let cores = window.navigator().hardware_concurrency() as u32;
    requested.unwrap_or(cores).clamp(1, MAX_WORKERS)
}

/// The `workers` parameter of a query string such as `?workers=3`.
pub fn requested_workers(query: &str) -> Option<u32> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("workers="))
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::requested_workers;

    #[test]
    fn workers_parameter_is_read_from_the_query() {
        assert_eq!(requested_workers("?workers=3"), Some(3));
        assert_eq!(requested_workers("?a=1&workers=1"), Some(1));
        assert_eq!(requested_workers("?workers=lots"), None);
        assert_eq!(requested_workers(""), None);
    }
}

struct PoolWorker {
    bridge: WorkerBridge<SimulationWorker>,
    /// The underlying Web Worker, to terminate it (see assets/worker-registry.js).
    handle: Option<web_sys::Worker>,
    /// Units sent and not answered yet.
    in_flight: usize,
}

impl PoolWorker {
    fn terminate(self) {
        if let Some(handle) = &self.handle {
            handle.terminate();
        }
        drop(self.bridge);
    }
}

/// Where the pool reports: the run's reducer and the analyses' reducer.
#[derive(Clone)]
pub struct Dispatch {
    pub run: UseReducerDispatcher<RunState>,
    pub analyses: UseReducerDispatcher<AnalysesState>,
}

impl Dispatch {
    /// Reports job `job` as failed to the reducer that knows it.
    fn failed(&self, analysis: bool, job: JobId, message: String) {
        if analysis {
            self.analyses.dispatch(AnalysisAction::Failed {
                job: job.0,
                message,
            });
        } else {
            self.run.dispatch(RunAction::Failed {
                job: job.0,
                message,
            });
        }
    }
}

/// What the pool's current job is for.
enum Purpose {
    /// A plain run: summaries of the records so far, paced.
    Run { pacing: SummaryPacing },
    /// A staged analysis: the experiment asked for the next stage when one is in.
    Analysis {
        experiment: PageAnalysis,
        /// 1-based number of the stage running.
        stage: u32,
        /// Units done in the stages before this one.
        units_before: u64,
    },
}

struct ActiveRun {
    /// The planner's job: what the reducers know this run or analysis by.
    job: JobId,
    /// The id on the worker messages of the current design: the job's for a run, a
    /// fresh one for each stage of an analysis, so that a late answer about an earlier
    /// stage (a worker's `Prepared` for a stage its peers finished without it) is
    /// dropped as stale instead of being checked against the next stage.
    wire: JobId,
    /// The design running now (a plain run's, or the analysis's current stage).
    design: Rc<Design>,
    total: u32,
    /// The next unit to hand out; units go out in index order.
    next_unit: u64,
    workers: Vec<Option<PoolWorker>>,
    records: Vec<UnitRecord>,
    /// When progress was last reported, and the pending report, if one is scheduled.
    reported_ms: f64,
    report: Option<Timeout>,
    purpose: Purpose,
}

impl ActiveRun {
    fn done(&self) -> u32 {
        self.records.len() as u32
    }

    /// A summary of the records so far, timed for the pacing (plain runs only).
    fn summary(&mut self) -> Rc<Summary> {
        let started = now_ms();
        let summary = Rc::new(summarize(
            &self.design.variants[0].scenario,
            self.records.iter().map(|r| &r.record),
        ));
        if let Purpose::Run { pacing } = &mut self.purpose {
            pacing.made(started, now_ms());
        }
        summary
    }

    fn summary_due(&self, now: f64) -> bool {
        matches!(&self.purpose, Purpose::Run { pacing } if pacing.due(now))
    }

    fn is_analysis(&self) -> bool {
        matches!(self.purpose, Purpose::Analysis { .. })
    }

    fn terminate_workers(&mut self) {
        for worker in self.workers.iter_mut().filter_map(Option::take) {
            worker.terminate();
        }
        self.report = None;
    }
}

/// The pool; lives in the root component and outlives renders.
#[derive(Default)]
pub struct RunPool {
    active: Option<ActiveRun>,
    next_job: u64,
}

pub type SharedPool = Rc<RefCell<RunPool>>;

fn take_spawned_worker() -> Option<web_sys::Worker> {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("__egressLastWorker");
    let value = js_sys::Reflect::get(&global, &key).ok()?;
    let _ = js_sys::Reflect::set(&global, &key, &wasm_bindgen::JsValue::UNDEFINED);
    value.dyn_into::<web_sys::Worker>().ok()
}

fn problems_text(problems: &[egress_core::scenario::Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl RunPool {
    fn new_job(pool: &SharedPool, dispatch: &Dispatch) -> JobId {
        Self::stop(pool, dispatch, true);
        let mut p = pool.borrow_mut();
        p.next_job += 1;
        JobId(p.next_job)
    }

    /// Starts a run of `scenario` (already valid); whatever was running is cancelled.
    pub fn start(pool: &SharedPool, scenario: &Scenario, dispatch: &Dispatch) {
        let job = Self::new_job(pool, dispatch);
        let prepared = validate(scenario.clone())
            .map_err(|problems| problems_text(&problems))
            .map(Design::run)
            .and_then(|design| design_message(job, &design).map(|message| (design, message)));
        let (design, prepare) = match prepared {
            Ok(prepared) => prepared,
            Err(message) => {
                dispatch.run.dispatch(RunAction::Failed {
                    job: job.0,
                    message,
                });
                return;
            }
        };
        let total = design.len() as u32;
        let count = worker_count().min(total.max(1));
        let started = now_ms();
        dispatch.run.dispatch(RunAction::Started {
            job: job.0,
            scenario: Box::new(scenario.clone()),
            total_units: total,
            workers: count,
            now_ms: started,
        });
        let purpose = Purpose::Run {
            pacing: SummaryPacing::new(started),
        };
        Self::launch(pool, job, design, &prepare, count, purpose, dispatch);
    }

    /// Spawns `count` workers, prepares them with `design` and makes the job active.
    fn launch(
        pool: &SharedPool,
        job: JobId,
        design: Design,
        prepare: &WorkerRequest,
        count: u32,
        purpose: Purpose,
        dispatch: &Dispatch,
    ) {
        let total = design.len() as u32;
        let workers = spawn_workers(pool, count, prepare, dispatch);
        pool.borrow_mut().active = Some(ActiveRun {
            job,
            wire: job,
            design: Rc::new(design),
            total,
            next_unit: 0,
            workers,
            records: Vec::with_capacity(total as usize),
            reported_ms: now_ms(),
            report: None,
            purpose,
        });
    }

    /// Starts an analysis of `scenario`; whatever was running is cancelled. An analysis
    /// that cannot be made (no programme, no record) is reported as failed at once.
    pub fn analyse(
        pool: &SharedPool,
        kind: AnalysisKind,
        scenario: &Scenario,
        dispatch: &Dispatch,
    ) {
        let job = Self::new_job(pool, dispatch);
        let count = worker_count();
        let started = now_ms();
        dispatch.analyses.dispatch(AnalysisAction::Started {
            job: job.0,
            kind,
            scenario: Box::new(scenario.clone()),
            workers: count,
            now_ms: started,
        });
        let failed = |message| {
            dispatch.analyses.dispatch(AnalysisAction::Failed {
                job: job.0,
                message,
            });
        };
        let experiment = validate(scenario.clone())
            .map_err(|problems| problems_text(&problems))
            .and_then(|valid| page_analysis(kind, valid));
        let mut experiment = match experiment {
            Ok(experiment) => experiment,
            Err(message) => return failed(message),
        };
        let Some(design) = first_stage(&mut experiment, None, job, dispatch) else {
            return;
        };
        let prepare = match design_message(job, &design) {
            Ok(message) => message,
            Err(message) => return failed(message),
        };
        dispatch.analyses.dispatch(AnalysisAction::Stage {
            job: job.0,
            stage: 1,
            label: design.label.clone(),
            units: design.len() as u32,
            decided: experiment.decided(),
        });
        let purpose = Purpose::Analysis {
            experiment,
            stage: 1,
            units_before: 0,
        };
        Self::launch(pool, job, design, &prepare, count, purpose, dispatch);
    }

    /// Terminates the workers; with `report`, tells the reducer the run or analysis was
    /// cancelled (a run with a summary of what had arrived).
    pub fn stop(pool: &SharedPool, dispatch: &Dispatch, report: bool) {
        let active = pool.borrow_mut().active.take();
        if let Some(mut active) = active {
            active.terminate_workers();
            if !report {
                return;
            }
            if active.is_analysis() {
                dispatch
                    .analyses
                    .dispatch(AnalysisAction::Cancelled { job: active.job.0 });
            } else {
                dispatch.run.dispatch(RunAction::Cancelled {
                    job: active.job.0,
                    done_units: active.done(),
                    summary: active.summary(),
                });
            }
        }
    }
}

/// Asks the experiment for its next stage with units to run (a stage without units is
/// answered at once with no records), reporting the outcome when it decides instead.
fn first_stage(
    experiment: &mut PageAnalysis,
    finished: Option<(&Design, &[UnitRecord])>,
    job: JobId,
    dispatch: &Dispatch,
) -> Option<Design> {
    let mut stage = experiment.next(finished);
    loop {
        match stage {
            Stage::Run(design) if design.is_empty() => {
                stage = experiment.next(Some((&design, &[])));
            }
            Stage::Run(design) => return Some(design),
            Stage::Done(outcome) => {
                dispatch.analyses.dispatch(match outcome {
                    Ok(outcome) => AnalysisAction::Done {
                        job: job.0,
                        outcome,
                        now_ms: now_ms(),
                    },
                    Err(message) => AnalysisAction::Failed {
                        job: job.0,
                        message,
                    },
                });
                return None;
            }
        }
    }
}

fn spawn_workers(
    pool: &SharedPool,
    count: u32,
    prepare: &WorkerRequest,
    dispatch: &Dispatch,
) -> Vec<Option<PoolWorker>> {
    let weak = Rc::downgrade(pool);
    (0..count as usize)
        .map(|index| {
            let weak = weak.clone();
            let dispatch = dispatch.clone();
            let bridge = SimulationWorker::spawner()
                .callback(move |response| on_response(&weak, index, response, &dispatch))
                .with_loader(true)
                .spawn(WORKER_LOADER_PATH);
            let handle = take_spawned_worker();
            bridge.send(prepare.clone());
            Some(PoolWorker {
                bridge,
                handle,
                in_flight: 0,
            })
        })
        .collect()
}

fn on_response(
    pool: &Weak<RefCell<RunPool>>,
    index: usize,
    response: WorkerResponse,
    dispatch: &Dispatch,
) {
    let Some(pool) = pool.upgrade() else { return };
    let Some(job) = pool
        .borrow()
        .active
        .as_ref()
        .filter(|a| a.wire == response.job())
        .map(|a| a.job)
    else {
        return; // a stale answer from a run that is over, or from an earlier stage
    };
    match response {
        WorkerResponse::Prepared { experiment, .. } => {
            let ours = pool
                .borrow()
                .active
                .as_ref()
                .is_some_and(|a| a.design.fingerprint() == experiment);
            if !ours {
                fail(
                    &pool,
                    job,
                    String::from(
                        "a worker built another experiment from this run's design (an old copy of the app? reload the page)",
                    ),
                    dispatch,
                );
                return;
            }
            for _ in 0..UNITS_IN_FLIGHT {
                send_next(&pool, index);
            }
        }
        WorkerResponse::Record { record, .. } => {
            match serde_json::from_str::<UnitRecord>(&record) {
                Ok(record) => {
                    if let Some(active) = pool.borrow_mut().active.as_mut() {
                        active.records.push(record);
                        if let Some(Some(worker)) = active.workers.get_mut(index) {
                            worker.in_flight = worker.in_flight.saturating_sub(1);
                        }
                    }
                    send_next(&pool, index);
                    report_progress(&pool, dispatch);
                }
                Err(e) => fail(
                    &pool,
                    job,
                    format!("a worker sent an unreadable record: {e}"),
                    dispatch,
                ),
            }
        }
        WorkerResponse::Failed { message, .. } => fail(&pool, job, message, dispatch),
        WorkerResponse::Pong { .. } => {}
    }
}

/// Gives worker `index` its next unit, or, when the job has none left for it, retires it
/// (a plain run) or leaves it idle for the analysis's next stage.
fn send_next(pool: &Rc<RefCell<RunPool>>, index: usize) {
    let mut p = pool.borrow_mut();
    let Some(active) = p.active.as_mut() else {
        return;
    };
    let job = active.wire;
    let next = (active.next_unit < active.design.len()).then_some(active.next_unit);
    let keep_idle = active.is_analysis();
    let Some(slot) = active.workers.get_mut(index) else {
        return;
    };
    match (next, slot.as_mut()) {
        (Some(unit), Some(worker)) => {
            worker.in_flight += 1;
            worker.bridge.send(WorkerRequest::Run { job, unit });
            active.next_unit += 1;
        }
        (None, Some(worker)) if worker.in_flight == 0 && !keep_idle => {
            if let Some(worker) = slot.take() {
                worker.terminate();
            }
        }
        _ => {}
    }
}

/// Reports the job's progress: at once when every unit of the design is in (the end of
/// a run, or of an analysis's stage), otherwise batched at most every [`PROGRESS_MS`]
/// (one timer pending at a time).
fn report_progress(pool: &Rc<RefCell<RunPool>>, dispatch: &Dispatch) {
    let mut p = pool.borrow_mut();
    let Some(active) = p.active.as_mut() else {
        return;
    };
    if active.done() >= active.total {
        let active = p.active.take().expect("checked above");
        drop(p);
        design_done(pool, active, dispatch);
        return;
    }
    if active.report.is_some() {
        return;
    }
    let wait = (active.reported_ms + PROGRESS_MS - now_ms()).clamp(0.0, PROGRESS_MS);
    let weak = Rc::downgrade(pool);
    let dispatch = dispatch.clone();
    active.report = Some(Timeout::new(wait as u32, move || {
        let Some(pool) = weak.upgrade() else { return };
        let mut p = pool.borrow_mut();
        let Some(active) = p.active.as_mut() else {
            return;
        };
        active.report = None;
        let now = now_ms();
        active.reported_ms = now;
        let job = active.job.0;
        let done = active.done();
        match &active.purpose {
            Purpose::Analysis { units_before, .. } => {
                let action = AnalysisAction::Progress {
                    job,
                    stage_done: done,
                    units_done: units_before + u64::from(done),
                };
                drop(p);
                dispatch.analyses.dispatch(action);
            }
            Purpose::Run { .. } => {
                let summary = active.summary_due(now).then(|| active.summary());
                let action = RunAction::Progress {
                    job,
                    done_units: done,
                    summary,
                    now_ms: now,
                };
                // The reducer may render at once: no borrow of the pool across the dispatch.
                drop(p);
                dispatch.run.dispatch(action);
            }
        }
    }));
}

/// Every unit of the active design is in: merge the records (the same check as `egress
/// merge`: every unit once, none foreign), then finish the run, or hand the analysis its
/// stage's records and prepare its next stage on the same workers.
fn design_done(pool: &Rc<RefCell<RunPool>>, mut active: ActiveRun, dispatch: &Dispatch) {
    let job = active.job;
    let records = std::mem::take(&mut active.records);
    let merged = merge(&active.design, records);
    let analysis = active.is_analysis();
    let records = match merged {
        Ok(records) => records,
        Err(e) => {
            active.terminate_workers();
            dispatch.failed(analysis, job, format!("the records do not add up: {e}"));
            return;
        }
    };
    let Purpose::Analysis {
        experiment,
        stage,
        units_before,
    } = &mut active.purpose
    else {
        active.terminate_workers();
        active.records = records;
        dispatch.run.dispatch(RunAction::Finished {
            job: job.0,
            summary: active.summary(),
            now_ms: now_ms(),
        });
        return;
    };
    *units_before += records.len() as u64;
    let design = active.design.clone();
    let Some(next) = first_stage(experiment, Some((&design, &records)), job, dispatch) else {
        active.terminate_workers();
        return;
    };
    let wire = {
        let mut p = pool.borrow_mut();
        p.next_job += 1;
        JobId(p.next_job)
    };
    let prepare = match design_message(wire, &next) {
        Ok(message) => message,
        Err(message) => {
            active.terminate_workers();
            dispatch.analyses.dispatch(AnalysisAction::Failed {
                job: job.0,
                message,
            });
            return;
        }
    };
    *stage += 1;
    let total = next.len() as u32;
    dispatch.analyses.dispatch(AnalysisAction::Stage {
        job: job.0,
        stage: *stage,
        label: next.label.clone(),
        units: total,
        decided: experiment.decided(),
    });
    dispatch.analyses.dispatch(AnalysisAction::Progress {
        job: job.0,
        stage_done: 0,
        units_done: *units_before,
    });
    // Results fill in: what the experiment has decided so far (an error in it is the
    // final outcome's to report, not the progress's).
    if let Some(Ok(outcome)) = experiment.partial() {
        dispatch.analyses.dispatch(AnalysisAction::SoFar {
            job: job.0,
            outcome,
        });
    }
    active.wire = wire;
    active.design = Rc::new(next);
    active.total = total;
    active.next_unit = 0;
    active.records = Vec::with_capacity(total as usize);
    for worker in active.workers.iter().flatten() {
        worker.bridge.send(prepare.clone());
    }
    pool.borrow_mut().active = Some(active);
}

fn fail(pool: &Rc<RefCell<RunPool>>, job: JobId, message: String, dispatch: &Dispatch) {
    let analysis = pool
        .borrow()
        .active
        .as_ref()
        .is_some_and(ActiveRun::is_analysis);
    RunPool::stop(pool, dispatch, false);
    dispatch.failed(analysis, job, message);
}
