//! Frontiers and the allocation of a budget across crossings, against closed forms.

use egress_core::decide::allocation::{
    AllocationError, CrossingPlans, PlanPoint, allocate, cheapest_for, efficient,
    programme_frontier, upper_hull,
};

fn point(plan: usize, cost: f64, detections: f64) -> PlanPoint {
    PlanPoint {
        plan,
        cost,
        detections,
    }
}

#[test]
fn frontier_drops_dominated_plans_and_hull_drops_plans_under_a_chord() {
    let plans = [
        point(0, 0.0, 0.0),
        point(1, 10.0, 5.0),
        point(2, 10.0, 4.0), // same cost, fewer detections: dominated
        point(3, 12.0, 4.5), // dearer and fewer than plan 1: dominated
        point(4, 20.0, 6.0), // efficient but under the chord 1→5 (which gives 7 at 20)
        point(5, 30.0, 9.0),
        point(6, 40.0, 9.0), // dearer, no more: dominated
    ];
    let ids = |v: Vec<PlanPoint>| v.iter().map(|p| p.plan).collect::<Vec<_>>();
    assert_eq!(ids(efficient(&plans)), vec![0, 1, 4, 5]);
    assert_eq!(ids(upper_hull(&plans)), vec![0, 1, 5]);
    // Plans on a straight line all stay: each is a place a greedy allocation can stop.
    let line: Vec<PlanPoint> = (0..5)
        .map(|i| point(i, i as f64 * 10.0, i as f64 * 2.0))
        .collect();
    assert_eq!(ids(upper_hull(&line)), vec![0, 1, 2, 3, 4]);
    let budgeted = allocate(
        &[CrossingPlans {
            crossing: "line".into(),
            plans: line,
            floor: 1,
        }],
        25.0,
    )
    .unwrap();
    assert_eq!(budgeted.choices[0].plan, 2);
}

/// Crossing i detects d_i(b) = a_i (1 − e^{−b/s_i}) carriers a year for b dollars. The
/// continuous optimum of Σ d_i(b_i) subject to Σ b_i = B equalises the marginal rates:
/// d_i'(b_i) = (a_i/s_i) e^{−b_i/s_i} = λ. Choose s_i and the optimum b*_i on the plans'
/// grid (step h) and set a_i = s_i λ e^{b*_i/s_i}. Every chord left of b*_i then has a rate
/// above λ and every chord right of it a rate below, so with B = Σ b*_i the greedy on the
/// hulls must stop exactly at b*_i at every crossing.
#[test]
fn allocation_matches_marginal_equalisation() {
    let h = 50_000.0;
    let lambda = 2e-4; // detections per dollar at the optimum
    let scales = [200_000.0, 500_000.0, 1_000_000.0, 350_000.0];
    let optimum_steps = [3usize, 8, 12, 1];
    let crossings: Vec<CrossingPlans> = scales
        .iter()
        .zip(optimum_steps)
        .enumerate()
        .map(|(i, (&s, k))| {
            let b_star = k as f64 * h;
            let a = s * lambda * (b_star / s).exp();
            CrossingPlans {
                crossing: format!("crossing {i}"),
                plans: (0..=30)
                    .map(|j| {
                        let b = j as f64 * h;
                        point(j, b, a * (1.0 - (-b / s).exp()))
                    })
                    .collect(),
                floor: 0,
            }
        })
        .collect();
    let budget: f64 = optimum_steps.iter().map(|&k| k as f64 * h).sum();
    let allocation = allocate(&crossings, budget).unwrap();
    let chosen: Vec<usize> = allocation.choices.iter().map(|c| c.plan).collect();
    assert_eq!(chosen, optimum_steps.to_vec());
    assert!((allocation.cost - budget).abs() < 1e-6);
    // On the grid the greedy is exact: the LP bound equals what it detects.
    assert!((allocation.lp_bound - allocation.detections).abs() < 1e-9 * allocation.detections);
    // A budget a little short of B cannot buy the last step anywhere: the crossing whose
    // last step has the lowest rate stays one plan lower, nothing else changes by more.
    let short = allocate(&crossings, budget - 1.0).unwrap();
    let moved: usize = short
        .choices
        .iter()
        .zip(&optimum_steps)
        .map(|(c, &k)| k - c.plan)
        .sum();
    assert_eq!(moved, 1);
    assert!(short.lp_bound > short.detections && short.lp_bound <= allocation.detections + 1e-9);

    // The inverse: the cheapest programme reaching those detections costs exactly B.
    let cheapest = cheapest_for(&crossings, allocation.detections - 1e-9).unwrap();
    assert_eq!(
        cheapest.choices.iter().map(|c| c.plan).collect::<Vec<_>>(),
        optimum_steps.to_vec()
    );
    assert!((cheapest.cost - budget).abs() < 1e-6);

    // The national frontier is increasing and concave and passes through (B, detections).
    let frontier = programme_frontier(&crossings).unwrap();
    assert!(
        frontier
            .windows(2)
            .all(|w| w[1].0 > w[0].0 && w[1].1 > w[0].1)
    );
    let rates: Vec<f64> = frontier
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0))
        .collect();
    assert!(rates.windows(2).all(|r| r[1] <= r[0] * (1.0 + 1e-12)));
    assert!(
        frontier.iter().any(
            |&(c, d)| (c - budget).abs() < 1e-6 && (d - allocation.detections).abs() < 1e-9 * d
        )
    );
}

