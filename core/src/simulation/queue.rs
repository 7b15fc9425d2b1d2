//! The inspection queue at one crossing: FIFO, the teams as parallel servers, and a
//! limit on the vehicles held. For searches and X-ray the limit is the secondary area's
//! bays, counting vehicles waiting *and* in inspection: officers stop pulling vehicles
//! while the bays are full. For interviews at the booth it is the road storage of the
//! inspected lanes, counting those waiting. A selected vehicle that finds the limit
//! reached is waved through (`Flushed`). At the operation's end (planned, or a recall)
//! vehicles not yet started are released; those in inspection are finished.
//!
//! With FIFO service the start times are non-decreasing, so the queue is an exact
//! recursion over arrivals (Kiefer–Wolfowitz) instead of an event list: the next free
//! team serves the next vehicle, and the vehicles still waiting are those whose start
//! lies in the future.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// What the queue's limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holding {
    /// Vehicles waiting and in inspection (secondary bays).
    Bays,
    /// Vehicles waiting only (road storage in front of the booth).
    Road,
}

pub struct InspectionQueue {
    team_free_at: Vec<f64>,
    /// When each X-ray unit is next free (scans are a stage of their own).
    unit_free_at: Vec<f64>,
    /// Times admitted vehicles stop waiting (their start, or their release), oldest first.
    waiting: VecDeque<f64>,
    /// Times admitted vehicles leave (bit patterns of non-negative hours, which order
    /// as the numbers do), soonest first.
    leaving: BinaryHeap<Reverse<u64>>,
    limit: usize,
    holding: Holding,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Admission {
    /// The bays (or the road) were full: waved through unscreened.
    Flushed,
    /// Would have started after the operation ended: waited until then, then released.
    Released,
    Served {
        /// When the vehicle's inspection began (its scan, if X-rayed).
        start: f64,
        end: f64,
        /// Hours spent waiting: for a scan, then, after an anomaly, for a team.
        waited: f64,
    },
}

/// One selected vehicle's work: an X-ray scan on one of `units` working units (if
/// any), then `service` hours of a team (a search on an anomaly, or the whole
/// inspection when there is no scan; zero when a clean scan ends it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Work {
    pub scan: Option<(f64, usize)>,
    pub service: f64,
}

impl InspectionQueue {
    pub fn new(teams: usize, limit: usize, holding: Holding) -> Self {
        InspectionQueue {
            team_free_at: vec![f64::NEG_INFINITY; teams.max(1)],
            unit_free_at: Vec::new(),
            waiting: VecDeque::new(),
            leaving: BinaryHeap::new(),
            limit,
            holding,
        }
    }

    /// Vehicles waiting (not yet in inspection) at time `t`.
    pub fn waiting_at(&mut self, t: f64) -> usize {
        while self.waiting.front().is_some_and(|start| *start <= t) {
            self.waiting.pop_front();
        }
        self.waiting.len()
    }

    /// Vehicles held at time `t`, as the limit counts them.
    fn held_at(&mut self, t: f64) -> usize {
        match self.holding {
            Holding::Road => self.waiting_at(t),
            Holding::Bays => {
                while self
                    .leaving
                    .peek()
                    .is_some_and(|Reverse(bits)| f64::from_bits(*bits) <= t)
                {
                    self.leaving.pop();
                }
                self.leaving.len()
            }
        }
    }

    /// A selected vehicle arrives at `t` needing `service` hours of a team; the
    /// operation ends (stops starting inspections) at `cutoff`.
    pub fn admit(&mut self, t: f64, service: f64, cutoff: f64) -> Admission {
        self.admit_work(
            t,
            Work {
                scan: None,
                service,
            },
            cutoff,
        )
    }

