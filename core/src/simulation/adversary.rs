//! A carrier's trip: learning predictable windows, spotting running operations, then
//! waiting, moving to the nearest crossing on the same border that carries its kind of
//! traffic within the longest detour, or giving up.

use super::Model;
use super::operations::OperationPlan;
use super::streams::{self, Draws};
use super::threat::Carrier;
use crate::scenario::Plan;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Journey {
    /// Crosses at `crossing` at `time`; `operation` is the one running there, if any.
    Crosses {
        crossing: usize,
        time: f64,
        operation: Option<usize>,
    },
    /// Gave up.
    Deterred,
    /// Went to a crossing outside the scenario.
    DisplacedOut,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Detours {
    pub moved: bool,
    pub waited: bool,
}

/// Bound on schedule-avoidance steps, so a schedule that leaves no gap cannot loop.
const MAX_AVOIDANCE_STEPS: usize = 64;

pub fn journey(
    model: &Model,
    carrier: &Carrier,
    plans: &[&Plan],
    operations: &[OperationPlan],
) -> (Journey, Detours) {
    let adversary = &model.scenario.adversary;
    let mut draws = Draws::new(carrier.draws);
    let mut detours = Detours::default();
    let mut crossing = carrier.crossing;
    let mut time = carrier.time;
    let mut retries = 0;
    let mut steps = 0;
    loop {
        if time >= model.horizon_hours() {
            // Pushed past the horizon by waiting or moving: it crosses unobserved.
            return (
                Journey::Crosses {
                    crossing,
                    time,
                    operation: None,
                },
                detours,
            );
        }
        let plan = plans[crossing];
        let ops = &operations[crossing];
        let running = ops
            .running_at(time)
            .filter(|_| *plan.modalities.get(carrier.modality));
        let Some(op_index) = running else {
            return (
                Journey::Crosses {
                    crossing,
                    time,
                    operation: None,
                },
                detours,
            );
        };
        let op = ops.operations[op_index];
        steps += 1;
        if carrier.adaptive && op.predictable && steps <= MAX_AVOIDANCE_STEPS {
            // A schedule that recurs at the same clock time is known once it has run
            // for the learning period.
            if time >= adversary.learning_days * 24.0 {
                // Knows the window: crosses just after it closes.
                time = op.planned_end.max(op.end) + 1e-6;
                continue;
            }
        }
        if carrier.adaptive && draws.draw() < adversary.spotting_probability {
            let r = adversary.on_spotting;
            let u = draws.draw();
            if u < r.wait {
                if retries < adversary.max_retries {
                    retries += 1;
                    detours.waited = true;
                    time += streams::exponential(adversary.wait_hours, draws.draw());
                    continue;
                }
                return (Journey::Deterred, detours);
            } else if u < r.wait + r.move_crossing {
                if detours.moved {
                    return (Journey::Deterred, detours);
                }
                detours.moved = true;
                match model.nearest_crossing(crossing, carrier.modality) {
                    Some((next, km)) => {
                        crossing = next;
                        time += km / adversary.travel_speed_kmh;
                        continue;
                    }
                    None => return (Journey::DisplacedOut, detours),
                }
            } else {
                return (Journey::Deterred, detours);
            }
        }
        return (
            Journey::Crosses {
                crossing,
                time,
                operation: Some(op_index),
            },
            detours,
        );
    }
}
