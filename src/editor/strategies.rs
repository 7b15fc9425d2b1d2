//! The strategies to compare: add, duplicate, rename, remove, reorder, mark the
//! baseline (the first one), edit each plan, and see or remove per-crossing overrides.

use std::cell::RefCell;
use std::rc::Rc;

use egress_core::scenario::{
    Border, CrossingFilter, Limits, Period, Scenario, Schedule, Selection, Strategy, Technique,
    presets,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Ed;
use super::fields::{TextField, field_id};
use super::plan::{PlanEditor, PlanRef, plan_summary, weekly_cost_text};
use crate::state::AppContext;

/// A name not used by any strategy: `base`, else `base (2)`, `base (3)`…
pub fn unique_name(strategies: &[Strategy], base: &str) -> String {
    let taken = |name: &str| strategies.iter().any(|s| s.name == name);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} ({n})"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_string())
}

/// A new strategy: random pulses, a fifth of vehicles interviewed, one team of two.
pub fn new_strategy(strategies: &[Strategy]) -> Strategy {
    Strategy {
        name: unique_name(strategies, &format!("Strategy {}", strategies.len() + 1)),
        description: String::new(),
        plan: presets::plan(
            Schedule::PulseRandom {
                operations: 3,
                per: Period::Week,
                duration_hours: 2.0,
            },
            Selection::RandomFraction { fraction: 0.2 },
            Technique::Interview,
            1,
        ),
        overrides: Vec::new(),
    }
}

/// The structural edits of the strategy list (pure, so they are tested natively).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOp {
    Add,
    Duplicate(usize),
    Remove(usize),
    MoveUp(usize),
    MoveDown(usize),
    MakeBaseline(usize),
}

impl ListOp {
    /// Applies the operation; returns the index the affected strategy ends at.
    pub fn apply(self, list: &mut Vec<Strategy>) -> Option<usize> {
        let n = list.len();
        match self {
            ListOp::Add if n < Limits::STRATEGIES => {
                list.push(new_strategy(list));
                Some(n)
            }
            ListOp::Duplicate(i) if i < n && n < Limits::STRATEGIES => {
                let mut copy = list[i].clone();
                copy.name = unique_name(list, &format!("{} (copy)", list[i].name));
                list.insert(i + 1, copy);
                Some(i + 1)
            }
            ListOp::Remove(i) if i < n && n > 1 => {
                list.remove(i);
                Some(i.min(n - 2))
            }
            ListOp::MoveUp(i) if i > 0 && i < n => {
                list.swap(i - 1, i);
                Some(i - 1)
            }
            ListOp::MoveDown(i) if i + 1 < n => {
                list.swap(i, i + 1);
                Some(i + 1)
            }
            ListOp::MakeBaseline(i) if i > 0 && i < n => {
                let s = list.remove(i);
                list.insert(0, s);
                Some(0)
            }
            _ => None,
        }
    }

    /// The same operation on a list that runs parallel to the strategies (the cards'
    /// keys and open flags), so the interface follows the strategies it shows.
    pub fn apply_parallel<T: Clone>(self, list: &mut Vec<T>, fresh: T) {
        let n = list.len();
        match self {
            ListOp::Add => list.push(fresh),
            ListOp::Duplicate(i) if i < n => list.insert(i + 1, fresh),
            ListOp::Remove(i) if i < n => {
                list.remove(i);
            }
            ListOp::MoveUp(i) if i > 0 && i < n => list.swap(i - 1, i),
            ListOp::MoveDown(i) if i + 1 < n => list.swap(i, i + 1),
            ListOp::MakeBaseline(i) if i > 0 && i < n => {
                let x = list.remove(i);
                list.insert(0, x);
            }
            _ => {}
        }
    }
}

/// Interface state of the cards: a stable key per strategy (so a moved card keeps its
/// DOM and focus) and whether it is expanded.
#[derive(Clone, PartialEq, Default)]
struct Cards {
    keys: Vec<u64>,
    open: Vec<bool>,
    next_key: u64,
}

