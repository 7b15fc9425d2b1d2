//! The programme question the optimiser answers (the scenario's optional `programme`):
//! the goal (a target per crossing, a budget per crossing, a budget across crossings, a
//! national target), which crossings, the floor every crossing keeps, the candidate plans
//! to search (the defaults for each crossing's size, or a space of one's own) and how hard
//! to search. Lists of values are typed with commas ("1, 3, 7"); text that does not parse
//! stays in its box with a message and blocks Optimise, Run and Copy link like any field.
//!
//! - `goal.rs`: the goal (kind, target, budget, which cost or resource).
//! - `crossings.rs`: which crossings (every one, a field office, a border, a few).
//! - `space.rs`: the candidate space (the defaults per size, or lists of one's own).
//! - `list_field.rs`: a text box holding a comma-separated list, and its parsing.

mod crossings;
mod goal;
mod list_field;
mod space;

use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, Resource, Search, Target,
};
use egress_core::scenario::{Ranges, Scenario};
use yew::prelude::*;

use super::Ed;
use super::fields::{CheckField, NumberField};
use crate::programme::goal::{goal_sentence, resource_words};
use crate::state::AppContext;
use crossings::crossings_choice;
use goal::goal_editor;
use space::space_editor;

/// Annual crossings (all modalities, inbound) of a crossing: what its default space
/// depends on.
pub fn volume(s: &Scenario, id: Option<&str>) -> f64 {
    let c = match id {
        Some(id) => s.crossings.iter().find(|c| c.id == id),
        None => s.crossings.first(),
    };
    c.map_or(0.0, |c| {
        let a = &c.annual_inbound;
        a.personal_vehicles + a.trucks + a.buses + a.pedestrians
    })
}

/// The question a planner starts from: for one crossing, the cheapest plan that detects
/// 1% of carriers (the minimum frequency); for several, a budget across them of
/// $250k a year per crossing, full cost.
pub fn default_programme(s: &Scenario) -> Programme {
    let goal = if s.crossings.len() <= 1 {
        Goal::CheapestForTarget {
            target: Target::DetectionRate { at_least: 0.01 },
            cost: CostBasis::FullCost,
        }
    } else {
        Goal::Allocate {
            budget: 250_000.0 * s.crossings.len() as f64,
            resource: Resource::FullCost,
        }
    };
    Programme {
        goal,
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: None,
        search: Search::default(),
    }
}

fn options(pairs: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    pairs
        .iter()
        .map(|&(v, l)| (AttrValue::Static(v), AttrValue::Static(l)))
        .collect()
}

/// Edits the programme when there is one.
fn on_programme(s: &mut Scenario, f: impl FnOnce(&mut Programme)) {
    if let Some(p) = s.programme.as_mut() {
        f(p);
    }
}

/// Edits the candidate space when the planner has one of their own.
fn on_space(s: &mut Scenario, f: impl FnOnce(&mut CandidateSpace)) {
    on_programme(s, |p| {
        if let Some(space) = p.space.as_mut() {
            f(space)
        }
    });
}

/// A whole-number range of the core in display units.
fn count_range((low, high): (u32, u32)) -> (f64, f64) {
    (f64::from(low), f64::from(high))
}

fn first_error(ed: &Ed, path: &str) -> Option<AttrValue> {
    ed.state
        .problems_under(path)
        .next()
        .map(|p| AttrValue::from(p.message.clone()))
}

