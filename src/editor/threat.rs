//! Threat and smugglers: contraband prevalence, amounts and concealment, smuggling
//! waves, trusted carriers, and how adaptive carriers learn and react.

use egress_core::scenario::{Concealment, Contraband, Modality, Ranges, Scenario};
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, Prov, count_range, field_id};
use crate::state::AppContext;

fn amount_unit(k: Contraband) -> &'static str {
    match k {
        Contraband::Currency => "$",
        Contraband::Firearms => "firearms",
        Contraband::Ammunition => "rounds",
        Contraband::Narcotics | Contraband::Explosives => "kg",
    }
}

#[function_component]
pub fn ThreatEditor() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let t = &s.threat;

    let prevalence = html! {
        <table class="data-table data-table--inputs" id="prevalence-table">
            <caption class="data-table__caption">
                { "Carriers per 100,000 outbound crossings" }
                <Prov path="threat.contraband.currency.prevalence_per_100k" />
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ "Contraband" }</th>
                    { for Modality::ALL.iter().map(|m| html! { <th scope="col">{ m.label() }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for Contraband::ALL.iter().map(|&k| html! {
                    <tr>
                        <th scope="row">{ k.label() }</th>
                        { for Modality::ALL.iter().map(|&m| {
                            let path = format!("threat.contraband.{}.prevalence_per_100k.{}", k.key(), m.key());
                            let on_change = ed.edit("prevalence", move |s: &mut Scenario, v: f64| {
                                *s.threat.contraband.get_mut(k).prevalence_per_100k.get_mut(m) = v;
                            });
                            html! {
                                <td>
                                    <NumberField path={path.clone()} compact=true
                                                 label={format!("{} carriers per 100,000 {}", k.label(), m.label().to_lowercase())}
                                                 value={*t.contraband.get(k).prevalence_per_100k.get(m)}
                                                 error={ed.error(&path)} on_change={on_change} />
                                </td>
                            }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    };

    let amounts = html! {
        <table class="data-table data-table--inputs" id="amount-table">
            <caption class="data-table__caption">
                { "Amount one carrier holds (log-normal)" }
                <Prov path="threat.contraband.currency.amount.median" />
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ "Contraband" }</th>
                    <th scope="col">{ "Median" }</th>
                    <th scope="col">{ "90th percentile" }</th>
                </tr>
            </thead>
            <tbody>
                { for Contraband::ALL.iter().map(|&k| {
                    let a = t.contraband.get(k).amount;
                    let unit = amount_unit(k);
                    let money = k == Contraband::Currency;
                    let mp = format!("threat.contraband.{}.amount.median", k.key());
                    let pp = format!("threat.contraband.{}.amount.p90", k.key());
                    let on_median = ed.edit("amount median", move |s: &mut Scenario, v: f64| {
                        s.threat.contraband.get_mut(k).amount.median = v;
                    });
                    let on_p90 = ed.edit("amount p90", move |s: &mut Scenario, v: f64| {
                        s.threat.contraband.get_mut(k).amount.p90 = v;
                    });
                    html! {
                        <tr>
                            <th scope="row">{ k.label() }</th>
                            <td><NumberField path={mp.clone()} compact=true label={format!("{} median per carrier", k.label())}
                                             value={a.median} prefix={if money { "$" } else { "" }} unit={if money { "" } else { unit }}
                                             grouping=true decimals={3} error={ed.error(&mp)} on_change={on_median} /></td>
                            <td><NumberField path={pp.clone()} compact=true label={format!("{} 90th percentile per carrier", k.label())}
                                             value={a.p90} prefix={if money { "$" } else { "" }} unit={if money { "" } else { unit }}
                                             grouping=true decimals={3} error={ed.error(&pp)} on_change={on_p90} /></td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    };

    let concealment = html! {
        <table class="data-table data-table--inputs" id="concealment-table">
            <caption class="data-table__caption">
                { "Concealment of carriers (% of each type; sums to 100)" }
                <Prov path="threat.contraband.currency.concealment.none" />
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ "Contraband" }</th>
                    { for Concealment::ALL.iter().map(|c| html! { <th scope="col">{ c.label() }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for Contraband::ALL.iter().map(|&k| {
                    let row_path = format!("threat.contraband.{}.concealment", k.key());
                    let row_error = ed.error(&row_path);
                    let row_error_id = format!("{}-error", field_id(&row_path));
                    html! {
                        <>
                            <tr class={classes!(row_error.is_some().then_some("row--invalid"))} data-path={row_path.clone()}>
                                <th scope="row">{ k.label() }</th>
                                { for Concealment::ALL.iter().map(|&c| {
                                    let path = format!("{row_path}.{}", c.key());
                                    let on_change = ed.edit("concealment", move |s: &mut Scenario, v: f64| {
                                        *s.threat.contraband.get_mut(k).concealment.get_mut(c) = v / 100.0;
                                    });
                                    html! {
                                        <td>
                                            <NumberField path={path.clone()} compact=true unit="%"
                                                         label={format!("{}: {} (%)", k.label(), c.label().to_lowercase())}
                                                         value={*t.contraband.get(k).concealment.get(c) * 100.0}
                                                         error={ed.error(&path)} on_change={on_change}
                                                         invalid={row_error.is_some()}
                                                         described_by={row_error.as_ref().map(|_| AttrValue::from(row_error_id.clone()))} />
                                        </td>
                                    }
                                }) }
                            </tr>
                            if let Some(error) = row_error.clone() {
                                <tr class="row-error">
                                    <td colspan="4"><p class="field-error" id={row_error_id.clone()}>{ format!("{}: {error}", k.label()) }</p></td>
                                </tr>
                            }
                        </>
                    }
                }) }
            </tbody>
        </table>
    };

    let number = |path: &str, unit: &str, value: f64, f: fn(&mut Scenario, f64)| {
        html! {
            <NumberField path={path.to_string()} unit={unit.to_string()}
                         value={value} error={ed.error(path)} on_change={ed.edit("threat", f)}
                         show_provenance={path == "threat.trusted_carrier_share"} />
        }
    };
    let a = &s.adversary;
    let spotting_error = ed.error("adversary.on_spotting");

    html! {
        <div class="threat">
            <h4 class="ed-subhead">{ "Contraband" }</h4>
            if let Some(error) = ed.error("threat.contraband") {
                <p class="field-error" data-path="threat.contraband">{ error }</p>
            }
            <div class="table-scroll table-scroll--auto">{ prevalence }</div>
            <div class="table-scroll table-scroll--auto">{ amounts }</div>
            <div class="table-scroll table-scroll--auto">{ concealment }</div>

            <h4 class="ed-subhead">{ "Smuggling waves" }<Prov path="threat.waves.per_year" /></h4>
            <p class="ed-lead">{ "Episodes of raised prevalence at a crossing; intelligence-led surges react to them." }</p>
            <div class="field-grid">
                { number("threat.waves.per_year", "per crossing a year", t.waves.per_year, |s, v| s.threat.waves.per_year = v) }
                { number("threat.waves.duration_days", "days", t.waves.duration_days, |s, v| s.threat.waves.duration_days = v) }
                { number("threat.waves.multiplier", "× normal", t.waves.multiplier, |s, v| s.threat.waves.multiplier = v) }
                { number("threat.trusted_carrier_share", "%", t.trusted_carrier_share * 100.0, |s, v| s.threat.trusted_carrier_share = v / 100.0) }
            </div>

            <h4 class="ed-subhead">{ "Adaptive carriers" }<Prov path="adversary.adaptive_share" /></h4>
            <p class="ed-lead">{ "Adaptive carriers learn schedules that recur at the same clock time and react to operations they spot; random schedules can only be spotted." }</p>
            <div class="field-grid">
                { number("adversary.adaptive_share", "%", a.adaptive_share * 100.0, |s, v| s.adversary.adaptive_share = v / 100.0) }
                { number("adversary.learning_days", "days", a.learning_days, |s, v| s.adversary.learning_days = v) }
                { number("adversary.spotting_probability", "%", a.spotting_probability * 100.0, |s, v| s.adversary.spotting_probability = v / 100.0) }
                { number("adversary.wait_hours", "h (mean)", a.wait_hours, |s, v| s.adversary.wait_hours = v) }
                <NumberField path="adversary.max_retries" unit="retries" integer=true range={count_range(Ranges::MAX_RETRIES)} show_provenance=false
                             value={f64::from(a.max_retries)} error={ed.error("adversary.max_retries")}
                             on_change={ed.edit("retries", |s: &mut Scenario, v: f64| s.adversary.max_retries = v as u32)} />
                { number("adversary.travel_speed_kmh", "km/h", a.travel_speed_kmh, |s, v| s.adversary.travel_speed_kmh = v) }
                { number("adversary.max_detour_km", "km", a.max_detour_km, |s, v| s.adversary.max_detour_km = v) }
            </div>
            <fieldset class={classes!("subgroup", spotting_error.is_some().then_some("field--invalid"))} data-path="adversary.on_spotting"
                      aria-describedby={spotting_error.is_some().then_some("f-adversary-on_spotting-error")}>
                <legend class="field__label">
                    { "A carrier who spots an operation… (% of them; sums to 100)" }
                    <Prov path="adversary.on_spotting.wait" />
                </legend>
                <div class="field-grid field-grid--3">
                    { number("adversary.on_spotting.wait", "%", a.on_spotting.wait * 100.0, |s, v| s.adversary.on_spotting.wait = v / 100.0) }
                    { number("adversary.on_spotting.move_crossing", "%", a.on_spotting.move_crossing * 100.0, |s, v| s.adversary.on_spotting.move_crossing = v / 100.0) }
                    { number("adversary.on_spotting.give_up", "%", a.on_spotting.give_up * 100.0, |s, v| s.adversary.on_spotting.give_up = v / 100.0) }
                </div>
                if let Some(error) = spotting_error {
                    <p class="field-error" id="f-adversary-on_spotting-error">{ error }</p>
                }
            </fieldset>
        </div>
    }
}
