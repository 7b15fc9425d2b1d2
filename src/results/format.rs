//! Numbers for people: percentages, money, counts and waits, with "—" for anything that
//! is not a number (no replication had a value, a NaN or an infinity). The raw values
//! go into `data-value` attributes unchanged (`raw`), so tests can compare the page
//! with the CLI's JSON.

use egress_core::summary::{Interval, Proportion};

/// Shown where there is no value.
pub const MISSING: &str = "—";

/// The full-precision value for a `data-value` attribute (Rust's `{}` formatting).
pub fn raw(x: f64) -> String {
    format!("{x}")
}

/// An interval that has a value: at least one replication, and a finite mean.
pub fn has_value(i: &Interval) -> bool {
    i.n > 0 && i.mean.is_finite()
}

/// The mean of an interval that has one.
pub fn mean_of(i: &Interval) -> Option<f64> {
    has_value(i).then_some(i.mean)
}

/// A pooled proportion as an interval (`n` = trials, saturated), for uniform display.
pub fn proportion_interval(p: &Proportion) -> Interval {
    Interval {
        mean: p.rate,
        low: p.low,
        high: p.high,
        n: u32::try_from(p.trials).unwrap_or(u32::MAX),
    }
}

/// "1,234,567" from a non-negative integer.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn sign_prefix(x: f64, signed: bool) -> &'static str {
    if x < 0.0 {
        "\u{2212}"
    } else if signed && x > 0.0 {
        "+"
    } else {
        ""
    }
}

/// A count with thousands separators: "1,234", "56.7", "0.63".
pub fn count(x: f64) -> String {
    signed_or_not(x, false, count_abs)
}

fn count_abs(a: f64) -> String {
    if a >= 99.95 {
        thousands(a.round() as u64)
    } else if a >= 9.995 {
        format!("{a:.1}")
    } else if a == 0.0 {
        "0".to_string()
    } else if a < 0.005 {
        "<0.01".to_string()
    } else {
        format!("{a:.2}")
    }
}

fn signed_or_not(x: f64, signed: bool, abs: fn(f64) -> String) -> String {
    if !x.is_finite() {
        return MISSING.to_string();
    }
    let body = abs(x.abs());
    if body == "0" || body == "0.0%" || body == "$0" || body == "0 s" {
        return body;
    }
    format!("{}{}", sign_prefix(x, signed), body)
}

/// A rate in [0, 1] as a percentage: "25.4%", "2.54%", "<0.01%".
pub fn percent(rate: f64) -> String {
    signed_or_not(rate, false, percent_abs)
}

fn percent_abs(a: f64) -> String {
    let p = a * 100.0;
    if p == 0.0 {
        "0.0%".to_string()
    } else if p >= 9.995 {
        format!("{p:.1}%")
    } else if p < 0.005 {
        "<0.01%".to_string()
    } else {
        format!("{p:.2}%")
    }
}

/// A difference of two rates in percentage points: "+2.06 pts".
pub fn points(delta: f64) -> String {
    if !delta.is_finite() {
        return MISSING.to_string();
    }
    let p = delta.abs() * 100.0;
    let body = if p >= 9.995 {
        format!("{p:.1}")
    } else {
        format!("{p:.2}")
    };
    if body == "0.00" {
        return "0.00 pts".to_string();
    }
    format!("{}{body} pts", sign_prefix(delta, true))
}

/// Dollars: "$1.2M", "$350k", "$4,820", "$0".
pub fn money(x: f64) -> String {
    signed_or_not(x, false, money_abs)
}

/// Dollars with an explicit sign for differences: "+$350k", "−$1.2M".
pub fn money_signed(x: f64) -> String {
    signed_or_not(x, true, money_abs)
}

fn money_abs(a: f64) -> String {
    if a >= 999.5e9 {
        format!("${:.1}T", a / 1e12)
    } else if a >= 99.95e9 {
        format!("${:.0}B", a / 1e9)
    } else if a >= 999.5e6 {
        format!("${:.1}B", a / 1e9)
    } else if a >= 99.95e6 {
        format!("${:.0}M", a / 1e6)
    } else if a >= 999.5e3 {
        format!("${:.1}M", a / 1e6)
    } else if a >= 9_999.5 {
        format!("${:.0}k", a / 1e3)
    } else if a >= 0.5 {
        format!("${}", thousands(a.round() as u64))
    } else if a == 0.0 {
        "$0".to_string()
    } else {
        "<$1".to_string()
    }
}

/// A duration from seconds: "18.4 s", "3.2 min", "1.5 h".
pub fn wait(seconds: f64) -> String {
    signed_or_not(seconds, false, wait_abs)
}

/// A difference of durations with an explicit sign.
pub fn wait_signed(seconds: f64) -> String {
    signed_or_not(seconds, true, wait_abs)
}

fn wait_abs(a: f64) -> String {
    if a == 0.0 {
        "0 s".to_string()
    } else if a < 0.005 {
        "<0.01 s".to_string()
    } else if a < 0.995 {
        format!("{a:.2} s")
    } else if a < 59.95 {
        format!("{a:.1} s")
    } else if a < 3_597.0 {
        format!("{:.1} min", a / 60.0)
    } else {
        format!("{:.1} h", a / 3_600.0)
    }
}

