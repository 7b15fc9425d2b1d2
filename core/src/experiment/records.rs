//! Records of units, record files, and merging them back into one ordered set.
//!
//! A record file is JSON lines: a header ([`RecordsHeader`]: the format, the design's
//! fingerprint, its size, the range of units the file was asked for, and the design
//! itself, so a file is enough to decide from), then one [`UnitRecord`] per line.

use super::design::{Design, DesignError, DesignSpec};
use crate::metrics::StrategyReplication;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// The record file format written by this version.
pub const RECORDS_FORMAT: u32 = 1;

/// What one unit measured, keyed so that it can be merged and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// The design's fingerprint.
    pub experiment: String,
    pub unit: u64,
    pub record: StrategyReplication,
}

/// The first line of a record file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordsHeader {
    /// [`RECORDS_FORMAT`]; also what marks the file as Egress records.
    pub egress_records: u32,
    pub experiment: String,
    /// Units in the whole design.
    pub units: u64,
    /// The units this file was asked to hold.
    pub range: Range<u64>,
    pub design: DesignSpec,
}

/// The header line of a record file holding `range` of `design` (with its newline).
pub fn write_header(design: &Design, range: Range<u64>) -> String {
    let header = RecordsHeader {
        egress_records: RECORDS_FORMAT,
        experiment: design.fingerprint().to_owned(),
        units: design.len(),
        range,
        design: design.spec(),
    };
    let mut line = serde_json::to_string(&header).expect("a header always serialises");
    line.push('\n');
    line
}

/// Why a record file cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFileError {
    /// 1-based line, or 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RecordFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// Reads one record file: its header and its records (not yet checked against each
/// other: [`merge`] does that for all files at once).
pub fn read_record_file(text: &str) -> Result<(RecordsHeader, Vec<UnitRecord>), RecordFileError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, first)) = lines.next() else {
        return Err(RecordFileError {
            line: 0,
            message: String::from(
                "the file is empty; an Egress record file starts with its header",
            ),
        });
    };
    let header: RecordsHeader = serde_json::from_str(first).map_err(|e| RecordFileError {
        line: 1,
        message: format!("not the header of an Egress record file ({e})"),
    })?;
    if header.egress_records != RECORDS_FORMAT {
        return Err(RecordFileError {
            line: 1,
            message: format!(
                "record file format {} is not one this version reads (format {RECORDS_FORMAT})",
                header.egress_records
            ),
        });
    }
    let mut records = Vec::new();
    for (i, line) in lines {
        let record: UnitRecord = serde_json::from_str(line).map_err(|e| RecordFileError {
            line: i + 1,
            message: format!("not a unit record ({e})"),
        })?;
        records.push(record);
    }
    Ok((header, records))
}

/// Why a set of records does not make one complete experiment.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeError {
    /// No file (or no header) was given.
    Nothing,
    /// A file's header cannot be turned back into its design.
    Design {
        file: String,
        error: DesignError,
    },
    /// A header whose design does not hash to its fingerprint: edited, or written by
    /// another version of Egress.
    Tampered {
        file: String,
    },
    /// A file of another experiment (another scenario, seed, design or version).
    Foreign {
        file: String,
        experiment: String,
        expected: String,
    },
    /// Records naming a unit the design does not have, or whose replication and
    /// strategy are not the unit's.
    Stray {
        units: Vec<u64>,
    },
    Duplicated {
        units: Vec<u64>,
    },
    Missing {
        units: Vec<u64>,
    },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Nothing => write!(f, "no record file was given"),
            MergeError::Design { file, error } => {
                write!(f, "{file}: the design in its header is not usable: {error}")
            }
            MergeError::Tampered { file } => write!(
                f,
                "{file}: the header's design does not match its fingerprint (edited, or written by another version of Egress)"
            ),
            MergeError::Foreign {
                file,
                experiment,
                expected,
            } => write!(
                f,
                "{file}: records of another experiment ({experiment}, expected {expected}: another scenario, seed, design or version)"
            ),
            MergeError::Stray { units } => write!(
                f,
                "records that do not belong to the design's units: {}",
                spans(units)
            ),
            MergeError::Duplicated { units } => {
                write!(f, "units recorded more than once: {}", spans(units))
            }
            MergeError::Missing { units } => write!(f, "units missing: {}", spans(units)),
        }
    }
}

/// Units as compact half-open spans: "0..3, 7, 9..12".
fn spans(units: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let start = units[i];
        let mut end = start;
        while i + 1 < units.len() && units[i + 1] == end + 1 {
            i += 1;
            end = units[i];
        }
        out.push(if end == start {
            start.to_string()
        } else {
            format!("{start}..{}", end + 1)
        });
        i += 1;
    }
    out.join(", ")
}

