//! The saved-scenario library as stored in the browser: pure functions from the stored
//! text to a library and back, so they can be tested natively. Whatever cannot be read
//! is set aside (kept, under its own key) and reported, never thrown away or fatal.

use egress_core::scenario::{Scenario, migrate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Storage key of the library.
pub const LIBRARY_KEY: &str = "egress.library.v1";
/// Prefix of the keys where unreadable content is set aside.
pub const SET_ASIDE_PREFIX: &str = "egress.set-aside.";
/// Most scenarios the library keeps (browser storage is a few megabytes).
pub const MAX_ENTRIES: usize = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub name: String,
    /// Milliseconds since 1970 when it was saved.
    pub saved_at: f64,
    pub scenario: Scenario,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub entries: Vec<Entry>,
}

/// Content that could not be read: the raw text and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub raw: String,
    pub reason: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    entries: Vec<Value>,
}

/// Reads the stored text. Unreadable entries, or an unreadable whole, are returned to be
/// set aside; the rest of the library is kept.
pub fn load(raw: Option<&str>) -> (Library, Vec<SetAside>) {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return (Library::default(), Vec::new());
    };
    let stored: Stored = match serde_json::from_str(raw) {
        Ok(stored) => stored,
        Err(e) => {
            return (
                Library::default(),
                vec![SetAside {
                    raw: raw.to_string(),
                    reason: format!("the saved scenarios are not readable ({e})"),
                }],
            );
        }
    };
    if stored.version != 1 {
        return (
            Library::default(),
            vec![SetAside {
                raw: raw.to_string(),
                reason: format!(
                    "the saved scenarios use format {}, unknown to this version",
                    stored.version
                ),
            }],
        );
    }
    let mut library = Library::default();
    let mut aside = Vec::new();
    for value in stored.entries {
        match entry_from(value.clone()) {
            Ok(entry) => library.entries.push(entry),
            Err(e) => aside.push(SetAside {
                raw: value.to_string(),
                reason: format!("a saved scenario is not readable ({e})"),
            }),
        }
    }
    (library, aside)
}

/// One stored entry; its scenario may be of an older format, moved forward as a file
/// or a link would be.
fn entry_from(mut value: Value) -> Result<Entry, String> {
    let scenario = value
        .get_mut("scenario")
        .map(Value::take)
        .ok_or_else(|| String::from("no scenario"))?;
    let scenario = migrate::read_value(scenario).map_err(|p| p.to_string())?;
    if let Some(object) = value.as_object_mut() {
        object.insert(
            String::from("scenario"),
            serde_json::to_value(&scenario).map_err(|e| e.to_string())?,
        );
    }
    serde_json::from_value::<Entry>(value).map_err(|e| e.to_string())
}

