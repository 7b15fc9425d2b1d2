//! Reading and writing the numbers a planner types: tolerant parsing (thousands
//! separators, a leading `$`, a trailing `%`), display with a fixed number of decimals
//! trimmed of trailing zeros, and the human name of a validation path.

use egress_core::scenario::{Modality, Scenario};

/// Parses a decimal number as typed: spaces, `,` and `_` separators, a leading `$` and a
/// trailing `%` are ignored. `None` for anything else (including NaN and infinities).
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    let cleaned = cleaned.strip_prefix('$').unwrap_or(&cleaned);
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a whole number that fits a `u32` (separators allowed, no sign, no fraction).
pub fn parse_count(text: &str) -> Option<u32> {
    let value = parse_number(text)?;
    (value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX)).then_some(value as u32)
}

/// Parses a seed: digits only (separators allowed), up to `u64::MAX`, without going
/// through a float (which would lose precision above 2^53).
pub fn parse_seed(text: &str) -> Option<u64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()
}

/// `1234567` → `1,234,567` (the digits of an integer part, with an optional sign).
fn group(int_part: &str) -> String {
    let (sign, digits) = match int_part.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", int_part),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A number with at most `decimals` decimals (trailing zeros trimmed), optionally with
/// thousands separators. Non-finite values print as Rust prints them.
pub fn format_number(value: f64, decimals: usize, grouping: bool) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".to_string();
    }
    if !grouping {
        return text;
    }
    match text.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group(int)),
        None => group(&text),
    }
}

/// Dollars with separators: `$3,000,000`, `$49.3`.
pub fn money(value: f64) -> String {
    if value < 0.0 {
        format!("−${}", format_number(-value, 2, true))
    } else {
        format!("${}", format_number(value, 2, true))
    }
}

