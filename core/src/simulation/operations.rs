//! When operations run at one crossing under one plan: the schedule's windows, the
//! minimum-frequency floor, then cancellations and recalls to inbound work.

use super::Model;
use super::streams::{self, Generator, Stream};
use super::threat::Wave;
use super::traffic::poisson;
use crate::scenario::{Modality, Plan, Schedule};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Operation {
    pub start: f64,
    /// When the operation stopped admitting vehicles (earlier than planned if recalled).
    pub end: f64,
    pub planned_end: f64,
    /// Recurs at the same clock time, so adaptive carriers can learn it.
    pub predictable: bool,
    pub cut_short: bool,
}

pub struct OperationPlan {
    /// Sorted, non-overlapping.
    pub operations: Vec<Operation>,
    pub cancelled: u64,
}

impl OperationPlan {
    /// The operation running at time `t`, if any.
    pub fn running_at(&self, t: f64) -> Option<usize> {
        let i = self.operations.partition_point(|o| o.start <= t);
        (i > 0 && t < self.operations[i - 1].end).then(|| i - 1)
    }
}

pub fn plan_operations(
    model: &Model,
    plan: &Plan,
    crossing: usize,
    replication: u32,
    strategy: usize,
    waves: &[Wave],
) -> OperationPlan {
    let mut rng = streams::generator(model.key(
        replication,
        Stream::Schedule,
        &[strategy as u64, crossing as u64],
    ));
    let days = model.calendar.days;
    let horizon = model.horizon_hours();
    let mut windows: Vec<(f64, f64, bool)> = Vec::new();
    match &plan.schedule {
        Schedule::None => {}
        Schedule::DailyFixed {
            windows: w,
            days: on,
        } => {
            for d in (0..days).filter(|d| on[d % 7]) {
                for window in w {
                    let start = (d * 24) as f64 + window.start_hour;
                    windows.push((start, start + window.duration_hours, true));
                }
            }
        }
        Schedule::DailyRandom {
            duration_hours,
            earliest_start_hour,
            latest_start_hour,
            days: on,
        } => {
            for d in (0..days).filter(|d| on[d % 7]) {
                let start = (d * 24) as f64
                    + earliest_start_hour
                    + streams::uniform(&mut rng) * (latest_start_hour - earliest_start_hour);
                windows.push((start, start + duration_hours, false));
            }
        }
        Schedule::PeakTime {
            busiest_hours,
            days: on,
        } => {
            let hours = busiest_clock_hours(model, plan, crossing, *busiest_hours as usize);
            for d in (0..days).filter(|d| on[d % 7]) {
                for &(h, len) in &hours {
                    let start = (d * 24 + h) as f64;
                    windows.push((start, start + len as f64, true));
                }
            }
        }
        Schedule::PulseRandom {
            operations,
            per,
            duration_hours,
        } => {
            let block = per.days() * 24.0;
            let mut block_start = 0.0;
            while block_start < horizon {
                let block_len = block.min(horizon - block_start);
                // A partial last block gets its share of operations, rounded at random.
                let expected = f64::from(*operations) * block_len / block;
                let mut count = libm::floor(expected) as u64;
                if streams::uniform(&mut rng) < expected - count as f64 {
                    count += 1;
                }
                for _ in 0..count {
                    let start = block_start
                        + streams::uniform(&mut rng) * (block_len - duration_hours).max(0.0);
                    windows.push((start, start + duration_hours, false));
                }
                block_start += block;
            }
        }
        Schedule::PulseIntel {
            detection_probability,
            lag_hours,
            false_alarms_per_year,
            surge_days,
            duration_hours,
        } => {
            let mut alerts: Vec<f64> = waves
                .iter()
                .filter(|_| streams::uniform(&mut rng) < *detection_probability)
                .map(|w| w.start + lag_hours)
                .collect();
            let false_alarms = poisson(&mut rng, false_alarms_per_year * days as f64 / 365.0);
            alerts.extend((0..false_alarms).map(|_| streams::uniform(&mut rng) * horizon));
            for alert in alerts {
                for day in 0..*surge_days {
                    let start = alert + f64::from(day) * 24.0;
                    windows.push((start, start + duration_hours, false));
                }
            }
        }
        Schedule::Continuous => {
            // One operation per shift: each crew works its shift at regular time, and
            // recalls act shift by shift.
            let shift = model.scenario.costs.shift_hours;
            let mut start = 0.0;
            while start < horizon {
                let end = (start + shift).min(horizon);
                windows.push((start, end, false));
                start = end;
            }
        }
    }
    windows.retain(|w| w.0 < horizon);
    for w in &mut windows {
        w.1 = w.1.min(horizon);
    }
    windows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let merged = merge(windows);
    // Cancellations first, then the floor: operations the floor requires are not cancelled.
    let (mut kept, cancelled) = cancel(merged, plan, &mut rng);
    if let Some(floor) = plan.min_frequency {
        kept = enforce_min_frequency(
            kept,
            floor.max_gap_days * 24.0,
            floor.duration_hours,
            horizon,
            &mut rng,
        );
    }
    OperationPlan {
        operations: cut_short(kept, plan, &mut rng),
        cancelled,
    }
}

