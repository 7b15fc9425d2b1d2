//! Traffic: outbound factors and trusted-traveller shares per kind of traffic, and the
//! month, weekday and hour profiles (small inputs with a bar preview).

use egress_core::scenario::{Border, Modality, Scenario};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, Prov, WEEKDAY_NAMES, WEEKDAYS, field_id};
use super::format::format_number;
use crate::state::AppContext;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Properties, PartialEq, Clone)]
pub struct ProfileProps {
    /// Validation path of the whole profile.
    pub path: AttrValue,
    pub title: AttrValue,
    /// What the numbers mean.
    pub note: AttrValue,
    pub values: Vec<f64>,
    /// Short column labels (shown) and long ones (for screen readers).
    pub labels: Vec<&'static str>,
    pub long_labels: Vec<String>,
    pub on_change: Callback<(usize, f64)>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Inputs per row of the grid.
    #[prop_or(12)]
    pub columns: usize,
    #[prop_or(2)]
    pub decimals: usize,
}

/// A profile as a row of small inputs under an SVG bar preview.
#[function_component]
pub fn ProfileEditor(props: &ProfileProps) -> Html {
    let id = field_id(&props.path);
    let n = props.values.len().max(1);
    let max = props
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let total: f64 = props
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0)
        .sum();
    let width = 240.0;
    let height = 44.0;
    let slot = width / n as f64;
    let bars = props.values.iter().enumerate().map(|(k, v)| {
        let h = if max > 0.0 && v.is_finite() && *v > 0.0 {
            (v / max * (height - 2.0)).max(1.0)
        } else {
            0.0
        };
        let share = if total > 0.0 && v.is_finite() {
            v / total * 100.0
        } else {
            0.0
        };
        html! {
            <rect class={classes!("profile__bar", (!v.is_finite() || *v < 0.0).then_some("profile__bar--bad"))}
                  x={format!("{:.2}", k as f64 * slot + slot * 0.12)} y={format!("{:.2}", height - h)}
                  width={format!("{:.2}", slot * 0.76)} height={format!("{h:.2}")}>
                <title>{ format!("{}: {}% of the total", props.long_labels.get(k).cloned().unwrap_or_default(), format_number(share, 1, false)) }</title>
            </rect>
        }
    });
    let error_id = props.error.as_ref().map(|_| format!("{id}-error"));
    let invalid = props.error.is_some();
    html! {
        <fieldset class={classes!("profile", invalid.then_some("field--invalid"))} data-path={props.path.clone()}
                  aria-describedby={error_id.clone()}>
            <legend class="profile__title">
                { props.title.clone() }
                <Prov path={props.path.clone()} />
            </legend>
            <p class="profile__note">{ props.note.clone() }</p>
            <svg class="profile__chart" viewBox={format!("0 0 {width} {height}")} preserveAspectRatio="none"
                 role="img" aria-label={format!("{} as bars", props.title)}>
                <line class="profile__axis" x1="0" x2={width.to_string()} y1={height.to_string()} y2={height.to_string()} />
                { for bars }
            </svg>
            <div class={classes!("profile__grid", format!("profile__grid--{}", props.columns))}>
                { for props.values.iter().enumerate().map(|(k, v)| {
                    let on_change = props.on_change.reform(move |x: f64| (k, x));
                    let label = props.long_labels.get(k).cloned().unwrap_or_default();
                    html! {
                        <div class="profile__cell">
                            <span class="profile__label" aria-hidden="true">{ props.labels.get(k).copied().unwrap_or("") }</span>
                            <NumberField path={format!("{}[{k}]", props.path)} label={label} compact=true
                                         value={*v} decimals={props.decimals} show_provenance=false on_change={on_change}
                                         invalid={invalid} described_by={error_id.clone().map(AttrValue::from)} />
                        </div>
                    }
                }) }
            </div>
            if let (Some(error), Some(error_id)) = (props.error.clone(), error_id) {
                <p class="field-error" id={error_id}>{ error }</p>
            }
        </fieldset>
    }
}

