//! The goal of the programme question: its kind, the target or budget, and which cost
//! or resource it is counted in.

use egress_core::scenario::Scenario;
use egress_core::scenario::programme::{CostBasis, Goal, Programme, Resource, Target};
use yew::prelude::*;

use super::{on_programme, options};
use crate::editor::Ed;
use crate::editor::fields::{NumberField, SelectField};

fn goal_key(goal: &Goal) -> &'static str {
    match goal {
        Goal::CheapestForTarget { .. } => "cheapest_for_target",
        Goal::MostWithinBudget { .. } => "most_within_budget",
        Goal::Allocate { .. } => "allocate",
        Goal::CheapestProgramme { .. } => "cheapest_programme",
    }
}

/// The goal of kind `key`, keeping what the old goal said that still applies.
fn goal_of_kind(key: &str, old: &Goal, crossings: usize) -> Goal {
    let cost = match *old {
        Goal::CheapestForTarget { cost, .. } | Goal::MostWithinBudget { cost, .. } => cost,
        Goal::Allocate { resource, .. } | Goal::CheapestProgramme { resource, .. } => {
            if resource == Resource::NewMoney {
                CostBasis::NewMoney
            } else {
                CostBasis::FullCost
            }
        }
    };
    let resource = match *old {
        Goal::Allocate { resource, .. } | Goal::CheapestProgramme { resource, .. } => resource,
        _ => crate::programme::goal::basis_resource(cost),
    };
    let budget = match *old {
        Goal::MostWithinBudget { budget, .. } => budget,
        Goal::Allocate { budget, resource }
            if resource != Resource::OfficerHours && resource != Resource::NewXrayUnits =>
        {
            budget
        }
        _ => 250_000.0 * crossings.max(1) as f64,
    };
    let rate = match *old {
        Goal::CheapestForTarget {
            target: Target::DetectionRate { at_least },
            ..
        } => at_least,
        Goal::CheapestProgramme { detection_rate, .. } => detection_rate,
        _ => 0.01,
    };
    match key {
        "most_within_budget" => Goal::MostWithinBudget { budget, cost },
        "allocate" => Goal::Allocate { budget, resource },
        "cheapest_programme" => Goal::CheapestProgramme {
            detection_rate: rate,
            resource,
        },
        _ => Goal::CheapestForTarget {
            target: Target::DetectionRate { at_least: rate },
            cost,
        },
    }
}

fn resource_key(r: Resource) -> &'static str {
    match r {
        Resource::FullCost => "full_cost",
        Resource::NewMoney => "new_money",
        Resource::OfficerHours => "officer_hours",
        Resource::NewXrayUnits => "new_xray_units",
    }
}

fn resource_from(key: &str) -> Resource {
    match key {
        "new_money" => Resource::NewMoney,
        "officer_hours" => Resource::OfficerHours,
        "new_xray_units" => Resource::NewXrayUnits,
        _ => Resource::FullCost,
    }
}

