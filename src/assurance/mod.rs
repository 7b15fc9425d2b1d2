//! "How sure are we?": calibration to the seizure record, the sensitivity tornado and
//! the robustness shares, each with its button, its progress (`AnalysisBar`) and its
//! result. A result whose scenario has changed since is still shown, marked as out of
//! date (re-basing on it is refused).
//!
//! - `calibration.rs`: simulated against recorded, multipliers, explanations, re-base.
//! - `sensitivity.rs` and `tornado.rs`: the tornado charts and the verdict flips.
//! - `robustness.rs`: wins in X% of plausible worlds, 50/90% bands.
//! - `bands.rs`: the robustness bands the results' charts draw.

pub mod bands;
pub mod calibration;
pub mod robustness;
pub mod sensitivity;
pub mod tornado;

use egress_core::scenario::assurance::AssuranceSettings;
use yew::prelude::*;

use crate::analyses::AnalysisBar;
use crate::run::RunCommand;
use crate::state::{AnalysesContext, AnalysisKind, AnalysisOutcome, AppContext};
use calibration::CalibrationView;
use robustness::RobustnessView;
use sensitivity::SensitivityView;

/// What each analysis is for, said above its button.
fn purpose(kind: AnalysisKind) -> &'static str {
    match kind {
        AnalysisKind::Calibration => {
            "What the seizure record implies for prevalence, and how the verdict reads under other explanations of the same record."
        }
        AnalysisKind::Sensitivity => {
            "Each assumption at the low and high end of its plausible range: which ones move the figures, and which flip a verdict."
        }
        AnalysisKind::Robustness => {
            "Plausible worlds sampled over every range at once: how often each strategy is best."
        }
        AnalysisKind::Programme => "",
    }
}

fn title(kind: AnalysisKind) -> &'static str {
    match kind {
        AnalysisKind::Calibration => "Calibration to the seizure record",
        AnalysisKind::Sensitivity => "Sensitivity: which assumptions matter",
        AnalysisKind::Robustness => "Robustness across plausible worlds",
        AnalysisKind::Programme => "Programme",
    }
}

fn button(kind: AnalysisKind) -> &'static str {
    match kind {
        AnalysisKind::Calibration => "Calibrate to the record",
        AnalysisKind::Sensitivity => "Run the sensitivity analysis",
        AnalysisKind::Robustness => "Run the robustness analysis",
        AnalysisKind::Programme => "Optimise",
    }
}

#[function_component]
pub fn AssurancePanel() -> Html {
    let state = use_context::<AppContext>();
    let analyses = use_context::<AnalysesContext>();
    let command = use_context::<Callback<RunCommand>>();
    let (Some(state), Some(analyses), Some(command)) = (state, analyses, command) else {
        return Html::default();
    };
    let blocked = state.run_blocked_reason(analyses.running().is_some());
    let no_record = state.scenario.record.is_none();
    let criterion = AssuranceSettings::of(&state.scenario).criterion;
    let kinds = [
        AnalysisKind::Calibration,
        AnalysisKind::Sensitivity,
        AnalysisKind::Robustness,
    ];
    html! {
        <section class="assurance" id="assurance-view" aria-label="How sure are we?">
            { for kinds.into_iter().map(|kind| {
                let onclick = command.reform(move |_: MouseEvent| RunCommand::Analyse(kind));
                let analysis = analyses.get(kind).cloned();
                let stale = analysis.as_ref().is_some_and(|a| a.is_stale_for(&state.scenario));
                let result = match analysis.as_ref().and_then(|a| a.outcome()) {
                    Some(AnalysisOutcome::Calibration(r)) => html! { <CalibrationView report={r.clone()} {stale} /> },
                    Some(AnalysisOutcome::Sensitivity(s)) => html! { <SensitivityView sensitivity={s.clone()} /> },
                    Some(AnalysisOutcome::Robustness(r)) => html! { <RobustnessView robustness={r.clone()} {criterion} /> },
                    _ => Html::default(),
                };
                let has_result = analysis.as_ref().is_some_and(|a| a.outcome().is_some());
                let needs_record = kind == AnalysisKind::Calibration && no_record;
                let why_not = blocked.clone().or_else(|| needs_record.then(|| String::from(
                    "Pick a seizure record first (editor: Seizure record & robustness).")));
                html! {
                    <div class="assurance__analysis" data-analysis={kind.key()} data-stale={stale.to_string()}>
                        <h3 class="assurance__heading">{ title(kind) }</h3>
                        <p class="assurance__purpose">{ purpose(kind) }</p>
                        <button type="button" class="button" id={format!("analyse-{}", kind.key())}
                                disabled={why_not.is_some()} title={why_not.clone().unwrap_or_default()} {onclick}>{ button(kind) }</button>
                        if let Some(why) = why_not.filter(|_| needs_record) {
                            <p class="assurance__note">{ why }</p>
                        }
                        if let Some(a) = analysis {
                            <AnalysisBar analysis={a} />
                        }
                        if stale && has_result {
                            <p class="assurance__stale" role="note">
                                { "The scenario has changed since this analysis: its figures are for the earlier version. Run it again to bring them up to date." }
                            </p>
                        }
                        { result }
                    </div>
                }
            }) }
        </section>
    }
}
