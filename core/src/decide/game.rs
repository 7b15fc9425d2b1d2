//! A randomised schedule against carriers who learn it: the defender's mixed strategy of
//! a Stackelberg security game, as deployed for checkpoints at Los Angeles airport
//! (ARMOR: J. Pita et al., "Deployed ARMOR protection", AAMAS 2008) and for fare
//! inspection (TRUSTS: Z. Yin et al., "TRUSTS: Scheduling randomized patrols for fare
//! inspection in transit systems", AAAI 2012).
//!
//! The defender (the port) picks, for each hour h of the day (or week), the probability
//! c_h ∈ [0, 1] that an operation runs then, with Σ c_h = the operation-hours it can staff
//! per day. Carriers of two kinds cross:
//!
//! - a share 1 − a follow the traffic profile p_h (they do not watch the port);
//! - a share a learn c (the leader commits, the follower observes) and cross at the hour,
//!   among those they may use, where they are least likely to meet an operation.
//!
//! An operation detects a carrier it meets with probability d. The expected detection
//! rate is (1 − a)·d·Σ p_h c_h + a·d·min_h c_h — a linear programme with one more
//! variable z ≤ c_h (for the hours adaptive carriers may use):
//!
//! maximise (1 − a)·d·Σ p_h c_h + a·d·z  subject to  Σ c_h = C,  z ≤ c_h,  0 ≤ c_h ≤ 1.
//!
//! Solved with `microlp` (pure Rust, builds for wasm32). a = 0 puts all coverage on the
//! busiest hours; a = 1 spreads it evenly; in between, the coverage is lifted to a common
//! floor z everywhere and the rest goes to the busiest hours.

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use std::fmt;

use crate::scenario::Schedule;

/// The game at one crossing.
#[derive(Clone, Debug, PartialEq)]
pub struct Game {
    /// Share of traffic in each hour (24 for a day, 168 for a week); relative weights,
    /// normalised here.
    pub traffic: Vec<f64>,
    /// Operation-hours per period (Σ c_h), between 0 and the number of hours.
    pub operation_hours: f64,
    /// Share of carriers who learn the schedule and pick their hour (0..=1).
    pub adaptive_share: f64,
    /// Probability that an operation detects a carrier it meets.
    pub detection: f64,
    /// The hours adaptive carriers may cross in (e.g. the hours the crossing is open);
    /// empty = every hour.
    pub adaptive_hours: Vec<bool>,
}

/// The defender's optimal coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// c_h: the probability an operation runs in hour h.
    pub hourly: Vec<f64>,
    /// The expected detection rate over all carriers.
    pub detection_rate: f64,
    /// Detection rate of carriers who follow the traffic profile: d·Σ p_h c_h.
    pub naive_detection: f64,
    /// Detection rate of carriers who learn the schedule: d·min c_h over their hours.
    pub adaptive_detection: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GameError {
    /// A field is out of range; the message says which and why.
    Field {
        field: &'static str,
        message: String,
    },
    /// The LP solver failed (it should not on this problem).
    Solver(String),
}

impl fmt::Display for GameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GameError::Field { field, message } => write!(f, "{field}: {message}"),
            GameError::Solver(message) => {
                write!(f, "the schedule could not be optimised: {message}")
            }
        }
    }
}

impl std::error::Error for GameError {}

fn field(field: &'static str, message: impl Into<String>) -> GameError {
    GameError::Field {
        field,
        message: message.into(),
    }
}

