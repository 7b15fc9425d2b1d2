//! Saved scenarios in the browser's local storage: save, open, rename, duplicate,
//! delete. Unreadable stored content is set aside under its own key and reported.
//! Saving over a name asks first; a delete can be undone; every change starts from the
//! library as stored (not as this tab last showed it), and a change made in another
//! tab shows at once, so two tabs never wipe each other's entries.

pub mod store;

use yew::prelude::*;

use crate::hooks::use_storage_changes;
use crate::state::{Action, AppContext, Notice};
use store::{Entry, LIBRARY_KEY, Library, SET_ASIDE_PREFIX, SaveError, SetAside};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads the library; content that cannot be read is moved to a set-aside key, entries
/// that share an id get ids of their own, and the library is rewritten if either
/// happened. Returns the notice to show, if any.
pub fn read_library() -> (Library, Option<Notice>) {
    let Some(storage) = local_storage() else {
        return (
            Library::default(),
            Some(Notice::warning(
                "This browser does not allow local storage: scenarios cannot be saved here. Download them as files instead.",
            )),
        );
    };
    let raw = storage.get_item(LIBRARY_KEY).ok().flatten();
    let (mut library, aside) = store::load(raw.as_deref());
    let renumbered = library.make_ids_unique();
    if aside.is_empty() {
        if renumbered {
            let _ = storage.set_item(LIBRARY_KEY, &store::store(&library));
        }
        return (library, None);
    }
    let key = set_aside(&storage, &aside);
    let _ = storage.set_item(LIBRARY_KEY, &store::store(&library));
    let reasons: Vec<&str> = aside.iter().map(|a| a.reason.as_str()).collect();
    (
        library,
        Some(Notice::warning(format!(
            "Some saved data could not be read and was set aside (browser storage key \"{key}\"): {}. The rest of your library is intact.",
            reasons.join("; ")
        ))),
    )
}

fn set_aside(storage: &web_sys::Storage, aside: &[SetAside]) -> String {
    let key = format!("{SET_ASIDE_PREFIX}{}", js_sys::Date::now() as u64);
    let raws: Vec<&str> = aside.iter().map(|a| a.raw.as_str()).collect();
    let _ = storage.set_item(&key, &serde_json::to_string(&raws).unwrap_or_default());
    key
}

fn write_library(library: &Library) -> Result<(), String> {
    let storage = local_storage().ok_or("This browser does not allow local storage.")?;
    storage
        .set_item(LIBRARY_KEY, &store::store(library))
        .map_err(|_| "The browser refused to store the library (storage full?). Delete a saved scenario or download it as a file.".to_string())
}

fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}

/// Applies a change to the library as stored now — not as this tab last showed it:
/// another tab may have saved or deleted since — stores it, shows the outcome, and
/// returns what the change returned.
fn apply_change<T>(
    library: &UseStateHandle<Library>,
    state: &AppContext,
    f: impl FnOnce(&mut Library) -> Result<(T, String), String>,
) -> Option<T> {
    let (mut next, notice) = read_library();
    if let Some(notice) = notice {
        state.dispatch(Action::ShowNotice(notice));
    }
    let outcome = f(&mut next).and_then(|done| write_library(&next).map(|_| done));
    let (next, outcome) = match outcome {
        Ok((value, message)) => {
            if !message.is_empty() {
                state.dispatch(Action::ShowNotice(Notice::info(message)));
            }
            (next, Some(value))
        }
        Err(message) => {
            state.dispatch(Action::ShowNotice(Notice::error(message)));
            (read_library().0, None)
        }
    };
    library.set(next);
    outcome
}

