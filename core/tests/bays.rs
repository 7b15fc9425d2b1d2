//! The secondary area holds a limited number of vehicles: officers stop pulling
//! vehicles in while its bays are full, and at the operation's planned end the vehicles
//! not yet started are released. No operation searches a road full of cars for hours
//! after it ends.

mod common;

use common::*;
use egress_core::scenario::*;
use egress_core::simulation::Model;

/// A vehicle let into the bays finds at most `bays − 1` others there, of which at most
/// `teams` are being searched, so it waits for at most `bays − teams` searches to end at
/// the rate of `teams` teams: with exponential searches of mean s its expected wait is
/// below (bays − teams)·s/teams, and a fortiori below bays·s/teams + s, the bound the
/// issue states. One crossing with 2,000,000 cars a year (about 230 an hour), every
/// selected car searched (15 minutes on average, exponential) by 2 teams with 6 bays,
/// a 4-hour window every day, no recall; selection rates from light load (0.2%) to
/// far beyond capacity (everyone). For each rate, the upper end of the 99.9% Student-t
/// interval of the mean wait over 10 replications of 4 weeks must be below the bound.
/// Where the load exceeds capacity, vehicles are turned away while the bays are full
/// and released at the end, and officers finish only the searches under way: the mean
/// overtime per operation (4 officers finishing at most 2 searches, whose remaining
/// time is exponential, so the last ends 1.5 searches after the end on average when
/// both teams are busy, less otherwise) must not be above 4 × 1.5 × 15 minutes: the
/// lower end of its 99.9% interval is at most that (at saturation it is that).
#[test]
fn waits_stay_below_what_the_bays_can_hold_at_any_selection_rate() {
    let (teams, bays, search_minutes) = (2u32, 6u32, 15.0);
    let bound_seconds =
        f64::from(bays) * search_minutes * 60.0 / f64::from(teams) + search_minutes * 60.0;
    for (k, rate) in [0.002, 0.01, 0.05, 0.3, 1.0].into_iter().enumerate() {
        let mut s = base_scenario("bays", 28, 10, 4242 + k as u64);
        homogeneous_traffic(&mut s);
        no_trusted(&mut s);
        s.crossings[0].annual_inbound.personal_vehicles = 2_000_000.0;
        s.crossings[0].secondary_bays = bays;
        s.inspection.search.minutes.personal_vehicles = search_minutes;
        let mut plan = quiet_plan(
            Schedule::DailyFixed {
                windows: vec![Window {
                    start_hour: 10.0,
                    duration_hours: 4.0,
                }],
                days: [true; 7],
            },
            Selection::RandomFraction { fraction: rate },
            Technique::SearchAll,
            teams,
        );
        plan.crew_size = 2;
        s.strategies = vec![strategy("search", plan)];
        let (_, records) = run_all(s);
        let waits: Vec<f64> = records
            .iter()
            .map(|r| r.waits.total_seconds / r.waits.screened as f64)
            .collect();
        let wait = t_interval(&waits, LEVEL);
        assert!(
            wait.high < bound_seconds,
            "selection {rate}: mean wait {wait:?} s, bound {bound_seconds} s"
        );
        let overtime: Vec<f64> = records
            .iter()
            .map(|r| r.officer_hours_overtime / r.operations as f64)
            .collect();
        let overtime = t_interval(&overtime, LEVEL);
        assert!(
            overtime.low <= 4.0 * 1.5 * search_minutes / 60.0,
            "selection {rate}: overtime per operation {overtime:?} h"
        );
        if rate >= 0.05 {
            let flushed: u64 = records.iter().map(|r| r.vehicles.flushed).sum();
            let released: u64 = records.iter().map(|r| r.vehicles.released_on_recall).sum();
            assert!(
                flushed > 0 && released > 0,
                "selection {rate}: {flushed} turned away, {released} released"
            );
        }
    }
}

