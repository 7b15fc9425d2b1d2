//! Calibration to recorded seizures: what prevalence the record implies.
//!
//! **Model.** The record states it (`record.model`; Poisson when absent). For each
//! contraband type recorded for the whole scenario, seizures over the record's years
//! have mean m · λ · years and are Poisson, or negative binomial with variance φ × mean
//! (a stated dispersion φ ≥ 1, for seizures that come in runs), fitted by
//! quasi-likelihood: counts, rate and its error divided by φ, which widens the interval
//! by about √φ. λ is the baseline
//! strategy's seizure rate a year at today's prevalence (m = 1) and m the prevalence
//! multiplier. λ is not known exactly: the simulation estimates it as λ̂ with a standard
//! error s from the spread across replications, and the likelihood carries it as
//! λ̂ ~ Normal(λ, s²). The interval for m is the **profile likelihood** interval at 95%
//! (λ maximised out; 2 · log-likelihood drop ≤ χ²₁(0.95) = 3.841). Zero seizures on
//! record give the interval from 0 to an upper bound, not an error.
//!
//! **Amounts.** Where a source gives an amount (firearms, dollars) rather than a count
//! of seizures, the total is compound Poisson: its variance is λ · E[a²] for amounts a
//! per seizure. It is treated as quasi-Poisson with dispersion φ = E[a²] / E[a] from the
//! scenario's log-normal amount (amount ÷ φ is then an effective count), which widens
//! the interval honestly for a few large seizures.
//!
//! **What the record cannot tell.** Seizures fix the product prevalence × detection ×
//! outbound volume × amount: [`alternatives`] builds the other explanations as scenario
//! edits, run as an experiment ([`alternatives_design`]) so a planner sees how each
//! strategy's figures and the verdict move with the explanation chosen.

use crate::experiment::{Design, DesignError, UnitRecord, Variant};
use crate::metrics::StrategyReplication;
use crate::scenario::record::{CountModel, RecordEntry, SeizureRecord};
use crate::scenario::{Concealment, Contraband, Modality, Scenario, ValidScenario, validate};
use crate::summary::{Interval, summarize};
use serde::{Deserialize, Serialize};
use std::fmt;

/// χ²₁ at 0.95: the drop in twice the log-likelihood that bounds a 95% interval.
pub const CHI2_95: f64 = 3.841_458_820_694_124;

/// The label of calibration's first design.
pub const CALIBRATE_LABEL: &str = "calibrate";
/// The label's start for the design of alternative explanations.
pub const ALTERNATIVES_LABEL: &str = "calibrate: alternative explanations";

/// A prevalence multiplier and its 95% profile-likelihood interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Multiplier {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    /// Nothing was recorded: only the upper end says anything.
    pub upper_bound_only: bool,
}

/// The profile log-likelihood of `m`: Poisson(`n` | m·λ·`years`) with λ̂ ~ N(λ, se²),
/// maximised over λ > 0. `n` may be an effective (non-integer) count.
fn profile(m: f64, n: f64, years: f64, rate: f64, se: f64) -> f64 {
    let my = m * years;
    let lambda = if se <= 0.0 {
        rate
    } else {
        // d/dλ = n/λ − mY − (λ − λ̂)/se² = 0 ⇒ λ²/se² + λ(mY − λ̂/se²) − n = 0.
        let a = 1.0 / (se * se);
        let b = my - rate * a;
        let root = (-b + (b * b + 4.0 * a * n).sqrt()) / (2.0 * a);
        if n > 0.0 { root } else { root.max(0.0) }
    };
    let mean = my * lambda;
    let poisson = if n > 0.0 {
        if mean <= 0.0 {
            return f64::NEG_INFINITY;
        }
        n * mean.ln() - mean
    } else {
        -mean
    };
    let z = if se > 0.0 { (lambda - rate) / se } else { 0.0 };
    poisson - 0.5 * z * z
}

