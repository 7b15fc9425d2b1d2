//! `egress bench`: speed and memory figures, printed, never asserted (targets are in
//! ARCHITECTURE.md). The bare binary-heap M/M/4 loop kept here is the yardstick the
//! engine is compared against.

use egress_core::decide::robustness::{robustness, robustness_design};
use egress_core::decide::sensitivity::{sensitivity, sensitivity_design};
use egress_core::experiment::{Design, Executor};
use egress_core::scenario::programme::{CostBasis, Goal, Programme, Resource, Search, Target};
use egress_core::scenario::{
    Modality, PerModality, Recall, Schedule, Selection, Technique, presets, validate,
};
use egress_core::simulation::Model;
use egress_core::simulation::streams::{self, exponential};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

const SERVICE_SECONDS: f64 = 34.0;
const TEAMS: usize = 4;
const LOAD: f64 = 0.9;

/// Arrivals per hour that load `TEAMS` servers to `LOAD`.
fn arrival_rate() -> f64 {
    LOAD * TEAMS as f64 * 3600.0 / SERVICE_SECONDS
}

/// One crossing, one modality, flat profiles, continuous operation stopping everyone:
/// an M/M/4 queue at 90% load inside the full engine.
fn mm4_model() -> Model {
    let mut s = presets::preset("san-ysidro").expect("preset exists");
    s.replications = 2;
    let c = &mut s.crossings[0];
    c.annual_inbound = PerModality::from_fn(|m| {
        if m == Modality::PersonalVehicle {
            arrival_rate() * 8760.0
        } else {
            0.0
        }
    });
    c.storage_per_lane = 500;
    for m in Modality::ALL {
        let t = s.traffic.modalities.get_mut(m);
        t.hour_profile = [1.0; 24];
        t.weekday_profile = [1.0; 7];
        t.trusted_share = 0.0;
    }
    s.traffic.month_profile.southwest = [
        31.0, 28.0, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
    ];
    s.inspection.interview.compartment_share = 0.0;
    s.inspection.interview.mean_seconds = SERVICE_SECONDS;
    s.adversary.adaptive_share = 0.0;
    let mut plan = presets::plan(
        Schedule::Continuous,
        Selection::All,
        Technique::Interview,
        TEAMS as u32,
    );
    plan.recall = Recall {
        cancel_probability: 0.0,
        recall_per_hour: 0.0,
    };
    s.strategies.truncate(1);
    s.strategies[0].plan = plan;
    Model::new(validate(s).expect("bench scenario is valid"))
}

