//! The plan editor: when operations run (schedule and minimum frequency), what they
//! stop and how (modalities, selection, technique), who staffs them, and recalls. Used
//! for a strategy's plan and for its per-crossing overrides.

use egress_core::scenario::{
    MinFrequency, Modality, Period, Plan, Ranges, Scenario, Schedule, Selection, Technique, Window,
};
use yew::prelude::*;

use super::Ed;
use super::fields::{CheckField, DaysField, NumberField, SelectField, count_range, field_id};
use super::format::{clock, format_number, hours, money};
use crate::state::AppContext;

/// Which plan of the scenario an editor shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PlanRef {
    Strategy(usize),
    Override(usize, usize),
}

impl PlanRef {
    pub fn path(self) -> String {
        match self {
            PlanRef::Strategy(i) => format!("strategies[{i}].plan"),
            PlanRef::Override(i, j) => format!("strategies[{i}].overrides[{j}].plan"),
        }
    }

    pub fn get(self, s: &Scenario) -> Option<&Plan> {
        match self {
            PlanRef::Strategy(i) => s.strategies.get(i).map(|st| &st.plan),
            PlanRef::Override(i, j) => s
                .strategies
                .get(i)
                .and_then(|st| st.overrides.get(j))
                .map(|o| &o.plan),
        }
    }

    pub fn get_mut(self, s: &mut Scenario) -> Option<&mut Plan> {
        match self {
            PlanRef::Strategy(i) => s.strategies.get_mut(i).map(|st| &mut st.plan),
            PlanRef::Override(i, j) => s
                .strategies
                .get_mut(i)
                .and_then(|st| st.overrides.get_mut(j))
                .map(|o| &mut o.plan),
        }
    }
}

/// The serde name of a schedule's kind, used as the select's value.
pub fn kind_of(schedule: &Schedule) -> &'static str {
    match schedule {
        Schedule::None => "none",
        Schedule::DailyFixed { .. } => "daily_fixed",
        Schedule::DailyRandom { .. } => "daily_random",
        Schedule::PeakTime { .. } => "peak_time",
        Schedule::PulseRandom { .. } => "pulse_random",
        Schedule::PulseIntel { .. } => "pulse_intel",
        Schedule::Continuous => "continuous",
        Schedule::Mixed { .. } => "mixed",
    }
}

pub const KINDS: [(&str, &str); 7] = [
    ("none", "No outbound operations"),
    ("daily_fixed", "Daily, fixed windows"),
    ("daily_random", "Daily, at a random time"),
    ("peak_time", "Peak hours"),
    ("pulse_random", "Pulse and surge, random"),
    ("pulse_intel", "Pulse and surge, on intelligence"),
    ("continuous", "Continuous (24/7)"),
];

fn days_of(schedule: &Schedule) -> Option<[bool; 7]> {
    match schedule {
        Schedule::DailyFixed { days, .. }
        | Schedule::DailyRandom { days, .. }
        | Schedule::PeakTime { days, .. } => Some(*days),
        _ => None,
    }
}

fn duration_of(schedule: &Schedule) -> Option<f64> {
    match schedule {
        Schedule::DailyRandom { duration_hours, .. }
        | Schedule::PulseRandom { duration_hours, .. }
        | Schedule::PulseIntel { duration_hours, .. } => Some(*duration_hours),
        Schedule::DailyFixed { windows, .. } => windows.first().map(|w| w.duration_hours),
        _ => None,
    }
}

/// The schedule of another kind, with sensible defaults, keeping the weekdays and the
/// operation length of the old one where the new kind has them.
pub fn switch_kind(old: &Schedule, kind: &str) -> Option<Schedule> {
    let days = days_of(old).unwrap_or([true; 7]);
    let duration = duration_of(old)
        .filter(|d| d.is_finite() && (0.25..=24.0).contains(d))
        .unwrap_or(2.0);
    let schedule = match kind {
        "none" => Schedule::None,
        "daily_fixed" => Schedule::DailyFixed {
            windows: vec![Window {
                start_hour: 16.0,
                duration_hours: duration,
            }],
            days,
        },
        "daily_random" => Schedule::DailyRandom {
            duration_hours: duration,
            earliest_start_hour: 8.0,
            latest_start_hour: 18.0,
            days,
        },
        "peak_time" => Schedule::PeakTime {
            busiest_hours: 3,
            days,
        },
        "pulse_random" => Schedule::PulseRandom {
            operations: 3,
            per: Period::Week,
            duration_hours: duration,
        },
        "pulse_intel" => Schedule::PulseIntel {
            detection_probability: 0.5,
            lag_hours: 48.0,
            false_alarms_per_year: 4.0,
            surge_days: 5,
            duration_hours: duration.clamp(4.0, 24.0),
        },
        "continuous" => Schedule::Continuous,
        _ => return None,
    };
    Some(schedule)
}

