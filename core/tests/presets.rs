//! The built-in presets say what they do: plans that agree between presets that share
//! crossings, and (see below) descriptions that match the plans they describe.

mod common;

use egress_core::scenario::presets::{self, PRESETS};
use egress_core::scenario::*;
use egress_core::simulation::Model;

fn preset(id: &str) -> Scenario {
    presets::preset(id).expect("built-in preset")
}

/// The southwest border preset and the national one describe the same strategies on
/// the same southwest ports, so every southwest crossing must follow the same plan in
/// both, strategy by strategy. (Format 1 built an override from the 12 busiest
/// *northern* crossings; with none in the southwest preset the list was empty, read as
/// "every crossing", and all 28 ports got daily peak-hour checks there but not in the
/// national preset.)
#[test]
fn southwest_crossings_follow_the_same_plans_in_the_southwest_and_national_presets() {
    let southwest = preset("southwest");
    let national = preset("national");
    assert_eq!(southwest.strategies.len(), national.strategies.len());
    for (sw, nat) in southwest.strategies.iter().zip(&national.strategies) {
        assert_eq!(sw.name, nat.name);
        for crossing in &southwest.crossings {
            let twin = national
                .crossings
                .iter()
                .find(|c| c.id == crossing.id)
                .expect("every southwest port is in the national preset");
            assert_eq!(
                sw.plan_for(crossing),
                nat.plan_for(twin),
                "{} at {} ({})",
                sw.name,
                crossing.name,
                crossing.id
            );
        }
    }
}

