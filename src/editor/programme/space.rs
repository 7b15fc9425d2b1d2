//! The candidate plans: the defaults for each crossing's size, or lists of one's own
//! (schedule families, operations a week, lengths, daily windows, teams, crews, shares
//! picked, techniques, X-ray units bought), with the number of candidates they make.

use egress_core::scenario::programme::{CandidateSpace, Programme, ScheduleFamily};
use egress_core::scenario::{Ranges, Scenario, Selection, Technique};
use yew::prelude::*;

use super::list_field::{ListField, list_text, parse_list, parse_windows, windows_text};
use super::{count_range, first_error, on_programme, on_space, volume};
use crate::editor::Ed;
use crate::editor::fields::{CheckField, field_id};
use crate::editor::labels;
use crate::state::AppContext;

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

pub(super) fn space_editor(ed: &Ed, p: &Programme) -> Html {
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