/// The multiplier `m` for `n` seizures recorded over `years` when the baseline at m = 1
/// seizes `rate` a year (standard error `se`). `None` when the simulation saw no
/// seizures at all: then no multiplier explains a record.
pub fn multiplier(n: f64, years: f64, rate: f64, se: f64) -> Option<Multiplier> {
    if !(rate > 0.0 && years > 0.0 && n >= 0.0 && se >= 0.0) {
        return None;
    }
    let estimate = n / (rate * years);
    let top = profile(estimate, n, years, rate, se);
    let drop = |m: f64| 2.0 * (top - profile(m, n, years, rate, se)) - CHI2_95;
    // The profile falls monotonically away from the estimate on each side; bisect on
    // log m after bracketing.
    let bisect = |mut inside: f64, mut outside: f64| {
        for _ in 0..200 {
            let mid = if inside > 0.0 && outside > 0.0 {
                (inside * outside).sqrt()
            } else {
                0.5 * (inside + outside)
            };
            if drop(mid) > 0.0 {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        0.5 * (inside + outside)
    };
    let start = if estimate > 0.0 {
        estimate
    } else {
        1.0 / (rate * years)
    };
    let mut far = start * 2.0;
    while drop(far) <= 0.0 && far < 1e12 {
        far *= 2.0;
    }
    let high = bisect(estimate, far);
    let low = if n > 0.0 {
        let mut near = estimate / 2.0;
        while drop(near) <= 0.0 && near > 1e-12 {
            near /= 2.0;
        }
        bisect(estimate, near)
    } else {
        0.0
    };
    Some(Multiplier {
        estimate,
        low,
        high,
        upper_bound_only: n == 0.0,
    })
}

/// φ = E[a²] / E[a] of the scenario's log-normal amount per carrier.
pub fn dispersion(scenario: &Scenario, kind: Contraband) -> f64 {
    let a = scenario.threat.contraband.get(kind).amount;
    if a.median <= 0.0 || a.p90 <= a.median {
        return a.median.max(f64::MIN_POSITIVE);
    }
    let sigma = (a.p90 / a.median).ln() / 1.281_551_565_544_600_5;
    a.median * (1.5 * sigma * sigma).exp()
}

/// What one recorded figure implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeCalibration {
    pub contraband: Contraband,
    pub place: String,
    pub source: String,
    pub first_year: u32,
    pub last_year: u32,
    /// What the record says a year (amount, or seizures where the source counts them).
    pub recorded_per_year: f64,
    /// What the baseline simulates a year at today's prevalence, same measure.
    pub simulated_per_year: Interval,
    /// "seizures" or the contraband's unit.
    pub measure: String,
    /// For entries covering the whole scenario; places are compared, not inferred.
    pub multiplier: Option<Multiplier>,
    pub note: String,
}

/// What a record implies for a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub record: String,
    pub replications: u32,
    pub entries: Vec<TypeCalibration>,
    /// The model of the recorded counts the intervals assume (the record's `model`).
    #[serde(default)]
    pub model: CountModel,
}

impl Calibration {
    /// The multiplier found for a type, if any.
    pub fn multiplier_of(&self, kind: Contraband) -> Option<Multiplier> {
        self.entries
            .iter()
            .filter(|e| e.contraband == kind)
            .find_map(|e| e.multiplier)
    }
}

/// Why a calibration cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum CalibrationError {
    NoRecord,
    NoReplications,
    Design(DesignError),
}

impl fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalibrationError::NoRecord => write!(
                f,
                "the scenario has no seizure record to calibrate to (add a \"record\" section, or use a shipped one)"
            ),
            CalibrationError::NoReplications => {
                write!(f, "no replication of the baseline strategy was run")
            }
            CalibrationError::Design(e) => write!(f, "{e}"),
        }
    }
}

/// Calibration's experiment: the baseline strategy, every replication of the scenario.
pub fn calibration_design(scenario: &ValidScenario) -> Result<Design, CalibrationError> {
    if scenario.record.is_none() {
        return Err(CalibrationError::NoRecord);
    }
    Design::new(
        CALIBRATE_LABEL,
        vec![Variant {
            scenario: scenario.clone(),
            replications: 0..scenario.replications,
            strategies: vec![0],
        }],
    )
    .map_err(CalibrationError::Design)
}

/// Per replication, a year's worth of what `entry` measures under the baseline.
fn per_year(scenario: &Scenario, entry: &RecordEntry, r: &StrategyReplication) -> f64 {
    let y = 365.0 / f64::from(scenario.horizon_days.max(1));
    let tally = r.by_contraband.get(entry.contraband);
    let whole = if entry.seizures_per_year.is_some() {
        tally.detected as f64
    } else {
        tally.amount_seized
    };
    if entry.is_whole_scenario() {
        return whole * y;
    }
    // Crossings keep no per-type tallies: a place's share of the type is taken as its
    // share of all detections (stated in the entry's note).
    let in_place: u64 = scenario
        .crossings
        .iter()
        .zip(&r.crossings)
        .filter(|(c, _)| {
            entry.crossing.as_ref().is_none_or(|id| *id == c.id)
                && entry
                    .field_office
                    .as_ref()
                    .is_none_or(|f| *f == c.field_office)
        })
        .map(|(_, x)| x.detected)
        .sum();
    let share = if r.carriers.detected > 0 {
        in_place as f64 / r.carriers.detected as f64
    } else {
        0.0
    };
    whole * share * y
}