/// How a figure is read and printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A rate in [0, 1], printed as a percentage.
    Percent,
    /// Dollars.
    Money,
    /// A count or an amount; the suffix names its unit ("firearms", "kg", "h").
    Count(&'static str),
    /// Seconds.
    Seconds,
}

impl Unit {
    pub fn format(self, x: f64) -> String {
        match self {
            Unit::Percent => percent(x),
            Unit::Money => money(x),
            Unit::Count("") => count(x),
            Unit::Count(suffix) => match count(x) {
                s if s == MISSING => s,
                s => format!("{s} {suffix}"),
            },
            Unit::Seconds => wait(x),
        }
    }

    /// A difference (explicit sign); rates become percentage points.
    pub fn format_delta(self, x: f64) -> String {
        match self {
            Unit::Percent => points(x),
            Unit::Money => money_signed(x),
            Unit::Seconds => wait_signed(x),
            Unit::Count(suffix) => {
                let body = signed_or_not(x, true, count_abs);
                if suffix.is_empty() || body == MISSING {
                    body
                } else {
                    format!("{body} {suffix}")
                }
            }
        }
    }

    /// The number alone, without the unit suffix (for axis ticks).
    pub fn format_bare(self, x: f64) -> String {
        match self {
            Unit::Count(_) => count(x),
            other => other.format(x),
        }
    }

    /// "0.24 to 0.71%", "$37k to $53k", "12.5 to 157\u{a0}rounds": the unit once when both
    /// ends share it.
    pub fn range(self, low: f64, high: f64) -> String {
        if !low.is_finite() || !high.is_finite() {
            return MISSING.to_string();
        }
        join_range(self.format(low), self.format(high))
    }

    /// Range of a difference (signed ends).
    pub fn range_delta(self, low: f64, high: f64) -> String {
        if !low.is_finite() || !high.is_finite() {
            return MISSING.to_string();
        }
        join_range(self.format_delta(low), self.format_delta(high))
    }
}

/// The mean of an interval for people, or "—".
pub fn interval_value(unit: Unit, i: &Interval) -> String {
    mean_of(i).map_or_else(|| MISSING.to_string(), |m| unit.format(m))
}

/// Joins two formatted ends, writing a shared unit suffix once.
fn join_range(low: String, high: String) -> String {
    const SUFFIXES: [&str; 8] = [
        "%",
        " pts",
        " s",
        " min",
        " h",
        " kg",
        " rounds",
        " firearms",
    ];
    // The unit stays on the line of its number (a no-break space) when a range wraps.
    let glue = |text: &str| -> String {
        SUFFIXES
            .iter()
            .filter(|u| u.starts_with(' '))
            .find_map(|u| {
                text.strip_suffix(u)
                    .map(|n| format!("{n}\u{a0}{}", &u[1..]))
            })
            .unwrap_or_else(|| text.to_string())
    };
    for suffix in SUFFIXES {
        if let (Some(l), true) = (low.strip_suffix(suffix), high.ends_with(suffix)) {
            return format!("{l} to {}", glue(&high));
        }
    }
    format!("{} to {}", glue(&low), glue(&high))
}

/// "1.2 to 3.4%" for an interval with at least two replications and some spread.
pub fn interval_range(unit: Unit, i: &Interval) -> Option<String> {
    (has_value(i) && i.n > 1 && i.low.is_finite() && i.high.is_finite() && i.high > i.low)
        .then(|| unit.range(i.low, i.high))
}

/// A sentence for a tooltip: "2.54% (95% interval 1.80% to 3.28%, 30 replications)".
pub fn interval_sentence(unit: Unit, i: &Interval) -> String {
    if !has_value(i) {
        return format!("{MISSING} (no replication had a value)");
    }
    match interval_range(unit, i) {
        Some(range) => format!(
            "{} (95% interval {range}, {} replications)",
            unit.format(i.mean),
            i.n
        ),
        None if i.n > 1 => format!(
            "{} (the same in all {} replications)",
            unit.format(i.mean),
            i.n
        ),
        None => format!("{} (1 replication, no interval yet)", unit.format(i.mean)),
    }
}

/// The same for a difference against the baseline, saying whether it excludes 0.
pub fn delta_sentence(unit: Unit, i: &Interval) -> String {
    if !has_value(i) {
        return format!("{MISSING} (no paired replication yet)");
    }
    if i.n < 2 || !i.low.is_finite() || !i.high.is_finite() {
        return format!(
            "{} (1 paired replication, no interval yet)",
            unit.format_delta(i.mean)
        );
    }
    format!(
        "{} (95% interval {}; {})",
        unit.format_delta(i.mean),
        unit.range_delta(i.low, i.high),
        excludes_zero_text(i)
    )
}

/// Whether a paired interval excludes 0: the difference is then unlikely to be noise.
pub fn excludes_zero(i: &Interval) -> Option<bool> {
    (has_value(i) && i.n > 1 && i.low.is_finite() && i.high.is_finite())
        .then_some(i.low > 0.0 || i.high < 0.0)
}

