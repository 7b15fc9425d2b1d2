//! Charts as files: the SVG of a chart, made standalone (namespace, size, and the page's
//! CSS rules that apply to it copied into a `<style>` element of the exported copy, since
//! classes do not travel with the file), and a PNG drawn from that SVG at twice its size.
//!
//! The live page is never touched: the `<style>` is written into the serialized copy, and the PNG
//! is drawn from a `blob:` image (the Content-Security-Policy allows `img-src blob:`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::files::{download_blob, download_text};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// How a chart is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    pub fn key(self) -> &'static str {
        match self {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChartFormat::Svg => "SVG",
            ChartFormat::Png => "PNG",
        }
    }
}

/// Text for the base of every exported chart: what the page gives the SVG by inheritance.
const BASE_CSS: &str = "svg { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, \
\"Helvetica Neue\", \"Noto Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 12px; \
color: #17212b; background: #ffffff; }\n.mark__ring { display: none; }\n";

fn js_error(what: &str) -> impl Fn(JsValue) -> String + '_ {
    move |_| what.to_string()
}

/// The chart's drawing: the first `.chart__svg` inside the figure with this id.
fn chart_svg(figure_id: &str) -> Result<web_sys::Element, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let figure = document
        .get_element_by_id(figure_id)
        .ok_or("the chart is no longer on the page")?;
    figure
        .query_selector("svg.chart__svg")
        .ok()
        .flatten()
        .ok_or_else(|| "the chart has nothing drawn yet".to_string())
}

/// Width and height of the SVG's coordinate system (its `viewBox`), or its size on screen.
fn svg_size(svg: &web_sys::Element) -> (f64, f64) {
    let from_view_box = svg.get_attribute("viewBox").and_then(|v| {
        let parts: Vec<f64> = v
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then(|| (parts[2], parts[3]))
    });
    from_view_box.unwrap_or_else(|| {
        let rect = svg.get_bounding_client_rect();
        (rect.width().max(1.0), rect.height().max(1.0))
    })
}

/// The page's CSS rules that apply to this SVG or to something inside it, and the custom
/// properties of `:root` (as rules on `svg`), so the copy looks like the chart on screen.
fn css_for(svg: &web_sys::Element) -> String {
    let mut css = String::new();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return css;
    };
    let sheets = document.style_sheets();
    for k in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(k)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for r in 0..rules.length() {
            let Some(rule) = rules
                .item(r)
                .and_then(|r| r.dyn_into::<web_sys::CssStyleRule>().ok())
            else {
                continue;
            };
            let selector = rule.selector_text();
            let body = rule.style().css_text();
            if selector.trim() == ":root" {
                css.push_str(&format!("svg {{ {body} }}\n"));
                continue;
            }
            // Interaction states (hover, focus) are not part of a picture.
            if selector.contains(':') && !selector.contains(":not(") {
                continue;
            }
            let applies = svg.matches(&selector).unwrap_or(false)
                || svg.query_selector(&selector).ok().flatten().is_some();
            if applies {
                css.push_str(&rule.css_text());
                css.push('\n');
            }
        }
    }
    css
}

/// A standalone SVG document of the chart, and its size.
pub fn standalone_svg(figure_id: &str) -> Result<(String, f64, f64), String> {
    let svg = chart_svg(figure_id)?;
    let (width, height) = svg_size(&svg);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let copy: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(js_error("the chart could not be copied"))?
        .dyn_into()
        .map_err(|_| "the chart could not be copied".to_string())?;
    let set = |name: &str, value: &str| {
        copy.set_attribute(name, value)
            .map_err(js_error("the chart could not be copied"))
    };
    set("xmlns", SVG_NS)?;
    set("width", &format!("{width}"))?;
    set("height", &format!("{height}"))?;
    let background = document
        .create_element_ns(Some(SVG_NS), "rect")
        .map_err(js_error("the chart could not be copied"))?;
    for (name, value) in [
        ("width", "100%"),
        ("height", "100%"),
        ("fill", "#ffffff"),
        ("class", "export-background"),
    ] {
        background
            .set_attribute(name, value)
            .map_err(js_error("the chart could not be copied"))?;
    }
    copy.insert_before(&background, copy.first_child().as_ref())
        .map_err(js_error("the chart could not be copied"))?;
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(js_error("the chart could not be written as SVG"))?;
    let text = if text.contains("xmlns=\"http://www.w3.org/2000/svg\"") {
        text
    } else {
        text.replacen("<svg", &format!("<svg xmlns=\"{SVG_NS}\""), 1)
    };
    // The style goes in as text: a <style> element made in the page's document would be
    // checked against its Content-Security-Policy.
    let css = format!("{BASE_CSS}{}", css_for(&svg))
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    let text = match text.find('>') {
        Some(end) => format!("{}<style>{css}</style>{}", &text[..=end], &text[end + 1..]),
        None => text,
    };
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        width,
        height,
    ))
}

