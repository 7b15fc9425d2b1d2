//! The randomised schedule against learning carriers: the game's known answers, and the
//! simulated schedule following the optimised hourly weights.

mod common;

use common::*;
use egress_core::decide::game::{Game, mixed_schedule};
use egress_core::scenario::*;
use egress_core::simulation::Model;

fn game(traffic: Vec<f64>, hours: f64, adaptive: f64) -> Game {
    Game {
        traffic,
        operation_hours: hours,
        adaptive_share: adaptive,
        detection: 0.6,
        adaptive_hours: Vec::new(),
    }
}

/// A daily profile with distinct hours: busiest at 17:00, quietest at 04:00.
fn profile() -> Vec<f64> {
    (0..24)
        .map(|h| 1.0 + (h as f64 - 4.0).abs() * if h > 17 { 0.1 } else { 1.0 } + 0.01 * h as f64)
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-7
}

/// The objective of the best coverage whose floor is z: lift every usable hour to z, then
/// fill the rest busiest hour first (an exact answer for a given z); maximise over a fine
/// grid of z. The objective is concave piecewise linear in z, so the grid's best is within
/// (slope × step) of the true optimum.
fn by_scanning(g: &Game) -> f64 {
    let n = g.traffic.len();
    let total: f64 = g.traffic.iter().sum();
    let p: Vec<f64> = g.traffic.iter().map(|x| x / total).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    let usable: Vec<bool> = (0..n)
        .map(|h| g.adaptive_hours.is_empty() || g.adaptive_hours[h])
        .collect();
    let k = usable.iter().filter(|u| **u).count() as f64;
    let top = (g.operation_hours / k).min(1.0);
    let steps = 100_000;
    (0..=steps)
        .map(|i| {
            let z = top * i as f64 / steps as f64;
            let mut c: Vec<f64> = usable.iter().map(|&u| if u { z } else { 0.0 }).collect();
            let mut left = g.operation_hours - k * z;
            for &h in &order {
                let add = (1.0 - c[h]).min(left).max(0.0);
                c[h] += add;
                left -= add;
            }
            let naive: f64 = p.iter().zip(&c).map(|(a, b)| a * b).sum();
            g.detection * ((1.0 - g.adaptive_share) * naive + g.adaptive_share * z)
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn without_adaptive_carriers_all_coverage_goes_to_the_busiest_hours() {
    let g = game(profile(), 5.5, 0.0);
    let c = g.solve().unwrap();
    let p = &g.traffic;
    let mut order: Vec<usize> = (0..24).collect();
    order.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    for (rank, &h) in order.iter().enumerate() {
        let expected = match rank {
            0..=4 => 1.0,
            5 => 0.5,
            _ => 0.0,
        };
        assert!(
            close(c.hourly[h], expected),
            "hour {h} (rank {rank}): {} not {expected}",
            c.hourly[h]
        );
    }
    let total: f64 = p.iter().sum();
    let expected: f64 = 0.6 * order.iter().take(5).map(|&h| p[h] / total).sum::<f64>()
        + 0.6 * 0.5 * p[order[5]] / total;
    assert!(close(c.detection_rate, expected));
}

#[test]
fn against_adaptive_carriers_only_coverage_is_uniform() {
    let g = game(profile(), 6.0, 1.0);
    let c = g.solve().unwrap();
    assert!(c.hourly.iter().all(|&x| close(x, 0.25)), "{:?}", c.hourly);
    assert!(close(c.detection_rate, 0.6 * 0.25));
    assert!(close(c.adaptive_detection, 0.6 * 0.25));
}

/// Worked by hand: three hours with traffic 0.5, 0.3, 0.2, 1.5 operation-hours, a = 0.2.
/// With floor z ≤ 0.25 the best coverage is (1, 0.5 − z, z), objective
/// d[(1 − a)(0.65 − 0.1z) + a z], rising in z while a > 1/11; with 0.25 ≤ z ≤ 0.5 it is
/// (1.5 − 2z, z, z), objective d[(1 − a)(0.75 − 0.5z) + a z], falling while a < 1/3. So
/// for a = 0.2: z = 0.25, coverage (1, 0.25, 0.25), detection 0.55·d.
#[test]
fn an_intermediate_case_solved_by_hand() {
    let mut g = game(vec![0.5, 0.3, 0.2], 1.5, 0.2);
    g.detection = 1.0;
    let c = g.solve().unwrap();
    for (got, want) in c.hourly.iter().zip([1.0, 0.25, 0.25]) {
        assert!(close(*got, want), "{:?}", c.hourly);
    }
    assert!(close(c.detection_rate, 0.55));
    // Past a = 1/3 the floor rises to 0.5: uniform coverage.
    g.adaptive_share = 0.4;
    let c = g.solve().unwrap();
    assert!(c.hourly.iter().all(|&x| close(x, 0.5)), "{:?}", c.hourly);
}

#[test]
fn the_lp_matches_an_exact_scan_over_the_floor() {
    for (hours, a) in [
        (3.0, 0.1),
        (8.0, 0.3),
        (12.5, 0.6),
        (20.0, 0.9),
        (0.0, 0.5),
        (24.0, 0.5),
    ] {
        let g = game(profile(), hours, a);
        let c = g.solve().unwrap();
        let scanned = by_scanning(&g);
        assert!(
            c.detection_rate >= scanned - 1e-9,
            "hours {hours}, a {a}: LP {} < scan {scanned}",
            c.detection_rate
        );
        assert!(c.detection_rate <= scanned + 0.6 * 24.0 / 100_000.0 + 1e-9);
        assert!(close(c.hourly.iter().sum::<f64>(), hours));
    }
    // Adaptive carriers limited to 06:00–22:00: coverage at night only serves the others.
    let mut g = game(profile(), 8.0, 0.5);
    g.adaptive_hours = (0..24).map(|h| (6..22).contains(&h)).collect();
    let c = g.solve().unwrap();
    assert!(c.detection_rate >= by_scanning(&g) - 1e-9);
}

#[test]
fn bad_games_are_refused_with_the_field() {
    let ok = game(profile(), 4.0, 0.5);
    for (bad, field) in [
        (
            Game {
                traffic: vec![],
                ..ok.clone()
            },
            "traffic",
        ),
        (
            Game {
                traffic: vec![0.0; 24],
                ..ok.clone()
            },
            "traffic",
        ),
        (
            Game {
                operation_hours: 25.0,
                ..ok.clone()
            },
            "operation_hours",
        ),
        (
            Game {
                adaptive_share: 1.5,
                ..ok.clone()
            },
            "adaptive_share",
        ),
        (
            Game {
                detection: f64::NAN,
                ..ok.clone()
            },
            "detection",
        ),
        (
            Game {
                adaptive_hours: vec![false; 24],
                ..ok.clone()
            },
            "adaptive_hours",
        ),
        (
            Game {
                adaptive_hours: vec![true; 3],
                ..ok.clone()
            },
            "adaptive_hours",
        ),
    ] {
        let message = bad.solve().unwrap_err().to_string();
        assert!(message.starts_with(field), "{message}");
    }
}

/// The optimised coverage becomes a `Mixed` schedule; simulated over 30 replications of a
/// year (one one-hour operation a week: no two collide), the hours of the operations'
/// starts follow the weights: Pearson's χ² over the hours with weight is below the 0.999
/// quantile of χ² with (hours − 1) degrees of freedom, hours without weight get none, and
/// every year has exactly 52 operations.
#[test]
fn simulated_starts_follow_the_hourly_weights() {
    let mut weights = [0.0; 24];
    for (h, w) in weights.iter_mut().enumerate().take(22).skip(6) {
        *w = 1.0 + (h % 5) as f64;
    }
    let coverage = egress_core::decide::game::Coverage {
        hourly: weights.iter().map(|w| w / 71.0).collect(),
        detection_rate: 0.0,
        naive_detection: 0.0,
        adaptive_detection: 0.0,
    };
    let schedule = mixed_schedule(&coverage, 1.0).unwrap();
    let Schedule::Mixed {
        operations_per_week,
        ..
    } = schedule
    else {
        panic!("not mixed")
    };
    // Σ c = 48/71 of an hour a day ⇒ 4.7 one-hour operations a week, rounded to 5.
    assert_eq!(operations_per_week, 5);
    let schedule = Schedule::Mixed {
        hourly_weights: weights,
        operations_per_week: 1,
        duration_hours: 1.0,
    };
    let mut s = base_scenario("mixed", 364, 30, 4242);
    s.crossings[0].annual_inbound.personal_vehicles = 200_000.0;
    s.strategies = vec![strategy(
        "mixed",
        quiet_plan(schedule, Selection::All, Technique::Interview, 1),
    )];
    let model = Model::new(valid(s));
    let mut counts = [0u64; 24];
    for r in 0..30 {
        let replication = model.replication(r);
        let ops = model
            .planned_operations(&replication, 0)
            .remove(0)
            .operations;
        assert_eq!(ops.len(), 52, "replication {r}");
        for op in ops {
            counts[(op.start.rem_euclid(24.0)) as usize] += 1;
        }
    }
    let n: u64 = counts.iter().sum();
    let total: f64 = weights.iter().sum();
    let mut chi2 = 0.0;
    for h in 0..24 {
        if weights[h] == 0.0 {
            assert_eq!(counts[h], 0, "hour {h} has no weight");
        } else {
            let expected = n as f64 * weights[h] / total;
            chi2 += (counts[h] as f64 - expected).powi(2) / expected;
        }
    }
    // χ²(0.999, 15) = 37.697 (16 hours with weight).
    assert!(chi2 < 37.697, "χ² = {chi2:.2} over {counts:?}");
}

#[test]
fn a_mixed_schedule_is_validated_field_by_field() {
    let mut weights = [0.0; 24];
    weights[3] = f64::NAN;
    let schedule = Schedule::Mixed {
        hourly_weights: weights,
        operations_per_week: 0,
        duration_hours: 30.0,
    };
    let mut s = base_scenario("mixed", 28, 2, 1);
    s.strategies = vec![strategy(
        "mixed",
        quiet_plan(schedule, Selection::All, Technique::Interview, 1),
    )];
    let problems = validate(s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for field in [
        "hourly_weights[3]",
        "hourly_weights",
        "operations_per_week",
        "duration_hours",
    ] {
        assert!(
            paths
                .iter()
                .any(|p| p.ends_with(&format!("schedule.{field}"))),
            "no problem at schedule.{field}: {paths:?}"
        );
    }
    // A schedule survives a JSON round trip.
    let schedule = Schedule::Mixed {
        hourly_weights: [1.0; 24],
        operations_per_week: 3,
        duration_hours: 2.0,
    };
    let json = serde_json::to_string(&schedule).unwrap();
    assert!(json.contains("\"kind\":\"mixed\""), "{json}");
    assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), schedule);
}
