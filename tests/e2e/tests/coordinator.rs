//! The coordinator's work, end to end: import the sample bundles, read the matrix, the gaps and
//! the conflict on the dashboard, settle the conflict, name a facilitator, save the CSV files
//! and read them back as a spreadsheet would, and print the plan in both languages.

use std::time::Duration;

use nahda_e2e::{samples, with_app, Browser};
use serde_json::Value;

/// The data attributes of a matrix cell's button.
async fn cell(app: &Browser, area: &str, sector: &str) -> Value {
    app.eval(&format!(
        "(b => b ? {{median: b.dataset.median, reports: b.dataset.reports, disagrees: b.dataset.disagrees}} : null)\
         (document.querySelector(\"#matrix td[data-area='{area}'][data-sector='{sector}'] button\"))"
    ))
    .await
}

/// Reads a downloaded CSV file back as a spreadsheet does.
fn read_csv(path: &std::path::Path) -> (String, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("the CSV file");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark, so spreadsheets read UTF-8");
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    (text, rows)
}

/// The text of the printed plan's parts that write figures: method, chapter summaries,
/// severity tables and shortfalls.
async fn plan_figures(app: &Browser) -> String {
    let figures = app
        .eval(
            "[...document.querySelectorAll('#plan-method, .chapter-summary, .severity-table td, .shortfall')]\
             .map(e => e.textContent).join(' ')",
        )
        .await;
    figures.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_coordinator_sees_the_matrix_gaps_and_conflict_settles_it_and_prints_the_plan() {
    with_app(|app| async move {
        // The coordinator works in Damascus; times are shown in the device's zone.
        app.cdp("Emulation.setTimezoneOverride", serde_json::json!({"timezoneId": "Asia/Damascus"})).await;
        app.open("#/import").await;
        app.english().await;
        // The figures checked here are those of tests/samples/README.md.
        app.import_bundles(&samples(&[
            "01-azaz-council.json",
            "02-basma-relief.json",
            "03-marea-council.json",
            "04-azaz-council-edit.json",
            "05-coordinator-edit.json",
        ]))
        .await;

        app.click("a[data-nav='coordinator']").await;
        app.wait_until(
            "document.querySelector('#coord-summary')?.dataset.submissions === '8'",
            "the picture of 8 submissions",
        )
        .await;
        let summary = app.text("#coord-summary").await;
        assert!(summary.contains("8 submissions from 3 entities about 5 areas; 1 in conflict"), "{summary}");
        // The coverage chart counts submissions, so its bars add up to the summary.
        let bars = app
            .eval("[...document.querySelectorAll('#chart-coverage .chart-value')].reduce((n, t) => n + Number(t.textContent), 0)")
            .await;
        assert_eq!(bars, 8);
        // Filters that match nothing say so instead of leaving bare tables.
        let set_from = |day: &str| {
            format!(
                "(() => {{ const d = document.querySelector('#coord-from'); d.value = '{day}'; \
                 d.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()"
            )
        };
        app.eval(&set_from("2999-01-01")).await;
        app.wait_for("#coord-empty").await;
        assert!(!app.exists("#matrix").await);
        app.eval(&set_from("")).await;
        app.wait_for("#matrix").await;
        // A'zaz centre, health: Basma says 4, the council's latest revision 5.
        let health = cell(&app, "SY020400", "health").await;
        assert_eq!(health["median"], "4.5");
        assert_eq!(health["reports"], "2");
        assert_eq!(health["disagrees"], "false");
        // Suran, health: 3 and 5 — the reports disagree.
        let suran = cell(&app, "SY020405", "health").await;
        assert_eq!((suran["median"].as_str(), suran["disagrees"].as_str()), (Some("4"), Some("true")));
        let education = cell(&app, "SY020405", "education").await;
        assert_eq!((education["median"].as_str(), education["reports"].as_str()), (Some("3.5"), Some("2")));
        assert_eq!(cell(&app, "SY020403", "governance").await["median"], "2");
        assert_eq!(cell(&app, "SY020401", "health").await, Value::Null);
        let cells = app.eval("document.querySelectorAll('#matrix td button.cell').length").await;
        assert_eq!(cells, 19);
        assert!(app.exists("#severity-legend").await);
        assert!(app.exists("svg#chart-severity rect").await);
        // A cell opens the reports behind it.
        app.click("#matrix td[data-area='SY020400'][data-sector='health'] button").await;
        app.wait_for("#cell-reports").await;
        let behind = app.eval("document.querySelectorAll('#cell-reports li').length").await;
        assert_eq!(behind, 2);
        // The worst gaps come first, and the rule is said in words.
        assert!(app.text("#gap-rule").await.contains("then the largest population affected"));
        assert!(app.text("#gaps li").await.contains("severity 5,"));
        assert!(app.exists("#needs-without-lead li[data-area='SY020405'][data-sector='health']").await);
        app.screenshot("coordinator-en").await;

        // The conflict: two revisions 2 of the A'zaz council's submission; keep one.
        let conflict = "#conflicts li.conflict[data-id='3f6a2c10-8d4e-4b7a-9c21-5e0d1a7b2c01']";
        app.wait_for(conflict).await;
        let cards = app
            .eval(&format!("document.querySelectorAll(\"{conflict} .revision-card\").length"))
            .await;
        assert_eq!(cards, 2);
        // What differs is told by question labels and readable values, never ids or JSON.
        let unreadable = app
            .eval(&format!(
                "[...document.querySelectorAll(\"{conflict} .revision-card dt\")].filter(dt => \
                 !dt.textContent.trim() || dt.textContent.includes(dt.dataset.question) \
                 || dt.nextElementSibling.textContent.startsWith('\"')).length"
            ))
            .await;
        let differences = app
            .eval(&format!("document.querySelectorAll(\"{conflict} .revision-card dt\").length"))
            .await;
        assert!(differences.as_u64() > Some(0), "the cards show what differs");
        assert_eq!(unreadable, 0, "every difference is labelled and readable");
        // Each side says whose revision it is, which key signed it and when, in local time
        // with the zone named.
        let by = app
            .text(&format!("{conflict} .revision-card .revision-by"))
            .await
            .replace(['\u{2066}', '\u{2068}', '\u{2069}'], "");
        assert_eq!(
            by, "Revision 2 by مجلس أعزاز المحلي, 22/11/2026 11:30 (Asia/Damascus)",
            "08:30 UTC is 11:30 in Damascus"
        );
        // And on whose device: the key is named as this device knows it, with its fingerprint.
        let signer = app.text(&format!("{conflict} .revision-card .revision-signer")).await;
        assert!(signer.starts_with("signed on "), "{signer}");
        assert!(signer.chars().filter(char::is_ascii_digit).count() >= 20, "{signer}");
        // Keeping one asks first, naming what will be set aside; saying no changes nothing.
        app.click(&format!("{conflict} .revision-card .keep-revision")).await;
        let question = app.client.get_alert_text().await.expect("a confirmation");
        assert!(question.contains("Set aside in the submission's history: Revision 2 by"), "{question}");
        app.client.dismiss_alert().await.expect("say no");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(app.exists(conflict).await, "nothing was decided");
        app.click(&format!("{conflict} .revision-card .keep-revision")).await;
        app.client.accept_alert().await.expect("confirm");
        app.wait_for("#no-conflicts").await;
        app.wait_until(
            "document.querySelector('#decision-count').dataset.count === '1'",
            "the decision recorded",
        )
        .await;
        assert!(app.text("#coord-summary").await.contains("; 0 in conflict"));

        // A facilitator for health.
        app.type_into("#facilitator-health-name", "Dr. Rana Haddad").await;
        app.type_into("#facilitator-health-organisation", "Aleppo health directorate").await;
        app.type_into("#facilitator-health-contact", "+90 555 000 11 22").await;
        app.click("#facilitators-save").await;
        app.wait_until(
            "document.querySelector('#facilitators-result').dataset.attempts === '1'",
            "the facilitators saved",
        )
        .await;

        // CSV files read back with Arabic intact, HXL hashtags when asked for, and no formula.
        app.click("#csv-matrix").await;
        let (_, plain) = read_csv(&app.downloaded("nahda-matrix-en-2").await);
        assert_eq!(plain.len(), 6, "header and five areas: no hashtag row unless asked");
        app.click("#csv-hxl").await;
        app.click("#csv-sector-health").await;
        let (text, rows) = read_csv(&app.downloaded("nahda-health-en-hxl-").await);
        assert!(text.contains("منظمة بسمة للإغاثة"), "Arabic names intact");
        assert_eq!(rows[1][0], "#adm1+code");
        assert!(rows[1].contains(&"#severity+median".to_string()));
        assert_eq!(rows.len(), 5, "header, hashtags, three areas");
        for cell in rows.iter().flatten() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula cell: {cell}");
        }
        app.click("#csv-matrix").await;
        let (_, matrix) = read_csv(&app.downloaded("nahda-matrix-en-hxl-").await);
        assert_eq!(matrix.len(), 7, "header, hashtags, five areas");
        app.click("#plan-json").await;
        let plan: Value = serde_json::from_str(
            &std::fs::read_to_string(app.downloaded("nahda-plan-").await).expect("plan"),
        )
        .expect("the plan is JSON");
        assert_eq!(plan["chapters"].as_array().map(Vec::len), Some(6));
        assert_eq!(plan["method"]["submissions"], 8);

        // The plan, in English and in Arabic, laid out for print.
        app.click("#open-plan").await;
        app.wait_for("#plan-report").await;
        assert_eq!(app.eval("document.querySelectorAll('#plan-report .chapter').length").await, 6);
        let method = app.eval("document.querySelector('#plan-method p').dataset.submissions").await;
        assert_eq!(method, "8");
        let kinds = app.text("#plan-entity-kinds").await;
        assert!(kinds.starts_with("Contributing entities by kind:") && kinds.contains("(2)"), "{kinds}");
        let health_chapter = app.text(".chapter[data-sector='health']").await;
        assert!(health_chapter.contains("Dr. Rana Haddad"), "{health_chapter}");
        assert!(health_chapter.contains("3 areas, 5 reports"), "{health_chapter}");
        // A range is given only where two reports or more give a severity.
        let ranges = app
            .eval(
                "[...document.querySelectorAll('.severity-table tbody tr')].map(tr => \
                 [tr.querySelector('td').textContent, tr.querySelector('.range').textContent])",
            )
            .await;
        for row in ranges.as_array().expect("rows") {
            if row[0] == "1" {
                assert_eq!(row[1], "–", "one report has no range: {ranges}");
            }
        }
        assert_eq!(
            app.eval("document.querySelector(\".chapter[data-sector='health'] tr[data-area='SY020400'] .median\").textContent").await,
            "4.5"
        );
        // English punctuation on an English page, even between Arabic names.
        let english = app
            .eval("[...document.querySelectorAll('.no-lead, .shortfall')].map(e => e.textContent).join(' ')")
            .await;
        assert!(!english.as_str().unwrap_or_default().contains(['؛', '،']), "{english}");
        let sources = app.text("#plan-sources").await;
        assert!(sources.contains("01-azaz-council.json") && sources.contains("05-coordinator-edit.json"), "{sources}");
        app.screenshot("plan-en").await;
        // Printed: the cover with the method, one page or more per chapter, the annex.
        let pages = app.print_to_pdf("plan-en").await;
        assert!(pages >= 8, "{pages} pages");
        app.click("#lang-switch").await;
        app.wait_until("document.documentElement.lang === 'ar'", "Arabic").await;
        assert_eq!(app.text("#plan-title").await, "الخطة الوطنية المشتركة للتعافي");
        assert!(app.text(".chapter[data-sector='health'] h3").await.contains("الفصل ٥"));
        // Counts agree with their number, and the figures the plan writes are in one digit
        // system: Arabic-Indic, grouped.
        let summary = app.text(".chapter[data-sector='health'] .chapter-summary").await;
        assert!(summary.starts_with("٣ مناطق، ٥ تقارير، وسيط شدة الاحتياج"), "{summary}");
        let method = app.text("#plan-method").await;
        assert!(method.contains("من ٨ استمارات قدّمتها ٣ جهات عن ٥ مناطق"), "{method}");
        assert!(!method.contains("six-sector-survey"), "no internal form id in the prose: {method}");
        let figures = plan_figures(&app).await;
        assert!(!figures.chars().any(|c| c.is_ascii_digit()), "{figures}");
        assert!(figures.contains('٤') && figures.contains('٫'), "{figures}");
        // So are the numbers of its ordered lists.
        let markers = app
            .eval("getComputedStyle(document.querySelector('.priority-areas')).listStyleType")
            .await;
        assert_eq!(markers, "arabic-indic");
        let shortfall = app.text(".chapter[data-sector='health'] .shortfall").await;
        assert!(shortfall.contains("من أصل"), "{shortfall}");
        app.screenshot("plan-ar").await;
        let pages = app.print_to_pdf("plan-ar").await;
        assert!(pages >= 8, "{pages} pages");
        app.cdp("Emulation.setEmulatedMedia", serde_json::json!({"media": "print"})).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let printed = app
            .eval("[getComputedStyle(document.querySelector('.app-nav')).display, getComputedStyle(document.querySelector('#plan-print')).display, getComputedStyle(document.querySelector('.chapter')).breakBefore, getComputedStyle(document.documentElement).backgroundColor]")
            .await;
        assert_eq!(
            printed,
            serde_json::json!(["none", "none", "page", "rgb(255, 255, 255)"]),
            "printed pages are white to the edge"
        );
        // A reader who asks for Latin digits in Settings gets them all through the Arabic
        // plan, in its sentences and in the numbers of its lists, still with Arabic grammar;
        // the choice outlives a reload.
        app.cdp("Emulation.setEmulatedMedia", serde_json::json!({"media": ""})).await;
        app.open("#/settings").await;
        app.click("#digits-latin").await;
        app.open("#/plan").await;
        app.wait_for("#plan-report").await;
        let summary = app.text(".chapter[data-sector='health'] .chapter-summary").await;
        assert!(summary.starts_with("3 مناطق، 5 تقارير، وسيط شدة الاحتياج"), "{summary}");
        app.reload().await;
        app.wait_for("#plan-report").await;
        let method = app.text("#plan-method").await;
        assert!(method.contains("من 8 استمارات قدّمتها 3 جهات عن 5 مناطق"), "{method}");
        let figures = plan_figures(&app).await;
        assert!(!figures.chars().any(|c| ('٠'..='٩').contains(&c)), "{figures}");
        assert!(figures.contains("4.5"), "{figures}");
        let markers = app
            .eval("getComputedStyle(document.querySelector('.priority-areas')).listStyleType")
            .await;
        assert_eq!(markers, "decimal");
        let chapter = app.text(".chapter[data-sector='health'] h3").await;
        assert!(chapter.contains("الفصل 5"), "{chapter}");
    })
    .await;
}
