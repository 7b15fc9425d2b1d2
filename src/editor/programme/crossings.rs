//! Which crossings the programme plans: every one, a field office's, a border's, or a
//! chosen few (kept in the scenario's order, so the same choice is the same file).

use egress_core::scenario::{Border, Crossing, Scenario};
use yew::prelude::*;

use super::on_programme;
use crate::editor::Ed;
use crate::editor::fields::{CheckField, SelectField};
use egress_core::scenario::programme::Programme;

/// Which crossings: every one, a field office's, a border's, or a chosen few.
pub(super) fn crossings_choice(ed: &Ed, p: &Programme, custom: UseStateHandle<bool>) -> Html {
    let s = ed.scenario();
    let mut offices: Vec<String> = s.crossings.iter().map(|c| c.field_office.clone()).collect();
    offices.sort();
    offices.dedup();
    let ids_of = |f: &dyn Fn(&Crossing) -> bool| -> Vec<String> {
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