/// The yardstick: a textbook event-list M/M/c simulation with a binary heap.
fn bare_mmc(hours: f64, seed: u64) -> (u64, f64) {
    #[derive(PartialEq)]
    struct Time(f64);
    impl Eq for Time {}
    impl PartialOrd for Time {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Time {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.0.total_cmp(&other.0)
        }
    }
    let mut rng = streams::generator(seed);
    let lambda = arrival_rate();
    let mean_service = SERVICE_SECONDS / 3600.0;
    // (time, is_departure)
    let mut events: BinaryHeap<Reverse<(Time, bool)>> = BinaryHeap::new();
    let mut waiting: std::collections::VecDeque<f64> = std::collections::VecDeque::new();
    let mut busy = 0;
    let mut served = 0u64;
    let mut total_wait = 0.0;
    events.push(Reverse((
        Time(exponential(1.0 / lambda, streams::uniform(&mut rng))),
        false,
    )));
    while let Some(Reverse((Time(t), departure))) = events.pop() {
        if t > hours {
            break;
        }
        if departure {
            served += 1;
            if let Some(arrived) = waiting.pop_front() {
                total_wait += t - arrived;
                events.push(Reverse((
                    Time(t + exponential(mean_service, streams::uniform(&mut rng))),
                    true,
                )));
            } else {
                busy -= 1;
            }
        } else {
            if busy < TEAMS {
                busy += 1;
                events.push(Reverse((
                    Time(t + exponential(mean_service, streams::uniform(&mut rng))),
                    true,
                )));
            } else {
                waiting.push_back(t);
            }
            events.push(Reverse((
                Time(t + exponential(1.0 / lambda, streams::uniform(&mut rng))),
                false,
            )));
        }
    }
    (served, total_wait / served.max(1) as f64 * 3600.0)
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(national_replications: u32) {
    println!(
        "Egress benchmark (release build recommended: cargo run --release -p egress-cli -- bench)"
    );

    // 1. M/M/4 at 90% load: engine versus the bare loop.
    let model = mm4_model();
    let started = Instant::now();
    let record = model.run(&model.replication(0), 0);
    let engine_seconds = started.elapsed().as_secs_f64();
    let engine_rate = record.vehicles.screened as f64 / engine_seconds;
    let engine_wait = record.waits.total_seconds / record.waits.screened.max(1) as f64;
    let started = Instant::now();
    let (bare_served, bare_wait) = bare_mmc(model.horizon_hours(), 1);
    let bare_seconds = started.elapsed().as_secs_f64();
    let bare_rate = bare_served as f64 / bare_seconds;
    println!(
        "1. M/M/4 at 90% load, one year ({:.0} arrivals/hour, {SERVICE_SECONDS} s service)",
        arrival_rate()
    );
    println!(
        "   engine:    {:>12} vehicles screened in {:.3} s = {:>12.0} vehicles/s (mean wait {:.1} s)",
        record.vehicles.screened, engine_seconds, engine_rate, engine_wait
    );
    println!(
        "   bare loop: {:>12} vehicles served   in {:.3} s = {:>12.0} vehicles/s (mean wait {:.1} s)",
        bare_served, bare_seconds, bare_rate, bare_wait
    );
    println!(
        "   ratio engine / bare loop = {:.2} (target >= 0.5)",
        engine_rate / bare_rate
    );

    // 2. The national preset, baseline strategy, full year.
    let national = presets::preset("national").expect("preset exists");
    let baseline = national.strategies[0].name.clone();
    let model = Model::new(validate(national).expect("national preset is valid"));
    let mut seconds = Vec::new();
    let mut exits = 0u64;
    for r in 0..national_replications.max(1) {
        let started = Instant::now();
        let record = model.run(&model.replication(r), 0);
        seconds.push(started.elapsed().as_secs_f64());
        exits += record.vehicles.exits;
    }
    let total: f64 = seconds.iter().sum();
    let per_replication = total / seconds.len() as f64;
    let crossings_rate = exits as f64 / total;
    println!(
        "2. National preset ({} crossings), strategy \"{baseline}\", {} days, {} replication(s)",
        model.scenario.crossings.len(),
        model.scenario.horizon_days,
        seconds.len()
    );
    println!(
        "   {:.3} s per replication; {:.0} crossings per replication; {:.0} crossings simulated per second",
        per_replication,
        exits as f64 / seconds.len() as f64,
        crossings_rate
    );
    println!(
        "   ratio to the bare loop's vehicles/s = {:.1} (target >= 10)",
        crossings_rate / bare_rate
    );

    // 3. Peak memory of the whole process so far.
    match peak_memory_mb() {
        Some(mb) => println!("3. Peak resident memory: {mb:.1} MB (target <= 200 MB)"),
        None => println!("3. Peak resident memory: not available on this platform"),
    }

    optimiser_figures();
    sensitivity_figures(30);
    robustness_figures(64);
    national_programme_figures(50e6);
}

/// A standard normal from two uniforms (Box–Muller): enough for a printed figure.
fn normal(rng: &mut streams::Generator) -> f64 {
    let u = streams::uniform(rng).max(1e-300);
    let v = streams::uniform(rng);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// The optimiser's figures (issue 13): replications OCBA needs against equal allocation
/// for the same probability of correct selection on a synthetic problem, and candidate
/// plans evaluated per second at San Ysidro with the default candidate space.
pub fn optimiser_figures() {
    use egress_core::decide::rank_select::{Sense, ocba_allocation};
    // Ten normal candidates, means 1..10, σ = 6 (Chen et al. 2000, example 1), 2,000
    // macro-replications each.
    let means: Vec<f64> = (1..=10).map(f64::from).collect();
    let macro_replications = 2000;
    let pcs = |budget: u32, ocba: bool, seed: u64| -> f64 {
        let mut rng = streams::generator(seed);
        let mut correct = 0u32;
        let k = means.len();
        for _ in 0..macro_replications {
            let (mut sum, mut sq, mut n) = (vec![0.0; k], vec![0.0; k], vec![0u32; k]);
            let mut draw =
                |i: usize, count: u32, sum: &mut [f64], sq: &mut [f64], n: &mut [u32]| {
                    for _ in 0..count {
                        let x = means[i] + 6.0 * normal(&mut rng);
                        sum[i] += x;
                        sq[i] += x * x;
                    }
                    n[i] += count;
                };
            if ocba {
                for i in 0..k {
                    draw(i, 10, &mut sum, &mut sq, &mut n);
                }
                let mut used = 10 * k as u32;
                while used < budget {
                    let add = 20.min(budget - used);
                    let m: Vec<f64> = (0..k).map(|i| sum[i] / f64::from(n[i])).collect();
                    let v: Vec<f64> = (0..k)
                        .map(|i| (sq[i] - f64::from(n[i]) * m[i] * m[i]) / f64::from(n[i] - 1))
                        .collect();
                    let more = ocba_allocation(&m, &v, &n, add, Sense::Maximise).expect("valid");
                    for (i, &count) in more.iter().enumerate() {
                        draw(i, count, &mut sum, &mut sq, &mut n);
                    }
                    used += add;
                }
            } else {
                for i in 0..k {
                    draw(i, budget / k as u32, &mut sum, &mut sq, &mut n);
                }
            }
            let best = (0..k).fold(0, |b, i| {
                if sum[i] / f64::from(n[i]) > sum[b] / f64::from(n[b]) {
                    i
                } else {
                    b
                }
            });
            correct += u32::from(best == k - 1);
        }
        f64::from(correct) / f64::from(macro_replications)
    };
    println!(
        "4. Ranking and selection: ten candidates, means 1..10, sd 6, P(correct selection) over {macro_replications} macro-replications"
    );
    for budget in [500, 1000, 2000] {
        println!(
            "   {budget:>5} replications: OCBA {:.3}, equal allocation {:.3}",
            pcs(budget, true, 11),
            pcs(budget, false, 12)
        );
    }

    // San Ysidro, default candidate space and search, a detection target.
    let goal = Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.01 },
        cost: CostBasis::FullCost,
    };
    let started = Instant::now();
    match crate::optimise::optimise(with_programme("san-ysidro", goal)) {
        Ok(result) => {
            let seconds = started.elapsed().as_secs_f64();
            let c = &result.crossings[0];
            println!(
                "5. Optimise San Ysidro (default space and search, detection >= 1%, one year): {} candidates, {} screened out, {} replications ({} with equal allocation) in {seconds:.1} s = {:.2} candidates/s, {:.1} replications/s; chose {}",
                c.candidates,
                c.screened_out,
                result.replications,
                c.replications_equal_allocation,
                c.candidates as f64 / seconds,
                result.replications as f64 / seconds,
                c.chosen.as_ref().map_or("nothing", |p| p.label.as_str())
            );
        }
        Err(e) => println!("5. Optimise San Ysidro: {e}"),
    }
}

