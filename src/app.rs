//! The root component: owns the simulation worker and feeds the presentational shell.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::components::{Shell, WorkerStatus};
use crate::worker::{
    JobId, PROTOCOL_VERSION, SimulationWorker, WORKER_LOADER_PATH, WorkerRequest, WorkerResponse,
};

/// Spawns the simulation worker through Trunk's loader shim (a same-origin module
/// script, which the `worker-src 'self'` policy allows; a `blob:` worker would be
/// blocked) and reports its answers to `on_response`.
fn spawn_simulation_worker(
    on_response: impl Fn(WorkerResponse) + 'static,
) -> WorkerBridge<SimulationWorker> {
    SimulationWorker::spawner()
        .callback(on_response)
        .with_loader(true)
        .spawn(WORKER_LOADER_PATH)
}

/// Folds one worker response into the status shown in the header.
pub fn status_after(response: WorkerResponse) -> WorkerStatus {
    match response {
        WorkerResponse::Pong {
            protocol, version, ..
        } if protocol == PROTOCOL_VERSION => WorkerStatus::Ready { version },
        WorkerResponse::Pong { protocol, .. } => WorkerStatus::Failed {
            message: format!(
                "protocol {protocol} does not match the page's {PROTOCOL_VERSION}; reload the page"
            ),
        },
        WorkerResponse::Failed { message, .. } => WorkerStatus::Failed { message },
    }
}

/// The application root.
#[function_component]
pub fn App() -> Html {
    let worker_status = use_state(WorkerStatus::default);
    let bridge: Rc<RefCell<Option<WorkerBridge<SimulationWorker>>>> = use_mut_ref(|| None);

    {
        let worker_status = worker_status.clone();
        use_effect_with((), move |_| {
            let worker = spawn_simulation_worker(move |response| {
                worker_status.set(status_after(response));
            });
            worker.send(WorkerRequest::Ping { job: JobId(0) });
            *bridge.borrow_mut() = Some(worker);
            // Dropping the last bridge terminates the worker.
            move || drop(bridge.borrow_mut().take())
        });
    }

    html! { <Shell worker_status={(*worker_status).clone()} /> }
}
