//! The figures the comparison table and the cards show, each with the path of its value
//! in the summary's JSON (`data-metric`), how to print it, and which end is better.

use egress_core::summary::{Interval, StrategySummary};

use super::format::{Unit, has_value};

/// Which end of a row is best (for the marker in the comparison table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Neither end is better (workload, for instance): no marker.
    Neither,
}

/// Which field of the JSON object at `key` the displayed value is (`data-field`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `Interval.mean` (with `low`, `high`, `n`).
    Mean,
    /// `Proportion.rate` (with `low`, `high`; `n` is the number of trials).
    Rate,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Mean => "mean",
            Field::Rate => "rate",
        }
    }
}

/// One row of the comparison table.
#[derive(Clone, Copy)]
pub struct Metric {
    /// Path of the value in `StrategySummary` (JSON field names, dot-separated).
    pub key: &'static str,
    pub label: &'static str,
    /// What the row means, for the row header's tooltip.
    pub help: &'static str,
    pub unit: Unit,
    pub better: Better,
    pub field: Field,
    /// A paired difference against the baseline (printed with a sign).
    pub delta: bool,
    pub value: fn(&StrategySummary) -> Option<Interval>,
}

impl PartialEq for Metric {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl std::fmt::Debug for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Metric({})", self.key)
    }
}

/// A titled block of rows.
pub struct MetricGroup {
    pub id: &'static str,
    pub title: &'static str,
    pub metrics: &'static [Metric],
}

const fn metric(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    unit: Unit,
    better: Better,
    value: fn(&StrategySummary) -> Option<Interval>,
) -> Metric {
    Metric {
        key,
        label,
        help,
        unit,
        better,
        field: Field::Mean,
        delta: false,
        value,
    }
}

const fn delta(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    unit: Unit,
    better: Better,
    value: fn(&StrategySummary) -> Option<Interval>,
) -> Metric {
    Metric {
        key,
        label,
        help,
        unit,
        better,
        field: Field::Mean,
        delta: true,
        value,
    }
}

pub const DETECTION_RATE: Metric = metric(
    "detection_rate",
    "Detection rate",
    "Detected ÷ attempting carriers, mean over replications (95% Student-t interval)",
    Unit::Percent,
    Better::Higher,
    |s| Some(s.detection_rate),
);

pub const BUDGET: Metric = metric(
    "budget.total",
    "Budget per year",
    "Full cost: officer-hours (regular, overtime, and hours past the overtime cap worked by hires), operation set-up, X-ray units and, if included, traveller delay",
    Unit::Money,
    Better::Lower,
    |s| Some(s.budget.total),
);

/// Rows the printed briefing leaves out to stay within six pages: deterred and
/// displaced carriers are in its outcomes chart, and P(wait) and the flushed share
/// stay in the results view and the CSV files next to the waits.
pub const SCREEN_ONLY: [&str; 4] = [
    "deterrence_rate",
    "displacement_rate",
    "p_wait",
    "flushed_share",
];

