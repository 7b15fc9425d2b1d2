//! When traffic flows: the expected outbound volume of each crossing, modality, day and
//! clock hour, from the annual volume and the month, weekday and hour profiles.

use crate::scenario::{Border, Modality, PerBorder, PerModality, Scenario};

pub const DAYS_IN_MONTH: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
pub const HOURS_PER_DAY: usize = 24;

/// Month (0 = January) of a day of the 365-day calendar.
pub fn month_of(day_of_year: usize) -> usize {
    let mut left = day_of_year % 365;
    for (month, days) in DAYS_IN_MONTH.iter().enumerate() {
        if left < *days as usize {
            return month;
        }
        left -= *days as usize;
    }
    11
}

pub struct Calendar {
    pub days: usize,
    /// Share of a year's volume on each simulated day, per border and modality.
    day_share: PerBorder<PerModality<Vec<f64>>>,
    /// Running sum of `day_share`, for drawing the day of a carrier's trip.
    day_cumulative: PerBorder<PerModality<Vec<f64>>>,
    hour_share: PerModality<[f64; 24]>,
    hour_cumulative: PerModality<[f64; 24]>,
}

impl Calendar {
    pub fn new(s: &Scenario) -> Self {
        let days = s.horizon_days as usize;
        let hour_share = s.traffic.modalities.map(|_, t| normalised(t.hour_profile));
        let hour_cumulative = hour_share.map(|_, h| cumulative(h));
        let day_share = PerBorder::from_fn(|b| {
            PerModality::from_fn(|m| {
                let months = s.traffic.month_profile.get(b);
                let month_total: f64 = months.iter().sum();
                let weekdays = &s.traffic.modalities.get(m).weekday_profile;
                let weekday_mean = weekdays.iter().sum::<f64>() / 7.0;
                let raw = |d: usize| {
                    let month = month_of(d);
                    months[month] / month_total / f64::from(DAYS_IN_MONTH[month]) * weekdays[d % 7]
                        / weekday_mean
                };
                // Scale so that 365 days carry exactly one year's volume.
                let year: f64 = (0..365).map(raw).sum();
                (0..days).map(|d| raw(d) / year).collect::<Vec<f64>>()
            })
        });
        let day_cumulative = day_share.map(|_, per| {
            per.map(|_, shares| {
                let mut acc = 0.0;
                shares
                    .iter()
                    .map(|s| {
                        acc += s;
                        acc
                    })
                    .collect::<Vec<f64>>()
            })
        });
        Calendar {
            days,
            day_share,
            day_cumulative,
            hour_share,
            hour_cumulative,
        }
    }

    pub fn day_share(&self, border: Border, modality: Modality, day: usize) -> f64 {
        self.day_share.get(border).get(modality)[day]
    }

    /// Share of a year's volume over the whole horizon.
    pub fn horizon_share(&self, border: Border, modality: Modality) -> f64 {
        *self
            .day_cumulative
            .get(border)
            .get(modality)
            .last()
            .unwrap_or(&0.0)
    }

    pub fn hour_share(&self, modality: Modality, hour: usize) -> f64 {
        self.hour_share.get(modality)[hour]
    }

    pub fn hour_shares(&self, modality: Modality) -> &[f64; 24] {
        self.hour_share.get(modality)
    }

    /// Share of a year's volume in one clock hour of one day.
    pub fn hourly_share(&self, border: Border, modality: Modality, hour_of_horizon: usize) -> f64 {
        self.day_share(border, modality, hour_of_horizon / HOURS_PER_DAY)
            * self.hour_share(modality, hour_of_horizon % HOURS_PER_DAY)
    }

    /// Largest hourly share over the horizon, an envelope for rejection sampling.
    pub fn peak_hourly_share(&self, border: Border, modality: Modality) -> f64 {
        let day = self
            .day_share
            .get(border)
            .get(modality)
            .iter()
            .fold(0.0_f64, |a, b| a.max(*b));
        let hour = self.hour_share(modality, 0).max(
            self.hour_share
                .get(modality)
                .iter()
                .fold(0.0, |a, b| a.max(*b)),
        );
        day * hour
    }

    /// A time (hours from the start) drawn from the traffic profile, given two uniforms
    /// and a third for the position inside the hour.
    pub fn draw_time(
        &self,
        border: Border,
        modality: Modality,
        u_day: f64,
        u_hour: f64,
        u_in: f64,
    ) -> f64 {
        let cumulative = self.day_cumulative.get(border).get(modality);
        let total = *cumulative.last().unwrap_or(&0.0);
        let day = cumulative
            .partition_point(|c| *c <= u_day * total)
            .min(self.days - 1);
        let hours = self.hour_cumulative.get(modality);
        let hour = hours.partition_point(|c| *c <= u_hour).min(23);
        (day * HOURS_PER_DAY + hour) as f64 + u_in
    }
}

fn normalised(profile: [f64; 24]) -> [f64; 24] {
    let total: f64 = profile.iter().sum();
    profile.map(|v| v / total)
}

fn cumulative(shares: &[f64; 24]) -> [f64; 24] {
    let mut acc = 0.0;
    let mut out = [0.0; 24];
    for (o, s) in out.iter_mut().zip(shares) {
        acc += s;
        *o = acc;
    }
    out[23] = 1.0;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_the_year() {
        assert_eq!(month_of(0), 0);
        assert_eq!(month_of(30), 0);
        assert_eq!(month_of(31), 1);
        assert_eq!(month_of(58), 1);
        assert_eq!(month_of(59), 2);
        assert_eq!(month_of(364), 11);
        assert_eq!(month_of(365), 0);
    }
}