/// The decision: baseline records (any order) in, what the record implies out.
pub fn calibrate(
    scenario: &Scenario,
    records: &[UnitRecord],
) -> Result<Calibration, CalibrationError> {
    let record = scenario.record.as_ref().ok_or(CalibrationError::NoRecord)?;
    let baseline: Vec<&StrategyReplication> = records
        .iter()
        .map(|r| &r.record)
        .filter(|r| r.strategy == 0)
        .collect();
    if baseline.is_empty() {
        return Err(CalibrationError::NoReplications);
    }
    let entries = record
        .entries
        .iter()
        .map(|e| entry_calibration(scenario, e, record.model, &baseline))
        .collect();
    Ok(Calibration {
        record: record.label.clone(),
        replications: baseline.len() as u32,
        entries,
        model: record.model,
    })
}

fn entry_calibration(
    scenario: &Scenario,
    e: &RecordEntry,
    model: CountModel,
    baseline: &[&StrategyReplication],
) -> TypeCalibration {
    let values: Vec<f64> = baseline.iter().map(|r| per_year(scenario, e, r)).collect();
    let simulated = Interval::from_values(&values);
    let n = values.len() as f64;
    let mean = simulated.mean;
    let sd = if values.len() > 1 {
        (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)).sqrt()
    } else {
        0.0
    };
    let se = sd / n.sqrt();
    // The record's own over-dispersion multiplies the amounts' (a negative binomial
    // count of seizures, each of a log-normal amount).
    let (recorded, measure, phi) = match e.seizures_per_year {
        Some(count) => (count, String::from("seizures"), model.dispersion()),
        None => (
            e.amount_per_year,
            e.contraband.unit().to_owned(),
            dispersion(scenario, e.contraband) * model.dispersion(),
        ),
    };
    let counts = match model {
        CountModel::Poisson => String::from("Poisson"),
        CountModel::NegativeBinomial { dispersion } => {
            format!("negative binomial (variance {dispersion} × mean, fitted by quasi-likelihood)")
        }
    };
    let years = e.years();
    let (multiplier, note) = if !e.is_whole_scenario() {
        (
            None,
            String::from(
                "compared, not inferred: a place's share of this type is taken as its share of all detections",
            ),
        )
    } else {
        match multiplier(recorded * years / phi, years, mean / phi, se / phi) {
            Some(m) => (
                Some(m),
                if e.seizures_per_year.is_some() {
                    match model {
                        CountModel::Poisson => {
                            String::from("seizures ~ Poisson(m · simulated rate · years)")
                        }
                        CountModel::NegativeBinomial { .. } => {
                            format!("seizures ~ {counts}, mean m · simulated rate · years")
                        }
                    }
                } else {
                    format!(
                        "amount treated as quasi-Poisson, dispersion {phi:.3} {} per effective seizure{}",
                        e.contraband.unit(),
                        if model.is_poisson() {
                            String::new()
                        } else {
                            format!(" (seizure counts {counts})")
                        }
                    )
                },
            ),
            None => (
                None,
                String::from(
                    "the baseline seizes none of this type in the simulation: no prevalence multiplier explains the record (check prevalence, detection or strategy 0)",
                ),
            ),
        }
    };
    TypeCalibration {
        contraband: e.contraband,
        place: e.place(),
        source: e.source.clone(),
        first_year: e.first_year,
        last_year: e.last_year,
        recorded_per_year: recorded,
        simulated_per_year: simulated,
        measure,
        multiplier,
        note,
    }
}

/// "Re-base on the record": the scenario with each calibrated type's prevalence
/// multiplied by its estimate, and the edit said in the description.
pub fn rebase(scenario: &Scenario, calibration: &Calibration) -> Scenario {
    let mut s = scenario.clone();
    let mut done = Vec::new();
    for kind in Contraband::ALL {
        if let Some(m) = calibration.multiplier_of(kind) {
            for modality in Modality::ALL {
                *s.threat
                    .contraband
                    .get_mut(kind)
                    .prevalence_per_100k
                    .get_mut(modality) *= m.estimate;
            }
            done.push(format!(
                "{} ×{:.3}",
                kind.label().to_lowercase(),
                m.estimate
            ));
        }
    }
    if !done.is_empty() {
        let note = format!(
            "Prevalence calibrated to {} record ({}).",
            calibration.record,
            done.join(", ")
        );
        s.description = if s.description.trim().is_empty() {
            note
        } else {
            format!("{} {note}", s.description.trim_end())
        };
    }
    s
}

