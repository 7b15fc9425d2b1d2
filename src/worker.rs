//! The simulation worker and the messages exchanged with it.
//!
//! The page owns a pool of [`SimulationWorker`]s (see `crate::run`). For a run it sends
//! each worker the scenario once ([`WorkerRequest::Prepare`]), then units
//! ([`WorkerRequest::Run`]: one replication of one strategy), two ahead, and sends the
//! next unit when an answer arrives, so fast workers take more units, no worker waits
//! for a busy page, and a cancelled run can be stopped by terminating the workers.
//!
//! Replication `r` of strategy `s` depends only on the scenario, its seed, `r` and `s`
//! (keyed random streams in egress-core), so the page may spread units over any number
//! of workers: the records, and the summary made from them, do not change.
//!
//! Scenarios and records cross the boundary as JSON text inside the bincode envelope:
//! the scenario's internally tagged enums need a self-describing format.

use egress_core::scenario::{Scenario, parse_and_validate};
use egress_core::simulation::{Model, Replication};
use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Path, relative to the page, of the loader shim Trunk generates for the worker
/// binary (`<bin name>_loader.js`; worker files are not hashed).
pub const WORKER_LOADER_PATH: &str = "./simulation_worker_loader.js";

/// Version of the message protocol; the worker reports it in [`WorkerResponse::Pong`]
/// so the page can detect a stale cached worker.
pub const PROTOCOL_VERSION: u32 = 2;

/// Identifies one request and all the responses it produces. Chosen by the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JobId(pub u64);

/// A message from the page to a simulation worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Liveness check; answered by [`WorkerResponse::Pong`].
    Ping { job: JobId },
    /// Validate the scenario (JSON) and keep it for the units of `job`.
    Prepare { job: JobId, scenario: String },
    /// Run one replication of one strategy of the prepared scenario.
    Run {
        job: JobId,
        replication: u32,
        strategy: u32,
    },
}

/// A message from a simulation worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerResponse {
    /// Answer to [`WorkerRequest::Ping`].
    Pong {
        job: JobId,
        /// [`PROTOCOL_VERSION`] as compiled into the worker.
        protocol: u32,
        /// Version of the `egress` crate the worker was built from.
        version: String,
    },
    /// The scenario of `job` is ready.
    Prepared { job: JobId },
    /// One `metrics::StrategyReplication` as JSON.
    Record { job: JobId, record: String },
    /// The request could not be served.
    Failed { job: JobId, message: String },
}

impl WorkerResponse {
    /// The job this response belongs to.
    pub fn job(&self) -> JobId {
        match self {
            Self::Pong { job, .. }
            | Self::Prepared { job }
            | Self::Record { job, .. }
            | Self::Failed { job, .. } => *job,
        }
    }
}

/// The Web Worker that runs egress-core simulations off the main thread.
#[derive(Default)]
pub struct SimulationWorker {
    prepared: Option<(JobId, Model)>,
    /// Shared draws of the last replication, reused when the next unit is the same
    /// replication of another strategy.
    replication: Option<(JobId, Replication)>,
}

impl SimulationWorker {
    /// Computes the answer to one request. Pure apart from the worker's own cache, so
    /// it is testable natively.
    pub fn answer(&mut self, request: WorkerRequest) -> WorkerResponse {
        match request {
            WorkerRequest::Ping { job } => WorkerResponse::Pong {
                job,
                protocol: PROTOCOL_VERSION,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            WorkerRequest::Prepare { job, scenario } => match parse_and_validate(&scenario) {
                Ok(valid) => {
                    self.prepared = Some((job, Model::new(valid)));
                    self.replication = None;
                    WorkerResponse::Prepared { job }
                }
                Err(problems) => WorkerResponse::Failed {
                    job,
                    message: problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                },
            },
            WorkerRequest::Run {
                job,
                replication,
                strategy,
            } => {
                let Some((prepared_job, model)) = &self.prepared else {
                    return WorkerResponse::Failed {
                        job,
                        message: "no scenario was prepared".to_string(),
                    };
                };
                if *prepared_job != job
                    || replication >= model.scenario.replications
                    || strategy as usize >= model.scenario.strategies.len()
                {
                    return WorkerResponse::Failed {
                        job,
                        message: format!(
                            "unit (replication {replication}, strategy {strategy}) does not belong to the prepared run"
                        ),
                    };
                }
                let reuse = matches!(&self.replication, Some((j, r)) if *j == job && r.index == replication);
                if !reuse {
                    self.replication = Some((job, model.replication(replication)));
                }
                let record = match &self.replication {
                    Some((_, shared)) => model.run(shared, strategy as usize),
                    None => model.run(&model.replication(replication), strategy as usize),
                };
                match serde_json::to_string(&record) {
                    Ok(record) => WorkerResponse::Record { job, record },
                    Err(e) => WorkerResponse::Failed {
                        job,
                        message: e.to_string(),
                    },
                }
            }
        }
    }
}

/// The scenario as the worker receives it.
pub fn scenario_message(job: JobId, scenario: &Scenario) -> Result<WorkerRequest, String> {
    serde_json::to_string(scenario)
        .map(|scenario| WorkerRequest::Prepare { job, scenario })
        .map_err(|e| e.to_string())
}

impl Worker for SimulationWorker {
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self::default()
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let answer = self.answer(msg);
        scope.respond(id, answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;

    #[test]
    fn ping_is_answered_with_pong_for_the_same_job() {
        let answer = SimulationWorker::default().answer(WorkerRequest::Ping { job: JobId(7) });
        assert_eq!(answer.job(), JobId(7));
        assert!(matches!(
            answer,
            WorkerResponse::Pong {
                protocol: PROTOCOL_VERSION,
                ..
            }
        ));
    }

    #[test]
    fn units_give_the_records_of_the_core() {
        let mut scenario = presets::preset("jackman").expect("preset");
        scenario.horizon_days = 30;
        scenario.replications = 2;
        let mut worker = SimulationWorker::default();
        let job = JobId(3);
        let prepared = worker.answer(scenario_message(job, &scenario).expect("json"));
        assert_eq!(prepared, WorkerResponse::Prepared { job });
        let model = Model::new(egress_core::scenario::validate(scenario).expect("valid"));
        // Units in any order give exactly the core's records.
        for (r, s) in [(1, 2), (0, 0), (1, 0), (0, 2)] {
            let WorkerResponse::Record { record, .. } = worker.answer(WorkerRequest::Run {
                job,
                replication: r,
                strategy: s,
            }) else {
                panic!("expected a record");
            };
            let expected =
                serde_json::to_string(&model.run(&model.replication(r), s as usize)).expect("json");
            assert_eq!(record, expected);
        }
    }

    #[test]
    fn bad_requests_fail_with_a_message() {
        let mut worker = SimulationWorker::default();
        let job = JobId(1);
        assert!(matches!(
            worker.answer(WorkerRequest::Run {
                job,
                replication: 0,
                strategy: 0
            }),
            WorkerResponse::Failed { .. }
        ));
        assert!(matches!(
            worker.answer(WorkerRequest::Prepare {
                job,
                scenario: "{\"version\": 1}".into()
            }),
            WorkerResponse::Failed { .. }
        ));
    }
}
