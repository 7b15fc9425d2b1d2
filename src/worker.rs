//! The simulation worker and the messages exchanged with it.
//!
//! The page owns a [`gloo_worker::WorkerBridge`] to one or more instances of
//! [`SimulationWorker`] and sends [`WorkerRequest`]s; each worker answers with
//! [`WorkerResponse`]s. Messages are serialised with gloo-worker's default codec
//! (bincode), so every type carried must implement `Serialize`/`Deserialize`.
//!
//! Every request carries a [`JobId`] chosen by the page, and every response echoes it,
//! so the page can match answers to requests when several are in flight (or several
//! workers share one callback).
//!
//! # Planned protocol (only `Ping`/`Pong` exist today)
//!
//! ```text
//! page -> worker   Run { job, scenario, seed, replications: first..end }
//! worker -> page   Replication { job, index, metrics }   (one per replication, in order)
//! worker -> page   Finished { job }                        (after the last one)
//! page -> worker   Cancel { job }                          (stop after the current replication)
//! worker -> page   Failed { job, message }                 (invalid scenario, panic guard…)
//! ```
//!
//! Replication `i` uses a seed derived from the scenario seed and `i` only, so the page
//! may split `0..R` across any number of workers and merge the answers by index: results
//! do not depend on how many workers ran them. To keep `Cancel` responsive, the worker
//! should run one replication per turn of its event loop (send itself a
//! [`gloo_worker::Worker::Message`] after each one) rather than loop over the whole range.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Path, relative to the page, of the loader shim Trunk generates for the worker
/// binary (`<bin name>_loader.js`; worker files are not hashed).
pub const WORKER_LOADER_PATH: &str = "./simulation_worker_loader.js";

/// Version of the message protocol; the worker reports it in [`WorkerResponse::Pong`]
/// so the page can detect a stale cached worker.
pub const PROTOCOL_VERSION: u32 = 1;

/// Identifies one request and all the responses it produces. Chosen by the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JobId(pub u64);

/// A message from the page to a simulation worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Liveness check; answered by [`WorkerResponse::Pong`].
    Ping { job: JobId },
    // Planned: `Run { job, scenario, seed, replications: Range<u32> }`, `Cancel { job }`.
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
    /// The request could not be served.
    Failed { job: JobId, message: String },
    // Planned: `Replication { job, index, metrics }`, `Finished { job }`.
}

impl WorkerResponse {
    /// The job this response belongs to.
    pub fn job(&self) -> JobId {
        match self {
            Self::Pong { job, .. } | Self::Failed { job, .. } => *job,
        }
    }
}

/// The Web Worker that will run egress-core simulations off the main thread.
#[derive(Debug, Default)]
pub struct SimulationWorker;

impl SimulationWorker {
    /// Computes the answer to one request. Pure, so it is testable without a worker.
    pub fn answer(request: WorkerRequest) -> WorkerResponse {
        match request {
            WorkerRequest::Ping { job } => WorkerResponse::Pong {
                job,
                protocol: PROTOCOL_VERSION,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
        }
    }
}

impl Worker for SimulationWorker {
    /// Internal messages (the worker to itself); will drive replication-by-replication runs.
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        scope.respond(id, Self::answer(msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ping_is_answered_with_pong_for_the_same_job() {
        let answer = SimulationWorker::answer(WorkerRequest::Ping { job: JobId(7) });
        assert_eq!(answer.job(), JobId(7));
        assert!(matches!(
            answer,
            WorkerResponse::Pong {
                protocol: PROTOCOL_VERSION,
                ..
            }
        ));
    }
}
