//! Ranking and selection: choosing the best of a few candidate plans from simulated
//! replications, and spending replications where the choice is still open.
//!
//! Two procedures, for two questions:
//!
//! - **OCBA** (Optimal Computing Budget Allocation; C.-H. Chen, J. Lin, E. Yücesan and
//!   S. E. Chick, "Simulation budget allocation for further enhancing the efficiency of
//!   ordinal optimization", *Discrete Event Dynamic Systems* 10(3), 2000, 251–270) splits a
//!   fixed replication budget among candidates so as to (asymptotically) maximise the
//!   probability of correct selection: candidates that are close to the best and noisy get
//!   more, clearly worse ones get few. Used when the planner's budget of replications is
//!   fixed (the browser's time limit).
//! - **KN** (S.-H. Kim and B. L. Nelson, "A fully sequential procedure for
//!   indifference-zone selection in simulation", *ACM TOMACS* 11(3), 2001, 251–273)
//!   eliminates candidates one replication at a time and stops when one remains; it
//!   guarantees P(correct selection) ≥ 1 − α when the best is at least δ better than the
//!   rest, and exploits common random numbers because it works on paired differences.
//!
//! Also the two one-sided tests the optimiser screens with: "candidate j is worse than
//! candidate i" from paired differences, and "this candidate meets a target".
//!
//! Convention: every figure here is *larger is better* unless a [`Sense`] says otherwise
//! (a cost is passed with [`Sense::Minimise`]).

use std::fmt;

/// Whether a larger or a smaller figure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    Maximise,
    Minimise,
}

impl Sense {
    /// The figure turned so that larger is better.
    fn oriented(self, x: f64) -> f64 {
        match self {
            Sense::Maximise => x,
            Sense::Minimise => -x,
        }
    }
}

/// Bad input to a ranking-and-selection procedure.
#[derive(Clone, Debug, PartialEq)]
pub enum RankSelectError {
    /// Fewer candidates than the procedure needs.
    TooFewCandidates { needed: usize, got: usize },
    /// Lists that must have one entry per candidate differ in length.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// A mean or variance is not a finite number (or a variance is negative).
    NotFinite {
        what: &'static str,
        candidate: usize,
    },
    /// A parameter is out of its range.
    Parameter { name: &'static str, message: String },
    /// A candidate has fewer observations than the stage needs.
    TooFewObservations {
        candidate: usize,
        needed: usize,
        got: usize,
    },
}

impl fmt::Display for RankSelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RankSelectError::TooFewCandidates { needed, got } => {
                write!(f, "need at least {needed} candidates, got {got}")
            }
            RankSelectError::LengthMismatch {
                what,
                expected,
                got,
            } => {
                write!(
                    f,
                    "{what}: expected {expected} entries (one per candidate), got {got}"
                )
            }
            RankSelectError::NotFinite { what, candidate } => {
                write!(
                    f,
                    "{what} of candidate {candidate} is not a finite, valid number"
                )
            }
            RankSelectError::Parameter { name, message } => write!(f, "{name}: {message}"),
            RankSelectError::TooFewObservations {
                candidate,
                needed,
                got,
            } => write!(
                f,
                "candidate {candidate} has {got} observations, the procedure needs {needed}"
            ),
        }
    }
}

impl std::error::Error for RankSelectError {}

/// Mean and sample variance (divisor n − 1) of a candidate's replications.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub n: usize,
    pub mean: f64,
    pub variance: f64,
}

