//! Designs, their units and their fingerprints.

use crate::scenario::migrate::read_value;
use crate::scenario::{Problem, Scenario, ValidScenario, validate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::Range;

/// One unit of work: one replication of one strategy of one scenario variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    /// Position in the design; stable for a given design.
    pub index: u64,
    pub variant: u32,
    pub replication: u32,
    /// Index into the variant scenario's strategies.
    pub strategy: u32,
}

/// A scenario to simulate, with the replications and strategies wanted of it.
#[derive(Debug, Clone)]
pub struct Variant {
    pub scenario: ValidScenario,
    /// Half-open, so that a later stage of a sequential design can ask for more
    /// replications of the same variant (`10..20` after `0..10`).
    pub replications: Range<u32>,
    pub strategies: Vec<u32>,
}

impl Variant {
    fn units(&self) -> u64 {
        u64::from(
            self.replications
                .end
                .saturating_sub(self.replications.start),
        ) * self.strategies.len() as u64
    }
}

/// What to simulate. Units are numbered variant by variant; within a variant,
/// replication by replication and then strategy by strategy, so that consecutive units
/// share a replication's traffic and carriers (an executor draws them once).
#[derive(Debug, Clone)]
pub struct Design {
    /// What the design is for, in words ("run", "optimise San Ysidro, stage 2").
    pub label: String,
    pub variants: Vec<Variant>,
    /// Cumulative unit counts: variant `v` holds units `starts[v]..starts[v + 1]`.
    starts: Vec<u64>,
    fingerprint: String,
}

/// The serialised form of a design: what a record file's header carries, and what the
/// fingerprint is the hash of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DesignSpec {
    pub label: String,
    pub variants: Vec<VariantSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantSpec {
    pub scenario: serde_json::Value,
    pub replications: Range<u32>,
    pub strategies: Vec<u32>,
}

/// Why a design cannot be built.
#[derive(Debug, Clone, PartialEq)]
pub enum DesignError {
    /// A variant's scenario is not valid.
    Scenario {
        variant: usize,
        problems: Vec<Problem>,
    },
    /// A variant asks for a strategy or replication its scenario does not have.
    Outside { variant: usize, message: String },
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DesignError::Scenario { variant, problems } => {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "variant {variant}: the scenario is not valid: {}",
                    listed.join("; ")
                )
            }
            DesignError::Outside { variant, message } => write!(f, "variant {variant}: {message}"),
        }
    }
}

impl Design {
    /// Builds a design, checking each variant asks only for what its scenario has.
    pub fn new(label: impl Into<String>, variants: Vec<Variant>) -> Result<Design, DesignError> {
        for (v, variant) in variants.iter().enumerate() {
            let strategies = variant.scenario.strategies.len();
            if let Some(s) = variant
                .strategies
                .iter()
                .find(|s| **s as usize >= strategies)
            {
                return Err(DesignError::Outside {
                    variant: v,
                    message: format!("strategy {s} does not exist ({strategies} strategies)"),
                });
            }
            if variant.replications.start > variant.replications.end {
                return Err(DesignError::Outside {
                    variant: v,
                    message: format!(
                        "replications {}..{} run backwards",
                        variant.replications.start, variant.replications.end
                    ),
                });
            }
        }
        let mut starts = Vec::with_capacity(variants.len() + 1);
        let mut total = 0u64;
        starts.push(0);
        for variant in &variants {
            total += variant.units();
            starts.push(total);
        }
        let label = label.into();
        let fingerprint = fingerprint_of(&spec_of(&label, &variants));
        Ok(Design {
            label,
            variants,
            starts,
            fingerprint,
        })
    }

    /// Today's plain run: every replication of every strategy of one scenario.
    pub fn run(scenario: ValidScenario) -> Design {
        let variant = Variant {
            replications: 0..scenario.replications,
            strategies: (0..scenario.strategies.len() as u32).collect(),
            scenario,
        };
        Design::new("run", vec![variant]).expect("a valid scenario's own run is in range")
    }

    /// Rebuilds a design from its serialised form (a record file's header), migrating
    /// and validating each scenario as a file would be.
    pub fn from_spec(spec: DesignSpec) -> Result<Design, DesignError> {
        let mut variants = Vec::with_capacity(spec.variants.len());
        for (v, variant) in spec.variants.into_iter().enumerate() {
            let scenario = read_value(variant.scenario)
                .map_err(|p| DesignError::Scenario {
                    variant: v,
                    problems: vec![p],
                })
                .and_then(|s: Scenario| {
                    validate(s).map_err(|problems| DesignError::Scenario {
                        variant: v,
                        problems,
                    })
                })?;
            variants.push(Variant {
                scenario,
                replications: variant.replications,
                strategies: variant.strategies,
            });
        }
        Design::new(spec.label, variants)
    }

    pub fn spec(&self) -> DesignSpec {
        spec_of(&self.label, &self.variants)
    }

