//! Names are capped: they head table columns, chart legends and briefing lines, and an
//! unbroken name of thousands of characters made the page 64,000 px wide.

use egress_core::scenario::presets::{self, PRESETS};
use egress_core::scenario::{Limits, validate};

fn problems_at(scenario: egress_core::scenario::Scenario, path: &str) -> Vec<String> {
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
fn names_longer_than_the_cap_are_a_problem_and_the_cap_itself_is_not() {
    let base = presets::preset("jackman").expect("preset");
    let at_cap = "W".repeat(Limits::NAME);
    let over = "W".repeat(Limits::NAME + 1);

    for path in ["name", "strategies[1].name", "crossings[0].name"] {
        let set = |name: &str| {
            let mut s = base.clone();
            match path {
                "name" => s.name = name.to_string(),
                "strategies[1].name" => s.strategies[1].name = name.to_string(),
                _ => s.crossings[0].name = name.to_string(),
            }
            s
        };
        assert_eq!(
            problems_at(set(&at_cap), path),
            Vec::<String>::new(),
            "{path}"
        );
        assert_eq!(
            problems_at(set(&over), path),
            vec![format!(
                "is too long (81 characters; at most {})",
                Limits::NAME
            )],
            "{path}"
        );
        assert_eq!(
            problems_at(set("  "), path),
            vec!["must not be empty".to_string()]
        );
        // Characters, not bytes: accented names count as they read.
        assert!(
            problems_at(set(&"é".repeat(Limits::NAME)), path).is_empty(),
            "{path}"
        );
    }
}

#[test]
fn every_preset_name_fits() {
    for p in PRESETS {
        let s = presets::preset(p.id).expect("preset");
        assert!(s.name.chars().count() <= Limits::NAME, "{}", s.name);
        for name in s
            .strategies
            .iter()
            .map(|x| &x.name)
            .chain(s.crossings.iter().map(|c| &c.name))
        {
            assert!(name.chars().count() <= Limits::NAME, "{name}");
        }
        assert!(validate(s).is_ok(), "{}", p.id);
    }
}

#[test]
fn field_offices_are_capped_like_names_and_descriptions_at_a_paragraph() {
    let base = presets::preset("jackman").expect("preset");
    type Set = fn(&mut egress_core::scenario::Scenario, String);
    let cases: [(&str, usize, Set); 3] = [
        ("crossings[0].field_office", Limits::NAME, |s, v| {
            s.crossings[0].field_office = v
        }),
        ("description", Limits::DESCRIPTION, |s, v| s.description = v),
        ("strategies[1].description", Limits::DESCRIPTION, |s, v| {
            s.strategies[1].description = v
        }),
    ];
    for (path, cap, set) in cases {
        let with = |text: String| {
            let mut s = base.clone();
            set(&mut s, text);
            s
        };
        assert!(
            problems_at(with("W".repeat(cap)), path).is_empty(),
            "{path}"
        );
        // Empty is allowed: neither is required.
        assert!(problems_at(with(String::new()), path).is_empty(), "{path}");
        assert_eq!(
            problems_at(with("W".repeat(cap + 1)), path),
            vec![format!(
                "is too long ({} characters; at most {cap})",
                cap + 1
            )],
            "{path}"
        );
    }
}

#[test]
fn every_preset_field_office_and_description_fits() {
    for p in PRESETS {
        let s = presets::preset(p.id).expect("preset");
        assert!(
            s.description.chars().count() <= Limits::DESCRIPTION,
            "{}",
            p.id
        );
        for strategy in &s.strategies {
            assert!(
                strategy.description.chars().count() <= Limits::DESCRIPTION,
                "{}",
                strategy.name
            );
        }
        for crossing in &s.crossings {
            assert!(
                crossing.field_office.chars().count() <= Limits::NAME,
                "{}",
                crossing.field_office
            );
        }
    }
}