impl Game {
    fn check(&self) -> Result<(), GameError> {
        let n = self.traffic.len();
        if n == 0 {
            return Err(field("traffic", "give the traffic of at least one hour"));
        }
        if self.traffic.iter().any(|p| !(p.is_finite() && *p >= 0.0)) {
            return Err(field(
                "traffic",
                "every hour's traffic must be a number of at least 0",
            ));
        }
        if self.traffic.iter().sum::<f64>() <= 0.0 {
            return Err(field("traffic", "some hour must have traffic"));
        }
        if !(self.operation_hours.is_finite()
            && self.operation_hours >= 0.0
            && self.operation_hours <= n as f64)
        {
            return Err(field(
                "operation_hours",
                format!(
                    "must be between 0 and {n} hours, got {}",
                    self.operation_hours
                ),
            ));
        }
        for (name, x) in [
            ("adaptive_share", self.adaptive_share),
            ("detection", self.detection),
        ] {
            if !(x.is_finite() && (0.0..=1.0).contains(&x)) {
                return Err(field(
                    name,
                    format!("must be a probability between 0 and 1, got {x}"),
                ));
            }
        }
        if !self.adaptive_hours.is_empty() {
            if self.adaptive_hours.len() != n {
                return Err(field(
                    "adaptive_hours",
                    format!(
                        "must list {n} hours like the traffic, got {}",
                        self.adaptive_hours.len()
                    ),
                ));
            }
            if !self.adaptive_hours.iter().any(|h| *h) {
                return Err(field(
                    "adaptive_hours",
                    "adaptive carriers need at least one hour to cross",
                ));
            }
        }
        Ok(())
    }

    /// Solves the game: the coverage that maximises the expected detection rate.
    pub fn solve(&self) -> Result<Coverage, GameError> {
        self.check()?;
        let n = self.traffic.len();
        let total: f64 = self.traffic.iter().sum();
        let p: Vec<f64> = self.traffic.iter().map(|x| x / total).collect();
        let (a, d) = (self.adaptive_share, self.detection);
        let usable = |h: usize| self.adaptive_hours.is_empty() || self.adaptive_hours[h];

        let mut lp = Problem::new(OptimizationDirection::Maximize);
        // The objective without the common factor d, so d = 0 still has a unique answer
        // shape; the detection figures are scaled by d afterwards.
        let c: Vec<_> = p
            .iter()
            .map(|&ph| lp.add_var((1.0 - a) * ph, (0.0, 1.0)))
            .collect();
        let z = lp.add_var(a, (0.0, 1.0));
        lp.add_constraint(
            c.iter().map(|&v| (v, 1.0)).collect::<Vec<_>>(),
            ComparisonOp::Eq,
            self.operation_hours,
        );
        for (h, &v) in c.iter().enumerate() {
            if usable(h) {
                lp.add_constraint([(z, 1.0), (v, -1.0)], ComparisonOp::Le, 0.0);
            }
        }
        let solution = lp
            .solve()
            .map_err(|e| GameError::Solver(e.to_string()))?
            .into_solution()
            .map_err(|e| GameError::Solver(format!("{e:?}")))?;
        let hourly: Vec<f64> = c
            .iter()
            .map(|&v| solution.var_value(v).clamp(0.0, 1.0))
            .collect();
        let naive = d * p.iter().zip(&hourly).map(|(ph, ch)| ph * ch).sum::<f64>();
        let adaptive = d
            * (0..n)
                .filter(|&h| usable(h))
                .map(|h| hourly[h])
                .fold(f64::INFINITY, f64::min);
        Ok(Coverage {
            hourly,
            detection_rate: (1.0 - a) * naive + a * adaptive,
            naive_detection: naive,
            adaptive_detection: adaptive,
        })
    }
}

/// The coverage of a day (24 hours) as a schedule the simulation draws from: operations
/// of `duration_hours` starting at hours with the coverage's weights, as many a week as
/// the operation-hours allow (rounded to the nearest whole operation, at least one).
/// With one-hour operations the simulated coverage of hour h is c_h (up to collisions);
/// longer operations smooth it over the following hours.
pub fn mixed_schedule(coverage: &Coverage, duration_hours: f64) -> Result<Schedule, GameError> {
    let hourly_weights: [f64; 24] = coverage.hourly.as_slice().try_into().map_err(|_| {
        field(
            "hourly",
            format!(
                "a daily schedule needs 24 hours, got {}",
                coverage.hourly.len()
            ),
        )
    })?;
    if !(duration_hours.is_finite() && (0.25..=24.0).contains(&duration_hours)) {
        return Err(field(
            "duration_hours",
            format!("must be between 0.25 and 24, got {duration_hours}"),
        ));
    }
    let per_day: f64 = hourly_weights.iter().sum();
    let operations_per_week = libm::round(per_day * 7.0 / duration_hours).max(1.0) as u32;
    Ok(Schedule::Mixed {
        hourly_weights,
        operations_per_week,
        duration_hours,
    })
}
