//! One-at-a-time sensitivity: each assumption at the low and the high end of its range,
//! the others at the scenario's values, every strategy on the same seed (common random
//! numbers: every variant of a replication meets the same traffic and carriers). The
//! result is tornado data: per figure, the assumptions sorted by how far they swing it,
//! with those that flip the sign of a paired difference (the verdict) marked.

use super::measures::{Measure, arrange, per_year};
use crate::experiment::{Design, DesignError, UnitRecord, Variant};
use crate::metrics::StrategyReplication;
use crate::scenario::assumptions::{AssumptionRange, RANGES, range};
use crate::scenario::{ValidScenario, validate};
use crate::summary::Interval;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The start of a sensitivity design's label; a subset of assumptions follows in
/// brackets ("sensitivity (adaptive_share, prevalence)").
pub const SENSITIVITY_LABEL: &str = "sensitivity";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Low,
    High,
}

/// One assumption at one end of its range.
#[derive(Debug, Clone)]
pub struct Level {
    pub assumption: &'static AssumptionRange,
    pub end: End,
    pub value: f64,
    /// The design's variant that runs it; `None` when the value changes nothing in
    /// this scenario (a targeting range with no targeted strategy), so the scenario's
    /// own records stand for it.
    pub variant: Option<usize>,
}

/// An end whose scenario does not validate (a range that breaks a bound here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub assumption: String,
    pub end: End,
    pub value: f64,
    pub why: String,
}

/// The design and what each of its variants stands for.
#[derive(Debug, Clone)]
pub struct SensitivityPlan {
    pub design: Design,
    pub levels: Vec<Level>,
    pub refused: Vec<Refused>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SensitivityError {
    UnknownAssumption(String),
    Design(DesignError),
    /// A design whose label says sensitivity but whose variants are not the ones its
    /// first scenario gives.
    NotASensitivityDesign,
}

impl fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SensitivityError::UnknownAssumption(id) => {
                let ids: Vec<&str> = RANGES.iter().map(|r| r.id).collect();
                write!(f, "no assumption \"{id}\" (known: {})", ids.join(", "))
            }
            SensitivityError::Design(e) => write!(f, "{e}"),
            SensitivityError::NotASensitivityDesign => write!(
                f,
                "the records' design is labelled sensitivity but is not the one its scenario gives (another version of Egress?)"
            ),
        }
    }
}

/// The ranges named, or all of them.
fn chosen(ids: Option<&[String]>) -> Result<Vec<&'static AssumptionRange>, SensitivityError> {
    match ids {
        None => Ok(RANGES.iter().collect()),
        Some(ids) => ids
            .iter()
            .map(|id| range(id).ok_or_else(|| SensitivityError::UnknownAssumption(id.clone())))
            .collect(),
    }
}

/// Variant 0 is the scenario; then each chosen assumption at its low and its high end,
/// every strategy, the scenario's replications, on its seed.
pub fn sensitivity_design(
    scenario: &ValidScenario,
    ids: Option<&[String]>,
) -> Result<SensitivityPlan, SensitivityError> {
    let ranges = chosen(ids)?;
    let every = |s: ValidScenario| Variant {
        replications: 0..s.replications,
        strategies: (0..s.strategies.len() as u32).collect(),
        scenario: s,
    };
    let mut variants = vec![every(scenario.clone())];
    let mut levels = Vec::new();
    let mut refused = Vec::new();
    for r in ranges {
        for (end, value) in [(End::Low, r.low), (End::High, r.high)] {
            let moved = r.applied(scenario, value);
            if moved == **scenario {
                levels.push(Level {
                    assumption: r,
                    end,
                    value,
                    variant: None,
                });
                continue;
            }
            match validate(moved) {
                Ok(valid) => {
                    levels.push(Level {
                        assumption: r,
                        end,
                        value,
                        variant: Some(variants.len()),
                    });
                    variants.push(every(valid));
                }
                Err(problems) => {
                    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    refused.push(Refused {
                        assumption: r.id.to_owned(),
                        end,
                        value,
                        why: listed.join("; "),
                    });
                }
            }
        }
    }
    let label = match ids {
        None => String::from(SENSITIVITY_LABEL),
        Some(ids) => format!("{SENSITIVITY_LABEL} ({})", ids.join(", ")),
    };
    let design = Design::new(label, variants).map_err(SensitivityError::Design)?;
    Ok(SensitivityPlan {
        design,
        levels,
        refused,
    })
}

