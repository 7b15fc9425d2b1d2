//! Schedules mean what they say: "N operations a week" is N operations, none
//! overlapping, each paying its set-up; operations placed at a random time (pulses,
//! intelligence surges, minimum-frequency fill-ins) start and end inside the plan's
//! daily operating hours, and, when weighted by traffic, fall where the traffic is.

mod common;

use common::*;
use egress_core::scenario::presets;
use egress_core::scenario::*;
use egress_core::simulation::{Model, Operation};

/// The operations of strategy 0 at crossing 0 in replication `r`.
fn planned(model: &Model, r: u32) -> Vec<Operation> {
    let replication = model.replication(r);
    model
        .planned_operations(&replication, 0)
        .remove(0)
        .operations
}

/// Every operation starts and ends inside the operating hours of its own day, and none
/// overlaps the next.
fn assert_inside(label: &str, ops: &[Operation], hours: OperatingHours) {
    for (i, op) in ops.iter().enumerate() {
        let day = (op.start / 24.0).floor();
        let (from, to) = (day * 24.0 + hours.from_hour, day * 24.0 + hours.to_hour);
        assert!(
            op.start >= from - 1e-9 && op.planned_end <= to + 1e-9,
            "{label}: operation {i} runs {:.3}–{:.3}, outside {from}–{to}",
            op.start,
            op.planned_end
        );
        if let Some(next) = ops.get(i + 1) {
            assert!(
                next.start >= op.planned_end - 1e-9,
                "{label}: operations {i} and {} overlap",
                i + 1
            );
        }
    }
}

/// One crossing with a year of traffic and a plan with no cancellation or recall.
fn pulse_scenario(schedule: Schedule, hours: OperatingHours, seed: u64) -> Scenario {
    let mut s = base_scenario("pulses", 364, 6, seed);
    s.crossings[0].annual_inbound.personal_vehicles = 200_000.0;
    let mut plan = quiet_plan(schedule, Selection::All, Technique::Interview, 1);
    plan.operating_hours = hours;
    s.strategies = vec![strategy("pulses", plan)];
    s
}

/// Six 3-hour operations a week for 52 weeks are exactly 312 operations (format 1 gave
/// about 286: random starts over the whole week overlapped and merged), each inside
/// 06:00–22:00 and none overlapping, uniform or weighted by traffic; the engine staffs
/// each one and pays its set-up. The densest plan that fits (four 4-hour operations a
/// day, 28 a week, in a 16-hour window) is also met exactly.
#[test]
fn n_operations_a_week_are_n_operations_inside_the_operating_hours() {
    for (operations, duration, weighted) in [
        (6, 3.0, false),
        (6, 3.0, true),
        (28, 4.0, false),
        (28, 4.0, true),
    ] {
        let hours = OperatingHours {
            traffic_weighted: weighted,
            ..OperatingHours::STAFFED
        };
        let s = pulse_scenario(
            Schedule::PulseRandom {
                operations,
                per: Period::Week,
                duration_hours: duration,
            },
            hours,
            77,
        );
        let setup = s.costs.setup_cost_per_operation;
        let label = format!("{operations} × {duration} h a week, weighted {weighted}");
        let (model, records) = run_all(s);
        let expected = u64::from(operations) * 52;
        for r in &records {
            let ops = planned(&model, r.replication);
            assert_eq!(ops.len() as u64, expected, "{label}");
            assert_inside(&label, &ops, hours);
            assert_eq!(r.operations, expected, "{label}: operations staffed");
            assert!((r.budget.setup - expected as f64 * setup).abs() < 1e-6);
        }
    }
}

/// Two operations a month over a 365-day year: exactly 24, inside the operating hours.
#[test]
fn n_operations_a_month_are_n_operations() {
    let hours = OperatingHours {
        from_hour: 8.0,
        to_hour: 18.0,
        traffic_weighted: false,
    };
    let mut s = pulse_scenario(
        Schedule::PulseRandom {
            operations: 2,
            per: Period::Month,
            duration_hours: 2.0,
        },
        hours,
        78,
    );
    s.horizon_days = 365;
    let (model, records) = run_all(s);
    for r in &records {
        let ops = planned(&model, r.replication);
        assert_eq!(ops.len(), 24);
        assert_inside("2 a month", &ops, hours);
    }
}

/// Intelligence-led surges (frequent waves and false alarms, so surges overlap) start
/// inside the operating hours, one a day at most.
#[test]
fn intelligence_surges_run_inside_the_operating_hours() {
    let hours = OperatingHours {
        from_hour: 7.0,
        to_hour: 19.0,
        traffic_weighted: true,
    };
    let mut s = pulse_scenario(
        Schedule::PulseIntel {
            detection_probability: 1.0,
            lag_hours: 5.0,
            false_alarms_per_year: 20.0,
            surge_days: 4,
            duration_hours: 5.0,
        },
        hours,
        79,
    );
    s.threat.waves.per_year = 20.0;
    let model = Model::new(valid(s));
    let mut total = 0;
    for r in 0..model.scenario.replications {
        let ops = planned(&model, r);
        assert_inside("intelligence surges", &ops, hours);
        for pair in ops.windows(2) {
            assert!((pair[0].start / 24.0).floor() < (pair[1].start / 24.0).floor());
        }
        total += ops.len();
    }
    assert!(total > 100, "surges seen: {total}");
}

