//! Saved scenarios in the browser's local storage: save, open, rename, duplicate,
//! delete. Unreadable stored content is set aside under its own key and reported.

pub mod store;

use yew::prelude::*;

use crate::state::{Action, AppContext, Notice};
use store::{LIBRARY_KEY, Library, SET_ASIDE_PREFIX, SetAside};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads the library; content that cannot be read is moved to a set-aside key, and the
/// library is rewritten without it. Returns the notice to show, if any.
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
    let (library, aside) = store::load(raw.as_deref());
    if aside.is_empty() {
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

/// "Saved scenarios" in the toolbar.
#[function_component]
pub fn LibraryPanel() -> Html {
    let state = use_context::<AppContext>();
    let library = use_state(Library::default);
    let renaming = use_state(|| None::<u64>);
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
    let Some(state) = state else {
        return Html::default();
    };

    // Applies a change to the library, stores it, and reports the outcome.
    let change = {
        let library = library.clone();
        let state = state.clone();
        move |f: &dyn Fn(&mut Library) -> Result<String, String>| {
            let mut next = (*library).clone();
            match f(&mut next).and_then(|message| write_library(&next).map(|_| message)) {
                Ok(message) => {
                    library.set(next);
                    if !message.is_empty() {
                        state.dispatch(Action::ShowNotice(Notice::info(message)));
                    }
                }
                Err(message) => state.dispatch(Action::ShowNotice(Notice::error(message))),
            }
        }
    };

    let on_save = {
        let change = change.clone();
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value("library-name");
            let scenario = state.scenario.clone();
            change(&|lib: &mut Library| {
                lib.save(&name, scenario.clone(), now_ms_wall())
                    .map(|_| format!("Saved \"{}\" in this browser.", name.trim()))
            });
        })
    };

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
            let change = change.clone();
            Callback::from(move |_: MouseEvent| change(&|lib: &mut Library| lib.duplicate(id, now_ms_wall()).map(|_| String::new())))
        };
        let delete = {
            let change = change.clone();
            Callback::from(move |_: MouseEvent| {
                change(&|lib: &mut Library| {
                    lib.delete(id);
                    Ok(String::new())
                })
            })
        };
        let start_rename = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id)))
        };
        let finish_rename = {
            let change = change.clone();
            let renaming = renaming.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let name = input_value(&format!("library-rename-{id}"));
                change(&|lib: &mut Library| lib.rename(id, &name).map(|_| String::new()));
                renaming.set(None);
            })
        };
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(entry.saved_at));
        let saved: String = date.to_locale_string("en-US", &wasm_bindgen::JsValue::UNDEFINED).into();
        html! {
            <li class="library__entry" data-entry-id={id.to_string()}>
                if *renaming == Some(id) {
                    <form class="library__rename" onsubmit={finish_rename}>
                        <label class="visually-hidden" for={format!("library-rename-{id}")}>{ "New name" }</label>
                        <input id={format!("library-rename-{id}")} class="input" value={entry.name.clone()} />
                        <button type="submit" class="button">{ "Rename" }</button>
                    </form>
                } else {
                    <span class="library__name">{ entry.name.clone() }</span>
                    <span class="library__date">{ saved }</span>
                }
                <span class="library__actions">
                    <button type="button" class="button button--quiet" data-action="open" onclick={open}>{ "Open" }</button>
                    <button type="button" class="button button--quiet" data-action="rename" onclick={start_rename}>{ "Rename" }</button>
                    <button type="button" class="button button--quiet" data-action="duplicate" onclick={duplicate}>{ "Duplicate" }</button>
                    <button type="button" class="button button--quiet" data-action="delete" onclick={delete}>{ "Delete" }</button>
                </span>
            </li>
        }
    });

    html! {
        <details id="library" class="library">
            <summary class="library__summary">{ format!("Saved scenarios ({})", library.entries.len()) }</summary>
            <form class="library__save" onsubmit={on_save}>
                <label for="library-name" class="toolbar__label">{ "Save the current scenario as" }</label>
                <input id="library-name" class="input" value={state.scenario.name.clone()} />
                <button id="library-save" type="submit" class="button">{ "Save" }</button>
            </form>
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
