//! Crossings: one crossing as a form; several as a table that can be filtered (border,
//! field office, text) and edited in bulk (set a field for every crossing shown, or make
//! them follow another plan under a strategy, as an override).

use std::rc::Rc;

use egress_core::scenario::{
    Border, Crossing, CrossingFilter, Modality, PlanOverride, Ranges, Scenario, presets,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, Prov, SelectField, TextField, count_range};
use super::format::{format_number, parse_count, parse_number};
use super::plan::plan_summary;
use crate::state::AppContext;

/// What the table shows: every condition given must hold.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct TableFilter {
    pub border: Option<Border>,
    pub office: Option<String>,
    pub text: String,
}

impl TableFilter {
    pub fn matches(&self, c: &Crossing) -> bool {
        let text = self.text.trim().to_lowercase();
        self.border.is_none_or(|b| b == c.border)
            && self.office.as_ref().is_none_or(|o| *o == c.field_office)
            && (text.is_empty()
                || c.name.to_lowercase().contains(&text)
                || c.id.to_lowercase().contains(&text)
                || c.state.to_lowercase().contains(&text))
    }

    /// The override filter for the crossings shown: by border and field office when the
    /// table is filtered only by them (so it reads as a rule), else by their ids (an
    /// unfiltered table lists every crossing by id: a filter must name its crossings).
    pub fn crossing_filter(&self, shown_ids: Vec<String>) -> CrossingFilter {
        let by_rule = self.border.is_some() || self.office.is_some();
        if self.text.trim().is_empty() && by_rule {
            CrossingFilter {
                border: self.border,
                field_office: self.office.clone(),
                crossing_ids: Vec::new(),
            }
        } else {
            CrossingFilter {
                crossing_ids: shown_ids,
                ..Default::default()
            }
        }
    }
}

/// Fields the bulk editor can set for every crossing shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BulkField {
    OfficersPerShift,
    NiiUnits,
    ConnectivityUptime,
    StoragePerLane,
    Lanes(Modality),
    VolumeScale,
}

impl BulkField {
    pub const ALL: [BulkField; 8] = [
        BulkField::OfficersPerShift,
        BulkField::NiiUnits,
        BulkField::ConnectivityUptime,
        BulkField::StoragePerLane,
        BulkField::Lanes(Modality::PersonalVehicle),
        BulkField::Lanes(Modality::Truck),
        BulkField::Lanes(Modality::Bus),
        BulkField::VolumeScale,
    ];

    pub fn key(self) -> String {
        match self {
            BulkField::OfficersPerShift => "officers_per_shift".into(),
            BulkField::NiiUnits => "nii_units".into(),
            BulkField::ConnectivityUptime => "connectivity_uptime".into(),
            BulkField::StoragePerLane => "storage_per_lane".into(),
            BulkField::Lanes(m) => format!("lanes.{}", m.key()),
            BulkField::VolumeScale => "volume_scale".into(),
        }
    }

    pub fn from_key(key: &str) -> Option<BulkField> {
        BulkField::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn label(self) -> String {
        match self {
            BulkField::OfficersPerShift => "Officers per shift".into(),
            BulkField::NiiUnits => "X-ray (NII) units".into(),
            BulkField::ConnectivityUptime => "Connectivity uptime (%)".into(),
            BulkField::StoragePerLane => "Road storage per lane (vehicles)".into(),
            BulkField::Lanes(m) => format!("Outbound lanes, {}", m.label().to_lowercase()),
            BulkField::VolumeScale => "Multiply inbound volumes by (×)".into(),
        }
    }

    fn is_count(self) -> bool {
        !matches!(self, BulkField::ConnectivityUptime | BulkField::VolumeScale)
    }

    /// Parses the typed value (percent for uptime); `Err` names what to type.
    pub fn parse(self, text: &str) -> Result<BulkValue, &'static str> {
        if self.is_count() {
            parse_count(text)
                .map(BulkValue::Count)
                .ok_or("enter a whole number (0 or more)")
        } else {
            let v = parse_number(text).ok_or("enter a number")?;
            Ok(BulkValue::Number(
                if self == BulkField::ConnectivityUptime {
                    v / 100.0
                } else {
                    v
                },
            ))
        }
    }

