//! Files in and out of the browser: downloads made from text (scenario JSON, CSV, SVG)
//! or bytes (PNG), and scenario files read through the same validation as links.

use wasm_bindgen::{JsCast, JsValue};

/// Largest scenario file accepted (the national preset is about 150 kB).
pub const MAX_SCENARIO_FILE_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// Offers `contents` as a download called `filename`.
pub fn download_text(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    download_blob(filename, &blob)
}

/// Offers a blob as a download called `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let failed = |_| "the browser could not start the download".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(failed)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "no anchor".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_class_name("visually-hidden");
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(failed)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A file name from a scenario name: letters, digits and dashes only.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "scenario".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

/// Largest record file accepted (a part of a run, `egress run --records`): a national
/// run's 30 replications of four strategies take a few megabytes.
pub const MAX_RECORD_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Reads a file the planner picked, refusing absurd sizes before reading.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    read_capped(file, MAX_SCENARIO_FILE_BYTES, "a scenario file").await
}

/// Reads a file, refusing one larger than `max_bytes` (`what` names the kind of file
/// in the message) before reading.
pub async fn read_capped(
    file: web_sys::File,
    max_bytes: f64,
    what: &str,
) -> Result<String, String> {
    if file.size() > max_bytes {
        return Err(format!(
            "\"{}\" is {:.1} MB; {what} is at most {:.0} MB",
            file.name(),
            file.size() / 1e6,
            max_bytes / 1e6
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("\"{}\" could not be read", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("\"{}\" is not a text file", file.name()))
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_are_tame() {
        assert_eq!(
            file_stem("San Ysidro: which outbound strategy?"),
            "san-ysidro-which-outbound-strategy"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("¿?"), "scenario");
    }
}
