//! The seizure record a calibration anchors prevalence to: a shipped public record
//! (labelled with its sources) or the planner's own figures, per contraband type,
//! nationally or per field office or crossing, with the years they cover and their
//! source. The core's `record::check` problems show on the fields.

use egress_core::scenario::record::{
    CountModel, MAX_DISPERSION, RECORD_PRESETS, RecordEntry, SeizureRecord, YEARS, record_preset,
};
use egress_core::scenario::{Contraband, Scenario};
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, SelectField, TextField};
use crate::state::AppContext;

/// The picker's value for "no record" and for figures the planner entered.
const NONE: &str = "none";
const OWN: &str = "own";

/// Which choice of the picker a scenario's record is.
pub fn record_choice(record: Option<&SeizureRecord>) -> &'static str {
    match record {
        None => NONE,
        Some(r) => RECORD_PRESETS
            .iter()
            .find(|id| record_preset(id).as_ref() == Some(r))
            .copied()
            .unwrap_or(OWN),
    }
}

/// A first figure to fill in: national firearms over the last three fiscal years.
fn blank_entry() -> RecordEntry {
    RecordEntry {
        contraband: Contraband::Firearms,
        field_office: None,
        crossing: None,
        amount_per_year: 0.0,
        seizures_per_year: None,
        first_year: 2022,
        last_year: 2024,
        source: String::new(),
    }
}

/// The place choices of a scenario: all crossings, each field office, each crossing.
fn places(s: &Scenario) -> Vec<(AttrValue, AttrValue)> {
    let mut out = vec![(AttrValue::from("all"), AttrValue::from("All crossings"))];
    let mut offices: Vec<&str> = s
        .crossings
        .iter()
        .map(|c| c.field_office.as_str())
        .collect();
    offices.sort_unstable();
    offices.dedup();
    out.extend(offices.into_iter().map(|f| {
        (
            AttrValue::from(format!("office:{f}")),
            AttrValue::from(format!("Field office {f}")),
        )
    }));
    out.extend(s.crossings.iter().map(|c| {
        (
            AttrValue::from(format!("crossing:{}", c.id)),
            AttrValue::from(format!("Crossing {} ({})", c.name, c.id)),
        )
    }));
    out
}

fn place_key(e: &RecordEntry) -> String {
    match (&e.crossing, &e.field_office) {
        (Some(c), _) => format!("crossing:{c}"),
        (None, Some(f)) => format!("office:{f}"),
        (None, None) => String::from("all"),
    }
}

fn set_place(e: &mut RecordEntry, key: &str) {
    e.crossing = key.strip_prefix("crossing:").map(str::to_owned);
    e.field_office = key.strip_prefix("office:").map(str::to_owned);
}

fn entry_mut(s: &mut Scenario, i: usize) -> Option<&mut RecordEntry> {
    s.record.as_mut().and_then(|r| r.entries.get_mut(i))
}