/// A preset with a programme section asking `goal` over the default candidate spaces.
fn with_programme(preset: &str, goal: Goal) -> egress_core::scenario::ValidScenario {
    let mut s = presets::preset(preset).expect("preset exists");
    s.programme = Some(Programme {
        goal,
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: None,
        search: Search::default(),
    });
    validate(s).expect("a preset with a programme is valid")
}

/// The national programme for a budget (figure 8): every crossing's default space,
/// floors of one operation a week, `budget` a year of full cost allocated where the next
/// dollar detects most, then the programme simulated as a whole.
pub fn national_programme_figures(budget: f64) {
    let goal = Goal::Allocate {
        budget,
        resource: Resource::FullCost,
    };
    let started = Instant::now();
    match crate::optimise::optimise(with_programme("national", goal)) {
        Ok(result) => {
            let seconds = started.elapsed().as_secs_f64();
            let candidates: usize = result.crossings.iter().map(|c| c.candidates).sum();
            let equal: u64 = result
                .crossings
                .iter()
                .map(|c| c.replications_equal_allocation)
                .sum();
            let without = result
                .crossings
                .iter()
                .filter(|c| c.no_plan.is_some())
                .count();
            println!(
                "8. Optimise the national programme (${:.0}M a year, full cost; {} crossings, default spaces): {candidates} candidates, {} replications ({equal} with equal allocation) in {seconds:.1} s on one thread = {:.1} candidates/s; {} crossings without a plan",
                budget / 1e6,
                result.crossings.len(),
                result.replications,
                candidates as f64 / seconds,
                without
            );
            match (&result.allocation, &result.whole) {
                (Some(a), Some(w)) => println!(
                    "   allocated {:.1}M for {:.0} detections a year (LP bound {:.0}); simulated whole: {:.0} ({:+.0} from the sum of parts)",
                    a.cost / 1e6,
                    a.detections,
                    a.lp_bound,
                    w.detections,
                    w.difference
                ),
                _ => println!(
                    "   no allocation: {}",
                    result.allocation_error.as_deref().unwrap_or("no whole run")
                ),
            }
        }
        Err(e) => println!("8. Optimise the national programme: {e}"),
    }
}

