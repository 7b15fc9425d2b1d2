//! Rule 5 of MODEL.md, conservation, as a property over random small scenarios: every
//! arrival is screened, waved through, or still in the system at the end; every carrier
//! is detected, undetected, displaced or deterred — nothing is lost or counted twice —
//! and the breakdowns (by contraband, modality, crossing, clock hour) add up to the
//! totals they break down.
//!
//! The scenarios are drawn by proptest from the whole space the validator accepts
//! (every schedule kind with random windows, minimum frequencies, overrides, selections,
//! techniques, teams, storage, recalls, adaptive carriers and their responses, waves,
//! 1–4 crossings on either border, 7–60 days, random seeds). The run is reproducible:
//! 32 cases from a fixed ChaCha seed, no failure files.

mod common;

use common::valid;
use egress_core::metrics::StrategyReplication;
use egress_core::scenario::presets::{
    default_costs, default_inspection, default_threat, default_traffic,
};
use egress_core::scenario::*;
use egress_core::simulation::Model;
use proptest::prelude::{Just, any, prop, prop_oneof};
use proptest::strategy::Strategy as Gen;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::RefCell;

fn days() -> impl Gen<Value = [bool; 7]> {
    prop::array::uniform7(any::<bool>()).prop_map(|mut d| {
        if !d.iter().any(|on| *on) {
            d[2] = true;
        }
        d
    })
}

fn schedule() -> impl Gen<Value = Schedule> {
    let window = (0.0..23.99f64, 0.25..24.0f64).prop_map(|(start_hour, duration_hours)| Window {
        start_hour,
        duration_hours,
    });
    prop_oneof![
        Just(Schedule::None),
        (prop::collection::vec(window, 1..=3), days())
            .prop_map(|(windows, days)| Schedule::DailyFixed { windows, days }),
        (0.25..24.0f64, 0.0..23.99f64, 0.0..23.99f64, days()).prop_map(|(d, a, b, days)| {
            Schedule::DailyRandom {
                duration_hours: d,
                earliest_start_hour: a.min(b),
                latest_start_hour: a.max(b),
                days,
            }
        }),
        (1u32..=24, days()).prop_map(|(busiest_hours, days)| Schedule::PeakTime {
            busiest_hours,
            days
        }),
        (
            1u32..=20,
            prop_oneof![Just(Period::Week), Just(Period::Month)],
            0.25..24.0f64
        )
            .prop_map(|(operations, per, duration_hours)| Schedule::PulseRandom {
                operations,
                per,
                duration_hours
            }),
        (
            0.0..=1.0f64,
            0.0..200.0f64,
            0.0..30.0f64,
            1u32..=7,
            0.25..24.0f64
        )
            .prop_map(|(q, lag, false_alarms, surge_days, duration)| {
                Schedule::PulseIntel {
                    detection_probability: q,
                    lag_hours: lag,
                    false_alarms_per_year: false_alarms,
                    surge_days,
                    duration_hours: duration,
                }
            }),
        Just(Schedule::Continuous),
    ]
}

fn selection() -> impl Gen<Value = Selection> {
    prop_oneof![
        Just(Selection::All),
        (0.01..=1.0f64).prop_map(|fraction| Selection::RandomFraction { fraction }),
        (0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(c, o)| Selection::RiskBased {
            carrier_pick_rate: c,
            other_pick_rate: o,
        }),
    ]
}

