//! The page binary: installs the panic hook, then mounts the Egress application.

use wasm_bindgen::JsCast;

/// A panic must never leave a blank page: show a readable message instead. Inputs are
/// validated before they reach code that could panic, so this is a last resort.
fn show_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("Egress stopped: {info}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(element) = document.create_element("div") else {
        return;
    };
    element.set_id("fatal-error");
    element.set_class_name("fatal-error");
    element.set_attribute("role", "alert").ok();
    element.set_text_content(Some(
        "Egress hit an internal error and must be reloaded. Your saved scenarios are kept. \
         Please report what you were doing.",
    ));
    if let Some(body) = document.body() {
        let _ = body.unchecked_ref::<web_sys::Node>().append_child(&element);
    }
}

fn main() {
    std::panic::set_hook(Box::new(show_panic));
    yew::Renderer::<egress::app::App>::new().render();
}
