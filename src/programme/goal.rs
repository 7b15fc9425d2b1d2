//! The programme question in words, and the units of its resource: one place, so the
//! editor's summary, the view's heading and the chart's axis say the same thing.

use egress_core::scenario::Scenario;
use egress_core::scenario::programme::{CostBasis, Goal, Programme, Resource, Target};

use crate::results::format::{count, money, percent};

/// The resource a goal's costs are counted in (the frontier's x axis).
pub fn resource_of(goal: &Goal) -> Resource {
    match *goal {
        Goal::Allocate { resource, .. } | Goal::CheapestProgramme { resource, .. } => resource,
        Goal::CheapestForTarget { cost, .. } | Goal::MostWithinBudget { cost, .. } => {
            basis_resource(cost)
        }
    }
}

pub fn basis_resource(cost: CostBasis) -> Resource {
    match cost {
        CostBasis::FullCost => Resource::FullCost,
        CostBasis::NewMoney => Resource::NewMoney,
    }
}

/// "full cost", "new money", "officer-hours", "new X-ray units".
pub fn resource_words(resource: Resource) -> &'static str {
    match resource {
        Resource::FullCost => "full cost",
        Resource::NewMoney => "new money",
        Resource::OfficerHours => "officer-hours",
        Resource::NewXrayUnits => "new X-ray units",
    }
}

/// An amount of a resource for people: "$1.2M", "12,400 officer-hours", "3 X-ray units".
pub fn amount(resource: Resource, x: f64) -> String {
    match resource {
        Resource::FullCost | Resource::NewMoney => money(x),
        Resource::OfficerHours => format!("{} officer-hours", count(x)),
        Resource::NewXrayUnits => format!("{} X-ray units", count(x)),
    }
}

/// A target for people: "detects at least 1.00% of carriers", "seizes at least 12 firearms a year".
pub fn target_words(target: &Target) -> String {
    match *target {
        Target::DetectionRate { at_least } => {
            format!("detects at least {} of carriers", percent(at_least))
        }
        Target::Firearms { at_least } => {
            format!("seizes at least {} firearms a year", count(at_least))
        }
        Target::Currency { at_least } => {
            format!("seizes at least {} in currency a year", money(at_least))
        }
    }
}

/// Which crossings a programme plans, in words.
pub fn crossings_words(programme: &Programme, scenario: &Scenario) -> String {
    let n = scenario.crossings.len();
    if programme.crossings.is_empty() {
        return match n {
            1 => scenario.crossings[0].name.clone(),
            _ => format!("every crossing ({n})"),
        };
    }
    match programme.crossings.as_slice() {
        [id] => scenario
            .crossings
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.clone(), |c| c.name.clone()),
        ids => format!("{} chosen crossings", ids.len()),
    }
}

/// The whole question in one sentence.
pub fn goal_sentence(programme: &Programme, scenario: &Scenario) -> String {
    let at = crossings_words(programme, scenario);
    let floor = match programme.floor_operations_per_week {
        0 => String::new(),
        1 => ", keeping at least 1 operation a week at each crossing".to_string(),
        f => format!(", keeping at least {f} operations a week at each crossing"),
    };
    match &programme.goal {
        Goal::CheapestForTarget { target, cost } => format!(
            "At {at}: the cheapest plan (in {}) that {}, and the minimum operations per week it implies{floor}.",
            resource_words(basis_resource(*cost)),
            target_words(target)
        ),
        Goal::MostWithinBudget { budget, cost } => format!(
            "At {at}: the plan with the most detections for at most {} a year in {}{floor}.",
            money(*budget),
            resource_words(basis_resource(*cost))
        ),
        Goal::Allocate { budget, resource } => format!(
            "Across {at}: the most detections for {} a year ({}), every crossing keeping its floor and the rest going where the next unit detects most{floor}.",
            amount(*resource, *budget),
            resource_words(*resource)
        ),
        Goal::CheapestProgramme {
            detection_rate,
            resource,
        } => format!(
            "Across {at}: the cheapest programme (in {}) that detects {} of carriers over the planned crossings{floor}.",
            resource_words(*resource),
            percent(*detection_rate)
        ),
    }
}

/// A short form for the editor's section summary.
pub fn goal_short(goal: &Goal) -> String {
    match goal {
        Goal::CheapestForTarget { target, .. } => {
            format!("cheapest plan that {}", target_words(target))
        }
        Goal::MostWithinBudget { budget, .. } => {
            format!("most detections within {} a year", money(*budget))
        }
        Goal::Allocate { budget, resource } => {
            format!(
                "allocate {} a year across crossings",
                amount(*resource, *budget)
            )
        }
        Goal::CheapestProgramme { detection_rate, .. } => format!(
            "cheapest programme for {} nationally",
            percent(*detection_rate)
        ),
    }
}
