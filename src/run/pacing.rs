//! How often a run in progress may be summarised. A summary reads every record so far,
//! so its cost grows with the run and with the scenario (the national preset's has a row
//! per crossing); a fixed refresh rate would let it take over the page late in a big
//! run. The pace keeps the time spent summarising under [`MAX_SHARE`] of the run's time.

/// Least time between two summaries, in ms (a few refreshes a second at most).
pub const MIN_GAP_MS: f64 = 500.0;

/// Largest share of the page's time that summaries may take.
pub const MAX_SHARE: f64 = 0.1;

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryPacing {
    /// When the last summary was finished (or the run started).
    last_ms: f64,
    /// What the last summary cost.
    cost_ms: f64,
}

impl SummaryPacing {
    pub fn new(now_ms: f64) -> Self {
        SummaryPacing {
            last_ms: now_ms,
            cost_ms: 0.0,
        }
    }

    /// Time to wait after a summary that cost `cost_ms`, so that summaries take at most
    /// `MAX_SHARE` of the time: cost / (cost + gap) ≤ share.
    pub fn gap_ms(cost_ms: f64) -> f64 {
        MIN_GAP_MS.max(cost_ms * (1.0 - MAX_SHARE) / MAX_SHARE)
    }

    pub fn due(&self, now_ms: f64) -> bool {
        now_ms - self.last_ms >= Self::gap_ms(self.cost_ms)
    }

    /// Notes a summary made between `started_ms` and `ended_ms`.
    pub fn made(&mut self, started_ms: f64, ended_ms: f64) {
        self.cost_ms = (ended_ms - started_ms).max(0.0);
        self.last_ms = ended_ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_summaries_come_at_the_least_gap() {
        let mut pacing = SummaryPacing::new(0.0);
        assert!(!pacing.due(MIN_GAP_MS - 1.0));
        assert!(pacing.due(MIN_GAP_MS));
        pacing.made(1000.0, 1002.0);
        assert!(!pacing.due(1002.0 + MIN_GAP_MS - 1.0));
        assert!(pacing.due(1002.0 + MIN_GAP_MS));
    }

    #[test]
    fn costly_summaries_take_at_most_a_tenth_of_the_time() {
        let mut pacing = SummaryPacing::new(0.0);
        pacing.made(0.0, 200.0);
        let gap = SummaryPacing::gap_ms(200.0);
        assert_eq!(gap, 1800.0);
        assert!(!pacing.due(200.0 + gap - 1.0));
        assert!(pacing.due(200.0 + gap));
        // Over a cycle, summarising takes exactly the allowed share.
        assert!((200.0 / (200.0 + gap) - MAX_SHARE).abs() < 1e-12);
    }
}
