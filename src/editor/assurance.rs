//! The robustness analysis's settings (plausible worlds, replications in each, the
//! criterion the planner ranks by), kept in the scenario so its share link reproduces
//! the analysis; and where the prevalence came from when it was re-based on a record.

use egress_core::decide::robustness::Criterion;
use egress_core::scenario::Scenario;
use egress_core::scenario::assurance::{AssuranceSettings, REPLICATIONS_PER_WORLD, WORLDS};
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, SelectField, count_range};
use crate::assurance::robustness::criterion_key;
use crate::state::AppContext;

fn settings_mut(s: &mut Scenario) -> &mut AssuranceSettings {
    s.assurance.get_or_insert_with(AssuranceSettings::default)
}

#[function_component]
pub fn AssuranceSettingsEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let settings = AssuranceSettings::of(s);
    let criteria: Vec<(AttrValue, AttrValue)> = Criterion::ALL
        .iter()
        .map(|c| {
            (
                AttrValue::from(criterion_key(*c)),
                AttrValue::from(c.label()),
            )
        })
        .collect();
    let on_criterion = ed.edit("robustness criterion", |s: &mut Scenario, v: String| {
        if let Some(c) = Criterion::ALL.iter().find(|c| criterion_key(**c) == v) {
            settings_mut(s).criterion = *c;
        }
    });
    let units = u64::from(settings.worlds)
        * u64::from(settings.replications_per_world.min(s.replications))
        * s.strategies.len() as u64;
    html! {
        <div class="assurance-settings" id="assurance-settings">
            <p class="ed-lead">
                { "Robustness samples plausible worlds over every assumption's range and counts how often each strategy is best." }
            </p>
            <div class="field-grid">
                <NumberField path="assurance.worlds" unit="worlds" integer=true range={count_range(WORLDS)}
                             value={f64::from(settings.worlds)} error={ed.error("assurance.worlds")}
                             on_change={ed.edit("robustness worlds", |s: &mut Scenario, v: f64| settings_mut(s).worlds = v as u32)} />
                <NumberField path="assurance.replications_per_world" unit="runs" integer=true
                             range={count_range(REPLICATIONS_PER_WORLD)}
                             value={f64::from(settings.replications_per_world)}
                             error={ed.error("assurance.replications_per_world")}
                             on_change={ed.edit("robustness replications", |s: &mut Scenario, v: f64| settings_mut(s).replications_per_world = v as u32)} />
                <SelectField path="assurance.criterion" options={criteria}
                             selected={AttrValue::from(criterion_key(settings.criterion))}
                             error={ed.error("assurance.criterion")} on_change={on_criterion} />
            </div>
            <p class="ed-lead" id="assurance-units">
                { format!("{} worlds × {} replications × {} strateg{} = {} units of work.",
                    settings.worlds, settings.replications_per_world.min(s.replications), s.strategies.len(),
                    if s.strategies.len() == 1 { "y" } else { "ies" }, units) }
            </p>
            if let Some(c) = &settings.calibrated_to {
                <p class="assurance-settings__calibrated" id="prevalence-calibrated">
                    <span class="prov__badge prov--calibrated">{ "Calibrated" }</span>
                    { format!(" Prevalence {}.", c.note()) }
                </p>
            }
        </div>
    }
}
