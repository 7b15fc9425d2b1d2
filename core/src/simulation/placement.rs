//! Where operations at a random time go: inside the plan's daily operating hours, never
//! overlapping, on days and at clock times picked uniformly or in proportion to the
//! traffic they would meet. Random pulses, intelligence surges and minimum-frequency
//! fill-ins all draw their starts here, so "N a week" means N operations a planner
//! could staff, not N draws that merge or land at 03:00.

use super::Model;
use super::streams::{self, Generator};
use crate::scenario::{Modality, OperatingHours, Plan};

/// Tries before a traffic-weighted draw gives up and falls back to a uniform one (only
/// reached when the window is nearly full or carries almost no traffic).
const MAX_TRIES: usize = 2_000;

pub struct Placement {
    hours: OperatingHours,
    weighted: bool,
    /// Traffic of the plan's modalities per day of the horizon (relative).
    day_weight: Vec<f64>,
    /// Traffic of the plan's modalities per clock hour (relative).
    hour_weight: [f64; 24],
}

impl Placement {
    pub fn new(model: &Model, plan: &Plan, crossing: usize) -> Self {
        let border = model.scenario.crossings[crossing].border;
        let inspected: Vec<Modality> = Modality::ALL
            .into_iter()
            .filter(|m| *plan.modalities.get(*m))
            .collect();
        let day_weight: Vec<f64> = (0..model.calendar.days)
            .map(|d| {
                inspected
                    .iter()
                    .map(|m| model.volume(crossing, *m) * model.calendar.day_share(border, *m, d))
                    .sum()
            })
            .collect();
        let mut hour_weight = [0.0; 24];
        for m in &inspected {
            for (h, w) in hour_weight.iter_mut().enumerate() {
                *w += model.volume(crossing, *m) * model.calendar.hour_share(*m, h);
            }
        }
        let has_traffic = hour_weight.iter().sum::<f64>() > 0.0;
        Placement {
            hours: plan.operating_hours,
            weighted: plan.operating_hours.traffic_weighted && has_traffic,
            day_weight,
            hour_weight,
        }
    }

    pub fn hours(&self) -> OperatingHours {
        self.hours
    }

    /// The latest clock time an operation of `duration` hours may start.
    pub fn latest_start(&self, duration: f64) -> f64 {
        self.hours.to_hour - duration
    }

    /// Share of a day's traffic between two clock times (relative units).
    fn traffic_between(&self, from: f64, to: f64) -> f64 {
        cumulative(&self.hour_weight, to) - cumulative(&self.hour_weight, from)
    }

    /// Relative traffic an operation starting at `start` (hours from the horizon's
    /// start) for `duration` hours would meet.
    fn weight(&self, start: f64, duration: f64) -> f64 {
        let day = (start / 24.0) as usize;
        let clock = start - (day * 24) as f64;
        self.day_weight.get(day).copied().unwrap_or(0.0)
            * self.traffic_between(clock, (clock + duration).min(24.0))
    }

    /// The most traffic any start in `[lo, hi]` of one day's clock can meet: the
    /// covered traffic is piecewise linear in the start, so its maximum is at an end of
    /// the range or where the start or the end crosses a whole hour.
    fn clock_envelope(&self, lo: f64, hi: f64, duration: f64) -> f64 {
        let mut best = 0.0_f64;
        let mut consider = |c: f64| {
            if c >= lo - 1e-12 && c <= hi + 1e-12 {
                best = best.max(self.traffic_between(c, (c + duration).min(24.0)));
            }
        };
        consider(lo);
        consider(hi);
        for h in 0..=24 {
            consider(f64::from(h));
            consider(f64::from(h) - duration);
        }
        best
    }

