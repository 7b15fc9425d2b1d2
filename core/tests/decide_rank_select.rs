//! Ranking and selection against published figures and against theory.

use egress_core::decide::rank_select::{
    Feasibility, Kn, KnParameters, Sense, chance_of_meeting, dominated, feasibility, lower_bound,
    ocba_allocation, t_cdf, t_quantile,
};
use egress_core::summary::Proportion;
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

#[test]
fn t_quantiles_match_the_tables() {
    // Reference values from standard t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    let cases = [
        (0.95, 1, 6.313752),
        (0.99, 1, 31.820516),
        (0.95, 4, 2.131847),
        (0.975, 10, 2.228139),
        (0.95, 29, 1.699127),
        (0.99, 100, 2.364217),
    ];
    for (p, df, expected) in cases {
        let t = t_quantile(p, df);
        assert!(
            (t - expected).abs() < 2e-6,
            "t({p}, {df}) = {t}, table {expected}"
        );
        assert!((t_cdf(t, df) - p).abs() < 1e-12);
    }
    assert_eq!(t_quantile(0.5, 7), 0.0);
    assert!((t_quantile(0.05, 4) + 2.131847).abs() < 2e-6);
}

/// The worked example of the OCBA program in C.-H. Chen and L. H. Lee, *Stochastic
/// Simulation Optimization: An Optimal Computing Budget Allocation* (World Scientific,
/// 2011), appendix: five designs (minimisation), means 1.2, 2.1, 3.4, 4.87, 6.05,
/// variances 3.3, 2.0, 4.5, 5.3, 6.9, replications so far 12, 6, 5, 5, 4, and 100 more to
/// allocate: the book's program prints 48, 38, 11, 2, 1.
#[test]
fn ocba_matches_the_published_example() {
    let means = [1.2, 2.1, 3.4, 4.87, 6.05];
    let variances = [3.3, 2.0, 4.5, 5.3, 6.9];
    let done = [12, 6, 5, 5, 4];
    let more = ocba_allocation(&means, &variances, &done, 100, Sense::Minimise).unwrap();
    assert_eq!(more, vec![48, 38, 11, 2, 1]);
    // The same problem stated for maximisation (negated figures) gives the same answer.
    let negated: Vec<f64> = means.iter().map(|m| -m).collect();
    assert_eq!(
        ocba_allocation(&negated, &variances, &done, 100, Sense::Maximise).unwrap(),
        more
    );
}

#[test]
fn ocba_handles_edges_without_panicking() {
    assert_eq!(
        ocba_allocation(&[1.0], &[1.0], &[5], 7, Sense::Maximise).unwrap(),
        vec![7]
    );
    // Ties and zero variances stay finite and spend exactly the budget.
    let more = ocba_allocation(
        &[1.0, 1.0, 0.0],
        &[0.0, 0.0, 0.0],
        &[3, 3, 3],
        10,
        Sense::Maximise,
    )
    .unwrap();
    assert_eq!(more.iter().sum::<u32>(), 10);
    assert!(ocba_allocation(&[1.0, f64::NAN], &[1.0, 1.0], &[2, 2], 4, Sense::Maximise).is_err());
    assert!(ocba_allocation(&[1.0, 2.0], &[1.0], &[2, 2], 4, Sense::Maximise).is_err());
    assert!(ocba_allocation(&[], &[], &[], 4, Sense::Maximise).is_err());
}

fn normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    StandardNormal.sample(rng)
}

/// Sequential OCBA: `first` replications each, then steps of `step` allocated by OCBA until
/// `budget` replications in all. Returns the index with the best sample mean.
fn ocba_select(
    means: &[f64],
    sd: f64,
    first: u32,
    step: u32,
    budget: u32,
    rng: &mut Xoshiro256PlusPlus,
) -> usize {
    let k = means.len();
    let mut sums = vec![0.0; k];
    let mut squares = vec![0.0; k];
    let mut n = vec![0u32; k];
    let mut draw =
        |i: usize, count: u32, sums: &mut Vec<f64>, squares: &mut Vec<f64>, n: &mut Vec<u32>| {
            for _ in 0..count {
                let x = means[i] + sd * normal(rng);
                sums[i] += x;
                squares[i] += x * x;
            }
            n[i] += count;
        };
    for i in 0..k {
        draw(i, first, &mut sums, &mut squares, &mut n);
    }
    let mut used = first * k as u32;
    while used < budget {
        let add = step.min(budget - used);
        let m: Vec<f64> = (0..k).map(|i| sums[i] / n[i] as f64).collect();
        let v: Vec<f64> = (0..k)
            .map(|i| (squares[i] - n[i] as f64 * m[i] * m[i]) / (n[i] as f64 - 1.0))
            .collect();
        let more = ocba_allocation(&m, &v, &n, add, Sense::Maximise).unwrap();
        for (i, &count) in more.iter().enumerate() {
            draw(i, count, &mut sums, &mut squares, &mut n);
        }
        used += add;
    }
    (0..k).fold(0, |b, i| {
        if sums[i] / n[i] as f64 > sums[b] / n[b] as f64 {
            i
        } else {
            b
        }
    })
}