/// One explanation of the record, as a scenario edit.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub name: &'static str,
    pub note: String,
    pub scenario: Scenario,
}

/// The type whose record says the most (the largest effective count): a common factor
/// (detection, outbound volume) is set from it.
fn leading(scenario: &Scenario, calibration: &Calibration) -> Option<(Contraband, f64)> {
    calibration
        .entries
        .iter()
        .filter_map(|e| {
            let m = e.multiplier?;
            let phi = if e.measure == "seizures" {
                calibration.model.dispersion()
            } else {
                dispersion(scenario, e.contraband) * calibration.model.dispersion()
            };
            Some((e.contraband, m.estimate, e.recorded_per_year / phi))
        })
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(k, m, _)| (k, m))
}

/// The explanations of the record: prevalence (the re-based scenario), detection,
/// outbound volume, amounts. Each matches the record in expectation only where the
/// model is linear in what it scales; running them shows how far that holds.
pub fn alternatives(scenario: &Scenario, calibration: &Calibration) -> Vec<Alternative> {
    if calibration.entries.iter().all(|e| e.multiplier.is_none()) {
        return Vec::new();
    }
    let mut out = vec![Alternative {
        name: "prevalence",
        note: String::from("each type's prevalence scaled by its own multiplier"),
        scenario: rebase(scenario, calibration),
    }];
    if let Some((kind, m)) = leading(scenario, calibration) {
        let mut detection = scenario.clone();
        let scale = |d: &mut crate::scenario::PerConcealment<f64>| {
            for c in Concealment::ALL {
                *d.get_mut(c) = (*d.get(c) * m).min(1.0);
            }
        };
        scale(&mut detection.inspection.interview.detection);
        scale(&mut detection.inspection.nii.sensitivity);
        scale(&mut detection.inspection.search.detection);
        out.push(Alternative {
            name: "detection",
            note: format!(
                "every detection probability ×{m:.3} (from {}; capped at 1)",
                kind.label().to_lowercase()
            ),
            scenario: detection,
        });
        let mut outbound = scenario.clone();
        for modality in Modality::ALL {
            outbound
                .traffic
                .modalities
                .get_mut(modality)
                .outbound_factor *= m;
        }
        out.push(Alternative {
            name: "outbound",
            note: format!(
                "outbound volume ×{m:.3} (from {})",
                kind.label().to_lowercase()
            ),
            scenario: outbound,
        });
    }
    let mut amounts = scenario.clone();
    let mut scaled = Vec::new();
    for e in &calibration.entries {
        if let (Some(m), true) = (e.multiplier, e.measure != "seizures") {
            let a = &mut amounts.threat.contraband.get_mut(e.contraband).amount;
            a.median *= m.estimate;
            a.p90 *= m.estimate;
            scaled.push(format!(
                "{} ×{:.3}",
                e.contraband.label().to_lowercase(),
                m.estimate
            ));
        }
    }
    if !scaled.is_empty() {
        out.push(Alternative {
            name: "amount",
            note: format!("amount per carrier {}", scaled.join(", ")),
            scenario: amounts,
        });
    }
    out
}

/// The experiment of the alternatives: every strategy of each explanation that
/// validates, on the scenario's replications (common random numbers: same seed). The
/// label names the variants in order, so a merged record file can be decided alone.
pub struct AlternativesPlan {
    pub design: Design,
    pub kept: Vec<Alternative>,
    /// Explanations whose scenario is not valid (too many carriers, say), with why.
    pub refused: Vec<(&'static str, String)>,
}

pub fn alternatives_design(
    scenario: &Scenario,
    calibration: &Calibration,
) -> Result<AlternativesPlan, CalibrationError> {
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    let mut variants = Vec::new();
    for a in alternatives(scenario, calibration) {
        match validate(a.scenario.clone()) {
            Ok(valid) => {
                variants.push(Variant {
                    replications: 0..valid.replications,
                    strategies: (0..valid.strategies.len() as u32).collect(),
                    scenario: valid,
                });
                kept.push(a);
            }
            Err(problems) => {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                refused.push((a.name, listed.join("; ")));
            }
        }
    }
    let names: Vec<&str> = kept.iter().map(|a| a.name).collect();
    let design = Design::new(
        format!("{ALTERNATIVES_LABEL} ({})", names.join(", ")),
        variants,
    )
    .map_err(CalibrationError::Design)?;
    Ok(AlternativesPlan {
        design,
        kept,
        refused,
    })
}

/// One strategy under one explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainedStrategy {
    pub strategy: String,
    pub detection_rate: Interval,
    pub detected: Interval,
    pub budget: Interval,
    /// Extra budget per extra detected carrier against the baseline (point estimate;
    /// absent when detections do not rise).
    pub cost_per_extra_detection: Option<f64>,
}