    /// A start drawn from `segments` (absolute start-time intervals, each within one
    /// day's clock), uniformly over their total length or by the traffic it would meet.
    pub fn draw_start(
        &self,
        segments: &[(f64, f64)],
        duration: f64,
        rng: &mut Generator,
    ) -> Option<f64> {
        let total: f64 = segments.iter().map(|(lo, hi)| hi - lo).sum();
        if segments.is_empty() {
            return None;
        }
        if self.weighted {
            let envelope = segments
                .iter()
                .map(|(lo, hi)| {
                    let day = (lo / 24.0) as usize;
                    let base = (day * 24) as f64;
                    self.day_weight.get(day).copied().unwrap_or(0.0)
                        * self.clock_envelope(lo - base, hi - base, duration)
                })
                .fold(0.0_f64, f64::max);
            if envelope > 0.0 {
                for _ in 0..MAX_TRIES {
                    let s = uniform_in(segments, total, rng);
                    if streams::uniform(rng) * envelope <= self.weight(s, duration) {
                        return Some(s);
                    }
                }
            }
        }
        Some(uniform_in(segments, total, rng))
    }

    /// `count` operations of `duration` hours on day `day`, inside the operating hours
    /// and not overlapping (the caller keeps `count` within what fits).
    pub fn place_in_day(
        &self,
        day: usize,
        count: u32,
        duration: f64,
        rng: &mut Generator,
    ) -> Vec<f64> {
        let base = (day * 24) as f64 + self.hours.from_hour;
        let room = self.hours.hours() - f64::from(count) * duration;
        if self.weighted {
            let segment = [(base, base + self.hours.hours() - duration)];
            let mut starts: Vec<f64> = Vec::with_capacity(count as usize);
            let mut tries = 0;
            while starts.len() < count as usize && tries < MAX_TRIES {
                tries += 1;
                if let Some(s) = self.draw_start(&segment, duration, rng)
                    && starts.iter().all(|o| (s - o).abs() >= duration)
                {
                    starts.push(s);
                }
            }
            if starts.len() == count as usize {
                starts.sort_by(f64::total_cmp);
                return starts;
            }
        }
        // Uniform non-overlapping placement: `count` uniform points in the spare room,
        // sorted, each pushed past the operations before it (exact for uniform starts).
        let mut gaps: Vec<f64> = (0..count)
            .map(|_| streams::uniform(rng) * room.max(0.0))
            .collect();
        gaps.sort_by(f64::total_cmp);
        gaps.iter()
            .enumerate()
            .map(|(i, g)| base + g + i as f64 * duration)
            .collect()
    }

    /// A day among `days` with room left, uniformly or by its traffic.
    pub fn draw_day(&self, days: &[usize], rng: &mut Generator) -> usize {
        let weights: Vec<f64> = days
            .iter()
            .map(|d| {
                if self.weighted {
                    self.day_weight.get(*d).copied().unwrap_or(0.0)
                } else {
                    1.0
                }
            })
            .collect();
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            let i = ((streams::uniform(rng) * days.len() as f64) as usize).min(days.len() - 1);
            return days[i];
        }
        let mut u = streams::uniform(rng) * total;
        for (d, w) in days.iter().zip(&weights) {
            if u < *w {
                return *d;
            }
            u -= w;
        }
        days[days.len() - 1]
    }
}

/// Running sum of an hourly profile up to clock time `t` (linear inside an hour).
fn cumulative(hours: &[f64; 24], t: f64) -> f64 {
    let t = t.clamp(0.0, 24.0);
    let whole = (t as usize).min(24);
    let mut sum: f64 = hours[..whole].iter().sum();
    if whole < 24 {
        sum += (t - whole as f64) * hours[whole];
    }
    sum
}

/// A uniform point over the union of `segments` (total length `total`).
fn uniform_in(segments: &[(f64, f64)], total: f64, rng: &mut Generator) -> f64 {
    let mut u = streams::uniform(rng) * total;
    for (lo, hi) in segments {
        if u <= hi - lo {
            return lo + u;
        }
        u -= hi - lo;
    }
    segments.last().map_or(0.0, |s| s.1)
}
