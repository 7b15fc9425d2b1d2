//! Share links: a whole scenario (seed and replication count included) in the URL
//! fragment, so a planner can send a colleague exactly what they ran.
//!
//! # Format
//!
//! ```text
//! #s=1.7dkxDkBAEIXhq2xJI6xl7ZG0JGqHUGl0kj3H3sQJHMESCo1CJEL-6aeYYpL38l0pkZjaTlTONmXtrJiH…
//!    │ └─ payload: base64url (no padding) of a raw deflate stream of the compact
//!    │    serde_json text of the `Scenario`, compressed at the best level against a
//!    │    preset dictionary, followed by the Adler-32 of that text (4 bytes, big-endian)
//!    └─ link format version (`LINK_VERSION`)
//! ```
//!
//! Two versions are at work, and they change for different reasons:
//!
//! * the **link format** (`1.` here) says how the payload is packed. Each released
//!   format is frozen: its decoder and its dictionary (`link/dictionary_v1.txt`) are
//!   kept byte for byte for as long as links of it may exist. A new way of packing (a
//!   new dictionary, a compact encoding) gets a new number and a new decoder next to
//!   the old ones; every decoder yields scenario JSON.
//! * the **scenario format** is the `version` field inside the JSON
//!   ([`SCENARIO_VERSION`]). When the `Scenario` types change, bump it and add a step to
//!   [`migrate`] that rewrites the JSON of the previous version into the new one. Links
//!   made before the change then keep opening, whatever their link format.
//!
//! Why a dictionary: a scenario's JSON is mostly numbers (traffic profiles, threat and
//! inspection parameters), which plain deflate squeezes only 3.4-fold, so the
//! single-crossing presets would need 2,600-2,900 characters. Deflate may refer back
//! to 32 KiB of earlier text, so format 1 starts the window with the JSON of the San
//! Ysidro and Jackman presets as released with it (14,200 bytes, frozen). A scenario
//! made from them then costs only its differences: about a hundred characters for a
//! preset, a few hundred more per crossing or strategy added. The dictionary only
//! changes how well the text compresses, never what it means: a scenario that shares
//! nothing with it still round-trips exactly.
//!
//! The Adler-32 lets a link damaged in transit be refused instead of opening a
//! scenario with a silently different number.
//!
//! Decoding is bounded: input longer than [`MAX_INPUT_CHARS`] is refused before any
//! work, and inflation stops at [`MAX_INFLATED_BYTES`] (a decompression bomb costs at
//! most that much memory). Every failure is a [`LinkError`] with a sentence a planner
//! can act on; nothing here panics on any input.

use crate::scenario::{Problem, SCENARIO_VERSION, Scenario, ValidScenario, validate};
use base64::Engine as _;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use miniz_oxide::DataFormat;
use miniz_oxide::deflate::CompressionLevel;
use miniz_oxide::deflate::core::{CompressorOxide, TDEFLFlush, compress_to_output};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
use serde_json::Value;
use std::fmt;

/// The link format written by [`encode`]. Formats 1..=`LINK_VERSION` are read.
pub const LINK_VERSION: u32 = 1;

/// The key of the fragment parameter holding the scenario (`#s=…`).
pub const FRAGMENT_KEY: &str = "s";

/// Longest link [`share_url`] makes (and longest fragment [`encode`] makes), in
/// characters. About 2,000 characters is the length that survives everywhere a
/// planner pastes a link: old browsers and proxies (2,083), sitemaps and many link
/// checkers (2,048), chat tools and mail clients that wrap or cut long lines. Longer
/// scenarios (a national set, say) are shared as a file instead.
pub const MAX_LINK_CHARS: usize = 2000;

/// Input longer than this is refused before decoding: no link [`encode`] makes comes
/// near it, and refusing early keeps an absurd paste from costing time or memory.
pub const MAX_INPUT_CHARS: usize = 1_000_000;