    pub fn apply(self, c: &mut Crossing, value: BulkValue) {
        match (self, value) {
            (BulkField::OfficersPerShift, BulkValue::Count(n)) => c.officers_per_shift = n,
            (BulkField::NiiUnits, BulkValue::Count(n)) => c.nii_units = n,
            (BulkField::StoragePerLane, BulkValue::Count(n)) => c.storage_per_lane = n,
            (BulkField::Lanes(m), BulkValue::Count(n)) => *c.lanes.get_mut(m) = n,
            (BulkField::ConnectivityUptime, BulkValue::Number(v)) => c.connectivity_uptime = v,
            (BulkField::VolumeScale, BulkValue::Number(v)) => {
                for m in Modality::ALL {
                    *c.annual_inbound.get_mut(m) *= v;
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum BulkValue {
    Count(u32),
    Number(f64),
}

fn per_day(annual: f64) -> String {
    format_number(annual / 365.0, 0, true)
}

/// The crossings part of the "Crossings & traffic" section.
#[function_component]
pub fn CrossingsEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let n = ed.scenario().crossings.len();
    html! {
        <div class="crossings">
            <h4 class="ed-subhead">{ if n == 1 { "Crossing" } else { "Crossings" } }</h4>
            if let Some(error) = ed.error("crossings") {
                <p class="field-error" data-path="crossings">{ error }</p>
            }
            if n == 1 {
                <CrossingForm index={0} />
            } else if n > 1 {
                <CrossingTable />
            } else {
                <p class="plan__note">{ "No crossing yet: add a BTS port below." }</p>
            }
            <AddCrossing />
        </div>
    }
}

#[function_component]
fn AddCrossing() -> Html {
    let state = use_context::<AppContext>();
    let ports = use_memo((), |_| presets::bts_ports(presets::BTS_YEAR));
    let chosen = use_state(String::new);
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let present: Vec<&str> = ed
        .scenario()
        .crossings
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut available: Vec<&presets::BtsPort> = ports
        .iter()
        .filter(|p| !present.contains(&p.code.as_str()))
        .collect();
    available.sort_by(|a, b| (a.border, &a.state, &a.name).cmp(&(b.border, &b.state, &b.name)));
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value());
        })
    };
    let on_add = {
        let ed = ed.clone();
        let chosen = chosen.clone();
        let ports = ports.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(port) = ports.iter().find(|p| p.code == *chosen) else {
                return;
            };
            let crossing = presets::crossing_from(port);
            chosen.set(String::new());
            ed.apply("add crossing", move |s: &mut Scenario| {
                if !s.crossings.iter().any(|c| c.id == crossing.id) {
                    s.crossings.push(crossing.clone());
                }
            });
        })
    };
    if available.is_empty() {
        return Html::default();
    }
    html! {
        <div class="add-crossing">
            <label class="field__label" for="add-crossing-port">{ "Add a BTS port" }</label>
            <select id="add-crossing-port" class="field__input field__select" onchange={onchange}>
                <option value="" selected={chosen.is_empty()}>{ "Choose a port…" }</option>
                { for available.iter().map(|p| html! {
                    <option value={p.code.clone()} selected={*chosen == p.code}>
                        { format!("{}, {} ({}) — {} vehicles/day", p.name, p.state, p.code, per_day(p.personal_vehicles + p.trucks + p.buses)) }
                    </option>
                }) }
            </select>
            <button type="button" id="add-crossing" class="button" disabled={chosen.is_empty()} onclick={on_add}>{ "Add" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CrossingFormProps {
    pub index: usize,
    #[prop_or_default]
    pub on_close: Option<Callback<MouseEvent>>,
}

/// Every field of one crossing.
#[function_component]
pub fn CrossingForm(props: &CrossingFormProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let i = props.index;
    let s = ed.scenario();
    let Some(c) = s.crossings.get(i) else {
        return Html::default();
    };
    let p = |field: &str| format!("crossings[{i}].{field}");
    let set = |label: &'static str, f: fn(&mut Crossing, f64)| {
        ed.edit(label, move |s: &mut Scenario, v: f64| {
            if let Some(c) = s.crossings.get_mut(i) {
                f(c, v);
            }
        })
    };
    let set_text = |label: &'static str, f: fn(&mut Crossing, String)| {
        ed.edit(label, move |s: &mut Scenario, v: String| {
            if let Some(c) = s.crossings.get_mut(i) {
                f(c, v);
            }
        })
    };
    let on_border = ed.edit("border", move |s: &mut Scenario, v: String| {
        if let Some(c) = s.crossings.get_mut(i) {
            c.border = if v == "northern" {
                Border::Northern
            } else {
                Border::Southwest
            };
        }
    });
    let remove = {
        let ed = ed.clone();
        let close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(close) = &close {
                close.emit(e);
            }
            ed.apply("remove crossing", move |s: &mut Scenario| {
                if i < s.crossings.len() {
                    s.crossings.remove(i);
                }
            });
        })
    };
    let plans = (!s.strategies.is_empty() && s.crossings.len() > 1).then(|| {
        html! {
            <div class="crossing-form__plans">
                <h5 class="ed-minihead">{ "Plan followed under each strategy" }</h5>
                <ul class="plain-list">
                    { for s.strategies.iter().map(|st| {
                        let overridden = st.overrides.iter().rposition(|o| o.applies_to.matches(c));
                        html! {
                            <li>
                                <strong>{ st.name.clone() }</strong>{ ": " }{ plan_summary(st.plan_for(c)) }
                                if let Some(j) = overridden {
                                    <span class="badge">{ format!("override {}", j + 1) }</span>
                                }
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    });

    html! {
        <div class="crossing-form" id="crossing-form" data-crossing-index={i.to_string()}>
            if props.on_close.is_some() {
                <div class="crossing-form__head">
                    <h5 class="ed-minihead">{ format!("{} ({})", c.name, c.id) }</h5>
                    <div class="crossing-form__actions">
                        <button type="button" class="button button--small button--danger-outline" id="remove-crossing" onclick={remove}>{ "Remove crossing" }</button>
                        if let Some(close) = props.on_close.clone() {
                            <button type="button" class="button button--small" id="close-crossing" onclick={close}>{ "Close" }</button>
                        }
                    </div>
                </div>
            }
            <div class="field-grid">
                <TextField path={p("name")} value={c.name.clone()} error={ed.error(&p("name"))}
                           on_change={set_text("crossing name", |c, v| c.name = v)} />
                <TextField path={p("id")} value={c.id.clone()} error={ed.error(&p("id"))}
                           on_change={set_text("crossing id", |c, v| c.id = v)} />
                <TextField path={p("state")} value={c.state.clone()} error={ed.error(&p("state"))}
                           on_change={set_text("crossing state", |c, v| c.state = v)} />
                <SelectField path={p("border")} selected={match c.border { Border::Southwest => "southwest", Border::Northern => "northern" }}
                             options={vec![(AttrValue::from("southwest"), AttrValue::from("Southwest (Mexico)")), (AttrValue::from("northern"), AttrValue::from("Northern (Canada)"))]}
                             on_change={on_border} />
                <TextField path={p("field_office")} value={c.field_office.clone()} error={ed.error(&p("field_office"))}
                           on_change={set_text("field office", |c, v| c.field_office = v)} />
                <NumberField path={p("lat")} unit="°" value={c.lat} decimals={5} error={ed.error(&p("lat"))}
                             on_change={set("latitude", |c, v| c.lat = v)} />
                <NumberField path={p("lon")} unit="°" value={c.lon} decimals={5} error={ed.error(&p("lon"))}
                             on_change={set("longitude", |c, v| c.lon = v)} />
            </div>
            <h5 class="ed-minihead">{ "Outbound traffic (inbound count × the outbound factor)" }</h5>
            <div class="field-grid">
                { for Modality::ALL.iter().map(|&m| {
                    let path = p(&format!("annual_inbound.{}", m.key()));
                    let annual = *c.annual_inbound.get(m);
                    let unit = if m == Modality::Pedestrian { "people/day" } else { "vehicles/day" };
                    let on_change = ed.edit("annual inbound", move |s: &mut Scenario, v: f64| {
                        if let Some(c) = s.crossings.get_mut(i) { *c.annual_inbound.get_mut(m) = v * 365.0; }
                    });
                    html! {
                        <NumberField path={path.clone()} label={m.label()} unit={unit} value={annual / 365.0}
                                     range_scale={1.0 / 365.0} decimals={1} grouping=true error={ed.error(&path)} on_change={on_change}
                                     hint={AttrValue::from(format!("{} a year inbound", format_number(annual, 0, true)))} />
                    }
                }) }
            </div>
            <h5 class="ed-minihead">{ "Lanes, staff and equipment" }</h5>
            <div class="field-grid">
                { for [Modality::PersonalVehicle, Modality::Truck, Modality::Bus, Modality::Pedestrian].iter().map(|&m| {
                    let path = p(&format!("lanes.{}", m.key()));
                    let on_change = ed.edit("lanes", move |s: &mut Scenario, v: f64| {
                        if let Some(c) = s.crossings.get_mut(i) { *c.lanes.get_mut(m) = v as u32; }
                    });
                    html! {
                        <NumberField path={path.clone()} label={format!("Outbound lanes, {}", m.label().to_lowercase())} unit="lanes"
                                     integer=true range={count_range(Ranges::LANES)} value={f64::from(*c.lanes.get(m))} error={ed.error(&path)} on_change={on_change} />
                    }
                }) }
                <NumberField path={p("storage_per_lane")} unit="vehicles" integer=true range={count_range(Ranges::STORAGE_PER_LANE)}
                             value={f64::from(c.storage_per_lane)} error={ed.error(&p("storage_per_lane"))}
                             on_change={set("storage", |c, v| c.storage_per_lane = v as u32)}
                             hint={AttrValue::from("queue length before traffic is waved through")} />
                <NumberField path={p("secondary_bays")} unit="vehicles" integer=true range={count_range(Ranges::SECONDARY_BAYS)}
                             value={f64::from(c.secondary_bays)} error={ed.error(&p("secondary_bays"))}
                             on_change={set("secondary bays", |c, v| c.secondary_bays = v as u32)}
                             hint={AttrValue::from("vehicles held for search or X-ray; no one is pulled in while full")} />
                <NumberField path={p("officers_per_shift")} unit="officers" integer=true range={count_range(Ranges::OFFICERS_PER_SHIFT)}
                             value={f64::from(c.officers_per_shift)} error={ed.error(&p("officers_per_shift"))}
                             on_change={set("officers", |c, v| c.officers_per_shift = v as u32)}
                             hint={AttrValue::from("more officers than this are paid overtime")} />
                <NumberField path={p("nii_units")} unit="units" integer=true range={count_range(Ranges::NII_UNITS)}
                             value={f64::from(c.nii_units)} error={ed.error(&p("nii_units"))}
                             on_change={set("nii units", |c, v| c.nii_units = v as u32)}
                             hint={AttrValue::from("outbound pays for the hours it uses them")} />
                <NumberField path={p("nii_units_bought")} unit="units" integer=true range={count_range(Ranges::NII_UNITS)}
                             value={f64::from(c.nii_units_bought)} error={ed.error(&p("nii_units_bought"))}
                             on_change={set("nii units bought", |c, v| c.nii_units_bought = v as u32)}
                             hint={AttrValue::from("outbound pays their whole annual cost")} />
                <NumberField path={p("connectivity_uptime")} unit="%"
                             value={c.connectivity_uptime * 100.0} error={ed.error(&p("connectivity_uptime"))}
                             on_change={set("connectivity", |c, v| c.connectivity_uptime = v / 100.0)}
                             hint={AttrValue::from("risk targeting needs the data link")} />
            </div>
            { plans.unwrap_or_default() }
        </div>
    }
}

/// One row of the crossing table (plain data, so unchanged rows are not re-rendered).
#[derive(Clone, PartialEq)]
struct Row {
    index: usize,
    id: String,
    name: String,
    state: String,
    border: Border,
    office: String,
    cars_per_day: f64,
    trucks_per_day: f64,
    officers: u32,
    nii: u32,
    uptime: f64,
    problems: usize,
}

#[derive(Properties, PartialEq, Clone)]
struct RowsProps {
    rows: Rc<Vec<Row>>,
    selected: Option<usize>,
    on_select: Callback<usize>,
}

#[function_component]
fn CrossingRows(props: &RowsProps) -> Html {
    html! {
        <tbody>
            { for props.rows.iter().map(|r| {
                let index = r.index;
                let onclick = props.on_select.reform(move |_: MouseEvent| index);
                let selected = props.selected == Some(index);
                html! {
                    <tr key={r.index} class={classes!("crossing-row", selected.then_some("crossing-row--selected"), (r.problems > 0).then_some("crossing-row--invalid"))}
                        data-crossing-id={r.id.clone()} data-crossing-index={r.index.to_string()}
                        data-problems={r.problems.to_string()}>
                        <th scope="row" class="crossing-row__name">
                            <button type="button" class="link-button" onclick={onclick}
                                    aria-expanded={selected.to_string()} aria-controls="crossing-form">
                                { r.name.clone() }
                            </button>
                            <span class="crossing-row__meta">
                                { format!("{} · {} · {} · {}", r.id, r.state, r.office, match r.border { Border::Southwest => "SW", Border::Northern => "N" }) }
                            </span>
                            if r.problems > 0 {
                                <span class="badge badge--bad">{ format!("{} problem{}", r.problems, if r.problems == 1 { "" } else { "s" }) }</span>
                            }
                        </th>
                        <td class="num">{ format_number(r.cars_per_day, 0, true) }</td>
                        <td class="num col-trucks">{ format_number(r.trucks_per_day, 0, true) }</td>
                        <td class="num">{ r.officers }</td>
                        <td class="num">{ r.nii }</td>
                        <td class="num">{ format!("{}%", format_number(r.uptime * 100.0, 1, false)) }</td>
                    </tr>
                }
            }) }
        </tbody>
    }
}

#[function_component]
fn CrossingTable() -> Html {
    let state = use_context::<AppContext>();
    let filter = use_state(TableFilter::default);
    let selected = use_state(|| None::<usize>);
    let bulk_field = use_state(|| BulkField::OfficersPerShift);
    let bulk_text = use_state(String::new);
    let bulk_error = use_state(|| None::<&'static str>);
    let status = use_state(|| None::<String>);
    let plan_target = use_state(|| 0usize);
    let plan_source = use_state(|| None::<usize>);
    let on_select = {
        let selected = selected.clone();
        use_callback((), move |i: usize, _| {
            selected.set(if *selected == Some(i) { None } else { Some(i) });
        })
    };
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();

    let shown: Vec<usize> = (0..s.crossings.len())
        .filter(|&i| filter.matches(&s.crossings[i]))
        .collect();
    let rows: Rc<Vec<Row>> = Rc::new(
        shown
            .iter()
            .map(|&i| {
                let c = &s.crossings[i];
                let day = |m: Modality| c.annual_inbound.get(m) / 365.0;
                Row {
                    index: i,
                    id: c.id.clone(),
                    name: c.name.clone(),
                    state: c.state.clone(),
                    border: c.border,
                    office: c.field_office.clone(),
                    cars_per_day: day(Modality::PersonalVehicle),
                    trucks_per_day: day(Modality::Truck),
                    officers: c.officers_per_shift,
                    nii: c.nii_units,
                    uptime: c.connectivity_uptime,
                    problems: ed.problem_count(&[&format!("crossings[{i}]")]),
                }
            })
            .collect(),
    );
    let mut offices: Vec<&str> = s
        .crossings
        .iter()
        .filter(|c| filter.border.is_none_or(|b| b == c.border))
        .map(|c| c.field_office.as_str())
        .collect();
    offices.sort_unstable();
    offices.dedup();

    let on_border = {
        let filter = filter.clone();
        let status = status.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*filter).clone();
            next.border = match select.value().as_str() {
                "southwest" => Some(Border::Southwest),
                "northern" => Some(Border::Northern),
                _ => None,
            };
            status.set(None);
            filter.set(next);
        })
    };
    let on_office = {
        let filter = filter.clone();
        let status = status.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*filter).clone();
            let v = select.value();
            next.office = (!v.is_empty()).then_some(v);
            status.set(None);
            filter.set(next);
        })
    };
    let on_text = {
        let filter = filter.clone();
        let status = status.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*filter).clone();
            next.text = input.value();
            status.set(None);
            filter.set(next);
        })
    };
    let clear = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(TableFilter::default()))
    };
    let n_shown = shown.len();
    let shown_text = if n_shown == 1 {
        "the crossing shown".to_string()
    } else {
        format!("the {n_shown} crossings shown")
    };

    // Bulk: set a field.
    let on_bulk_field = {
        let bulk_field = bulk_field.clone();
        let bulk_error = bulk_error.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(f) = BulkField::from_key(&select.value()) {
                bulk_field.set(f);
                bulk_error.set(None);
            }
        })
    };
    let on_bulk_text = {
        let bulk_text = bulk_text.clone();
        let bulk_error = bulk_error.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            bulk_text.set(input.value());
            bulk_error.set(None);
        })
    };
    let on_bulk_apply = {
        let ed = ed.clone();
        let shown = shown.clone();
        let bulk_field = bulk_field.clone();
        let bulk_text = bulk_text.clone();
        let bulk_error = bulk_error.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let field = *bulk_field;
            match field.parse(&bulk_text) {
                Err(message) => bulk_error.set(Some(message)),
                Ok(value) => {
                    let indices = shown.clone();
                    let count = indices.len();
                    ed.apply("bulk set", move |s: &mut Scenario| {
                        for &i in &indices {
                            if let Some(c) = s.crossings.get_mut(i) {
                                field.apply(c, value);
                            }
                        }
                    });
                    bulk_error.set(None);
                    status.set(Some(format!(
                        "{} set to {} at {count} crossing{}.",
                        field.label(),
                        bulk_text.trim(),
                        if count == 1 { "" } else { "s" }
                    )));
                }
            }
        })
    };

    // Bulk: follow another plan, as an override.
    let strategies = &s.strategies;
    let target = (*plan_target).min(strategies.len().saturating_sub(1));
    let source = plan_source
        .filter(|j| *j < strategies.len())
        .unwrap_or(usize::from(strategies.len() > 1 && target == 0));
    let strategy_options = |chosen: usize| {
        strategies
            .iter()
            .enumerate()
            .map(|(j, st)| html! { <option value={j.to_string()} selected={j == chosen}>{ format!("{}. {}", j + 1, st.name) }</option> })
            .collect::<Html>()
    };
    let on_target = {
        let plan_target = plan_target.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(j) = select.value().parse() {
                plan_target.set(j);
            }
        })
    };
    let on_source = {
        let plan_source = plan_source.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(j) = select.value().parse() {
                plan_source.set(Some(j));
            }
        })
    };
    let on_apply_plan = {
        let ed = ed.clone();
        let status = status.clone();
        let ids: Vec<String> = shown.iter().map(|&i| s.crossings[i].id.clone()).collect();
        let applies_to = filter.crossing_filter(ids);
        let target_name = strategies
            .get(target)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let source_name = strategies
            .get(source)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let shown_text = shown_text.clone();
        Callback::from(move |_: MouseEvent| {
            let applies_to = applies_to.clone();
            ed.apply("override from table", move |s: &mut Scenario| {
                let Some(plan) = s.strategies.get(source).map(|st| st.plan.clone()) else {
                    return;
                };
                if let Some(st) = s.strategies.get_mut(target) {
                    st.overrides.push(PlanOverride {
                        applies_to: applies_to.clone(),
                        plan,
                    });
                }
            });
            status.set(Some(format!(
                "Under “{target_name}”, {shown_text} now follow the plan of “{source_name}” (a new override; edit or remove it in the strategy's card)."
            )));
        })
    };
    let override_desc = match (
        &filter.border,
        &filter.office,
        filter.text.trim().is_empty(),
    ) {
        (None, None, true) => "every crossing".to_string(),
        (b, o, true) => {
            let mut parts = Vec::new();
            if let Some(b) = b {
                parts.push(b.label().to_string());
            }
            if let Some(o) = o {
                parts.push(format!("{o} field office"));
            }
            format!("a rule: {}", parts.join(", "))
        }
        _ => format!("a list of {n_shown} port codes"),
    };

    let close = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(None))
    };
    // The form shows a crossing of the table only while the filter shows it.
    let selected_index = selected.filter(|i| shown.contains(i));
    let field = *bulk_field;

    html! {
        <div class="editor-crossing-table">
            <div class="table-filter" role="search" aria-label="Filter crossings">
                <div class="table-filter__field">
                    <label class="field__label" for="crossing-filter-border">{ "Border" }</label>
                    <select id="crossing-filter-border" class="field__input field__select" onchange={on_border}>
                        <option value="" selected={filter.border.is_none()}>{ "Both borders" }</option>
                        <option value="southwest" selected={filter.border == Some(Border::Southwest)}>{ "Southwest" }</option>
                        <option value="northern" selected={filter.border == Some(Border::Northern)}>{ "Northern" }</option>
                    </select>
                </div>
                <div class="table-filter__field">
                    <label class="field__label" for="crossing-filter-office">{ "Field office" }</label>
                    <select id="crossing-filter-office" class="field__input field__select" onchange={on_office}>
                        <option value="" selected={filter.office.is_none()}>{ "Any" }</option>
                        { for offices.iter().map(|o| html! {
                            <option value={o.to_string()} selected={filter.office.as_deref() == Some(*o)}>{ *o }</option>
                        }) }
                    </select>
                </div>
                <div class="table-filter__field table-filter__field--grow">
                    <label class="field__label" for="crossing-filter-text">{ "Name, code or state" }</label>
                    <input id="crossing-filter-text" type="search" class="field__input" autocomplete="off"
                           value={filter.text.clone()} oninput={on_text} placeholder="e.g. Laredo" />
                </div>
            </div>
            <p class="table-count" id="crossing-count" aria-live="polite">
                { format!("Showing {n_shown} of {} crossings", s.crossings.len()) }
                if *filter != TableFilter::default() {
                    { " · " }
                    <button type="button" class="link-button" onclick={clear}>{ "clear filter" }</button>
                }
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Crossings (select a name to edit it)">
                <table class="data-table" id="editor-crossing-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "Crossing" }</th>
                            <th scope="col" class="num">{ "Cars /day" }</th>
                            <th scope="col" class="num col-trucks">{ "Trucks /day" }</th>
                            <th scope="col" class="num" title="Officers per shift for outbound">{ "Offi\u{ad}cers" }</th>
                            <th scope="col" class="num" title="X-ray (NII) units">{ "X\u{2011}ray" }</th>
                            <th scope="col" class="num" title="Connectivity uptime">{ "Uptime" }</th>
                        </tr>
                    </thead>
                    <CrossingRows rows={rows} selected={selected_index} on_select={on_select} />
                </table>
            </div>
            if let Some(i) = selected_index {
                <CrossingForm index={i} on_close={close} />
            }
            <div class="bulk" id="bulk-edit">
                <h5 class="ed-minihead">{ format!("Edit {shown_text}") }</h5>
                <div class="bulk__row bulk__row--set">
                    <div class="table-filter__field">
                        <div class="field__head">
                            <label class="field__label" for="bulk-field">{ "Set" }</label>
                            <Prov path={format!("crossings[0].{}", field.key())} />
                        </div>
                        <select id="bulk-field" class="field__input field__select" onchange={on_bulk_field}>
                            { for BulkField::ALL.iter().map(|f| html! {
                                <option value={f.key()} selected={*f == field}>{ f.label() }</option>
                            }) }
                        </select>
                    </div>
                    <div class={classes!("table-filter__field", "bulk__value", bulk_error.is_some().then_some("field--invalid"))}>
                        <div class="field__head"><label class="field__label" for="bulk-value">{ "to" }</label></div>
                        <input id="bulk-value" type="text" inputmode="decimal" class="field__input field__input--number"
                               autocomplete="off" value={(*bulk_text).clone()} oninput={on_bulk_text}
                               aria-invalid={bulk_error.is_some().then_some("true")}
                               aria-describedby={bulk_error.is_some().then_some("bulk-value-error")} />
                        if let Some(message) = *bulk_error {
                            <p class="field-error" id="bulk-value-error">{ message }</p>
                        }
                    </div>
                    <button type="button" id="bulk-apply" class="button" disabled={n_shown == 0} onclick={on_bulk_apply}>
                        { format!("Set for {n_shown}") }
                    </button>
                </div>
                if !strategies.is_empty() {
                    <div class="bulk__row bulk__row--plan">
                        <div class="table-filter__field">
                            <label class="field__label" for="bulk-strategy">{ "Under strategy" }</label>
                            <select id="bulk-strategy" class="field__input field__select" onchange={on_target}>
                                { strategy_options(target) }
                            </select>
                        </div>
                        <div class="table-filter__field">
                            <label class="field__label" for="bulk-plan-source">{ "follow the plan of" }</label>
                            <select id="bulk-plan-source" class="field__input field__select" onchange={on_source}>
                                { strategy_options(source) }
                            </select>
                        </div>
                        <button type="button" id="bulk-apply-plan" class="button" disabled={n_shown == 0}
                                onclick={on_apply_plan} aria-describedby="bulk-plan-note">{ "Add override" }</button>
                    </div>
                    <p class="field__hint" id="bulk-plan-note">
                        { format!("The override matches {override_desc}; the plan is copied, so it can then be edited on its own.") }
                    </p>
                }
                if let Some(text) = (*status).clone() {
                    <p class="bulk__status" id="bulk-status" role="status">{ text }</p>
                }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_override_rules() {
        let s = presets::preset("national").unwrap();
        let f = TableFilter {
            border: Some(Border::Northern),
            ..Default::default()
        };
        let shown: Vec<&Crossing> = s.crossings.iter().filter(|c| f.matches(c)).collect();
        assert!(!shown.is_empty() && shown.iter().all(|c| c.border == Border::Northern));
        let rule = f.crossing_filter(shown.iter().map(|c| c.id.clone()).collect());
        assert_eq!(rule.border, Some(Border::Northern));
        assert!(rule.crossing_ids.is_empty());

        let f = TableFilter {
            text: "ysidro".into(),
            ..Default::default()
        };
        let shown: Vec<String> = s
            .crossings
            .iter()
            .filter(|c| f.matches(c))
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(shown, ["2504"]);
        assert_eq!(f.crossing_filter(shown).crossing_ids, ["2504"]);

        // An unfiltered table lists its crossings by id: no filter names no crossing.
        let all: Vec<String> = s.crossings.iter().map(|c| c.id.clone()).collect();
        let rule = TableFilter::default().crossing_filter(all.clone());
        assert!(!rule.is_empty());
        assert_eq!(rule.crossing_ids, all);
    }

    #[test]
    fn bulk_fields_parse_and_apply() {
        let mut c = presets::preset("jackman").unwrap().crossings.remove(0);
        let v = BulkField::ConnectivityUptime.parse("95").unwrap();
        BulkField::ConnectivityUptime.apply(&mut c, v);
        assert!((c.connectivity_uptime - 0.95).abs() < 1e-12);
        assert!(BulkField::OfficersPerShift.parse("2.5").is_err());
        assert!(BulkField::OfficersPerShift.parse("x").is_err());
        let v = BulkField::OfficersPerShift.parse("6").unwrap();
        BulkField::OfficersPerShift.apply(&mut c, v);
        assert_eq!(c.officers_per_shift, 6);
        let before = c.annual_inbound.trucks;
        BulkField::VolumeScale.apply(&mut c, BulkField::VolumeScale.parse("1.1").unwrap());
        assert!((c.annual_inbound.trucks - before * 1.1).abs() < 1e-6);
        for f in BulkField::ALL {
            assert_eq!(BulkField::from_key(&f.key()), Some(f));
        }
    }
}
