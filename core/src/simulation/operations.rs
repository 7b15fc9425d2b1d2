//! When operations run at one crossing under one plan: the schedule's windows, the
//! minimum-frequency floor, then cancellations and recalls to inbound work.

use super::Model;
use super::calendar::{DAYS_IN_MONTH, month_of};
use super::placement::Placement;
use super::streams::{self, Generator, Stream};
use super::support::Support;
use super::threat::Wave;
use super::traffic::poisson;
use crate::scenario::{Modality, Period, Plan, Schedule};

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
    /// Minimum-frequency fill-ins that fitted nowhere inside the operating hours
    /// before the next operation (or the horizon's end), so were not placed.
    pub fill_ins_not_placed: u64,
    /// The hours of the week the plan's operations can cover (what learning carriers know).
    pub support: Support,
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
    // No operation for traffic the crossing does not carry (and no officer-hours).
    let carries = Modality::ALL
        .into_iter()
        .any(|m| *plan.modalities.get(m) && model.volume(crossing, m) > 0.0);
    if !carries {
        return OperationPlan {
            operations: Vec::new(),
            cancelled: 0,
            fill_ins_not_placed: 0,
            support: Support::default(),
        };
    }
    let busiest = match plan.schedule {
        Schedule::PeakTime { busiest_hours, .. } => {
            busiest_clock_hours(model, plan, crossing, busiest_hours as usize)
        }
        _ => Vec::new(),
    };
    let support = Support::of(plan, &busiest);
    let placement = Placement::new(model, plan, crossing);
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
        Schedule::PeakTime { days: on, .. } => {
            for d in (0..days).filter(|d| on[d % 7]) {
                for &(h, len) in &busiest {
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
            let fit = placement.hours().fit_per_day(*duration_hours);
            for (first, full, in_horizon) in period_blocks(*per, days) {
                // A partial last period gets its share of operations, rounded at random.
                let expected = f64::from(*operations) * in_horizon as f64 / full as f64;
                let mut count = libm::floor(expected) as u32;
                if streams::uniform(&mut rng) < expected - f64::from(count) {
                    count += 1;
                }
                let mut on_day = vec![0u32; in_horizon];
                for _ in 0..count {
                    let open: Vec<usize> = (0..in_horizon)
                        .filter(|i| on_day[*i] < fit)
                        .map(|i| first + i)
                        .collect();
                    if open.is_empty() {
                        break;
                    }
                    on_day[placement.draw_day(&open, &mut rng) - first] += 1;
                }
                for (i, k) in on_day.iter().enumerate().filter(|(_, k)| **k > 0) {
                    for start in placement.place_in_day(first + i, *k, *duration_hours, &mut rng) {
                        windows.push((start, start + duration_hours, false));
                    }
                }
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
            // One surge operation a day, inside the operating hours; surges that overlap
            // share their days rather than stacking operations.
            let hours = placement.hours();
            let latest = placement.latest_start(*duration_hours);
            let mut surged = vec![false; days];
            for alert in alerts {
                let mut day = (alert / 24.0) as usize;
                let mut earliest = hours.from_hour.max(alert - (day * 24) as f64);
                if earliest > latest {
                    day += 1;
                    earliest = hours.from_hour;
                }
                for k in 0..*surge_days as usize {
                    let d = day + k;
                    if d >= days || surged[d] {
                        continue;
                    }
                    surged[d] = true;
                    let base = (d * 24) as f64;
                    let lo = base + if k == 0 { earliest } else { hours.from_hour };
                    if let Some(start) =
                        placement.draw_start(&[(lo, base + latest)], *duration_hours, &mut rng)
                    {
                        windows.push((start, start + duration_hours, false));
                    }
                }
            }
        }
        Schedule::Mixed {
            hourly_weights,
            operations_per_week,
            duration_hours,
        } => {
            for start in mixed_starts(hourly_weights, *operations_per_week, days, &mut rng) {
                windows.push((start, start + duration_hours, false));
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
    let mut fill_ins_not_placed = 0;
    if let Some(floor) = plan.min_frequency {
        (kept, fill_ins_not_placed) = enforce_min_frequency(
            kept,
            floor.max_gap_days * 24.0,
            floor.duration_hours,
            horizon,
            &placement,
            &mut rng,
        );
    }
    OperationPlan {
        operations: cut_short(kept, plan, &mut rng),
        cancelled,
        fill_ins_not_placed,
        support,
    }
}

/// Start times of a mixed (randomised) schedule: per week, `per_week` operations (a
/// partial last week its share, rounded at random), each on a day drawn uniformly from
/// the week and at the hour drawn from `weights`. Operations that collide are merged
/// later like any other windows.
fn mixed_starts(weights: &[f64; 24], per_week: u32, days: usize, rng: &mut Generator) -> Vec<f64> {
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    let mut starts = Vec::new();
    if total.is_nan() || total <= 0.0 {
        return starts;
    }
    for (first, full, in_horizon) in period_blocks(Period::Week, days) {
        let expected = f64::from(per_week) * in_horizon as f64 / full as f64;
        let mut count = libm::floor(expected) as u32;
        if streams::uniform(rng) < expected - f64::from(count) {
            count += 1;
        }
        for _ in 0..count {
            let day =
                first + ((streams::uniform(rng) * in_horizon as f64) as usize).min(in_horizon - 1);
            let mut u = streams::uniform(rng) * total;
            let mut hour = 23;
            for (h, w) in weights.iter().enumerate() {
                let w = w.max(0.0);
                if u < w {
                    hour = h;
                    break;
                }
                u -= w;
            }
            // Rounding can leave u just past the last positive weight: take that hour.
            if weights[hour] <= 0.0 {
                hour = (0..24).rev().find(|&h| weights[h] > 0.0).unwrap_or(hour);
            }
            starts.push((day * 24 + hour) as f64);
        }
    }
    starts
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

/// The periods of "N operations per period" over the horizon, as (first day, days in
/// the full period, days of it inside the horizon): weeks from the first day, or
/// calendar months.
fn period_blocks(per: Period, days: usize) -> Vec<(usize, usize, usize)> {
    let mut blocks = Vec::new();
    let mut first = 0;
    while first < days {
        let full = match per {
            Period::Week => 7,
            Period::Month => DAYS_IN_MONTH[month_of(first)] as usize,
        };
        blocks.push((first, full, full.min(days - first)));
        first += full;
    }
    blocks
}

/// Inserts operations inside the operating hours so that no gap exceeds `max_gap`
/// hours where the hours allow it: each fill-in starts within `max_gap` of the end of
/// the previous operation and ends before the next one begins. Where the operating hours
/// leave no such start, the fill-in takes the earliest start inside the operating hours
/// that still ends before the next operation (the gap runs longer than asked); where
/// there is none, it is not placed and is counted (second value), never moved to a
/// night hour outside the window the planner set.
fn enforce_min_frequency(
    windows: Vec<(f64, f64, bool)>,
    max_gap: f64,
    duration: f64,
    horizon: f64,
    placement: &Placement,
    rng: &mut Generator,
) -> (Vec<(f64, f64, bool)>, u64) {
    let hours = placement.hours();
    let latest_clock = placement.latest_start(duration);
    let mut out = Vec::with_capacity(windows.len());
    let mut not_placed = 0;
    let mut last_end = 0.0;
    let mut next = windows.into_iter().peekable();
    loop {
        let next_start = next.peek().map_or(horizon, |w| w.0);
        if next_start - last_end > max_gap && last_end + max_gap < horizon {
            let hi = (last_end + max_gap).min(next_start - duration);
            let in_window = |from: f64, to: f64| {
                let mut segments = Vec::new();
                let mut day = (from / 24.0) as usize;
                while (day * 24) as f64 <= to {
                    let base = (day * 24) as f64;
                    let lo = from.max(base + hours.from_hour);
                    let top = to.min(base + latest_clock);
                    if lo <= top {
                        segments.push((lo, top));
                    }
                    day += 1;
                }
                segments
            };
            let start = placement
                .draw_start(&in_window(last_end, hi), duration, rng)
                .or_else(|| {
                    // The earliest start inside the operating hours that ends in time.
                    in_window(last_end, (next_start - duration).min(horizon))
                        .first()
                        .map(|s| s.0)
                });
            if let Some(start) = start {
                let end = (start + duration).min(horizon);
                out.push((start, end, false));
                last_end = end;
                continue;
            }
            not_placed += 1;
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
    (out, not_placed)
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
}
