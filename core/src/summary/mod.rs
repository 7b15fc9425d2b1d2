//! From per-replication metrics to what a planner reads: per strategy, the mean and a
//! 95% interval of every figure, the paired difference against the baseline (strategy 0,
//! common random numbers make the pairing tight), per-crossing reportable metrics and
//! their roll-ups per field office and border. Money, counts and hours are per year:
//! a horizon shorter than a year is scaled by the share of a year's traffic it carries
//! (see [`annual_factor`]), not by days / 365.
//!
//! Denominators: rates of carriers (detection, deterrence, displacement, disruption)
//! are per carrier that tried to cross; `p_wait` is per vehicle that met an operation;
//! `flushed_share` is per vehicle selected for inspection; `hit_rate` is per inspection.
//! Every interval is across replications (Student-t), the per-crossing tables included:
//! carriers of one replication share a schedule, so pooling them would be too narrow.

mod intervals;
mod table;
mod verdict;

pub use intervals::{Interval, Proportion, Z95, t975};
pub use table::{MetricRow, crossings_csv, metric_rows, metrics_csv, safe_cell};
pub use verdict::{money, percent, verdict};

use crate::metrics::{SampleDay, StrategyReplication, ratio};
use crate::scenario::{Border, Contraband, PerContraband, PerModality, Scenario};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Summary {
    pub scenario: String,
    pub seed: u64,
    pub replications: u32,
    pub horizon_days: u32,
    pub strategies: Vec<StrategySummary>,
}

/// Carriers a year by final outcome; `detected + undetected + displaced + deterred =
/// attempted`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CarrierSummary {
    pub attempted: Interval,
    pub detected: Interval,
    pub undetected: Interval,
    /// Moved to another crossing (or out of the scenario) and crossed undetected there.
    pub displaced: Interval,
    /// Gave up after spotting an operation.
    pub deterred: Interval,
    /// Detected or deterred ([`crate::metrics::CarrierOutcomes::disrupted`]).
    #[serde(default)]
    pub disrupted: Interval,
    pub moved: Interval,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct BudgetSummary {
    /// Rostered hours within the shift, at the loaded rate (redeployed from inbound).
    pub officers_regular: Interval,
    pub officers_overtime: Interval,
    /// Overtime past each officer's annual cap, worked by officers hired for it.
    pub officers_hired: Interval,
    pub setup: Interval,
    pub nii: Interval,
    /// The part of `nii` for X-ray units bought for outbound.
    pub nii_bought: Interval,
    pub traveller_delay: Interval,
    /// Full cost: every part above.
    pub total: Interval,
    /// New money an outbound office would request: overtime, hires, set-up, units
    /// bought for outbound (rostered hours and shared units already exist).
    pub new_money: Interval,
}

