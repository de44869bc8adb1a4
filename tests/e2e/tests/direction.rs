//! Text direction on the Arabic pages: a sender's name with an unterminated right-to-left
//! override (U+202E), a Latin name and a file name in two scripts are put into Arabic sentences
//! on the import preview and the import log, and each piece still appears where an Arabic
//! reader expects it — measured from where the browser draws it.

use std::path::Path;

use nahda_e2e::{with_app, Browser};
use serde_json::Value;

/// Where the browser draws the first occurrence of `needle` inside the element `css`: its
/// left and right edges in pixels.
async fn drawn(app: &Browser, css: &str, needle: &str) -> (f64, f64) {
    let script = format!(
        "(() => {{ const el = document.querySelector({css:?}); const needle = {needle:?}; \
         const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); \
         while (walk.nextNode()) {{ const node = walk.currentNode; const at = node.data.indexOf(needle); \
         if (at >= 0) {{ const range = document.createRange(); range.setStart(node, at); \
         range.setEnd(node, at + needle.length); const r = range.getBoundingClientRect(); \
         return [r.left, r.right]; }} }} return null; }})()"
    );
    let found: Value = app.eval(&script).await;
    let edges = found
        .as_array()
        .unwrap_or_else(|| panic!("{needle:?} is not in {css}"));
    (
        edges[0].as_f64().unwrap_or_default(),
        edges[1].as_f64().unwrap_or_default(),
    )
}

/// True when `first` is drawn entirely to the right of `second`, as Arabic reads them in order.
async fn reads_before(app: &Browser, css: &str, first: &str, second: &str) -> bool {
    let (first_left, _) = drawn(app, css, first).await;
    let (_, second_right) = drawn(app, css, second).await;
    first_left >= second_right - 0.5
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_and_file_names_keep_their_place_in_arabic_sentences() {
    with_app(|council| async move {
        council.open("#/survey").await;
        council.english().await;
        // An unterminated override, as a name pasted from elsewhere may carry.
        council.set_profile("\u{202E}Azaz council").await;
        council.fill_and_finalise("focal_name", "Salma").await;
        council.click("a[data-nav='export']").await;
        council.click("#export-new").await;
        council
            .wait_until(
                "Number(document.querySelector('#export-count')?.dataset.count) > 0",
                "something to export",
            )
            .await;
        council.click("#export-save").await;
        let saved = council.downloaded("nahda-").await;
        let name = saved
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name")
            .to_string();
        assert!(name.starts_with("nahda-Azaz-council-"), "{name}");
        let dir = std::env::temp_dir().join(format!("nahda-direction-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let bundle = dir.join(&name);
        std::fs::copy(&saved, &bundle).expect("keep the bundle");

        // The coordinator reads it in Arabic.
        let coordinator = council.another_person().await;
        coordinator.open("#/import").await;
        assert_eq!(coordinator.lang_dir().await, ("ar".into(), "rtl".into()));
        coordinator
            .preview_import(std::slice::from_ref(&bundle))
            .await;
        let from = format!(".import-file[data-file='{name}'] .from");
        let line = coordinator.text(&from).await;
        assert!(line.starts_with("من:"), "{line}");
        // "من: <name> — صُنعت في <date>": right to left, the override confined to the name.
        assert!(
            reads_before(&coordinator, &from, "من", "Azaz council").await,
            "{line}"
        );
        assert!(
            reads_before(&coordinator, &from, "Azaz council", "صُنعت").await,
            "{line}"
        );
        let (_, date_right) = drawn(&coordinator, &from, "/").await;
        let (made_left, _) = drawn(&coordinator, &from, "صُنعت").await;
        assert!(date_right <= made_left + 0.5, "the date comes last: {line}");
        // The override stops at the name's end: the date still reads day/month/year, left to
        // right, with the year last.
        let year: String = line
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .chars()
            .take_while(|c| ('٠'..='٩').contains(c))
            .collect();
        assert_eq!(year.chars().count(), 4, "a year in Arabic digits: {line}");
        let (year_left, _) = drawn(&coordinator, &from, &year).await;
        let (_, slash_right) = drawn(&coordinator, &from, "/").await;
        assert!(
            slash_right <= year_left + 0.5,
            "the year is drawn last: {line}"
        );
        // The file name is drawn left to right, as it is written.
        let title = format!(".import-file[data-file='{name}'] strong");
        assert!(
            !reads_before(&coordinator, &title, "nahda", ".json").await,
            "the file name keeps its order"
        );

        coordinator.confirm_import().await;
        let entry = "#import-log li";
        coordinator.wait_for(entry).await;
        let logged = coordinator.text(entry).await;
        // "<file> — <name> — استوردت في <date>"
        assert!(
            reads_before(&coordinator, entry, "nahda", "Azaz council").await,
            "{logged}"
        );
        assert!(
            reads_before(&coordinator, entry, "Azaz council", "استوردت").await,
            "{logged}"
        );
        assert!(
            logged
                .chars()
                .filter(|c| c.is_ascii_digit())
                .all(|_| logged.contains(".json")),
            "{logged}"
        );
        assert!(
            logged.contains('٢'),
            "the date is in Arabic digits: {logged}"
        );
        coordinator.screenshot("import-direction-ar").await;
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(Path::new(&dir));
    })
    .await;
}