/// No preset has an override that matches nothing or names no crossing (validation
/// refuses both; this says where a preset builder went wrong if it ever does).
#[test]
fn every_override_of_every_preset_matches_some_crossing() {
    for info in PRESETS {
        let s = preset(info.id);
        for strategy in &s.strategies {
            for o in &strategy.overrides {
                assert!(!o.applies_to.is_empty(), "{}: {}", info.id, strategy.name);
                assert!(
                    s.crossings.iter().any(|c| o.applies_to.matches(c)),
                    "{}: {}: {:?}",
                    info.id,
                    strategy.name,
                    o.applies_to
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Descriptions read against plans
// ---------------------------------------------------------------------------------

/// What a description says about days and hours, in the words the presets use.
#[derive(Debug, PartialEq)]
enum Claim {
    /// "3-hour": some operation of the strategy lasts that long.
    Lasting(f64),
    /// "three busiest hours": a peak-time plan covering that many hours.
    Busiest(u32),
    /// "weekdays": a plan that runs Monday to Friday only.
    Weekdays,
    /// "every day": a plan with days that runs all seven.
    EveryDay,
    /// "16:00–18:00": a fixed daily window.
    Window(f64, f64),
    /// "between 06:00 and 20:00": a daily random start range, or the operating hours of
    /// a plan that places operations at random.
    Between(f64, f64),
    /// "five 3-hour operations a week": random pulses.
    Pulses(u32, Period, f64),
    /// "surges of 5 days".
    SurgeDays(u32),
    /// "7 days without an operation": a minimum frequency.
    Floor(f64),
    /// "round the clock" or "24/7": continuous operation.
    AroundTheClock,
}

fn number(word: &str) -> Option<f64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    WORDS
        .iter()
        .position(|w| *w == word)
        .map(|i| (i + 1) as f64)
        .or_else(|| word.parse().ok())
}

fn clock(word: &str) -> Option<f64> {
    let (h, m) = word.split_once(':')?;
    Some(h.parse::<f64>().ok()? + m.parse::<f64>().ok()? / 60.0)
}

/// The claims of a description about days and hours.
fn claims(description: &str) -> Vec<Claim> {
    let text = description.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        if let Some(n) = w.strip_suffix("-hour").and_then(number) {
            out.push(Claim::Lasting(n));
        }
        if let Some(n) = number(w)
            && next(1) == "busiest"
            && (next(2).starts_with("hour") || next(3).starts_with("hour"))
        {
            out.push(Claim::Busiest(n as u32));
        }
        if let Some(n) = number(w)
            && let Some(d) = next(1).strip_suffix("-hour").and_then(number)
            && next(3) == "a"
            && matches!(next(4), "week" | "month")
        {
            let per = if next(4) == "week" {
                Period::Week
            } else {
                Period::Month
            };
            out.push(Claim::Pulses(n as u32, per, d));
        }
        if w.starts_with("weekday") {
            out.push(Claim::Weekdays);
        }
        if *w == "every" && next(1) == "day" {
            out.push(Claim::EveryDay);
        }
        if let Some((a, b)) = w.split_once('–')
            && let (Some(a), Some(b)) = (clock(a), clock(b))
        {
            out.push(Claim::Window(a, b));
        }
        if *w == "between"
            && let (Some(a), "and", Some(b)) = (clock(next(1)), next(2), clock(next(3)))
        {
            out.push(Claim::Between(a, b));
        }
        if *w == "surges"
            && next(1) == "of"
            && next(3) == "days"
            && let Some(n) = number(next(2))
        {
            out.push(Claim::SurgeDays(n as u32));
        }
        if let Some(n) = number(w)
            && next(1) == "days"
            && next(2) == "without"
        {
            out.push(Claim::Floor(n));
        }
        if (*w == "round" && next(1) == "the" && next(2) == "clock") || *w == "24/7" {
            out.push(Claim::AroundTheClock);
        }
    }
    out
}

fn days_of(plan: &Plan) -> Option<[bool; 7]> {
    match &plan.schedule {
        Schedule::DailyFixed { days, .. }
        | Schedule::DailyRandom { days, .. }
        | Schedule::PeakTime { days, .. } => Some(*days),
        _ => None,
    }
}

fn places_at_random(plan: &Plan) -> bool {
    matches!(
        plan.schedule,
        Schedule::PulseRandom { .. } | Schedule::PulseIntel { .. }
    ) || plan.min_frequency.is_some()
}

fn holds(claim: &Claim, plan: &Plan) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    match (claim, &plan.schedule) {
        (Claim::Lasting(h), schedule) => {
            let own = match schedule {
                Schedule::DailyRandom { duration_hours, .. }
                | Schedule::PulseRandom { duration_hours, .. }
                | Schedule::PulseIntel { duration_hours, .. } => close(*duration_hours, *h),
                Schedule::DailyFixed { windows, .. } => {
                    windows.iter().any(|w| close(w.duration_hours, *h))
                }
                _ => false,
            };
            own || plan
                .min_frequency
                .is_some_and(|m| close(m.duration_hours, *h))
        }
        (Claim::Busiest(n), Schedule::PeakTime { busiest_hours, .. }) => busiest_hours == n,
        (Claim::Weekdays, _) => days_of(plan) == Some([true, true, true, true, true, false, false]),
        (Claim::EveryDay, _) => days_of(plan) == Some([true; 7]),
        (Claim::Window(a, b), Schedule::DailyFixed { windows, .. }) => windows
            .iter()
            .any(|w| close(w.start_hour, *a) && close(w.start_hour + w.duration_hours, *b)),
        (Claim::Between(a, b), schedule) => {
            let random_start = matches!(
                schedule,
                Schedule::DailyRandom { earliest_start_hour, latest_start_hour, .. }
                    if close(*earliest_start_hour, *a) && close(*latest_start_hour, *b)
            );
            let hours = places_at_random(plan)
                && close(plan.operating_hours.from_hour, *a)
                && close(plan.operating_hours.to_hour, *b);
            random_start || hours
        }
        (
            Claim::Pulses(n, per, d),
            Schedule::PulseRandom {
                operations,
                per: p,
                duration_hours,
            },
        ) => operations == n && per == p && close(*duration_hours, *d),
        (Claim::SurgeDays(n), Schedule::PulseIntel { surge_days, .. }) => surge_days == n,
        (Claim::AroundTheClock, Schedule::Continuous) => true,
        (Claim::Floor(days), _) => plan
            .min_frequency
            .is_some_and(|m| close(m.max_gap_days, *days)),
        _ => false,
    }
}

/// The claims of a strategy's description that none of its plans (its own or an
/// override's) bears out.
fn unfounded(strategy: &Strategy) -> Vec<Claim> {
    let plans: Vec<&Plan> = std::iter::once(&strategy.plan)
        .chain(strategy.overrides.iter().map(|o| &o.plan))
        .collect();
    claims(&strategy.description)
        .into_iter()
        .filter(|c| !plans.iter().any(|p| holds(c, p)))
        .collect()
}

/// Where a preset's description names days or hours (an operation's length, the K
/// busiest hours, weekdays or every day, a clock window, a start range or operating
/// hours, N operations a week or month, surge days, a minimum frequency, round the
/// clock), one of the
/// strategy's plans must say the same. Format 1 described three busiest hours every
/// day as "the two busiest weekday hours", and peak checks on every day as "on
/// weekdays"; the reader below finds both in the format-1 files (so it can tell).
#[test]
fn preset_descriptions_match_their_plans() {
    for info in PRESETS {
        let s = preset(info.id);
        for strategy in &s.strategies {
            assert!(
                !claims(&strategy.description).is_empty(),
                "{}: “{}” names no days or hours to check",
                info.id,
                strategy.name
            );
            let wrong = unfounded(strategy);
            assert!(
                wrong.is_empty(),
                "{}: “{}” says {wrong:?}, which its plans do not: {}",
                info.id,
                strategy.name,
                strategy.description
            );
        }
    }
    for (file, name) in [
        (
            include_str!("fixtures/san_ysidro_v1.json"),
            "Today: weekday peak hours",
        ),
        (
            include_str!("fixtures/southwest_v1.json"),
            "Today (assumed mix)",
        ),
    ] {
        let old = parse_and_validate(file).expect("v1 file opens");
        let strategy = old
            .strategies
            .iter()
            .find(|s| s.name == name)
            .expect("v1 strategy");
        assert!(
            unfounded(strategy).contains(&Claim::Weekdays)
                && (name != "Today: weekday peak hours"
                    || unfounded(strategy).contains(&Claim::Busiest(2))),
            "{name}: {:?}",
            unfounded(strategy)
        );
    }
}

/// What a planner reads as "overloaded": a strategy whose selected vehicles wait more
/// than an hour on average, or of which more than a quarter are waved through because
/// the bays (or the road) are full. No preset strategy may be overloaded unless its
/// name or description says so on purpose. (San Ysidro's "Random pulses, search 20%"
/// was: 4 teams cannot search a fifth of its cars, and 94% of those selected were
/// waved through.) One replication of each preset's horizon, the national one left out
/// for time: its southwest ports follow the southwest preset's plans (test above).
#[test]
fn no_preset_strategy_is_overloaded_unless_it_says_so() {
    for id in ["san-ysidro", "jackman", "southwest"] {
        let s = preset(id);
        let names: Vec<(String, String)> = s
            .strategies
            .iter()
            .map(|st| (st.name.clone(), st.description.clone()))
            .collect();
        let records = Model::new(common::valid(s)).run_replication(0);
        for r in &records {
            let (name, description) = &names[r.strategy as usize];
            let on_purpose = format!("{name} {description}")
                .to_lowercase()
                .contains("overloaded");
            let mean_wait = r.waits.total_seconds / r.waits.screened.max(1) as f64;
            let flushed = r.vehicles.flushed as f64 / r.waits.joined.max(1) as f64;
            assert!(
                on_purpose || (mean_wait <= 3600.0 && flushed <= 0.25),
                "{id}: “{name}” is overloaded (mean wait {mean_wait:.0} s, {:.0}% of selected vehicles flushed) and does not say so",
                flushed * 100.0
            );
        }
    }
}
