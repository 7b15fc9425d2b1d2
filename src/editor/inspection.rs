//! How inspections perform, for every strategy: interview times and detection, X-ray
//! scan times, sensitivity and false alarms, search times and detection.

use egress_core::scenario::{Concealment, Modality, PerConcealment, Scenario};
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, Prov};
use crate::state::AppContext;

/// A row of detection shares by concealment (shown in %).
fn detection_row(
    ed: &Ed,
    base: &'static str,
    label: &str,
    values: &PerConcealment<f64>,
    get: fn(&mut Scenario) -> &mut PerConcealment<f64>,
) -> Html {
    html! {
        <tr>
            <th scope="row">{ label }<Prov path={base} /></th>
            { for Concealment::ALL.iter().map(|&c| {
                let path = format!("{base}.{}", c.key());
                let on_change = ed.edit("detection", move |s: &mut Scenario, v: f64| {
                    *get(s).get_mut(c) = v / 100.0;
                });
                html! {
                    <td>
                        <NumberField path={path.clone()} compact=true unit="%"
                                     label={format!("{label}: {}", c.label().to_lowercase())}
                                     value={values.get(c) * 100.0} error={ed.error(&path)} on_change={on_change} />
                    </td>
                }
            }) }
        </tr>
    }
}

/// A row of times by kind of traffic.
fn time_row(
    ed: &Ed,
    base: &'static str,
    label: &str,
    unit: &'static str,
    values: &egress_core::scenario::PerModality<f64>,
    get: fn(&mut Scenario) -> &mut egress_core::scenario::PerModality<f64>,
) -> Html {
    html! {
        <tr>
            <th scope="row">{ label }<Prov path={base} /></th>
            { for Modality::ALL.iter().map(|&m| {
                let path = format!("{base}.{}", m.key());
                let on_change = ed.edit("time", move |s: &mut Scenario, v: f64| {
                    *get(s).get_mut(m) = v;
                });
                html! {
                    <td>
                        <NumberField path={path.clone()} compact=true unit={unit}
                                     label={format!("{label}: {} ({unit})", m.label().to_lowercase())}
                                     value={*values.get(m)} error={ed.error(&path)} on_change={on_change} />
                    </td>
                }
            }) }
        </tr>
    }
}

#[function_component]
pub fn InspectionEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let i = &ed.scenario().inspection;
    let number = |path: &str, unit: &str, value: f64, f: fn(&mut Scenario, f64)| {
        html! {
            <NumberField path={path.to_string()} unit={unit.to_string()}
                         value={value} error={ed.error(path)} on_change={ed.edit("inspection", f)} />
        }
    };
    html! {
        <div class="inspection" id="technique-parameters">
            <h4 class="ed-subhead">{ "How inspections perform (all strategies)" }</h4>
            <p class="ed-lead">{ "Times and detection chances of each technique; the same for every strategy so that they are compared fairly." }</p>
            <h5 class="ed-minihead">{ "Interview" }</h5>
            <div class="field-grid">
                { number("inspection.interview.mean_seconds", "s (mean)", i.interview.mean_seconds, |s, v| s.inspection.interview.mean_seconds = v) }
                { number("inspection.interview.compartment_share", "%", i.interview.compartment_share * 100.0, |s, v| s.inspection.interview.compartment_share = v / 100.0) }
                { number("inspection.interview.compartment_mean_seconds", "s (mean)", i.interview.compartment_mean_seconds, |s, v| s.inspection.interview.compartment_mean_seconds = v) }
            </div>
            <h5 class="ed-minihead">{ "X-ray (NII)" }</h5>
            <div class="field-grid">
                { number("inspection.nii.false_alarm_rate", "%", i.nii.false_alarm_rate * 100.0, |s, v| s.inspection.nii.false_alarm_rate = v / 100.0) }
                { number("inspection.nii.availability", "%", i.nii.availability * 100.0, |s, v| s.inspection.nii.availability = v / 100.0) }
            </div>
            <div class="table-scroll table-scroll--auto">
                <table class="data-table data-table--inputs" id="times-table">
                    <caption class="data-table__caption">{ "Time per selected vehicle" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Step" }</th>
                            { for Modality::ALL.iter().map(|m| html! { <th scope="col">{ m.label() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { time_row(&ed, "inspection.nii.scan_seconds", "X-ray scan", "s", &i.nii.scan_seconds, |s| &mut s.inspection.nii.scan_seconds) }
                        { time_row(&ed, "inspection.search.minutes", "Physical search (crew of 2)", "min", &i.search.minutes, |s| &mut s.inspection.search.minutes) }
                    </tbody>
                </table>
            </div>
            <div class="field-grid">
                { number("inspection.search.crew_of_three_time_share", "% of a crew of 2's", i.search.crew_of_three_time_share * 100.0, |s, v| s.inspection.search.crew_of_three_time_share = v / 100.0) }
            </div>
            <div class="table-scroll table-scroll--auto">
                <table class="data-table data-table--inputs" id="detection-table">
                    <caption class="data-table__caption">{ "Chance to find a carrier, by concealment" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Technique" }</th>
                            { for Concealment::ALL.iter().map(|c| html! { <th scope="col">{ c.label() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { detection_row(&ed, "inspection.interview.detection", "Interview", &i.interview.detection, |s| &mut s.inspection.interview.detection) }
                        { detection_row(&ed, "inspection.nii.sensitivity", "X-ray shows an anomaly", &i.nii.sensitivity, |s| &mut s.inspection.nii.sensitivity) }
                        { detection_row(&ed, "inspection.search.detection", "Physical search", &i.search.detection, |s| &mut s.inspection.search.detection) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
