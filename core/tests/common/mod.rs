//! Shared scenario builders and small statistics for the validation tests.
//!
//! Scenarios start from the presets' defaults (`presets::default_*`, `presets::plan`) and
//! change only what a test is about. The statistics here (Student-t quantiles at any
//! level, Wilson intervals, Erlang C) are written independently of `egress_core::summary`
//! so that the tests do not check the engine's numbers with the engine's own formulas.

#![allow(dead_code)]

use egress_core::metrics::StrategyReplication;
use egress_core::scenario::presets::{self, default_adversary, default_threat};
use egress_core::scenario::*;
use egress_core::simulation::Model;

/// Days per month of the simulated 365-day calendar.
pub const DAYS_IN_MONTH: [f64; 12] = [
    31.0, 28.0, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
];

/// Two-sided 99.9% normal quantile, z(0.9995).
///
/// The statistical tests use 99.9% intervals: there are about 25 interval checks in the
/// suite, so with a correct engine the chance that the fixed seeds happen to fail one of
/// them is at most about 2.5% (1 − 0.999²⁵), where a 95% level would make it about 72%.
pub const Z999: f64 = 3.290_526_731_491_926;

/// Two-sided level used by the statistical tests (see [`Z999`]).
pub const LEVEL: f64 = 0.999;

// ---------------------------------------------------------------------------------
// Scenario builders
// ---------------------------------------------------------------------------------

/// A test crossing on the southwest border with no traffic yet, room for every queue
/// (500 vehicles per lane, 200 secondary bays) and more officers on the roster than any test plan uses.
pub fn crossing(id: &str, lat: f64, lon: f64) -> Crossing {
    Crossing {
        id: id.to_string(),
        name: format!("Test crossing {id}"),
        state: "CA".to_string(),
        border: Border::Southwest,
        field_office: "San Diego".to_string(),
        lat,
        lon,
        annual_inbound: PerModality::from_fn(|_| 0.0),
        lanes: PerModality {
            personal_vehicles: 10,
            trucks: 4,
            buses: 1,
            pedestrians: 2,
        },
        storage_per_lane: 500,
        secondary_bays: 200,
        officers_per_shift: 400,
        nii_units: 0,
        nii_units_bought: 0,
        connectivity_uptime: 1.0,
    }
}

/// A threat with no carriers at all; tests add the prevalence they need.
pub fn no_threat() -> Threat {
    let mut t = default_threat();
    for k in Contraband::ALL {
        t.contraband.get_mut(k).prevalence_per_100k = PerModality::from_fn(|_| 0.0);
    }
    t.waves.per_year = 0.0;
    t.trusted_carrier_share = 0.0;
    t
}

/// Carriers who never adapt.
pub fn naive_adversary() -> Adversary {
    let mut a = default_adversary();
    a.adaptive_share = 0.0;
    a
}

/// One crossing named "T1" with no traffic and no threat, the presets' traffic profiles,
/// inspection parameters and costs, no adaptive carriers and no strategy yet.
pub fn base_scenario(name: &str, horizon_days: u32, replications: u32, seed: u64) -> Scenario {
    Scenario {
        version: SCENARIO_VERSION,
        name: name.to_string(),
        description: "Validation test scenario".to_string(),
        question: String::new(),
        horizon_days,
        replications,
        seed,
        crossings: vec![crossing("T1", 32.54, -117.03)],
        traffic: presets::default_traffic(),
        threat: no_threat(),
        adversary: naive_adversary(),
        inspection: presets::default_inspection(),
        costs: presets::default_costs(),
        strategies: Vec::new(),
        programme: None,
        record: None,
        assurance: None,
    }
}

/// Every day carries the same expected traffic: months weighted by their length and
/// flat weekday profiles. The hour profiles are left as they are.
pub fn uniform_days(s: &mut Scenario) {
    s.traffic.month_profile = PerBorder::from_fn(|_| DAYS_IN_MONTH);
    for m in Modality::ALL {
        s.traffic.modalities.get_mut(m).weekday_profile = [1.0; 7];
    }
}

