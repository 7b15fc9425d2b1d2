use yew::prelude::*;

use super::{AppHeader, Panel, WorkerStatus};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ShellProps {
    pub worker_status: WorkerStatus,
    /// Banner, preset picker and run controls, above both sides.
    #[prop_or_default]
    pub toolbar: Html,
    /// The scenario editor (left).
    #[prop_or_default]
    pub editor: Html,
    /// The results (right).
    #[prop_or_default]
    pub results: Html,
}

/// The whole page layout: header, toolbar, editor (left), results (right), footer.
#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    html! {
        <div class="app">
            <AppHeader worker_status={props.worker_status.clone()} />
            <div class="toolbar-row" role="region" aria-label="Scenario, run and files">{ props.toolbar.clone() }</div>
            <main class="workspace">
                <Panel id="editor" title="Scenario editor"
                       subtitle="Crossings, traffic, threats and the inspection strategies to compare">
                    { props.editor.clone() }
                </Panel>
                <Panel id="results" title="Results"
                       subtitle="Per strategy, with 95% intervals across replications">
                    { props.results.clone() }
                </Panel>
            </main>
            <footer class="app-footer">
                <span>{ "Runs entirely in this browser, in WebAssembly: no data leaves this machine." }</span>
                <span class="app-footer__version">{ concat!("v", env!("CARGO_PKG_VERSION")) }</span>
            </footer>
        </div>
    }
}
