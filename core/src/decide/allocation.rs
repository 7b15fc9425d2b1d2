//! A budget spread across crossings: per-crossing frontiers of plans (cost against
//! expected detections) and the allocation that gives the next dollar to the crossing where
//! it detects most.
//!
//! "Cost" is any additive resource the planner budgets in: dollars a year (full cost or new
//! money), officer-hours, new X-ray units. The caller puts that resource in
//! [`PlanPoint::cost`]; nothing here knows which it is.
//!
//! The method is the classic greedy on convex hulls: each crossing's efficient plans are
//! reduced to their upper concave hull, so moving up a crossing's hull buys detections at a
//! falling rate; the steps of all hulls are taken in order of detections per unit of cost.
//! For the linear-programming relaxation (a crossing may mix two neighbouring plans) this
//! is exact; with whole plans, the last step that does not fit is *not* taken fractionally:
//! that crossing stays at the last plan that fits and the rest of the budget keeps going to
//! the other crossings' next steps that do fit. The LP bound is reported beside the answer so
//! the planner sees what the rounding costs.

use std::fmt;

/// One plan at one crossing: its cost in the budgeted resource and its expected
/// detections (per year). `plan` is the caller's index of the plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanPoint {
    pub plan: usize,
    pub cost: f64,
    pub detections: f64,
}

/// The plans of one crossing and the floor plan every programme keeps there (the
/// Inspector General's minimum frequency).
#[derive(Clone, Debug, PartialEq)]
pub struct CrossingPlans {
    pub crossing: String,
    pub plans: Vec<PlanPoint>,
    /// `plan` id of the floor plan (must be one of `plans`).
    pub floor: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AllocationError {
    /// A crossing has no plan, or its floor names no plan of it.
    NoFloor { crossing: String },
    /// A cost or detection figure is not a finite number, or a cost is negative.
    NotFinite { crossing: String, plan: usize },
    /// The floors alone cost more than the budget.
    FloorsOverBudget { floors: f64, budget: f64 },
    /// The budget is not a finite, non-negative number.
    Budget { budget: f64 },
    /// Even the best plan everywhere does not reach the target.
    TargetOutOfReach { target: f64, reachable: f64 },
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocationError::NoFloor { crossing } => {
                write!(
                    f,
                    "{crossing}: the floor plan is not among the crossing's plans"
                )
            }
            AllocationError::NotFinite { crossing, plan } => {
                write!(
                    f,
                    "{crossing}: plan {plan} has a cost or detection figure that is not a valid number"
                )
            }
            AllocationError::FloorsOverBudget { floors, budget } => write!(
                f,
                "the minimum frequency at every crossing already costs {floors:.0}, more than the budget of {budget:.0}"
            ),
            AllocationError::Budget { budget } => {
                write!(f, "the budget must be a non-negative number, got {budget}")
            }
            AllocationError::TargetOutOfReach { target, reachable } => write!(
                f,
                "a target of {target:.1} detections is out of reach: the best plans everywhere detect {reachable:.1}"
            ),
        }
    }
}

impl std::error::Error for AllocationError {}

/// Removes dominated plans (another costs no more and detects no fewer, one of them
/// strictly) and returns the rest sorted by cost: the efficient frontier. Of exact
/// duplicates the lower plan id is kept.
pub fn efficient(plans: &[PlanPoint]) -> Vec<PlanPoint> {
    let mut sorted = plans.to_vec();
    sorted.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then(b.detections.total_cmp(&a.detections))
            .then(a.plan.cmp(&b.plan))
    });
    let mut frontier: Vec<PlanPoint> = Vec::new();
    for p in sorted {
        if frontier
            .last()
            .is_none_or(|last| p.detections > last.detections)
        {
            frontier.push(p);
        }
    }
    frontier
}