/// Strategy minus baseline, replication by replication.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct VersusBaseline {
    pub detection_rate: Interval,
    pub detected: Interval,
    pub budget: Interval,
    pub officer_hours: Interval,
    pub seized: PerContraband<Interval>,
    pub mean_wait_seconds: Interval,
    /// Extra dollars of full cost a year per extra percentage point of detection: the
    /// ratio of the mean paired differences, with a 95% interval by the delta method
    /// on the per-replication pairs (t with n − 1 degrees of freedom). Absent where the
    /// detection gain is not significant (its interval reaches 0) or there are fewer
    /// than two replications.
    pub cost_per_extra_point: Option<Interval>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CrossingSummary {
    pub id: String,
    pub name: String,
    pub border: Option<Border>,
    pub field_office: String,
    pub exits: Interval,
    pub operations: Interval,
    pub operations_per_week: f64,
    pub operation_hours: Interval,
    pub staffing_hours: Interval,
    pub budget: Interval,
    pub inspections: Interval,
    pub carriers: Interval,
    pub detected: Interval,
    /// Detected / carriers who tried to cross here, per replication (those with any),
    /// with the across-replication interval.
    pub detection_rate: Interval,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct StrategySummary {
    pub name: String,
    pub replications: u32,
    /// Mean over replications of detected / attempted carriers.
    pub detection_rate: Interval,
    /// Carriers pooled over all replications (Wilson; narrower than it should be, as
    /// carriers of one replication share a schedule: shown for reference only).
    pub detection_rate_pooled: Proportion,
    /// Deterred / attempted carriers.
    #[serde(default)]
    pub deterrence_rate: Interval,
    /// Displaced / attempted carriers.
    #[serde(default)]
    pub displacement_rate: Interval,
    /// Disrupted (detected + deterred) / attempted carriers.
    #[serde(default)]
    pub disruption_rate: Interval,
    pub detection_by_contraband: PerContraband<Interval>,
    pub detection_by_modality: PerModality<Interval>,
    /// Share of each contraband's amount (dollars, firearms, rounds, kg) interdicted.
    pub value_share_interdicted: PerContraband<Interval>,
    pub seized: PerContraband<Interval>,
    pub carriers: CarrierSummary,
    pub inspections: Interval,
    /// Seizures (detected carriers) per inspection.
    pub hit_rate: Interval,
    pub searches: Interval,
    pub false_alarm_searches: Interval,
    /// Rostered officers' hours within their shift: hours taken from inbound work.
    pub officer_hours_regular: Interval,
    pub officer_hours_overtime: Interval,
    /// Hours worked by officers hired because the roster reached its overtime cap.
    pub officer_hours_hired: Interval,
    pub officer_hours: Interval,
    /// Hours a year that X-ray units shared with inbound spend on outbound operations.
    pub nii_shared_unit_hours: Interval,
    pub budget: BudgetSummary,
    /// Budget per detected carrier, over replications that detected any.
    pub cost_per_seizure: Interval,
    pub mean_wait_screened_seconds: Interval,
    pub p95_wait_screened_seconds: Interval,
    pub mean_wait_all_seconds: Interval,
    pub delay_vehicle_hours: Interval,
    pub flushed: Interval,
    /// Flushed / vehicles selected for inspection: selected but waved through because
    /// the bays (or the road storage) were full.
    #[serde(default)]
    pub flushed_share: Interval,
    /// Share of vehicles that met an operation and had to wait: screened after a wait
    /// of more than zero, or released uninspected at the operation's end.
    #[serde(default)]
    pub p_wait: Interval,
    pub released_on_recall: Interval,
    pub exits: Interval,
    pub operations: Interval,
    pub operations_cancelled: Interval,
    pub operations_cut_short: Interval,
    pub operation_hours: Interval,
    /// Share of outbound traffic that met an operation.
    pub traffic_coverage: Interval,
    /// Mean operation hours per year in each clock hour (all crossings).
    pub operation_hours_by_clock_hour: Vec<f64>,
    pub versus_baseline: Option<VersusBaseline>,
    pub crossings: Vec<CrossingSummary>,
    pub field_offices: Vec<CrossingSummary>,
    pub borders: Vec<CrossingSummary>,
    pub sample_day: Option<SampleDay>,
}

/// Summarises replications of every strategy (any order; missing ones are skipped).
/// Takes any collection of records by reference (the app keeps `Rc`s, so that a state
/// update during a run copies pointers, not records).
pub fn summarize<'a>(
    scenario: &Scenario,
    replications: impl IntoIterator<Item = &'a StrategyReplication>,
) -> Summary {
    let per_year = annual_factor(scenario);
    let mut by_strategy: Vec<Vec<&StrategyReplication>> =
        vec![Vec::new(); scenario.strategies.len()];
    for r in replications {
        if let Some(list) = by_strategy.get_mut(r.strategy as usize) {
            list.push(r);
        }
    }
    for list in &mut by_strategy {
        list.sort_by_key(|r| r.replication);
    }
    let baseline = by_strategy.first().cloned().unwrap_or_default();
    let strategies = by_strategy
        .iter()
        .enumerate()
        .map(|(i, reps)| {
            let mut summary = summarize_strategy(scenario, reps, per_year);
            summary.name = scenario.strategies[i].name.clone();
            if i > 0 && !reps.is_empty() {
                summary.versus_baseline = Some(versus(reps, &baseline, per_year));
            }
            summary
        })
        .collect();
    Summary {
        scenario: scenario.name.clone(),
        seed: scenario.seed,
        replications: scenario.replications,
        horizon_days: scenario.horizon_days,
        strategies,
    }
}

/// What turns a horizon's totals into a year's: 1 / the share of a year's outbound
/// traffic (all crossings and modalities, by the calendar's month, weekday and hour
/// profiles) that falls inside the horizon. A January-only horizon at a crossing whose
/// January carries a fifth of the year's traffic is multiplied by 5, not 365 / 31.
/// Falls back to 365 / days when the scenario carries no traffic.
pub fn annual_factor(scenario: &Scenario) -> f64 {
    let by_days = 365.0 / f64::from(scenario.horizon_days.max(1));
    let calendar = crate::simulation::Calendar::new(scenario);
    let (mut year, mut horizon) = (0.0, 0.0);
    for c in &scenario.crossings {
        for m in crate::scenario::Modality::ALL {
            let volume =
                c.annual_inbound.get(m) * scenario.traffic.modalities.get(m).outbound_factor;
            if volume.is_finite() && volume > 0.0 {
                year += volume;
                horizon += volume * calendar.horizon_share(c.border, m);
            }
        }
    }
    let factor = year / horizon;
    if year > 0.0 && horizon > 0.0 && factor.is_finite() {
        factor
    } else {
        by_days
    }
}