fn saved_at_text(saved_at: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(saved_at));
    date.to_locale_string("en-US", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// "Saved scenarios" in the toolbar.
#[function_component]
pub fn LibraryPanel() -> Html {
    let state = use_context::<AppContext>();
    let library = use_state(Library::default);
    let renaming = use_state(|| None::<u64>);
    // A save that would replace the entry of the same name, waiting for the planner.
    let confirming = use_state(|| None::<String>);
    // The entry deleted last and its place, until undone or the next change.
    let deleted = use_state(|| None::<(usize, Entry)>);
    {
        let library = library.clone();
        let state = state.clone();
        use_effect_with((), move |_| {
            let (loaded, notice) = read_library();
            library.set(loaded);
            if let (Some(notice), Some(state)) = (notice, state) {
                state.dispatch(Action::ShowNotice(notice));
            }
        });
    }
    {
        // Another tab saved, renamed or deleted: show the library as it is now.
        let library = library.clone();
        use_storage_changes(
            LIBRARY_KEY,
            Callback::from(move |_| library.set(read_library().0)),
        );
    }
    use_effect_with(confirming.is_some(), |asking| {
        if *asking {
            focus("library-replace");
        }
    });
    // After a delete, focus goes to its Undo (the deleted row's buttons are gone).
    use_effect_with(deleted.as_ref().map(|(_, entry)| entry.id), |deleted| {
        if deleted.is_some() {
            focus("library-undo-delete");
        }
    });
    let Some(state) = state else {
        return Html::default();
    };

    let save = {
        let library = library.clone();
        let state = state.clone();
        let confirming = confirming.clone();
        let deleted = deleted.clone();
        move |name: String, replace: bool| {
            // Save is disabled then; this is the last guard: an entry must hold what
            // the planner sees, not a field's last good value.
            if state.keep_blocked_reason().is_some() {
                return;
            }
            let scenario = state.scenario.clone();
            confirming.set(None);
            let saved = apply_change(&library, &state, |lib| {
                match lib.save(&name, scenario.clone(), now_ms_wall(), replace) {
                    Ok(_) => Ok((
                        true,
                        format!(
                            "{} \"{}\" in this browser.",
                            if replace { "Replaced" } else { "Saved" },
                            name.trim()
                        ),
                    )),
                    // Saved under this name meanwhile (another tab): ask, as for any.
                    Err(SaveError::NameTaken(_)) => Ok((false, String::new())),
                    Err(SaveError::Refused(message)) => Err(message),
                }
            });
            match saved {
                Some(true) => {
                    deleted.set(None);
                    state.dispatch(Action::MarkKept);
                }
                Some(false) => confirming.set(Some(name)),
                None => {}
            }
        }
    };
    let on_save = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(input_value("library-name"), false);
        })
    };
    let confirm = (*confirming).clone().map(|name| {
        let on_replace = {
            let save = save.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| save(name.clone(), true))
        };
        let on_cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| {
                confirming.set(None);
                focus("library-name");
            })
        };
        let when = library
            .named(&name)
            .map(|e| format!(" (saved {})", saved_at_text(e.saved_at)))
            .unwrap_or_default();
        html! {
            <div id="library-confirm" class="library__confirm" role="group" aria-labelledby="library-confirm-text">
                <p id="library-confirm-text" class="library__confirm-text">
                    { format!("\u{201c}{}\u{201d} is already saved in this browser{when}. Replace it with the scenario on screen?", name.trim()) }
                </p>
                <button id="library-replace" type="button" class="button button--danger" onclick={on_replace}>{ "Replace" }</button>
                <button id="library-replace-cancel" type="button" class="button button--quiet" onclick={on_cancel}>{ "Keep both: pick another name" }</button>
            </div>
        }
    });

    let undo = (*deleted).clone().map(|(index, entry)| {
        let shown_name = entry.name.clone();
        let on_undo = {
            let library = library.clone();
            let state = state.clone();
            let deleted = deleted.clone();
            Callback::from(move |_: MouseEvent| {
                let entry = entry.clone();
                let name = entry.name.clone();
                deleted.set(None);
                apply_change(&library, &state, |lib| {
                    lib.restore(index, entry)
                        .map(|_| ((), format!("Restored \"{name}\" in this browser.")))
                });
            })
        };
        html! {
            <p id="library-deleted" class="library__deleted" role="status">
                { format!("Deleted \u{201c}{shown_name}\u{201d}. ") }
                <button id="library-undo-delete" type="button" class="button" onclick={on_undo}>{ "Undo" }</button>
            </p>
        }
    });

    let rows = library.entries.iter().map(|entry| {
        let id = entry.id;
        let open = {
            let state = state.clone();
            let entry = entry.clone();
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::ReplaceScenario {
                    scenario: Box::new(entry.scenario.clone()),
                    notice: Some(Notice::info(format!("Opened \"{}\" from this browser's library.", entry.name))),
                })
            })
        };
        let duplicate = {
            let library = library.clone();
            let state = state.clone();
            Callback::from(move |_: MouseEvent| {
                apply_change(&library, &state, |lib| {
                    lib.duplicate(id, now_ms_wall()).map(|_| ((), String::new()))
                });
            })
        };
        let delete = {
            let library = library.clone();
            let state = state.clone();
            let deleted = deleted.clone();
            Callback::from(move |_: MouseEvent| {
                let removed = apply_change(&library, &state, |lib| {
                    lib.delete(id)
                        .map(|removed| (removed, String::new()))
                        .ok_or_else(|| "That scenario is no longer in the library.".to_string())
                });
                if let Some(removed) = removed {
                    deleted.set(Some(removed));
                }
            })
        };
        let start_rename = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id)))
        };
        let finish_rename = {
            let library = library.clone();
            let state = state.clone();
            let renaming = renaming.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let name = input_value(&format!("library-rename-{id}"));
                apply_change(&library, &state, |lib| lib.rename(id, &name).map(|_| ((), String::new())));
                renaming.set(None);
            })
        };
        let saved = saved_at_text(entry.saved_at);
        html! {
            <li class="library__entry" key={id.to_string()} data-entry-id={id.to_string()}>
                if *renaming == Some(id) {
                    <form class="library__rename" onsubmit={finish_rename}>
                        <label class="visually-hidden" for={format!("library-rename-{id}")}>{ "New name" }</label>
                        <input id={format!("library-rename-{id}")} class="input" value={entry.name.clone()} />
                        <button type="submit" class="button">{ "Rename" }</button>
                    </form>
                } else {
                    <span class="library__name" title={entry.name.clone()}>{ entry.name.clone() }</span>
                    <span class="library__date">{ saved }</span>
                }
                <span class="library__actions">
                    <button type="button" class="button button--quiet" data-action="open" onclick={open}
                            aria-label={format!("Open {}", entry.name)}>{ "Open" }</button>
                    <button type="button" class="button button--quiet" data-action="rename" onclick={start_rename}
                            aria-label={format!("Rename {}", entry.name)}>{ "Rename" }</button>
                    <button type="button" class="button button--quiet" data-action="duplicate" onclick={duplicate}
                            aria-label={format!("Duplicate {}", entry.name)}>{ "Duplicate" }</button>
                    <button type="button" class="button button--quiet" data-action="delete" onclick={delete}
                            aria-label={format!("Delete {}", entry.name)}>{ "Delete" }</button>
                </span>
            </li>
        }
    });

    let keep_blocked = state.keep_blocked_reason();
    html! {
        <details id="library" class="library">
            <summary class="library__summary">{ format!("Saved scenarios ({})", library.entries.len()) }</summary>
            <form class="library__save" onsubmit={on_save}>
                <label for="library-name" class="toolbar__label">{ "Save the current scenario as" }</label>
                <input id="library-name" class="input" value={state.scenario.name.clone()} />
                <button id="library-save" type="submit" class="button"
                        disabled={keep_blocked.is_some()} title={keep_blocked.clone()}
                        aria-describedby={keep_blocked.as_ref().map(|_| "library-save-blocked")}>
                    { "Save" }
                </button>
                if let Some(reason) = keep_blocked {
                    <p id="library-save-blocked" class="toolbar__reason">{ reason }</p>
                }
            </form>
            { confirm.unwrap_or_default() }
            { undo.unwrap_or_default() }
            if library.entries.is_empty() {
                <p class="library__empty">{ "Nothing saved in this browser yet." }</p>
            } else {
                <ul class="library__list">{ for rows }</ul>
            }
        </details>
    }
}

/// Wall-clock milliseconds, for "saved at".
fn now_ms_wall() -> f64 {
    js_sys::Date::now()
}