/// The upper concave hull of the efficient frontier: the plans a greedy allocation can
/// stop at. Plans below a chord between two others are dropped (mixing those two would
/// detect more for the same cost); plans on a chord are kept.
pub fn upper_hull(plans: &[PlanPoint]) -> Vec<PlanPoint> {
    let mut hull: Vec<PlanPoint> = Vec::new();
    for p in efficient(plans) {
        while hull.len() >= 2 {
            let a = hull[hull.len() - 2];
            let b = hull[hull.len() - 1];
            // b lies below the chord a→p: drop it. A plan on the chord stays: it is as
            // efficient as mixing its neighbours and, unlike a mix, a whole plan the
            // greedy can stop at.
            let cross = (b.cost - a.cost) * (p.detections - a.detections)
                - (b.detections - a.detections) * (p.cost - a.cost);
            if cross > 0.0 {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(p);
    }
    hull
}

/// The chosen plan at one crossing.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossingChoice {
    pub crossing: String,
    pub plan: usize,
    pub cost: f64,
    pub detections: f64,
    /// True when the crossing stays at its floor plan.
    pub at_floor: bool,
}

/// A programme: the plan per crossing and its totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub choices: Vec<CrossingChoice>,
    pub cost: f64,
    pub detections: f64,
    /// What the LP relaxation (mixing neighbouring plans on the hull) would detect for
    /// the same budget: an upper bound on any programme within the budget.
    pub lp_bound: f64,
}

/// One step up one crossing's hull.
#[derive(Clone, Copy, Debug)]
struct Step {
    crossing: usize,
    to: usize,
    cost: f64,
    detections: f64,
}

impl Step {
    fn rate(&self) -> f64 {
        if self.cost > 0.0 {
            self.detections / self.cost
        } else {
            f64::INFINITY
        }
    }
}

/// Per crossing: the hull from its floor plan upward (plans cheaper than the floor are
/// out; so are plans that detect no more than it).
fn hulls(crossings: &[CrossingPlans]) -> Result<Vec<Vec<PlanPoint>>, AllocationError> {
    crossings
        .iter()
        .map(|c| {
            for p in &c.plans {
                if !p.cost.is_finite() || p.cost < 0.0 || !p.detections.is_finite() {
                    return Err(AllocationError::NotFinite {
                        crossing: c.crossing.clone(),
                        plan: p.plan,
                    });
                }
            }
            let floor = c.plans.iter().find(|p| p.plan == c.floor).ok_or_else(|| {
                AllocationError::NoFloor {
                    crossing: c.crossing.clone(),
                }
            })?;
            let above: Vec<PlanPoint> = c
                .plans
                .iter()
                .copied()
                .filter(|p| {
                    p.plan == floor.plan
                        || (p.cost >= floor.cost && p.detections > floor.detections)
                })
                .collect();
            let mut hull = upper_hull(&above);
            // The floor is kept even if another plan of the same cost detects more: the hull
            // then starts with a free step to that plan.
            if hull.first().map(|p| p.plan) != Some(floor.plan) {
                hull.retain(|p| p.cost >= floor.cost);
                hull.insert(0, *floor);
            }
            Ok(hull)
        })
        .collect()
}

/// Every step of every hull, best rate first (ties: lower crossing, then cheaper step), so
/// the order, and so the programme, is deterministic.
fn steps_in_order(hulls: &[Vec<PlanPoint>]) -> Vec<Step> {
    let mut steps: Vec<Step> = hulls
        .iter()
        .enumerate()
        .flat_map(|(c, hull)| {
            hull.windows(2).enumerate().map(move |(j, w)| Step {
                crossing: c,
                to: j + 1,
                cost: w[1].cost - w[0].cost,
                detections: w[1].detections - w[0].detections,
            })
        })
        .collect();
    // Within a crossing the rates fall (concave hull), so a stable sort by rate keeps each
    // crossing's steps in order.
    steps.sort_by(|a, b| {
        b.rate()
            .total_cmp(&a.rate())
            .then(a.crossing.cmp(&b.crossing))
            .then(a.to.cmp(&b.to))
    });
    steps
}

fn choices(
    crossings: &[CrossingPlans],
    hulls: &[Vec<PlanPoint>],
    at: &[usize],
) -> Vec<CrossingChoice> {
    crossings
        .iter()
        .zip(hulls)
        .zip(at)
        .map(|((c, hull), &j)| CrossingChoice {
            crossing: c.crossing.clone(),
            plan: hull[j].plan,
            cost: hull[j].cost,
            detections: hull[j].detections,
            at_floor: j == 0,
        })
        .collect()
}

