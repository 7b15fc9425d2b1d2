//! Robustness: how often each strategy is best across plausible worlds.
//!
//! A world is a point of an Owen-scrambled Sobol sequence (`sobol_burley`, seeded from
//! the scenario's seed) over every assumption's range at once. Each world is a variant
//! of the design with every strategy on the same seed (common random numbers within
//! the world). The decision counts, per strategy, the share of worlds in which it is
//! best by the planner's criterion, and gives its detection and budget across worlds as
//! 50% and 90% bands.

use super::measures::{Measure, arrange, per_year};
use crate::experiment::{Design, DesignError, UnitRecord, Variant};
use crate::metrics::StrategyReplication;
use crate::scenario::assumptions::RANGES;
use crate::scenario::programme::{CostBasis, Goal, Resource, Target};
use crate::scenario::{Contraband, Scenario, Technique, ValidScenario, validate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The start of a robustness design's label; "robustness (64 worlds × 5 replications)".
pub const ROBUSTNESS_LABEL: &str = "robustness";

/// Most worlds a design may hold: the Sobol sequence's length.
pub const MAX_WORLDS: u32 = 1 << 16;

/// How the planner ranks strategies within a world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Most carriers detected a year.
    MostDetections,
    /// Least budget per detected carrier (strategies that detect none are out).
    LeastCostPerDetection,
    /// Best by the goal of the scenario's `programme` section (the optimiser's): the
    /// cheapest strategy meeting its target, or the most detections within its budget.
    /// Counted only when the scenario has a programme; a world where no strategy meets
    /// the target or stays within the budget has no winner.
    ProgrammeGoal,
}

impl Criterion {
    /// The criteria every robustness analysis counts ([`Criterion::ProgrammeGoal`] joins
    /// them, last, when the scenario has a programme).
    pub const ALL: [Criterion; 2] = [Criterion::MostDetections, Criterion::LeastCostPerDetection];

    pub fn label(self) -> &'static str {
        match self {
            Criterion::MostDetections => "most detections",
            Criterion::LeastCostPerDetection => "least cost per detection",
            Criterion::ProgrammeGoal => "best by the programme's goal",
        }
    }

    /// The criteria counted for a scenario.
    pub fn for_scenario(scenario: &Scenario) -> Vec<Criterion> {
        let mut out = Criterion::ALL.to_vec();
        if scenario.programme.is_some() {
            out.push(Criterion::ProgrammeGoal);
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RobustnessError {
    Worlds(u32),
    Design(DesignError),
    NotARobustnessDesign,
}

impl fmt::Display for RobustnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RobustnessError::Worlds(n) => {
                write!(f, "{n} worlds: ask for 1 to {MAX_WORLDS}")
            }
            RobustnessError::Design(e) => write!(f, "{e}"),
            RobustnessError::NotARobustnessDesign => write!(
                f,
                "the records' design is labelled robustness but is not the one its scenario gives (another version of Egress?)"
            ),
        }
    }
}

/// A world that could not be simulated: its scenario breaks a bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefusedWorld {
    pub world: u32,
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct RobustnessPlan {
    pub design: Design,
    /// The world each variant is.
    pub worlds: Vec<u32>,
    pub refused: Vec<RefusedWorld>,
}

/// The Sobol sequence's seed for a scenario's seed (both halves of it count).
fn sobol_seed(seed: u64) -> u32 {
    (seed ^ (seed >> 32)) as u32 ^ 0x5eed_0e14
}

/// World `world`'s point: each assumption's value, in the order of [`RANGES`].
pub fn world_values(seed: u64, world: u32) -> Vec<f64> {
    RANGES
        .iter()
        .enumerate()
        .map(|(d, r)| {
            r.at(f64::from(sobol_burley::sample(
                world,
                d as u32,
                sobol_seed(seed),
            )))
        })
        .collect()
}