#[function_component]
pub fn RecordEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let choice = record_choice(s.record.as_ref());
    let mut options = vec![(AttrValue::from(NONE), AttrValue::from("No record"))];
    options.extend(RECORD_PRESETS.iter().filter_map(|id| {
        record_preset(id).map(|r| {
            let sources: Vec<&str> = r.entries.iter().map(|e| e.source.as_str()).collect();
            (
                AttrValue::from(*id),
                AttrValue::from(format!("{} — {}", r.label, sources.join("; "))),
            )
        })
    }));
    options.push((AttrValue::from(OWN), AttrValue::from("Figures I enter")));
    let on_pick = ed.edit("seizure record", |s: &mut Scenario, v: String| {
        s.record = match v.as_str() {
            NONE => None,
            OWN => Some(SeizureRecord {
                label: s
                    .record
                    .as_ref()
                    .map_or_else(|| String::from("My record"), |r| r.label.clone()),
                entries: s
                    .record
                    .as_ref()
                    .map_or_else(|| vec![blank_entry()], |r| r.entries.clone()),
                model: s.record.as_ref().map(|r| r.model).unwrap_or_default(),
            }),
            id => record_preset(id),
        };
    });

    let body = match &s.record {
        None => html! {
            <p class="ed-lead" id="record-none">
                { "Without a record, calibration has nothing to anchor prevalence to. Pick a public record or enter your own." }
            </p>
        },
        Some(record) => {
            let places = places(s);
            let kinds: Vec<(AttrValue, AttrValue)> = Contraband::ALL
                .iter()
                .map(|k| (AttrValue::from(k.key()), AttrValue::from(k.label())))
                .collect();
            let rows = record.entries.iter().enumerate().map(|(i, e)| {
                let at = |field: &str| format!("record.entries[{i}].{field}");
                let on_kind = ed.edit("record contraband", move |s: &mut Scenario, v: String| {
                    if let (Some(e), Some(k)) = (entry_mut(s, i), Contraband::ALL.iter().find(|k| k.key() == v)) {
                        e.contraband = *k;
                    }
                });
                let on_place = ed.edit("record place", move |s: &mut Scenario, v: String| {
                    if let Some(e) = entry_mut(s, i) {
                        set_place(e, &v);
                    }
                });
                let on_amount = ed.edit("record amount", move |s: &mut Scenario, v: f64| {
                    if let Some(e) = entry_mut(s, i) {
                        e.amount_per_year = v;
                    }
                });
                let on_first = ed.edit("record first year", move |s: &mut Scenario, v: f64| {
                    if let Some(e) = entry_mut(s, i) {
                        e.first_year = v as u32;
                    }
                });
                let on_last = ed.edit("record last year", move |s: &mut Scenario, v: f64| {
                    if let Some(e) = entry_mut(s, i) {
                        e.last_year = v as u32;
                    }
                });
                let on_source = ed.edit("record source", move |s: &mut Scenario, v: String| {
                    if let Some(e) = entry_mut(s, i) {
                        e.source = v;
                    }
                });
                let remove = {
                    let ed = ed.clone();
                    Callback::from(move |_: MouseEvent| {
                        ed.apply("remove record figure", move |s: &mut Scenario| {
                            if let Some(r) = s.record.as_mut()
                                && i < r.entries.len()
                            {
                                r.entries.remove(i);
                            }
                        })
                    })
                };
                let years = Some((f64::from(YEARS.0), f64::from(YEARS.1)));
                let place_error = ed.error(&at("crossing")).or_else(|| ed.error(&at("field_office")));
                html! {
                    <fieldset class="record-entry" data-entry={i.to_string()}>
                        <legend class="record-entry__legend">{ format!("Figure {}", i + 1) }</legend>
                        <div class="field-grid">
                            <SelectField path={at("contraband")} options={kinds.clone()}
                                         selected={AttrValue::from(e.contraband.key())}
                                         error={ed.error(&at("contraband"))} on_change={on_kind} />
                            <SelectField path={at("place")} options={places.clone()}
                                         selected={AttrValue::from(place_key(e))}
                                         error={place_error} on_change={on_place} />
                            <NumberField path={at("amount_per_year")} unit={format!("{} a year", e.contraband.unit())}
                                         value={e.amount_per_year} decimals={2} grouping=true
                                         show_provenance=false
                                         error={ed.error(&at("amount_per_year"))} on_change={on_amount} />
                            <NumberField path={at("first_year")} integer=true range={years} show_provenance=false
                                         value={f64::from(e.first_year)} grouping=false decimals={0}
                                         error={ed.error(&at("first_year"))} on_change={on_first} />
                            <NumberField path={at("last_year")} integer=true range={years} show_provenance=false
                                         value={f64::from(e.last_year)} grouping=false decimals={0}
                                         error={ed.error(&at("last_year"))} on_change={on_last} />
                            <TextField path={at("source")} value={e.source.clone()} show_provenance=false
                                       placeholder="e.g. CBP seizure statistics FY2022–24, outbound"
                                       error={ed.error(&at("source"))} on_change={on_source} />
                        </div>
                        <button type="button" class="button button--quiet record-entry__remove" onclick={remove}
                                aria-label={format!("Remove figure {}", i + 1)}>{ "Remove" }</button>
                    </fieldset>
                }
            });
            let add = {
                let ed = ed.clone();
                Callback::from(move |_: MouseEvent| {
                    ed.apply("add record figure", |s: &mut Scenario| {
                        if let Some(r) = s.record.as_mut() {
                            r.entries.push(blank_entry());
                        }
                    })
                })
            };
            html! {
                <>
                    <TextField path="record.label" value={record.label.clone()} show_provenance=false
                               hint="how briefings name it: \u{201c}calibrated to … record\u{201d}"
                               error={ed.error("record.label")}
                               on_change={ed.edit("record label", |s: &mut Scenario, v: String| {
                                   if let Some(r) = s.record.as_mut() { r.label = v; }
                               })} />
                    { count_model(&ed, record.model) }
                    if let Some(message) = ed.error("record.entries") {
                        <p class="field-error" id="record-entries-error">{ message }</p>
                    }
                    { for rows }
                    <button type="button" class="button" id="record-add" onclick={add}>{ "Add a recorded figure" }</button>
                </>
            }
        }
    };

    html! {
        <div class="record-editor" id="record-editor">
            <p class="ed-lead">
                { "Outbound seizures recorded a year under today's practice (the first strategy). Calibration infers what prevalence they imply." }
            </p>
            <SelectField path="record" label="Seizure record" id={AttrValue::from("record-preset")}
                         options={options} selected={AttrValue::from(choice)} on_change={on_pick} />
            { body }
        </div>
    }
}

