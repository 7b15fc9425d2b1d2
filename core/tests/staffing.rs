//! Officers' days and the two budgets: overtime is an officer's hours past the shift in
//! a day, across all the operations of that day, within an annual cap; the full cost
//! and the new money an outbound office would request are reported side by side.

mod common;

use common::*;
use egress_core::scenario::presets;
use egress_core::scenario::*;
use egress_core::simulation::Model;

/// A plan of two fixed windows a day at a crossing with light traffic of which no one
/// is stopped (operations are planned only where traffic flows; no vehicle keeps anyone
/// past a window), and a roster larger than the crew.
fn two_windows(days: u32) -> Scenario {
    let mut s = base_scenario("two windows", days, 2, 3131);
    s.crossings[0].annual_inbound.personal_vehicles = 1000.0;
    let mut plan = quiet_plan(
        Schedule::DailyFixed {
            windows: vec![
                Window {
                    start_hour: 6.0,
                    duration_hours: 5.0,
                },
                Window {
                    start_hour: 15.0,
                    duration_hours: 5.0,
                },
            ],
            days: [true; 7],
        },
        Selection::RandomFraction { fraction: 1e-9 },
        Technique::Interview,
        1,
    );
    plan.crew_size = 2;
    s.strategies = vec![strategy("two windows", plan)];
    s
}

/// Two 5-hour windows in one day make a 10-hour day for each of the 2 officers: 8
/// regular hours and 2 of overtime each, every day (format 1 decided overtime per
/// operation and found none: each window is shorter than a shift). Regular hours are
/// hours taken from inbound work and are not new money; the overtime is, at 2× the basic
/// rate.
#[test]
fn overtime_counts_an_officers_whole_day() {
    let days = 14;
    let mut s = two_windows(days);
    // Two hours every day is 730 a year, past the default cap ($45,000 ≈ 687 hours):
    // lift the cap here, the next test is about it.
    s.costs.overtime_cap_per_officer = 1e6;
    let costs = s.costs;
    let model = Model::new(valid(s));
    let r = &model.run_replication(0)[0];
    let officer_days = 2.0 * f64::from(days);
    assert!(
        (r.officer_hours_regular - officer_days * 8.0).abs() < 1e-9
            && (r.officer_hours_overtime - officer_days * 2.0).abs() < 1e-9,
        "regular {} and overtime {} officer-hours",
        r.officer_hours_regular,
        r.officer_hours_overtime
    );
    assert_eq!(r.officer_hours_hired, 0.0);
    let overtime_pay = officer_days * 2.0 * costs.basic_hourly_rate * costs.overtime_multiplier;
    let setups = 2.0 * f64::from(days) * costs.setup_cost_per_operation;
    assert!((r.budget.new_money - (overtime_pay + setups)).abs() < 0.005);
    assert!(
        (r.budget.total - (overtime_pay + setups + officer_days * 8.0 * costs.loaded_hourly_rate))
            .abs()
            < 0.005
    );
}

/// The annual overtime cap: with a cap of $1,000 of overtime pay per officer a year,
/// over 14 days the two officers may work 2 × 1,000 × 14/365 ÷ (2 × basic rate) hours of
/// overtime; the rest of their 56 overtime hours is worked by officers hired for it, at
/// the loaded rate, and counted as new money.
#[test]
fn overtime_past_the_annual_cap_is_worked_by_hires() {
    let days = 14;
    let mut s = two_windows(days);
    s.costs.overtime_cap_per_officer = 1_000.0;
    let costs = s.costs;
    let model = Model::new(valid(s));
    let r = &model.run_replication(0)[0];
    let rate = costs.basic_hourly_rate * costs.overtime_multiplier;
    let cap = 2.0 * 1_000.0 * f64::from(days) / 365.0 / rate;
    let overtime = 2.0 * f64::from(days) * 2.0;
    assert!((r.officer_hours_overtime - cap).abs() < 1e-9);
    assert!((r.officer_hours_hired - (overtime - cap)).abs() < 1e-9);
    let setups = 2.0 * f64::from(days) * costs.setup_cost_per_operation;
    let expected = cap * rate + (overtime - cap) * costs.loaded_hourly_rate + setups;
    assert!((r.budget.new_money - expected).abs() < 0.005);
}

/// Continuous operation is staffed shift by shift, each by its own crew: with enough
/// officers on the roster there is no overtime at all, and every hour is taken from
/// inbound work.
#[test]
fn continuous_shifts_are_worked_by_their_own_crews() {
    let mut s = base_scenario("continuous", 7, 2, 3232);
    s.crossings[0].annual_inbound.personal_vehicles = 1000.0;
    s.strategies = vec![strategy(
        "24/7",
        quiet_plan(
            Schedule::Continuous,
            Selection::RandomFraction { fraction: 1e-9 },
            Technique::Interview,
            1,
        ),
    )];
    let model = Model::new(valid(s));
    let r = &model.run_replication(0)[0];
    assert_eq!(r.officer_hours_overtime, 0.0);
    assert!((r.officer_hours_regular - 2.0 * 24.0 * 7.0).abs() < 1e-9);
    assert!((r.budget.new_money - r.budget.setup).abs() < 1e-9);
}

/// Crew size changes search time, not only cost: a crew of 3 searches in
/// `crew_of_three_time_share` (0.75) of a crew of 2's time. One crossing with 100,000
/// cars a year searched around the clock by 50 teams (so no one waits: the offered load
/// is under 3 teams), searches exponential with mean 15 minutes for a crew of 2. A
/// searched car's time at the crossing (delay ÷ screened) then estimates the mean
/// search time; its 99.9% Student-t interval over 10 replications of 4 weeks must
/// contain 15 minutes for a crew of 2 and 0.75 × 15 for a crew of 3, and exclude the
/// other crew's value.
#[test]
fn a_third_officer_shortens_searches() {
    let share = presets::default_inspection()
        .search
        .crew_of_three_time_share;
    let mean_minutes = [(2u32, 15.0), (3u32, 15.0 * share)];
    for (crew, expected) in mean_minutes {
        let mut s = base_scenario("crew", 28, 10, 6060 + u64::from(crew));
        homogeneous_traffic(&mut s);
        no_trusted(&mut s);
        s.crossings[0].annual_inbound.personal_vehicles = 100_000.0;
        s.inspection.search.minutes.personal_vehicles = 15.0;
        let mut plan = quiet_plan(
            Schedule::Continuous,
            Selection::All,
            Technique::SearchAll,
            50,
        );
        plan.crew_size = crew;
        s.strategies = vec![strategy("search", plan)];
        let (_, records) = run_all(s);
        let minutes: Vec<f64> = records
            .iter()
            .map(|r| r.delay_vehicle_hours * 60.0 / r.vehicles.screened as f64)
            .collect();
        let ci = t_interval(&minutes, LEVEL);
        let other = if crew == 2 { 15.0 * share } else { 15.0 };
        assert!(
            ci.contains(expected) && !ci.contains(other),
            "crew of {crew}: mean search {ci:?} min, expected {expected}"
        );
    }
}