impl Sample {
    pub fn of(values: &[f64]) -> Sample {
        let n = values.len();
        if n == 0 {
            return Sample {
                n,
                mean: f64::NAN,
                variance: f64::NAN,
            };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let variance = if n < 2 {
            f64::NAN
        } else {
            values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
        };
        Sample { n, mean, variance }
    }

    /// Standard error of the mean.
    pub fn standard_error(&self) -> f64 {
        (self.variance / self.n as f64).sqrt()
    }
}

/// P(T ≤ t) for Student's t with `df` (≥ 1) degrees of freedom, from the closed forms for
/// integer degrees of freedom (Abramowitz & Stegun 26.7.3–4). `libm` keeps the result
/// bit-identical on every target.
pub fn t_cdf(t: f64, df: u32) -> f64 {
    if df == 0 || t.is_nan() {
        return f64::NAN;
    }
    if t < 0.0 {
        return 1.0 - t_cdf(-t, df);
    }
    if t.is_infinite() {
        return 1.0;
    }
    let nu = df as f64;
    let theta = libm::atan(t / libm::sqrt(nu));
    let (s, c) = (libm::sin(theta), libm::cos(theta));
    let c2 = c * c;
    // A(t|ν) = P(|T| < t).
    let a = if df % 2 == 1 {
        let mut sum = 0.0;
        if df > 1 {
            let mut term = c;
            sum = term;
            let mut k = 3;
            while k < df {
                term *= c2 * (k - 1) as f64 / k as f64;
                sum += term;
                k += 2;
            }
        }
        2.0 / std::f64::consts::PI * (theta + s * sum)
    } else {
        let mut term = 1.0;
        let mut sum = 1.0;
        let mut k = 2;
        while k <= df - 2 {
            term *= c2 * (k - 1) as f64 / k as f64;
            sum += term;
            k += 2;
        }
        s * sum
    };
    (0.5 + a / 2.0).clamp(0.0, 1.0)
}

/// The p-quantile of Student's t with `df` degrees of freedom (bisection on [`t_cdf`],
/// to machine precision).
pub fn t_quantile(p: f64, df: u32) -> f64 {
    if df == 0 || !(0.0..=1.0).contains(&p) || p.is_nan() {
        return f64::NAN;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let mut high = 1.0;
    while t_cdf(high, df) < p {
        high *= 2.0;
        if high > 1e300 {
            return f64::INFINITY;
        }
    }
    let mut low = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        if t_cdf(mid, df) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

fn check_alpha(alpha: f64) -> Result<(), RankSelectError> {
    if alpha.is_finite() && alpha > 0.0 && alpha < 1.0 {
        Ok(())
    } else {
        Err(RankSelectError::Parameter {
            name: "alpha",
            message: format!("must be strictly between 0 and 1, got {alpha}"),
        })
    }
}

// ---------------------------------------------------------------------------------------
// OCBA
// ---------------------------------------------------------------------------------------

/// How many *more* replications each candidate should get, out of `additional`, given the
/// sample means and variances after `done[i]` replications each (Chen et al. 2000).
///
/// The asymptotic optimum: for every i other than the observed best b,
/// N_i ∝ (σ_i / δ_{b,i})², where δ_{b,i} is the gap to the best, and
/// N_b = σ_b · √(Σ_{i≠b} N_i² / σ_i²). The total (done + additional) is split in these
/// ratios; a candidate whose share is below what it already has keeps what it has and
/// drops out of the split (the ratios of the rest are kept); what rounding down leaves
/// goes to the observed best. This is the procedure of Chen and Lee's book
/// (*Stochastic Simulation Optimization: An Optimal Computing Budget Allocation*, World
/// Scientific 2011, ch. 3 and its appendix program), which the tests check against.
///
/// Ties are broken towards the lower index, so the answer is deterministic. A zero gap or
/// variance is floored at a tiny positive number so the ratios stay finite.
pub fn ocba_allocation(
    means: &[f64],
    variances: &[f64],
    done: &[u32],
    additional: u32,
    sense: Sense,
) -> Result<Vec<u32>, RankSelectError> {
    let k = means.len();
    if k == 0 {
        return Err(RankSelectError::TooFewCandidates { needed: 1, got: 0 });
    }
    for (what, len) in [("variances", variances.len()), ("done", done.len())] {
        if len != k {
            return Err(RankSelectError::LengthMismatch {
                what,
                expected: k,
                got: len,
            });
        }
    }
    for i in 0..k {
        if !means[i].is_finite() {
            return Err(RankSelectError::NotFinite {
                what: "mean",
                candidate: i,
            });
        }
        if !variances[i].is_finite() || variances[i] < 0.0 {
            return Err(RankSelectError::NotFinite {
                what: "variance",
                candidate: i,
            });
        }
    }
    if k == 1 {
        return Ok(vec![additional]);
    }
    let value: Vec<f64> = means.iter().map(|&m| sense.oriented(m)).collect();
    let best = (0..k).fold(0, |b, i| if value[i] > value[b] { i } else { b });
    let second = (0..k)
        .filter(|&i| i != best)
        .fold(None, |s: Option<usize>, i| match s {
            Some(j) if value[j] >= value[i] => Some(j),
            _ => Some(i),
        })
        .expect("k ≥ 2");
    let scale = value.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
    let tiny_gap = scale * 1e-12;
    let var_scale = variances.iter().fold(0.0_f64, |m, &v| m.max(v));
    let tiny_var = if var_scale > 0.0 {
        var_scale * 1e-12
    } else {
        1e-300
    };
    let var: Vec<f64> = variances.iter().map(|&v| v.max(tiny_var)).collect();
    let gap = |i: usize| (value[best] - value[i]).max(tiny_gap);

    let mut ratio = vec![0.0; k];
    ratio[second] = 1.0;
    for i in 0..k {
        if i != best && i != second {
            let g = gap(second) / gap(i);
            ratio[i] = var[i] / var[second] * g * g;
        }
    }
    let sum: f64 = (0..k)
        .filter(|&i| i != best)
        .map(|i| ratio[i] * ratio[i] / var[i])
        .sum();
    ratio[best] = (var[best] * sum).sqrt();

    let total: u64 = done.iter().map(|&n| n as u64).sum::<u64>() + additional as u64;
    let mut target = vec![0u64; k];
    let mut open = vec![true; k];
    let mut left = total;
    loop {
        let share: f64 = (0..k).filter(|&i| open[i]).map(|i| ratio[i]).sum();
        let mut changed = false;
        for i in 0..k {
            if !open[i] {
                continue;
            }
            let n = (left as f64 / share * ratio[i]).floor() as u64;
            target[i] = n;
            if n < done[i] as u64 {
                target[i] = done[i] as u64;
                open[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        left = total - (0..k).filter(|&i| !open[i]).map(|i| target[i]).sum::<u64>();
    }
    let assigned: u64 = target.iter().sum();
    target[best] += total.saturating_sub(assigned);
    Ok((0..k)
        .map(|i| (target[i] - done[i] as u64) as u32)
        .collect())
}

// ---------------------------------------------------------------------------------------
// KN
// ---------------------------------------------------------------------------------------

/// Parameters of the KN procedure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KnParameters {
    /// Indifference zone: differences smaller than δ do not matter to the planner.
    pub delta: f64,
    /// First-stage replications per candidate (≥ 2).
    pub first_stage: u32,
    /// 1 − α is the guaranteed probability of correct selection.
    pub alpha: f64,
    pub sense: Sense,
}

/// The state of a KN selection (Kim & Nelson 2001): the first-stage variances of every
/// paired difference, the candidates still in contention and how many replications have
/// been screened. Feed it replications in any batches; it screens after each one, as the
/// procedure does, so the batch size changes how many replications are *run*, never which
/// candidate is chosen for the same data.
#[derive(Clone, Debug)]
pub struct Kn {
    parameters: KnParameters,
    h2: f64,
    /// S²_il: sample variance of X_i − X_l over the first stage (common random numbers
    /// make it small).
    s2: Vec<Vec<f64>>,
    surviving: Vec<usize>,
    screened: u32,
}

impl Kn {
    /// Starts the procedure from the first-stage observations: `observations[i][r]` is
    /// candidate i's figure in replication r (the same replication ⇒ the same random
    /// numbers for every candidate). Uses the first `first_stage` of each.
    pub fn start(
        parameters: KnParameters,
        observations: &[Vec<f64>],
    ) -> Result<Kn, RankSelectError> {
        let k = observations.len();
        if k < 2 {
            return Err(RankSelectError::TooFewCandidates { needed: 2, got: k });
        }
        check_alpha(parameters.alpha)?;
        if !(parameters.delta.is_finite() && parameters.delta > 0.0) {
            return Err(RankSelectError::Parameter {
                name: "delta",
                message: format!("must be a positive number, got {}", parameters.delta),
            });
        }
        let n0 = parameters.first_stage as usize;
        if n0 < 2 {
            return Err(RankSelectError::Parameter {
                name: "first_stage",
                message: format!("needs at least 2 replications, got {n0}"),
            });
        }
        for (i, obs) in observations.iter().enumerate() {
            if obs.len() < n0 {
                return Err(RankSelectError::TooFewObservations {
                    candidate: i,
                    needed: n0,
                    got: obs.len(),
                });
            }
            if obs[..n0].iter().any(|x| !x.is_finite()) {
                return Err(RankSelectError::NotFinite {
                    what: "observation",
                    candidate: i,
                });
            }
        }
        // η = ½[(2α/(k−1))^(−2/(n0−1)) − 1], h² = 2η(n0 − 1)  (KN, c = 1).
        let eta = 0.5
            * (libm::pow(
                2.0 * parameters.alpha / (k - 1) as f64,
                -2.0 / (n0 as f64 - 1.0),
            ) - 1.0);
        let h2 = 2.0 * eta * (n0 as f64 - 1.0);
        let mut s2 = vec![vec![0.0; k]; k];
        for i in 0..k {
            for l in (i + 1)..k {
                let d: Vec<f64> = (0..n0)
                    .map(|r| observations[i][r] - observations[l][r])
                    .collect();
                let v = Sample::of(&d).variance;
                s2[i][l] = v;
                s2[l][i] = v;
            }
        }
        let mut kn = Kn {
            parameters,
            h2,
            s2,
            surviving: (0..k).collect(),
            screened: n0 as u32 - 1,
        };
        kn.screen(observations)?;
        Ok(kn)
    }

    /// Screens every replication available for all surviving candidates beyond those
    /// already screened. Returns the candidates still in contention.
    pub fn screen(&mut self, observations: &[Vec<f64>]) -> Result<&[usize], RankSelectError> {
        let k = self.s2.len();
        if observations.len() != k {
            return Err(RankSelectError::LengthMismatch {
                what: "observations",
                expected: k,
                got: observations.len(),
            });
        }
        let available = self
            .surviving
            .iter()
            .map(|&i| observations[i].len())
            .min()
            .unwrap_or(0) as u32;
        let delta = self.parameters.delta;
        let sense = self.parameters.sense;
        // Running sums so screening r replications costs O(k²) per replication.
        let mut sums: Vec<f64> = (0..k)
            .map(|i| {
                observations[i]
                    .iter()
                    .take(self.screened as usize)
                    .map(|&x| sense.oriented(x))
                    .sum()
            })
            .collect();
        while self.surviving.len() > 1 && self.screened < available {
            let r = self.screened as usize;
            for &i in &self.surviving {
                let x = observations[i][r];
                if !x.is_finite() {
                    return Err(RankSelectError::NotFinite {
                        what: "observation",
                        candidate: i,
                    });
                }
                sums[i] += sense.oriented(x);
            }
            self.screened += 1;
            let rf = self.screened as f64;
            let before = self.surviving.clone();
            self.surviving = before
                .iter()
                .copied()
                .filter(|&i| {
                    before.iter().all(|&l| {
                        l == i || {
                            let w = (delta / (2.0 * rf)
                                * (self.h2 * self.s2[i][l] / (delta * delta) - rf))
                                .max(0.0);
                            sums[i] / rf >= sums[l] / rf - w
                        }
                    })
                })
                .collect();
        }
        Ok(&self.surviving)
    }

    /// Candidates still in contention, in index order.
    pub fn surviving(&self) -> &[usize] {
        &self.surviving
    }

    /// Replications screened so far (per surviving candidate).
    pub fn replications(&self) -> u32 {
        self.screened
    }

    /// The chosen candidate once only one remains.
    pub fn chosen(&self) -> Option<usize> {
        (self.surviving.len() == 1).then(|| self.surviving[0])
    }

    /// The most replications any candidate can need: past this, every W is zero and the
    /// procedure picks the larger sample mean.
    pub fn replication_cap(&self) -> u32 {
        let delta = self.parameters.delta;
        let max_s2 = self.s2.iter().flatten().fold(0.0_f64, |m, &v| m.max(v));
        (self.h2 * max_s2 / (delta * delta)).floor() as u32 + 1
    }
}

// ---------------------------------------------------------------------------------------
// One-sided screens
// ---------------------------------------------------------------------------------------

/// One-sided lower confidence bound (level 1 − α) of a mean from its replications.
pub fn lower_bound(values: &[f64], alpha: f64) -> Result<f64, RankSelectError> {
    check_alpha(alpha)?;
    let s = Sample::of(values);
    if s.n < 2 {
        return Err(RankSelectError::TooFewObservations {
            candidate: 0,
            needed: 2,
            got: s.n,
        });
    }
    if !s.mean.is_finite() || !s.variance.is_finite() {
        return Err(RankSelectError::NotFinite {
            what: "observation",
            candidate: 0,
        });
    }
    Ok(s.mean - t_quantile(1.0 - alpha, s.n as u32 - 1) * s.standard_error())
}

/// One-sided upper confidence bound (level 1 − α) of a mean from its replications.
pub fn upper_bound(values: &[f64], alpha: f64) -> Result<f64, RankSelectError> {
    let negated: Vec<f64> = values.iter().map(|x| -x).collect();
    Ok(-lower_bound(&negated, alpha)?)
}

/// Is candidate j worse than candidate i at confidence 1 − α? `i_values[r]` and
/// `j_values[r]` come from the same replication r (common random numbers), so the test is
/// on the paired differences X_i − X_j: j is dominated when their one-sided lower bound
/// is above zero (for [`Sense::Maximise`]; below zero in the upper bound for
/// [`Sense::Minimise`]).
pub fn dominated(
    i_values: &[f64],
    j_values: &[f64],
    alpha: f64,
    sense: Sense,
) -> Result<bool, RankSelectError> {
    if i_values.len() != j_values.len() {
        return Err(RankSelectError::LengthMismatch {
            what: "paired replications",
            expected: i_values.len(),
            got: j_values.len(),
        });
    }
    let d: Vec<f64> = i_values
        .iter()
        .zip(j_values)
        .map(|(a, b)| sense.oriented(a - b))
        .collect();
    Ok(lower_bound(&d, alpha)? > 0.0)
}

/// Whether a candidate meets a target, decided by one-sided intervals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feasibility {
    /// The one-sided bound on the bad side is past the target: meets it at 1 − α.
    Meets,
    /// The one-sided bound on the good side falls short: fails it at 1 − α.
    Fails,
    /// Neither: more replications are needed.
    Open,
}

/// Does the mean meet `target` (≥ for [`Sense::Maximise`], ≤ for [`Sense::Minimise`])?
/// Meets when the lower (upper) one-sided bound at 1 − α clears the target, fails when the
/// upper (lower) one does not reach it.
pub fn feasibility(
    values: &[f64],
    target: f64,
    alpha: f64,
    sense: Sense,
) -> Result<Feasibility, RankSelectError> {
    if !target.is_finite() {
        return Err(RankSelectError::Parameter {
            name: "target",
            message: format!("must be a finite number, got {target}"),
        });
    }
    let oriented: Vec<f64> = values.iter().map(|&x| sense.oriented(x)).collect();
    let target = sense.oriented(target);
    if lower_bound(&oriented, alpha)? >= target {
        Ok(Feasibility::Meets)
    } else if upper_bound(&oriented, alpha)? < target {
        Ok(Feasibility::Fails)
    } else {
        Ok(Feasibility::Open)
    }
}

/// P(mean ≥ target) as the planner reads it: the confidence at which the one-sided lower
/// bound reaches the target, i.e. the Student-t probability of the standardised margin.
/// (A frequentist reading of "the probability that the plan meets the target".)
pub fn chance_of_meeting(values: &[f64], target: f64, sense: Sense) -> Option<f64> {
    let oriented: Vec<f64> = values.iter().map(|&x| sense.oriented(x)).collect();
    let s = Sample::of(&oriented);
    if s.n < 2 || !s.variance.is_finite() {
        return None;
    }
    let margin = s.mean - sense.oriented(target);
    let se = s.standard_error();
    if se == 0.0 {
        return Some(if margin >= 0.0 { 1.0 } else { 0.0 });
    }
    Some(t_cdf(margin / se, s.n as u32 - 1))
}
