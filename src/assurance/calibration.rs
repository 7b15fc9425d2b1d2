//! The calibration view: what the seizure record implies (simulated against recorded
//! per type and place, the prevalence multiplier with its interval or an upper bound,
//! the statistical model as the core states it), the alternative explanations of the
//! same record with each strategy's figures and verdict under each, and "Re-base on the
//! record" as one undoable edit.

use std::rc::Rc;

use egress_core::decide::analyses::CalibrationReport;
use egress_core::decide::calibrate::{Explanation, Multiplier, TypeCalibration, rebase};
use egress_core::scenario::assurance::{AssuranceSettings, Calibrated, TypeMultiplier};
use egress_core::scenario::{Contraband, Scenario};
use yew::prelude::*;

use crate::results::scroll_frame::ScrollFrame;

use crate::results::charts::html_badge;
use crate::results::format::{MISSING, Unit, count, interval_range, money, percent, raw};
use crate::state::{Action, AppContext, Edit};

/// "×0.412 (95% interval ×0.31 to ×0.55)", or "at most ×0.08" for a record of zero.
pub fn multiplier_words(m: &Multiplier) -> String {
    let x = |v: f64| format!("×{}", significant(v));
    if m.upper_bound_only {
        format!("at most {} (95% upper bound: nothing recorded)", x(m.high))
    } else {
        format!(
            "{} (95% interval {} to {})",
            x(m.estimate),
            x(m.low),
            x(m.high)
        )
    }
}

/// Three significant figures, no exponent: 0.000412 → "0.000412", 1234 → "1,234".
pub fn significant(v: f64) -> String {
    if !v.is_finite() {
        return String::from(MISSING);
    }
    if v == 0.0 {
        return String::from("0");
    }
    let digits = (2 - v.abs().log10().floor() as i32).max(0) as usize;
    if digits == 0 {
        count(v)
    } else {
        format!("{v:.digits$}")
    }
}

/// An amount in the entry's measure: dollars, or a count with its unit.
fn amount(e: &TypeCalibration, x: f64) -> String {
    if e.contraband == Contraband::Currency && e.measure != "seizures" {
        money(x)
    } else {
        format!("{} {}", significant(x), e.measure)
    }
}

/// The statistical model in a planner's words, from the core's note.
pub fn model_words(e: &TypeCalibration) -> String {
    if e.note.contains("quasi-Poisson") {
        format!(
            "Quasi-Poisson (over-dispersed counts: amounts per seizure vary): {}",
            e.note
        )
    } else if e.note.contains("Poisson") {
        format!("Poisson counts: {}", e.note)
    } else {
        e.note.clone()
    }
}

/// The re-based scenario, its provenance kept in the `assurance` section.
pub fn rebased(scenario: &Scenario, report: &CalibrationReport) -> Scenario {
    let mut s = rebase(scenario, &report.calibration);
    let multipliers: Vec<TypeMultiplier> = Contraband::ALL
        .iter()
        .filter_map(|&k| {
            report.calibration.multiplier_of(k).map(|m| TypeMultiplier {
                contraband: k,
                multiplier: m.estimate,
            })
        })
        .collect();
    let settings = s.assurance.get_or_insert_with(AssuranceSettings::default);
    settings.calibrated_to = Some(Calibrated {
        record: report.calibration.record.clone(),
        multipliers,
    });
    s
}

