//! How sure the planner wants to be: the robustness analysis's settings (plausible
//! worlds, replications in each, the criterion the planner ranks by) and the record a
//! re-based scenario was calibrated to. Optional in the scenario (`assurance`), so a
//! share link reproduces the analysis and says where the prevalence came from.

use super::{Contraband, Problem, Scenario};
use crate::decide::robustness::{Criterion, MAX_WORLDS};
use serde::{Deserialize, Serialize};

/// Plausible worlds a robustness analysis may sample: a handful is no distribution, and
/// past a thousand the browser works for hours on a national scenario.
pub const WORLDS: (u32, u32) = (8, 1024);
/// Replications in each world: the noise within a world is not what robustness is
/// about, so few are enough; more than 100 is a plain run's job.
pub const REPLICATIONS_PER_WORLD: (u32, u32) = (1, 100);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AssuranceSettings {
    /// Plausible worlds sampled over every assumption's range.
    #[serde(default = "default_worlds")]
    pub worlds: u32,
    /// Replications of each world; a world runs at most the scenario's replications
    /// (more is not an error: a re-base or a shorter run must not invalidate it).
    #[serde(default = "default_replications_per_world")]
    pub replications_per_world: u32,
    /// How the planner ranks strategies within a world: the view and the briefing lead
    /// with it (every criterion is still computed).
    #[serde(default = "default_criterion")]
    pub criterion: Criterion,
    /// The record the prevalence was re-based on ("Re-base on the record"), with the
    /// multipliers applied: the editor shows it as the prevalence's provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibrated_to: Option<Calibrated>,
}

/// A re-base: which record, and each contraband type's prevalence multiplier.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Calibrated {
    pub record: String,
    pub multipliers: Vec<TypeMultiplier>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TypeMultiplier {
    pub contraband: Contraband,
    pub multiplier: f64,
}

impl Calibrated {
    /// "calibrated to OIG FY2018–22 record (firearms ×0.412)", as provenance reads.
    pub fn note(&self) -> String {
        let each: Vec<String> = self
            .multipliers
            .iter()
            .map(|m| {
                format!(
                    "{} ×{:.3}",
                    m.contraband.label().to_lowercase(),
                    m.multiplier
                )
            })
            .collect();
        if each.is_empty() {
            format!("calibrated to {} record", self.record)
        } else {
            format!("calibrated to {} record ({})", self.record, each.join(", "))
        }
    }

    /// The multiplier applied to `kind`, if it was re-based.
    pub fn multiplier_of(&self, kind: Contraband) -> Option<f64> {
        self.multipliers
            .iter()
            .find(|m| m.contraband == kind)
            .map(|m| m.multiplier)
    }
}

fn default_worlds() -> u32 {
    64
}

fn default_replications_per_world() -> u32 {
    5
}

fn default_criterion() -> Criterion {
    Criterion::MostDetections
}

impl Default for AssuranceSettings {
    /// 64 worlds × 5 replications: enough for the 5/95% bands to rest on several
    /// worlds each (the bench's figure).
    fn default() -> Self {
        AssuranceSettings {
            worlds: default_worlds(),
            replications_per_world: default_replications_per_world(),
            criterion: default_criterion(),
            calibrated_to: None,
        }
    }
}

impl AssuranceSettings {
    /// The scenario's settings, or the defaults when it has none.
    pub fn of(scenario: &Scenario) -> AssuranceSettings {
        scenario.assurance.clone().unwrap_or_default()
    }
}