pub const GROUPS: [MetricGroup; 5] = [
    MetricGroup {
        id: "detection",
        title: "Detection",
        metrics: &[
            DETECTION_RATE,
            metric(
                "deterrence_rate",
                "Carriers deterred",
                "Share of carriers attempting who gave up after spotting an operation",
                Unit::Percent,
                Better::Neither,
                |s| Some(s.deterrence_rate),
            ),
            metric(
                "displacement_rate",
                "Carriers displaced",
                "Share of carriers attempting who moved to another crossing (or out of the scenario) and crossed undetected there",
                Unit::Percent,
                Better::Lower,
                |s| Some(s.displacement_rate),
            ),
            metric(
                "disruption_rate",
                "Carriers disrupted",
                "Detected or deterred, as a share of carriers attempting",
                Unit::Percent,
                Better::Higher,
                |s| Some(s.disruption_rate),
            ),
            metric(
                "carriers.detected",
                "Carriers detected per year",
                "Carriers stopped with contraband",
                Unit::Count(""),
                Better::Higher,
                |s| Some(s.carriers.detected),
            ),
            metric(
                "traffic_coverage",
                "Traffic meeting an operation",
                "Share of outbound traffic that crossed while an operation ran",
                Unit::Percent,
                Better::Higher,
                |s| Some(s.traffic_coverage),
            ),
            metric(
                "hit_rate",
                "Hit rate",
                "Seizures per inspection",
                Unit::Percent,
                Better::Higher,
                |s| Some(s.hit_rate),
            ),
        ],
    },
    MetricGroup {
        id: "seizures",
        title: "Seizures per year",
        metrics: &[
            metric(
                "seized.currency",
                "Currency",
                "US dollars seized per year",
                Unit::Money,
                Better::Higher,
                |s| Some(s.seized.currency),
            ),
            metric(
                "seized.firearms",
                "Firearms",
                "Firearms seized per year",
                Unit::Count(""),
                Better::Higher,
                |s| Some(s.seized.firearms),
            ),
            metric(
                "seized.ammunition",
                "Ammunition",
                "Rounds seized per year",
                Unit::Count("rounds"),
                Better::Higher,
                |s| Some(s.seized.ammunition),
            ),
            metric(
                "seized.narcotics",
                "Narcotics",
                "Kilograms seized per year",
                Unit::Count("kg"),
                Better::Higher,
                |s| Some(s.seized.narcotics),
            ),
            metric(
                "seized.explosives",
                "Explosives",
                "Kilograms seized per year",
                Unit::Count("kg"),
                Better::Higher,
                |s| Some(s.seized.explosives),
            ),
        ],
    },
    MetricGroup {
        id: "cost",
        title: "Staffing and budget",
        metrics: &[
            BUDGET,
            metric(
                "budget.new_money",
                "New money per year",
                "What an outbound office would request: overtime, hours past the overtime cap worked by hires (at the loaded rate), set-ups and X-ray units bought for outbound (rostered hours and shared units already exist)",
                Unit::Money,
                Better::Lower,
                |s| Some(s.budget.new_money),
            ),
            metric(
                "officer_hours",
                "Officer-hours per year",
                "Regular, overtime and hired hours of the officers on outbound operations",
                Unit::Count("h"),
                Better::Lower,
                |s| Some(s.officer_hours),
            ),
            metric(
                "officer_hours_regular",
                "Hours taken from inbound",
                "Rostered officers' hours within their shift, redeployed from inbound work",
                Unit::Count("h"),
                Better::Lower,
                |s| Some(s.officer_hours_regular),
            ),
            metric(
                "cost_per_seizure",
                "Cost per seizure",
                "Budget per detected carrier, over the replications that detected any",
                Unit::Money,
                Better::Lower,
                |s| Some(s.cost_per_seizure),
            ),
            metric(
                "operations",
                "Operations per year",
                "Operations that ran (all crossings)",
                Unit::Count(""),
                Better::Neither,
                |s| Some(s.operations),
            ),
            metric(
                "inspections",
                "Inspections per year",
                "Vehicles stopped and inspected",
                Unit::Count(""),
                Better::Neither,
                |s| Some(s.inspections),
            ),
        ],
    },
    MetricGroup {
        id: "travellers",
        title: "Traveller impact",
        metrics: &[
            metric(
                "mean_wait_screened_seconds",
                "Mean wait, screened",
                "Mean wait of the vehicles stopped for inspection",
                Unit::Seconds,
                Better::Lower,
                |s| Some(s.mean_wait_screened_seconds),
            ),
            metric(
                "p95_wait_screened_seconds",
                "95th-percentile wait",
                "95th percentile of the wait of vehicles stopped for inspection",
                Unit::Seconds,
                Better::Lower,
                |s| Some(s.p95_wait_screened_seconds),
            ),
            metric(
                "mean_wait_all_seconds",
                "Mean wait, all vehicles",
                "Inspection waiting time spread over every outbound vehicle",
                Unit::Seconds,
                Better::Lower,
                |s| Some(s.mean_wait_all_seconds),
            ),
            metric(
                "p_wait",
                "Vehicles that waited",
                "Share of the vehicles meeting an operation that had to wait (screened after a wait, or released at its end)",
                Unit::Percent,
                Better::Lower,
                |s| Some(s.p_wait),
            ),
            metric(
                "flushed_share",
                "Selected but flushed",
                "Share of the vehicles selected for inspection that were waved through because the bays (or the road) were full",
                Unit::Percent,
                Better::Lower,
                |s| Some(s.flushed_share),
            ),
            metric(
                "flushed",
                "Vehicles flushed per year",
                "Selected vehicles waved through unscreened because the secondary bays (or, for interviews, the road) were full",
                Unit::Count(""),
                Better::Lower,
                |s| Some(s.flushed),
            ),
        ],
    },
    MetricGroup {
        id: "versus",
        title: "Against the baseline (paired)",
        metrics: &[
            delta(
                "versus_baseline.detection_rate",
                "Detection rate",
                "This strategy minus the baseline, replication by replication (paired 95% interval)",
                Unit::Percent,
                Better::Higher,
                |s| s.versus_baseline.as_ref().map(|v| v.detection_rate),
            ),
            delta(
                "versus_baseline.detected",
                "Carriers detected per year",
                "Paired difference in detected carriers per year",
                Unit::Count(""),
                Better::Higher,
                |s| s.versus_baseline.as_ref().map(|v| v.detected),
            ),
            delta(
                "versus_baseline.budget",
                "Budget per year",
                "Paired difference in budget per year",
                Unit::Money,
                Better::Neither,
                |s| s.versus_baseline.as_ref().map(|v| v.budget),
            ),
            delta(
                "versus_baseline.mean_wait_seconds",
                "Mean wait, screened",
                "Paired difference in the mean wait of screened vehicles",
                Unit::Seconds,
                Better::Neither,
                |s| s.versus_baseline.as_ref().map(|v| v.mean_wait_seconds),
            ),
            Metric {
                key: "versus_baseline.cost_per_extra_point",
                label: "Cost per extra point",
                help: "Extra dollars per year for each extra percentage point of detection, with a 95% interval (delta method, paired by replication); none (—) where the detection gain is not significant",
                unit: Unit::Money,
                better: Better::Lower,
                field: Field::Mean,
                delta: false,
                value: |s| {
                    s.versus_baseline
                        .as_ref()
                        .and_then(|v| v.cost_per_extra_point)
                },
            },
        ],
    },
];