fn search_editor(ed: &Ed, p: &Programme) -> Html {
    let sr = &p.search;
    html! {
        <div class="field-grid">
            <NumberField path="programme.search.first_stage" unit="replications" integer=true
                         range={Some(count_range(Ranges::PROGRAMME_REPLICATIONS))}
                         value={f64::from(sr.first_stage)} error={ed.error("programme.search.first_stage")}
                         hint={AttrValue::from("every candidate's, before any is screened out")}
                         on_change={ed.edit("programme search", |s: &mut Scenario, v: f64| on_programme(s, |p| p.search.first_stage = v as u32))} />
            <NumberField path="programme.search.max_replications" unit="replications" integer=true
                         range={Some(count_range(Ranges::PROGRAMME_REPLICATIONS))}
                         value={f64::from(sr.max_replications)} error={ed.error("programme.search.max_replications")}
                         hint={AttrValue::from("at least the first stage")}
                         on_change={ed.edit("programme search", |s: &mut Scenario, v: f64| on_programme(s, |p| p.search.max_replications = v as u32))} />
            <NumberField path="programme.search.alpha" unit="%" value={sr.alpha * 100.0} decimals={2}
                         range={Some((0.1, 50.0))} error={ed.error("programme.search.alpha")}
                         hint={AttrValue::from("each screen and \u{201c}meets the target\u{201d} is decided at 1 − α")}
                         on_change={ed.edit("programme search", |s: &mut Scenario, v: f64| on_programme(s, |p| p.search.alpha = v / 100.0))} />
            <NumberField path="programme.search.indifference" unit="% points" value={sr.indifference * 100.0} decimals={4}
                         range={Some((0.0001, 100.0))} error={ed.error("programme.search.indifference")}
                         hint={AttrValue::from("of detection rate: a search within a budget stops once no plan can beat the best by this much")}
                         on_change={ed.edit("programme search", |s: &mut Scenario, v: f64| on_programme(s, |p| p.search.indifference = v / 100.0))} />
        </div>
    }
}

/// The programme question: off (no `programme`), or the goal, the crossings, the floor,
/// the candidate space and the search.
#[function_component]
pub fn ProgrammeEditor() -> Html {
    let custom = use_state(|| false);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let on_toggle = ed.edit("programme", |s: &mut Scenario, on: bool| {
        s.programme = on.then(|| default_programme(s));
    });
    let body = s.programme.as_ref().map(|p| {
        let resource = crate::programme::goal::resource_of(&p.goal);
        html! {
            <>
                <p class="ed-lead" id="programme-question">{ goal_sentence(p, s) }</p>
                <h4 class="ed-subhead">{ "The question" }</h4>
                { goal_editor(&ed, p) }
                <p class="plan__note">{ format!("Costs are counted in {}.", resource_words(resource)) }</p>
                <h4 class="ed-subhead">{ "Crossings and floor" }</h4>
                <div class="field-grid">
                    { crossings_choice(&ed, p, custom.clone()) }
                    <NumberField path="programme.floor_operations_per_week" unit="operations a week" integer=true
                                 range={Some(count_range(Ranges::PROGRAMME_FLOOR))}
                                 value={f64::from(p.floor_operations_per_week)}
                                 error={ed.error("programme.floor_operations_per_week")}
                                 hint={AttrValue::from("the Inspector General's minimum frequency: every planned crossing keeps at least this many (0: no floor)")}
                                 on_change={ed.edit("programme floor", |s: &mut Scenario, v: f64| on_programme(s, |p| p.floor_operations_per_week = v as u32))} />
                </div>
                <h4 class="ed-subhead">{ "Candidate plans" }</h4>
                { space_editor(&ed, p) }
                <h4 class="ed-subhead">{ "Search effort" }</h4>
                { search_editor(&ed, p) }
            </>
        }
    });
    html! {
        <div class="programme-editor">
            <CheckField id="programme-enabled" path={AttrValue::from("programme")}
                        label="Ask the optimiser a programme question"
                        hint={AttrValue::from("the minimum frequency per crossing for a target, or the best use of a budget")}
                        checked={s.programme.is_some()} on_change={on_toggle} />
            { for body }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_question_is_valid_for_every_preset() {
        for preset in egress_core::scenario::presets::PRESETS {
            let mut s = egress_core::scenario::presets::preset(preset.id).unwrap();
            s.programme = Some(default_programme(&s));
            let problems = egress_core::scenario::validate(s).err().unwrap_or_default();
            assert!(problems.is_empty(), "{}: {problems:?}", preset.id);
        }
    }
}
