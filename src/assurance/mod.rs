//! "How sure are we?": calibration to the seizure record, the sensitivity tornado and
//! the robustness shares. (A first cut: the three buttons and their progress; the
//! tables and charts come with the view.)

use yew::prelude::*;

use crate::analyses::AnalysisBar;
use crate::run::RunCommand;
use crate::state::{AnalysesContext, AnalysisKind, AppContext};

#[function_component]
pub fn AssurancePanel() -> Html {
    let state = use_context::<AppContext>();
    let analyses = use_context::<AnalysesContext>();
    let command = use_context::<Callback<RunCommand>>();
    let (Some(state), Some(analyses), Some(command)) = (state, analyses, command) else {
        return Html::default();
    };
    let blocked = state.run_blocked_reason(analyses.running().is_some());
    let kinds = [
        (AnalysisKind::Calibration, "Calibrate to the record"),
        (AnalysisKind::Sensitivity, "Sensitivity (tornado)"),
        (AnalysisKind::Robustness, "Robustness (plausible worlds)"),
    ];
    html! {
        <section class="assurance" id="assurance-view" aria-label="How sure are we?">
            { for kinds.into_iter().map(|(kind, label)| {
                let onclick = command.reform(move |_: MouseEvent| RunCommand::Analyse(kind));
                html! {
                    <div class="assurance__analysis" data-analysis={kind.key()}>
                        <button type="button" class="button" id={format!("analyse-{}", kind.key())}
                                disabled={blocked.is_some()} {onclick}>{ label }</button>
                        if let Some(a) = analyses.get(kind).cloned() {
                            <AnalysisBar analysis={a} />
                        }
                    </div>
                }
            }) }
        </section>
    }
}