/// Minimum-frequency fill-ins (no schedule of its own, a 7-day floor of 2-hour
/// operations, nine in ten scheduled operations cancelled) start inside the operating
/// hours and still leave no gap over 7 days, before the first or after the last
/// operation included.
#[test]
fn minimum_frequency_fill_ins_run_inside_the_operating_hours() {
    let hours = OperatingHours {
        from_hour: 9.0,
        to_hour: 17.0,
        traffic_weighted: false,
    };
    for schedule in [
        Schedule::None,
        Schedule::PulseRandom {
            operations: 1,
            per: Period::Month,
            duration_hours: 2.0,
        },
    ] {
        let mut s = pulse_scenario(schedule, hours, 80);
        let plan = &mut s.strategies[0].plan;
        plan.min_frequency = Some(MinFrequency {
            max_gap_days: 7.0,
            duration_hours: 2.0,
        });
        plan.recall.cancel_probability = 0.9;
        let horizon = f64::from(s.horizon_days) * 24.0;
        let model = Model::new(valid(s));
        for r in 0..model.scenario.replications {
            let ops = planned(&model, r);
            assert_inside("floor", &ops, hours);
            let mut last = 0.0;
            for op in &ops {
                assert!(op.start - last <= 168.0 + 1e-9, "gap before {op:?}");
                last = op.planned_end;
            }
            assert!(horizon - last <= 168.0 + 1e-9);
        }
    }
}

/// A fill-in that fits nowhere inside the operating hours is not run (and is counted),
/// never moved to another hour. Fixed windows at 06:00–07:00 and 07:30–08:00, half of
/// them cancelled, with a 1-day floor of 16-hour fill-ins in 06:00–22:00 (so a fill-in
/// can only start at 06:00): after an operation ending at 07:00 whose next kept one
/// starts at 07:30 the next day, the gap exceeds a day but a fill-in would have to start
/// by 15:30 and after 07:00, which no 06:00 start is. Format 2 then drew a start at any
/// hour (from 07:00 to 15:00, so the fill-in ran into the night).
#[test]
fn fill_ins_that_fit_nowhere_in_the_hours_are_not_run() {
    let mut s = pulse_scenario(
        Schedule::DailyFixed {
            windows: vec![
                Window {
                    start_hour: 6.0,
                    duration_hours: 1.0,
                },
                Window {
                    start_hour: 7.5,
                    duration_hours: 0.5,
                },
            ],
            days: [true; 7],
        },
        OperatingHours::STAFFED,
        83,
    );
    let plan = &mut s.strategies[0].plan;
    plan.min_frequency = Some(MinFrequency {
        max_gap_days: 1.0,
        duration_hours: 16.0,
    });
    plan.recall.cancel_probability = 0.5;
    let model = Model::new(valid(s));
    let mut not_placed = 0;
    for r in 0..model.scenario.replications {
        let replication = model.replication(r);
        let plan = model.planned_operations(&replication, 0).remove(0);
        assert_inside(
            "fixed with a floor",
            &plan.operations,
            OperatingHours::STAFFED,
        );
        not_placed += plan.fill_ins_not_placed;
        assert_eq!(
            model.run(&replication, 0).fill_ins_not_placed,
            plan.fill_ins_not_placed
        );
    }
    assert!(not_placed > 0, "the case never arose");
}

/// Traffic weighting, against theory. One 1-hour operation a week at a crossing whose
/// days all carry the same traffic, operating hours 00:00–24:00: a start at clock time
/// c = h + f (0 ≤ f < 1) meets the traffic (1 − f)·s_h + f·s_{h+1} of the hour profile
/// s, so a start falls in clock hour h (0 ≤ h ≤ 22) with probability
/// p_h = (s_h + s_{h+1})/2 ÷ Σ_k (s_k + s_{k+1})/2. The share of starts between 14:00 and
/// 20:00 and between 00:00 and 06:00, pooled over replications, must each lie in the
/// 99.9% Wilson interval of their count; unweighted starts would give 6/23 for both,
/// and the theory must be far enough from it for the test to tell the two apart.
#[test]
fn traffic_weighted_starts_follow_the_traffic() {
    let hours = OperatingHours {
        from_hour: 0.0,
        to_hour: 24.0,
        traffic_weighted: true,
    };
    let mut s = pulse_scenario(
        Schedule::PulseRandom {
            operations: 1,
            per: Period::Week,
            duration_hours: 1.0,
        },
        hours,
        81,
    );
    uniform_days(&mut s);
    s.replications = 60;
    let shares = {
        let p = s.traffic.modalities.personal_vehicles.hour_profile;
        let total: f64 = p.iter().sum();
        p.map(|v| v / total)
    };
    let mass: Vec<f64> = (0..23).map(|h| (shares[h] + shares[h + 1]) / 2.0).collect();
    let total: f64 = mass.iter().sum();
    let model = Model::new(valid(s));
    let starts: Vec<f64> = (0..model.scenario.replications)
        .flat_map(|r| planned(&model, r))
        .map(|op| op.start % 24.0)
        .collect();
    let n = starts.len() as u64;
    assert_eq!(n, 52 * 60);
    for (from, to) in [(14usize, 20usize), (0, 6)] {
        let p: f64 = mass[from..to].iter().sum::<f64>() / total;
        let k = starts
            .iter()
            .filter(|c| **c >= from as f64 && **c < to as f64)
            .count() as u64;
        let (low, high) = wilson(k, n, Z999);
        assert!(
            low <= p && p <= high,
            "{from}:00–{to}:00: {k} of {n} starts, interval {low:.4}–{high:.4}, theory {p:.4}"
        );
        assert!(
            (p - 6.0 / 23.0).abs() > 2.0 * (high - low),
            "theory {p:.4} too close to uniform to test"
        );
    }
}