/// Traffic part of the "Crossings & traffic" section.
#[function_component]
pub fn TrafficEditor() -> Html {
    let state = use_context::<AppContext>();
    let modality = use_state(|| Modality::PersonalVehicle);
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let m = *modality;
    let mk = m.key();
    let mt = s.traffic.modalities.get(m);

    let table = html! {
        <table class="data-table data-table--inputs" id="traffic-table">
            <thead>
                <tr>
                    <th scope="col">{ "Traffic" }</th>
                    <th scope="col">
                        { "Outbound factor (× inbound)" }
                        <Prov path="traffic.modalities.trucks.outbound_factor" />
                    </th>
                    <th scope="col">
                        { "Trusted travellers (%)" }
                        <Prov path="traffic.modalities.trucks.trusted_share" />
                    </th>
                </tr>
            </thead>
            <tbody>
                { for Modality::ALL.iter().map(|&m| {
                    let t = s.traffic.modalities.get(m);
                    let fp = format!("traffic.modalities.{}.outbound_factor", m.key());
                    let tp = format!("traffic.modalities.{}.trusted_share", m.key());
                    let on_factor = ed.edit("outbound factor", move |s: &mut Scenario, v: f64| {
                        s.traffic.modalities.get_mut(m).outbound_factor = v;
                    });
                    let on_trusted = ed.edit("trusted share", move |s: &mut Scenario, v: f64| {
                        s.traffic.modalities.get_mut(m).trusted_share = v / 100.0;
                    });
                    html! {
                        <tr>
                            <th scope="row">{ m.label() }</th>
                            <td><NumberField path={fp.clone()} label={format!("Outbound factor, {}", m.label().to_lowercase())}
                                             compact=true unit="×" value={t.outbound_factor} error={ed.error(&fp)} on_change={on_factor} /></td>
                            <td><NumberField path={tp.clone()} label={format!("Trusted travellers, {}", m.label().to_lowercase())}
                                             compact=true unit="%" value={t.trusted_share * 100.0} error={ed.error(&tp)} on_change={on_trusted}
                                             inline_provenance={m == Modality::PersonalVehicle} /></td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    };

    let on_modality = {
        let modality = modality.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(m) = Modality::ALL.iter().find(|m| m.key() == select.value()) {
                modality.set(*m);
            }
        })
    };
    let weekday_path = format!("traffic.modalities.{mk}.weekday_profile");
    let hour_path = format!("traffic.modalities.{mk}.hour_profile");
    let on_weekday = ed.edit(
        "weekday profile",
        move |s: &mut Scenario, (k, v): (usize, f64)| {
            if let Some(x) = s.traffic.modalities.get_mut(m).weekday_profile.get_mut(k) {
                *x = v;
            }
        },
    );
    let on_hour = ed.edit(
        "hour profile",
        move |s: &mut Scenario, (k, v): (usize, f64)| {
            if let Some(x) = s.traffic.modalities.get_mut(m).hour_profile.get_mut(k) {
                *x = v;
            }
        },
    );
    let hour_labels: Vec<&'static str> = HOURS.to_vec();
    let hour_long: Vec<String> = (0..24)
        .map(|h| format!("{h:02}:00–{:02}:00", (h + 1) % 24))
        .collect();

    let borders_used: Vec<Border> = Border::ALL
        .into_iter()
        .filter(|b| s.crossings.iter().any(|c| c.border == *b))
        .collect();
    let borders = if borders_used.is_empty() {
        Border::ALL.to_vec()
    } else {
        borders_used
    };

    html! {
        <div class="traffic">
            <h4 class="ed-subhead">{ "Traffic" }</h4>
            <p class="ed-lead">{ "Outbound volume = the crossing's inbound count × the outbound factor: no public outbound counts exist." }</p>
            <div class="table-scroll table-scroll--auto">{ table }</div>
            <div class="profiles">
                <div class="profiles__head">
                    <h5 class="ed-minihead">{ "When traffic comes" }</h5>
                    <div class="profiles__pick">
                        <label class="field__label" for="profile-modality">{ "Profiles of" }</label>
                        <select id="profile-modality" class="field__input field__select" onchange={on_modality}>
                            { for Modality::ALL.iter().map(|x| html! {
                                <option value={x.key()} selected={*x == m}>{ x.label() }</option>
                            }) }
                        </select>
                    </div>
                </div>
                <ProfileEditor path={hour_path.clone()} title="By hour of day"
                               note="Relative traffic per clock hour, midnight first (normalised to the day's total)."
                               values={mt.hour_profile.to_vec()} labels={hour_labels}
                               long_labels={hour_long} columns={12} decimals={2}
                               error={ed.error(&hour_path)} on_change={on_hour} />
                <ProfileEditor path={weekday_path.clone()} title="By day of week"
                               note="Relative traffic per weekday, Monday first (1 = an average day)."
                               values={mt.weekday_profile.to_vec()} labels={WEEKDAYS.to_vec()}
                               long_labels={WEEKDAY_NAMES.iter().map(|d| d.to_string()).collect::<Vec<_>>()}
                               columns={7} decimals={3}
                               error={ed.error(&weekday_path)} on_change={on_weekday} />
                { for borders.into_iter().map(|b| {
                    let path = format!("traffic.month_profile.{}", b.key());
                    let on_change = ed.edit("month profile", move |s: &mut Scenario, (k, v): (usize, f64)| {
                        if let Some(x) = s.traffic.month_profile.get_mut(b).get_mut(k) { *x = v / 100.0; }
                    });
                    let values: Vec<f64> = s.traffic.month_profile.get(b).iter().map(|v| v * 100.0).collect();
                    html! {
                        <ProfileEditor path={path.clone()} title={format!("By month, {} (all traffic)", b.label().to_lowercase())}
                                       note="Share of the year's traffic in each month, in %, January first (BTS 2024)."
                                       values={values} labels={MONTHS.to_vec()}
                                       long_labels={MONTH_NAMES.iter().map(|d| d.to_string()).collect::<Vec<_>>()}
                                       columns={6} decimals={2}
                                       error={ed.error(&path)} on_change={on_change} />
                    }
                }) }
            </div>
        </div>
    }
}

const HOURS: [&str; 24] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23",
];
