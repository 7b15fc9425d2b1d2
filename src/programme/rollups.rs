//! The chosen plans summed per field office and per border (the Inspector General's
//! reportable metrics), and the whole-programme check: the programme simulated together,
//! carriers free to move between crossings, against the sum of its parts.

use std::rc::Rc;

use egress_core::decide::programme::{AllocationSummary, ProgrammeResult, Rollup, WholeRun};
use egress_core::scenario::programme::Resource;
use yew::prelude::*;

use super::goal::amount;
use crate::results::format::{count, money, raw, thousands};
use crate::results::scroll_frame::ScrollFrame;

fn cell(metric: &'static str, key: &str, value: f64, text: String) -> Html {
    html! {
        <td class="num" data-rollup-metric={metric} data-rollup={key.to_string()} data-value={raw(value)}>{ text }</td>
    }
}

/// The result, compared by identity (each outcome is a new `Rc`).
#[derive(Properties)]
pub struct ResultProps {
    pub result: Rc<ProgrammeResult>,
}

impl PartialEq for ResultProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
    }
}

#[function_component]
pub fn RollupTable(props: &ResultProps) -> Html {
    let rollups: &[Rollup] = &props.result.rollups;
    if rollups.is_empty() {
        return Html::default();
    }
    let rows = rollups.iter().map(|r| {
        let level = if r.level == "border" { "Border" } else { "Field office" };
        let key = format!("{}:{}", r.level, r.name);
        html! {
            <tr data-rollup={key.clone()}>
                <th scope="row">{ r.name.clone() }<span class="programme-table__sub">{ level }</span></th>
                { cell("crossings", &key, r.crossings as f64, thousands(r.crossings as u64)) }
                { cell("operations_per_week", &key, f64::from(r.operations_per_week), thousands(u64::from(r.operations_per_week))) }
                { cell("officer_hours", &key, r.officer_hours, count(r.officer_hours)) }
                { cell("full_cost", &key, r.full_cost, money(r.full_cost)) }
                { cell("new_money", &key, r.new_money, money(r.new_money)) }
                { cell("detections", &key, r.detections, count(r.detections)) }
            </tr>
        }
    });
    html! {
        <ScrollFrame label={AttrValue::from("The chosen plans per field office and border")}>
            <table class="programme-table" id="programme-rollups">
                <thead>
                    <tr>
                        <th scope="col">{ "Field office or border" }</th>
                        <th scope="col" class="num">{ "Crossings with a plan" }</th>
                        <th scope="col" class="num">{ "Operations a week" }</th>
                        <th scope="col" class="num">{ "Officer-hours a year" }</th>
                        <th scope="col" class="num">{ "Budget a year (full cost)" }</th>
                        <th scope="col" class="num">{ "New money a year" }</th>
                        <th scope="col" class="num">{ "Detections a year" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </ScrollFrame>
    }
}

/// "Simulated together, the programme detects … a year; its parts, … (difference …)".
#[function_component]
pub fn WholeCheck(props: &ResultProps) -> Html {
    let whole: Option<&WholeRun> = props.result.whole.as_ref();
    let Some(w) = whole else {
        return html! {
            <p class="programme__whole" id="programme-whole" data-whole="none">
                { "The programme was not simulated as a whole (no crossing got a plan)." }
            </p>
        };
    };
    let share = if w.sum_of_parts.abs() > 0.0 {
        format!(" ({:+.1}%)", 100.0 * w.difference / w.sum_of_parts)
    } else {
        String::new()
    };
    html! {
        <p class="programme__whole" id="programme-whole" data-whole="true"
           data-detections={raw(w.detections)} data-sum-of-parts={raw(w.sum_of_parts)}
           data-difference={raw(w.difference)} data-replications={w.replications.to_string()}>
            { format!(
                "Simulated as a whole over {} replications, carriers free to move between crossings, the programme detects {} carriers a year; crossing by crossing, its parts detect {}. The difference, {}{share}, is what carriers moving between crossings change.",
                w.replications, count(w.detections), count(w.sum_of_parts),
                if w.difference < 0.0 { format!("\u{2212}{}", count(-w.difference)) } else { format!("+{}", count(w.difference)) }
            ) }
        </p>
    }
}

/// The allocation's totals in a sentence (budget goals across crossings).
pub fn allocation_sentence(a: &AllocationSummary, resource: Resource, is_target: bool) -> Html {
    let asked = if is_target {
        format!("a detection rate of {:.2}%", 100.0 * a.budget_or_target)
    } else {
        format!("{} a year", amount(resource, a.budget_or_target))
    };
    html! {
        <p class="programme__allocation" id="programme-allocation" data-cost={raw(a.cost)}
           data-detections={raw(a.detections)} data-lp-bound={raw(a.lp_bound)} data-asked={raw(a.budget_or_target)}>
            { format!(
                "For {asked}, the programme spends {} a year and detects {} carriers a year (the continuous bound, mixing plans, would detect {}).",
                amount(resource, a.cost), count(a.detections), count(a.lp_bound)
            ) }
        </p>
    }
}
