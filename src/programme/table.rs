//! The per-crossing table: the plan chosen at each crossing with its minimum frequency,
//! staffing, budget and detections, how sure it is to meet the target, and what the
//! search took (candidates, screened out, not valid, replications against equal
//! allocation). A crossing with no plan says why.
//!
//! Every figure carries `data-programme-metric`, `data-crossing` and `data-value` (the raw
//! `f64`), so tests compare values, not text.

use egress_core::decide::programme::CrossingResult;
use egress_core::scenario::programme::Goal;
use yew::prelude::*;

use super::rollups::ResultProps;
use crate::results::format::{MISSING, count, money, percent, raw, thousands};
use crate::results::scroll_frame::ScrollFrame;

/// A figure cell.
pub fn figure(metric: &'static str, key: &str, value: f64, text: String) -> Html {
    html! {
        <td class="num" data-programme-metric={metric} data-crossing={key.to_string()} data-value={raw(value)}>{ text }</td>
    }
}

/// Why a crossing got no plan (the optimiser's own reason), and what the planner can
/// change about it, by goal.
pub fn no_plan_reason(goal: &Goal, r: &CrossingResult) -> String {
    // Neither a plan nor a reason: a crossing searched while the optimisation goes on,
    // whose plan the allocation across crossings will choose.
    let Some(why) = r.no_plan.clone() else {
        return String::from(
            "Searched: its plan is chosen across crossings once every crossing is searched.",
        );
    };
    let advice = match goal {
        Goal::CheapestForTarget { .. } => "Widen the candidate space or lower the target.",
        Goal::MostWithinBudget { .. } => "Raise the budget or add cheaper candidates.",
        Goal::Allocate { .. } => "Raise the budget or lower the floor.",
        Goal::CheapestProgramme { .. } => "Widen the candidate space or lower the floor.",
    };
    format!("No plan: {why}. {advice}")
}

#[function_component]
pub fn CrossingPlansTable(props: &ResultProps) -> Html {
    let result = &props.result;
    let has_target = matches!(result.goal, Goal::CheapestForTarget { .. });
    let rows = result.crossings.iter().map(|r| {
        let key = r.crossing.as_str();
        let search = html! {
            <>
                { figure("candidates", key, r.candidates as f64, thousands(r.candidates as u64)) }
                { figure("screened_out", key, r.screened_out as f64, thousands(r.screened_out as u64)) }
                { figure("not_valid", key, r.not_valid as f64, thousands(r.not_valid as u64)) }
                <td class="num" data-programme-metric="replications" data-crossing={key.to_string()}
                    data-value={r.replications.to_string()} data-equal-allocation={r.replications_equal_allocation.to_string()}>
                    { format!("{} of {}", thousands(r.replications), thousands(r.replications_equal_allocation)) }
                </td>
            </>
        };
        let head = html! {
            <th scope="row" class="programme-table__crossing">
                <span class="programme-table__name">{ r.name.clone() }</span>
                <span class="programme-table__sub">{ format!("{} · {}", r.crossing, r.field_office) }</span>
            </th>
        };
        match &r.chosen {
            Some(c) => {
                let plan = &c.candidate.plan;
                let officers = f64::from(plan.teams * plan.crew_size);
                let chance = c.chance_of_meeting_target;
                html! {
                    <tr data-crossing={key.to_string()} data-chosen="true">
                        { head }
                        <td class="programme-table__plan" data-programme-metric="plan" data-crossing={key.to_string()}>{ c.label.clone() }</td>
                        { figure("operations_per_week", key, f64::from(c.operations_per_week), thousands(u64::from(c.operations_per_week))) }
                        if has_target {
                            if let Some(p) = chance {
                                { figure("chance_of_meeting_target", key, p, percent(p)) }
                            } else {
                                <td class="num" data-missing="true">{ MISSING }</td>
                            }
                        }
                        { figure("detections", key, c.mean.detections, count(c.mean.detections)) }
                        { figure("detection_rate", key, c.mean.detection_rate, percent(c.mean.detection_rate)) }
                        { figure("full_cost", key, c.mean.full_cost, money(c.mean.full_cost)) }
                        { figure("new_money", key, c.mean.new_money, money(c.mean.new_money)) }
                        { figure("officer_hours", key, c.mean.officer_hours, count(c.mean.officer_hours)) }
                        { figure("officers_per_operation", key, officers, thousands(officers as u64)) }
                        { search }
                    </tr>
                }
            }
            None => html! {
                <tr data-crossing={key.to_string()} data-chosen="false" class="programme-table__none">
                    { head }
                    <td class="programme-table__reason" colspan={if has_target { "9" } else { "8" }}
                        data-no-plan="true">{ no_plan_reason(&result.goal, r) }</td>
                    { search }
                </tr>
            },
        }
    });
    html! {
        <ScrollFrame label={AttrValue::from("The plan chosen at each crossing")}>
            <table class="programme-table" id="programme-crossings">
                <thead>
                    <tr>
                        <th scope="col">{ "Crossing" }</th>
                        <th scope="col">{ "Chosen plan" }</th>
                        <th scope="col" class="num" title="The minimum frequency this plan implies">{ "Operations a week" }</th>
                        if has_target {
                            <th scope="col" class="num" title="Probability that the plan really meets the target (one-sided t)">{ "Chance of meeting the target" }</th>
                        }
                        <th scope="col" class="num">{ "Detections a year" }</th>
                        <th scope="col" class="num">{ "Detection rate" }</th>
                        <th scope="col" class="num">{ "Budget a year (full cost)" }</th>
                        <th scope="col" class="num">{ "New money a year" }</th>
                        <th scope="col" class="num">{ "Officer-hours a year" }</th>
                        <th scope="col" class="num" title="Teams × crew of each operation">{ "Officers per operation" }</th>
                        <th scope="col" class="num">{ "Candidates" }</th>
                        <th scope="col" class="num" title="Infeasible or dominated at the search's confidence">{ "Screened out" }</th>
                        <th scope="col" class="num" title="Combinations that are not a valid plan at this crossing">{ "Not valid" }</th>
                        <th scope="col" class="num" title="Replications the choice took, of those equal allocation would have spent">{ "Replications (of equal allocation)" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </ScrollFrame>
    }
}
