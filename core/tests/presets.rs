//! The built-in presets say what they do: plans that agree between presets that share
//! crossings, and (see below) descriptions that match the plans they describe.

mod common;

use egress_core::scenario::presets::{self, PRESETS};
use egress_core::scenario::*;

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
