//! Several forms and versions side by side: a coordinator's new version is loaded from a file,
//! bad files are refused with a message and change nothing, a draft keeps the version it was
//! started with, and a new submission uses the newest version.

use std::path::{Path, PathBuf};

use nahda_e2e::{bitmap, pack_with, with_app, write_file, Browser, PACK};
use serde_json::Value;

async fn forms_listed(app: &Browser) -> u64 {
    app.eval("document.querySelectorAll('#form-list li').length")
        .await
        .as_u64()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_form_version_is_loaded_from_a_file_and_old_drafts_keep_theirs() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.click("#lang-switch").await;
        app.wait_until("document.documentElement.lang === 'en'", "English")
            .await;
        let v1_title = app.text(".form-header h2").await;
        app.type_into("#q-entity_name", "Azaz council").await;
        app.wait_saved().await;

        app.click("a[data-nav='settings']").await;
        app.wait_for("#form-list li[data-version='1']").await;
        assert_eq!(forms_listed(&app).await, 1);

        let not_json = app
            .load_form_file(&write_file("notes.json", "these are not the forms"))
            .await;
        assert!(
            not_json.contains("not a valid form definition"),
            "{not_json}"
        );
        let broken = PACK.replace("\"kind\": \"severity\"", "\"kind\": \"slider\"");
        let message = app
            .load_form_file(&write_file("broken.json", &broken))
            .await;
        assert!(
            message.contains(
                "question \u{2066}gov_severity\u{2069}: unknown kind \u{2066}slider\u{2069}"
            ),
            "the problem names the question: {message}"
        );
        assert_eq!(forms_listed(&app).await, 1, "refused files change nothing");

        let added = app
            .load_form_file(&write_file(
                "v2.json",
                pack_with(2, "Six-sector area survey, second edition"),
            ))
            .await;
        assert!(
            added.contains("Form loaded: \u{2068}Six-sector area survey, second edition\u{2069}"),
            "{added}"
        );
        app.wait_for("#form-list li[data-version='2']").await;
        assert_eq!(forms_listed(&app).await, 2);

        let again = app
            .load_form_file(&write_file(
                "v2-again.json",
                pack_with(2, "Six-sector area survey, second edition"),
            ))
            .await;
        assert!(again.contains("already on this device"), "{again}");
        let clash = app
            .load_form_file(&write_file(
                "v2-edited.json",
                pack_with(2, "Edited without a new version"),
            ))
            .await;
        assert!(clash.contains("needs a new version number"), "{clash}");
        assert_eq!(forms_listed(&app).await, 2);

        // The draft keeps the version it was started with.
        app.click("a[data-nav='survey']").await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.text(".form-header h2").await, v1_title);
        assert_eq!(app.value("#q-entity_name").await, "Azaz council");

        // A new submission uses the newest version; the draft with answers stays, once the
        // person agrees to leave it.
        app.new_submission_leaving_draft().await;
        app.wait_until(
            "document.querySelector('.form-header h2').textContent.includes('second edition')",
            "the new version's title",
        )
        .await;
        assert_eq!(app.value("#q-entity_name").await, "");
    })
    .await;
}

