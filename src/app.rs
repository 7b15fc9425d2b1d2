//! The root component: owns the scenario's state and the status worker, and lays out
//! the toolbar, the editor and the results under the run's context (`RunProvider`,
//! which owns the worker pool).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::analyses::ResultsTabs;
use crate::briefing::Briefing;
use crate::components::{AppHeader, Shell, WorkerStatus};
use crate::editor::ScenarioEditor;
use crate::hooks::use_leave_warning;
use crate::run::RunProvider;
use crate::share::use_shared_links;
use crate::skip_links::SkipLinks;
use crate::state::{AppContext, AppState, View};
use crate::toolbar::Toolbar;
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
        WorkerResponse::Prepared { .. } | WorkerResponse::Record { .. } => WorkerStatus::Failed {
            message: "unexpected answer to a ping".to_string(),
        },
    }
}

/// The application root.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let worker_status = use_state(WorkerStatus::default);
    use_shared_links(state.clone());
    use_leave_warning(state.has_unsaved_edits());
    let bridge: Rc<RefCell<Option<WorkerBridge<SimulationWorker>>>> = use_mut_ref(|| None);

    {
        let worker_status = worker_status.clone();
        use_effect_with((), move |_| {
            let worker = spawn_simulation_worker(move |response| {
                worker_status.set(status_after(response));
            });
            worker.send(WorkerRequest::Ping { job: JobId(0) });
            *bridge.borrow_mut() = Some(worker);
            move || drop(bridge.borrow_mut().take())
        });
    }
    // The briefing replaces the editor and the results (the run and the workers go on).
    let page = match state.view {
        View::Briefing => html! {
            <div class="app app--briefing">
                <AppHeader worker_status={(*worker_status).clone()} />
                <div class="toolbar-row" role="region" aria-label="Scenario, run and files">{ html! { <Toolbar /> } }</div>
                <main class="briefing-page">
                    <Briefing />
                </main>
            </div>
        },
        View::Planner => html! {
            <>
            <SkipLinks />
            <Shell worker_status={(*worker_status).clone()}
                   toolbar={html! { <Toolbar /> }}
                   editor={html! { <ScenarioEditor /> }}
                   results={html! { <ResultsTabs /> }} />
            </>
        },
    };

    html! {
        <ContextProvider<AppContext> context={state}>
            <RunProvider>{ page }</RunProvider>
        </ContextProvider<AppContext>>
    }
}
