//! Staffing and costs: officer pay and overtime, set-up cost per operation, X-ray unit
//! costs, and the optional value of travellers' time.

use egress_core::scenario::Scenario;
use yew::prelude::*;

use super::Ed;
use super::fields::{CheckField, NumberField};
use super::format::money;
use crate::state::AppContext;

#[function_component]
pub fn CostsEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let c = ed.scenario().costs;
    let money_field = |path: &str, unit: &str, value: f64, f: fn(&mut Scenario, f64)| {
        html! {
            <NumberField path={path.to_string()} prefix="$" unit={unit.to_string()}
                         value={value} decimals={2} grouping=true error={ed.error(path)}
                         on_change={ed.edit("costs", f)} />
        }
    };
    let number = |path: &str, unit: &str, value: f64, f: fn(&mut Scenario, f64)| {
        html! {
            <NumberField path={path.to_string()} unit={unit.to_string()}
                         value={value} error={ed.error(path)} on_change={ed.edit("costs", f)} />
        }
    };
    let annual_nii = if c.nii_life_years > 0.0 {
        c.nii_capex_per_unit / c.nii_life_years + c.nii_opex_per_unit_year
    } else {
        f64::NAN
    };
    let overtime_rate = c.basic_hourly_rate * c.overtime_multiplier;

    html! {
        <div class="costs">
            <h4 class="ed-subhead">{ "Officers" }</h4>
            <p class="ed-lead">
                { "Officers per shift and X-ray units are set per crossing (Crossings & traffic); teams and crew size per strategy." }
            </p>
            <div class="field-grid">
                { money_field("costs.loaded_hourly_rate", "/ hour", c.loaded_hourly_rate, |s, v| s.costs.loaded_hourly_rate = v) }
                { money_field("costs.basic_hourly_rate", "/ hour", c.basic_hourly_rate, |s, v| s.costs.basic_hourly_rate = v) }
                { number("costs.overtime_multiplier", "× basic pay", c.overtime_multiplier, |s, v| s.costs.overtime_multiplier = v) }
                { number("costs.shift_hours", "h", c.shift_hours, |s, v| s.costs.shift_hours = v) }
                { money_field("costs.overtime_cap_per_officer", "/ year", c.overtime_cap_per_officer, |s, v| s.costs.overtime_cap_per_officer = v) }
            </div>
            <p class="plan__note">
                { format!("Overtime hours cost {} each: an officer's hours past the shift in a day, across all the day's operations, and officers beyond the crossing's outbound roster. Past the cap, officers are hired at the loaded cost.", money((overtime_rate * 100.0).round() / 100.0)) }
            </p>

            <h4 class="ed-subhead">{ "Operations and equipment" }</h4>
            <div class="field-grid">
                { money_field("costs.setup_cost_per_operation", "/ operation", c.setup_cost_per_operation, |s, v| s.costs.setup_cost_per_operation = v) }
                { money_field("costs.nii_capex_per_unit", "/ unit", c.nii_capex_per_unit, |s, v| s.costs.nii_capex_per_unit = v) }
                { number("costs.nii_life_years", "years", c.nii_life_years, |s, v| s.costs.nii_life_years = v) }
                { money_field("costs.nii_opex_per_unit_year", "/ unit / year", c.nii_opex_per_unit_year, |s, v| s.costs.nii_opex_per_unit_year = v) }
                { money_field("costs.nii_shared_hourly_rate", "/ hour used", c.nii_shared_hourly_rate, |s, v| s.costs.nii_shared_hourly_rate = v) }
            </div>
            if annual_nii.is_finite() {
                <p class="plan__note">{ format!("A unit bought for outbound costs {} a year (price ÷ life + running cost); a unit shared with inbound costs the hourly rate for each hour an outbound operation holds it.", money(annual_nii.round())) }</p>
            }

            <h4 class="ed-subhead">{ "Travellers' time" }</h4>
            <CheckField id="costs-include-traveller-delay" path={AttrValue::from("costs.include_traveller_delay")}
                        label="Count travellers' delay in the budget" checked={c.include_traveller_delay}
                        on_change={ed.edit("traveller delay", |s: &mut Scenario, on: bool| s.costs.include_traveller_delay = on)} />
            <div class="field-grid">
                { money_field("costs.value_of_time_per_hour", "/ vehicle-hour", c.value_of_time_per_hour, |s, v| s.costs.value_of_time_per_hour = v) }
            </div>
        </div>
    }
}
