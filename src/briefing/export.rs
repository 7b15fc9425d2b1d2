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

/// One drawing of a chart: its SVG and, for a panel of small multiples, the panel's heading.
struct Panel {
    svg: web_sys::Element,
    heading: Vec<String>,
}

/// The chart's drawings: every `.chart__svg` inside the figure with this id (one for most
/// charts; one per `figure.multiple` panel for small multiples).
fn chart_panels(figure_id: &str) -> Result<Vec<Panel>, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let figure = document
        .get_element_by_id(figure_id)
        .ok_or("the chart is no longer on the page")?;
    let found = figure
        .query_selector_all("svg.chart__svg")
        .map_err(js_error("the chart could not be read"))?;
    let mut panels = Vec::new();
    for k in 0..found.length() {
        let Some(svg) = found
            .item(k)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let heading = svg
            .closest("figure.multiple")
            .ok()
            .flatten()
            .map(|panel| panel_heading(&panel))
            .unwrap_or_default();
        panels.push(Panel { svg, heading });
    }
    if panels.is_empty() {
        return Err("the chart has nothing drawn yet".to_string());
    }
    Ok(panels)
}

/// The lines above a panel: its title (badge letter and name, spaced) and its meta line.
fn panel_heading(panel: &web_sys::Element) -> Vec<String> {
    let text_of = |selector: &str| -> Option<String> {
        let element = panel.query_selector(selector).ok().flatten()?;
        let children = element.children();
        let parts: Vec<String> = if children.length() == 0 {
            vec![element.text_content().unwrap_or_default()]
        } else {
            (0..children.length())
                .filter_map(|i| children.item(i))
                .filter_map(|c| c.text_content())
                .collect()
        };
        let line = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        (!line.is_empty()).then_some(line)
    };
    [text_of(".multiple__title"), text_of(".multiple__meta")]
        .into_iter()
        .flatten()
        .collect()
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// A copy of a drawing with the SVG namespace and the given position and size.
fn serialized_copy(svg: &web_sys::Element, place: &[(&str, String)]) -> Result<String, String> {
    let copy: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(js_error("the chart could not be copied"))?
        .dyn_into()
        .map_err(|_| "the chart could not be copied".to_string())?;
    copy.set_attribute("xmlns", SVG_NS)
        .map_err(js_error("the chart could not be copied"))?;
    for (name, value) in place {
        copy.set_attribute(name, value)
            .map_err(js_error("the chart could not be copied"))?;
    }
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(js_error("the chart could not be written as SVG"))?;
    Ok(if text.contains("xmlns=\"http://www.w3.org/2000/svg\"") {
        text
    } else {
        text.replacen("<svg", &format!("<svg xmlns=\"{SVG_NS}\""), 1)
    })
}

/// Small multiples laid out on a grid, each panel under its heading lines.
const PANEL_COLUMNS: usize = 3;
const PANEL_GAP: f64 = 16.0;
const HEADING_LINE: f64 = 16.0;

/// A standalone SVG document of the chart, and its size. A chart of small multiples
/// becomes one picture: its panels on a grid, each with its heading as SVG text.
pub fn standalone_svg(figure_id: &str) -> Result<(String, f64, f64), String> {
    let panels = chart_panels(figure_id)?;
    let mut css = BASE_CSS.to_string();
    for panel in &panels {
        for rule in css_for(&panel.svg).lines() {
            if !css.lines().any(|known| known == rule) {
                css.push_str(rule);
                css.push('\n');
            }
        }
    }
    // The style goes in as text: a <style> element made in the page's document would be
    // checked against its Content-Security-Policy.
    let style = format!(
        "<style>{}</style>",
        css.replace('&', "&amp;").replace('<', "&lt;")
    );
    let background =
        "<rect class=\"export-background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";

    let (body, width, height) = if let [only] = panels.as_slice() {
        let (width, height) = svg_size(&only.svg);
        let text = serialized_copy(
            &only.svg,
            &[
                ("width", format!("{width}")),
                ("height", format!("{height}")),
            ],
        )?;
        let text = match text.find('>') {
            Some(end) => format!("{}{style}{background}{}", &text[..=end], &text[end + 1..]),
            None => text,
        };
        (text, width, height)
    } else {
        let (cell_w, cell_h) = panels
            .iter()
            .map(|p| svg_size(&p.svg))
            .fold((1.0_f64, 1.0_f64), |(w, h), (pw, ph)| {
                (w.max(pw), h.max(ph))
            });
        let lines = panels.iter().map(|p| p.heading.len()).max().unwrap_or(0);
        let heading_h = lines as f64 * HEADING_LINE + 4.0;
        let columns = panels.len().min(PANEL_COLUMNS);
        let rows = panels.len().div_ceil(columns);
        let width = columns as f64 * cell_w + (columns - 1) as f64 * PANEL_GAP;
        let height = rows as f64 * (heading_h + cell_h) + (rows - 1) as f64 * PANEL_GAP;
        let mut inner = String::new();
        for (k, panel) in panels.iter().enumerate() {
            let x = (k % columns) as f64 * (cell_w + PANEL_GAP);
            let y = (k / columns) as f64 * (heading_h + cell_h + PANEL_GAP);
            for (line, text) in panel.heading.iter().enumerate() {
                let (class, weight) = if line == 0 {
                    ("export-panel-title", "600")
                } else {
                    ("export-panel-meta", "400")
                };
                inner.push_str(&format!(
                    "<text class=\"{class}\" x=\"{x}\" y=\"{}\" font-weight=\"{weight}\">{}</text>",
                    y + (line + 1) as f64 * HEADING_LINE - 4.0,
                    escape_xml(text)
                ));
            }
            let (pw, ph) = svg_size(&panel.svg);
            inner.push_str(&serialized_copy(
                &panel.svg,
                // Not `chart__svg`: its CSS (`height: auto`) would override a nested
                // SVG's size; the outer picture carries the class for the text rules.
                &[
                    ("class", "export-panel".to_string()),
                    ("overflow", "visible".to_string()),
                    ("x", format!("{x}")),
                    ("y", format!("{}", y + heading_h)),
                    ("width", format!("{pw}")),
                    ("height", format!("{ph}")),
                ],
            )?);
        }
        let text = format!(
            "<svg xmlns=\"{SVG_NS}\" class=\"chart__svg export-panels\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">{style}{background}{inner}</svg>"
        );
        (text, width, height)
    };
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}\n"),
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
            state.dispatch(crate::state::Action::ShowNotice(
                crate::state::Notice::error(format!(
                    "The chart could not be downloaded: {message}."
                )),
            ));
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