/// Interval of a quantity that cannot be negative (counts, hours, money, rates): the
/// t interval's lower end is clipped at zero.
fn interval(reps: &[&StrategyReplication], f: impl Fn(&StrategyReplication) -> f64) -> Interval {
    let values: Vec<f64> = reps.iter().map(|r| f(r)).collect();
    Interval::from_values(&values).at_least_zero()
}

fn interval_where(
    reps: &[&StrategyReplication],
    f: impl Fn(&StrategyReplication) -> Option<f64>,
) -> Interval {
    let values: Vec<f64> = reps.iter().filter_map(|r| f(r)).collect();
    Interval::from_values(&values).at_least_zero()
}

fn summarize_strategy(
    scenario: &Scenario,
    reps: &[&StrategyReplication],
    per_year: f64,
) -> StrategySummary {
    let y = per_year;
    let attempted: u64 = reps.iter().map(|r| r.carriers.attempted).sum();
    let detected: u64 = reps.iter().map(|r| r.carriers.detected).sum();
    let n = reps.len().max(1) as f64;
    let mut clock = vec![0.0; 24];
    for r in reps {
        for (c, v) in clock.iter_mut().zip(&r.operation_hours_by_clock_hour) {
            *c += v * y / n;
        }
    }
    let crossings: Vec<CrossingSummary> = scenario
        .crossings
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s = crossing_summary(reps, |_| i, y);
            s.id = c.id.clone();
            s.name = c.name.clone();
            s.border = Some(c.border);
            s.field_office = c.field_office.clone();
            s
        })
        .collect();
    let rollup = |key: &dyn Fn(usize) -> String| -> Vec<CrossingSummary> {
        let mut names: Vec<String> = (0..scenario.crossings.len()).map(key).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|name| {
                let members: Vec<usize> = (0..scenario.crossings.len())
                    .filter(|i| key(*i) == name)
                    .collect();
                let mut s = crossing_summary_of(reps, &members, y);
                s.id = name.clone();
                s.name = name;
                s
            })
            .collect()
    };
    let field_offices = rollup(&|i| scenario.crossings[i].field_office.clone());
    let borders = rollup(&|i| scenario.crossings[i].border.label().to_string());
    StrategySummary {
        name: String::new(),
        replications: reps.len() as u32,
        detection_rate: interval(reps, |r| r.detection_rate()),
        detection_rate_pooled: Proportion::wilson(detected, attempted),
        deterrence_rate: carrier_rate(reps, |c| c.deterred),
        displacement_rate: carrier_rate(reps, |c| c.displaced),
        disruption_rate: carrier_rate(reps, |c| c.disrupted()),
        detection_by_contraband: PerContraband::from_fn(|k| {
            interval_where(reps, |r| {
                let t = r.by_contraband.get(k);
                (t.attempted > 0).then(|| ratio(t.detected as f64, t.attempted as f64))
            })
        }),
        detection_by_modality: PerModality::from_fn(|m| {
            interval_where(reps, |r| {
                let t = r.by_modality.get(m);
                (t.attempted > 0).then(|| ratio(t.detected as f64, t.attempted as f64))
            })
        }),
        value_share_interdicted: PerContraband::from_fn(|k| {
            interval_where(reps, |r| {
                let t = r.by_contraband.get(k);
                (t.amount_attempted > 0.0).then(|| t.amount_seized / t.amount_attempted)
            })
        }),
        seized: PerContraband::from_fn(|k| interval(reps, |r| r.seized(k) * y)),
        carriers: CarrierSummary {
            attempted: interval(reps, |r| r.carriers.attempted as f64 * y),
            detected: interval(reps, |r| r.carriers.detected as f64 * y),
            undetected: interval(reps, |r| r.carriers.undetected as f64 * y),
            displaced: interval(reps, |r| r.carriers.displaced as f64 * y),
            deterred: interval(reps, |r| r.carriers.deterred as f64 * y),
            disrupted: interval(reps, |r| r.carriers.disrupted() as f64 * y),
            moved: interval(reps, |r| r.carriers.moved as f64 * y),
        },
        inspections: interval(reps, |r| r.inspections as f64 * y),
        hit_rate: interval(reps, |r| {
            ratio(r.carriers.detected as f64, r.inspections as f64)
        }),
        searches: interval(reps, |r| r.searches as f64 * y),
        false_alarm_searches: interval(reps, |r| r.false_alarm_searches as f64 * y),
        officer_hours_regular: interval(reps, |r| r.officer_hours_regular * y),
        officer_hours_overtime: interval(reps, |r| r.officer_hours_overtime * y),
        officer_hours_hired: interval(reps, |r| r.officer_hours_hired * y),
        officer_hours: interval(reps, |r| {
            (r.officer_hours_regular + r.officer_hours_overtime + r.officer_hours_hired) * y
        }),
        nii_shared_unit_hours: interval(reps, |r| r.nii_shared_unit_hours * y),
        budget: BudgetSummary {
            officers_regular: interval(reps, |r| r.budget.officers_regular * y),
            officers_overtime: interval(reps, |r| r.budget.officers_overtime * y),
            officers_hired: interval(reps, |r| r.budget.officers_hired * y),
            setup: interval(reps, |r| r.budget.setup * y),
            nii: interval(reps, |r| r.budget.nii * y),
            nii_bought: interval(reps, |r| r.budget.nii_bought * y),
            traveller_delay: interval(reps, |r| r.budget.traveller_delay * y),
            total: interval(reps, |r| r.budget.total * y),
            new_money: interval(reps, |r| r.budget.new_money * y),
        },
        cost_per_seizure: interval_where(reps, |r| {
            (r.carriers.detected > 0).then(|| r.budget.total / r.carriers.detected as f64)
        }),
        mean_wait_screened_seconds: interval_where(reps, |r| {
            (r.waits.screened > 0).then(|| r.waits.total_seconds / r.waits.screened as f64)
        }),
        p95_wait_screened_seconds: interval_where(reps, |r| {
            (r.waits.screened > 0).then_some(r.waits.p95_seconds)
        }),
        mean_wait_all_seconds: interval(reps, |r| {
            ratio(r.waits.total_seconds, r.vehicles.exits as f64)
        }),
        delay_vehicle_hours: interval(reps, |r| r.delay_vehicle_hours * y),
        flushed: interval(reps, |r| r.vehicles.flushed as f64 * y),
        // `joined` counts every selected vehicle, the flushed ones included.
        flushed_share: interval(reps, |r| {
            ratio(r.vehicles.flushed as f64, r.waits.joined as f64)
        }),
        p_wait: interval(reps, |r| {
            ratio(
                (r.waits.waited + r.vehicles.released_on_recall) as f64,
                r.vehicles.met_operation as f64,
            )
        }),
        released_on_recall: interval(reps, |r| r.vehicles.released_on_recall as f64 * y),
        exits: interval(reps, |r| r.vehicles.exits as f64 * y),
        operations: interval(reps, |r| r.operations as f64 * y),
        operations_cancelled: interval(reps, |r| r.operations_cancelled as f64 * y),
        operations_cut_short: interval(reps, |r| r.operations_cut_short as f64 * y),
        operation_hours: interval(reps, |r| r.operation_hours * y),
        traffic_coverage: interval(reps, |r| {
            ratio(r.vehicles.met_operation as f64, r.vehicles.exits as f64)
        }),
        operation_hours_by_clock_hour: clock,
        versus_baseline: None,
        crossings,
        field_offices,
        borders,
        sample_day: reps.iter().find_map(|r| r.sample_day.clone()),
    }
}

