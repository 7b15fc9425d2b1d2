//! Displacement respects the road: a carrier who moves goes only to a crossing that
//! carries its kind of traffic, within the longest detour; and no operation is planned
//! for traffic a crossing does not carry.

mod common;

use common::*;
use egress_core::scenario::*;
use egress_core::simulation::Model;

/// Crossing A (cars, searched around the clock) with, on the same border, a
/// pedestrian-only crossing B 5 km away, a car crossing C 40 km away and another car
/// crossing D 400 km away. Every carrier is in a car at A, adaptive, spots the operation
/// and moves. With a 100 km detour all who move go to C (never to B, the nearest, which
/// has no road lanes); with a 20 km detour none can move to a crossing of the scenario,
/// so all who moved left it.
fn scenario(max_detour_km: f64) -> Scenario {
    let mut s = base_scenario("displacement", 28, 2, 7070);
    let mut b = crossing("B", 32.545, -117.0);
    b.annual_inbound.pedestrians = 500_000.0;
    let mut c = crossing("C", 32.86, -117.0);
    c.annual_inbound.personal_vehicles = 100_000.0;
    let mut d = crossing("D", 36.1, -117.0);
    d.annual_inbound.personal_vehicles = 100_000.0;
    s.crossings[0].lat = 32.5;
    s.crossings[0].lon = -117.0;
    s.crossings[0].annual_inbound.personal_vehicles = 200_000.0;
    s.crossings.extend([b, c, d]);
    s.threat
        .contraband
        .currency
        .prevalence_per_100k
        .personal_vehicles = 500.0;
    s.adversary.adaptive_share = 1.0;
    s.adversary.spotting_probability = 1.0;
    s.adversary.on_spotting = SpottingResponse {
        wait: 0.0,
        move_crossing: 1.0,
        give_up: 0.0,
    };
    s.adversary.max_detour_km = max_detour_km;
    let plan = quiet_plan(
        Schedule::Continuous,
        Selection::All,
        Technique::SearchAll,
        5,
    );
    let mut st = strategy(
        "24/7 at A",
        quiet_plan(Schedule::None, Selection::All, Technique::SearchAll, 1),
    );
    st.overrides = vec![PlanOverride {
        applies_to: CrossingFilter {
            crossing_ids: vec!["T1".to_string()],
            ..Default::default()
        },
        plan,
    }];
    s.strategies = vec![st];
    s
}

#[test]
fn carriers_move_only_to_a_crossing_of_their_traffic_within_the_detour() {
    let model = Model::new(valid(scenario(100.0)));
    let r = &model.run_replication(0)[0];
    // Carriers start at A and C; those at C meet no operation, those at A all move.
    let moved = r.carriers.moved;
    assert!(moved > 20, "moved: {moved}");
    assert_eq!(r.crossings[1].moved_in, 0, "to the pedestrian crossing");
    assert_eq!(
        r.crossings[2].moved_in, moved,
        "to the car crossing 40 km away"
    );
    assert_eq!(r.crossings[3].moved_in, 0, "to the crossing 400 km away");

    let model = Model::new(valid(scenario(20.0)));
    let r = &model.run_replication(0)[0];
    assert!(r.carriers.moved > 20);
    assert!(r.crossings.iter().all(|c| c.moved_in == 0));
    assert_eq!(r.carriers.displaced, r.carriers.moved);
}

/// A plan that inspects cars and trucks at a pedestrian-only crossing plans no
/// operation there and charges no officer-hours; at a car crossing it runs.
#[test]
fn no_operation_for_traffic_the_crossing_does_not_carry() {
    let mut s = scenario(100.0);
    let plan = quiet_plan(
        Schedule::DailyFixed {
            windows: vec![Window {
                start_hour: 8.0,
                duration_hours: 2.0,
            }],
            days: [true; 7],
        },
        Selection::All,
        Technique::Interview,
        1,
    );
    s.strategies[0].plan = plan;
    s.strategies[0].overrides.clear();
    let model = Model::new(valid(s));
    let r = &model.run_replication(0)[0];
    assert_eq!(r.crossings[1].operations, 0);
    assert_eq!(r.crossings[1].officer_hours, 0.0);
    assert_eq!(r.crossings[1].budget, 0.0);
    assert_eq!(r.crossings[0].operations, 28);
}