/// Gives a plan a schedule of another kind; continuous operation, the upper bound, is
/// never cancelled or recalled (validation insists), so its recall is cleared.
pub fn switch_plan_kind(plan: &mut Plan, kind: &str) {
    if let Some(next) = switch_kind(&plan.schedule, kind) {
        if next == Schedule::Continuous {
            plan.recall.cancel_probability = 0.0;
            plan.recall.recall_per_hour = 0.0;
        }
        plan.schedule = next;
    }
}

fn days_text(days: &[bool; 7]) -> String {
    let n = days.iter().filter(|d| **d).count();
    match n {
        7 => String::new(),
        5 if days[..5].iter().all(|d| *d) => " on weekdays".to_string(),
        2 if days[5] && days[6] => " at weekends".to_string(),
        _ => format!(" on {n} days a week"),
    }
}

/// One line describing a plan, for a collapsed strategy card or an override.
pub fn plan_summary(plan: &Plan) -> String {
    let when = match &plan.schedule {
        Schedule::None => "No operations".to_string(),
        Schedule::Continuous => "Around the clock".to_string(),
        Schedule::DailyFixed { windows, days } => {
            let list: Vec<String> = windows
                .iter()
                .map(|w| {
                    format!(
                        "{}–{}",
                        clock(w.start_hour),
                        clock(w.start_hour + w.duration_hours)
                    )
                })
                .collect();
            format!("Daily {}{}", list.join(", "), days_text(days))
        }
        Schedule::DailyRandom {
            duration_hours,
            earliest_start_hour,
            latest_start_hour,
            days,
        } => format!(
            "{} a day starting {}–{}{}",
            hours(*duration_hours),
            clock(*earliest_start_hour),
            clock(*latest_start_hour),
            days_text(days)
        ),
        Schedule::PeakTime {
            busiest_hours,
            days,
        } => format!(
            "The {busiest_hours} busiest hour{}{}",
            if *busiest_hours == 1 { "" } else { "s" },
            days_text(days)
        ),
        Schedule::PulseRandom {
            operations,
            per,
            duration_hours,
        } => format!(
            "{operations} × {} a {} at random, {}–{}",
            hours(*duration_hours),
            match per {
                Period::Week => "week",
                Period::Month => "month",
            },
            clock(plan.operating_hours.from_hour),
            clock(plan.operating_hours.to_hour)
        ),
        Schedule::PulseIntel {
            surge_days,
            duration_hours,
            ..
        } => format!(
            "Intelligence-led surges of {surge_days} days × {}",
            hours(*duration_hours)
        ),
        Schedule::Mixed {
            operations_per_week,
            duration_hours,
            ..
        } => format!(
            "{operations_per_week} × {} a week at hours randomised against learning carriers",
            hours(*duration_hours)
        ),
    };
    let floor = plan
        .min_frequency
        .map(|m| {
            format!(
                ", at least every {} days",
                format_number(m.max_gap_days, 1, false)
            )
        })
        .unwrap_or_default();
    let selection = match plan.selection {
        Selection::All => "every vehicle".to_string(),
        Selection::RandomFraction { fraction } => {
            format!("{}% at random", format_number(fraction * 100.0, 1, false))
        }
        Selection::RiskBased { .. } => "risk-targeted".to_string(),
    };
    format!(
        "{when}{floor} · {selection} · {} · {} team{} of {}",
        plan.technique.label(),
        plan.teams,
        if plan.teams == 1 { "" } else { "s" },
        plan.crew_size
    )
}

#[derive(Properties, PartialEq, Clone)]
pub struct PlanEditorProps {
    pub plan: PlanRef,
}

