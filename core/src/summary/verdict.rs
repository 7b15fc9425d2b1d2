//! One line per strategy for a briefing: what it detects, how sure we are, what it
//! costs, compared with the baseline.

use super::{Interval, StrategySummary};

/// "25%", "4.1%", "0.48%", "<0.01%": whole percents from 10%, one decimal from 1%, two
/// below, so that a small rate reads as the comparison table prints it, not as "0.0%".
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "—".to_string();
    }
    let p = share * 100.0;
    let a = p.abs();
    if a == 0.0 {
        "0%".to_string()
    } else if a >= 9.95 {
        format!("{p:.0}%")
    } else if a >= 0.995 {
        format!("{p:.1}%")
    } else if a >= 0.005 {
        format!("{p:.2}%")
    } else if p > 0.0 {
        "<0.01%".to_string()
    } else {
        "−<0.01%".to_string()
    }
}

/// "$1.6M", "$350k", "$820".
pub fn money(dollars: f64) -> String {
    if !dollars.is_finite() {
        return "—".to_string();
    }
    let sign = if dollars < 0.0 { "−" } else { "" };
    let d = dollars.abs();
    if d >= 1e9 {
        format!("{sign}${:.1}B", d / 1e9)
    } else if d >= 1e6 {
        format!("{sign}${:.1}M", d / 1e6)
    } else if d >= 1e3 {
        format!("{sign}${:.0}k", d / 1e3)
    } else {
        format!("{sign}${d:.0}")
    }
}

/// "+2.5 points", "+0.45 points" (two decimals under one point).
fn points(diff: f64) -> String {
    let p = diff * 100.0;
    if p.abs() < 0.995 {
        format!("{p:+.2} points")
    } else {
        format!("{p:+.1} points")
    }
}

/// Whether a paired difference is distinguishable from zero at 95%.
fn significance(i: &Interval) -> &'static str {
    if i.n < 2 {
        "too few replications to tell"
    } else if i.low > 0.0 {
        "a clear gain"
    } else if i.high < 0.0 {
        "a clear loss"
    } else {
        "not distinguishable from the baseline"
    }
}

pub fn verdict(strategy: &StrategySummary, baseline: Option<&StrategySummary>) -> String {
    let d = &strategy.detection_rate;
    let detects = format!(
        "detects {} of carriers (95% interval {}–{})",
        percent(d.mean),
        percent(d.low),
        percent(d.high)
    );
    let budget = format!("{} a year", money(strategy.budget.total.mean));
    match (&strategy.versus_baseline, baseline) {
        (Some(v), Some(base)) => {
            let mut line = format!(
                "{}: {detects}, {} against {} ({}), for {budget} ({} against the baseline)",
                strategy.name,
                points(v.detection_rate.mean),
                base.name,
                significance(&v.detection_rate),
                money(v.budget.mean),
            );
            if let Some(cost) = v.cost_per_extra_point {
                line.push_str(&format!("; {} per extra point of detection", money(cost)));
            }
            line.push('.');
            line
        }
        _ => format!("{} (baseline): {detects}, for {budget}.", strategy.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_briefing() {
        assert_eq!(percent(0.0412), "4.1%");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(0.0999), "10%");
        assert_eq!(percent(0.0099), "0.99%");
        assert_eq!(percent(0.00999), "1.0%");
        assert_eq!(percent(0.000_2), "0.02%");
        assert_eq!(percent(0.000_01), "<0.01%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(f64::NAN), "—");
        assert_eq!(points(0.0045), "+0.45 points");
        assert_eq!(points(0.025), "+2.5 points");
        assert_eq!(points(-0.003), "-0.30 points");
        assert_eq!(money(1_630_000.0), "$1.6M");
        assert_eq!(money(350_400.0), "$350k");
        assert_eq!(money(-20_000.0), "−$20k");
        assert_eq!(money(f64::NAN), "—");
    }

    #[test]
    fn a_verdict_names_the_gain_and_its_certainty() {
        let mut base = StrategySummary {
            name: "Today".into(),
            ..Default::default()
        };
        base.detection_rate = Interval {
            mean: 0.01,
            low: 0.008,
            high: 0.012,
            n: 30,
        };
        let mut other = StrategySummary {
            name: "Random pulses".into(),
            ..Default::default()
        };
        other.detection_rate = Interval {
            mean: 0.05,
            low: 0.045,
            high: 0.055,
            n: 30,
        };
        other.versus_baseline = Some(super::super::VersusBaseline {
            detection_rate: Interval {
                mean: 0.04,
                low: 0.035,
                high: 0.045,
                n: 30,
            },
            budget: Interval {
                mean: 2e6,
                low: 1.9e6,
                high: 2.1e6,
                n: 30,
            },
            cost_per_extra_point: Some(5e5),
            ..Default::default()
        });
        let line = verdict(&other, Some(&base));
        assert!(
            line.starts_with("Random pulses: detects 5.0% of carriers"),
            "{line}"
        );
        assert!(
            line.contains("+4.0 points against Today (a clear gain)"),
            "{line}"
        );
        assert!(line.contains("$500k per extra point"), "{line}");
        assert!(verdict(&base, None).contains("(baseline)"));
    }
}