fn crossing_summary(
    reps: &[&StrategyReplication],
    index: impl Fn(usize) -> usize,
    y: f64,
) -> CrossingSummary {
    crossing_summary_of(reps, &[index(0)], y)
}

/// Reportable metrics summed over a group of crossings (one crossing, a field office, a border).
fn crossing_summary_of(
    reps: &[&StrategyReplication],
    members: &[usize],
    y: f64,
) -> CrossingSummary {
    let sum =
        |r: &StrategyReplication, f: &dyn Fn(&crate::metrics::CrossingReplication) -> f64| -> f64 {
            members
                .iter()
                .filter_map(|i| r.crossings.get(*i))
                .map(f)
                .sum()
        };
    let operations = interval(reps, |r| sum(r, &|c| c.operations as f64) * y);
    CrossingSummary {
        exits: interval(reps, |r| sum(r, &|c| c.exits as f64) * y),
        operations_per_week: operations.mean / 52.0,
        operations,
        operation_hours: interval(reps, |r| sum(r, &|c| c.operation_hours) * y),
        staffing_hours: interval(reps, |r| sum(r, &|c| c.officer_hours) * y),
        budget: interval(reps, |r| sum(r, &|c| c.budget) * y),
        inspections: interval(reps, |r| sum(r, &|c| c.inspections as f64) * y),
        carriers: interval(reps, |r| sum(r, &|c| c.carriers as f64) * y),
        detected: interval(reps, |r| sum(r, &|c| c.detected as f64) * y),
        detection_rate: interval_where(reps, |r| {
            let carriers = sum(r, &|c| c.carriers as f64);
            (carriers > 0.0).then(|| sum(r, &|c| c.detected as f64) / carriers)
        }),
        ..Default::default()
    }
}