/// Every field of one plan.
#[function_component]
pub fn PlanEditor(props: &PlanEditorProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let r = props.plan;
    let Some(plan) = r.get(ed.scenario()) else {
        return Html::default();
    };
    let base = r.path();
    let sp = format!("{base}.schedule");
    // A setter on this plan: `set(label, |plan, value| ...)`.
    let set = |label: &'static str, f: fn(&mut Plan, f64)| {
        ed.edit(label, move |s: &mut Scenario, v: f64| {
            if let Some(p) = r.get_mut(s) {
                f(p, v);
            }
        })
    };
    let number = |field: &str,
                  unit: &str,
                  value: f64,
                  f: fn(&mut Plan, f64),
                  count: Option<(u32, u32)>,
                  hint: Option<String>| {
        let path = format!("{sp}.{field}");
        html! {
            <NumberField path={path.clone()} unit={unit.to_string()} value={value}
                         integer={count.is_some()} range={count.and_then(count_range)} error={ed.error(&path)} hint={hint.map(AttrValue::from)}
                         on_change={set("plan schedule", f)} />
        }
    };

    let kind_select = {
        let on_change = ed.edit("schedule kind", move |s: &mut Scenario, kind: String| {
            if let Some(p) = r.get_mut(s) {
                switch_plan_kind(p, &kind);
            }
        });
        let options = KINDS
            .iter()
            .map(|(v, l)| (AttrValue::from(*v), AttrValue::from(*l)))
            .collect::<Vec<_>>();
        html! {
            <SelectField path={format!("{sp}.kind")} options={options}
                         selected={kind_of(&plan.schedule)} on_change={on_change}
                         hint={AttrValue::from(schedule_hint(&plan.schedule))} />
        }
    };

    let days_field = days_of(&plan.schedule).map(|days| {
        let path = format!("{sp}.days");
        let on_change = ed.edit(
            "schedule days",
            move |s: &mut Scenario, (d, on): (usize, bool)| {
                if let Some(p) = r.get_mut(s) {
                    match &mut p.schedule {
                        Schedule::DailyFixed { days, .. }
                        | Schedule::DailyRandom { days, .. }
                        | Schedule::PeakTime { days, .. } => {
                            if let Some(day) = days.get_mut(d) {
                                *day = on;
                            }
                        }
                        _ => {}
                    }
                }
            },
        );
        html! { <DaysField path={path.clone()} days={days} error={ed.error(&path)} on_change={on_change} /> }
    });

    let kind_fields = match &plan.schedule {
        Schedule::None => html! {
            <p class="plan__note">{ "No outbound operations (add a minimum frequency to force some)." }</p>
        },
        Schedule::Continuous => html! {
            <p class="plan__note">{ "Staffed around the clock, shift by shift, never cancelled or recalled: the upper bound of coverage and cost." }</p>
        },
        Schedule::Mixed { .. } => html! {
            <p class="plan__note">{ "Operation hours drawn from the distribution the optimiser chose against carriers who learn the schedule (egress optimise)." }</p>
        },
        Schedule::DailyFixed { windows, .. } => {
            let wp = format!("{sp}.windows");
            let can_add = windows.len() < egress_core::scenario::Limits::WINDOWS;
            let add = {
                let ed = ed.clone();
                Callback::from(move |_: MouseEvent| {
                    ed.apply("add window", move |s| {
                        if let Some(Plan {
                            schedule: Schedule::DailyFixed { windows, .. },
                            ..
                        }) = r.get_mut(s)
                        {
                            let start = windows
                                .last()
                                .map_or(8.0, |w| (w.start_hour + w.duration_hours + 2.0) % 24.0);
                            windows.push(Window {
                                start_hour: start.floor(),
                                duration_hours: 2.0,
                            });
                        }
                    })
                })
            };
            html! {
                <div class="windows" data-path={wp.clone()}>
                    <div class="windows__head">
                        <span class="field__label">{ "Windows (clock time, every selected day)" }</span>
                        <button type="button" class="button button--small" disabled={!can_add}
                                id={format!("{}-add", field_id(&wp))} onclick={add}
                                title={(!can_add).then_some("At most 12 windows")}>{ "Add window" }</button>
                    </div>
                    if let Some(error) = ed.error(&wp) {
                        <p class="field-error" id={format!("{}-error", field_id(&wp))}>{ error }</p>
                    }
                    { for windows.iter().enumerate().map(|(k, w)| {
                        let start_path = format!("{wp}[{k}].start_hour");
                        let dur_path = format!("{wp}[{k}].duration_hours");
                        let set_start = ed.edit("window start", move |s: &mut Scenario, v: f64| {
                            if let Some(Plan { schedule: Schedule::DailyFixed { windows, .. }, .. }) = r.get_mut(s)
                                && let Some(w) = windows.get_mut(k) { w.start_hour = v; }
                        });
                        let set_dur = ed.edit("window length", move |s: &mut Scenario, v: f64| {
                            if let Some(Plan { schedule: Schedule::DailyFixed { windows, .. }, .. }) = r.get_mut(s)
                                && let Some(w) = windows.get_mut(k) { w.duration_hours = v; }
                        });
                        let remove = {
                            let ed = ed.clone();
                            Callback::from(move |_: MouseEvent| {
                                ed.apply("remove window", move |s| {
                                    if let Some(Plan { schedule: Schedule::DailyFixed { windows, .. }, .. }) = r.get_mut(s)
                                        && k < windows.len() { windows.remove(k); }
                                })
                            })
                        };
                        html! {
                            <div class="windows__row" data-window-index={k.to_string()}>
                                <NumberField path={start_path.clone()} label={format!("Window {} starts at", k + 1)} unit="h"
                                             value={w.start_hour} error={ed.error(&start_path)} on_change={set_start}
                                             hint={AttrValue::from(format!("{}–{}", clock(w.start_hour), clock(w.start_hour + w.duration_hours)))} />
                                <NumberField path={dur_path.clone()} unit="h" value={w.duration_hours}
                                             error={ed.error(&dur_path)} on_change={set_dur} />
                                <button type="button" class="button button--quiet button--small windows__remove"
                                        aria-label={format!("Remove window {}", k + 1)} onclick={remove}>{ "Remove" }</button>
                            </div>
                        }
                    }) }
                </div>
            }
        }
        Schedule::DailyRandom {
            duration_hours,
            earliest_start_hour,
            latest_start_hour,
            ..
        } => html! {
            <div class="field-grid">
                { number("duration_hours", "h", *duration_hours, |p, v| {
                    if let Schedule::DailyRandom { duration_hours, .. } = &mut p.schedule { *duration_hours = v; }
                }, None, None) }
                { number("earliest_start_hour", "h", *earliest_start_hour, |p, v| {
                    if let Schedule::DailyRandom { earliest_start_hour, .. } = &mut p.schedule { *earliest_start_hour = v; }
                }, None, Some(format!("clock time {}", clock(*earliest_start_hour)))) }
                { number("latest_start_hour", "h", *latest_start_hour, |p, v| {
                    if let Schedule::DailyRandom { latest_start_hour, .. } = &mut p.schedule { *latest_start_hour = v; }
                }, None, Some(format!("clock time {}", clock(*latest_start_hour)))) }
            </div>
        },
        Schedule::PeakTime { busiest_hours, .. } => html! {
            <div class="field-grid">
                { number("busiest_hours", "h a day", f64::from(*busiest_hours), |p, v| {
                    if let Schedule::PeakTime { busiest_hours, .. } = &mut p.schedule { *busiest_hours = v as u32; }
                }, Some(Ranges::BUSIEST_HOURS), Some("the K busiest clock hours of the traffic profile".to_string())) }
            </div>
        },
        Schedule::PulseRandom {
            operations,
            per,
            duration_hours,
        } => {
            let per_path = format!("{sp}.per");
            let on_per = ed.edit("pulse period", move |s: &mut Scenario, v: String| {
                if let Some(Plan {
                    schedule: Schedule::PulseRandom { per, .. },
                    ..
                }) = r.get_mut(s)
                {
                    *per = if v == "month" {
                        Period::Month
                    } else {
                        Period::Week
                    };
                }
            });
            let (per_value, operations_range) = match per {
                Period::Week => ("week", Ranges::OPERATIONS_PER_WEEK),
                Period::Month => ("month", Ranges::OPERATIONS_PER_MONTH),
            };
            html! {
                <div class="field-grid">
                    { number("operations", "", f64::from(*operations), |p, v| {
                        if let Schedule::PulseRandom { operations, .. } = &mut p.schedule { *operations = v as u32; }
                    }, Some(operations_range), None) }
                    <SelectField path={per_path} selected={per_value}
                                 options={vec![(AttrValue::from("week"), AttrValue::from("week")), (AttrValue::from("month"), AttrValue::from("month"))]}
                                 on_change={on_per} />
                    { number("duration_hours", "h", *duration_hours, |p, v| {
                        if let Schedule::PulseRandom { duration_hours, .. } = &mut p.schedule { *duration_hours = v; }
                    }, None, None) }
                </div>
            }
        }
        Schedule::PulseIntel {
            detection_probability,
            lag_hours,
            false_alarms_per_year,
            surge_days,
            duration_hours,
        } => html! {
            <div class="field-grid">
                { number("detection_probability", "%", detection_probability * 100.0, |p, v| {
                    if let Schedule::PulseIntel { detection_probability, .. } = &mut p.schedule { *detection_probability = v / 100.0; }
                }, None, None) }
                { number("lag_hours", "h", *lag_hours, |p, v| {
                    if let Schedule::PulseIntel { lag_hours, .. } = &mut p.schedule { *lag_hours = v; }
                }, None, None) }
                { number("false_alarms_per_year", "a year", *false_alarms_per_year, |p, v| {
                    if let Schedule::PulseIntel { false_alarms_per_year, .. } = &mut p.schedule { *false_alarms_per_year = v; }
                }, None, None) }
                { number("surge_days", "days", f64::from(*surge_days), |p, v| {
                    if let Schedule::PulseIntel { surge_days, .. } = &mut p.schedule { *surge_days = v as u32; }
                }, Some(Ranges::SURGE_DAYS), None) }
                { number("duration_hours", "h a day", *duration_hours, |p, v| {
                    if let Schedule::PulseIntel { duration_hours, .. } = &mut p.schedule { *duration_hours = v; }
                }, None, None) }
            </div>
        },
    };

    // Minimum frequency (OIG's recommendation).
    let mf_path = format!("{base}.min_frequency");
    let min_frequency = {
        let on_toggle = ed.edit("minimum frequency", move |s: &mut Scenario, on: bool| {
            if let Some(p) = r.get_mut(s) {
                p.min_frequency = on.then_some(MinFrequency {
                    max_gap_days: 7.0,
                    duration_hours: 2.0,
                });
            }
        });
        html! {
            <div class="plan__floor" data-path={mf_path.clone()}>
                <CheckField id={format!("{}-on", field_id(&mf_path))} label="Minimum frequency (OIG recommendation)"
                            checked={plan.min_frequency.is_some()} on_change={on_toggle}
                            hint={AttrValue::from("never let more days than this pass without an operation")} />
                if let Some(m) = plan.min_frequency {
                    <div class="field-grid">
                        <NumberField path={format!("{mf_path}.max_gap_days")} unit="days between operations"
                                     value={m.max_gap_days} error={ed.error(&format!("{mf_path}.max_gap_days"))}
                                     on_change={set("minimum frequency", |p, v| if let Some(m) = &mut p.min_frequency { m.max_gap_days = v; })} />
                        <NumberField path={format!("{mf_path}.duration_hours")} unit="h"
                                     value={m.duration_hours} error={ed.error(&format!("{mf_path}.duration_hours"))}
                                     on_change={set("minimum frequency", |p, v| if let Some(m) = &mut p.min_frequency { m.duration_hours = v; })} />
                    </div>
                }
            </div>
        }
    };

    // Daily hours for operations placed at random (pulses, surges, floor fill-ins).
    let oh_path = format!("{base}.operating_hours");
    let places_at_random = matches!(
        plan.schedule,
        Schedule::PulseRandom { .. } | Schedule::PulseIntel { .. }
    ) || plan.min_frequency.is_some();
    let oh = plan.operating_hours;
    let operating_hours = if places_at_random {
        let on_weighted = ed.edit("operating hours", move |s: &mut Scenario, on: bool| {
            if let Some(p) = r.get_mut(s) {
                p.operating_hours.traffic_weighted = on;
            }
        });
        html! {
            <div class="plan__operating-hours" data-path={oh_path.clone()}>
                <div class="field-grid">
                    <NumberField path={format!("{oh_path}.from_hour")} unit="h"
                                 value={oh.from_hour} error={ed.error(&format!("{oh_path}.from_hour"))}
                                 hint={AttrValue::from(format!("clock time {}", clock(oh.from_hour)))}
                                 on_change={set("operating hours", |p, v| p.operating_hours.from_hour = v)} />
                    <NumberField path={format!("{oh_path}.to_hour")} unit="h"
                                 value={oh.to_hour} error={ed.error(&format!("{oh_path}.to_hour"))}
                                 hint={AttrValue::from(format!("clock time {}", clock(oh.to_hour)))}
                                 on_change={set("operating hours", |p, v| p.operating_hours.to_hour = v)} />
                </div>
                <CheckField id={format!("{}-traffic_weighted", field_id(&oh_path))}
                            path={AttrValue::from(format!("{oh_path}.traffic_weighted"))}
                            label="Pick busier days and hours more often (by traffic)"
                            checked={oh.traffic_weighted} on_change={on_weighted}
                            hint={AttrValue::from("operations at a random time start and end inside these hours, never overlapping")} />
            </div>
        }
    } else {
        Html::default()
    };

    // Traffic stopped.
    let mod_path = format!("{base}.modalities");
    let modalities = html! {
        <fieldset class={classes!("field", "plan__modalities", ed.error(&mod_path).is_some().then_some("field--invalid"))}
                  data-path={mod_path.clone()}
                  aria-describedby={ed.error(&mod_path).map(|_| format!("{}-error", field_id(&mod_path)))}>
            <legend class="field__label">{ "Traffic inspected" }</legend>
            <div class="checks-row">
                { for Modality::ALL.iter().map(|&m| {
                    let on_change = ed.edit("modalities", move |s: &mut Scenario, on: bool| {
                        if let Some(p) = r.get_mut(s) { *p.modalities.get_mut(m) = on; }
                    });
                    html! {
                        <CheckField id={format!("{}-{}", field_id(&mod_path), m.key())} label={m.label()}
                                    checked={*plan.modalities.get(m)} on_change={on_change} />
                    }
                }) }
            </div>
            if let Some(error) = ed.error(&mod_path) {
                <p class="field-error" id={format!("{}-error", field_id(&mod_path))}>{ error }</p>
            }
        </fieldset>
    };

    // Selection.
    let sel_path = format!("{base}.selection");
    let selection_kind = match plan.selection {
        Selection::All => "all",
        Selection::RandomFraction { .. } => "random_fraction",
        Selection::RiskBased { .. } => "risk_based",
    };
    let on_selection = ed.edit("selection", move |s: &mut Scenario, v: String| {
        if let Some(p) = r.get_mut(s) {
            p.selection = match v.as_str() {
                "random_fraction" => Selection::RandomFraction { fraction: 0.2 },
                "risk_based" => Selection::RiskBased {
                    carrier_pick_rate: 0.5,
                    other_pick_rate: 0.02,
                },
                _ => Selection::All,
            };
        }
    });
    let selection_fields = match plan.selection {
        Selection::All => Html::default(),
        Selection::RandomFraction { fraction } => html! {
            <NumberField path={format!("{sel_path}.fraction")} unit="%"
                         value={fraction * 100.0} error={ed.error(&format!("{sel_path}.fraction"))}
                         on_change={set("selection", |p, v| if let Selection::RandomFraction { fraction } = &mut p.selection { *fraction = v / 100.0; })} />
        },
        Selection::RiskBased {
            carrier_pick_rate,
            other_pick_rate,
        } => html! {
            <>
                <NumberField path={format!("{sel_path}.carrier_pick_rate")} unit="%"
                             value={carrier_pick_rate * 100.0} error={ed.error(&format!("{sel_path}.carrier_pick_rate"))}
                             hint={AttrValue::from("share of carriers the targeting flags")}
                             on_change={set("selection", |p, v| if let Selection::RiskBased { carrier_pick_rate, .. } = &mut p.selection { *carrier_pick_rate = v / 100.0; })} />
                <NumberField path={format!("{sel_path}.other_pick_rate")} unit="%"
                             value={other_pick_rate * 100.0} error={ed.error(&format!("{sel_path}.other_pick_rate"))}
                             hint={AttrValue::from("share of clean travellers flagged too")}
                             on_change={set("selection", |p, v| if let Selection::RiskBased { other_pick_rate, .. } = &mut p.selection { *other_pick_rate = v / 100.0; })} />
            </>
        },
    };

    let technique = {
        let on_change = ed.edit("technique", move |s: &mut Scenario, v: String| {
            if let Some(p) = r.get_mut(s) {
                p.technique = match v.as_str() {
                    "nii_then_search" => Technique::NiiThenSearch,
                    "search_all" => Technique::SearchAll,
                    _ => Technique::Interview,
                };
            }
        });
        let value = match plan.technique {
            Technique::Interview => "interview",
            Technique::NiiThenSearch => "nii_then_search",
            Technique::SearchAll => "search_all",
        };
        let options = vec![
            (
                AttrValue::from("interview"),
                AttrValue::from("Interview (primary)"),
            ),
            (
                AttrValue::from("nii_then_search"),
                AttrValue::from("X-ray, then search on an anomaly"),
            ),
            (
                AttrValue::from("search_all"),
                AttrValue::from("Search every selected vehicle"),
            ),
        ];
        html! {
            <SelectField path={format!("{base}.technique")} options={options}
                         selected={value} on_change={on_change} />
        }
    };

    let crew = {
        let on_change = ed.edit("crew size", move |s: &mut Scenario, v: String| {
            if let Some(p) = r.get_mut(s)
                && let Ok(n) = v.parse::<u32>()
            {
                p.crew_size = n;
            }
        });
        let mut options = vec![
            (AttrValue::from("2"), AttrValue::from("2 officers")),
            (AttrValue::from("3"), AttrValue::from("3 officers")),
        ];
        if !matches!(plan.crew_size, 2 | 3) {
            options.insert(
                0,
                (
                    AttrValue::from(plan.crew_size.to_string()),
                    AttrValue::from(format!("{} officers", plan.crew_size)),
                ),
            );
        }
        let path = format!("{base}.crew_size");
        html! {
            <SelectField path={path.clone()} options={options}
                         selected={plan.crew_size.to_string()} error={ed.error(&path)} on_change={on_change}
                         hint={AttrValue::from("local procedures require 2 or 3")} />
        }
    };

    let teams_path = format!("{base}.teams");
    let bought_path = format!("{base}.nii_units_bought");
    let cancel_path = format!("{base}.recall.cancel_probability");
    let recall_path = format!("{base}.recall.recall_per_hour");
    let trusted_id = format!("{}-trusted_exempt", field_id(&base));
    let officers = plan.teams.saturating_mul(plan.crew_size);

    html! {
        <div class="plan" data-plan-path={base.clone()}>
            <fieldset class="plan__group">
                <legend class="plan__legend">{ "When" }</legend>
                { kind_select }
                { kind_fields }
                { days_field.unwrap_or_default() }
                { min_frequency }
                { operating_hours }
            </fieldset>
            <fieldset class="plan__group">
                <legend class="plan__legend">{ "What is stopped" }</legend>
                { modalities }
                <div class="field-grid">
                    <SelectField path={sel_path.clone()} selected={selection_kind}
                                 options={vec![
                                     (AttrValue::from("all"), AttrValue::from("Every vehicle")),
                                     (AttrValue::from("random_fraction"), AttrValue::from("A random fraction")),
                                     (AttrValue::from("risk_based"), AttrValue::from("Risk-based targeting")),
                                 ]}
                                 on_change={on_selection}
                                 hint={(selection_kind == "risk_based").then(|| AttrValue::from("needs connectivity; without it, picks at the others' rate"))} />
                    { selection_fields }
                </div>
                <CheckField id={trusted_id} label="Trusted travellers exempt (SENTRI, NEXUS, FAST)"
                            checked={plan.trusted_exempt}
                            on_change={ed.edit("trusted exempt", move |s: &mut Scenario, on: bool| {
                                if let Some(p) = r.get_mut(s) { p.trusted_exempt = on; }
                            })} />
            </fieldset>
            <fieldset class="plan__group">
                <legend class="plan__legend">{ "How and who" }</legend>
                <div class="field-grid">
                    { technique }
                    <NumberField path={teams_path.clone()} unit="in parallel" integer=true range={count_range(Ranges::TEAMS)}
                                 value={f64::from(plan.teams)} error={ed.error(&teams_path)}
                                 on_change={set("teams", |p, v| p.teams = v as u32)} />
                    { crew }
                    // An optimised plan may buy X-ray units; shown so that what runs is on screen.
                    <NumberField path={bought_path.clone()} unit="units" integer=true range={count_range(Ranges::NII_UNITS)}
                                 value={f64::from(plan.nii_units_bought)} error={ed.error(&bought_path)}
                                 hint={AttrValue::from("on top of each crossing's own; each costs a year's price")}
                                 on_change={set("X-ray units bought", |p, v| p.nii_units_bought = v as u32)} />
                </div>
                <p class="plan__note">{ format!("{officers} officers on duty while an operation runs.") }</p>
            </fieldset>
            <fieldset class="plan__group">
                <legend class="plan__legend">{ "Recall to inbound work" }</legend>
                if plan.schedule == Schedule::Continuous && ed.error(&format!("{base}.recall")).is_none() {
                    <p class="plan__note">{ "Continuous operation is the upper bound: never cancelled or recalled." }</p>
                } else {
                if let Some(error) = ed.error(&format!("{base}.recall")) {
                    <p class="field-error" id={format!("{}-error", field_id(&format!("{base}.recall")))}>{ error }</p>
                }
                <div class="field-grid">
                    <NumberField path={cancel_path.clone()} unit="%"
                                 value={plan.recall.cancel_probability * 100.0} error={ed.error(&cancel_path)}
                                 on_change={set("recall", |p, v| p.recall.cancel_probability = v / 100.0)} />
                    <NumberField path={recall_path.clone()} unit="per hour"
                                 value={plan.recall.recall_per_hour} error={ed.error(&recall_path)}
                                 hint={AttrValue::from(recall_hint(plan.recall.recall_per_hour))}
                                 on_change={set("recall", |p, v| p.recall.recall_per_hour = v)} />
                </div>
                }
            </fieldset>
        </div>
    }
}

