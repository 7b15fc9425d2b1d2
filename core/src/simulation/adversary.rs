//! A carrier's trip: crossing outside the hours a schedule can run once it has learned
//! them, spotting running operations, then waiting, moving to the nearest crossing on
//! the same border that carries its kind of traffic within the longest detour, or giving up.

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
        if carrier.learns && *plan.modalities.get(carrier.modality) {
            // Planning at its own crossing, the carrier may pick any hour of the day;
            // after waiting or driving, only the hours of the day still ahead.
            let planning = crossing == carrier.crossing && retries == 0 && !detours.moved;
            if let Some(t) = learned_time(model, carrier, crossing, ops, time, planning) {
                time = t;
            }
        }
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

/// When a carrier who has learned the schedule at `crossing` crosses instead of `time`:
/// an hour of the same day outside the schedule's hours, drawn in proportion to the
/// traffic of its kind (it blends in). `None` when it has not learned the schedule yet,
/// `time` is already outside it, or the day has no hour outside it (a schedule whose
/// hours are all hours cannot be escaped this way).
fn learned_time(
    model: &Model,
    carrier: &Carrier,
    crossing: usize,
    ops: &OperationPlan,
    time: f64,
    planning: bool,
) -> Option<f64> {
    let first = ops.operations.first()?;
    if time < first.start + carrier.learning_hours || ops.support.is_every_hour() {
        return None;
    }
    let day = (time / 24.0) as usize;
    let hour = time as usize % 24;
    if !ops.support.covers(day % 7, hour) {
        return None;
    }
    let border = model.scenario.crossings[crossing].border;
    let from = if planning { 0 } else { hour + 1 };
    let weight = |h: usize| {
        if ops.support.covers(day % 7, h) {
            0.0
        } else {
            model
                .calendar
                .hourly_share(border, carrier.modality, day * 24 + h)
        }
    };
    let total: f64 = (from..24).map(weight).sum();
    if total <= 0.0 {
        return None;
    }
    let mut draws = Draws::new(streams::mix(carrier.draws ^ 0x4EA2_4ED0_0A11));
    let mut target = draws.draw() * total;
    let mut chosen = None;
    for h in from..24 {
        let w = weight(h);
        if w <= 0.0 {
            continue;
        }
        chosen = Some(h);
        if target < w {
            break;
        }
        target -= w;
    }
    let h = chosen?;
    Some((day * 24 + h) as f64 + draws.draw())
}
