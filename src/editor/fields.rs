//! The editor's inputs: labelled, with the core's validation message next to them
//! (`aria-invalid`, `aria-describedby`), the field's provenance badge, and numbers that
//! keep what the planner typed until it parses.

use egress_core::scenario::provenance::{self, Basis};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::format::{format_number, parse_count, parse_number, same_value};
use super::labels;
use crate::state::{Action, AppContext};

/// The label a field shows: the one listed for its path, else the one it was given.
fn label_of(path: &str, given: &AttrValue) -> AttrValue {
    labels::label(path).map_or_else(|| given.clone(), AttrValue::Static)
}

/// A document id for a validation path: `strategies[2].plan` → `f-strategies-2--plan`.
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    id
}

/// Space-separated ids for `aria-describedby`, or `None` when there are none.
fn describedby(ids: &[Option<String>]) -> Option<AttrValue> {
    let joined = ids.iter().flatten().cloned().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then(|| AttrValue::from(joined))
}

/// Under a field: its error and its hint, each with the id the input's
/// `aria-describedby` names (a message without an id is not shown).
fn field_messages<E: Into<Html>>(
    error: Option<E>,
    error_id: Option<String>,
    hint: Option<AttrValue>,
    hint_id: Option<String>,
) -> Html {
    html! {
        <div class="field__messages">
            if let (Some(error), Some(error_id)) = (error, error_id) {
                <p class="field-error" id={error_id}>{ error.into() }</p>
            }
            if let (Some(hint), Some(hint_id)) = (hint, hint_id) {
                <p class="field__hint" id={hint_id}>{ hint }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ProvProps {
    /// Validation path of the field (or of any field the badge speaks for).
    pub path: AttrValue,
}

/// "Assumption" or "Source" badge for a field whose default has a provenance; the note
/// opens on click or Enter (a `<details>`) and is the badge's tooltip.
#[function_component]
pub fn Prov(props: &ProvProps) -> Html {
    // A prevalence re-based on a seizure record says so instead of its default's note.
    let state = use_context::<AppContext>();
    let calibrated = state.as_ref().and_then(|s| {
        let c = s.scenario.assurance.as_ref()?.calibrated_to.as_ref()?;
        props
            .path
            .contains(".prevalence_per_100k")
            .then(|| c.note())
    });
    if let Some(note) = calibrated {
        return html! {
            <details class="prov prov--calibrated" data-basis="calibrated">
                <summary class="prov__badge" title={note.clone()} aria-label={format!("Calibrated: {note} (show note)")}>
                    { "Calibrated" }
                </summary>
                <p class="prov__note" role="note"><strong>{ "Prevalence. " }</strong>{ format!("{}{}.", note[..1].to_uppercase(), &note[1..]) }</p>
            </details>
        };
    }
    let Some(p) = provenance::provenance(&props.path) else {
        return Html::default();
    };
    let (modifier, text) = match p.basis {
        Basis::Assumption => ("prov--assumption", "Assumption"),
        Basis::Source => ("prov--source", "Source"),
    };
    html! {
        <details class={classes!("prov", modifier)} data-basis={text.to_lowercase()}>
            <summary class="prov__badge" title={p.note} aria-label={format!("{text}: {} (show note)", p.label)}>
                { text }
            </summary>
            <p class="prov__note" role="note">
                <strong>{ format!("{}. ", p.label) }</strong>{ p.note }
            </p>
        </details>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct NumberFieldProps {
    /// Validation path: the wrapper's `data-path`, the input's id, the provenance.
    pub path: AttrValue,
    /// The field's label when `labels.rs` has none for its path (a label made on the
    /// fly); a label listed there wins, so messages and the editor say the same.
    #[prop_or_default]
    pub label: AttrValue,
    /// The value in display units.
    pub value: f64,
    /// Receives a parsed value in display units (never on unparseable text).
    pub on_change: Callback<f64>,
    #[prop_or_default]
    pub unit: AttrValue,
    #[prop_or_default]
    pub prefix: AttrValue,
    #[prop_or(4)]
    pub decimals: usize,
    #[prop_or_default]
    pub grouping: bool,
    /// Whole numbers only (counts).
    #[prop_or_default]
    pub integer: bool,
    /// Lowest and highest value the core accepts, in display units: said to a planner
    /// whose text does not parse, so they know what to type. Without it, the range the
    /// core checks this path against (`AppState::ranges`), in display units.
    #[prop_or_default]
    pub range: Option<(f64, f64)>,
    /// Display units per scenario unit, to say the core's range as the field shows
    /// values (a daily figure of an annual one: 1/365). Without it: 100 for a unit
    /// that starts with "%" (the core holds fractions), else 1.
    #[prop_or_default]
    pub range_scale: Option<f64>,
    /// The core's message for this path.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(true)]
    pub show_provenance: bool,
    /// A table cell: the label is the input's `aria-label`, not shown.
    #[prop_or_default]
    pub compact: bool,
    #[prop_or_default]
    pub disabled: bool,
    /// Show the provenance badge after the input (compact fields show none otherwise).
    #[prop_or_default]
    pub inline_provenance: bool,
    /// Marked invalid by a problem of a group it belongs to (a row, a profile).
    #[prop_or_default]
    pub invalid: bool,
    /// Id of a message elsewhere that describes this input (a group's problem).
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

/// Text typed into a number field that is not (yet) the scenario's value.
#[derive(Clone, PartialEq)]
struct Draft {
    text: String,
    parsed: Option<f64>,
    /// The value shown when the planner started typing this text.
    base: f64,
}

/// A number input with its label, unit, provenance and validation message. Text that
/// does not parse stays in the box with "enter a number" and leaves the scenario alone.
#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let draft = use_state(|| None::<Draft>);
    let state = use_context::<AppContext>();
    let id = field_id(&props.path);
    let label = label_of(&props.path, &props.label);
    let range = props.range.or_else(|| {
        let (low, high) = *state.as_ref()?.ranges.get(props.path.as_str())?;
        let scale = props.range_scale.unwrap_or(if props.unit.starts_with('%') {
            100.0
        } else {
            1.0
        });
        Some((low * scale, high * scale))
    });
    // A decimal field says its range under it; a whole-number field's range is in its
    // message, and a table cell has no room for a hint.
    let hint = match (range, props.integer || props.compact) {
        (Some(range), false) => {
            let words = range_words(range, props.decimals, &props.prefix, &props.unit);
            Some(AttrValue::from(match &props.hint {
                Some(hint) => format!("{hint}; {words}"),
                None => words,
            }))
        }
        _ => props.hint.clone(),
    };
    // A draft is shown while it still describes the value (an edit elsewhere, such as a
    // preset, replaces it).
    let shown = (*draft).as_ref().filter(|d| match d.parsed {
        Some(p) => same_value(p, props.value),
        None => same_value(d.base, props.value),
    });
    let text = shown.map_or_else(
        || format_number(props.value, props.decimals, props.grouping),
        |d| d.text.clone(),
    );
    let local_error = shown.and_then(|d| {
        d.parsed
            .is_none()
            .then(|| AttrValue::from(unparsed_message(props.integer, range)))
    });
    use_unparsed_report(&props.path, local_error.clone());
    let message = local_error.or_else(|| props.error.clone());
    let has_message = message.is_some();
    let invalid = has_message || props.invalid;

    let oninput = {
        let draft = draft.clone();
        let on_change = props.on_change.clone();
        let value = props.value;
        let integer = props.integer;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let parsed = if integer {
                parse_count(&text).map(f64::from)
            } else {
                parse_number(&text)
            };
            let base = match &*draft {
                Some(d) if d.parsed.is_none() => d.base,
                _ => value,
            };
            draft.set(Some(Draft { text, parsed, base }));
            if let Some(v) = parsed
                && !same_value(v, value)
            {
                on_change.emit(v);
            }
        })
    };
    let onblur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| {
            if draft.as_ref().is_some_and(|d| d.parsed.is_some()) {
                draft.set(None);
            }
        })
    };

    let error_id = has_message.then(|| format!("{id}-error"));
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let unit_id = (!props.unit.is_empty()).then(|| format!("{id}-unit"));
    let described = describedby(&[
        error_id.clone(),
        props.described_by.as_ref().map(|d| d.to_string()),
        unit_id.clone(),
        hint_id.clone(),
    ]);
    html! {
        <div class={classes!("field", props.compact.then_some("field--compact"), invalid.then_some("field--invalid"))}
             data-path={props.path.clone()}>
            if !props.compact {
                <div class="field__head">
                    <label class="field__label" for={id.clone()}>{ label.clone() }</label>
                    if props.show_provenance { <Prov path={props.path.clone()} /> }
                </div>
            }
            <div class="field__control">
                if !props.prefix.is_empty() {
                    <span class="field__affix" aria-hidden="true">{ props.prefix.clone() }</span>
                }
                <input id={id.clone()} type="text" class="field__input field__input--number"
                       inputmode={if props.integer { "numeric" } else { "decimal" }}
                       autocomplete="off" spellcheck="false"
                       value={text}
                       disabled={props.disabled}
                       aria-label={props.compact.then(|| label.clone())}
                       aria-invalid={invalid.then_some("true")}
                       aria-describedby={described}
                       {oninput} {onblur} />
                if let Some(unit_id) = unit_id {
                    <span class="field__unit" id={unit_id}>{ props.unit.clone() }</span>
                }
            </div>
            if props.inline_provenance { <Prov path={props.path.clone()} /> }
            { field_messages(message, error_id, hint, hint_id) }
        </div>
    }
}

/// A range as a field's hint says it: "from $0 to $1,000 per hour", "from 0 to 100%".
pub fn range_words((low, high): (f64, f64), decimals: usize, prefix: &str, unit: &str) -> String {
    let space = if unit.is_empty() || unit.starts_with('%') {
        ""
    } else {
        " "
    };
    format!(
        "from {prefix}{} to {prefix}{}{space}{unit}",
        format_number(low, decimals, true),
        format_number(high, decimals, true)
    )
}

/// A whole-number range of the core as a field's `range`.
pub fn count_range((low, high): (u32, u32)) -> Option<(f64, f64)> {
    Some((f64::from(low), f64::from(high)))
}

/// What a number field says when its text does not parse.
pub fn unparsed_message(integer: bool, range: Option<(f64, f64)>) -> String {
    let what = if integer {
        "a whole number"
    } else {
        "a number"
    };
    match range {
        Some((low, high)) => format!(
            "enter {what} from {} to {}",
            format_number(low, 4, true),
            format_number(high, 4, true)
        ),
        None => format!("enter {what}"),
    }
}

/// Tells the shared state that the field at `path` shows text the scenario does not
/// hold, and takes it back when the text parses, is replaced or the field goes away:
/// Run and Copy link must not use a value the planner no longer sees.
#[hook]
pub(crate) fn use_unparsed_report(path: &AttrValue, problem: Option<AttrValue>) {
    let state = use_context::<AppContext>();
    use_effect_with((path.clone(), problem), move |(path, problem)| {
        let reported = match (&state, problem) {
            (Some(state), Some(message)) => {
                state.dispatch(Action::FieldText {
                    path: path.to_string(),
                    problem: Some(message.to_string()),
                });
                Some((state.dispatcher(), path.to_string()))
            }
            _ => None,
        };
        move || {
            if let Some((dispatcher, path)) = reported {
                dispatcher.dispatch(Action::FieldText {
                    path,
                    problem: None,
                });
            }
        }
    });
}

#[derive(Properties, PartialEq, Clone)]
pub struct TextFieldProps {
    pub path: AttrValue,
    /// The field's label when `labels.rs` has none for its path (a label made on the
    /// fly); a label listed there wins, so messages and the editor say the same.
    #[prop_or_default]
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub compact: bool,
    #[prop_or(true)]
    pub show_provenance: bool,
    /// Extra class on the wrapper.
    #[prop_or_default]
    pub class: Classes,
}

/// A text input or text area; every keystroke is an edit (text needs no parsing).
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = field_id(&props.path);
    let label = label_of(&props.path, &props.label);
    let invalid = props.error.is_some();
    let error_id = invalid.then(|| format!("{id}-error"));
    let hint_id = props.hint.as_ref().map(|_| format!("{id}-hint"));
    let described = describedby(&[error_id.clone(), hint_id.clone()]);
    let control = if props.multiline {
        let on_change = props.on_change.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(area.value());
        });
        html! {
            <textarea id={id.clone()} class="field__input field__textarea" rows="2"
                      value={props.value.clone()} placeholder={props.placeholder.clone()}
                      aria-invalid={invalid.then_some("true")} aria-describedby={described}
                      aria-label={props.compact.then(|| label.clone())}
                      {oninput} />
        }
    } else {
        let on_change = props.on_change.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.value());
        });
        html! {
            <input id={id.clone()} type="text" class="field__input" autocomplete="off"
                   value={props.value.clone()} placeholder={props.placeholder.clone()}
                   aria-invalid={invalid.then_some("true")} aria-describedby={described}
                   aria-label={props.compact.then(|| label.clone())}
                   {oninput} />
        }
    };
    html! {
        <div class={classes!("field", "field--text", props.compact.then_some("field--compact"),
                             invalid.then_some("field--invalid"), props.class.clone())}
             data-path={props.path.clone()}>
            if !props.compact {
                <div class="field__head">
                    <label class="field__label" for={id.clone()}>{ label.clone() }</label>
                    if props.show_provenance { <Prov path={props.path.clone()} /> }
                </div>
            }
            <div class="field__control">{ control }</div>
            { field_messages(props.error.clone(), error_id, props.hint.clone(), hint_id) }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SelectFieldProps {
    pub path: AttrValue,
    /// The field's label when `labels.rs` has none for its path (a label made on the
    /// fly); a label listed there wins, so messages and the editor say the same.
    #[prop_or_default]
    pub label: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Overrides the id derived from the path.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A labelled `<select>`.
#[function_component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let label = label_of(&props.path, &props.label);
    let id = props
        .id
        .as_ref()
        .map_or_else(|| field_id(&props.path), |id| id.to_string());
    let invalid = props.error.is_some();
    let error_id = invalid.then(|| format!("{id}-error"));
    let hint_id = props.hint.as_ref().map(|_| format!("{id}-hint"));
    let described = describedby(&[error_id.clone(), hint_id.clone()]);
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_change.emit(select.value());
        })
    };
    html! {
        <div class={classes!("field", "field--select", invalid.then_some("field--invalid"))}
             data-path={props.path.clone()}>
            <div class="field__head">
                <label class="field__label" for={id.clone()}>{ label.clone() }</label>
                <Prov path={props.path.clone()} />
            </div>
            <div class="field__control">
                <select id={id.clone()} class="field__input field__select"
                        aria-invalid={invalid.then_some("true")} aria-describedby={described} {onchange}>
                    { for props.options.iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={*value == props.selected}>{ label.clone() }</option>
                    }) }
                </select>
            </div>
            { field_messages(props.error.clone(), error_id, props.hint.clone(), hint_id) }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
    #[prop_or_default]
    pub path: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
}