fn plan() -> impl Gen<Value = Plan> {
    let technique = prop_oneof![
        Just(Technique::Interview),
        Just(Technique::NiiThenSearch),
        Just(Technique::SearchAll),
    ];
    let floor =
        prop::option::of(
            (1.0..30.0f64, 0.25..24.0f64).prop_map(|(gap, hours)| MinFrequency {
                max_gap_days: gap,
                duration_hours: hours,
            }),
        );
    let modalities = prop::array::uniform4(any::<bool>()).prop_map(|mut m| {
        if !m.iter().any(|on| *on) {
            m[0] = true;
        }
        PerModality {
            personal_vehicles: m[0],
            trucks: m[1],
            buses: m[2],
            pedestrians: m[3],
        }
    });
    (
        (schedule(), floor, modalities, selection()),
        (any::<bool>(), technique, 1u32..=6, 2u32..=3),
        (
            prop_oneof![Just(0.0), 0.0..0.5f64],
            prop_oneof![Just(0.0), 0.0..1.0f64],
            (0.0..8.0f64, 16.0..=24.0f64, any::<bool>()),
        ),
    )
        .prop_map(
            |(
                (mut schedule, mut min_frequency, modalities, selection),
                (trusted_exempt, technique, teams, crew_size),
                (cancel, per_hour, (from_hour, to_hour, traffic_weighted)),
            )| {
                let operating_hours = OperatingHours {
                    from_hour,
                    to_hour,
                    traffic_weighted,
                };
                // Random operations must fit in the operating hours (validation says so).
                let room = operating_hours.hours();
                match &mut schedule {
                    Schedule::PulseRandom {
                        operations,
                        per,
                        duration_hours,
                    } => {
                        *duration_hours = duration_hours.min(room);
                        *operations = (*operations)
                            .min(operating_hours.fit_per_day(*duration_hours) * per.fewest_days());
                    }
                    Schedule::PulseIntel { duration_hours, .. } => {
                        *duration_hours = duration_hours.min(room);
                    }
                    _ => {}
                }
                if let Some(m) = &mut min_frequency {
                    m.duration_hours = m.duration_hours.min(room);
                }
                // Continuous operation is the upper bound: never cancelled or recalled.
                let (cancel, per_hour) = if schedule == Schedule::Continuous {
                    (0.0, 0.0)
                } else {
                    (cancel, per_hour)
                };
                Plan {
                    schedule,
                    min_frequency,
                    operating_hours,
                    modalities,
                    selection,
                    trusted_exempt,
                    technique,
                    teams,
                    crew_size,
                    recall: Recall {
                        cancel_probability: cancel,
                        recall_per_hour: per_hour,
                    },
                    nii_units_bought: 0,
                }
            },
        )
}

fn strategies(crossings: usize) -> impl Gen<Value = Vec<Strategy>> {
    let override_plan =
        (0..crossings, any::<bool>(), plan()).prop_map(|(i, by_border, plan)| PlanOverride {
            applies_to: if by_border {
                CrossingFilter {
                    border: Some(Border::Northern),
                    ..Default::default()
                }
            } else {
                CrossingFilter {
                    crossing_ids: vec![format!("X{i}")],
                    ..Default::default()
                }
            },
            plan,
        });
    prop::collection::vec((plan(), prop::option::of(override_plan)), 1..=3).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (plan, o))| Strategy {
                name: format!("strategy {i}"),
                description: String::new(),
                plan,
                overrides: o.into_iter().collect(),
            })
            .collect()
    })
}

/// An annual volume, zero one time in five, otherwise log-uniform from 10^`min` to
/// 10^`max`.
fn volume(min: f64, max: f64) -> impl Gen<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        4 => (min..max).prop_map(|e| 10f64.powf(e)),
    ]
}

fn crossing() -> impl Gen<Value = Crossing> {
    (
        (
            volume(3.0, 6.3),
            volume(2.0, 5.7),
            volume(1.0, 4.0),
            volume(2.0, 5.7),
        ),
        prop::array::uniform4(0u32..=4),
        (1u32..=30, 0u32..=12, 0u32..=3, 0.0..=1.0f64),
        (any::<bool>(), 0.0..3.0f64, 0.0..3.0f64, 1u32..=12),
    )
        .prop_map(
            |(volumes, lanes, (storage, officers, nii, uptime), (north, dlat, dlon, bays))| {
                Crossing {
                    id: String::new(),
                    name: "Random crossing".to_string(),
                    state: "TX".to_string(),
                    border: if north {
                        Border::Northern
                    } else {
                        Border::Southwest
                    },
                    field_office: if north { "Detroit" } else { "Laredo" }.to_string(),
                    lat: if north { 45.0 } else { 29.0 } + dlat,
                    lon: -100.0 + dlon,
                    annual_inbound: PerModality {
                        personal_vehicles: volumes.0,
                        trucks: volumes.1,
                        buses: volumes.2,
                        pedestrians: volumes.3,
                    },
                    lanes: PerModality {
                        personal_vehicles: lanes[0],
                        trucks: lanes[1],
                        buses: lanes[2],
                        pedestrians: lanes[3],
                    },
                    storage_per_lane: storage,
                    secondary_bays: bays,
                    officers_per_shift: officers,
                    nii_units: nii,
                    nii_units_bought: nii % 2,
                    connectivity_uptime: uptime,
                }
            },
        )
}

fn threat() -> impl Gen<Value = Threat> {
    (
        1.0..200.0f64,
        0.0..6.0f64,
        0.5..30.0f64,
        1.0..5.0f64,
        0.0..=1.0f64,
    )
        .prop_map(|(factor, per_year, duration_days, multiplier, trusted)| {
            let mut t = default_threat();
            for k in Contraband::ALL {
                let c = t.contraband.get_mut(k);
                c.prevalence_per_100k = c.prevalence_per_100k.map(|_, v| (v * factor).min(1000.0));
            }
            t.waves = Waves {
                per_year,
                duration_days,
                multiplier,
            };
            t.trusted_carrier_share = trusted;
            t
        })
}