/// Runs every unit of a design on one thread; returns the records and the seconds.
fn timed(design: &Design) -> (Vec<egress_core::experiment::UnitRecord>, f64) {
    let started = Instant::now();
    let records = Executor::default().run_range(design, 0..design.len());
    (records, started.elapsed().as_secs_f64())
}

/// 6. San Ysidro one-at-a-time sensitivity: every assumption low and high.
pub fn sensitivity_figures(replications: u32) {
    let mut s = presets::preset("san-ysidro").expect("preset exists");
    s.replications = replications;
    let scenario = validate(s).expect("San Ysidro is valid");
    let plan = sensitivity_design(&scenario, None).expect("every assumption has a range");
    let (records, seconds) = timed(&plan.design);
    let result = sensitivity(&plan, &records);
    let flips = result
        .tornadoes
        .iter()
        .filter(|t| t.difference)
        .flat_map(|t| t.flipping())
        .count();
    println!(
        "6. San Ysidro sensitivity: {} variants ({} assumptions low/high, {} refused), {replications} replications, {} units",
        plan.design.variants.len(),
        egress_core::scenario::assumptions::RANGES.len(),
        plan.refused.len(),
        plan.design.len()
    );
    println!(
        "   {seconds:.1} s on one thread ({:.1} ms per unit); {flips} flipping bars",
        seconds * 1000.0 / plan.design.len().max(1) as f64
    );
}

/// 7. San Ysidro robustness: plausible worlds over every range.
pub fn robustness_figures(worlds: u32) {
    let scenario = validate(presets::preset("san-ysidro").expect("preset exists")).expect("valid");
    let plan = robustness_design(&scenario, worlds, 5).expect("worlds");
    let (records, seconds) = timed(&plan.design);
    let result = robustness(&plan, &records);
    println!(
        "7. San Ysidro robustness: {worlds} worlds ({} refused) × 5 replications, {} units",
        plan.refused.len(),
        plan.design.len()
    );
    println!(
        "   {seconds:.1} s on one thread ({:.1} ms per unit)",
        seconds * 1000.0 / plan.design.len().max(1) as f64
    );
    for s in &result.strategies {
        println!(
            "   {:40} wins {:>5.1}% of worlds by detections, {:>5.1}% by cost per detection",
            s.strategy,
            s.wins[0].1 * 100.0,
            s.wins[1].1 * 100.0
        );
    }
}
