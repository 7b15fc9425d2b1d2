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

/// A gain smaller than this share of the baseline's own detection rate is "small"
/// even when it is certain: +0.04 points on 5% is real, and negligible.
const SMALL_RELATIVE_GAIN: f64 = 0.1;

/// An extra point of detection is "costly" when it costs more than this many times
/// what a point of detection costs the baseline (its budget over its rate in points).
const COSTLY_FACTOR: f64 = 2.0;

/// What the difference in detection against the baseline amounts to: whether it is
/// distinguishable from zero at 95%, and for a certain gain, whether it is small for
/// its baseline and costly for what it buys. Never "a clear gain" for a gain that is
/// negligible or bought at many times the baseline's price.
fn judgement(
    diff: &Interval,
    extra_budget: f64,
    cost_per_point: Option<f64>,
    base: &StrategySummary,
) -> String {
    if diff.n < 2 {
        return "too few replications to tell".to_string();
    }
    if diff.high < 0.0 {
        return "a clear loss".to_string();
    }
    if diff.low <= 0.0 {
        return "not distinguishable from the baseline".to_string();
    }
    let base_rate = base.detection_rate.mean;
    let small = base_rate > 0.0 && diff.mean < SMALL_RELATIVE_GAIN * base_rate;
    let base_cost_per_point = (base_rate > 0.0 && base.budget.total.mean > 0.0)
        .then(|| base.budget.total.mean / (base_rate * 100.0));
    let costly = extra_budget > 0.0
        && match (cost_per_point, base_cost_per_point) {
            (Some(cost), Some(base_cost)) => cost > COSTLY_FACTOR * base_cost,
            _ => false,
        };
    let cost_note = match (costly, cost_per_point, base_cost_per_point) {
        (true, Some(cost), Some(base_cost)) => format!(
            ": {} per extra point, {:.0}× the {} a point costs under {}",
            money(cost),
            cost / base_cost,
            money(base_cost),
            base.name
        ),
        _ => String::new(),
    };
    match (small, costly) {
        (false, false) => "a clear gain".to_string(),
        (true, false) => "a small but real gain".to_string(),
        (false, true) => format!("a real but costly gain{cost_note}"),
        (true, true) => format!("a small, costly gain{cost_note}"),
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
                judgement(
                    &v.detection_rate,
                    v.budget.mean,
                    v.cost_per_extra_point.map(|c| c.mean),
                    base
                ),
                money(v.budget.mean),
            );
            match v.cost_per_extra_point {
                // A real gain for less money: a price per point would read as a
                // negative cost; say what it means.
                Some(_) if v.budget.mean < 0.0 => line.push_str(&format!(
                    "; it detects more for {} a year less than {} (it dominates the baseline)",
                    money(-v.budget.mean),
                    base.name
                )),
                Some(cost) => line.push_str(&format!(
                    "; {} per extra point of detection (95% interval {} to {})",
                    money(cost.mean),
                    money(cost.low),
                    money(cost.high)
                )),
                None if v.detection_rate.n >= 2 => {
                    line.push_str("; cost per extra point: —, gain not significant")
                }
                None => {}
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
            cost_per_extra_point: Some(Interval {
                mean: 5e5,
                low: 4e5,
                high: 6e5,
                n: 30,
            }),
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
        assert!(
            line.contains("$500k per extra point of detection (95% interval $400k to $600k)"),
            "{line}"
        );
        assert!(verdict(&base, None).contains("(baseline)"));
    }

    fn interval(mean: f64, low: f64, high: f64) -> Interval {
        Interval {
            mean,
            low,
            high,
            n: 30,
        }
    }

    /// A baseline detecting 5% for $10M a year: a point costs it $2M.
    fn baseline() -> StrategySummary {
        let mut base = StrategySummary {
            name: "Today".into(),
            ..Default::default()
        };
        base.detection_rate = interval(0.05, 0.045, 0.055);
        base.budget.total = interval(10e6, 9e6, 11e6);
        base
    }

    fn against_baseline(gain: Interval, extra_budget: f64) -> String {
        let mut other = StrategySummary {
            name: "Other".into(),
            ..Default::default()
        };
        other.detection_rate = interval(0.05 + gain.mean, 0.05 + gain.low, 0.05 + gain.high);
        other.versus_baseline = Some(super::super::VersusBaseline {
            cost_per_extra_point: (gain.low > 0.0).then(|| {
                let c = extra_budget / (gain.mean * 100.0);
                interval(c, c, c)
            }),
            detection_rate: gain,
            budget: interval(extra_budget, extra_budget, extra_budget),
            ..Default::default()
        });
        verdict(&other, Some(&baseline()))
    }

    #[test]
    fn a_real_gain_for_less_money_reads_as_dominating_not_a_negative_price() {
        let line = against_baseline(interval(0.02, 0.015, 0.025), -1.5e6);
        assert!(
            line.contains(
                "detects more for $1.5M a year less than Today (it dominates the baseline)"
            ),
            "{line}"
        );
        assert!(!line.contains("per extra point"), "{line}");
    }

    #[test]
    fn a_verdict_weighs_significance_and_cost() {
        // The case: +0.04 points for $111.9M a point is certain, and neither
        // clear nor cheap.
        let line = against_baseline(interval(0.0004, 0.0001, 0.0007), 0.0004 * 100.0 * 111.9e6);
        assert!(
            line.contains("(a small, costly gain: $111.9M per extra point, 56× the $2.0M a point costs under Today)"),
            "{line}"
        );
        assert!(!line.contains("clear gain"), "{line}");
        // A large certain gain at a high price per point.
        let line = against_baseline(interval(0.02, 0.015, 0.025), 2.0 * 10e6);
        assert!(
            line.contains("(a real but costly gain: $10.0M per extra point, 5×"),
            "{line}"
        );
        // A large certain gain at about the baseline's price.
        let line = against_baseline(interval(0.02, 0.015, 0.025), 2.0 * 2e6);
        assert!(line.contains("(a clear gain)"), "{line}");
        // A small certain gain for free.
        let line = against_baseline(interval(0.002, 0.001, 0.003), -1e5);
        assert!(line.contains("(a small but real gain)"), "{line}");
        // An interval that includes zero is no gain, however cheap or dear.
        let line = against_baseline(interval(0.01, -0.002, 0.022), 50e6);
        assert!(
            line.contains("(not distinguishable from the baseline)"),
            "{line}"
        );
        assert!(
            line.ends_with("; cost per extra point: —, gain not significant."),
            "{line}"
        );
        let line = against_baseline(interval(-0.01, -0.015, -0.005), 1e6);
        assert!(line.contains("(a clear loss)"), "{line}");
    }
}