fn adversary() -> impl Gen<Value = Adversary> {
    (
        (0.0..=1.0f64, 0.0..60.0f64, 0.0..=1.0f64, 0.0..=1.0f64),
        (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64),
        (0.1..48.0f64, 0u32..=5, 5.0..130.0f64),
    )
        .prop_map(
            |((adaptive, learning, spotting, learners), (w, m, g), (wait, retries, speed))| {
                let total = w + m + g + 3e-3;
                let wait_share = (w + 1e-3) / total;
                let move_share = (m + 1e-3) / total;
                Adversary {
                    adaptive_share: adaptive,
                    learning_share: learners,
                    learning_days: learning,
                    spotting_probability: spotting,
                    on_spotting: SpottingResponse {
                        wait: wait_share,
                        move_crossing: move_share,
                        give_up: (1.0 - wait_share - move_share).max(0.0),
                    },
                    wait_hours: wait,
                    max_retries: retries,
                    travel_speed_kmh: speed,
                    // 15–390 km: crossings 0–330 km apart are sometimes out of reach.
                    max_detour_km: speed * 3.0,
                }
            },
        )
}

fn scenario() -> impl Gen<Value = Scenario> {
    (1usize..=4)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(crossing(), n),
                strategies(n),
                (threat(), adversary()),
                (
                    7u32..=60,
                    any::<u64>(),
                    0.0..=1.0f64,
                    0.0..0.2f64,
                    any::<bool>(),
                ),
            )
        })
        .prop_map(
            |(
                mut crossings,
                mut strategies,
                (threat, adversary),
                (horizon, seed, nii_up, fa, delay),
            )| {
                for (i, c) in crossings.iter_mut().enumerate() {
                    c.id = format!("X{i}");
                }
                // An override must match a crossing (a northern one may have none).
                for st in &mut strategies {
                    st.overrides
                        .retain(|o| crossings.iter().any(|c| o.applies_to.matches(c)));
                }
                let mut inspection = default_inspection();
                inspection.nii.availability = nii_up;
                inspection.nii.false_alarm_rate = fa;
                let mut costs = default_costs();
                costs.include_traveller_delay = delay;
                Scenario {
                    version: SCENARIO_VERSION,
                    name: "random conservation scenario".to_string(),
                    description: String::new(),
                    question: String::new(),
                    horizon_days: horizon,
                    replications: 3,
                    seed,
                    crossings,
                    traffic: default_traffic(),
                    threat,
                    adversary,
                    inspection,
                    costs,
                    strategies,
                    programme: None,
                    record: None,
                    assurance: None,
                }
            },
        )
}

macro_rules! check_eq {
    ($label:expr, $a:expr, $b:expr) => {
        if $a != $b {
            return Err(TestCaseError::fail(format!(
                "{}: {} = {:?} but {} = {:?}",
                $label,
                stringify!($a),
                $a,
                stringify!($b),
                $b
            )));
        }
    };
}