/// Saves the chart in the figure `figure_id` as `{stem}.svg`.
pub fn download_svg(figure_id: &str, stem: &str) -> Result<(), String> {
    let (text, _, _) = standalone_svg(figure_id)?;
    download_text(&format!("{stem}.svg"), "image/svg+xml", &text)
}

/// Saves the chart in the figure `figure_id` as `{stem}.png`, drawn at twice its size.
pub async fn download_png(figure_id: String, stem: String) -> Result<(), String> {
    let (text, width, height) = standalone_svg(&figure_id)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(js_error("the browser could not prepare the picture"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(js_error("the browser could not prepare the picture"))?;
    let result = draw_png(&url, width, height).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    download_blob(&format!("{stem}.png"), &result?)
}

async fn draw_png(url: &str, width: f64, height: f64) -> Result<web_sys::Blob, String> {
    const SCALE: f64 = 2.0;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let image = web_sys::HtmlImageElement::new()
        .map_err(js_error("the browser could not draw the chart"))?;
    image.set_width(width.round() as u32);
    image.set_height(height.round() as u32);
    image.set_src(url);
    JsFuture::from(image.decode())
        .await
        .map_err(js_error("the browser could not draw the chart"))?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(js_error("the browser could not draw the chart"))?
        .dyn_into()
        .map_err(|_| "the browser could not draw the chart".to_string())?;
    let (w, h) = (
        (width * SCALE).round().clamp(1.0, 16_384.0),
        (height * SCALE).round().clamp(1.0, 16_384.0),
    );
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("the browser has no 2D canvas")?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, w, h);
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(js_error("the browser could not draw the chart"))?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if canvas
            .to_blob_with_type(done.unchecked_ref(), "image/png")
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let blob = JsFuture::from(promise)
        .await
        .map_err(js_error("the browser could not encode the PNG"))?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| "the browser could not encode the PNG".to_string())
}

/// Saves a chart; a failure becomes a notice (when there is an application state).
pub fn download_chart(
    figure_id: String,
    stem: String,
    format: ChartFormat,
    state: Option<crate::state::AppContext>,
) {
    let report = move |message: String| {
        if let Some(state) = &state {
            state.dispatch(crate::state::Action::ShowNotice(crate::state::Notice {
                kind: crate::state::NoticeKind::Error,
                text: format!("The chart could not be downloaded: {message}."),
            }));
        }
    };
    match format {
        ChartFormat::Svg => {
            if let Err(message) = download_svg(&figure_id, &stem) {
                report(message);
            }
        }
        ChartFormat::Png => wasm_bindgen_futures::spawn_local(async move {
            if let Err(message) = download_png(figure_id, stem).await {
                report(message);
            }
        }),
    }
}

/// A chart's file name (without extension): the start of the scenario's name, then the
/// chart's title ("jackman-a-minimum-detection-rate-by-strategy").
pub fn chart_file_stem(scenario: &str, title: &str) -> String {
    let scenario = crate::files::file_stem(scenario);
    let scenario: String = scenario.chars().take(24).collect();
    let scenario = scenario.trim_end_matches('-');
    let title = crate::files::file_stem(title);
    if scenario.is_empty() || scenario == "scenario" {
        title
    } else {
        format!("{scenario}-{title}")
    }
}