/// Most bytes a link may inflate to (4 MiB). A link within [`MAX_LINK_CHARS`] holds at
/// most 1,500 compressed bytes, which deflate cannot expand beyond about 1.6 MB, so
/// this refuses only hand-made decompression bombs.
pub const MAX_INFLATED_BYTES: usize = 4 * 1024 * 1024;

/// miniz_oxide's highest level (`CompressionLevel::UberCompression`).
const COMPRESSION_LEVEL: u8 = 10;

/// The preset dictionary of link format 1: the compact JSON of the San Ysidro and
/// Jackman presets as released with it. Frozen: never edit the file (the build checks
/// its length and checksum); a new dictionary needs a new link format.
const DICTIONARY_V1: &[u8] = include_bytes!("link/dictionary_v1.txt");

const _: () = assert!(
    DICTIONARY_V1.len() == 14_200 && adler32(DICTIONARY_V1) == 0x7f15_3314,
    "link/dictionary_v1.txt is frozen: links of format 1 depend on every byte of it"
);

/// Adler-32 (RFC 1950), the checksum that ends a payload.
const fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    let mut i = 0;
    while i < data.len() {
        a = (a + data[i] as u32) % MOD;
        b = (b + a) % MOD;
        i += 1;
    }
    (b << 16) | a
}

