//! The briefing's "How sure are we?" section, when analyses of the briefed scenario are
//! done: the calibration (record, multiplier per type), the three assumptions that
//! matter most (largest swings, those that flip the verdict marked), and the robustness
//! shares — kept short enough for one printed page (`break-inside: avoid`).

use std::rc::Rc;

use egress_core::decide::analyses::CalibrationReport;
use egress_core::decide::robustness::Robustness;
use egress_core::decide::sensitivity::Sensitivity;
use egress_core::scenario::Scenario;
use egress_core::scenario::assurance::AssuranceSettings;
use yew::prelude::*;

use crate::assurance::calibration::multiplier_words;
use crate::assurance::robustness::{criteria, criterion_key, share};
use crate::assurance::sensitivity::first_tornado;
use crate::assurance::tornado::{ends, figure, flip_words, tornado_title};
use crate::results::charts::html_badge;
use crate::results::format::percent;
use crate::state::{AnalysesContext, AnalysisKind, AnalysisOutcome};

/// Assumptions the briefing names.
const TOP_ASSUMPTIONS: usize = 3;

#[derive(Properties, PartialEq)]
pub struct BriefingAssuranceProps {
    /// The briefed scenario: only analyses of exactly this scenario are reported.
    pub scenario: Rc<Scenario>,
}

/// The section, or nothing when no analysis of the briefed scenario is done.
#[function_component]
pub fn BriefingAssurance(props: &BriefingAssuranceProps) -> Html {
    let Some(analyses) = use_context::<AnalysesContext>() else {
        return Html::default();
    };
    let current = |kind| analyses.current(kind, &props.scenario).cloned();
    let calibration = match current(AnalysisKind::Calibration) {
        Some(AnalysisOutcome::Calibration(c)) => Some(c),
        _ => None,
    };
    let sensitivity = match current(AnalysisKind::Sensitivity) {
        Some(AnalysisOutcome::Sensitivity(s)) => Some(s),
        _ => None,
    };
    let robustness = match current(AnalysisKind::Robustness) {
        Some(AnalysisOutcome::Robustness(r)) => Some(r),
        _ => None,
    };
    if calibration.is_none() && sensitivity.is_none() && robustness.is_none() {
        return Html::default();
    }
    let settings = AssuranceSettings::of(&props.scenario);
    html! {
        <section id="briefing-assurance" class="briefing__section briefing-assurance" aria-labelledby="briefing-assurance-title">
            <h2 id="briefing-assurance-title" class="briefing__heading">{ "How sure are we?" }</h2>
            if let Some(c) = calibration { { calibration_part(&c) } }
            if let Some(s) = sensitivity { { sensitivity_part(&s) } }
            if let Some(r) = robustness { { robustness_part(&r, &settings) } }
        </section>
    }
}

fn calibration_part(report: &CalibrationReport) -> Html {
    let c = &report.calibration;
    let lines = c.entries.iter().map(|e| {
        let what = format!("{}, {}", e.contraband.label(), e.place);
        html! {
            <li data-contraband={e.contraband.key()}>
                { match &e.multiplier {
                    Some(m) => format!("{what}: prevalence multiplier {}.", multiplier_words(m)),
                    None => format!("{what}: compared only ({}).", e.note),
                } }
            </li>
        }
    });
    let verdicts: Vec<String> = report
        .explanations
        .iter()
        .map(|e| format!("{} → {}", e.name, e.most_detections))
        .collect();
    html! {
        <div id="briefing-calibration" class="briefing-assurance__part">
            <h3 class="briefing__subheading">{ format!("Calibrated to the {} record", c.record) }</h3>
            <ul class="briefing-assurance__list">{ for lines }</ul>
            if !verdicts.is_empty() {
                <p class="briefing__lead">
                    { format!("The record fixes only the product of prevalence, detection, outbound volume and amounts. Most detections under each explanation: {}.", verdicts.join("; ")) }
                </p>
            }
        </div>
    }
}

fn sensitivity_part(s: &Sensitivity) -> Html {
    let Some(t) = s.tornadoes.get(first_tornado(s)) else {
        return Html::default();
    };
    let flipping_elsewhere: Vec<String> = s
        .tornadoes
        .iter()
        .filter(|t| t.difference)
        .flat_map(|t| t.flipping().map(|b| b.label.clone()))
        .fold(Vec::new(), |mut out, l| {
            if !out.contains(&l) {
                out.push(l);
            }
            out
        });
    html! {
        <div id="briefing-sensitivity" class="briefing-assurance__part">
            <h3 class="briefing__subheading">{ "The assumptions that matter most" }</h3>
            <p class="briefing__lead">{ format!("{}: {} with every assumption at its default.", tornado_title(t), figure(t, t.base.mean)) }</p>
            <ol class="briefing-assurance__list">
                { for t.bars.iter().take(TOP_ASSUMPTIONS).map(|b| html! {
                    <li data-assumption={b.assumption.clone()} data-flips={b.flips.to_string()}>
                        <strong>{ if b.flips { format!("⇄ {}", b.label) } else { b.label.clone() } }</strong>
                        { format!(" ({}): {} to {}{}.", ends(b), figure(t, b.at_low.mean), figure(t, b.at_high.mean),
                            flip_words(b).map(|f| format!(" — {f}")).unwrap_or_default()) }
                    </li>
                }) }
            </ol>
            <p class="briefing__lead">
                { if flipping_elsewhere.is_empty() {
                    String::from("No single assumption at either end of its range reverses a comparison between strategies.")
                } else {
                    format!("Assumptions that reverse a comparison between strategies (⇄): {}.", flipping_elsewhere.join(", "))
                } }
            </p>
        </div>
    }
}

fn robustness_part(r: &Robustness, settings: &AssuranceSettings) -> Html {
    let criteria = criteria(r, settings.criterion);
    html! {
        <div id="briefing-robustness" class="briefing-assurance__part">
            <h3 class="briefing__subheading">
                { format!("Wins across {} plausible worlds", r.worlds) }
            </h3>
            <table class="briefing-assurance__table" id="briefing-robustness-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Strategy" }</th>
                        { for criteria.iter().map(|c| html! {
                            <th scope="col" data-criterion={criterion_key(*c)}>{ format!("Best by {}", c.label()) }</th>
                        }) }
                        <th scope="col">{ "Detection, middle 50% of worlds" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for r.strategies.iter().enumerate().map(|(i, s)| html! {
                        <tr data-strategy={i.to_string()}>
                            <th scope="row">{ html_badge(i) }{ " " }{ s.strategy.clone() }</th>
                            { for criteria.iter().map(|c| html! {
                                <td>{ share(&s.wins, *c).map_or_else(|| String::from("—"), percent) }</td>
                            }) }
                            <td>{ format!("{} to {}", percent(s.detection_rate.p25), percent(s.detection_rate.p75)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
