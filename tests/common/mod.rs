//! What the browser tests of components share (a module of each test crate, not a test).

use web_sys::Element;
use yew::BaseComponent;

/// Renders `C` with `props` into a fresh `<div>` attached to the document, waits for
/// Yew to flush, and returns the container.
pub async fn render<C>(props: C::Properties) -> Element
where
    C: BaseComponent,
{
    let document = gloo_utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}