/// URL-safe alphabet; no padding written, padding tolerated when read (some tools add
/// it); non-canonical trailing bits are refused (they mean a damaged link).
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a link could not be made or opened. `Display` is a sentence for the planner.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Nothing after `#`, or an `s=` with no scenario data.
    Empty,
    /// An address with no `#…` part.
    MissingFragment,
    /// The fragment is not `s=<version>.<data>`.
    UnknownPrefix,
    /// A link format this version does not read (made by a newer Egress, or mistyped).
    UnknownVersion { found: String, newest: u32 },
    /// The input is longer than [`MAX_INPUT_CHARS`].
    InputTooLong { chars: usize, max: usize },
    /// The data has characters outside base64url, or a length base64 cannot have.
    NotBase64 { detail: String },
    /// The compressed data ends before the scenario does (a link cut short).
    Truncated,
    /// The data does not inflate, fails its checksum, or is not JSON text.
    Corrupt { detail: String },
    /// The data inflates to more than [`MAX_INFLATED_BYTES`].
    TooLarge { max: usize },
    /// Readable JSON that is not a scenario; `path` names the field (`(link)` when none).
    NotAScenario { path: String, message: String },
    /// A scenario format newer than this version's [`SCENARIO_VERSION`].
    ScenarioTooNew { found: u64, newest: u32 },
    /// A scenario whose values fail validation (every problem, with its path).
    Invalid(Vec<Problem>),
    /// The scenario does not fit in a link; share it as a file instead.
    TooLong { chars: usize, max: usize },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "This link has no scenario in it."),
            LinkError::MissingFragment => write!(
                f,
                "This address has no scenario in it: the part from '#' on is missing. Copy the whole link."
            ),
            LinkError::UnknownPrefix => write!(
                f,
                "This is not an Egress scenario link (it should end in '#s=' followed by the scenario)."
            ),
            LinkError::UnknownVersion { found, newest } => {
                let opens = if *newest == 1 {
                    String::from("format 1")
                } else {
                    format!("formats 1 to {newest}")
                };
                write!(
                    f,
                    "This link uses format \"{found}\", which this version of Egress cannot open (it opens {opens}). It may come from a newer Egress."
                )
            }
            LinkError::InputTooLong { chars, max } => write!(
                f,
                "This link is {chars} characters long; links over {max} characters are not opened. Share the scenario as a file instead."
            ),
            LinkError::NotBase64 { detail } => write!(
                f,
                "This link is damaged or cut short: its scenario data has characters a link cannot contain ({detail}). Copy the whole link again."
            ),
            LinkError::Truncated => write!(
                f,
                "This link is cut short: the scenario data ends early. Copy the whole link again."
            ),
            LinkError::Corrupt { detail } => write!(
                f,
                "This link is damaged: its scenario data cannot be read ({detail}). Copy the whole link again."
            ),
            LinkError::TooLarge { max } => write!(
                f,
                "This link unpacks to more than {} MiB, far more than any scenario; it was not opened.",
                max / (1024 * 1024)
            ),
            LinkError::NotAScenario { path, message } => {
                write!(
                    f,
                    "This link does not hold a readable scenario: {path}: {message}"
                )
            }
            LinkError::ScenarioTooNew { found, newest } => write!(
                f,
                "This link holds a scenario of format {found}, newer than this version of Egress reads ({newest}). Open it in the newest Egress."
            ),
            LinkError::Invalid(problems) => {
                write!(
                    f,
                    "The scenario in this link has {} problem(s):",
                    problems.len()
                )?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            LinkError::TooLong { chars, max } => write!(
                f,
                "This scenario is too big for a link ({chars} characters; links are kept under {max}). Share it as a file instead."
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment of the current link format for JSON text taken as it is: neither
/// parsed nor validated nor length-checked. For tools and tests that need links of any
/// content; the app uses [`encode`] or [`share_url`].
pub fn fragment_from_json(json: &[u8]) -> String {
    let mut packed = deflate_with_dictionary(json, DICTIONARY_V1);
    packed.extend_from_slice(&adler32(json).to_be_bytes());
    format!(
        "#{FRAGMENT_KEY}={LINK_VERSION}.{}",
        BASE64URL.encode(packed)
    )
}

/// Raw deflate of `data` with `dictionary` in the window before it: the dictionary is
/// compressed and flushed to a byte boundary (a sync flush keeps it in the window), and
/// only what follows is kept. Inflating that after pre-filling the output with the
/// dictionary gives `data` back.
fn deflate_with_dictionary(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let mut compressor =
        CompressorOxide::with_format_and_level(DataFormat::Raw, CompressionLevel::BestCompression);
    compressor.set_compression_level_raw(COMPRESSION_LEVEL);
    let mut discard = |_: &[u8]| true;
    if !dictionary.is_empty() {
        compress_to_output(&mut compressor, dictionary, TDEFLFlush::Sync, &mut discard);
    }
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |chunk| {
        out.extend_from_slice(chunk);
        true
    });
    out
}

/// The fragment for a scenario, `#s=1.…`, of any length. Refuses a scenario that fails
/// validation, so every link made opens.
pub fn fragment(scenario: &Scenario) -> Result<String, LinkError> {
    validate(scenario.clone()).map_err(LinkError::Invalid)?;
    // Serialising plain data cannot fail; floats print in shortest round-trip form.
    let json = serde_json::to_vec(scenario).unwrap_or_default();
    Ok(fragment_from_json(&json))
}

/// The fragment for a scenario, ready to append to the app's address, refused with
/// [`LinkError::TooLong`] when longer than [`MAX_LINK_CHARS`] (then offer the file).
/// [`share_url`] also counts the address in front.
pub fn encode(scenario: &Scenario) -> Result<String, LinkError> {
    let fragment = fragment(scenario)?;
    if fragment.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            chars: fragment.len(),
            max: MAX_LINK_CHARS,
        });
    }
    Ok(fragment)
}

/// The whole link: `base` (the app's address; any fragment of it is dropped) followed
/// by the scenario's fragment, refused with [`LinkError::TooLong`] when the whole
/// would be longer than [`MAX_LINK_CHARS`] characters.
pub fn share_url(base: &str, scenario: &Scenario) -> Result<String, LinkError> {
    let base = base.split_once('#').map_or(base, |(b, _)| b);
    let fragment = fragment(scenario)?;
    let chars = base.chars().count() + fragment.len();
    if chars > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            chars,
            max: MAX_LINK_CHARS,
        });
    }
    Ok(format!("{base}{fragment}"))
}

