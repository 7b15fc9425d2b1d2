use yew::prelude::*;

use super::{AppHeader, Panel, WorkerStatus};

/// Left side: where the planner will describe crossings, traffic, threats and strategies.
#[function_component]
pub fn EditorPanel() -> Html {
    html! {
        <Panel id="editor" title="Scenario editor"
               subtitle="Crossings, traffic, threats and the inspection strategies to compare">
            <div class="placeholder">
                <p class="placeholder__lead">{ "The scenario editor is under construction." }</p>
                <p class="placeholder__text">
                    { "It will describe the crossings to plan for, their outbound traffic, \
                       the contraband to look for, and the inspection strategies to compare: \
                       schedules, vehicle selection, inspection technique and staffing." }
                </p>
            </div>
        </Panel>
    }
}

/// Right side: where simulation results will be shown.
#[function_component]
pub fn ResultsPanel() -> Html {
    html! {
        <Panel id="results" title="Results"
               subtitle="Per strategy, with 95% intervals across replications">
            <div class="placeholder">
                <p class="placeholder__lead">{ "No results yet." }</p>
                <p class="placeholder__text">
                    { "Running a scenario will report, for each strategy, the share of \
                       contraband detected, seizures per year, officer-hours and budget, \
                       and the delay imposed on travellers." }
                </p>
            </div>
        </Panel>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ShellProps {
    pub worker_status: WorkerStatus,
}

/// The whole page layout: header, editor (left), results (right), footer.
#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    html! {
        <div class="app">
            <AppHeader worker_status={props.worker_status.clone()} />
            <main class="workspace">
                <EditorPanel />
                <ResultsPanel />
            </main>
            <footer class="app-footer">
                <span>{ "Runs entirely in this browser, in WebAssembly: no data leaves this machine." }</span>
                <span class="app-footer__version">{ concat!("v", env!("CARGO_PKG_VERSION")) }</span>
            </footer>
        </div>
    }
}