/// A workbook of the shared XLSForm corpus (written by others; never copied here).
fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/xlsforms")
        .join(name)
        .canonicalize()
        .expect("the XLSForm corpus is in ../shared/xlsforms")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_goes_out_as_xlsform_and_workbooks_come_in_or_are_refused_by_row() {
    with_app(|app| async move {
        app.open("#/settings").await;
        app.english().await;
        app.wait_for("#form-list li[data-version='1'] .save-xlsform")
            .await;
        let before = app.stored_data().await;

        // A workbook pyxform refuses is refused here too, by sheet, row and column.
        let refused = app.load_form_file(&corpus("xlsoffline__pyxform_error.xlsx")).await;
        assert!(
            refused.contains("sheet \u{2066}survey\u{2069}, row 2, column \u{2066}type (A)\u{2069}: \u{2066}textX\u{2069} is not an XLSForm type"),
            "{refused}"
        );
        assert_eq!(app.stored_data().await, before, "a refused workbook changes nothing");

        // The shipped survey saved as XLSForm (written in the XLSForm worker) and loaded back
        // is the same form: already on this device, nothing added.
        app.click("#form-list li[data-version='1'] .save-xlsform").await;
        let saved = app.downloaded("six-sector-survey.v1").await;
        assert!(saved.display().to_string().ends_with(".xlsx"));
        app.wait_until(
            "document.querySelector('#xlsform-saved').textContent.includes('six-sector-survey.v1.xlsx')",
            "the saved notice",
        )
        .await;
        let again = app.load_form_file(&saved).await;
        assert!(again.contains("already on this device"), "{again}");
        assert_eq!(forms_listed(&app).await, 1);

        // A real multilingual workbook imports, and says how its languages were read.
        let loaded = app.load_form_file(&corpus("onadata__multi_lingual_form.xlsx")).await;
        assert!(loaded.contains("Form loaded"), "{loaded}");
        assert!(loaded.contains("Other languages not loaded"), "{loaded}");
        assert_eq!(forms_listed(&app).await, 2);

        // Cascading selects: the counties offered are the chosen state's (the workbook has a
        // county named King in two states), and the cities the chosen county's.
        let loaded = app.load_form_file(&corpus("pyxform__choice_filter_test.xlsx")).await;
        assert!(loaded.contains("Form loaded"), "{loaded}");
        app.click("a[data-nav='survey']").await;
        let offered = |question: &str| {
            format!(
                "[...document.querySelectorAll(\"[data-question='{question}'] label.choice\")]\
                 .filter(l => getComputedStyle(l).display !== 'none').map(l => l.dataset.value).join(' ')"
            )
        };
        app.click("[data-question='state'] label.choice[data-value='texas'] input")
            .await;
        app.wait_until(
            &format!("{} === 'king cameron'", offered("county")),
            "the counties of Texas",
        )
        .await;
        app.click("[data-question='state'] label.choice[data-value='washington'] input")
            .await;
        app.wait_until(
            &format!("{} === 'king pierce'", offered("county")),
            "the counties of Washington",
        )
        .await;
        app.click("[data-question='county'] label.choice[data-value='pierce'] input")
            .await;
        app.wait_until(
            &format!("{} === 'tacoma puyallup'", offered("city")),
            "the cities of Pierce",
        )
        .await;
        app.click("a[data-nav='settings']").await;

        // A real workbook whose list is read from a CSV file: refused, naming the file, when
        // the file is not picked with it; loaded with the file's choices when it is.
        let workbook = corpus("osmfw__solidwaste.xlsx");
        let before = app.stored_data().await;
        let refused = app.load_form_file(&workbook).await;
        assert!(
            refused.contains("\u{2066}communities.csv\u{2069}, which was not picked with the workbook"),
            "{refused}"
        );
        assert_eq!(app.stored_data().await, before, "a refused workbook changes nothing");
        let two = format!("{}\n{}", workbook.display(), corpus("pyxform__or_other.xlsx").display());
        let refused = app.load_form_file(Path::new(&two)).await;
        assert!(refused.contains("Pick one form file"), "{refused}");
        assert_eq!(app.stored_data().await, before, "two form files change nothing");
        let pack = write_file("pack-with-lists.json", pack_with(3, "With lists"));
        let list = write_file("villages.csv", "name,label\nqabun,Qabun\n");
        let json_and_list = format!("{}\n{}", pack.display(), list.display());
        let refused = app.load_form_file(Path::new(&json_and_list)).await;
        assert!(refused.contains("a .json form holds its own lists"), "{refused}");
        assert_eq!(app.stored_data().await, before, "a form with lists it does not read changes nothing");
        let list = write_file(
            "communities.csv",
            "\u{feff}name,label::English(en)\r\nqabun,Qabun\r\nbarzeh,\"Barzeh, east\"\r\n",
        );
        let both = format!("{}\n{}", workbook.display(), list.display());
        let loaded = app.load_form_file(Path::new(&both)).await;
        assert!(loaded.contains("Form loaded"), "{loaded}");
        assert!(
            loaded.contains("Lists read from files (file: choices): \u{2068}communities.csv\u{2069}: 2"),
            "{loaded}"
        );
        app.click("a[data-nav='survey']").await;
        app.new_submission_leaving_draft().await;
        app.wait_until(
            "[...document.querySelectorAll(\"[data-question='communities'] label.choice\")]\
             .map(l => l.dataset.value + '=' + l.textContent.trim()).join(' | ') === 'qabun=Qabun | barzeh=Barzeh, east'",
            "the communities of the CSV file",
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_line_on_the_map_takes_a_point_each_time_and_is_kept() {
    with_app(|app| async move {
        app.cdp(
            "Browser.grantPermissions",
            serde_json::json!({ "permissions": ["geolocation"] }),
        )
        .await;
        app.load_pack_asking(&[
            serde_json::json!({"id": "road", "kind": "gps_line", "required": true,
                "label": {"ar": "مسار الطريق", "en": "The road's course"}}),
        ])
        .await;
        let walk_to = |lat: f64, lon: f64| {
            app.cdp(
                "Emulation.setGeolocationOverride",
                serde_json::json!({ "latitude": lat, "longitude": lon, "accuracy": 8 }),
            )
        };
        let count = "[data-question='road'] .gps-count";
        walk_to(36.5864, 37.0447).await;
        app.click("#q-road").await;
        app.wait_until(
            &format!(
                "document.querySelector(\"{count}\")?.textContent === 'Points on the line: 1'"
            ),
            "one point",
        )
        .await;
        assert_eq!(
            app.text("[data-question='road'] .message").await,
            "Add at least two points to make a line."
        );
        walk_to(36.59, 37.05).await;
        app.click("#q-road").await;
        app.wait_until(
            &format!(
                "document.querySelector(\"{count}\")?.textContent === 'Points on the line: 2'"
            ),
            "two points",
        )
        .await;
        walk_to(36.6, 37.06).await;
        app.click("#q-road").await;
        app.wait_until(
            &format!(
                "document.querySelector(\"{count}\")?.textContent === 'Points on the line: 3'"
            ),
            "three points",
        )
        .await;
        app.click("[data-question='road'] .gps button:last-of-type")
            .await;
        app.wait_until(
            &format!(
                "document.querySelector(\"{count}\")?.textContent === 'Points on the line: 2'"
            ),
            "the last point removed",
        )
        .await;
        assert_eq!(app.text("[data-question='road'] .message").await, "");
        app.wait_saved().await;
        app.reload().await;
        app.wait_for(count).await;
        assert_eq!(app.text(count).await, "Points on the line: 2");
        assert_eq!(
            app.text("[data-question='road'] .gps-value").await,
            "36.59000, 37.05000",
            "the line is kept to its last point"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_photo_is_kept_small_with_its_answers_through_a_reload_and_a_bundle() {
    with_app(|app| async move {
        app.load_pack_asking(&[serde_json::json!({"id": "site_photo", "kind": "photo",
                "label": {"ar": "صورة الموقع", "en": "Photo of the site"}})])
            .await;

        let camera = write_file("camera.bmp", bitmap(2000, 1500));
        app.pick_file("#q-site_photo", &camera).await;
        let photo = "document.querySelector(\"[data-question='site_photo'] img.media-photo\")";
        app.wait_until(&format!("{photo}?.naturalWidth > 0"), "the photo shown")
            .await;
        assert_eq!(
            app.eval(&format!("[{photo}.naturalWidth, {photo}.naturalHeight]"))
                .await,
            serde_json::json!([1280, 960]),
            "a 2000 × 1500 picture is kept at 1280 pixels on its longest side"
        );
        let caption = app.text("[data-question='site_photo'] .media-size").await;
        let kb: u64 = caption
            .trim_start_matches("Photo, ")
            .trim_end_matches(" KB")
            .parse()
            .unwrap_or_else(|_| panic!("the photo's size: {caption}"));
        assert!(kb < 400, "a 9 MB picture is kept as {kb} KB");

        // A file that is not a picture is refused, and the photo stays.
        let not_a_picture = write_file("not-a-picture.png", "these are notes, not a picture");
        app.pick_file("#q-site_photo", &not_a_picture).await;
        app.wait_for("[data-question='site_photo'] .message[role='alert']")
            .await;
        assert_eq!(
            app.text("[data-question='site_photo'] .message[role='alert']")
                .await,
            "This file could not be read. Try another one."
        );
        assert!(
            app.exists("[data-question='site_photo'] img.media-photo")
                .await
        );
        app.eval("document.querySelector(\"[data-question='site_photo']\").scrollIntoView()")
            .await;
        app.screenshot("photo-question-en").await;

        app.wait_saved().await;
        app.reload().await;
        app.wait_until(&format!("{photo}?.naturalWidth === 1280"), "the photo kept")
            .await;

        app.fill_and_finalise("entity_name", "Marea council").await;
        app.set_profile("Marea council").await;
        app.click("a[data-nav='export']").await;
        app.click("#export-all").await;
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '1'",
            "the bundle's count",
        )
        .await;
        app.click("#export-save").await;
        let bundle: Value = serde_json::from_str(
            &std::fs::read_to_string(app.downloaded("nahda-").await).expect("the bundle"),
        )
        .expect("the bundle is JSON");
        let sent = &bundle["submissions"][0]["answers"]["site_photo"];
        assert_eq!(sent["media_type"], "image/jpeg");
        assert!(
            sent["data"].as_str().is_some_and(|d| d.starts_with("/9j/")),
            "the photo travels in the bundle as JPEG"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_is_typed_or_read_from_a_picture_where_the_browser_reads_codes() {
    with_app(|app| async move {
        // Chromium on Linux has no BarcodeDetector (Chrome on Android has): the page is given
        // one that finds a code in a picture of more than 100 pixels across and none in a
        // smaller one, before it is opened.
        app.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({"source": "window.BarcodeDetector = class { \
                async detect(picture) { return picture.width > 100 ? [{rawValue: 'SY-0421-7'}] : []; } }"}),
        )
        .await;
        app.load_pack_asking(&[serde_json::json!({"id": "asset_tag", "kind": "barcode",
                "label": {"ar": "رمز الأصل", "en": "Asset tag"}})])
        .await;
        app.type_into("#q-asset_tag", "typed-1").await;
        app.wait_saved().await;

        let small = write_file("no-code.bmp", bitmap(40, 40));
        app.pick_file("#q-asset_tag-scan", &small).await;
        app.wait_for("[data-question='asset_tag'] .message[role='alert']")
            .await;
        assert!(app
            .text("[data-question='asset_tag'] .message[role='alert']")
            .await
            .starts_with("No code was found in the picture."));
        assert_eq!(app.value("#q-asset_tag").await, "typed-1", "the typed code stays");

        let label = write_file("label.bmp", bitmap(300, 200));
        app.pick_file("#q-asset_tag-scan", &label).await;
        app.wait_until(
            "document.querySelector('#q-asset_tag').value === 'SY-0421-7'",
            "the code read",
        )
        .await;
        app.wait_saved().await;
        app.reload().await;
        app.wait_for("#q-asset_tag").await;
        assert_eq!(app.value("#q-asset_tag").await, "SY-0421-7", "the code is kept");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeat_inside_a_repeat_is_filled_and_kept_through_a_killed_browser() {
    with_app(|app| async move {
        let t = |ar: &str, en: &str| serde_json::json!({"ar": ar, "en": en});
        app.load_pack_asking(&[serde_json::json!({
            "id": "households", "kind": "repeat", "label": t("الأسر", "Households"),
            "questions": [
                {"id": "head", "kind": "text", "label": t("ربّ الأسرة", "Head of the household")},
                {"id": "members", "kind": "repeat", "label": t("أفراد الأسرة", "Members"),
                 "questions": [
                    {"id": "age", "kind": "integer", "label": t("العمر", "Age")},
                    {"id": "school", "kind": "yes_no", "label": t("في المدرسة؟", "At school?"),
                     "relevant": "${age} < 18", "required_if": "${age} < 15"}
                 ]},
                {"id": "size", "kind": "integer", "label": t("عدد الأفراد", "Members"),
                 "calculate": "count(${members})"}
            ]})])
        .await;

        // Two households; the second has two members, a grown-up and a child.
        app.click("#q-households-add").await;
        app.click("#q-households-add").await;
        app.type_into("#q-head-0", "Amal").await;
        app.type_into("#q-head-1", "Omar").await;
        app.click("#q-members-1-add").await;
        app.click("#q-members-1-add").await;
        app.type_into("#q-age-1-0", "40").await;
        app.type_into("#q-age-1-1", "٩").await;
        // The child is asked about school, and only she; each household counts its own.
        app.wait_until(
            "[...new Set([...document.querySelectorAll(\"[data-question='school'] input\")].map(i => i.name))].join(' ') === 'q-school-1-1'",
            "the school question of the child alone",
        )
        .await;
        // Under 15, school is required: the mark shows beside its label.
        assert!(app.exists("[data-question='school'] .label .required").await);
        assert_eq!(app.text("#q-size-0").await, "0");
        assert_eq!(app.text("#q-size-1").await, "2");
        app.wait_saved().await;

        let restarted = app.crash_and_restart().await;
        restarted.open("#/survey").await;
        restarted.wait_for("#q-age-1-1").await;
        assert_eq!(restarted.value("#q-head-0").await, "Amal");
        assert_eq!(restarted.value("#q-head-1").await, "Omar");
        assert_eq!(restarted.value("#q-age-1-0").await, "40");
        assert_eq!(restarted.value("#q-age-1-1").await, "٩");

        // Removing the first household moves Omar's to its place, members and all.
        restarted
            .click("[data-question='households'] > fieldset > .repeat > .repeat-row[data-row='0'] > .remove-row")
            .await;
        restarted.wait_until(
            "document.querySelector('#q-head-0')?.value === 'Omar' && !document.querySelector('#q-head-1')",
            "Omar's household first",
        )
        .await;
        assert_eq!(restarted.value("#q-age-0-1").await, "٩");

        // A real workbook with a repeat inside a repeat loads, and its inner group is asked in
        // each instance of the outer one.
        restarted.open("#/settings").await;
        restarted
            .wait_until(
                "document.documentElement.lang === 'en'",
                "English, kept through the kill",
            )
            .await;
        let loaded = restarted
            .load_form_file(&corpus("onadata__nested_repeats.xlsx"))
            .await;
        assert!(loaded.contains("Form loaded"), "{loaded}");
        restarted.click("a[data-nav='survey']").await;
        restarted.new_submission_leaving_draft().await;
        restarted
            .click("[data-question='has_kids'] label.choice[data-value='1'] input")
            .await;
        restarted.click("#q-kids_details-add").await;
        restarted.click("#q-kids_immunization-0-add").await;
        restarted.type_into("#q-immunization_info-0-0", "BCG").await;
        restarted.wait_saved().await;
        restarted.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_list_of_choices_is_a_drop_down_and_a_short_one_radio_buttons() {
    with_app(|app| async move {
        app.open("#/settings").await;
        app.english().await;
        app.wait_for("#form-list li[data-version='1']").await;
        let mut pack: Value = serde_json::from_str(&pack_with(2, "With villages")).expect("pack");
        let villages: Vec<Value> = (1..=25)
            .map(|n| {
                serde_json::json!({"value": format!("v{n}"),
                "label": {"ar": format!("قرية {n}"), "en": format!("Village {n}")}})
            })
            .collect();
        pack["choice_lists"]["villages"] = Value::Array(villages);
        pack["choice_lists"]["sizes"] = serde_json::json!(["small", "large"]
            .map(|v| serde_json::json!({"value": v, "label": {"ar": v, "en": v}})));
        let questions = pack["sections"][0]["questions"]
            .as_array_mut()
            .expect("the first section's questions");
        questions.insert(
            1,
            serde_json::json!({"id": "village", "kind": "select_one", "choices": "villages",
                "label": {"ar": "القرية", "en": "Village"}}),
        );
        questions.insert(
            2,
            serde_json::json!({"id": "size", "kind": "select_one", "choices": "sizes",
                "label": {"ar": "الحجم", "en": "Size"}}),
        );
        let added = app
            .load_form_file(&write_file("villages.json", pack.to_string()))
            .await;
        assert!(added.contains("Form loaded"), "{added}");
        app.click("a[data-nav='survey']").await;
        app.wait_for("select#q-village").await;
        assert!(
            app.exists("label[for='q-village']").await,
            "the drop-down has its label"
        );
        assert_eq!(
            app.eval("document.querySelectorAll('#q-village option[value^=v]').length")
                .await,
            25
        );
        app.choose("#q-village", "v17").await;
        app.wait_saved().await;
        app.reload().await;
        assert_eq!(app.value("#q-village").await, "v17");
        // A short list stays radio buttons.
        assert_eq!(
            app.eval("document.querySelectorAll(\"input[type=radio][name='q-size']\").length")
                .await,
            2
        );
    })
    .await;
}