fn versus(
    reps: &[&StrategyReplication],
    baseline: &[&StrategyReplication],
    y: f64,
) -> VersusBaseline {
    let pairs: Vec<(&StrategyReplication, &StrategyReplication)> = reps
        .iter()
        .filter_map(|r| {
            baseline
                .iter()
                .find(|b| b.replication == r.replication)
                .map(|b| (*r, *b))
        })
        .collect();
    let diff = |f: &dyn Fn(&StrategyReplication) -> f64| {
        let values: Vec<f64> = pairs.iter().map(|(r, b)| f(r) - f(b)).collect();
        Interval::from_values(&values)
    };
    let wait = |r: &StrategyReplication| ratio(r.waits.total_seconds, r.waits.screened as f64);
    let detection_rate = diff(&|r| r.detection_rate());
    let budget = diff(&|r| r.budget.total * y);
    VersusBaseline {
        detection_rate,
        detected: diff(&|r| r.carriers.detected as f64 * y),
        budget,
        officer_hours: diff(&|r| {
            (r.officer_hours_regular + r.officer_hours_overtime + r.officer_hours_hired) * y
        }),
        seized: PerContraband::from_fn(|k: Contraband| diff(&|r| r.seized(k) * y)),
        mean_wait_seconds: diff(&wait),
        cost_per_extra_point: cost_per_extra_point(&pairs, detection_rate, y),
    }
}

/// Rate of one carrier outcome per attempted carrier, across replications.
fn carrier_rate(
    reps: &[&StrategyReplication],
    outcome: impl Fn(&crate::metrics::CarrierOutcomes) -> u64,
) -> Interval {
    interval(reps, |r| {
        ratio(outcome(&r.carriers) as f64, r.carriers.attempted as f64)
    })
}

/// Extra full cost per extra percentage point of detection, ratio of the paired mean
/// differences R = mean(ΔB) / mean(ΔD). Delta method: Var(R) ≈ (s²_B − 2R s_BD + R² s²_D)
/// / (n · mean(ΔD)²), with the sample (co)variances of the per-replication differences.
fn cost_per_extra_point(
    pairs: &[(&StrategyReplication, &StrategyReplication)],
    detection_gain: Interval,
    y: f64,
) -> Option<Interval> {
    let n = pairs.len();
    if n < 2 || detection_gain.low <= 0.0 {
        return None;
    }
    let db: Vec<f64> = pairs
        .iter()
        .map(|(r, b)| (r.budget.total - b.budget.total) * y)
        .collect();
    let dd: Vec<f64> = pairs
        .iter()
        .map(|(r, b)| (r.detection_rate() - b.detection_rate()) * 100.0)
        .collect();
    let nf = n as f64;
    let mb = db.iter().sum::<f64>() / nf;
    let md = dd.iter().sum::<f64>() / nf;
    let ratio = mb / md;
    let (mut vb, mut vd, mut cbd) = (0.0, 0.0, 0.0);
    for (b, d) in db.iter().zip(&dd) {
        vb += (b - mb) * (b - mb);
        vd += (d - md) * (d - md);
        cbd += (b - mb) * (d - md);
    }
    let k = 1.0 / (nf - 1.0);
    let variance = ((vb - 2.0 * ratio * cbd + ratio * ratio * vd) * k).max(0.0) / (nf * md * md);
    let half = t975(n - 1) * variance.sqrt();
    ratio.is_finite().then_some(Interval {
        mean: ratio,
        low: ratio - half,
        high: ratio + half,
        n: n as u32,
    })
}