/// Opens a link: a full address, a fragment starting with `#`, or the bare `s=1.…`.
/// Whitespace anywhere is ignored (mail clients break long links across lines), and
/// other `&`-separated fragment parameters are skipped.
pub fn decode(input: &str) -> Result<ValidScenario, LinkError> {
    if input.len() > MAX_INPUT_CHARS {
        return Err(LinkError::InputTooLong {
            chars: input.chars().count(),
            max: MAX_INPUT_CHARS,
        });
    }
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let fragment = match cleaned.split_once('#') {
        Some((_, fragment)) => fragment,
        None if cleaned.starts_with(&format!("{FRAGMENT_KEY}=")) => cleaned.as_str(),
        None if cleaned.is_empty() => return Err(LinkError::Empty),
        None if cleaned.contains("://") || cleaned.contains('/') => {
            return Err(LinkError::MissingFragment);
        }
        None => return Err(LinkError::UnknownPrefix),
    };
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    let prefix = format!("{FRAGMENT_KEY}=");
    let value = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(prefix.as_str()))
        .ok_or(LinkError::UnknownPrefix)?;
    if value.is_empty() {
        return Err(LinkError::Empty);
    }
    let (version, data) = value.split_once('.').ok_or(LinkError::UnknownPrefix)?;
    let link_version = parse_version(version)?;
    let json = match link_version {
        1 => v1_json(data)?,
        _ => {
            return Err(LinkError::UnknownVersion {
                found: version.to_string(),
                newest: LINK_VERSION,
            });
        }
    };
    scenario_from_json(json)
}

fn parse_version(version: &str) -> Result<u32, LinkError> {
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::UnknownPrefix);
    }
    match version.parse::<u32>() {
        Ok(n) if (1..=LINK_VERSION).contains(&n) => Ok(n),
        _ => Err(LinkError::UnknownVersion {
            found: version.chars().take(12).collect(),
            newest: LINK_VERSION,
        }),
    }
}

/// Link format 1 (frozen): base64url of raw deflate against [`DICTIONARY_V1`], then
/// the Adler-32 of the JSON text.
fn v1_json(data: &str) -> Result<Value, LinkError> {
    if data.is_empty() {
        return Err(LinkError::Empty);
    }
    let packed = BASE64URL.decode(data).map_err(|e| LinkError::NotBase64 {
        detail: base64_detail(&e),
    })?;
    let (text, rest) = inflate_with_dictionary(&packed, DICTIONARY_V1, MAX_INFLATED_BYTES)?;
    let checksum: [u8; 4] = match rest.len() {
        0..4 => return Err(LinkError::Truncated),
        4 => [rest[0], rest[1], rest[2], rest[3]],
        _ => {
            return Err(LinkError::Corrupt {
                detail: String::from("extra data after the end"),
            });
        }
    };
    if adler32(&text) != u32::from_be_bytes(checksum) {
        return Err(LinkError::Corrupt {
            detail: String::from("checksum mismatch"),
        });
    }
    serde_json::from_slice(&text).map_err(|e| LinkError::Corrupt {
        detail: if e.is_eof() {
            String::from("the scenario text ends early")
        } else {
            format!("not valid scenario text: {e}")
        },
    })
}

fn base64_detail(e: &base64::DecodeError) -> String {
    match e {
        base64::DecodeError::InvalidByte(offset, byte) => format!(
            "character {:?} at position {}",
            char::from(*byte),
            offset + 1
        ),
        base64::DecodeError::InvalidLength(_) => String::from("it ends mid-character"),
        base64::DecodeError::InvalidLastSymbol(offset, byte) => format!(
            "last character {:?} at position {} is not one a link ends with",
            char::from(*byte),
            offset + 1
        ),
        base64::DecodeError::InvalidPadding => String::from("misplaced '='"),
    }
}