fn equal_select(means: &[f64], sd: f64, each: u32, rng: &mut Xoshiro256PlusPlus) -> usize {
    let k = means.len();
    let m: Vec<f64> = (0..k)
        .map(|i| (0..each).map(|_| means[i] + sd * normal(rng)).sum::<f64>() / each as f64)
        .collect();
    (0..k).fold(0, |b, i| if m[i] > m[b] { i } else { b })
}

/// Chen et al. (2000), example 1 in spirit: ten designs with means 1..10 and σ = 6, the
/// largest mean best. Equal allocation of 1000 replications gives the best and runner-up
/// 100 each: P(correct) ≈ Φ(1 / (6·√(2/100))) ≈ 0.88 at most. OCBA with 500 replications
/// puts about 195 on each of the two (ratios 1, 1/4, 1/9, … for the rest): P ≈ Φ(1.66) ≈ 0.95.
/// So OCBA with half the replications must do at least as well: its Wilson lower bound
/// over 2000 macro-replications is at or above equal allocation's estimate.
#[test]
fn ocba_needs_fewer_replications_than_equal_allocation() {
    let means: Vec<f64> = (1..=10).map(|m| m as f64).collect();
    let macro_replications = 2000;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(20_001);
    let ocba_correct = (0..macro_replications)
        .filter(|_| ocba_select(&means, 6.0, 10, 20, 500, &mut rng) == 9)
        .count() as u64;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(20_002);
    let equal_correct = (0..macro_replications)
        .filter(|_| equal_select(&means, 6.0, 100, &mut rng) == 9)
        .count() as u64;
    let ocba = Proportion::wilson(ocba_correct, macro_replications);
    let equal = Proportion::wilson(equal_correct, macro_replications);
    println!("P(correct): OCBA 500 reps {ocba:?}; equal 1000 reps {equal:?}");
    assert!(
        ocba.low >= equal.rate,
        "OCBA with 500 replications {ocba:?} should be at least as good as equal allocation with 1000 {equal:?}"
    );
}

/// One KN macro-replication on k normal candidates, candidate 0 best by δ (slippage
/// configuration), correlation ρ between candidates in a replication (common random
/// numbers). Returns (chosen, replications per candidate summed).
fn kn_once(k: usize, delta: f64, rho: f64, rng: &mut Xoshiro256PlusPlus) -> (usize, u64) {
    let parameters = KnParameters {
        delta,
        first_stage: 10,
        alpha: 0.05,
        sense: Sense::Maximise,
    };
    let mut observations: Vec<Vec<f64>> = vec![Vec::new(); k];
    let replicate =
        |observations: &mut Vec<Vec<f64>>, who: &[usize], rng: &mut Xoshiro256PlusPlus| {
            let common = normal(rng);
            let own: Vec<f64> = (0..k).map(|_| normal(rng)).collect();
            for &i in who {
                let mean = if i == 0 { delta } else { 0.0 };
                observations[i].push(mean + rho.sqrt() * common + (1.0 - rho).sqrt() * own[i]);
            }
        };
    let everyone: Vec<usize> = (0..k).collect();
    for _ in 0..10 {
        replicate(&mut observations, &everyone, rng);
    }
    let mut kn = Kn::start(parameters, &observations).unwrap();
    let cap = kn.replication_cap();
    while kn.chosen().is_none() {
        assert!(kn.replications() <= cap, "KN ran past its own bound");
        let who = kn.surviving().to_vec();
        replicate(&mut observations, &who, rng);
        kn.screen(&observations).unwrap();
    }
    (
        kn.chosen().unwrap(),
        observations.iter().map(|o| o.len() as u64).sum(),
    )
}

/// KN guarantees P(correct selection) ≥ 1 − α = 0.95 in the slippage configuration; the
/// Wilson interval of 1000 macro-replications must reach 0.95. Common random numbers
/// (ρ = 0.8) cut the variance of the paired differences to 2(1 − ρ) = 0.4 of independent
/// sampling's 2, so KN must spend fewer replications with them.
#[test]
fn kn_keeps_its_guarantee_and_profits_from_common_random_numbers() {
    let macro_replications = 1000;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2001);
    let (mut correct, mut used_crn) = (0u64, 0u64);
    for _ in 0..macro_replications {
        let (chosen, used) = kn_once(5, 0.5, 0.8, &mut rng);
        correct += (chosen == 0) as u64;
        used_crn += used;
    }
    let pcs = Proportion::wilson(correct, macro_replications);
    assert!(
        pcs.high >= 0.95,
        "KN with CRN: P(correct) {pcs:?} below its guarantee"
    );
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2002);
    let (mut correct, mut used_independent) = (0u64, 0u64);
    for _ in 0..macro_replications {
        let (chosen, used) = kn_once(5, 0.5, 0.0, &mut rng);
        correct += (chosen == 0) as u64;
        used_independent += used;
    }
    let pcs = Proportion::wilson(correct, macro_replications);
    assert!(
        pcs.high >= 0.95,
        "KN independent: P(correct) {pcs:?} below its guarantee"
    );
    println!("KN replications: CRN {used_crn}, independent {used_independent}");
    assert!(used_crn < used_independent);
}

