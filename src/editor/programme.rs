//! The programme question the optimiser answers (the scenario's optional `programme`):
//! the goal (a target per crossing, a budget per crossing, a budget across crossings, a
//! national target), which crossings, the floor every crossing keeps, the candidate plans
//! to search (the defaults for each crossing's size, or a space of one's own) and how hard
//! to search. Lists of values are typed with commas ("1, 3, 7"); text that does not parse
//! stays in its box with a message and blocks Optimise, Run and Copy link like any field.

use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, Resource, ScheduleFamily, Search, Target,
};
use egress_core::scenario::{Border, OperatingHours, Ranges, Scenario, Selection, Technique};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Ed;
use super::fields::{CheckField, NumberField, SelectField, field_id, use_unparsed_report};
use super::format::{format_number, parse_count, parse_number};
use super::labels;
use crate::programme::goal::{goal_sentence, resource_words};
use crate::state::AppContext;

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

/// A comma-separated list of numbers in display units (`scale` display units per
/// scenario unit), each within `range` (display units): the values in scenario units, or
/// what to type.
pub fn parse_list(
    text: &str,
    integer: bool,
    (low, high): (f64, f64),
    scale: f64,
) -> Result<Vec<f64>, String> {
    let what = if integer { "whole numbers" } else { "numbers" };
    let message = || {
        format!(
            "enter {what} from {} to {}, separated by commas",
            format_number(low, 4, true),
            format_number(high, 4, true)
        )
    };
    let mut out = Vec::new();
    for piece in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let value = if integer {
            parse_count(piece).map(f64::from)
        } else {
            parse_number(piece)
        }
        .filter(|v| *v >= low && *v <= high)
        .ok_or_else(message)?;
        out.push(value / scale);
    }
    if out.is_empty() {
        return Err(format!("list at least one value ({})", message()));
    }
    Ok(out)
}

/// Numbers in display units, as a list field shows them: "1, 3, 7".
pub fn list_text(values: impl IntoIterator<Item = f64>, scale: f64) -> String {
    values
        .into_iter()
        .map(|v| format_number(v * scale, 2, false))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Daily windows as "6–22, 8–20" (hours from, to).
pub fn windows_text(windows: &[OperatingHours]) -> String {
    windows
        .iter()
        .map(|w| {
            format!(
                "{}\u{2013}{}",
                format_number(w.from_hour, 2, false),
                format_number(w.to_hour, 2, false)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn parse_windows(text: &str) -> Result<Vec<OperatingHours>, String> {
    let message = || {
        "enter windows as hours from\u{2013}to, such as 6\u{2013}22, separated by commas (0 to 24, the end after the start)".to_string()
    };
    let mut out = Vec::new();
    for piece in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (from, to) = piece.split_once(['\u{2013}', '-']).ok_or_else(message)?;
        let (from, to) = (
            parse_number(from.trim()).ok_or_else(message)?,
            parse_number(to.trim()).ok_or_else(message)?,
        );
        if !(0.0..=24.0).contains(&from) || !(0.0..=24.0).contains(&to) || to <= from {
            return Err(message());
        }
        out.push(OperatingHours {
            from_hour: from,
            to_hour: to,
            traffic_weighted: false,
        });
    }
    if out.is_empty() {
        return Err(format!("list at least one window ({})", message()));
    }
    Ok(out)
}

/// Selections as shares picked in percent: 100 is every vehicle.
fn selection_text(selection: &[Selection]) -> String {
    list_text(
        selection.iter().filter_map(|s| match *s {
            Selection::All => Some(1.0),
            Selection::RandomFraction { fraction } => Some(fraction),
            Selection::RiskBased { .. } => None,
        }),
        100.0,
    )
}

#[derive(Properties)]
pub struct ListFieldProps {
    pub path: AttrValue,
    #[prop_or_default]
    pub label: AttrValue,
    /// The scenario's value as the field shows it.
    pub text: AttrValue,
    /// Parses typed text; on success applies it and answers the text the scenario's new
    /// value shows as, else says what to type.
    pub on_text: Callback<String, Result<String, String>>,
    #[prop_or_default]
    pub unit: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

impl PartialEq for ListFieldProps {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
            && self.label == other.label
            && self.text == other.text
            && self.unit == other.unit
            && self.hint == other.hint
            && self.error == other.error
    }
}

#[derive(Clone, PartialEq)]
struct ListDraft {
    text: String,
    /// The canonical text of what it parsed to, or what to type.
    parsed: Result<String, String>,
    /// The field's text when the planner started typing.
    base: String,
}

/// A text box holding a comma-separated list.
#[function_component]
pub fn ListField(props: &ListFieldProps) -> Html {
    let draft = use_state(|| None::<ListDraft>);
    let id = field_id(&props.path);
    let label = labels::label(&props.path).map_or_else(|| props.label.clone(), AttrValue::Static);
    let shown = (*draft).as_ref().filter(|d| match &d.parsed {
        Ok(canonical) => *canonical == props.text.as_str(),
        Err(_) => d.base == props.text.as_str(),
    });
    let local_error = shown
        .and_then(|d| d.parsed.clone().err())
        .map(AttrValue::from);
    use_unparsed_report(&props.path, local_error.clone());
    let message = local_error.or_else(|| props.error.clone());
    let text = shown.map_or_else(|| props.text.to_string(), |d| d.text.clone());
    let oninput = {
        let draft = draft.clone();
        let on_text = props.on_text.clone();
        let current = props.text.to_string();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let base = match &*draft {
                Some(d) if d.parsed.is_err() => d.base.clone(),
                _ => current.clone(),
            };
            let parsed = on_text.emit(text.clone());
            draft.set(Some(ListDraft { text, parsed, base }));
        })
    };
    let onblur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| {
            if draft.as_ref().is_some_and(|d| d.parsed.is_ok()) {
                draft.set(None);
            }
        })
    };
    let error_id = message.as_ref().map(|_| format!("{id}-error"));
    let hint_id = props.hint.as_ref().map(|_| format!("{id}-hint"));
    let described = [error_id.clone(), hint_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <div class={classes!("field", message.is_some().then_some("field--invalid"))} data-path={props.path.clone()}>
            <div class="field__head"><label class="field__label" for={id.clone()}>{ label }</label></div>
            <div class="field__control">
                <input id={id.clone()} type="text" class="field__input" autocomplete="off" spellcheck="false"
                       value={text} aria-invalid={message.is_some().then_some("true")}
                       aria-describedby={(!described.is_empty()).then_some(described)} {oninput} {onblur} />
                if !props.unit.is_empty() {
                    <span class="field__unit">{ props.unit.clone() }</span>
                }
            </div>
            <div class="field__messages">
                if let (Some(m), Some(error_id)) = (message, error_id) {
                    <p class="field-error" id={error_id}>{ m }</p>
                }
                if let (Some(h), Some(hint_id)) = (props.hint.clone(), hint_id) {
                    <p class="field__hint" id={hint_id}>{ h }</p>
                }
            </div>
        </div>
    }
}

