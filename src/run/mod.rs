//! The worker pool: spreads the (replication, strategy) units of a run over one Web
//! Worker per core (1 to 8), feeds each worker its next unit when it answers, reports
//! every record to the reducer, and terminates the workers when the run ends or is
//! cancelled.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use egress_core::metrics::StrategyReplication;
use egress_core::scenario::Scenario;
use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, AppState};
use crate::worker::{
    JobId, SimulationWorker, WORKER_LOADER_PATH, WorkerRequest, WorkerResponse, scenario_message,
};

/// Most workers a run uses, whatever the machine reports.
pub const MAX_WORKERS: u32 = 8;

/// What the planner asks of the pool.
#[derive(Clone, Debug, PartialEq)]
pub enum RunCommand {
    Start,
    Cancel,
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
}

impl PoolWorker {
    fn terminate(self) {
        if let Some(handle) = &self.handle {
            handle.terminate();
        }
        drop(self.bridge);
    }
}

struct ActiveRun {
    job: JobId,
    units: VecDeque<(u32, u32)>,
    workers: Vec<Option<PoolWorker>>,
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

impl RunPool {
    /// Starts a run of `scenario` (already valid); any run in progress is cancelled.
    pub fn start(
        pool: &SharedPool,
        scenario: &Scenario,
        dispatch: &UseReducerDispatcher<AppState>,
    ) {
        Self::stop(pool, dispatch, false);
        let job = {
            let mut p = pool.borrow_mut();
            p.next_job += 1;
            JobId(p.next_job)
        };
        let prepare = match scenario_message(job, scenario) {
            Ok(message) => message,
            Err(message) => {
                dispatch.dispatch(Action::RunFailed {
                    job: job.0,
                    message,
                });
                return;
            }
        };
        let units: VecDeque<(u32, u32)> = (0..scenario.replications)
            .flat_map(|r| (0..scenario.strategies.len() as u32).map(move |s| (r, s)))
            .collect();
        let total = units.len() as u32;
        let count = worker_count().min(total.max(1));
        dispatch.dispatch(Action::RunStarted {
            job: job.0,
            scenario: Box::new(scenario.clone()),
            total_units: total,
            workers: count,
            now_ms: now_ms(),
        });
        let weak = Rc::downgrade(pool);
        let workers = (0..count as usize)
            .map(|index| {
                let weak = weak.clone();
                let dispatch = dispatch.clone();
                let bridge = SimulationWorker::spawner()
                    .callback(move |response| on_response(&weak, index, response, &dispatch))
                    .with_loader(true)
                    .spawn(WORKER_LOADER_PATH);
                let handle = take_spawned_worker();
                bridge.send(prepare.clone());
                Some(PoolWorker { bridge, handle })
            })
            .collect();
        pool.borrow_mut().active = Some(ActiveRun {
            job,
            units,
            workers,
        });
    }

    /// Terminates the workers; with `report`, tells the reducer the run was cancelled.
    pub fn stop(pool: &SharedPool, dispatch: &UseReducerDispatcher<AppState>, report: bool) {
        let active = pool.borrow_mut().active.take();
        if let Some(active) = active {
            for worker in active.workers.into_iter().flatten() {
                worker.terminate();
            }
            if report {
                dispatch.dispatch(Action::RunCancelled { job: active.job.0 });
            }
        }
    }
}

fn on_response(
    pool: &Weak<RefCell<RunPool>>,
    index: usize,
    response: WorkerResponse,
    dispatch: &UseReducerDispatcher<AppState>,
) {
    let Some(pool) = pool.upgrade() else { return };
    let job = response.job();
    {
        let p = pool.borrow();
        if p.active.as_ref().is_none_or(|a| a.job != job) {
            return; // a stale answer from a run that is over
        }
    }
    match response {
        WorkerResponse::Prepared { .. } => send_next(&pool, index),
        WorkerResponse::Record { record, .. } => {
            match serde_json::from_str::<StrategyReplication>(&record) {
                Ok(record) => dispatch.dispatch(Action::RecordArrived {
                    job: job.0,
                    record: Box::new(record),
                    now_ms: now_ms(),
                }),
                Err(e) => {
                    fail(
                        &pool,
                        job,
                        format!("a worker sent an unreadable record: {e}"),
                        dispatch,
                    );
                    return;
                }
            }
            send_next(&pool, index);
        }
        WorkerResponse::Failed { message, .. } => fail(&pool, job, message, dispatch),
        WorkerResponse::Pong { .. } => {}
    }
}

/// Gives worker `index` its next unit, or retires it when none is left.
fn send_next(pool: &Rc<RefCell<RunPool>>, index: usize) {
    let mut p = pool.borrow_mut();
    let Some(active) = p.active.as_mut() else {
        return;
    };
    let job = active.job;
    match active.units.pop_front() {
        Some((replication, strategy)) => {
            if let Some(Some(worker)) = active.workers.get(index) {
                worker.bridge.send(WorkerRequest::Run {
                    job,
                    replication,
                    strategy,
                });
            }
        }
        None => {
            if let Some(worker) = active.workers.get_mut(index).and_then(Option::take) {
                worker.terminate();
            }
            if active.workers.iter().all(Option::is_none) {
                p.active = None;
            }
        }
    }
}

fn fail(
    pool: &Rc<RefCell<RunPool>>,
    job: JobId,
    message: String,
    dispatch: &UseReducerDispatcher<AppState>,
) {
    RunPool::stop(pool, dispatch, false);
    dispatch.dispatch(Action::RunFailed {
        job: job.0,
        message,
    });
}
