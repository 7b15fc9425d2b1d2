//! A text box holding a comma-separated list ("1, 3, 7", "6–22, 8–20"): what it shows,
//! how it parses, and text that does not parse kept in the box with a message (reported
//! like any field's, so it blocks Optimise, Run and Copy link).

use egress_core::scenario::OperatingHours;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::editor::fields::{field_id, use_unparsed_report};
use crate::editor::format::{format_number, parse_count, parse_number};
use crate::editor::labels;

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
}