fn recall_hint(per_hour: f64) -> String {
    if per_hour > 0.0 && per_hour.is_finite() {
        format!(
            "on average one recall every {} of operation",
            hours(1.0 / per_hour)
        )
    } else {
        "operations are never cut short".to_string()
    }
}

fn schedule_hint(schedule: &Schedule) -> &'static str {
    match schedule {
        Schedule::None => "no operations unless a minimum frequency is set",
        Schedule::DailyFixed { .. } | Schedule::PeakTime { .. } => {
            "recurs at the same clock time: adaptive carriers learn it"
        }
        Schedule::DailyRandom { .. } | Schedule::PulseRandom { .. } => {
            "random times cannot be learned, only spotted"
        }
        Schedule::PulseIntel { .. } => "surges follow smuggling waves that intelligence detects",
        Schedule::Continuous => "24/7: the upper bound",
        Schedule::Mixed { .. } => "randomised against carriers who learn the schedule",
    }
}

/// Cost figure for the strategy header: officer-hours a week of the plan's schedule
/// (a planner's rough guide, not the simulation's result).
pub fn weekly_officer_hours(plan: &Plan) -> f64 {
    let share = egress_core::scenario::expected_operation_share(plan);
    share * 24.0 * 7.0 * f64::from(plan.teams) * f64::from(plan.crew_size)
}