/// The text to store.
pub fn store(library: &Library) -> String {
    let stored = Stored {
        version: 1,
        entries: library
            .entries
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok())
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

impl Library {
    fn next_id(&self) -> u64 {
        self.entries.iter().map(|e| e.id).max().unwrap_or(0) + 1
    }

    /// Gives every entry an id of its own (storage edited by hand, or by an older
    /// version, can hold two entries with one id: one click would then act on both).
    /// Returns whether any id changed.
    pub fn make_ids_unique(&mut self) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut next = self.next_id();
        let mut changed = false;
        for entry in &mut self.entries {
            if !seen.insert(entry.id) {
                entry.id = next;
                seen.insert(next);
                next += 1;
                changed = true;
            }
        }
        changed
    }

    /// The entry saved under this name, if any.
    pub fn named(&self, name: &str) -> Option<&Entry> {
        let name = name.trim();
        self.entries.iter().find(|e| e.name == name)
    }

    /// Saves a scenario under a name. A scenario already saved under that name is
    /// replaced only when `replace` says so (the planner confirmed); otherwise saving
    /// is refused with [`SaveError::NameTaken`].
    pub fn save(
        &mut self,
        name: &str,
        scenario: Scenario,
        now_ms: f64,
        replace: bool,
    ) -> Result<u64, SaveError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SaveError::Refused(
                "Give the scenario a name to save it.".to_string(),
            ));
        }
        if let Some(entry) = self.entries.iter_mut().find(|e| e.name == name) {
            if !replace {
                return Err(SaveError::NameTaken(entry.id));
            }
            entry.scenario = scenario;
            entry.saved_at = now_ms;
            return Ok(entry.id);
        }
        if self.entries.len() >= MAX_ENTRIES {
            return Err(SaveError::Refused(format!(
                "The library holds at most {MAX_ENTRIES} scenarios: delete one first."
            )));
        }
        let id = self.next_id();
        self.entries.push(Entry {
            id,
            name: name.to_string(),
            saved_at: now_ms,
            scenario,
        });
        Ok(id)
    }

    pub fn get(&self, id: u64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn rename(&mut self, id: u64, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("A name cannot be empty.".to_string());
        }
        if self.entries.iter().any(|e| e.name == name && e.id != id) {
            return Err(format!("Another saved scenario is called \"{name}\"."));
        }
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) => {
                entry.name = name.to_string();
                Ok(())
            }
            None => Err("That scenario is no longer in the library.".to_string()),
        }
    }

    pub fn duplicate(&mut self, id: u64, now_ms: f64) -> Result<u64, String> {
        let entry = self
            .get(id)
            .cloned()
            .ok_or("That scenario is no longer in the library.")?;
        let name = self.free_name(&entry.name);
        self.save(&name, entry.scenario, now_ms, false)
            .map_err(|e| e.to_string())
    }

    /// `name`, or `name (2)`, `name (3)`… whichever is not taken.
    fn free_name(&self, name: &str) -> String {
        if self.named(name).is_none() {
            return name.to_string();
        }
        (2..)
            .map(|n| format!("{name} ({n})"))
            .find(|candidate| self.named(candidate).is_none())
            .unwrap_or_else(|| name.to_string())
    }

    /// Deletes one entry and returns it with its place, for an undo.
    pub fn delete(&mut self, id: u64) -> Option<(usize, Entry)> {
        let index = self.entries.iter().position(|e| e.id == id)?;
        Some((index, self.entries.remove(index)))
    }

    /// Puts a deleted entry back at its place (or the end). Whatever another tab saved
    /// meanwhile is kept: a clashing id gets a new one, a clashing name a number.
    pub fn restore(&mut self, index: usize, mut entry: Entry) -> Result<u64, String> {
        if self.entries.len() >= MAX_ENTRIES {
            return Err(format!(
                "The library holds at most {MAX_ENTRIES} scenarios: delete one first."
            ));
        }
        if self.get(entry.id).is_some() {
            entry.id = self.next_id();
        }
        entry.name = self.free_name(&entry.name);
        let id = entry.id;
        self.entries.insert(index.min(self.entries.len()), entry);
        Ok(id)
    }
}