/// The value a strategy has for a metric, if it has one (a finite mean from at least
/// one replication).
pub fn value_of(metric: &Metric, strategy: &StrategySummary) -> Option<Interval> {
    (metric.value)(strategy).filter(has_value)
}

/// Indices of the best strategies of a row: the highest (or lowest) mean among the
/// strategies with a value. No marker when fewer than two strategies have a value, when
/// they are all equal, or when neither end is better; ties are all marked.
pub fn best_of(values: &[Option<f64>], better: Better) -> Vec<usize> {
    let finite: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|x| x.is_finite()).map(|x| (i, x)))
        .collect();
    if finite.len() < 2 || better == Better::Neither {
        return Vec::new();
    }
    let max = finite.iter().map(|(_, x)| *x).fold(f64::MIN, f64::max);
    let min = finite.iter().map(|(_, x)| *x).fold(f64::MAX, f64::min);
    if max == min {
        return Vec::new();
    }
    let target = if better == Better::Higher { max } else { min };
    finite
        .into_iter()
        .filter(|(_, x)| *x == target)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_of_a_row() {
        assert_eq!(
            best_of(&[Some(0.1), Some(0.3), None, Some(0.2)], Better::Higher),
            vec![1]
        );
        assert_eq!(
            best_of(&[Some(5.0), Some(3.0), Some(3.0)], Better::Lower),
            vec![1, 2]
        );
        assert!(best_of(&[Some(1.0), Some(1.0)], Better::Higher).is_empty());
        assert!(best_of(&[Some(1.0), None], Better::Higher).is_empty());
        assert!(best_of(&[Some(1.0), Some(f64::NAN), Some(2.0)], Better::Lower) == vec![0]);
        assert!(best_of(&[Some(1.0), Some(2.0)], Better::Neither).is_empty());
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = GROUPS
            .iter()
            .flat_map(|g| g.metrics.iter().map(|m| m.key))
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