impl SensitivityPlan {
    /// Each assumption's low and high level, where neither end was refused.
    fn pairs(&self) -> impl Iterator<Item = (&Level, &Level)> {
        self.levels
            .iter()
            .filter(|l| l.end == End::Low)
            .filter_map(|low| {
                let high = self
                    .levels
                    .iter()
                    .find(|h| h.end == End::High && h.assumption.id == low.assumption.id)?;
                Some((low, high))
            })
    }

    /// The plan of a design read back from record files, or `None` when the design is
    /// not a sensitivity analysis. Rebuilt from its first scenario and checked against
    /// the fingerprint, so the variants mean what this version says they mean.
    pub fn recognise(design: &Design) -> Option<Result<SensitivityPlan, SensitivityError>> {
        let rest = design.label.strip_prefix(SENSITIVITY_LABEL)?;
        let rest = rest.trim();
        let ids: Option<Vec<String>> = if rest.is_empty() {
            None
        } else {
            Some(
                rest.trim_start_matches('(')
                    .trim_end_matches(')')
                    .split(", ")
                    .map(str::to_owned)
                    .collect(),
            )
        };
        let base = design.variants.first()?;
        Some(
            sensitivity_design(&base.scenario, ids.as_deref()).and_then(|plan| {
                if plan.design.fingerprint() == design.fingerprint() {
                    Ok(plan)
                } else {
                    Err(SensitivityError::NotASensitivityDesign)
                }
            }),
        )
    }
}

/// One assumption's bar in a tornado.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub assumption: String,
    pub label: String,
    pub unit: String,
    pub low_value: f64,
    pub high_value: f64,
    pub at_low: Interval,
    pub at_high: Interval,
    /// At the high end minus at the low end, replication by replication.
    pub swing: Interval,
    /// A paired difference whose sign at either end differs from the scenario's.
    pub flips: bool,
    /// It flips and the flipped end's 95% interval excludes zero: not simulation noise.
    pub flips_clearly: bool,
}

/// One figure's tornado: the scenario's value and a bar per assumption, widest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    pub measure: Measure,
    /// A strategy ("Today") or a paired difference ("Pulses − Today").
    pub of: String,
    pub difference: bool,
    pub base: Interval,
    pub bars: Vec<Bar>,
}

