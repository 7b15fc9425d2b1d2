//! The inspection queue at one crossing: FIFO, the teams as parallel servers, a road
//! storage limit past which selected vehicles are flushed. With FIFO service the start
//! times are non-decreasing, so the queue is an exact recursion over arrivals
//! (Kiefer–Wolfowitz) instead of an event list: the next free team serves the next
//! vehicle, and the vehicles still waiting are those whose start lies in the future.

use std::collections::VecDeque;

pub struct InspectionQueue {
    team_free_at: Vec<f64>,
    /// Start times of admitted vehicles, oldest first.
    waiting: VecDeque<f64>,
    storage: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Admission {
    /// The road was full: waved through unscreened.
    Flushed,
    /// Would have been served after officers were recalled: waved through.
    Released,
    Served {
        start: f64,
        end: f64,
    },
}

impl InspectionQueue {
    pub fn new(teams: usize, storage: usize) -> Self {
        InspectionQueue {
            team_free_at: vec![f64::NEG_INFINITY; teams.max(1)],
            waiting: VecDeque::new(),
            storage,
        }
    }

    /// Vehicles waiting (not yet in inspection) at time `t`.
    pub fn waiting_at(&mut self, t: f64) -> usize {
        while self.waiting.front().is_some_and(|start| *start <= t) {
            self.waiting.pop_front();
        }
        self.waiting.len()
    }

    /// A selected vehicle arrives at `t` needing `service` hours; officers leave at `cutoff`.
    pub fn admit(&mut self, t: f64, service: f64, cutoff: f64) -> Admission {
        if self.waiting_at(t) >= self.storage {
            return Admission::Flushed;
        }
        let (team, free_at) =
            self.team_free_at
                .iter()
                .enumerate()
                .fold(
                    (0, f64::INFINITY),
                    |best, (i, f)| if *f < best.1 { (i, *f) } else { best },
                );
        let start = t.max(free_at);
        if start > cutoff {
            return Admission::Released;
        }
        let end = start + service;
        self.team_free_at[team] = end;
        if start > t {
            self.waiting.push_back(start);
        }
        Admission::Served { start, end }
    }

    /// When the last vehicle admitted so far leaves inspection.
    pub fn busy_until(&self) -> f64 {
        self.team_free_at
            .iter()
            .fold(f64::NEG_INFINITY, |a, b| a.max(*b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_teams_serve_in_arrival_order() {
        let mut q = InspectionQueue::new(2, 10);
        assert_eq!(
            q.admit(0.0, 1.0, 100.0),
            Admission::Served {
                start: 0.0,
                end: 1.0
            }
        );
        assert_eq!(
            q.admit(0.1, 1.0, 100.0),
            Admission::Served {
                start: 0.1,
                end: 1.1
            }
        );
        assert_eq!(
            q.admit(0.2, 1.0, 100.0),
            Admission::Served {
                start: 1.0,
                end: 2.0
            }
        );
        assert_eq!(q.waiting_at(0.3), 1);
        assert_eq!(q.waiting_at(1.0), 0);
    }

    #[test]
    fn full_road_flushes_and_recall_releases() {
        let mut q = InspectionQueue::new(1, 1);
        q.admit(0.0, 10.0, 100.0);
        assert!(matches!(q.admit(0.1, 1.0, 100.0), Admission::Served { .. }));
        assert_eq!(q.admit(0.2, 1.0, 100.0), Admission::Flushed);
        let mut q = InspectionQueue::new(1, 5);
        q.admit(0.0, 10.0, 5.0);
        assert_eq!(q.admit(0.1, 1.0, 5.0), Admission::Released);
    }
}