/// The `k` busiest clock hours of the plan's traffic at this crossing, as (start, length) runs.
fn busiest_clock_hours(
    model: &Model,
    plan: &Plan,
    crossing: usize,
    k: usize,
) -> Vec<(usize, usize)> {
    let mut weight = [0.0; 24];
    for m in Modality::ALL
        .into_iter()
        .filter(|m| *plan.modalities.get(*m))
    {
        let volume = model.volume(crossing, m);
        for (h, w) in weight.iter_mut().enumerate() {
            *w += volume * model.calendar.hour_share(m, h);
        }
    }
    let mut order: Vec<usize> = (0..24).collect();
    // Ties go to the earlier hour so the choice is stable.
    order.sort_by(|a, b| weight[*b].total_cmp(&weight[*a]).then(a.cmp(b)));
    let mut chosen = [false; 24];
    for h in order.into_iter().take(k) {
        chosen[h] = true;
    }
    let mut runs = Vec::new();
    let mut h = 0;
    while h < 24 {
        if chosen[h] {
            let start = h;
            while h < 24 && chosen[h] {
                h += 1;
            }
            runs.push((start, h - start));
        } else {
            h += 1;
        }
    }
    runs
}

fn merge(windows: Vec<(f64, f64, bool)>) -> Vec<(f64, f64, bool)> {
    let mut out: Vec<(f64, f64, bool)> = Vec::with_capacity(windows.len());
    for w in windows {
        match out.last_mut() {
            Some(last) if w.0 < last.1 => {
                last.1 = last.1.max(w.1);
                last.2 &= w.2;
            }
            _ => out.push(w),
        }
    }
    out
}

/// Inserts operations at random times so that no gap exceeds `max_gap` hours.
fn enforce_min_frequency(
    windows: Vec<(f64, f64, bool)>,
    max_gap: f64,
    duration: f64,
    horizon: f64,
    rng: &mut Generator,
) -> Vec<(f64, f64, bool)> {
    let mut out = Vec::with_capacity(windows.len());
    let mut last_end = 0.0;
    let mut next = windows.into_iter().peekable();
    loop {
        let next_start = next.peek().map_or(horizon, |w| w.0);
        if next_start - last_end > max_gap && last_end + max_gap < horizon {
            let latest = (last_end + max_gap - duration).max(last_end);
            let start = last_end + streams::uniform(rng) * (latest - last_end);
            let end = (start + duration).min(horizon);
            out.push((start, end, false));
            last_end = end;
            continue;
        }
        match next.next() {
            Some(w) => {
                let w = if w.0 < last_end {
                    (last_end, w.1.max(last_end), w.2)
                } else {
                    w
                };
                last_end = w.1;
                out.push(w);
            }
            None => break,
        }
    }
    out.retain(|w| w.1 > w.0);
    out
}

/// Drops the operations cancelled because officers are needed inbound.
fn cancel(
    windows: Vec<(f64, f64, bool)>,
    plan: &Plan,
    rng: &mut Generator,
) -> (Vec<(f64, f64, bool)>, u64) {
    let before = windows.len() as u64;
    let kept: Vec<(f64, f64, bool)> = windows
        .into_iter()
        .filter(|_| streams::uniform(rng) >= plan.recall.cancel_probability)
        .collect();
    let cancelled = before - kept.len() as u64;
    (kept, cancelled)
}

/// Ends operations early when officers are recalled (a constant hazard per hour).
fn cut_short(windows: Vec<(f64, f64, bool)>, plan: &Plan, rng: &mut Generator) -> Vec<Operation> {
    windows
        .into_iter()
        .map(|(start, end, predictable)| {
            let u_cut = streams::uniform(rng);
            let mut op = Operation {
                start,
                end,
                planned_end: end,
                predictable,
                cut_short: false,
            };
            if plan.recall.recall_per_hour > 0.0 {
                let after = streams::exponential(1.0 / plan.recall.recall_per_hour, u_cut);
                if start + after < end {
                    op.end = start + after;
                    op.cut_short = true;
                }
            }
            op
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_joins_overlaps_only() {
        let merged = merge(vec![(0.0, 2.0, true), (1.0, 3.0, true), (5.0, 6.0, true)]);
        assert_eq!(merged, vec![(0.0, 3.0, true), (5.0, 6.0, true)]);
    }

    #[test]
    fn minimum_frequency_closes_every_long_gap() {
        let mut rng = streams::generator(7);
        let out = enforce_min_frequency(vec![(500.0, 502.0, true)], 168.0, 2.0, 2000.0, &mut rng);
        let mut last = 0.0;
        for w in &out {
            assert!(w.0 - last <= 168.0 + 1e-9, "gap before {w:?}");
            last = w.1;
        }
        assert!(2000.0 - last <= 168.0 + 1e-9);
        assert!(out.contains(&(500.0, 502.0, true)));
    }
}