impl Tornado {
    /// Assumptions that flip this difference's sign.
    pub fn flipping(&self) -> impl Iterator<Item = &Bar> {
        self.bars.iter().filter(|b| b.flips)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub scenario: String,
    pub replications: u32,
    pub strategies: Vec<String>,
    pub tornadoes: Vec<Tornado>,
    pub refused: Vec<Refused>,
}

/// What a tornado is of: one strategy, or `a − b` paired by replication.
#[derive(Clone, Copy)]
enum Subject {
    One(usize),
    Difference(usize, usize),
}

fn series(
    records: &[Vec<&StrategyReplication>],
    subject: Subject,
    measure: Measure,
    y: f64,
) -> Vec<f64> {
    match subject {
        Subject::One(s) => records[s].iter().map(|r| measure.of(r, y)).collect(),
        Subject::Difference(a, b) => records[a]
            .iter()
            .zip(&records[b])
            .map(|(ra, rb)| measure.of(ra, y) - measure.of(rb, y))
            .collect(),
    }
}

fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// The decision: a sensitivity design's records (any order) in, tornadoes out.
pub fn sensitivity(plan: &SensitivityPlan, records: &[UnitRecord]) -> Sensitivity {
    let design = &plan.design;
    let arranged = arrange(design, records);
    let base_scenario = &design.variants[0].scenario;
    let names: Vec<String> = base_scenario
        .strategies
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let y0 = per_year(design, 0);
    let detection_of = |s: usize| {
        let v = series(&arranged[0], Subject::One(s), Measure::DetectionRate, y0);
        v.iter().sum::<f64>() / v.len().max(1) as f64
    };
    let mut subjects: Vec<(Subject, String)> = (0..names.len())
        .map(|s| (Subject::One(s), names[s].clone()))
        .collect();
    for s in 1..names.len() {
        subjects.push((
            Subject::Difference(s, 0),
            format!("{} − {}", names[s], names[0]),
        ));
    }
    // The two leading strategies by detection, where neither is the baseline (that
    // pair is already there).
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|a, b| detection_of(*b).total_cmp(&detection_of(*a)).then(a.cmp(b)));
    if let [first, second, ..] = order[..]
        && first != 0
        && second != 0
    {
        subjects.push((
            Subject::Difference(first, second),
            format!("{} − {}", names[first], names[second]),
        ));
    }
    let mut tornadoes = Vec::new();
    for measure in [Measure::DetectionRate, Measure::Budget] {
        for (subject, of) in &subjects {
            let base_values = series(&arranged[0], *subject, measure, y0);
            let base = Interval::from_values(&base_values);
            let difference = matches!(subject, Subject::Difference(..));
            let mut bars: Vec<Bar> = Vec::new();
            for (low, high) in plan.pairs() {
                let values = |level: &Level| match level.variant {
                    Some(v) => series(&arranged[v], *subject, measure, per_year(design, v)),
                    None => base_values.clone(),
                };
                let (lo, hi) = (values(low), values(high));
                let swing: Vec<f64> = hi.iter().zip(&lo).map(|(h, l)| h - l).collect();
                let (at_low, at_high) = (Interval::from_values(&lo), Interval::from_values(&hi));
                let flipped = |i: &Interval| sign(i.mean) == -sign(base.mean);
                let flips =
                    difference && sign(base.mean) != 0 && (flipped(&at_low) || flipped(&at_high));
                let clear = |i: &Interval| flipped(i) && sign(i.low) == sign(i.high);
                let flips_clearly = flips && (clear(&at_low) || clear(&at_high));
                bars.push(Bar {
                    assumption: low.assumption.id.to_owned(),
                    label: low.assumption.label.to_owned(),
                    unit: low.assumption.unit.to_owned(),
                    low_value: low.value,
                    high_value: high.value,
                    at_low,
                    at_high,
                    swing: Interval::from_values(&swing),
                    flips,
                    flips_clearly,
                });
            }
            bars.sort_by(|a, b| {
                b.swing
                    .mean
                    .abs()
                    .total_cmp(&a.swing.mean.abs())
                    .then_with(|| a.assumption.cmp(&b.assumption))
            });
            tornadoes.push(Tornado {
                measure,
                of: of.clone(),
                difference,
                base,
                bars,
            });
        }
    }
    Sensitivity {
        scenario: base_scenario.name.clone(),
        replications: base_scenario.replications,
        strategies: names,
        tornadoes,
        refused: plan.refused.clone(),
    }
}

/// The tornadoes as one CSV table, one row per figure and assumption, widest first.
pub fn sensitivity_csv(s: &Sensitivity) -> String {
    use super::measures::{csv_table, number, text};
    csv_table(
        &[
            "measure",
            "of",
            "difference",
            "base",
            "assumption",
            "label",
            "unit",
            "low_value",
            "high_value",
            "at_low",
            "at_high",
            "swing",
            "swing_low",
            "swing_high",
            "flips",
            "flips_clearly",
        ],
        s.tornadoes.iter().flat_map(|t| {
            t.bars.iter().map(move |b| {
                vec![
                    text(t.measure.label()),
                    text(&t.of),
                    t.difference.to_string(),
                    number(t.base.mean),
                    text(&b.assumption),
                    text(&b.label),
                    text(&b.unit),
                    number(b.low_value),
                    number(b.high_value),
                    number(b.at_low.mean),
                    number(b.at_high.mean),
                    number(b.swing.mean),
                    number(b.swing.low),
                    number(b.swing.high),
                    b.flips.to_string(),
                    b.flips_clearly.to_string(),
                ]
            })
        }),
    )
}