/// A list field's callback: parse, apply with `set`, answer the canonical text.
fn list_edit(
    ed: &Ed,
    integer: bool,
    range: (f64, f64),
    scale: f64,
    set: fn(&mut CandidateSpace, Vec<f64>),
) -> Callback<String, Result<String, String>> {
    let ed = ed.clone();
    Callback::from(move |text: String| {
        let values = parse_list(&text, integer, range, scale)?;
        let canonical = list_text(values.iter().copied(), scale);
        ed.apply("programme space", move |s| {
            let values = values.clone();
            on_space(s, |space| set(space, values))
        });
        Ok(canonical)
    })
}

fn count_range((low, high): (u32, u32)) -> (f64, f64) {
    (f64::from(low), f64::from(high))
}

/// Which crossings: every one, a field office's, a border's, or a chosen few.
fn crossings_choice(ed: &Ed, p: &Programme, custom: UseStateHandle<bool>) -> Html {
    let s = ed.scenario();
    let mut offices: Vec<String> = s.crossings.iter().map(|c| c.field_office.clone()).collect();
    offices.sort();
    offices.dedup();
    let ids_of = |f: &dyn Fn(&egress_core::scenario::Crossing) -> bool| -> Vec<String> {
        s.crossings
            .iter()
            .filter(|c| f(c))
            .map(|c| c.id.clone())
            .collect()
    };
    let mut choices: Vec<(String, String, Vec<String>)> =
        vec![("all".into(), "Every crossing".into(), Vec::new())];
    if s.crossings.len() > 1 {
        for office in &offices {
            choices.push((
                format!("office:{office}"),
                format!("Field office: {office}"),
                ids_of(&|c| c.field_office == *office),
            ));
        }
        for border in Border::ALL {
            let ids = ids_of(&|c| c.border == border);
            if !ids.is_empty() {
                choices.push((
                    format!("border:{}", border.key()),
                    format!("Border: {}", border.label()),
                    ids,
                ));
            }
        }
        choices.push(("chosen".into(), "Chosen crossings".into(), Vec::new()));
    }
    let selected = if *custom {
        "chosen".to_string()
    } else {
        choices
            .iter()
            .find(|(key, _, ids)| {
                (key == "all" && p.crossings.is_empty())
                    || (key != "all" && key != "chosen" && !ids.is_empty() && *ids == p.crossings)
            })
            .map_or_else(|| "chosen".to_string(), |c| c.0.clone())
    };
    let on_change = {
        let ed = ed.clone();
        let choices = choices.clone();
        let custom = custom.clone();
        Callback::from(move |key: String| {
            if key == "chosen" {
                custom.set(true);
                return;
            }
            custom.set(false);
            if let Some((_, _, ids)) = choices.iter().find(|c| c.0 == key) {
                let ids = ids.clone();
                ed.apply("programme crossings", move |s| {
                    let ids = ids.clone();
                    on_programme(s, |p| p.crossings = ids)
                });
            }
        })
    };
    let pairs: Vec<(AttrValue, AttrValue)> = choices
        .iter()
        .map(|(k, l, _)| (AttrValue::from(k.clone()), AttrValue::from(l.clone())))
        .collect();
    let list = (selected == "chosen").then(|| {
        let boxes = s.crossings.iter().map(|c| {
            let id = c.id.clone();
            let checked = p.crossings.contains(&c.id);
            let on_change = ed.edit("programme crossings", move |s: &mut Scenario, on: bool| {
                let order: Vec<String> = s.crossings.iter().map(|c| c.id.clone()).collect();
                let id = id.clone();
                on_programme(s, |p| {
                    p.crossings.retain(|x| *x != id);
                    if on {
                        p.crossings.push(id);
                    }
                    // In the scenario's order, so the same choice is the same file.
                    p.crossings
                        .sort_by_key(|x| order.iter().position(|o| o == x));
                })
            });
            html! {
                <CheckField id={AttrValue::from(format!("programme-crossing-{}", c.id))}
                            label={AttrValue::from(format!("{} ({})", c.name, c.id))}
                            checked={checked} on_change={on_change} />
            }
        });
        html! {
            <fieldset class="programme-editor__crossings" data-path="programme.crossings">
                <legend class="visually-hidden">{ "Crossings planned" }</legend>
                { for boxes }
            </fieldset>
        }
    });
    let error = ed
        .state
        .problems_under("programme.crossings")
        .next()
        .map(|p| AttrValue::from(p.message.clone()));
    html! {
        <>
            <SelectField path="programme.crossings" options={pairs} selected={AttrValue::from(selected)}
                         error={error} on_change={on_change} />
            { for list }
        </>
    }
}