const POISSON: &str = "poisson";
const NEGATIVE_BINOMIAL: &str = "negative_binomial";

/// How recorded counts vary year to year: Poisson, or negative binomial with a stated
/// dispersion (seizures that come in runs), which widens the calibration's interval.
fn count_model(ed: &Ed, model: CountModel) -> Html {
    let options = vec![
        (
            AttrValue::from(POISSON),
            AttrValue::from("Poisson (variance = mean)"),
        ),
        (
            AttrValue::from(NEGATIVE_BINOMIAL),
            AttrValue::from("Negative binomial (seizures come in runs)"),
        ),
    ];
    let on_kind = ed.edit("record count model", |s: &mut Scenario, v: String| {
        if let Some(r) = s.record.as_mut() {
            r.model = match v.as_str() {
                NEGATIVE_BINOMIAL => CountModel::NegativeBinomial { dispersion: 2.0 },
                _ => CountModel::Poisson,
            };
        }
    });
    let on_dispersion = ed.edit("record dispersion", |s: &mut Scenario, v: f64| {
        if let Some(r) = s.record.as_mut() {
            r.model = CountModel::NegativeBinomial { dispersion: v };
        }
    });
    let (selected, dispersion) = match model {
        CountModel::Poisson => (POISSON, None),
        CountModel::NegativeBinomial { dispersion } => (NEGATIVE_BINOMIAL, Some(dispersion)),
    };
    html! {
        <div class="field-grid">
            <SelectField path="record.model" options={options} selected={AttrValue::from(selected)}
                         error={ed.error("record.model")} on_change={on_kind} />
            if let Some(dispersion) = dispersion {
                <NumberField path="record.model.dispersion" value={dispersion} decimals={1}
                             range={Some((1.0, MAX_DISPERSION))} show_provenance=false
                             hint="variance ÷ mean of a year's count; 1 is Poisson"
                             error={ed.error("record.model.dispersion")} on_change={on_dispersion} />
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_recognises_shipped_records() {
        assert_eq!(record_choice(None), NONE);
        for id in RECORD_PRESETS {
            assert_eq!(record_choice(record_preset(id).as_ref()), *id);
        }
        let mut own = record_preset("gao-21-322").expect("shipped");
        own.entries[0].amount_per_year = 3.0;
        assert_eq!(record_choice(Some(&own)), OWN);
    }

    #[test]
    fn places_round_trip() {
        let mut e = blank_entry();
        for key in ["crossing:2504", "office:San Diego", "all"] {
            set_place(&mut e, key);
            assert_eq!(place_key(&e), key);
        }
    }
}