/// Explanations whose verdict differs from the first (prevalence) one.
pub fn verdict_changes(explanations: &[Explanation]) -> Vec<&Explanation> {
    let Some(first) = explanations.first() else {
        return Vec::new();
    };
    explanations
        .iter()
        .skip(1)
        .filter(|e| e.most_detections != first.most_detections)
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct CalibrationViewProps {
    pub report: Rc<CalibrationReport>,
    /// The outcome belongs to an earlier scenario: shown, but not re-based on.
    #[prop_or_default]
    pub stale: bool,
}

#[function_component]
pub fn CalibrationView(props: &CalibrationViewProps) -> Html {
    let state = use_context::<AppContext>();
    let report = &props.report;
    let c = &report.calibration;
    let can_rebase = c.entries.iter().any(|e| e.multiplier.is_some());
    let on_rebase = {
        let report = report.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(state) = &state else { return };
            let report = report.clone();
            let label = report.calibration.record.clone();
            state.dispatch(Action::UndoableEdit {
                edit: Edit::new("re-base on the record", move |s| *s = rebased(s, &report)),
                notice: format!("Prevalence re-based on the {label} record; Undo takes it back."),
            });
        })
    };
    let entries = c.entries.iter().enumerate().map(|(i, e)| {
        let sim = &e.simulated_per_year;
        html! {
            <tr data-entry={i.to_string()} data-contraband={e.contraband.key()}
                data-multiplier={e.multiplier.map(|m| raw(m.estimate))}
                data-upper-bound={e.multiplier.map(|m| m.upper_bound_only.to_string())}>
                <th scope="row">{ format!("{}, {}", e.contraband.label(), e.place) }</th>
                <td>{ format!("FY{}–{}", e.first_year, e.last_year % 100) }</td>
                <td class="num">{ amount(e, e.recorded_per_year) }</td>
                <td class="num">
                    { amount(e, sim.mean) }
                    if let Some(range) = interval_range(Unit::Count(""), sim) {
                        <span class="assurance__range">{ format!(" ({range})") }</span>
                    }
                </td>
                <td>{ e.multiplier.as_ref().map_or_else(|| String::from(if e.place == "all crossings" {
                    "none: the simulated baseline seized none"
                } else {
                    "compared only"
                }), multiplier_words) }</td>
                <td class="assurance__model">{ model_words(e) }</td>
            </tr>
        }
    });
    let changes = verdict_changes(&report.explanations);
    html! {
        <div class="assurance-calibration" id="calibration-result" data-record={c.record.clone()}
             data-stale={props.stale.to_string()}>
            <p class="assurance__lead">
                { format!("The {} record against today's practice (the first strategy) simulated over {} replications: the prevalence multiplier is what today's prevalence must be multiplied by to match the record.",
                    c.record, c.replications) }
            </p>
            <ScrollFrame label={AttrValue::from("Simulated against recorded")}>
                <table class="data-table assurance-table" id="calibration-table">
                    <caption class="data-table__caption">{ format!("Simulated against recorded, a year ({})", c.record) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Contraband, place" }</th>
                            <th scope="col">{ "Years" }</th>
                            <th scope="col">{ "Recorded" }</th>
                            <th scope="col">{ "Simulated (95% interval)" }</th>
                            <th scope="col">{ "Prevalence multiplier" }</th>
                            <th scope="col">{ "Statistical model" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for entries }</tbody>
                </table>
            </ScrollFrame>
            <p class="assurance__sources">
                { "Sources: " }
                { c.entries.iter().map(|e| e.source.clone()).collect::<Vec<_>>().join("; ") }
            </p>
            <div class="assurance__actions">
                <button type="button" class="button button--primary" id="rebase"
                        disabled={props.stale || !can_rebase}
                        title={if props.stale { "The scenario changed since this calibration: calibrate again first." } else { "" }}
                        onclick={on_rebase}>
                    { "Re-base on the record" }
                </button>
                <span class="assurance__note">
                    { "Multiplies each calibrated type's prevalence by its estimate (an edit you can undo); the record fixes only the product of prevalence, detection, outbound volume and amounts — the explanations below show what else would match it." }
                </span>
            </div>
            if !report.explanations.is_empty() {
                <h4 class="assurance__subheading">{ "Other explanations of the same record" }</h4>
                <p id="calibration-verdicts" data-changes={changes.len().to_string()}>
                    if changes.is_empty() {
                        { format!("Under every explanation the same strategy detects the most: {}.", report.explanations[0].most_detections) }
                    } else {
                        { format!("The verdict depends on the explanation: {}.",
                            report.explanations.iter().map(|e| format!("{} → {}", e.name, e.most_detections)).collect::<Vec<_>>().join("; ")) }
                    }
                </p>
                { for report.explanations.iter().map(explanation_table) }
            }
            if !report.refused.is_empty() {
                <p class="assurance__note" id="calibration-refused">
                    { format!("Not simulated: {}.", report.refused.iter().map(|(n, why)| format!("{n} ({why})")).collect::<Vec<_>>().join("; ")) }
                </p>
            }
        </div>
    }
}

fn explanation_table(e: &Explanation) -> Html {
    html! {
        <ScrollFrame label={AttrValue::from("How the strategies read under this explanation")}>
            <table class="data-table assurance-table" data-explanation={e.name.clone()}>
                <caption class="data-table__caption">
                    { format!("If {}: most detections — {}", e.name, e.most_detections) }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Strategy" }</th>
                        <th scope="col">{ "Detection rate" }</th>
                        <th scope="col">{ "Carriers detected a year" }</th>
                        <th scope="col">{ "Budget a year" }</th>
                        <th scope="col">{ "Extra cost per extra detection" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for e.strategies.iter().enumerate().map(|(i, s)| html! {
                        <tr data-strategy={i.to_string()} data-best={(s.strategy == e.most_detections).to_string()}>
                            <th scope="row">
                                { html_badge(i) }{ " " }{ s.strategy.clone() }
                                if s.strategy == e.most_detections { <span class="assurance__own">{ " (most detections)" }</span> }
                            </th>
                            <td class="num">{ percent(s.detection_rate.mean) }</td>
                            <td class="num">{ significant(s.detected.mean) }</td>
                            <td class="num">{ money(s.budget.mean) }</td>
                            <td class="num">{ s.cost_per_extra_detection.map_or_else(|| String::from(MISSING), money) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </ScrollFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipliers_read_as_planners_say_them() {
        let m = Multiplier {
            estimate: 0.4123,
            low: 0.31,
            high: 0.552,
            upper_bound_only: false,
        };
        assert_eq!(
            multiplier_words(&m),
            "×0.412 (95% interval ×0.310 to ×0.552)"
        );
        let zero = Multiplier {
            estimate: 0.0,
            low: 0.0,
            high: 0.0812,
            upper_bound_only: true,
        };
        assert!(multiplier_words(&zero).starts_with("at most ×0.0812"));
        assert_eq!(significant(1234.0), "1,234");
        assert_eq!(significant(12.34), "12.3");
    }
}