fn first_error(ed: &Ed, path: &str) -> Option<AttrValue> {
    ed.state
        .problems_under(path)
        .next()
        .map(|p| AttrValue::from(p.message.clone()))
}

/// A group of checkboxes over a list of choices (schedule families, techniques).
fn choice_boxes<T: Copy + PartialEq + 'static>(
    ed: &Ed,
    path: &'static str,
    legend: &'static str,
    all: &[(T, &'static str, &'static str)],
    chosen: &[T],
    field: fn(&mut CandidateSpace) -> &mut Vec<T>,
) -> Html {
    let boxes = all.iter().map(|&(value, key, label)| {
        let on_change = ed.edit("programme space", move |s: &mut Scenario, on: bool| {
            on_space(s, |space| {
                let list = field(space);
                list.retain(|x| *x != value);
                if on {
                    list.push(value);
                }
            })
        });
        html! {
            <CheckField id={AttrValue::from(format!("{}-{key}", field_id(path)))} label={AttrValue::Static(label)}
                        checked={chosen.contains(&value)} on_change={on_change} />
        }
    });
    let error = first_error(ed, path);
    html! {
        <fieldset class={classes!("programme-editor__choices", error.is_some().then_some("field--invalid"))} data-path={path}>
            <legend>{ labels::label(path).unwrap_or(legend) }</legend>
            { for boxes }
            if let Some(e) = error {
                <p class="field-error" id={format!("{}-error", field_id(path))}>{ e }</p>
            }
        </fieldset>
    }
}