/// A checkbox with its label to the right.
#[function_component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.checked());
        })
    };
    let hint_id = props.hint.as_ref().map(|_| format!("{}-hint", props.id));
    html! {
        <div class="check" data-path={props.path.clone()}>
            <input id={props.id.clone()} type="checkbox" class="check__box" checked={props.checked}
                   disabled={props.disabled} aria-describedby={hint_id.clone()} {onchange} />
            <label class="check__label" for={props.id.clone()}>{ props.label.clone() }</label>
            if let (Some(hint), Some(hint_id)) = (props.hint.clone(), hint_id) {
                <span class="check__hint" id={hint_id}>{ hint }</span>
            }
        </div>
    }
}

pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[derive(Properties, PartialEq, Clone)]
pub struct DaysFieldProps {
    /// Path of the `days` array.
    pub path: AttrValue,
    pub days: [bool; 7],
    pub on_change: Callback<(usize, bool)>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// Seven weekday checkboxes in a fieldset.
#[function_component]
pub fn DaysField(props: &DaysFieldProps) -> Html {
    let id = field_id(&props.path);
    let error_id = props.error.as_ref().map(|_| format!("{id}-error"));
    html! {
        <fieldset class={classes!("field", "days", props.error.is_some().then_some("field--invalid"))}
                  data-path={props.path.clone()} aria-describedby={error_id.clone()}>
            <legend class="field__label">{ "Days of the week" }</legend>
            <div class="days__row">
                { for (0..7).map(|d| {
                    let on_change = props.on_change.clone();
                    let onchange = Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        on_change.emit((d, input.checked()));
                    });
                    let day_id = format!("{id}-{d}");
                    html! {
                        <span class="days__day">
                            <input id={day_id.clone()} type="checkbox" class="days__box"
                                   checked={props.days[d]} {onchange} />
                            <label for={day_id} title={WEEKDAY_NAMES[d]}>{ WEEKDAYS[d] }</label>
                        </span>
                    }
                }) }
            </div>
            if let (Some(error), Some(error_id)) = (props.error.clone(), error_id) {
                <p class="field-error" id={error_id}>{ error }</p>
            }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_fields_say_their_range() {
        assert_eq!(
            unparsed_message(false, Some((0.0, 100.0))),
            "enter a number from 0 to 100"
        );
        assert_eq!(
            unparsed_message(false, Some((0.1, 168.0))),
            "enter a number from 0.1 to 168"
        );
        assert_eq!(
            range_words((0.0, 1000.0), 2, "$", "per hour"),
            "from $0 to $1,000 per hour"
        );
        assert_eq!(range_words((0.0, 100.0), 4, "", "%"), "from 0 to 100%");
        assert_eq!(
            range_words((4.0, 16.0), 4, "", "hours"),
            "from 4 to 16 hours"
        );
        assert_eq!(
            range_words((0.0, 50e6 / 365.0), 1, "", "vehicles/day"),
            "from 0 to 136,986.3 vehicles/day"
        );
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(
            field_id("strategies[2].plan.teams"),
            "f-strategies-2--plan-teams"
        );
        assert_eq!(field_id("seed"), "f-seed");
    }
}