    /// A hash of everything that decides the records (the scenarios with their seeds,
    /// the replications and strategies asked for, and the model's version), so that a
    /// record of another experiment is recognised as foreign.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Number of units.
    pub fn len(&self) -> u64 {
        *self.starts.last().unwrap_or(&0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The unit at `index`, or `None` past the end.
    pub fn unit(&self, index: u64) -> Option<Unit> {
        if index >= self.len() {
            return None;
        }
        // The first variant whose units end after `index` (variants may have none).
        let variant = self.starts.partition_point(|start| *start <= index) - 1;
        let within = index - self.starts[variant];
        let v = &self.variants[variant];
        let per_replication = v.strategies.len() as u64;
        Some(Unit {
            index,
            variant: variant as u32,
            replication: v.replications.start + (within / per_replication) as u32,
            strategy: v.strategies[(within % per_replication) as usize],
        })
    }

    /// The units of variant `variant`, in order.
    pub fn units_of(&self, variant: usize) -> Range<u64> {
        self.starts[variant]..self.starts[variant + 1]
    }
}

/// The `shard`-th of `shards` near-equal contiguous ranges of `total` units (0-based).
/// More shards than units leaves some empty; together they cover `0..total` once.
pub fn shard(total: u64, shard: u64, shards: u64) -> Range<u64> {
    let at = |i: u64| (u128::from(total) * u128::from(i) / u128::from(shards.max(1))) as u64;
    at(shard.min(shards))..at((shard + 1).min(shards))
}

fn spec_of(label: &str, variants: &[Variant]) -> DesignSpec {
    DesignSpec {
        label: label.to_owned(),
        variants: variants
            .iter()
            .map(|v| VariantSpec {
                scenario: serde_json::to_value(v.scenario.scenario())
                    .expect("a scenario always serialises"),
                replications: v.replications.clone(),
                strategies: v.strategies.clone(),
            })
            .collect(),
    }
}

fn fingerprint_of(spec: &DesignSpec) -> String {
    let mut hash = Sha256::new();
    hash.update(b"egress experiment 1\0");
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(b"\0");
    hash.update(serde_json::to_string(spec).expect("a design always serialises"));
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn jackman(replications: u32) -> ValidScenario {
        let mut s = presets::preset("jackman").expect("preset");
        s.replications = replications;
        validate(s).expect("valid")
    }

    #[test]
    fn units_cover_every_replication_and_strategy_once_in_order() {
        let scenario = jackman(3);
        let strategies = scenario.strategies.len() as u32;
        let design = Design::run(scenario);
        assert_eq!(design.len(), u64::from(3 * strategies));
        let units: Vec<Unit> = (0..design.len()).filter_map(|i| design.unit(i)).collect();
        for (i, u) in units.iter().enumerate() {
            assert_eq!(u.index, i as u64);
            assert_eq!(u.replication, i as u32 / strategies);
            assert_eq!(u.strategy, i as u32 % strategies);
        }
        assert_eq!(design.unit(design.len()), None);
    }

    #[test]
    fn variants_number_their_units_after_one_another_and_empty_ones_hold_none() {
        let design = Design::new(
            "stages",
            vec![
                Variant {
                    scenario: jackman(3),
                    replications: 2..4,
                    strategies: vec![0, 2],
                },
                Variant {
                    scenario: jackman(3),
                    replications: 5..5,
                    strategies: vec![1],
                },
                Variant {
                    scenario: jackman(3),
                    replications: 7..8,
                    strategies: vec![1, 0],
                },
            ],
        )
        .expect("design");
        let got: Vec<(u32, u32, u32)> = (0..design.len())
            .filter_map(|i| design.unit(i))
            .map(|u| (u.variant, u.replication, u.strategy))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, 0),
                (0, 2, 2),
                (0, 3, 0),
                (0, 3, 2),
                (2, 7, 1),
                (2, 7, 0)
            ]
        );
        assert_eq!(design.units_of(1), 4..4);
    }

    #[test]
    fn a_strategy_the_scenario_lacks_is_refused() {
        let err = Design::new(
            "bad",
            vec![Variant {
                scenario: jackman(2),
                replications: 0..2,
                strategies: vec![99],
            }],
        )
        .expect_err("strategy 99");
        assert!(err.to_string().contains("strategy 99"), "{err}");
    }

    #[test]
    fn the_fingerprint_follows_what_decides_the_records() {
        let base = Design::run(jackman(2));
        assert_eq!(base.fingerprint(), Design::run(jackman(2)).fingerprint());
        assert_ne!(base.fingerprint(), Design::run(jackman(3)).fingerprint());
        let mut reseeded = presets::preset("jackman").expect("preset");
        reseeded.replications = 2;
        reseeded.seed += 1;
        let reseeded = Design::run(validate(reseeded).expect("valid"));
        assert_ne!(base.fingerprint(), reseeded.fingerprint());
        let rebuilt = Design::from_spec(base.spec()).expect("rebuilt");
        assert_eq!(rebuilt.fingerprint(), base.fingerprint());
    }

    #[test]
    fn shards_cover_the_units_once_whatever_the_split() {
        for total in [0u64, 1, 7, 100, 1001] {
            for shards in [1u64, 2, 3, 4, 13, 2000] {
                let mut next = 0;
                for i in 0..shards {
                    let r = shard(total, i, shards);
                    assert_eq!(r.start, next, "total {total}, {shards} shards");
                    next = r.end;
                    assert!(r.end - r.start <= total / shards + 1);
                }
                assert_eq!(next, total);
            }
        }
    }
}