/// With searches in the bays, teams beyond the bays have nowhere to work: 4 teams with 2
/// bays serve no faster than 2 teams with 2 bays (the same vehicles, the same searches:
/// identical records apart from the officer-hours).
#[test]
fn teams_beyond_the_bays_do_not_add_capacity() {
    let run = |teams: u32| {
        let mut s = base_scenario("bays", 14, 2, 99);
        homogeneous_traffic(&mut s);
        s.crossings[0].annual_inbound.personal_vehicles = 500_000.0;
        s.crossings[0].secondary_bays = 2;
        s.strategies = vec![strategy(
            "search",
            quiet_plan(
                Schedule::DailyFixed {
                    windows: vec![Window {
                        start_hour: 8.0,
                        duration_hours: 6.0,
                    }],
                    days: [true; 7],
                },
                Selection::RandomFraction { fraction: 0.2 },
                Technique::SearchAll,
                teams,
            ),
        )];
        Model::new(valid(s)).run_replication(0).remove(0)
    };
    let (two, four) = (run(2), run(4));
    assert_eq!(two.vehicles, four.vehicles);
    assert_eq!(two.waits, four.waits);
    assert!(four.officer_hours_regular > two.officer_hours_regular);
}

/// X-ray units are servers: a scanned vehicle holds a unit for its scan time. One
/// crossing with homogeneous Poisson arrivals of cars at λ = 50 an hour, every one
/// X-rayed around the clock (scan exponential, mean 60 s, so the offered load is
/// a = λ/μ = 0.833), no anomalies (false alarms 0, no carriers, so no searches), units
/// always available, bays that never fill. With c units the scan queue is M/M/c and
/// its mean wait is Erlang C: Wq = C(c, a)/(cμ − λ), from 3,000 s with one unit (a
/// saturated queue, ρ = 0.83) to 42 s with two and 6 s with three. For c = 1, 2, 3 the
/// 99.9% Student-t interval of the mean wait over 20 replications of 30 days must
/// contain Wq, and be narrower than ±15% of it; waits fall as units are added.
/// (Format 1 ignored the number of units: waits were the same with 1, 2 or 8.)
#[test]
fn xray_units_are_servers_and_waits_fall_as_erlang_c_predicts() {
    let lambda = 50.0;
    let scan_seconds = 60.0;
    let mu = 3600.0 / scan_seconds;
    let a = lambda / mu;
    let mut previous = f64::INFINITY;
    for units in 1..=3u32 {
        let mut s = base_scenario("scan queue", 30, 20, 5150 + u64::from(units));
        homogeneous_traffic(&mut s);
        no_trusted(&mut s);
        s.crossings[0].annual_inbound.personal_vehicles = lambda * 24.0 * 365.0;
        s.crossings[0].nii_units = units;
        s.inspection.nii.scan_seconds.personal_vehicles = scan_seconds;
        s.inspection.nii.false_alarm_rate = 0.0;
        s.inspection.nii.availability = 1.0;
        s.strategies = vec![strategy(
            "x-ray everyone",
            quiet_plan(
                Schedule::Continuous,
                Selection::All,
                Technique::NiiThenSearch,
                1,
            ),
        )];
        let (_, records) = run_all(s);
        let waits: Vec<f64> = records
            .iter()
            .map(|r| {
                assert_eq!(r.searches, 0);
                assert_eq!(r.vehicles.flushed, 0);
                r.waits.total_seconds / r.waits.screened as f64
            })
            .collect();
        let wait = t_interval(&waits, LEVEL);
        let c = f64::from(units);
        let wq = erlang_c(units, a) / (c * mu - lambda) * 3600.0;
        assert!(
            wait.contains(wq),
            "{units} unit(s): mean wait {wait:?} s, Erlang C {wq:.1} s"
        );
        assert!(
            wait.half_width() < 0.15 * wq,
            "{units} unit(s): interval {wait:?} too wide for {wq:.1} s"
        );
        assert!(wait.mean < previous, "waits must fall as units are added");
        previous = wait.mean;
    }
}