pub(super) fn goal_editor(ed: &Ed, p: &Programme) -> Html {
    let n = ed.scenario().crossings.len();
    let on_kind = ed.edit("programme goal", move |s: &mut Scenario, key: String| {
        on_programme(s, |p| p.goal = goal_of_kind(&key, &p.goal, n))
    });
    let kind = html! {
        <SelectField path="programme.goal.kind" selected={AttrValue::Static(goal_key(&p.goal))} on_change={on_kind}
                     options={options(&[
                         ("cheapest_for_target", "Per crossing: the cheapest plan for a target"),
                         ("most_within_budget", "Per crossing: the most detections within a budget"),
                         ("allocate", "Across crossings: allocate a budget"),
                         ("cheapest_programme", "Across crossings: the cheapest programme for a detection rate"),
                     ])} />
    };
    let cost_select = |cost: CostBasis| {
        html! {
            <SelectField path="programme.goal.cost"
                         selected={AttrValue::Static(if cost == CostBasis::NewMoney { "new_money" } else { "full_cost" })}
                         options={options(&[("full_cost", "Full cost"), ("new_money", "New money (overtime, hires, new X-ray units)")])}
                         on_change={ed.edit("programme goal", |s: &mut Scenario, key: String| on_programme(s, |p| {
                             let basis = if key == "new_money" { CostBasis::NewMoney } else { CostBasis::FullCost };
                             match &mut p.goal {
                                 Goal::CheapestForTarget { cost, .. } | Goal::MostWithinBudget { cost, .. } => *cost = basis,
                                 _ => {}
                             }
                         }))} />
        }
    };
    let resource_select = |resource: Resource| {
        html! {
            <SelectField path="programme.goal.resource" selected={AttrValue::Static(resource_key(resource))}
                         options={options(&[("full_cost", "Full cost ($)"), ("new_money", "New money ($)"),
                                            ("officer_hours", "Officer-hours"), ("new_xray_units", "New X-ray units")])}
                         on_change={ed.edit("programme goal", |s: &mut Scenario, key: String| on_programme(s, |p| {
                             match &mut p.goal {
                                 Goal::Allocate { resource, .. } | Goal::CheapestProgramme { resource, .. } => *resource = resource_from(&key),
                                 _ => {}
                             }
                         }))} />
        }
    };
    let budget_field = |budget: f64, resource: Resource| {
        let money = matches!(resource, Resource::FullCost | Resource::NewMoney);
        let unit = match resource {
            Resource::OfficerHours => "officer-hours a year",
            Resource::NewXrayUnits => "X-ray units",
            _ => "a year",
        };
        html! {
            <NumberField path="programme.goal.budget" prefix={if money { "$" } else { "" }} unit={unit}
                         value={budget} decimals={0} grouping=true range={Some((0.0, 1e12))}
                         error={ed.error("programme.goal.budget")}
                         on_change={ed.edit("programme goal", |s: &mut Scenario, v: f64| on_programme(s, |p| {
                             if let Goal::MostWithinBudget { budget, .. } | Goal::Allocate { budget, .. } = &mut p.goal { *budget = v }
                         }))} />
        }
    };
    let rate_field = |path: &'static str, rate: f64| {
        html! {
            <NumberField path={path} unit="%" value={rate * 100.0} decimals={3} range={Some((0.0, 100.0))}
                         error={ed.error(path)}
                         on_change={ed.edit("programme goal", |s: &mut Scenario, v: f64| on_programme(s, |p| {
                             match &mut p.goal {
                                 Goal::CheapestForTarget { target: Target::DetectionRate { at_least }, .. } => *at_least = v / 100.0,
                                 Goal::CheapestProgramme { detection_rate, .. } => *detection_rate = v / 100.0,
                                 _ => {}
                             }
                         }))} />
        }
    };
    let details = match &p.goal {
        Goal::CheapestForTarget { target, cost } => {
            let (measure, value_field) = match *target {
                Target::DetectionRate { at_least } => (
                    "detection_rate",
                    rate_field("programme.goal.target.at_least", at_least),
                ),
                Target::Firearms { at_least } | Target::Currency { at_least } => {
                    let currency = matches!(target, Target::Currency { .. });
                    (
                        if currency { "currency" } else { "firearms" },
                        html! {
                            <NumberField path="programme.goal.target.at_least" prefix={if currency { "$" } else { "" }}
                                         unit={if currency { "a year" } else { "firearms a year" }}
                                         value={at_least} decimals={2} grouping=true range={Some((0.0, 1e12))}
                                         error={ed.error("programme.goal.target.at_least")}
                                         on_change={ed.edit("programme goal", |s: &mut Scenario, v: f64| on_programme(s, |p| {
                                             if let Goal::CheapestForTarget { target: Target::Firearms { at_least } | Target::Currency { at_least }, .. } = &mut p.goal { *at_least = v }
                                         }))} />
                        },
                    )
                }
            };
            let on_measure = ed.edit("programme goal", |s: &mut Scenario, key: String| {
                on_programme(s, |p| {
                    if let Goal::CheapestForTarget { target, .. } = &mut p.goal {
                        *target = match key.as_str() {
                            "firearms" => Target::Firearms { at_least: 10.0 },
                            "currency" => Target::Currency {
                                at_least: 100_000.0,
                            },
                            _ => Target::DetectionRate { at_least: 0.01 },
                        }
                    }
                })
            });
            html! {
                <div class="field-grid">
                    <SelectField path="programme.goal.target.measure" selected={AttrValue::Static(measure)} on_change={on_measure}
                                 options={options(&[("detection_rate", "Detection rate (% of carriers)"),
                                                    ("firearms", "Firearms seized a year"),
                                                    ("currency", "Currency seized a year ($)")])} />
                    { value_field }
                    { cost_select(*cost) }
                </div>
            }
        }
        Goal::MostWithinBudget { budget, cost } => html! {
            <div class="field-grid">
                { budget_field(*budget, Resource::FullCost) }
                { cost_select(*cost) }
            </div>
        },
        Goal::Allocate { budget, resource } => html! {
            <div class="field-grid">
                { budget_field(*budget, *resource) }
                { resource_select(*resource) }
            </div>
        },
        Goal::CheapestProgramme {
            detection_rate,
            resource,
        } => html! {
            <div class="field-grid">
                { rate_field("programme.goal.detection_rate", *detection_rate) }
                { resource_select(*resource) }
            </div>
        },
    };
    html! { <>{ kind }{ details }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changing_the_goal_keeps_what_still_applies() {
        let old = Goal::CheapestForTarget {
            target: Target::DetectionRate { at_least: 0.03 },
            cost: CostBasis::NewMoney,
        };
        assert_eq!(
            goal_of_kind("cheapest_programme", &old, 3),
            Goal::CheapestProgramme {
                detection_rate: 0.03,
                resource: Resource::NewMoney
            }
        );
        assert_eq!(
            goal_of_kind("most_within_budget", &old, 2),
            Goal::MostWithinBudget {
                budget: 500_000.0,
                cost: CostBasis::NewMoney
            }
        );
    }
}