fn totals(choices: &[CrossingChoice]) -> (f64, f64) {
    (
        choices.iter().map(|c| c.cost).sum(),
        choices.iter().map(|c| c.detections).sum(),
    )
}

/// The most detections for at most `budget` (floors included): every crossing starts at
/// its floor plan, then hull steps are taken best rate first while they fit.
pub fn allocate(crossings: &[CrossingPlans], budget: f64) -> Result<Allocation, AllocationError> {
    if !budget.is_finite() || budget < 0.0 {
        return Err(AllocationError::Budget { budget });
    }
    let hulls = hulls(crossings)?;
    let floors: f64 = hulls.iter().map(|h| h[0].cost).sum();
    if floors > budget {
        return Err(AllocationError::FloorsOverBudget { floors, budget });
    }
    let mut at = vec![0usize; hulls.len()];
    let mut closed = vec![false; hulls.len()];
    let mut left = budget - floors;
    let mut lp_extra = 0.0;
    let mut lp_left = left;
    for step in steps_in_order(&hulls) {
        // The LP relaxation takes steps in the same order, the last one fractionally.
        if lp_left > 0.0 {
            let share = if step.cost > 0.0 {
                (lp_left / step.cost).min(1.0)
            } else {
                1.0
            };
            lp_extra += share * step.detections;
            lp_left -= share * step.cost;
        }
        if closed[step.crossing] {
            continue;
        }
        if step.cost <= left {
            at[step.crossing] = step.to;
            left -= step.cost;
        } else {
            // This crossing's later steps build on this one: it stays where it is.
            closed[step.crossing] = true;
        }
    }
    let choices = choices(crossings, &hulls, &at);
    let (cost, detections) = totals(&choices);
    let floor_detections: f64 = hulls.iter().map(|h| h[0].detections).sum();
    Ok(Allocation {
        choices,
        cost,
        detections,
        lp_bound: floor_detections + lp_extra,
    })
}

/// The cheapest programme (floors included) that detects at least `target`: hull steps
/// best rate first until the target is reached; the step that reaches it is taken whole.
/// `lp_bound` is then the cost the LP relaxation would need (a lower bound).
pub fn cheapest_for(
    crossings: &[CrossingPlans],
    target: f64,
) -> Result<Allocation, AllocationError> {
    let hulls = hulls(crossings)?;
    let mut at = vec![0usize; hulls.len()];
    let mut detections: f64 = hulls.iter().map(|h| h[0].detections).sum();
    let mut cost: f64 = hulls.iter().map(|h| h[0].cost).sum();
    let mut lp_cost = cost;
    if detections < target {
        for step in steps_in_order(&hulls) {
            let need = target - detections;
            if step.detections >= need {
                lp_cost += if step.detections > 0.0 {
                    step.cost * need / step.detections
                } else {
                    0.0
                };
            } else {
                lp_cost += step.cost;
            }
            at[step.crossing] = step.to;
            detections += step.detections;
            cost += step.cost;
            if detections >= target {
                break;
            }
        }
    }
    if detections < target {
        return Err(AllocationError::TargetOutOfReach {
            target,
            reachable: detections,
        });
    }
    let choices = choices(crossings, &hulls, &at);
    let (cost_sum, detections_sum) = totals(&choices);
    debug_assert!((cost_sum - cost).abs() <= 1e-6 * cost.abs().max(1.0));
    Ok(Allocation {
        choices,
        cost: cost_sum,
        detections: detections_sum,
        lp_bound: lp_cost,
    })
}

/// The programme frontier: (cost, detections) after the floors and after each greedy step
/// taken whole, i.e. the best programme at each budget where the greedy order is exact.
/// Concave and increasing: the national curve of detections against budget.
pub fn programme_frontier(crossings: &[CrossingPlans]) -> Result<Vec<(f64, f64)>, AllocationError> {
    let hulls = hulls(crossings)?;
    let mut cost: f64 = hulls.iter().map(|h| h[0].cost).sum();
    let mut detections: f64 = hulls.iter().map(|h| h[0].detections).sum();
    let mut points = vec![(cost, detections)];
    for step in steps_in_order(&hulls) {
        cost += step.cost;
        detections += step.detections;
        points.push((cost, detections));
    }
    Ok(points)
}
