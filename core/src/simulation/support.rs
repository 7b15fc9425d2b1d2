//! A schedule's support: the clock hours of each weekday in which one of its operations
//! can ever run. A carrier who has learned a schedule knows this much (that a "daily
//! random 06:00–20:00" never runs at night, that a fixed window always opens at 07:00)
//! and no more: within the support, a random schedule's operations stay unpredictable.

use crate::scenario::{OperatingHours, Plan, Schedule};

/// Hours of the week an operation of the plan can cover: bit `h` of `days[w]` is set
/// when an operation can be running at some moment of clock hour `h` on weekday `w`
/// (0 = Monday, the calendar's first day).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Support {
    days: [u32; 7],
}

const ALL_HOURS: u32 = (1 << 24) - 1;

impl Support {
    /// The support of a plan's schedule and minimum-frequency fill-ins. `busiest` are
    /// the (start, length) runs a peak-time schedule covers at this crossing.
    pub fn of(plan: &Plan, busiest: &[(usize, usize)]) -> Self {
        let mut s = Support::default();
        match &plan.schedule {
            Schedule::None => {}
            Schedule::DailyFixed { windows, days } => {
                for w in (0..7).filter(|w| days[*w]) {
                    for window in windows {
                        s.cover(
                            w,
                            window.start_hour,
                            window.start_hour + window.duration_hours,
                        );
                    }
                }
            }
            Schedule::DailyRandom {
                duration_hours,
                earliest_start_hour,
                latest_start_hour,
                days,
            } => {
                for w in (0..7).filter(|w| days[*w]) {
                    s.cover(w, *earliest_start_hour, latest_start_hour + duration_hours);
                }
            }
            Schedule::PeakTime { days, .. } => {
                for w in (0..7).filter(|w| days[*w]) {
                    for &(h, len) in busiest {
                        s.cover(w, h as f64, (h + len) as f64);
                    }
                }
            }
            Schedule::PulseRandom { .. } | Schedule::PulseIntel { .. } => {
                s.cover_window(plan.operating_hours);
            }
            Schedule::Continuous => s.days = [ALL_HOURS; 7],
            Schedule::Mixed {
                hourly_weights,
                duration_hours,
                ..
            } => {
                // Starts on any day, on the hours with a weight.
                for (h, weight) in hourly_weights.iter().enumerate() {
                    if *weight > 0.0 {
                        for w in 0..7 {
                            s.cover(w, h as f64, h as f64 + duration_hours);
                        }
                    }
                }
            }
        }
        if plan.min_frequency.is_some() {
            // Fill-ins are placed inside the operating hours.
            s.cover_window(plan.operating_hours);
        }
        s
    }

    fn cover_window(&mut self, hours: OperatingHours) {
        for w in 0..7 {
            self.cover(w, hours.from_hour, hours.to_hour);
        }
    }

    /// Marks clock times `[from, to)` of weekday `w`; times past midnight fall on the
    /// next weekday.
    fn cover(&mut self, w: usize, from: f64, to: f64) {
        if to <= from {
            return;
        }
        let first = libm::floor(from.max(0.0)) as usize;
        let last = libm::ceil(to) as usize;
        for h in first..last.min(first + 7 * 24) {
            self.days[(w + h / 24) % 7] |= 1 << (h % 24);
        }
    }

    /// Whether an operation can be running in hour `hour` (0–23) of weekday `w`.
    pub fn covers(&self, weekday: usize, hour: usize) -> bool {
        self.days[weekday % 7] & (1 << hour) != 0
    }

    /// No hour of the week is outside it: a carrier who knows it cannot escape it.
    pub fn is_every_hour(&self) -> bool {
        self.days.iter().all(|d| *d == ALL_HOURS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_past_midnight_fall_on_the_next_weekday() {
        let mut s = Support::default();
        s.cover(6, 22.5, 25.0);
        assert!(s.covers(6, 22) && s.covers(6, 23) && s.covers(0, 0));
        assert!(!s.covers(6, 21) && !s.covers(0, 1));
    }
}