/// Inflates a raw deflate stream written with `dictionary` in its window into at most
/// `max` bytes (memory stays within the dictionary plus that bound). Returns the
/// inflated bytes and the input left after the end of the stream.
fn inflate_with_dictionary<'a>(
    input: &'a [u8],
    dictionary: &[u8],
    max: usize,
) -> Result<(Vec<u8>, &'a [u8]), LinkError> {
    // Back-references may reach anywhere earlier in a non-wrapping output buffer, so
    // starting the output with the dictionary makes it the stream's history.
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let start = dictionary.len();
    let limit = start.saturating_add(max);
    let mut out = dictionary.to_vec();
    out.resize(
        start
            .saturating_add(input.len().saturating_mul(4).max(1024))
            .min(limit),
        0,
    );
    let mut state = Box::<DecompressorOxide>::default();
    let mut rest = input;
    let mut out_pos = start;
    loop {
        let (status, consumed, written) = decompress(&mut state, rest, &mut out, out_pos, flags);
        out_pos += written;
        rest = rest.get(consumed..).unwrap_or_default();
        match status {
            TINFLStatus::Done => {
                out.truncate(out_pos);
                return Ok((out.split_off(start), rest));
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(LinkError::TooLarge { max });
                }
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(LinkError::Truncated);
            }
            _ => {
                return Err(LinkError::Corrupt {
                    detail: String::from("not compressed scenario data"),
                });
            }
        }
    }
}

/// Scenario JSON of any released scenario format → a validated current scenario.
fn scenario_from_json(json: Value) -> Result<ValidScenario, LinkError> {
    let from = match json.get("version") {
        Some(Value::Number(n)) => n.as_u64(),
        _ if !json.is_object() => {
            return Err(LinkError::NotAScenario {
                path: String::from("(link)"),
                message: String::from("expected a scenario object"),
            });
        }
        _ => None,
    };
    let from = from
        .filter(|v| *v >= 1)
        .ok_or_else(|| LinkError::NotAScenario {
            path: String::from("version"),
            message: String::from("missing or not a scenario format number"),
        })?;
    let from_u32 = u32::try_from(from)
        .ok()
        .filter(|v| *v <= SCENARIO_VERSION)
        .ok_or(LinkError::ScenarioTooNew {
            found: from,
            newest: SCENARIO_VERSION,
        })?;
    let current = migrate(json, from_u32)?;
    let scenario: Scenario = serde_path_to_error::deserialize(current).map_err(|e| {
        let path = e.path().to_string();
        LinkError::NotAScenario {
            path: if matches!(path.as_str(), "." | "?" | "") {
                String::from("(link)")
            } else {
                path
            },
            message: e.inner().to_string(),
        }
    })?;
    validate(scenario).map_err(LinkError::Invalid)
}

/// Rewrites scenario JSON of format `from` into the current [`SCENARIO_VERSION`],
/// one step per format, before it is deserialised.
///
/// When the `Scenario` types change: bump `SCENARIO_VERSION` to N and add an arm
/// `N - 1 => migrate(step(value), N)` whose `step` rewrites the JSON of format N − 1 into
/// format N (rename, move or default fields; set `version` to N). Keep every earlier arm
/// and never change what a released one does: links in the wild rely on it
/// (`core/tests/link.rs` keeps frozen links of format 1 that must keep opening).
pub fn migrate(value: Value, from: u32) -> Result<Value, LinkError> {
    match from {
        SCENARIO_VERSION => Ok(value),
        1 => migrate(crate::scenario::migrate::v1_to_v2(value), 2),
        2 => migrate(crate::scenario::migrate::v2_to_v3(value), 3),
        0 => Err(LinkError::NotAScenario {
            path: String::from("version"),
            message: String::from("0 is not a scenario format"),
        }),
        _ => Err(LinkError::ScenarioTooNew {
            found: u64::from(from),
            newest: SCENARIO_VERSION,
        }),
    }
}