pub fn excludes_zero_text(i: &Interval) -> &'static str {
    match excludes_zero(i) {
        Some(true) => "excludes 0",
        Some(false) => "includes 0",
        None => "no interval yet",
    }
}

/// "Monday 19 January" for a day of the simulated 365-day year (day 0 = Monday 1 January).
pub fn calendar_day(day: u32) -> String {
    const MONTHS: [(&str, u32); 12] = [
        ("January", 31),
        ("February", 28),
        ("March", 31),
        ("April", 30),
        ("May", 31),
        ("June", 30),
        ("July", 31),
        ("August", 31),
        ("September", 30),
        ("October", 31),
        ("November", 30),
        ("December", 31),
    ];
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let weekday = WEEKDAYS[(day % 7) as usize];
    let mut rest = day % 365;
    for (name, length) in MONTHS {
        if rest < length {
            return format!("{weekday} {} {name}", rest + 1);
        }
        rest -= length;
    }
    format!("day {}", day + 1)
}

/// "Mon 1 Jan": `calendar_day` abbreviated.
pub fn short_day(day: u32) -> String {
    let long = calendar_day(day);
    let parts: Vec<&str> = long.split(' ').collect();
    match parts.as_slice() {
        [weekday, date, month] => format!(
            "{} {date} {}",
            weekday.get(..3).unwrap_or(weekday),
            month.get(..3).unwrap_or(month)
        ),
        _ => long,
    }
}

/// "17:00" for a clock hour.
pub fn clock(hour: usize) -> String {
    format!("{:02}:00", hour % 24)
}

/// A coordinate for an SVG attribute (two decimals, no NaN).
pub fn coord(x: f64) -> String {
    if x.is_finite() {
        let r = (x * 100.0).round() / 100.0;
        if r == r.trunc() {
            format!("{}", r as i64)
        } else {
            format!("{r}")
        }
    } else {
        "0".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_people() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(count(148_924.05), "148,924");
        assert_eq!(count(0.633), "0.63");
        assert_eq!(count(56.71), "56.7");
        assert_eq!(count(f64::NAN), MISSING);
        assert_eq!(percent(0.0254), "2.54%");
        assert_eq!(percent(0.254), "25.4%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(f64::INFINITY), MISSING);
        assert_eq!(points(0.0206), "+2.06 pts");
        assert_eq!(points(-0.0206), "\u{2212}2.06 pts");
        assert_eq!(money(1_234_567.0), "$1.2M");
        assert_eq!(money(350_000.0), "$350k");
        assert_eq!(money(4_820.2), "$4,820");
        assert_eq!(money(0.0), "$0");
        assert_eq!(money_signed(-52_000.0), "\u{2212}$52k");
        assert_eq!(money_signed(52_000.0), "+$52k");
        assert_eq!(wait(18.43), "18.4 s");
        assert_eq!(wait(0.254), "0.25 s");
        assert_eq!(Unit::Percent.range(0.0024, 0.0071), "0.24 to 0.71%");
        assert_eq!(Unit::Money.range(37_000.0, 53_000.0), "$37k to $53k");
        assert_eq!(
            Unit::Count("rounds").range(12.5, 157.0),
            "12.5 to 157\u{a0}rounds"
        );
        assert_eq!(Unit::Seconds.range(72.0, 108.0), "1.2 to 1.8\u{a0}min");
        assert_eq!(
            Unit::Seconds.range(50.0, 108.0),
            "50.0\u{a0}s to 1.8\u{a0}min"
        );
        assert_eq!(
            Unit::Percent.range_delta(0.0021, 0.007),
            "+0.21 to +0.70\u{a0}pts"
        );
        assert_eq!(wait(192.0), "3.2 min");
        assert_eq!(wait(5_400.0), "1.5 h");
        assert_eq!(Unit::Count("kg").format(2.5), "2.50 kg");
        assert_eq!(Unit::Count("kg").format(f64::NAN), MISSING);
        assert_eq!(calendar_day(0), "Monday 1 January");
        assert_eq!(calendar_day(31), "Thursday 1 February");
        assert_eq!(calendar_day(364), "Monday 31 December");
        assert_eq!(short_day(31), "Thu 1 Feb");
        assert_eq!(coord(1.0 / 3.0), "0.33");
        assert_eq!(coord(f64::NAN), "0");
    }

    #[test]
    fn intervals_without_values_print_a_dash() {
        let empty = Interval::default();
        assert_eq!(interval_value(Unit::Percent, &empty), MISSING);
        assert_eq!(interval_range(Unit::Percent, &empty), None);
        assert_eq!(excludes_zero(&empty), None);
        let nan = Interval {
            mean: f64::NAN,
            low: 0.0,
            high: 1.0,
            n: 3,
        };
        assert_eq!(interval_value(Unit::Money, &nan), MISSING);
        let d = Interval {
            mean: 0.02,
            low: 0.01,
            high: 0.03,
            n: 5,
        };
        assert_eq!(excludes_zero(&d), Some(true));
        assert!(delta_sentence(Unit::Percent, &d).contains("excludes 0"));
    }
}