/// How the strategies read under one explanation of the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub name: String,
    pub strategies: Vec<ExplainedStrategy>,
    /// The strategy detecting the most carriers.
    pub most_detections: String,
}

/// The decision of the alternatives' experiment: per explanation, each strategy's
/// figures and which detects most.
pub fn explain(design: &Design, records: &[UnitRecord]) -> Vec<Explanation> {
    let names: Vec<String> = design
        .label
        .strip_prefix(ALTERNATIVES_LABEL)
        .map(|rest| {
            rest.trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .split(", ")
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    design
        .variants
        .iter()
        .enumerate()
        .map(|(v, variant)| {
            let units = design.units_of(v);
            let summary = summarize(
                &variant.scenario,
                records
                    .iter()
                    .filter(|r| units.contains(&r.unit))
                    .map(|r| &r.record),
            );
            let base = summary.strategies.first();
            let strategies: Vec<ExplainedStrategy> = summary
                .strategies
                .iter()
                .map(|s| ExplainedStrategy {
                    strategy: s.name.clone(),
                    detection_rate: s.detection_rate,
                    detected: s.carriers.detected,
                    budget: s.budget.total,
                    cost_per_extra_detection: base.and_then(|b| {
                        let extra = s.carriers.detected.mean - b.carriers.detected.mean;
                        (extra > 0.0).then(|| (s.budget.total.mean - b.budget.total.mean) / extra)
                    }),
                })
                .collect();
            let most_detections = strategies
                .iter()
                .max_by(|a, b| a.detected.mean.total_cmp(&b.detected.mean))
                .map(|s| s.strategy.clone())
                .unwrap_or_default();
            Explanation {
                name: names
                    .get(v)
                    .cloned()
                    .unwrap_or_else(|| format!("variant {v}")),
                strategies,
                most_detections,
            }
        })
        .collect()
}

/// A record shipped with Egress put into a scenario.
pub fn with_record(scenario: &Scenario, record: SeizureRecord) -> Scenario {
    let mut s = scenario.clone();
    s.record = Some(record);
    s
}

/// The calibration as a CSV table, one row per recorded figure.
pub fn calibration_csv(c: &Calibration) -> String {
    use super::measures::{csv_table, number, text};
    csv_table(
        &[
            "contraband",
            "place",
            "source",
            "first_year",
            "last_year",
            "measure",
            "recorded_per_year",
            "simulated_per_year",
            "simulated_low",
            "simulated_high",
            "multiplier",
            "multiplier_low",
            "multiplier_high",
            "upper_bound_only",
            "note",
        ],
        c.entries.iter().map(|e| {
            let m = e.multiplier;
            vec![
                text(e.contraband.key()),
                text(&e.place),
                text(&e.source),
                e.first_year.to_string(),
                e.last_year.to_string(),
                text(&e.measure),
                number(e.recorded_per_year),
                number(e.simulated_per_year.mean),
                number(e.simulated_per_year.low),
                number(e.simulated_per_year.high),
                m.map(|m| number(m.estimate)).unwrap_or_default(),
                m.map(|m| number(m.low)).unwrap_or_default(),
                m.map(|m| number(m.high)).unwrap_or_default(),
                m.map(|m| m.upper_bound_only.to_string())
                    .unwrap_or_default(),
                text(&e.note),
            ]
        }),
    )
}

/// The alternative explanations as a CSV table, one row per explanation and strategy.
pub fn explanations_csv(explanations: &[Explanation]) -> String {
    use super::measures::{csv_table, number, text};
    csv_table(
        &[
            "explanation",
            "strategy",
            "detection_rate",
            "detection_rate_low",
            "detection_rate_high",
            "detected_per_year",
            "budget_per_year",
            "cost_per_extra_detection",
            "most_detections",
        ],
        explanations.iter().flat_map(|x| {
            x.strategies.iter().map(move |s| {
                vec![
                    text(&x.name),
                    text(&s.strategy),
                    number(s.detection_rate.mean),
                    number(s.detection_rate.low),
                    number(s.detection_rate.high),
                    number(s.detected.mean),
                    number(s.budget.mean),
                    s.cost_per_extra_detection.map(number).unwrap_or_default(),
                    (x.most_detections == s.strategy).to_string(),
                ]
            })
        }),
    )
}
