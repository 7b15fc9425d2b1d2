//! The simulation worker and the messages exchanged with it.
//!
//! The page owns a pool of [`SimulationWorker`]s (see `crate::run`). For a run it sends
//! each worker the experiment's design once ([`WorkerRequest::Prepare`]: a plain run is
//! the design of one scenario's replications × strategies), then unit indices
//! ([`WorkerRequest::Run`]), two ahead, and sends the next unit when an answer arrives,
//! so fast workers take more units, no worker waits for a busy page, and a cancelled
//! run can be stopped by terminating the workers.
//!
//! A unit's record depends only on the design and the unit's index (keyed random
//! streams in egress-core, `egress_core::experiment`), so the page may spread units over
//! any number of workers — as the CLI spreads them over shards — and the records, and
//! what is decided from them, do not change.
//!
//! Designs and records cross the boundary as JSON text inside the bincode envelope:
//! the scenario's internally tagged enums need a self-describing format.

use egress_core::experiment::{Design, DesignSpec, Executor};
use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Path, relative to the page, of the loader shim Trunk generates for the worker
/// binary (`<bin name>_loader.js`; worker files are not hashed).
pub const WORKER_LOADER_PATH: &str = "./simulation_worker_loader.js";

/// Version of the message protocol; the worker reports it in [`WorkerResponse::Pong`]
/// so the page can detect a stale cached worker.
pub const PROTOCOL_VERSION: u32 = 3;

/// Identifies one request and all the responses it produces. Chosen by the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JobId(pub u64);

/// A message from the page to a simulation worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Liveness check; answered by [`WorkerResponse::Pong`].
    Ping { job: JobId },
    /// Rebuild the design (a `DesignSpec` as JSON, scenarios validated again) and keep
    /// it for the units of `job`.
    Prepare { job: JobId, design: String },
    /// Run one unit of the prepared design.
    Run { job: JobId, unit: u64 },
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
    /// The design of `job` is ready; `experiment` is its fingerprint as the worker
    /// computed it (the page checks it against its own).
    Prepared { job: JobId, experiment: String },
    /// One `experiment::UnitRecord` as JSON.
    Record { job: JobId, record: String },
    /// The request could not be served.
    Failed { job: JobId, message: String },
}

impl WorkerResponse {
    /// The job this response belongs to.
    pub fn job(&self) -> JobId {
        match self {
            Self::Pong { job, .. }
            | Self::Prepared { job, .. }
            | Self::Record { job, .. }
            | Self::Failed { job, .. } => *job,
        }
    }
}

/// The Web Worker that runs egress-core simulations off the main thread.
#[derive(Default)]
pub struct SimulationWorker {
    prepared: Option<(JobId, Design)>,
    executor: Executor,
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
            WorkerRequest::Prepare { job, design } => {
                let built = serde_json::from_str::<DesignSpec>(&design)
                    .map_err(|e| format!("the run's design is unreadable: {e}"))
                    .and_then(|spec| Design::from_spec(spec).map_err(|e| e.to_string()));
                match built {
                    Ok(design) => {
                        let experiment = design.fingerprint().to_owned();
                        self.prepared = Some((job, design));
                        WorkerResponse::Prepared { job, experiment }
                    }
                    Err(message) => WorkerResponse::Failed { job, message },
                }
            }
            WorkerRequest::Run { job, unit } => {
                let record = match &self.prepared {
                    Some((prepared, design)) if *prepared == job => self.executor.run(design, unit),
                    _ => {
                        return WorkerResponse::Failed {
                            job,
                            message: "no design was prepared for this run".to_string(),
                        };
                    }
                };
                match record.map(|r| serde_json::to_string(&r)) {
                    Some(Ok(record)) => WorkerResponse::Record { job, record },
                    Some(Err(e)) => WorkerResponse::Failed {
                        job,
                        message: e.to_string(),
                    },
                    None => WorkerResponse::Failed {
                        job,
                        message: format!("unit {unit} does not belong to the prepared run"),
                    },
                }
            }
        }
    }
}

/// The design as the worker receives it.
pub fn design_message(job: JobId, design: &Design) -> Result<WorkerRequest, String> {
    serde_json::to_string(&design.spec())
        .map(|design| WorkerRequest::Prepare { job, design })
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
    use egress_core::scenario::{presets, validate};

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
    fn units_give_the_records_of_the_core_executor() {
        let mut scenario = presets::preset("jackman").expect("preset");
        scenario.horizon_days = 30;
        scenario.replications = 2;
        let design = Design::run(validate(scenario).expect("valid"));
        let mut worker = SimulationWorker::default();
        let job = JobId(3);
        let prepared = worker.answer(design_message(job, &design).expect("json"));
        assert_eq!(
            prepared,
            WorkerResponse::Prepared {
                job,
                experiment: design.fingerprint().to_owned()
            }
        );
        // Units in any order give exactly the core's records.
        for unit in [7, 0, 5, 2] {
            let WorkerResponse::Record { record, .. } =
                worker.answer(WorkerRequest::Run { job, unit })
            else {
                panic!("expected a record");
            };
            let expected =
                serde_json::to_string(&Executor::default().run(&design, unit).expect("a unit"))
                    .expect("json");
            assert_eq!(record, expected);
        }
    }

    #[test]
    fn bad_requests_fail_with_a_message() {
        let mut worker = SimulationWorker::default();
        let job = JobId(1);
        assert!(matches!(
            worker.answer(WorkerRequest::Run { job, unit: 0 }),
            WorkerResponse::Failed { .. }
        ));
        assert!(matches!(
            worker.answer(WorkerRequest::Prepare {
                job,
                design: "{\"label\": \"run\"}".into()
            }),
            WorkerResponse::Failed { .. }
        ));
        let mut scenario = presets::preset("jackman").expect("preset");
        scenario.replications = 2;
        let design = Design::run(validate(scenario).expect("valid"));
        worker.answer(design_message(job, &design).expect("json"));
        let WorkerResponse::Failed { message, .. } = worker.answer(WorkerRequest::Run {
            job,
            unit: design.len(),
        }) else {
            panic!("a unit past the end must fail");
        };
        assert!(message.contains("does not belong"), "{message}");
    }
}
