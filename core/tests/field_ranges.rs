//! The editor tells a planner the range each number field accepts ("from 0 to 100"),
//! from `Ranges::of`, which the checks record as they run. Each recorded range must be
//! the one validation holds the field to: just inside passes, just outside is refused
//! at that very path.

use egress_core::scenario::presets::{self, PRESETS};
use egress_core::scenario::{Ranges, Scenario, validate};
use serde_json::Value;

/// The JSON value at a validation path (`strategies[1].plan.teams`), if the path is one.
fn at<'a>(root: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut node = root;
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (
                name,
                Some(rest.trim_end_matches(']').parse::<usize>().ok()?),
            ),
            None => (segment, None),
        };
        node = node.get_mut(name)?;
        if let Some(i) = index {
            node = node.get_mut(i)?;
        }
    }
    Some(node)
}

fn problems_at(json: &Value, path: &str) -> Vec<String> {
    let scenario: Scenario = serde_json::from_value(json.clone()).expect("still a scenario");
    match validate(scenario) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| p.path == path)
            .map(|p| p.message)
            .collect(),
    }
}

#[test]
fn known_ranges_are_recorded() {
    let s = presets::preset("jackman").expect("preset");
    let ranges = Ranges::of(&s);
    assert_eq!(ranges.get("costs.shift_hours"), Some(&(4.0, 16.0)));
    assert_eq!(ranges.get("adversary.wait_hours"), Some(&(0.1, 168.0)));
    assert_eq!(
        ranges.get("threat.trusted_carrier_share"),
        Some(&(0.0, 1.0))
    );
    assert_eq!(ranges.get("strategies[0].plan.teams"), Some(&(1.0, 50.0)));
    assert_eq!(ranges.get("replications"), Some(&(2.0, 1000.0)));
}

#[test]
fn every_recorded_range_is_the_one_validation_holds_the_field_to() {
    for p in PRESETS {
        let s = presets::preset(p.id).expect("preset");
        let base = serde_json::to_value(&s).expect("json");
        let ranges = Ranges::of(&s);
        assert!(ranges.len() > 40, "{}: {} ranges", p.id, ranges.len());
        let mut checked = 0;
        for (path, &(low, high)) in &ranges {
            let mut json = base.clone();
            let Some(Value::Number(_)) = at(&mut json, path).map(|v| &*v) else {
                continue;
            };
            let whole = base_is_whole(&base, path);
            let outside = if whole {
                high + 1.0
            } else {
                high + (high - low).max(1.0) * 1e-3
            };
            *at(&mut json, path).unwrap() = number(outside, whole);
            assert!(
                !problems_at(&json, path).is_empty(),
                "{}: {path} = {outside} is above {high} but passes",
                p.id
            );
            if low > 0.0 || !whole {
                let below = if whole {
                    low - 1.0
                } else {
                    low - (high - low).max(1.0) * 1e-3
                };
                if !(whole && below < 0.0) {
                    *at(&mut json, path).unwrap() = number(below, whole);
                    assert!(
                        !problems_at(&json, path).is_empty(),
                        "{}: {path} = {below} is below {low} but passes",
                        p.id
                    );
                }
            }
            checked += 1;
        }
        assert!(
            checked * 10 >= ranges.len() * 9,
            "{}: only {checked} of {} paths reached",
            p.id,
            ranges.len()
        );
    }
}

fn base_is_whole(base: &Value, path: &str) -> bool {
    let mut json = base.clone();
    at(&mut json, path).is_some_and(|v| v.is_u64())
}

fn number(x: f64, whole: bool) -> Value {
    if whole {
        Value::from(x as u64)
    } else {
        Value::from(x)
    }
}