/// Checks that `records` are exactly the design's units, each once, and returns them in
/// unit order. Nothing is dropped silently: any missing, duplicated, foreign or stray
/// record is an error naming the units.
pub fn merge(design: &Design, records: Vec<UnitRecord>) -> Result<Vec<UnitRecord>, MergeError> {
    if let Some(foreign) = records
        .iter()
        .find(|r| r.experiment != design.fingerprint())
    {
        return Err(MergeError::Foreign {
            file: String::from("records"),
            experiment: foreign.experiment.clone(),
            expected: design.fingerprint().to_owned(),
        });
    }
    let mut stray: Vec<u64> = records
        .iter()
        .filter(|r| match design.unit(r.unit) {
            Some(u) => u.replication != r.record.replication || u.strategy != r.record.strategy,
            None => true,
        })
        .map(|r| r.unit)
        .collect();
    if !stray.is_empty() {
        stray.sort_unstable();
        stray.dedup();
        return Err(MergeError::Stray { units: stray });
    }
    let mut slots: Vec<Option<UnitRecord>> = vec![None; design.len() as usize];
    let mut duplicated = Vec::new();
    for record in records {
        let slot = &mut slots[record.unit as usize];
        if slot.is_some() {
            duplicated.push(record.unit);
        } else {
            *slot = Some(record);
        }
    }
    if !duplicated.is_empty() {
        duplicated.sort_unstable();
        duplicated.dedup();
        return Err(MergeError::Duplicated { units: duplicated });
    }
    let missing: Vec<u64> = slots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| i as u64)
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing { units: missing });
    }
    Ok(slots.into_iter().flatten().collect())
}

/// Merges record files (name, text): every header must describe the same experiment;
/// the design comes from the headers, so no scenario file is needed.
pub fn merge_files(
    files: &[(String, String)],
) -> Result<(Design, Vec<UnitRecord>), MergeFilesError> {
    let mut design: Option<Design> = None;
    // The first header's design as written: every later header must carry the same one,
    // or it was edited (only the first is rebuilt and hashed).
    let mut first_spec: Option<serde_json::Value> = None;
    let mut records = Vec::new();
    for (name, text) in files {
        let (header, mut recs) = read_record_file(text).map_err(|error| MergeFilesError::File {
            file: name.clone(),
            error,
        })?;
        let spec = serde_json::to_value(&header.design).unwrap_or_default();
        match &first_spec {
            Some(first)
                if *first != spec
                    && design
                        .as_ref()
                        .is_some_and(|d| d.fingerprint() == header.experiment) =>
            {
                return Err(MergeFilesError::Merge(MergeError::Tampered {
                    file: name.clone(),
                }));
            }
            Some(_) => {}
            None => first_spec = Some(spec),
        }
        match &design {
            None => {
                let built = Design::from_spec(header.design).map_err(|error| {
                    MergeFilesError::Merge(MergeError::Design {
                        file: name.clone(),
                        error,
                    })
                })?;
                if built.fingerprint() != header.experiment {
                    return Err(MergeFilesError::Merge(MergeError::Tampered {
                        file: name.clone(),
                    }));
                }
                design = Some(built);
            }
            Some(d) if d.fingerprint() != header.experiment => {
                return Err(MergeFilesError::Merge(MergeError::Foreign {
                    file: name.clone(),
                    experiment: header.experiment,
                    expected: d.fingerprint().to_owned(),
                }));
            }
            Some(_) => {}
        }
        if let Some(r) = recs.iter().find(|r| r.experiment != header.experiment) {
            return Err(MergeFilesError::Merge(MergeError::Foreign {
                file: name.clone(),
                experiment: r.experiment.clone(),
                expected: header.experiment,
            }));
        }
        records.append(&mut recs);
    }
    let design = design.ok_or(MergeFilesError::Merge(MergeError::Nothing))?;
    let merged = merge(&design, records).map_err(MergeFilesError::Merge)?;
    Ok((design, merged))
}

/// Why record files cannot be merged.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeFilesError {
    File {
        file: String,
        error: RecordFileError,
    },
    Merge(MergeError),
}

impl fmt::Display for MergeFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeFilesError::File { file, error } => write!(f, "{file}: {error}"),
            MergeFilesError::Merge(e) => write!(f, "{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_compact() {
        assert_eq!(spans(&[0, 1, 2, 7, 9, 10, 11]), "0..3, 7, 9..12");
        assert_eq!(spans(&[]), "");
    }
}
