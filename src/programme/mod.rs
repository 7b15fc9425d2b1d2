//! The programme view: the optimiser's goal, its progress, and the programme it found.
//! (A first cut: the optimise button, progress and the chosen plans' count; the
//! frontier, per-crossing table and "add as strategy" come with the view.)

use yew::prelude::*;

use crate::analyses::AnalysisBar;
use crate::run::RunCommand;
use crate::state::{AnalysesContext, AnalysisKind, AnalysisOutcome, AppContext};

#[function_component]
pub fn ProgrammePanel() -> Html {
    let state = use_context::<AppContext>();
    let analyses = use_context::<AnalysesContext>();
    let command = use_context::<Callback<RunCommand>>();
    let (Some(state), Some(analyses), Some(command)) = (state, analyses, command) else {
        return Html::default();
    };
    let analysis = analyses.get(AnalysisKind::Programme).cloned();
    let running = analyses.running().is_some();
    let blocked = state.run_blocked_reason(running);
    let on_optimise = command.reform(|_: MouseEvent| RunCommand::Analyse(AnalysisKind::Programme));
    let result = analysis.as_ref().and_then(|a| match a.outcome() {
        Some(AnalysisOutcome::Programme(p)) => Some(p.clone()),
        _ => None,
    });
    html! {
        <section class="programme" id="programme-view" aria-label="Programme">
            <button type="button" class="button button--primary" id="optimise"
                    disabled={blocked.is_some()} title={blocked.clone().unwrap_or_default()}
                    onclick={on_optimise}>{ "Optimise the programme" }</button>
            if let Some(a) = analysis {
                <AnalysisBar analysis={a} />
            }
            if let Some(p) = result {
                <p id="programme-result" data-crossings={p.crossings.len().to_string()}>
                    { format!("{} crossings searched.", p.crossings.len()) }
                </p>
            }
        </section>
    }
}