#[test]
fn kn_refuses_bad_parameters() {
    let obs = vec![vec![1.0, 2.0, 3.0]; 3];
    let ok = KnParameters {
        delta: 0.5,
        first_stage: 3,
        alpha: 0.05,
        sense: Sense::Maximise,
    };
    assert!(Kn::start(ok, &obs).is_ok());
    assert!(Kn::start(KnParameters { delta: 0.0, ..ok }, &obs).is_err());
    assert!(Kn::start(KnParameters { alpha: 1.0, ..ok }, &obs).is_err());
    assert!(
        Kn::start(
            KnParameters {
                first_stage: 1,
                ..ok
            },
            &obs
        )
        .is_err()
    );
    assert!(
        Kn::start(
            KnParameters {
                first_stage: 4,
                ..ok
            },
            &obs
        )
        .is_err()
    );
    assert!(Kn::start(ok, &obs[..1]).is_err());
}

#[test]
fn kn_chooses_the_same_candidate_whatever_the_batches() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(77);
    let k = 4;
    let obs: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            (0..400)
                .map(|_| 0.1 * i as f64 + normal(&mut rng))
                .collect()
        })
        .collect();
    let parameters = KnParameters {
        delta: 0.2,
        first_stage: 10,
        alpha: 0.05,
        sense: Sense::Maximise,
    };
    let all_at_once = {
        let mut kn = Kn::start(parameters, &obs).unwrap();
        kn.screen(&obs).unwrap();
        (kn.surviving().to_vec(), kn.replications())
    };
    let in_batches = {
        let mut kn = Kn::start(
            parameters,
            &obs.iter().map(|o| o[..10].to_vec()).collect::<Vec<_>>(),
        )
        .unwrap();
        let mut r = 10;
        while kn.chosen().is_none() && r < 400 {
            r = (r + 7).min(400);
            kn.screen(&obs.iter().map(|o| o[..r].to_vec()).collect::<Vec<_>>())
                .unwrap();
        }
        (kn.surviving().to_vec(), kn.replications())
    };
    assert_eq!(all_at_once, in_batches);
}

#[test]
fn paired_screening_and_feasibility_follow_student_t() {
    // Paired differences 1, 2, 3, 4, 5: mean 3, s = √2.5, lower 95% bound
    // 3 − 2.131847·√2.5/√5 = 1.4926: j is dominated.
    let j = [10.0, 10.0, 10.0, 10.0, 10.0];
    let i = [11.0, 12.0, 13.0, 14.0, 15.0];
    assert!(dominated(&i, &j, 0.05, Sense::Maximise).unwrap());
    assert!(!dominated(&j, &i, 0.05, Sense::Maximise).unwrap());
    // For a cost, lower is better: i (the larger) is dominated by j.
    assert!(dominated(&j, &i, 0.05, Sense::Minimise).unwrap());
    let lb = lower_bound(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.05).unwrap();
    assert!((lb - (3.0 - 2.131847 * (2.5f64 / 5.0).sqrt())).abs() < 1e-5);
    // Feasibility of a target: 1.49 < 1.5 ⇒ open; 1.4 ⇒ meets; above the upper bound ⇒ fails.
    let v = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(
        feasibility(&v, 1.4, 0.05, Sense::Maximise).unwrap(),
        Feasibility::Meets
    );
    assert_eq!(
        feasibility(&v, 1.5, 0.05, Sense::Maximise).unwrap(),
        Feasibility::Open
    );
    assert_eq!(
        feasibility(&v, 4.6, 0.05, Sense::Maximise).unwrap(),
        Feasibility::Fails
    );
    // A cost at most 4.6 is met (upper bound 4.5074 ≤ 4.6).
    assert_eq!(
        feasibility(&v, 4.6, 0.05, Sense::Minimise).unwrap(),
        Feasibility::Meets
    );
    // The chance of meeting a target equal to the mean is one half; at the 95% lower bound, 0.95.
    assert!((chance_of_meeting(&v, 3.0, Sense::Maximise).unwrap() - 0.5).abs() < 1e-12);
    assert!((chance_of_meeting(&v, lb, Sense::Maximise).unwrap() - 0.95).abs() < 1e-9);
    // Bad input: an error, not a panic.
    assert!(dominated(&i[..3], &j, 0.05, Sense::Maximise).is_err());
    assert!(feasibility(&[1.0], 0.0, 0.05, Sense::Maximise).is_err());
    assert!(feasibility(&v, f64::NAN, 0.05, Sense::Maximise).is_err());
    assert!(lower_bound(&v, 0.0).is_err());
}