/// Two numbers are the same value for display purposes (tolerates unit conversions).
pub fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// `16.5` → `16:30` (a clock hour as a time of day; out-of-range hours wrap).
pub fn clock(hour: f64) -> String {
    if !hour.is_finite() {
        return String::from("–");
    }
    let minutes = (hour * 60.0).round() as i64;
    let minutes = minutes.rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Hours as a planner says them: `2 h`, `30 min`, `1.5 h`.
pub fn hours(h: f64) -> String {
    if h > 0.0 && h < 1.0 {
        format!("{} min", format_number(h * 60.0, 0, false))
    } else {
        format!("{} h", format_number(h, 2, false))
    }
}

/// A validation path in words, e.g. `strategies[2].plan.schedule.duration_hours` →
/// `Strategy 3 “Pulses” › plan › schedule › duration hours`.
pub fn describe_path(scenario: &Scenario, path: &str) -> String {
    describe_path_in(Some(scenario), path)
}

/// [`describe_path`] for a scenario that may not exist (text that did not parse).
/// A field the editor labels is named by its label, after what it belongs to:
/// `strategies[6].plan.teams` → `Strategy 7 “…” › Teams` (see `labels.rs`).
pub fn describe_path_in(scenario: Option<&Scenario>, path: &str) -> String {
    match super::labels::label(path) {
        Some(label) => labelled_path(scenario, path, label),
        None => path_in_words(scenario, path),
    }
}

/// The strategy, crossing, override or window a field belongs to, then its label. A
/// label that only completes a line of the editor ("to", "lasting") comes after the
/// name of its group.
fn labelled_path(scenario: Option<&Scenario>, path: &str, label: &str) -> String {
    let segments: Vec<&str> = path.split('.').collect();
    // Each indexed segment alone: "strategies[1]" → "Strategy 2 “Pulses”", "windows[0]"
    // → "Window 1".
    let mut parts: Vec<String> = segments
        .iter()
        .filter(|segment| segment.ends_with(']'))
        .map(|segment| path_in_words(scenario, segment))
        .collect();
    if label.starts_with(|c: char| c.is_lowercase())
        && let [.., group, _] = segments.as_slice()
        && !group.ends_with(']')
    {
        parts.push(words(group));
    }
    parts.push(label.to_string());
    let mut text = parts.join(" › ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// A validation path in words, segment by segment.
fn path_in_words(scenario: Option<&Scenario>, path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let text = match (name, index, parts.is_empty()) {
            ("strategies", Some(i), true) => match scenario.and_then(|s| s.strategies.get(i)) {
                Some(s) => format!("Strategy {} “{}”", i + 1, s.name),
                None => format!("Strategy {}", i + 1),
            },
            ("crossings", Some(i), true) => match scenario.and_then(|s| s.crossings.get(i)) {
                Some(c) => format!("Crossing {} ({})", c.name, c.id),
                None => format!("Crossing {}", i + 1),
            },
            ("overrides", Some(j), _) => format!("override {}", j + 1),
            ("windows", Some(j), _) => format!("window {}", j + 1),
            ("crossing_ids", Some(j), _) => format!("crossing {}", j + 1),
            (name, Some(i), _) => format!("{} {}", words(name), i + 1),
            (name, None, _) => match Modality::ALL.iter().find(|m| m.key() == name) {
                Some(m) => m.label().to_lowercase(),
                None => words(name),
            },
        };
        parts.push(text);
        if segments.peek().is_none() {
            break;
        }
    }
    let mut text = parts.join(" › ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// A problem as a planner reads it: where, in the editor's words, and what, without
/// the parser's vocabulary ("strategies[6].name", "expected u32"). `scenario` names
/// strategies and crossings when the text could be read as a scenario at all.
pub fn plain_problem(scenario: Option<&Scenario>, path: &str, message: &str) -> String {
    const UNREADABLE: &str = "not a readable scenario: ";
    let plain = plain_message(message.strip_prefix(UNREADABLE).unwrap_or(message));
    let place = match path {
        "" | "(file)" | "(link)" => None,
        _ => Some(describe_path_in(scenario, path)),
    };
    match (message.starts_with(UNREADABLE), place) {
        (true, Some(place)) => format!("not a readable scenario ({place}): {plain}"),
        (true, None) => format!("not a readable scenario: {plain}"),
        (false, Some(place)) => format!("{place}: {plain}"),
        (false, None) => plain,
    }
}

/// A parser's message in planner words: types become what to type, `code quotes`
/// become “quotes”.
pub fn plain_message(message: &str) -> String {
    let mut text = message.to_string();
    for (from, to) in [
        ("invalid type: string ", "got the text "),
        ("invalid type: integer ", "got "),
        ("invalid type: floating point ", "got "),
        ("invalid type: sequence", "got a list"),
        ("invalid type: map", "got a group of values"),
        ("invalid type: null", "got nothing"),
        ("invalid value: integer ", "got "),
        ("invalid value: floating point ", "got "),
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a string", "expected text"),
        ("expected a boolean", "expected yes or no (true or false)"),
        ("missing field ", "a required value is missing: "),
        ("unknown variant ", "unknown choice "),
        ("unknown field ", "unknown entry "),
    ] {
        text = text.replace(from, to);
    }
    let mut out = String::with_capacity(text.len());
    let mut open = true;
    for c in text.chars() {
        if c == '`' {
            out.push(if open { '\u{201c}' } else { '\u{201d}' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

fn words(key: &str) -> String {
    match key {
        "plan" => "plan".into(),
        "per_100k" => "per 100,000".into(),
        "prevalence_per_100k" => "prevalence per 100,000".into(),
        "p90" => "90th percentile".into(),
        "nii" => "X-ray (NII)".into(),
        "kmh" => "km/h".into(),
        other => other.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_words_become_planner_words() {
        assert_eq!(
            plain_problem(
                None,
                "strategies[6].plan.teams",
                "not a readable scenario: invalid type: string \"x\", expected u32 at line 1 column 9"
            ),
            "not a readable scenario (Strategy 7 › Teams): got the text \"x\", expected a whole number at line 1 column 9"
        );
        assert_eq!(
            plain_message("unknown variant `weekly`, expected `week` or `month`"),
            "unknown choice \u{201c}weekly\u{201d}, expected \u{201c}week\u{201d} or \u{201c}month\u{201d}"
        );
        assert_eq!(
            plain_problem(None, "(file)", "not a readable scenario: EOF"),
            "not a readable scenario: EOF"
        );
        assert_eq!(
            plain_problem(
                None,
                "replications",
                "must be a whole number from 2 to 1000"
            ),
            "Replications: must be a whole number from 2 to 1000"
        );
    }
    use egress_core::scenario::presets;

    #[test]
    fn numbers_parse_as_typed() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number(" $3,000,000 "), Some(3e6));
        assert_eq!(parse_number("15%"), Some(15.0));
        assert_eq!(parse_number("-2"), Some(-2.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e999"), None);
        assert_eq!(parse_number("3..2"), None);
    }

    #[test]
    fn counts_and_seeds_are_whole() {
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("1,000"), Some(1000));
        assert_eq!(parse_count("2.5"), None);
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("99999999999"), None);
        assert_eq!(parse_seed("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_seed("18446744073709551616"), None);
        assert_eq!(parse_seed("20,230,815"), Some(20_230_815));
        assert_eq!(parse_seed("12a"), None);
        assert_eq!(parse_seed("-1"), None);
        assert_eq!(parse_seed(""), None);
    }

    #[test]
    fn numbers_display_trimmed_and_grouped() {
        assert_eq!(format_number(15.000000000000002, 4, false), "15");
        assert_eq!(format_number(40547.94520547945, 1, true), "40,547.9");
        assert_eq!(format_number(3e6, 2, true), "3,000,000");
        assert_eq!(format_number(999.0, 0, true), "999");
        assert_eq!(format_number(-1234.5, 1, true), "-1,234.5");
        assert_eq!(format_number(-0.0001, 2, false), "0");
        assert_eq!(money(49.3), "$49.3");
        assert_eq!(money(3_000_000.0), "$3,000,000");
        assert_eq!(clock(16.5), "16:30");
        assert_eq!(clock(24.0), "00:00");
        assert_eq!(hours(0.5), "30 min");
        assert_eq!(hours(2.0), "2 h");
    }

    #[test]
    fn conversions_round_trip() {
        assert!(same_value(0.15 * 100.0 / 100.0, 0.15));
        let annual = 14_800_123.0;
        assert!(same_value(annual / 365.0 * 365.0, annual));
        assert!(!same_value(1.0, 1.001));
    }

    #[test]
    fn paths_read_as_words() {
        let s = presets::preset("jackman").unwrap();
        assert_eq!(
            describe_path(&s, "strategies[1].plan.schedule.duration_hours"),
            "Strategy 2 “OIG minimum: at least weekly” › Operation length"
        );
        assert_eq!(
            describe_path(&s, "crossings[0].connectivity_uptime"),
            "Crossing Jackman (0104) › Connectivity uptime"
        );
        // The editor's exact labels, after what the field belongs to.
        assert_eq!(
            describe_path_in(None, "strategies[6].plan.teams"),
            "Strategy 7 › Teams"
        );
        assert_eq!(
            describe_path_in(None, "strategies[1].overrides[0].plan.selection.fraction"),
            "Strategy 2 › Override 1 › Share picked at random"
        );
        assert_eq!(
            describe_path_in(None, "strategies[0].plan.operating_hours.to_hour"),
            "Strategy 1 › operating hours › to"
        );
        assert_eq!(
            describe_path_in(
                None,
                "strategies[0].plan.schedule.windows[2].duration_hours"
            ),
            "Strategy 1 › Window 3 › lasting"
        );
        assert_eq!(
            describe_path_in(None, "costs.basic_hourly_rate"),
            "Basic hourly pay"
        );
        assert_eq!(describe_path_in(None, "replications"), "Replications");
        assert_eq!(
            describe_path(&s, "traffic.modalities.trucks.hour_profile"),
            "Traffic › modalities › trucks › hour profile"
        );
        assert_eq!(
            describe_path(&s, "strategies[9].name"),
            "Strategy 10 › name"
        );
    }
}