impl Cards {
    fn synced(mut self, n: usize) -> Self {
        while self.keys.len() < n {
            self.keys.push(self.next_key);
            self.next_key += 1;
            self.open.push(self.open.is_empty());
        }
        self.keys.truncate(n);
        self.open.truncate(n);
        self
    }
}

fn focus_by_id(id: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(e) if !e.has_attribute("disabled") => e.focus().is_ok(),
        _ => false,
    }
}

fn border_text(b: Border) -> &'static str {
    b.label()
}

fn filter_text(filter: &CrossingFilter, s: &Scenario) -> String {
    let mut parts = Vec::new();
    if let Some(b) = filter.border {
        parts.push(border_text(b).to_string());
    }
    if let Some(f) = &filter.field_office {
        parts.push(format!("{f} field office"));
    }
    if !filter.crossing_ids.is_empty() {
        let names: Vec<String> = filter
            .crossing_ids
            .iter()
            .take(3)
            .map(|id| {
                s.crossings
                    .iter()
                    .find(|c| &c.id == id)
                    .map_or_else(|| id.clone(), |c| c.name.clone())
            })
            .collect();
        let more = filter.crossing_ids.len().saturating_sub(3);
        let count = filter.crossing_ids.len();
        parts.push(format!(
            "{count} crossing{}: {}{}",
            if count == 1 { "" } else { "s" },
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if parts.is_empty() {
        "Every crossing".to_string()
    } else {
        parts.join(" · ")
    }
}

/// The list of strategy cards with the add button.
#[function_component]
pub fn StrategiesEditor() -> Html {
    let state = use_context::<AppContext>();
    let cards = use_state(Cards::default);
    let pending_focus: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let pending_focus = pending_focus.clone();
        use_effect(move || {
            if let Some(id) = pending_focus.borrow_mut().take() {
                focus_by_id(&id);
            }
        });
    }
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let n = s.strategies.len();
    let ui = (*cards).clone().synced(n);

    let run_op = {
        let ed = ed.clone();
        let cards = cards.clone();
        let pending_focus = pending_focus.clone();
        Callback::from(move |(op, focus): (ListOp, &'static str)| {
            let mut list = ed.scenario().strategies.clone();
            let Some(at) = op.apply(&mut list) else {
                return;
            };
            let mut ui = (*cards).clone().synced(ed.scenario().strategies.len());
            let key = ui.next_key;
            ui.next_key += 1;
            op.apply_parallel(&mut ui.keys, key);
            op.apply_parallel(&mut ui.open, true);
            if let Some(k) = ui.keys.get(at) {
                let target = match focus {
                    "name" => format!("strategy-{k}-name"),
                    other => format!("strategy-{k}-{other}"),
                };
                *pending_focus.borrow_mut() = Some(target);
            }
            if matches!(op, ListOp::Remove(_)) && list.is_empty() {
                *pending_focus.borrow_mut() = Some("add-strategy".to_string());
            }
            cards.set(ui);
            ed.apply("strategy list", move |s: &mut Scenario| {
                op.apply(&mut s.strategies);
            });
        })
    };

    let at_limit = n >= Limits::STRATEGIES;
    let on_add = run_op.reform(|_: MouseEvent| (ListOp::Add, "name"));
    let list_error = ed.error("strategies");

    html! {
        <div class="strategies">
            <div class="strategies__bar">
                <p class="strategies__lead">
                    { "The first strategy is the baseline: the others are compared with it, replication by replication." }
                </p>
                <div class="strategies__add">
                    <button id="add-strategy" type="button" class="button button--primary"
                            disabled={at_limit} onclick={on_add}
                            aria-describedby={at_limit.then_some("strategy-limit-reason")}>
                        { "Add strategy" }
                    </button>
                    <span class="strategies__count">{ format!("{n} of {}", Limits::STRATEGIES) }</span>
                </div>
            </div>
            if at_limit {
                <p id="strategy-limit-reason" class="strategies__limit">
                    { format!("At most {} strategies can be compared in one scenario: remove one to add or duplicate.", Limits::STRATEGIES) }
                </p>
            }
            if let Some(error) = list_error {
                <p class="field-error" data-path="strategies">{ error }</p>
            }
            <ol class="strategy-list">
                { for s.strategies.iter().enumerate().map(|(i, strategy)| {
                    let key = ui.keys.get(i).copied().unwrap_or(i as u64);
                    let open = ui.open.get(i).copied().unwrap_or(false);
                    let toggle = {
                        let cards = cards.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*cards).clone().synced(n);
                            if let Some(o) = next.open.get_mut(i) { *o = !*o; }
                            cards.set(next);
                        })
                    };
                    html! {
                        <StrategyCard key={key} index={i} card_key={key} count={n} open={open}
                                      strategy={strategy.clone()} on_toggle={toggle} on_op={run_op.clone()} />
                    }
                }) }
            </ol>
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct StrategyCardProps {
    index: usize,
    card_key: u64,
    count: usize,
    open: bool,
    strategy: Strategy,
    on_toggle: Callback<MouseEvent>,
    on_op: Callback<(ListOp, &'static str)>,
}

#[function_component]
fn StrategyCard(props: &StrategyCardProps) -> Html {
    let state = use_context::<AppContext>();
    let open_override = use_state(|| None::<usize>);
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let i = props.index;
    let n = props.count;
    let k = props.card_key;
    let strategy = &props.strategy;
    let path = format!("strategies[{i}]");
    let problems = ed.problem_count(&[&path]);
    let name = if strategy.name.trim().is_empty() {
        format!("Strategy {}", i + 1)
    } else {
        strategy.name.clone()
    };
    let op = |op: ListOp, focus: &'static str| props.on_op.reform(move |_: MouseEvent| (op, focus));
    let at_limit = n >= Limits::STRATEGIES;
    let body_id = format!("strategy-{k}-body");

    let overrides = if strategy.overrides.is_empty() {
        Html::default()
    } else {
        let remove_all = {
            let ed = ed.clone();
            let open_override = open_override.clone();
            Callback::from(move |_: MouseEvent| {
                open_override.set(None);
                ed.apply("remove overrides", move |s: &mut Scenario| {
                    if let Some(st) = s.strategies.get_mut(i) {
                        st.overrides.clear();
                    }
                })
            })
        };
        html! {
            <div class="overrides" data-path={format!("{path}.overrides")}>
                <div class="overrides__head">
                    <h5 class="overrides__title">
                        { format!("Per-crossing overrides ({})", strategy.overrides.len()) }
                    </h5>
                    <button type="button" class="button button--quiet button--small"
                            id={format!("strategy-{k}-remove-overrides")} onclick={remove_all}>
                        { "Remove all" }
                    </button>
                </div>
                <p class="overrides__note">{ "Crossings these match follow the override's plan instead (the last match wins). Add more from the crossing table." }</p>
                <ol class="overrides__list">
                    { for strategy.overrides.iter().enumerate().map(|(j, o)| {
                        let opath = format!("{path}.overrides[{j}]");
                        let count = ed.problem_count(&[&opath]);
                        let is_open = *open_override == Some(j);
                        let toggle = {
                            let open_override = open_override.clone();
                            Callback::from(move |_: MouseEvent| {
                                open_override.set(if is_open { None } else { Some(j) });
                            })
                        };
                        let remove = {
                            let ed = ed.clone();
                            let open_override = open_override.clone();
                            Callback::from(move |_: MouseEvent| {
                                open_override.set(None);
                                ed.apply("remove override", move |s: &mut Scenario| {
                                    if let Some(st) = s.strategies.get_mut(i)
                                        && j < st.overrides.len() { st.overrides.remove(j); }
                                })
                            })
                        };
                        let plan_id = format!("strategy-{k}-override-{j}-plan");
                        html! {
                            <li class={classes!("override", (count > 0).then_some("override--invalid"))} data-override-index={j.to_string()}>
                                <div class="override__row">
                                    <div class="override__text">
                                        <span class="override__filter">{ filter_text(&o.applies_to, ed.scenario()) }</span>
                                        <span class="override__plan">{ plan_summary(&o.plan) }</span>
                                        if count > 0 {
                                            <span class="badge badge--bad">{ format!("{count} problem{}", if count == 1 { "" } else { "s" }) }</span>
                                        }
                                    </div>
                                    <div class="override__actions">
                                        <button type="button" class="button button--small" aria-expanded={is_open.to_string()}
                                                aria-controls={plan_id.clone()} onclick={toggle}>
                                            { if is_open { "Close" } else { "Edit plan" } }
                                        </button>
                                        <button type="button" class="button button--quiet button--small"
                                                aria-label={format!("Remove override {}", j + 1)} onclick={remove}>{ "Remove" }</button>
                                    </div>
                                </div>
                                if is_open {
                                    <div id={plan_id} class="override__editor">
                                        <PlanEditor plan={PlanRef::Override(i, j)} />
                                    </div>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    };

    let name_path = format!("{path}.name");
    let on_name = ed.edit("strategy name", move |s: &mut Scenario, v: String| {
        if let Some(st) = s.strategies.get_mut(i) {
            st.name = v;
        }
    });
    let on_description = ed.edit(
        "strategy description",
        move |s: &mut Scenario, v: String| {
            if let Some(st) = s.strategies.get_mut(i) {
                st.description = v;
            }
        },
    );
    let name_error = ed.error(&name_path);
    let name_error_id = name_error
        .as_ref()
        .map(|_| format!("{}-error", field_id(&name_path)));
    let on_name_input = on_name.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });

    html! {
        <li class={classes!("strategy-card", (i == 0).then_some("strategy-card--baseline"),
                            props.open.then_some("strategy-card--open"), (problems > 0).then_some("strategy-card--invalid"))}
            data-strategy-index={i.to_string()} id={format!("strategy-{k}")} data-problems={problems.to_string()}>
            <div class="strategy-card__head">
                <span class="strategy-card__number" aria-hidden="true">{ i + 1 }</span>
                <div class={classes!("strategy-card__name", "field", name_error.is_some().then_some("field--invalid"))} data-path={name_path.clone()}>
                    <label class="visually-hidden" for={format!("strategy-{k}-name")}>{ format!("Name of strategy {}", i + 1) }</label>
                    <input id={format!("strategy-{k}-name")} type="text" class="field__input strategy-card__name-input"
                           value={strategy.name.clone()} autocomplete="off"
                           aria-invalid={name_error.is_some().then_some("true")} aria-describedby={name_error_id.clone()}
                           oninput={on_name_input} />
                    if let (Some(error), Some(id)) = (name_error, name_error_id) {
                        <p class="field-error" id={id}>{ error }</p>
                    }
                </div>
                if i == 0 {
                    <span class="badge badge--baseline" title="Other strategies are compared with this one">{ "Baseline" }</span>
                }
                if problems > 0 {
                    <span class="badge badge--bad">{ format!("{problems} problem{}", if problems == 1 { "" } else { "s" }) }</span>
                }
                <button type="button" class="button button--small strategy-card__toggle"
                        id={format!("strategy-{k}-toggle")} aria-expanded={props.open.to_string()}
                        aria-controls={body_id.clone()} onclick={props.on_toggle.clone()}
                        aria-label={format!("{}: {name}", if props.open { "Hide plan" } else { "Edit plan" })}>
                    { if props.open { "Hide plan" } else { "Edit plan" } }
                </button>
            </div>
            <p class="strategy-card__summary">
                { plan_summary(&strategy.plan) }
                if !strategy.overrides.is_empty() {
                    <span class="strategy-card__overrides" data-overrides={strategy.overrides.len().to_string()}>
                        { format!(" · {} override{}", strategy.overrides.len(), if strategy.overrides.len() == 1 { "" } else { "s" }) }
                    </span>
                }
            </p>
            <p class="strategy-card__cost">{ weekly_cost_text(&strategy.plan, ed.scenario().costs.loaded_hourly_rate) }</p>
            <div class="strategy-card__actions" role="group" aria-label={format!("Arrange {name}")}>
                <button type="button" class="button button--small" id={format!("strategy-{k}-up")}
                        data-action="move-up" disabled={i == 0} onclick={op(ListOp::MoveUp(i), "up")}
                        aria-label={format!("Move {name} up")} title="Move up">{ "↑" }</button>
                <button type="button" class="button button--small" id={format!("strategy-{k}-down")}
                        data-action="move-down" disabled={i + 1 >= n} onclick={op(ListOp::MoveDown(i), "down")}
                        aria-label={format!("Move {name} down")} title="Move down">{ "↓" }</button>
                <button type="button" class="button button--small" id={format!("strategy-{k}-baseline")}
                        data-action="make-baseline" disabled={i == 0} onclick={op(ListOp::MakeBaseline(i), "name")}
                        aria-label={format!("Make baseline: {name}")}>{ "Make baseline" }</button>
                <button type="button" class="button button--small" id={format!("strategy-{k}-duplicate")}
                        data-action="duplicate" disabled={at_limit} onclick={op(ListOp::Duplicate(i), "name")}
                        aria-label={format!("Duplicate {name}")}
                        aria-describedby={at_limit.then_some("strategy-limit-reason")}
                        title={at_limit.then(|| format!("At most {} strategies", Limits::STRATEGIES))}>{ "Duplicate" }</button>
                <button type="button" class="button button--small button--danger-outline" id={format!("strategy-{k}-remove")}
                        data-action="remove" disabled={n <= 1} onclick={op(ListOp::Remove(i), "toggle")}
                        aria-label={format!("Remove {name}")}
                        title={(n <= 1).then_some("A scenario needs at least one strategy")}>{ "Remove" }</button>
            </div>
            <div id={body_id} class="strategy-card__body" hidden={!props.open}>
                if props.open {
                    <TextField path={format!("{path}.description")} multiline=true
                               value={strategy.description.clone()} error={ed.error(&format!("{path}.description"))}
                               on_change={on_description} />
                    <PlanEditor plan={PlanRef::Strategy(i)} />
                    { overrides }
                }
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[Strategy]) -> Vec<&str> {
        list.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn list_operations() {
        let mut list = presets::preset("jackman").unwrap().strategies;
        list.truncate(3);
        let [a, b, c] = [0, 1, 2].map(|i| list[i].name.clone());
        assert_eq!(ListOp::MoveUp(0).apply(&mut list), None);
        assert_eq!(ListOp::MoveDown(2).apply(&mut list), None);
        assert_eq!(ListOp::MoveDown(0).apply(&mut list), Some(1));
        assert_eq!(names(&list), [b.as_str(), a.as_str(), c.as_str()]);
        assert_eq!(ListOp::MakeBaseline(2).apply(&mut list), Some(0));
        assert_eq!(names(&list), [c.as_str(), b.as_str(), a.as_str()]);
        assert_eq!(ListOp::Duplicate(0).apply(&mut list), Some(1));
        assert_eq!(list[1].name, format!("{c} (copy)"));
        assert_eq!(ListOp::Duplicate(0).apply(&mut list), Some(1));
        assert_eq!(list[1].name, format!("{c} (copy) (2)"));
        assert_eq!(ListOp::Remove(1).apply(&mut list), Some(1));
        assert_eq!(list.len(), 4);
        while list.len() < Limits::STRATEGIES {
            assert!(ListOp::Add.apply(&mut list).is_some());
        }
        assert_eq!(ListOp::Add.apply(&mut list), None);
        assert_eq!(ListOp::Duplicate(0).apply(&mut list), None);
        list.truncate(1);
        assert_eq!(ListOp::Remove(0).apply(&mut list), None);
        // New strategies have unique names and a valid plan.
        let mut s = presets::preset("jackman").unwrap();
        ListOp::Add.apply(&mut s.strategies);
        ListOp::Add.apply(&mut s.strategies);
        assert!(egress_core::scenario::validate(s).is_ok());
    }

    #[test]
    fn parallel_lists_follow() {
        let mut keys = vec![10, 11, 12];
        ListOp::MakeBaseline(2).apply_parallel(&mut keys, 99);
        assert_eq!(keys, [12, 10, 11]);
        ListOp::Duplicate(0).apply_parallel(&mut keys, 99);
        assert_eq!(keys, [12, 99, 10, 11]);
        ListOp::Remove(3).apply_parallel(&mut keys, 0);
        assert_eq!(keys, [12, 99, 10]);
    }
}