/// Why a scenario was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// Another saved scenario has this name (its id): ask before replacing it.
    NameTaken(u64),
    Refused(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::NameTaken(_) => write!(f, "A saved scenario already has this name."),
            SaveError::Refused(message) => write!(f, "{message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;

    fn jackman() -> Scenario {
        presets::preset("jackman").expect("preset")
    }

    #[test]
    fn a_library_survives_storage() {
        let mut library = Library::default();
        let id = library
            .save("Jackman weekly", jackman(), 1.0, false)
            .expect("saved");
        library.duplicate(id, 2.0).expect("duplicated");
        library
            .rename(id, "Jackman, weekly floor")
            .expect("renamed");
        let (back, aside) = load(Some(&store(&library)));
        assert!(aside.is_empty());
        assert_eq!(back, library);
        assert_eq!(back.entries[1].name, "Jackman weekly (2)");
        assert!(library.delete(id).is_some());
        assert_eq!(library.entries.len(), 1);
    }

    #[test]
    fn unreadable_content_is_set_aside_not_lost() {
        for raw in ["not json", "{\"version\": 7, \"entries\": []}", "[1,2,3]"] {
            let (library, aside) = load(Some(raw));
            assert!(library.entries.is_empty());
            assert_eq!(aside.len(), 1, "{raw}");
            assert_eq!(aside[0].raw, raw);
        }
        // One bad entry among good ones: the good ones are kept.
        let mut library = Library::default();
        library.save("good", jackman(), 1.0, false).expect("saved");
        let mut value: serde_json::Value = serde_json::from_str(&store(&library)).expect("json");
        value["entries"]
            .as_array_mut()
            .expect("entries")
            .push(serde_json::json!({"id": 9, "name": "broken", "scenario": {"version": 1}}));
        let (back, aside) = load(Some(&value.to_string()));
        assert_eq!(back.entries.len(), 1);
        assert_eq!(aside.len(), 1);
        assert!(aside[0].reason.contains("not readable"));
    }

    /// A scenario saved under format 1 opens, moved forward as a file or link would be.
    #[test]
    fn entries_of_an_older_scenario_format_open() {
        let v1 = include_str!("../../core/tests/fixtures/jackman_v1.json");
        let mut scenario: serde_json::Value = serde_json::from_str(v1).expect("json");
        assert_eq!(scenario["version"], 1);
        let raw = serde_json::json!({
            "version": 1,
            "entries": [{"id": 1, "name": "old", "saved_at": 1.0, "scenario": scenario.take()}]
        });
        let (library, aside) = load(Some(&raw.to_string()));
        assert!(aside.is_empty(), "{aside:?}");
        let opened = &library.entries[0].scenario;
        assert_eq!(opened.version, egress_core::scenario::SCENARIO_VERSION);
        assert!(egress_core::scenario::validate(opened.clone()).is_ok());
    }

    #[test]
    fn names_are_required_and_unique() {
        let mut library = Library::default();
        assert!(library.save("  ", jackman(), 1.0, false).is_err());
        let a = library.save("a", jackman(), 1.0, false).expect("a");
        library.save("b", jackman(), 1.0, false).expect("b");
        assert!(library.rename(a, "b").is_err());
        // Saving under an existing name asks first, and replaces only when confirmed.
        let mut changed = jackman();
        changed.seed += 1;
        assert_eq!(
            library.save(" a ", changed.clone(), 3.0, false),
            Err(SaveError::NameTaken(a))
        );
        assert_eq!(library.get(a).map(|e| e.saved_at), Some(1.0));
        assert_eq!(library.save("a", changed.clone(), 3.0, true), Ok(a));
        assert_eq!(library.get(a).map(|e| &e.scenario), Some(&changed));
        assert_eq!(library.entries.len(), 2);
    }

    #[test]
    fn a_deleted_entry_comes_back_where_it_was() {
        let mut library = Library::default();
        for name in ["a", "b", "c"] {
            library.save(name, jackman(), 1.0, false).expect("saved");
        }
        let b = library.named("b").expect("b").id;
        let (index, entry) = library.delete(b).expect("deleted");
        assert_eq!(index, 1);
        assert_eq!(library.delete(b), None, "deleted once");
        // Meanwhile another tab saved "b" again: both are kept.
        library.save("b", jackman(), 2.0, false).expect("saved");
        let restored = library.restore(index, entry).expect("restored");
        let names: Vec<&str> = library.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "b (2)", "c", "b"]);
        assert_eq!(library.get(restored).map(|e| e.saved_at), Some(1.0));
    }

    #[test]
    fn entries_sharing_an_id_get_ids_of_their_own() {
        let mut library = Library::default();
        library.save("a", jackman(), 1.0, false).expect("a");
        library.save("b", jackman(), 1.0, false).expect("b");
        let mut value: serde_json::Value = serde_json::from_str(&store(&library)).expect("json");
        value["entries"][1]["id"] = value["entries"][0]["id"].clone();
        let (mut back, aside) = load(Some(&value.to_string()));
        assert!(aside.is_empty());
        assert!(back.make_ids_unique());
        assert!(!back.make_ids_unique(), "once is enough");
        let first = back.entries[0].id;
        assert_ne!(back.entries[1].id, first);
        // Deleting one deletes only that one.
        back.delete(first);
        assert_eq!(back.entries.len(), 1);
        assert_eq!(back.entries[0].name, "b");
    }
}