macro_rules! check {
    ($label:expr, $cond:expr) => {
        let holds: bool = $cond;
        if !holds {
            return Err(TestCaseError::fail(format!(
                "{}: {}",
                $label,
                stringify!($cond)
            )));
        }
    };
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// The conservation identities of one record (MODEL rule 5 and the breakdowns).
fn conserved(s: &Scenario, r: &StrategyReplication) -> Result<(), TestCaseError> {
    let label = format!("replication {} strategy {}", r.replication, r.strategy);
    let label = label.as_str();
    let c = &r.carriers;
    let v = &r.vehicles;

    // Carriers: the four outcomes partition the carriers.
    check_eq!(
        label,
        c.attempted,
        c.detected + c.undetected + c.displaced + c.deterred
    );
    check!(label, c.displaced <= c.moved);
    check_eq!(
        label,
        c.attempted,
        r.by_contraband
            .iter()
            .map(|(_, t)| t.attempted)
            .sum::<u64>()
    );
    check_eq!(
        label,
        c.attempted,
        r.by_modality.iter().map(|(_, t)| t.attempted).sum::<u64>()
    );
    check_eq!(
        label,
        c.detected,
        r.by_contraband.iter().map(|(_, t)| t.detected).sum::<u64>()
    );
    check_eq!(
        label,
        c.detected,
        r.by_modality.iter().map(|(_, t)| t.detected).sum::<u64>()
    );
    for (_, t) in r.by_contraband.iter() {
        check!(label, t.detected <= t.attempted);
        check!(label, t.amount_seized <= t.amount_attempted);
    }
    check_eq!(
        label,
        c.attempted,
        r.crossings.iter().map(|x| x.carriers).sum::<u64>()
    );
    check_eq!(
        label,
        c.detected,
        r.crossings.iter().map(|x| x.detected).sum::<u64>()
    );
    check!(
        label,
        r.crossings.iter().map(|x| x.moved_in).sum::<u64>() <= c.moved
    );

    // Vehicles: every arrival that met an operation is accounted for once.
    check_eq!(
        label,
        v.met_operation,
        v.screened + v.not_selected + v.flushed + v.released_on_recall + v.in_system_at_end
    );
    check_eq!(
        label,
        v.exits,
        v.screened + v.waved_through + v.in_system_at_end
    );
    check!(label, v.met_operation <= v.exits);
    check!(
        label,
        v.waved_through >= v.not_selected + v.flushed + v.released_on_recall
    );
    check_eq!(
        label,
        v.exits,
        r.crossings.iter().map(|x| x.exits).sum::<u64>()
    );
    check_eq!(
        label,
        r.waits.joined,
        v.screened + v.flushed + v.released_on_recall + v.in_system_at_end
    );
    check_eq!(label, r.inspections, v.screened);
    check_eq!(label, r.waits.screened, v.screened);
    check_eq!(
        label,
        r.inspections,
        r.crossings.iter().map(|x| x.inspections).sum::<u64>()
    );
    check!(label, c.detected <= v.screened);
    check!(label, r.searches <= r.inspections);
    check!(label, r.false_alarm_searches <= r.searches);

    // Operations: per crossing and per clock hour, the hours add up.
    check_eq!(
        label,
        r.operations,
        r.crossings.iter().map(|x| x.operations).sum::<u64>()
    );
    check!(label, r.operations_cut_short <= r.operations);
    let by_crossing: f64 = r.crossings.iter().map(|x| x.operation_hours).sum();
    let by_clock: f64 = r.operation_hours_by_clock_hour.iter().sum();
    check!(label, close(r.operation_hours, by_crossing));
    check!(label, close(r.operation_hours, by_clock));
    check!(label, close(r.operation_hours, r.waits.admitting_hours));
    let horizon = f64::from(s.horizon_days) * 24.0;
    for x in &r.crossings {
        check!(label, x.operation_hours <= horizon + 1e-9);
    }
    check_eq!(label, r.crossings.len(), s.crossings.len());
    Ok(())
}

/// How many records exercised each path that the identities guard; a path never taken
/// would make its identity hold trivially.
#[derive(Default, Debug)]
struct Seen {
    flushed: u64,
    released: u64,
    in_system: u64,
    not_selected: u64,
    detected: u64,
    displaced: u64,
    deterred: u64,
}

/// Rule 5 as a property: for 32 random valid scenarios (which must pass validation as
/// generated), every record of every strategy in a random replication satisfies the
/// conservation identities above. The cases must, between them, have flushed, released
/// and left vehicles in the system, and detected, displaced and deterred carriers.
#[test]
fn every_arrival_and_every_carrier_is_accounted_for() {
    let config = Config {
        cases: 32,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let seen = RefCell::new(Seen::default());
    let result = runner.run(&(scenario(), 0u32..3), |(s, replication)| {
        if let Err(problems) = validate(s.clone()) {
            return Err(TestCaseError::fail(format!(
                "generated scenario is invalid: {problems:?}"
            )));
        }
        let model = Model::new(valid(s.clone()));
        let records = model.run_replication(replication);
        let mut seen = seen.borrow_mut();
        check_eq!("strategies", records.len(), s.strategies.len());
        for r in &records {
            check_eq!("replication index", r.replication, replication);
            conserved(&s, r)?;
            seen.flushed += u64::from(r.vehicles.flushed > 0);
            seen.released += u64::from(r.vehicles.released_on_recall > 0);
            seen.in_system += u64::from(r.vehicles.in_system_at_end > 0);
            seen.not_selected += u64::from(r.vehicles.not_selected > 0);
            seen.detected += u64::from(r.carriers.detected > 0);
            seen.displaced += u64::from(r.carriers.displaced > 0);
            seen.deterred += u64::from(r.carriers.deterred > 0);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen = seen.into_inner();
    assert!(
        seen.flushed > 0
            && seen.released > 0
            && seen.in_system > 0
            && seen.not_selected > 0
            && seen.detected > 0
            && seen.displaced > 0
            && seen.deterred > 0,
        "the random scenarios missed a path: {seen:?}"
    );
}