/// What does not fit in the operating hours is refused at its field: an operation
/// longer than the hours, more operations a week than fit end to end, hours that end
/// before they start.
#[test]
fn plans_that_do_not_fit_their_operating_hours_are_refused() {
    let hours = OperatingHours {
        from_hour: 8.0,
        to_hour: 12.0,
        traffic_weighted: false,
    };
    let mut s = pulse_scenario(
        Schedule::PulseRandom {
            operations: 15,
            per: Period::Week,
            duration_hours: 2.0,
        },
        hours,
        82,
    );
    let mut floor = s.strategies[0].clone();
    floor.name = "floor".to_string();
    floor.plan.schedule = Schedule::None;
    floor.plan.min_frequency = Some(MinFrequency {
        max_gap_days: 7.0,
        duration_hours: 5.0,
    });
    let mut backwards = s.strategies[0].clone();
    backwards.name = "backwards".to_string();
    backwards.plan.operating_hours.to_hour = 7.0;
    s.strategies.extend([floor, backwards]);
    let problems = validate(s).expect_err("must be refused");
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 3, "{found:?}");
    assert_eq!(found[0].0, "strategies[0].plan.schedule.operations");
    assert!(
        found[0].1.contains("at most 14 operations"),
        "{}",
        found[0].1
    );
    assert_eq!(
        found[1].0,
        "strategies[1].plan.min_frequency.duration_hours"
    );
    assert!(found[1].1.contains("08:00–12:00"), "{}", found[1].1);
    assert_eq!(found[2].0, "strategies[2].plan.operating_hours.to_hour");
}

/// Continuous operation is the upper bound: the San Ysidro preset's 24/7 strategy over
/// four weeks runs every hour of the horizon, no operation is cancelled or cut short,
/// and every vehicle meets an operation (all kinds of traffic inspected here) (format 1 kept 10% cancellations and recalls,
/// so its "upper bound" covered about 75% of hours). A continuous plan with a recall
/// rate is refused, and the v1 San Ysidro file opens with its continuous plan's recall
/// set to zero.
#[test]
fn continuous_operation_is_the_upper_bound() {
    let mut s = presets::preset("san-ysidro").expect("preset");
    s.horizon_days = 28;
    s.replications = 2;
    let i = s
        .strategies
        .iter()
        .position(|st| st.plan.schedule == Schedule::Continuous)
        .expect("the preset has an upper bound");
    assert!(s.strategies[i].name.contains("upper bound"));
    // Every kind of traffic, so that every exit can be compared with those who met it,
    // and no carrier who waits past the horizon (and crosses unobserved).
    s.strategies[i].plan.modalities = PerModality::from_fn(|_| true);
    s.adversary.adaptive_share = 0.0;
    let (_, records) = run_all(s.clone());
    for r in of_strategy(&records, i as u32) {
        assert_eq!(r.operations_cancelled, 0);
        assert_eq!(r.operations_cut_short, 0);
        assert!(
            (r.operation_hours - 28.0 * 24.0).abs() < 1e-9,
            "{}",
            r.operation_hours
        );
        assert_eq!(r.vehicles.met_operation, r.vehicles.exits);
    }

    s.strategies[i].plan.recall.recall_per_hour = 0.05;
    let problems = validate(s).expect_err("recalls on the upper bound are refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, format!("strategies[{i}].plan.recall"));

    let v1 = include_str!("fixtures/san_ysidro_v1.json");
    let opened = parse_and_validate(v1).expect("v1 file opens");
    for st in &opened.strategies {
        if st.plan.schedule == Schedule::Continuous {
            assert_eq!(st.plan.recall.cancel_probability, 0.0);
            assert_eq!(st.plan.recall.recall_per_hour, 0.0);
        }
    }
}
