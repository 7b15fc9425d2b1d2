use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PanelProps {
    /// Element id of the `<section>`.
    pub id: AttrValue,
    /// Heading of the panel.
    pub title: AttrValue,
    /// One line under the heading.
    #[prop_or_default]
    pub subtitle: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A titled region of the workspace.
#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    let heading_id = format!("{}-title", props.id);
    html! {
        <section id={props.id.clone()} class="panel" aria-labelledby={heading_id.clone()}>
            <div class="panel__head">
                // Focusable from script (a skip link), not by Tab.
                <h2 id={heading_id} class="panel__title" tabindex="-1">{ props.title.clone() }</h2>
                if let Some(subtitle) = &props.subtitle {
                    <p class="panel__subtitle">{ subtitle.clone() }</p>
                }
            </div>
            <div class="panel__body">{ props.children.clone() }</div>
        </section>
    }
}