const SCHEDULES: [(ScheduleFamily, &str, &str); 3] = [
    (
        ScheduleFamily::PulseRandom,
        "pulse_random",
        "Random pulses (N a week)",
    ),
    (
        ScheduleFamily::DailyRandom,
        "daily_random",
        "Daily at a random time (N days a week)",
    ),
    (
        ScheduleFamily::Mixed,
        "mixed",
        "Randomised against learning carriers (game)",
    ),
];

const TECHNIQUES: [(Technique, &str, &str); 3] = [
    (Technique::Interview, "interview", "Interview"),
    (
        Technique::NiiThenSearch,
        "nii_then_search",
        "X-ray, search on anomaly",
    ),
    (
        Technique::SearchAll,
        "search_all",
        "Search every selected vehicle",
    ),
];

fn space_editor(ed: &Ed, p: &Programme) -> Html {
    let s = ed.scenario();
    let first_planned = p.crossings.first().map(String::as_str);
    let on_defaults = {
        let v = volume(s, first_planned);
        ed.edit(
            "programme space",
            move |s: &mut Scenario, defaults: bool| {
                on_programme(s, |p| {
                    p.space = if defaults {
                        None
                    } else {
                        Some(CandidateSpace::default_for(v))
                    }
                })
            },
        )
    };
    let body = match &p.space {
        None => {
            let tiers = [
                ("small ports (under 1 million crossings a year)", 1.0e5),
                ("mid-size ports (1 to 10 million)", 5.0e6),
                ("the largest ports (10 million or more)", 2.0e7),
            ];
            html! {
                <p class="ed-lead programme-editor__size" id="programme-space-defaults">
                    { "Each crossing is searched over the defaults for its size: " }
                    { tiers.iter().map(|(what, v)| {
                        let d = CandidateSpace::default_for(*v);
                        format!("{what}: {} candidate plans ({} operations a week; {} team(s))",
                            d.size(), list_text(d.operations_per_week.iter().map(|&x| f64::from(x)), 1.0),
                            list_text(d.teams.iter().map(|&x| f64::from(x)), 1.0))
                    }).collect::<Vec<_>>().join("; ") }
                    { ". Untick to choose the candidates yourself." }
                </p>
            }
        }
        Some(space) => {
            let size = space.size();
            let too_many = size > egress_core::scenario::programme::MAX_CANDIDATES;
            html! {
                <>
                    { choice_boxes(ed, "programme.space.schedules", "Schedule families", &SCHEDULES, &space.schedules, |sp| &mut sp.schedules) }
                    <div class="programme-editor__lists">
                        <ListField path="programme.space.operations_per_week" unit="a week"
                                   text={AttrValue::from(list_text(space.operations_per_week.iter().map(|&x| f64::from(x)), 1.0))}
                                   error={first_error(ed, "programme.space.operations_per_week")}
                                   hint={AttrValue::from("whole numbers from 1 to 50: each a candidate minimum frequency")}
                                   on_text={list_edit(ed, true, count_range(Ranges::OPERATIONS_PER_WEEK), 1.0,
                                       |sp, v| sp.operations_per_week = v.into_iter().map(|x| x as u32).collect())} />
                        <ListField path="programme.space.duration_hours" unit="h"
                                   text={AttrValue::from(list_text(space.duration_hours.iter().copied(), 1.0))}
                                   error={first_error(ed, "programme.space.duration_hours")}
                                   hint={AttrValue::from("from 0.25 to 24 hours")}
                                   on_text={list_edit(ed, false, (0.25, 24.0), 1.0, |sp, v| sp.duration_hours = v)} />
                        <WindowsField text={AttrValue::from(windows_text(&space.daily_windows))}
                                      error={first_error(ed, "programme.space.daily_windows")} />
                        <ListField path="programme.space.teams"
                                   text={AttrValue::from(list_text(space.teams.iter().map(|&x| f64::from(x)), 1.0))}
                                   error={first_error(ed, "programme.space.teams")}
                                   hint={AttrValue::from("whole numbers from 1 to 50")}
                                   on_text={list_edit(ed, true, count_range(Ranges::TEAMS), 1.0,
                                       |sp, v| sp.teams = v.into_iter().map(|x| x as u32).collect())} />
                        <ListField path="programme.space.crew_size" unit="officers"
                                   text={AttrValue::from(list_text(space.crew_size.iter().map(|&x| f64::from(x)), 1.0))}
                                   error={first_error(ed, "programme.space.crew_size")}
                                   hint={AttrValue::from(format!("whole numbers from {} to {}", Ranges::CREW_SIZE.0, Ranges::CREW_SIZE.1))}
                                   on_text={list_edit(ed, true, count_range(Ranges::CREW_SIZE), 1.0,
                                       |sp, v| sp.crew_size = v.into_iter().map(|x| x as u32).collect())} />
                        <ListField path="programme.space.selection" unit="%"
                                   text={AttrValue::from(selection_text(&space.selection))}
                                   error={first_error(ed, "programme.space.selection")}
                                   hint={AttrValue::from("share of vehicles picked at random, from 0.1 to 100% (100: every vehicle)")}
                                   on_text={list_edit(ed, false, (0.1, 100.0), 100.0, |sp, v| {
                                       sp.selection = v.into_iter().map(|f| if f >= 1.0 { Selection::All } else { Selection::RandomFraction { fraction: f } }).collect()
                                   })} />
                        <ListField path="programme.space.nii_units_bought" unit="units"
                                   text={AttrValue::from(list_text(space.nii_units_bought.iter().map(|&x| f64::from(x)), 1.0))}
                                   error={first_error(ed, "programme.space.nii_units_bought")}
                                   hint={AttrValue::from("X-ray units bought for outbound work, whole numbers from 0 to 20")}
                                   on_text={list_edit(ed, true, (0.0, 20.0), 1.0,
                                       |sp, v| sp.nii_units_bought = v.into_iter().map(|x| x as u32).collect())} />
                    </div>
                    { choice_boxes(ed, "programme.space.technique", "Techniques", &TECHNIQUES, &space.technique, |sp| &mut sp.technique) }
                    <p class={classes!("plan__note", too_many.then_some("field-error"))} id="programme-space-size"
                       data-candidates={size.to_string()}>
                        { format!("{size} candidate plans per crossing (at most {}); each gets {} replications before any is screened out.",
                            egress_core::scenario::programme::MAX_CANDIDATES, p.search.first_stage) }
                    </p>
                </>
            }
        }
    };
    html! {
        <>
            <CheckField id="programme-space-defaults-toggle" path={AttrValue::from("programme.space")}
                        label="Defaults for each crossing's size" checked={p.space.is_none()} on_change={on_defaults} />
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WindowsFieldProps {
    text: AttrValue,
    error: Option<AttrValue>,
}

#[function_component]
fn WindowsField(props: &WindowsFieldProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let on_text = Callback::from(move |text: String| {
        let windows = parse_windows(&text)?;
        let canonical = windows_text(&windows);
        ed.apply("programme space", move |s| {
            let windows = windows.clone();
            on_space(s, |space| space.daily_windows = windows)
        });
        Ok(canonical)
    });
    html! {
        <ListField path="programme.space.daily_windows" unit="h" text={props.text.clone()} error={props.error.clone()}
                   hint={AttrValue::from("hours from–to in which operations run, such as 6–22")} on_text={on_text} />
    }
}

fn goal_editor(ed: &Ed, p: &Programme) -> Html {
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
    fn lists_parse_within_their_range_or_say_what_to_type() {
        assert_eq!(
            parse_list("1, 3,7", true, (1.0, 50.0), 1.0),
            Ok(vec![1.0, 3.0, 7.0])
        );
        assert_eq!(
            parse_list("100, 20", false, (0.1, 100.0), 100.0),
            Ok(vec![1.0, 0.2])
        );
        let e = parse_list("1, 60", true, (1.0, 50.0), 1.0).unwrap_err();
        assert_eq!(e, "enter whole numbers from 1 to 50, separated by commas");
        assert!(
            parse_list("", true, (1.0, 50.0), 1.0)
                .unwrap_err()
                .starts_with("list at least one value")
        );
        assert!(parse_list("2.5", true, (1.0, 50.0), 1.0).is_err());
        assert_eq!(list_text([1.0, 0.2], 100.0), "100, 20");
    }

    #[test]
    fn windows_parse_and_print_the_same() {
        let w = parse_windows("6-22, 8 – 20").unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(windows_text(&w), "6\u{2013}22, 8\u{2013}20");
        assert!(parse_windows("22-6").is_err());
        assert!(parse_windows("6").is_err());
        assert!(parse_windows(" ").is_err());
    }

    #[test]
    fn the_default_question_is_valid_for_every_preset() {
        for preset in egress_core::scenario::presets::PRESETS {
            let mut s = egress_core::scenario::presets::preset(preset.id).unwrap();
            s.programme = Some(default_programme(&s));
            let problems = egress_core::scenario::validate(s).err().unwrap_or_default();
            assert!(problems.is_empty(), "{}: {problems:?}", preset.id);
        }
    }

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