/// The scenario of world `world`: every assumption moved to its sampled value.
pub fn world(scenario: &Scenario, world: u32) -> Scenario {
    let values = world_values(scenario.seed, world);
    RANGES
        .iter()
        .zip(values)
        .fold(scenario.clone(), |s, (r, v)| r.applied(&s, v))
}

/// `worlds` worlds of `replications` replications each, every strategy.
pub fn robustness_design(
    scenario: &ValidScenario,
    worlds: u32,
    replications: u32,
) -> Result<RobustnessPlan, RobustnessError> {
    if worlds == 0 || worlds > MAX_WORLDS {
        return Err(RobustnessError::Worlds(worlds));
    }
    let replications = replications.clamp(1, scenario.replications.max(1));
    let mut variants = Vec::new();
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for w in 0..worlds {
        match validate(world(scenario, w)) {
            Ok(valid) => {
                variants.push(Variant {
                    replications: 0..replications,
                    strategies: (0..valid.strategies.len() as u32).collect(),
                    scenario: valid,
                });
                kept.push(w);
            }
            Err(problems) => {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                refused.push(RefusedWorld {
                    world: w,
                    why: listed.join("; "),
                });
            }
        }
    }
    // The scenario itself rides along, last, so the design can be recognised from its
    // record files (its first world is not the scenario).
    variants.push(Variant {
        replications: 0..0,
        strategies: Vec::new(),
        scenario: scenario.clone(),
    });
    let design = Design::new(
        format!("{ROBUSTNESS_LABEL} ({worlds} worlds × {replications} replications)"),
        variants,
    )
    .map_err(RobustnessError::Design)?;
    Ok(RobustnessPlan {
        design,
        worlds: kept,
        refused,
    })
}

impl RobustnessPlan {
    /// The plan of a design read back from record files, or `None` when the design is
    /// not a robustness analysis; rebuilt from the scenario and checked by fingerprint.
    pub fn recognise(design: &Design) -> Option<Result<RobustnessPlan, RobustnessError>> {
        let rest = design.label.strip_prefix(ROBUSTNESS_LABEL)?;
        let numbers: Vec<u32> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let (&[worlds, replications], Some(base)) = (&numbers[..], design.variants.last()) else {
            return Some(Err(RobustnessError::NotARobustnessDesign));
        };
        Some(
            robustness_design(&base.scenario, worlds, replications).and_then(|plan| {
                if plan.design.fingerprint() == design.fingerprint() {
                    Ok(plan)
                } else {
                    Err(RobustnessError::NotARobustnessDesign)
                }
            }),
        )
    }
}

/// Quantiles across worlds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Bands {
    pub p5: f64,
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub p95: f64,
}