/// `$1,234` a week at the loaded rate, for the header.
pub fn weekly_cost_text(plan: &Plan, loaded_rate: f64) -> String {
    let h = weekly_officer_hours(plan);
    let hours = format_number(h, 0, true);
    format!(
        "≈ {hours} officer-hour{}, {} a week per crossing (the plan alone, before recalls)",
        if hours == "1" { "" } else { "s" },
        money((h * loaded_rate).round())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;

    #[test]
    fn switching_kinds_fills_defaults_and_keeps_days_and_length() {
        let old = Schedule::DailyRandom {
            duration_hours: 3.0,
            earliest_start_hour: 6.0,
            latest_start_hour: 20.0,
            days: [true, true, true, true, true, false, false],
        };
        match switch_kind(&old, "peak_time") {
            Some(Schedule::PeakTime {
                busiest_hours,
                days,
            }) => {
                assert_eq!(busiest_hours, 3);
                assert_eq!(days, [true, true, true, true, true, false, false]);
            }
            other => panic!("unexpected {other:?}"),
        }
        match switch_kind(&old, "pulse_random") {
            Some(Schedule::PulseRandom { duration_hours, .. }) => assert_eq!(duration_hours, 3.0),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(switch_kind(&old, "bogus"), None);
        // Every kind's defaults are valid.
        for (kind, _) in KINDS {
            let mut s = presets::preset("jackman").unwrap();
            switch_plan_kind(&mut s.strategies[0].plan, kind);
            assert_eq!(kind_of(&s.strategies[0].plan.schedule), kind);
            assert!(
                egress_core::scenario::validate(s).is_ok(),
                "{kind} defaults are valid"
            );
        }
    }

    #[test]
    fn plans_summarise_in_one_line() {
        let s = presets::preset("jackman").unwrap();
        assert_eq!(
            plan_summary(&s.strategies[1].plan),
            "1 × 2 h a month at random, 06:00–22:00, at least every 7 days · every vehicle · Interview · 1 team of 2"
        );
        assert_eq!(
            plan_summary(&s.strategies[4].plan),
            "Daily 17:00–19:00 · every vehicle · Interview · 1 team of 2"
        );
    }

    #[test]
    fn plan_refs_reach_their_plan() {
        let mut s = presets::preset("national").unwrap();
        assert!(PlanRef::Override(0, 1).get(&s).is_some());
        assert!(PlanRef::Override(0, 99).get(&s).is_none());
        assert!(PlanRef::Strategy(99).get_mut(&mut s).is_none());
        assert_eq!(
            PlanRef::Override(0, 1).path(),
            "strategies[0].overrides[1].plan"
        );
    }
}