    /// A selected vehicle arrives at `t` with `work` to do. Scans are served first come
    /// first served by the working units; searches by the teams in the order vehicles
    /// entered the bays (each goes to the team free first once its scan is over), which
    /// keeps the recursion exact per stage without an event list.
    pub fn admit_work(&mut self, t: f64, work: Work, cutoff: f64) -> Admission {
        if self.held_at(t) >= self.limit {
            return Admission::Flushed;
        }
        let earliest = |free: &[f64]| {
            free.iter()
                .enumerate()
                .fold(
                    (0, f64::INFINITY),
                    |best, (i, f)| if *f < best.1 { (i, *f) } else { best },
                )
        };
        // The first stage: a scan, or the team's work itself.
        let first = match work.scan {
            Some((_, units)) => {
                if self.unit_free_at.len() < units {
                    self.unit_free_at.resize(units, f64::NEG_INFINITY);
                }
                earliest(&self.unit_free_at[..units.min(self.unit_free_at.len())])
            }
            None => earliest(&self.team_free_at),
        };
        let start = t.max(first.1);
        let (leaves, admission) = if start > cutoff {
            (cutoff.max(t), Admission::Released)
        } else {
            match work.scan {
                Some((scan, _)) => {
                    let scanned = start + scan;
                    self.unit_free_at[first.0] = scanned;
                    let (end, search_wait) = if work.service > 0.0 {
                        let (team, free_at) = earliest(&self.team_free_at);
                        let search_start = scanned.max(free_at);
                        let end = search_start + work.service;
                        self.team_free_at[team] = end;
                        (end, search_start - scanned)
                    } else {
                        (scanned, 0.0)
                    };
                    (
                        end,
                        Admission::Served {
                            start,
                            end,
                            waited: start - t + search_wait,
                        },
                    )
                }
                None => {
                    let end = start + work.service;
                    self.team_free_at[first.0] = end;
                    (
                        end,
                        Admission::Served {
                            start,
                            end,
                            waited: start - t,
                        },
                    )
                }
            }
        };
        let stops_waiting = match admission {
            Admission::Served { start, .. } => start,
            _ => leaves,
        };
        if stops_waiting > t {
            self.waiting.push_back(stops_waiting);
        }
        self.leaving.push(Reverse(leaves.max(0.0).to_bits()));
        admission
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_teams_serve_in_arrival_order() {
        let mut q = InspectionQueue::new(2, 10, Holding::Road);
        assert_eq!(
            q.admit(0.0, 1.0, 100.0),
            Admission::Served {
                start: 0.0,
                end: 1.0,
                waited: 0.0
            }
        );
        assert_eq!(
            q.admit(0.1, 1.0, 100.0),
            Admission::Served {
                start: 0.1,
                end: 1.1,
                waited: 0.0
            }
        );
        assert_eq!(
            q.admit(0.2, 1.0, 100.0),
            Admission::Served {
                start: 1.0,
                end: 2.0,
                waited: 0.8
            }
        );
        assert_eq!(q.waiting_at(0.3), 1);
        assert_eq!(q.waiting_at(1.0), 0);
    }

    #[test]
    fn a_full_road_flushes_and_the_end_releases() {
        let mut q = InspectionQueue::new(1, 1, Holding::Road);
        q.admit(0.0, 10.0, 100.0);
        assert!(matches!(q.admit(0.1, 1.0, 100.0), Admission::Served { .. }));
        assert_eq!(q.admit(0.2, 1.0, 100.0), Admission::Flushed);
        let mut q = InspectionQueue::new(1, 5, Holding::Road);
        q.admit(0.0, 10.0, 5.0);
        assert_eq!(q.admit(0.1, 1.0, 5.0), Admission::Released);
    }

    /// Bays count the vehicle in inspection too: with one team and two bays, a third
    /// vehicle is not pulled in until one leaves.
    #[test]
    fn full_bays_pause_selection() {
        let mut q = InspectionQueue::new(1, 2, Holding::Bays);
        assert!(matches!(q.admit(0.0, 1.0, 100.0), Admission::Served { .. }));
        assert!(matches!(q.admit(0.1, 1.0, 100.0), Admission::Served { .. }));
        assert_eq!(q.admit(0.2, 1.0, 100.0), Admission::Flushed);
        assert!(matches!(
            q.admit(1.5, 1.0, 100.0),
            Admission::Served { start: 2.0, .. }
        ));
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// One unit scans in arrival order; a team searches after an anomaly; a clean scan
    /// ends the inspection; the second vehicle waits for the unit, not for the team.
    #[test]
    fn scans_hold_a_unit_and_searches_a_team() {
        let mut q = InspectionQueue::new(1, 10, Holding::Bays);
        let flagged = Work {
            scan: Some((0.1, 1)),
            service: 1.0,
        };
        let clean = Work {
            scan: Some((0.1, 1)),
            service: 0.0,
        };
        assert_eq!(
            q.admit_work(0.0, flagged, 100.0),
            Admission::Served {
                start: 0.0,
                end: 1.1,
                waited: 0.0
            }
        );
        match q.admit_work(0.05, clean, 100.0) {
            Admission::Served { start, end, waited } => {
                assert!((start - 0.1).abs() < 1e-12 && (end - 0.2).abs() < 1e-12);
                assert!((waited - 0.05).abs() < 1e-12);
            }
            other => panic!("{other:?}"),
        }
    }
}