/// Problems with a scenario's assurance settings, with the paths the editor highlights.
pub fn check(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(a) = &scenario.assurance else {
        return problems;
    };
    let mut push = |path: &str, message: String| {
        problems.push(Problem {
            path: path.to_owned(),
            message,
        })
    };
    let worlds_high = WORLDS.1.min(MAX_WORLDS);
    if !(WORLDS.0..=worlds_high).contains(&a.worlds) {
        push(
            "assurance.worlds",
            format!("must be a whole number from {} to {worlds_high}", WORLDS.0),
        );
    }
    if !(REPLICATIONS_PER_WORLD.0..=REPLICATIONS_PER_WORLD.1).contains(&a.replications_per_world) {
        push(
            "assurance.replications_per_world",
            format!(
                "must be a whole number from {} to {}",
                REPLICATIONS_PER_WORLD.0, REPLICATIONS_PER_WORLD.1
            ),
        );
    }
    if let Some(c) = &a.calibrated_to {
        if c.record.trim().is_empty() {
            push(
                "assurance.calibrated_to.record",
                String::from("must name the record the prevalence was calibrated to"),
            );
        }
        for (i, m) in c.multipliers.iter().enumerate() {
            if !m.multiplier.is_finite() || m.multiplier < 0.0 {
                push(
                    &format!("assurance.calibrated_to.multipliers[{i}].multiplier"),
                    String::from("must be a multiplier of 0 or more"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{presets, validate};

    fn jackman() -> Scenario {
        presets::preset("jackman").expect("preset")
    }

    #[test]
    fn absent_settings_are_the_defaults_and_valid() {
        let s = jackman();
        assert!(s.assurance.is_none());
        assert_eq!(AssuranceSettings::of(&s), AssuranceSettings::default());
        assert!(check(&s).is_empty());
    }

    #[test]
    fn bad_settings_get_field_messages() {
        let mut s = jackman();
        s.replications = 4;
        s.assurance = Some(AssuranceSettings {
            worlds: 3,
            replications_per_world: 101,
            ..AssuranceSettings::default()
        });
        let problems = validate(s.clone()).expect_err("invalid");
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["assurance.worlds", "assurance.replications_per_world"],
            "{problems:?}"
        );
        // More replications per world than the scenario has is not an error: a world
        // runs the scenario's.
        s.assurance = Some(AssuranceSettings::default());
        assert!(validate(s.clone()).is_ok());
        s.assurance = Some(AssuranceSettings {
            worlds: 16,
            replications_per_world: 0,
            ..AssuranceSettings::default()
        });
        let problems = check(&s);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("from 1 to 100"));
    }

    #[test]
    fn a_file_without_optional_keys_reads_with_defaults() {
        let settings: AssuranceSettings = serde_json::from_str(r#"{"worlds": 32}"#).expect("reads");
        assert_eq!(settings.worlds, 32);
        assert_eq!(settings.replications_per_world, 5);
        assert_eq!(settings.criterion, Criterion::MostDetections);
        let back = serde_json::to_string(&settings).expect("writes");
        assert!(!back.contains("calibrated_to"), "{back}");
    }

    #[test]
    fn the_provenance_note_names_record_and_multipliers() {
        let c = Calibrated {
            record: String::from("OIG FY2018–22"),
            multipliers: vec![TypeMultiplier {
                contraband: Contraband::Firearms,
                multiplier: 0.4123,
            }],
        };
        assert_eq!(
            c.note(),
            "calibrated to OIG FY2018–22 record (firearms ×0.412)"
        );
        assert_eq!(c.multiplier_of(Contraband::Firearms), Some(0.4123));
        assert_eq!(c.multiplier_of(Contraband::Currency), None);
    }

    #[test]
    fn a_negative_multiplier_is_refused() {
        let mut s = jackman();
        s.assurance = Some(AssuranceSettings {
            calibrated_to: Some(Calibrated {
                record: String::new(),
                multipliers: vec![TypeMultiplier {
                    contraband: Contraband::Currency,
                    multiplier: -1.0,
                }],
            }),
            ..AssuranceSettings::default()
        });
        let paths: Vec<String> = check(&s).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "assurance.calibrated_to.record",
                "assurance.calibrated_to.multipliers[0].multiplier"
            ]
        );
    }
}
