//! A table box that says when it is wider than the view: a line above it, and a shade
//! on the side where columns are hidden. The first column stays put (sticky in CSS), so
//! the planner always knows which row a figure belongs to.

use yew::prelude::*;

use crate::hooks::use_scroll_cues;

#[derive(Properties, PartialEq)]
pub struct ScrollFrameProps {
    pub children: Html,
    /// Extra classes of the scrolling box (`results-scroll--tall`).
    #[prop_or_default]
    pub class: Classes,
    /// Names the scrolling region for assistive technology (one of the two).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub labelledby: Option<AttrValue>,
}

#[function_component]
pub fn ScrollFrame(props: &ScrollFrameProps) -> Html {
    let node = use_node_ref();
    let cues = use_scroll_cues(node.clone());
    let hint = match (cues.more_left, cues.more_right) {
        (_, true) => Some("Wider than the view: scroll sideways for more columns →"),
        (true, false) => Some("← More columns to the left"),
        (false, false) => None,
    };
    html! {
        <div class="scroll-frame" data-more-left={cues.more_left.then_some("true")}
             data-more-right={cues.more_right.then_some("true")}>
            if let Some(hint) = hint {
                <p class="scroll-frame__hint">{ hint }</p>
            }
            <div class="scroll-frame__view">
                <div ref={node} class={classes!("results-scroll", props.class.clone())} role="region"
                     aria-label={props.label.clone()} aria-labelledby={props.labelledby.clone()} tabindex="0">
                    { props.children.clone() }
                </div>
            </div>
        </div>
    }
}