impl Bands {
    /// Linear interpolation between order statistics (R's type 7).
    pub fn of(values: &[f64]) -> Bands {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return Bands::default();
        }
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let h = (v.len() - 1) as f64 * p;
            let i = h.floor() as usize;
            let j = (i + 1).min(v.len() - 1);
            v[i] + (h - i as f64) * (v[j] - v[i])
        };
        Bands {
            p5: q(0.05),
            p25: q(0.25),
            median: q(0.5),
            p75: q(0.75),
            p95: q(0.95),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyRobustness {
    pub strategy: String,
    /// Share of the simulated worlds in which it is best, per criterion (in the order
    /// of [`Criterion::ALL`], then [`Criterion::ProgrammeGoal`] when the scenario has a
    /// programme).
    pub wins: Vec<(Criterion, f64)>,
    pub detection_rate: Bands,
    pub budget: Bands,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Robustness {
    pub scenario: String,
    pub worlds: u32,
    pub replications: u32,
    pub strategies: Vec<StrategyRobustness>,
    pub refused: Vec<RefusedWorld>,
}

/// One strategy's figures in one world (means over its replications, per year).
#[derive(Debug, Clone, Copy, Default)]
struct WorldFigures {
    detected: f64,
    detection_rate: f64,
    firearms: f64,
    currency: f64,
    full_cost: f64,
    new_money: f64,
    officer_hours: f64,
    /// X-ray units bought for outbound work where the strategy scans.
    new_xray_units: f64,
}

impl WorldFigures {
    fn of(reps: &[&StrategyReplication], per_year: f64, new_xray_units: f64) -> WorldFigures {
        let n = reps.len().max(1) as f64;
        let mean =
            |g: &dyn Fn(&StrategyReplication) -> f64| reps.iter().map(|r| g(r)).sum::<f64>() / n;
        WorldFigures {
            detected: mean(&|r| r.carriers.detected as f64 * per_year),
            detection_rate: mean(&|r| Measure::DetectionRate.of(r, per_year)),
            firearms: mean(&|r| r.by_contraband.get(Contraband::Firearms).amount_seized * per_year),
            currency: mean(&|r| r.by_contraband.get(Contraband::Currency).amount_seized * per_year),
            full_cost: mean(&|r| Measure::Budget.of(r, per_year)),
            new_money: mean(&|r| r.budget.new_money * per_year),
            officer_hours: mean(&|r| {
                (r.officer_hours_regular + r.officer_hours_overtime + r.officer_hours_hired)
                    * per_year
            }),
            new_xray_units,
        }
    }

    fn cost(&self, basis: CostBasis) -> f64 {
        match basis {
            CostBasis::FullCost => self.full_cost,
            CostBasis::NewMoney => self.new_money,
        }
    }

    fn resource(&self, resource: Resource) -> f64 {
        match resource {
            Resource::FullCost => self.full_cost,
            Resource::NewMoney => self.new_money,
            Resource::OfficerHours => self.officer_hours,
            Resource::NewXrayUnits => self.new_xray_units,
        }
    }

    /// Where the strategy stands by a programme goal: `None` when it fails the goal's
    /// constraint, else a score (higher is better).
    fn by_goal(&self, goal: &Goal) -> Option<f64> {
        match *goal {
            Goal::CheapestForTarget { target, cost } => {
                let (measure, bar) = match target {
                    Target::DetectionRate { at_least } => (self.detection_rate, at_least),
                    Target::Firearms { at_least } => (self.firearms, at_least),
                    Target::Currency { at_least } => (self.currency, at_least),
                };
                (measure >= bar).then(|| -self.cost(cost))
            }
            Goal::MostWithinBudget { budget, cost } => {
                (self.cost(cost) <= budget).then_some(self.detected)
            }
            Goal::Allocate { budget, resource } => {
                (self.resource(resource) <= budget).then_some(self.detected)
            }
            Goal::CheapestProgramme {
                detection_rate,
                resource,
            } => (self.detection_rate >= detection_rate).then(|| -self.resource(resource)),
        }
    }
}

/// X-ray units each strategy buys for outbound work: at every crossing where its plan
/// scans, the crossing's own bought units and the plan's.
fn new_xray_units(scenario: &Scenario) -> Vec<f64> {
    scenario
        .strategies
        .iter()
        .map(|st| {
            scenario
                .crossings
                .iter()
                .map(|c| {
                    let plan = st.plan_for(c);
                    if plan.technique == Technique::NiiThenSearch {
                        f64::from(c.nii_units_bought + plan.nii_units_bought)
                    } else {
                        0.0
                    }
                })
                .sum()
        })
        .collect()
}

/// The best strategy of one world by `criterion`; ties go to the earlier strategy.
fn best(figures: &[WorldFigures], criterion: Criterion, goal: Option<&Goal>) -> Option<usize> {
    let score = |s: usize| {
        let f = &figures[s];
        match criterion {
            Criterion::MostDetections => Some(f.detected),
            Criterion::LeastCostPerDetection => {
                (f.detected > 0.0).then(|| -f.full_cost / f.detected)
            }
            Criterion::ProgrammeGoal => goal.and_then(|g| f.by_goal(g)),
        }
    };
    let mut winner: Option<(usize, f64)> = None;
    for s in 0..figures.len() {
        if let Some(x) = score(s)
            && winner.is_none_or(|(_, w)| x > w)
        {
            winner = Some((s, x));
        }
    }
    winner.map(|(s, _)| s)
}

/// The decision: a robustness design's records (any order) in, shares and bands out.
pub fn robustness(plan: &RobustnessPlan, records: &[UnitRecord]) -> Robustness {
    let design = &plan.design;
    let arranged = arrange(design, records);
    let base = &design.variants[design.variants.len() - 1].scenario;
    let strategies = base.strategies.len();
    let criteria = Criterion::for_scenario(base);
    let goal = base.programme.as_ref().map(|p| &p.goal);
    let mut wins = vec![vec![0u32; criteria.len()]; strategies];
    let mut detection = vec![Vec::new(); strategies];
    let mut budget = vec![Vec::new(); strategies];
    let worlds = plan.worlds.len();
    for (v, world) in arranged.iter().enumerate().take(worlds) {
        let y = per_year(design, v);
        let units = new_xray_units(&design.variants[v].scenario);
        let figures: Vec<WorldFigures> = world
            .iter()
            .enumerate()
            .map(|(s, reps)| WorldFigures::of(reps, y, units.get(s).copied().unwrap_or(0.0)))
            .collect();
        for (c, criterion) in criteria.iter().enumerate() {
            if let Some(s) = best(&figures, *criterion, goal) {
                wins[s][c] += 1;
            }
        }
        for (s, f) in figures.iter().enumerate() {
            detection[s].push(f.detection_rate);
            budget[s].push(f.full_cost);
        }
    }
    let share = |n: u32| {
        if worlds == 0 {
            0.0
        } else {
            f64::from(n) / worlds as f64
        }
    };
    Robustness {
        scenario: base.name.clone(),
        worlds: worlds as u32,
        replications: design.variants.first().map_or(0, |v| v.replications.end),
        strategies: (0..strategies)
            .map(|s| StrategyRobustness {
                strategy: base.strategies[s].name.clone(),
                wins: criteria
                    .iter()
                    .enumerate()
                    .map(|(c, k)| (*k, share(wins[s][c])))
                    .collect(),
                detection_rate: Bands::of(&detection[s]),
                budget: Bands::of(&budget[s]),
            })
            .collect(),
        refused: plan.refused.clone(),
    }
}

/// Shares and bands as a CSV table, one row per strategy.
pub fn robustness_csv(r: &Robustness) -> String {
    use super::measures::{csv_table, number, text};
    // The programme goal's column only where it was counted, so other tables keep
    // their columns.
    let by_goal = r
        .strategies
        .iter()
        .any(|s| s.wins.iter().any(|(c, _)| *c == Criterion::ProgrammeGoal));
    let mut header = vec![
        "strategy",
        "wins_most_detections",
        "wins_least_cost_per_detection",
    ];
    if by_goal {
        header.push("wins_programme_goal");
    }
    header.extend([
        "detection_rate_p5",
        "detection_rate_p25",
        "detection_rate_median",
        "detection_rate_p75",
        "detection_rate_p95",
        "budget_p5",
        "budget_p25",
        "budget_median",
        "budget_p75",
        "budget_p95",
        "worlds",
    ]);
    csv_table(
        &header,
        r.strategies.iter().map(|s| {
            let d = s.detection_rate;
            let b = s.budget;
            let mut row = vec![text(&s.strategy)];
            row.extend(s.wins.iter().map(|(_, share)| number(*share)));
            row.extend([d.p5, d.p25, d.median, d.p75, d.p95].map(number));
            row.extend([b.p5, b.p25, b.median, b.p75, b.p95].map(number));
            row.push(r.worlds.to_string());
            row
        }),
    )
}