#[test]
fn floors_are_kept_and_a_step_that_does_not_fit_leaves_room_for_others() {
    // Crossing A: floor costs 10 (detects 5); next step +100 for +50 (rate 0.5).
    // Crossing B: floor 10 (detects 2); next step +20 for +6 (rate 0.3).
    let a = CrossingPlans {
        crossing: "A".into(),
        plans: vec![
            point(0, 0.0, 0.0),
            point(1, 10.0, 5.0),
            point(2, 110.0, 55.0),
        ],
        floor: 1,
    };
    let b = CrossingPlans {
        crossing: "B".into(),
        plans: vec![point(0, 10.0, 2.0), point(1, 30.0, 8.0)],
        floor: 0,
    };
    // Budget 60: floors 20, 40 left; A's step (100) does not fit, B's (20) does.
    let allocation = allocate(&[a.clone(), b.clone()], 60.0).unwrap();
    let chosen: Vec<(usize, bool)> = allocation
        .choices
        .iter()
        .map(|c| (c.plan, c.at_floor))
        .collect();
    assert_eq!(chosen, vec![(1, true), (1, false)]);
    assert_eq!(allocation.cost, 40.0);
    assert_eq!(allocation.detections, 13.0);
    // LP: 40 into A's step at rate 0.5 = 20 more detections over the floors' 7.
    assert_eq!(allocation.lp_bound, 27.0);
    // The floors alone over budget: a clear error.
    assert!(matches!(
        allocate(&[a.clone(), b.clone()], 19.0),
        Err(AllocationError::FloorsOverBudget { .. })
    ));
    assert!(matches!(
        allocate(std::slice::from_ref(&a), f64::NAN),
        Err(AllocationError::Budget { .. })
    ));
    // A target above everything: out of reach.
    assert!(matches!(
        cheapest_for(&[a.clone(), b.clone()], 1000.0),
        Err(AllocationError::TargetOutOfReach { .. })
    ));
    // A floor that names no plan.
    let bad = CrossingPlans {
        floor: 9,
        ..b.clone()
    };
    assert!(matches!(
        allocate(&[bad], 100.0),
        Err(AllocationError::NoFloor { .. })
    ));
    // Cheapest for 20 detections: floors give 7, A's step (rate 0.5) comes first and is
    // taken whole: cost 120, 57 detections; the LP needs 20 + 13/0.5 = 46.
    let cheapest = cheapest_for(&[a, b], 20.0).unwrap();
    assert_eq!((cheapest.cost, cheapest.detections), (120.0, 57.0));
    assert_eq!(cheapest.lp_bound, 46.0);
}

/// The greedy on concave hulls is optimal among whole plans when every step costs the same
/// and the budget is a multiple of it (separable concave resource allocation): compare with
/// an exhaustive search over small random concave problems.
#[test]
fn greedy_equals_exhaustive_search_on_concave_grids() {
    let mut state = 12345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..50 {
        let crossings: Vec<CrossingPlans> = (0..3)
            .map(|i| {
                let mut gains: Vec<f64> = (0..5).map(|_| next()).collect();
                gains.sort_by(|a, b| b.total_cmp(a));
                let mut d = 0.0;
                let mut plans = vec![point(0, 0.0, 0.0)];
                for (j, g) in gains.iter().enumerate() {
                    d += g;
                    plans.push(point(j + 1, (j + 1) as f64, d));
                }
                CrossingPlans {
                    crossing: format!("{i}"),
                    plans,
                    floor: 0,
                }
            })
            .collect();
        for budget in 0..=15 {
            let greedy = allocate(&crossings, budget as f64).unwrap().detections;
            let mut best = 0.0_f64;
            for x in 0..=5 {
                for y in 0..=5 {
                    for z in 0..=5 {
                        if x + y + z <= budget {
                            let d = crossings[0].plans[x].detections
                                + crossings[1].plans[y].detections
                                + crossings[2].plans[z].detections;
                            best = best.max(d);
                        }
                    }
                }
            }
            assert!(
                (greedy - best).abs() < 1e-12,
                "budget {budget}: greedy {greedy}, best {best}"
            );
        }
    }
}