/// A homogeneous Poisson process: uniform days and flat hour profiles.
pub fn homogeneous_traffic(s: &mut Scenario) {
    uniform_days(s);
    for m in Modality::ALL {
        s.traffic.modalities.get_mut(m).hour_profile = [1.0; 24];
    }
}

/// No trusted travellers anywhere.
pub fn no_trusted(s: &mut Scenario) {
    for m in Modality::ALL {
        s.traffic.modalities.get_mut(m).trusted_share = 0.0;
    }
    s.threat.trusted_carrier_share = 0.0;
}

/// A plan from `presets::plan` with the disturbances removed: no cancellation, no recall,
/// nobody exempt, personal vehicles only.
pub fn quiet_plan(
    schedule: Schedule,
    selection: Selection,
    technique: Technique,
    teams: u32,
) -> Plan {
    let mut p = presets::plan(schedule, selection, technique, teams);
    p.recall = Recall {
        cancel_probability: 0.0,
        recall_per_hour: 0.0,
    };
    p.trusted_exempt = false;
    p.min_frequency = None;
    p.modalities = PerModality {
        personal_vehicles: true,
        trucks: false,
        buses: false,
        pedestrians: false,
    };
    p
}

pub fn strategy(name: &str, plan: Plan) -> Strategy {
    Strategy {
        name: name.to_string(),
        description: String::new(),
        plan,
        overrides: Vec::new(),
    }
}

/// The same detection probability at every concealment level.
pub fn same_for_all(p: f64) -> PerConcealment<f64> {
    PerConcealment::from_fn(|_| p)
}

/// Validates or fails the test with every problem listed.
pub fn valid(s: Scenario) -> ValidScenario {
    match validate(s) {
        Ok(v) => v,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("test scenario is invalid:\n{}", list.join("\n"))
        }
    }
}

/// Validates the scenario and runs all its replications of every strategy.
pub fn run_all(s: Scenario) -> (Model, Vec<StrategyReplication>) {
    let model = Model::new(valid(s));
    let records = model.run_range(0, model.scenario.replications);
    (model, records)
}

/// The records of one strategy, in replication order.
pub fn of_strategy(records: &[StrategyReplication], strategy: u32) -> Vec<&StrategyReplication> {
    let mut out: Vec<&StrategyReplication> =
        records.iter().filter(|r| r.strategy == strategy).collect();
    out.sort_by_key(|r| r.replication);
    out
}

// ---------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------

/// A mean with a two-sided Student-t interval across replications.
#[derive(Clone, Copy, Debug)]
pub struct Ci {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub sd: f64,
    pub n: usize,
}

impl Ci {
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
    pub fn half_width(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Student-t interval at a two-sided `level` (e.g. 0.999) from independent replications.
pub fn t_interval(values: &[f64], level: f64) -> Ci {
    let n = values.len();
    assert!(n >= 2, "an interval needs at least two replications");
    let m = mean(values);
    let var = values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1) as f64;
    let sd = var.sqrt();
    let half = t_quantile(0.5 + level / 2.0, (n - 1) as f64) * sd / (n as f64).sqrt();
    Ci {
        mean: m,
        low: m - half,
        high: m + half,
        sd,
        n,
    }
}

/// Wilson score interval for `k` successes in `n` trials with normal quantile `z`.
pub fn wilson(k: u64, n: u64, z: f64) -> (f64, f64) {
    assert!(n > 0, "Wilson interval of no trials");
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Erlang's C formula: the probability that an arrival to an M/M/c queue with offered
/// load `a = λ/μ` (< c) has to wait.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    assert!(a < f64::from(c), "unstable queue");
    let mut term = 1.0; // a^k / k!
    let mut below = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / f64::from(k);
        }
        below += term;
    }
    let top = term * a / f64::from(c) * f64::from(c) / (f64::from(c) - a);
    top / (below + top)
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Continued fraction of the incomplete beta function (modified Lentz).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// Regularised incomplete beta function I_x(a, b).
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

/// Student-t distribution function with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// Student-t quantile (p > 0.5) by bisection on the distribution function.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    assert!(p > 0.5 && p < 1.0);
    let (mut lo, mut hi) = (0.0, 1.0);
    while t_cdf(hi, df) < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}
