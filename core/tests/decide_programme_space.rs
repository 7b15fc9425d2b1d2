//! The programme section of a scenario: optional, additive, validated field by field.

use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, MAX_CANDIDATES, Programme, Resource, Search, Target,
};
use egress_core::scenario::{presets, validate};

fn programme(goal: Goal) -> Programme {
    Programme {
        goal,
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: None,
        search: Search::default(),
    }
}

#[test]
fn a_scenario_without_a_programme_reads_and_writes_as_before() {
    let s = presets::preset("jackman").expect("preset");
    assert!(s.programme.is_none());
    let json = serde_json::to_string(&s).unwrap();
    assert!(
        !json.contains("programme"),
        "an absent programme must not be written"
    );
    let back: egress_core::scenario::Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn a_programme_round_trips_and_fills_defaults() {
    let mut s = presets::preset("jackman").unwrap();
    s.programme = Some(programme(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.2 },
        cost: CostBasis::FullCost,
    }));
    let json = serde_json::to_string(&s).unwrap();
    let back: egress_core::scenario::Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    assert!(validate(s).is_ok());
    // The smallest programme a planner writes by hand: only the goal.
    let p: Programme = serde_json::from_str(
        r#"{"goal":{"kind":"allocate","budget":5000000,"resource":"officer_hours"}}"#,
    )
    .unwrap();
    assert_eq!(p.floor_operations_per_week, 1);
    assert_eq!(p.search, Search::default());
    assert_eq!(
        p.goal,
        Goal::Allocate {
            budget: 5e6,
            resource: Resource::OfficerHours
        }
    );
}

#[test]
fn bad_programmes_are_refused_with_field_messages() {
    let mut s = presets::preset("jackman").unwrap();
    let mut p = programme(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 1.5 },
        cost: CostBasis::NewMoney,
    });
    p.crossings = vec!["nowhere".into()];
    p.search.first_stage = 1;
    p.search.alpha = 0.9;
    let mut space = CandidateSpace::default_for(5e5);
    space.teams.clear();
    space.duration_hours.push(30.0);
    p.space = Some(space);
    s.programme = Some(p);
    let problems = validate(s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for field in [
        "programme.goal.target.at_least",
        "programme.crossings[0]",
        "programme.search.first_stage",
        "programme.search.alpha",
        "programme.space.teams",
        "programme.space.duration_hours[2]",
    ] {
        assert!(paths.contains(&field), "no problem at {field}: {paths:?}");
    }
}

#[test]
fn a_space_too_large_to_search_is_refused_with_its_size() {
    let mut space = CandidateSpace::default_for(2e7);
    space.operations_per_week = (1..=40).collect();
    space.crew_size = vec![2, 3, 4];
    space.duration_hours = vec![3.0, 4.0];
    let size = space.size();
    // One schedule family × 40 frequencies × 2 durations × 1 window × 2 team counts ×
    // 3 crews × 1 selection × 2 techniques × 1 X-ray count.
    assert_eq!(size, 40 * 2 * 2 * 3 * 2);
    assert!(size > MAX_CANDIDATES);
    let mut s = presets::preset("jackman").unwrap();
    let mut p = programme(Goal::MostWithinBudget {
        budget: 1e6,
        cost: CostBasis::FullCost,
    });
    p.space = Some(space);
    s.programme = Some(p);
    let problems = validate(s).unwrap_err();
    let problem = problems
        .iter()
        .find(|p| p.path == "programme.space")
        .expect("size problem");
    assert!(
        problem.message.contains(&size.to_string()),
        "{}",
        problem.message
    );
}

#[test]
fn default_spaces_grow_with_the_crossing_and_stay_searchable() {
    let small = CandidateSpace::default_for(3e5);
    let mid = CandidateSpace::default_for(3e6);
    let large = CandidateSpace::default_for(3e7);
    assert!(small.size() < mid.size() && mid.size() <= large.size());
    for space in [small, mid, large] {
        assert!(space.size() <= MAX_CANDIDATES);
        let mut s = presets::preset("jackman").unwrap();
        let mut p = programme(Goal::CheapestProgramme {
            detection_rate: 0.1,
            resource: Resource::FullCost,
        });
        p.space = Some(space);
        s.programme = Some(p);
        assert!(validate(s).is_ok());
    }
}
