//! Every destructive step can be undone or is refused with a clear message: a settled
//! conflict keeps the revision it sets aside and can bring it back; emptying the trash does
//! not silently destroy finalised surveys that exist nowhere else; a cancelled share marks
//! nothing as exported, and an export mark can be taken back; an upgrade of the database in
//! another tab neither hangs nor loses what was typed.

use nahda_e2e::{samples, with_app, Browser};

const CONFLICT: &str = "3f6a2c10-8d4e-4b7a-9c21-5e0d1a7b2c01";

/// The answers stored for a submission, straight from IndexedDB.
async fn stored_answers(app: &Browser, id: &str) -> serde_json::Value {
    app.client
        .execute_async(
            &format!(
                r#"const done = arguments[0];
                const open = indexedDB.open('nahda');
                open.onsuccess = () => {{
                    const db = open.result;
                    db.transaction('submissions').objectStore('submissions').get('{id}').onsuccess =
                        (e) => {{ done(e.target.result); db.close(); }};
                }};"#
            ),
            vec![],
        )
        .await
        .expect("read the stored submission")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_settled_conflict_keeps_the_revision_it_sets_aside_and_can_bring_it_back() {
    with_app(|app| async move {
        app.open("#/import").await;
        app.english().await;
        app.import_bundles(&samples(&[
            "01-azaz-council.json",
            "02-basma-relief.json",
            "03-marea-council.json",
            "04-azaz-council-edit.json",
            "05-coordinator-edit.json",
        ]))
        .await;
        let before = stored_answers(&app, CONFLICT).await;
        let shown = before["answers"].clone();
        let rival = before["conflicts"][0]["answers"].clone();
        assert_ne!(shown, rival);

        // The coordinator keeps the revision not shown: the shown one is set aside.
        app.click("a[data-nav='coordinator']").await;
        app.wait_for(&format!("#conflicts li.conflict[data-id='{CONFLICT}'] .revision-card"))
            .await;
        let card = format!(
            "#conflicts li.conflict[data-id='{CONFLICT}'] .revision-card:not([data-hash='{}'])",
            app.eval(&format!(
                "document.querySelector(\"#conflicts li.conflict[data-id='{CONFLICT}'] .revision-card\").dataset.hash"
            ))
            .await
            .as_str()
            .unwrap_or_default()
        );
        let kept_hash = app
            .eval(&format!("document.querySelector(\"{card}\").dataset.hash"))
            .await;
        app.click(&format!("{card} .keep-revision")).await;
        app.client.accept_alert().await.expect("confirm what is set aside");
        app.wait_for("#no-conflicts").await;
        let settled = stored_answers(&app, CONFLICT).await;
        let chosen = settled["answers"].clone();
        let set_aside = if chosen == shown { &rival } else { &shown };
        assert!(kept_hash.is_string());

        // Its history lists the revision set aside; bringing it back makes it the answers
        // again, as a new revision, and sets aside the one it replaces.
        app.click("a[data-nav='submissions']").await;
        let item = format!("#submission-list li.submission[data-id='{CONFLICT}']");
        app.click(&format!("{item} .history-toggle")).await;
        app.wait_for(&format!("{item} .archived")).await;
        let history = app.text(&format!("{item} .history")).await;
        assert!(history.contains("set aside when a conflict was settled"), "{history}");
        app.click(&format!("{item} .archived .reinstate")).await;
        app.client.accept_alert().await.expect("confirm");
        app.wait_until(
            &format!(
                "document.querySelector(\"{item}\")?.dataset.revision === '{}'",
                settled["revision"].as_u64().unwrap_or_default() + 1
            ),
            "the revision brought back",
        )
        .await;
        let back = stored_answers(&app, CONFLICT).await;
        assert_eq!(&back["answers"], set_aside);
        app.click(&format!("{item} .history-toggle")).await;
        app.wait_until(
            &format!("document.querySelectorAll(\"{item} .archived\").length === 2"),
            "both set-aside revisions listed",
        )
        .await;
        app.screenshot("history-en").await;
    })
    .await;
}

async fn listed_in_trash(app: &Browser) -> usize {
    app.eval("document.querySelectorAll('#submission-list li.submission').length")
        .await
        .as_u64()
        .unwrap_or_default() as usize
}

#[tokio::test(flavor = "multi_thread")]
async fn emptying_the_trash_asks_twice_before_unexported_surveys_go_and_a_backup_lifts_it() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.fill_and_finalise("entity_name", "Akhtarin council")
            .await;
        app.click("a[data-nav='submissions']").await;
        app.click("#submission-list li.submission .delete").await;
        app.client
            .accept_alert()
            .await
            .expect("confirm the deletion");
        app.click("#filter-trash").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li.submission').length === 1",
            "one in the trash",
        )
        .await;

        // One confirm is not enough: the page says how many finalised, never-exported surveys
        // would go, and nothing is deleted.
        app.click("#empty-trash").await;
        app.client.accept_alert().await.expect("confirm emptying");
        let guard = app.text("#trash-guard").await;
        assert!(
            guard.contains("finalised, never exported and in no backup: 1 submission."),
            "{guard}"
        );
        app.reload().await;
        app.click("#filter-trash").await;
        app.wait_for("#submission-list li.submission").await;
        assert_eq!(listed_in_trash(&app).await, 1, "nothing was deleted");

        // A backup saved first holds it: then the trash empties.
        app.click("#empty-trash").await;
        app.client.accept_alert().await.expect("confirm emptying");
        app.click("#trash-backup-first").await;
        let backup = app.downloaded("nahda-backup-").await;
        assert!(std::fs::read_to_string(&backup)
            .expect("backup")
            .contains("Akhtarin council"));
        app.wait_for("#no-submissions").await;
        assert!(!app.exists("#trash-guard").await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_second_explicit_step_deletes_unexported_surveys_for_good() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.fill_and_finalise("entity_name", "Sawran council").await;
        app.click("a[data-nav='submissions']").await;
        app.click("#submission-list li.submission .delete").await;
        app.client
            .accept_alert()
            .await
            .expect("confirm the deletion");
        app.click("#filter-trash").await;
        app.click("#empty-trash").await;
        app.client.accept_alert().await.expect("confirm emptying");
        let delete = app.text("#trash-delete-unexported").await;
        assert!(delete.contains('1'), "{delete}");
        app.click("#trash-delete-unexported").await;
        app.wait_for("#no-submissions").await;
        app.reload().await;
        app.click("#filter-trash").await;
        app.wait_for("#no-submissions").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_share_marks_nothing_and_an_export_mark_can_be_taken_back() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.fill_and_finalise("entity_name", "Tal Rifaat council").await;
        // The phone's share sheet, closed by the person without choosing an app (headless
        // Chromium has no share sheet of its own).
        app.eval("(() => { navigator.canShare = () => true; navigator.share = () => Promise.reject(new DOMException('Share canceled', 'AbortError')); return true; })()").await;
        app.click("a[data-nav='export']").await;
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '1'",
            "one to export",
        )
        .await;
        app.click("#export-share").await;
        app.wait_until(
            "document.querySelector('#export-result').dataset.attempts === '1'",
            "the share's outcome",
        )
        .await;
        let said = app.text("#export-result").await;
        assert!(said.contains("Sharing was cancelled"), "{said}");
        assert!(!said.contains("could not"), "a cancel is not a failure: {said}");
        assert!(!app.exists("#export-undo").await);
        app.click("#export-new").await;
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '1'",
            "still not exported",
        )
        .await;

        // Saved as a file: marked exported, and the mark can be taken back.
        app.click("#export-save").await;
        app.wait_until(
            "document.querySelector('#export-result').dataset.attempts === '2'",
            "the save's outcome",
        )
        .await;
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '0'",
            "nothing left to export",
        )
        .await;
        app.click("#export-undo").await;
        app.wait_until(
            "document.querySelector('#export-result').dataset.attempts === '3'",
            "the undo's outcome",
        )
        .await;
        assert!(app.text("#export-result").await.contains("taken back"));
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '1'",
            "not exported again",
        )
        .await;
    })
    .await;
}

/// The database as version 2 of the app made it (before the archive), held open by a page of
/// that version that does not let go when asked.
const OLD_VERSION_HOLDS_THE_DATABASE: &str = r#"(() => {
    const r = indexedDB.open('nahda', 2);
    r.onupgradeneeded = () => {
        const db = r.result;
        db.createObjectStore('forms', {keyPath: ['id', 'version']});
        const s = db.createObjectStore('submissions', {keyPath: 'id'});
        for (const [name, path] of [['status', 'status'], ['form', 'form_id'], ['area', 'area_code'],
                ['entity', 'entity_name'], ['updated', 'updated_at'], ['deleted', 'deleted_at']]) {
            s.createIndex(name, path);
        }
        s.createIndex('sector', 'sectors', {multiEntry: true});
        db.createObjectStore('imports', {keyPath: 'id'});
        db.createObjectStore('settings', {keyPath: 'key'});
    };
    r.onsuccess = () => { window.held = r.result; };
    return true;
})()"#;

#[tokio::test(flavor = "multi_thread")]
async fn an_upgrade_blocked_by_an_old_tab_asks_to_close_it_instead_of_hanging() {
    with_app(|app| async move {
        // A tab of the older version, open on a plain page of the site.
        app.client
            .goto(&format!("{}/areas.json", app.base))
            .await
            .expect("a plain page of the site");
        app.eval(OLD_VERSION_HOLDS_THE_DATABASE).await;
        app.wait_until("window.held !== undefined", "the old version's connection")
            .await;
        let old_tab = app.current_tab().await;

        // The new version opens beside it: its upgrade waits, and it says why.
        let new_tab = app.new_tab("#/survey").await;
        app.wait_until(
            "document.querySelector('#storage-banner')?.dataset.msg === 'CloseOtherTabs'",
            "the page to ask for the other tabs to be closed",
        )
        .await;
        let said = app.text("#storage-banner").await;
        assert!(
            said.contains("أغلق نوافذ نهضة الأخرى"),
            "in Arabic first: {said}"
        );

        // The old tab closes: the upgrade goes on and the survey opens.
        app.switch_to(&old_tab).await;
        app.eval("(() => { window.held.close(); return true; })()")
            .await;
        app.switch_to(&new_tab).await;
        app.wait_for("#q-entity_name").await;
        app.wait_until(
            "document.querySelector('#storage-banner') === null",
            "the notice to go",
        )
        .await;
        app.type_into("#q-entity_name", "Azaz council").await;
        app.wait_saved().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outdated_page_writes_what_was_typed_steps_aside_and_says_so() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        let app_tab = app.current_tab().await;
        app.type_into("#q-entity_name", "Marea council").await;

        // A newer version of the app, in another tab, upgrades the database.
        app.new_tab_at("areas.json").await;
        let upgraded = app
            .client
            .execute_async(
                "const done = arguments[0]; const r = indexedDB.open('nahda', 99); \
                 r.onsuccess = () => { r.result.close(); done('upgraded'); }; \
                 r.onerror = () => done('failed: ' + r.error);",
                vec![],
            )
            .await
            .expect("the upgrade");
        assert_eq!(upgraded, "upgraded", "not blocked by the app");
        let typed = app
            .client
            .execute_async(
                r#"const done = arguments[0];
                const open = indexedDB.open('nahda');
                open.onsuccess = () => {
                    const db = open.result;
                    db.transaction('submissions').objectStore('submissions').getAll().onsuccess =
                        (e) => { done(e.target.result.map(s => s.entity_name)); db.close(); };
                };"#,
                vec![],
            )
            .await
            .expect("read");
        assert_eq!(typed, serde_json::json!(["Marea council"]), "written before stepping aside");

        // The outdated page says so rather than failing silently.
        app.switch_to(&app_tab).await;
        app.wait_until(
            "['UpdatedElsewhere', 'StorageOutdated'].includes(document.querySelector('#storage-banner')?.dataset.msg)",
            "the page to say a newer version took over",
        )
        .await;
        app.wait_until(
            "document.querySelector('#storage-banner')?.dataset.msg === 'StorageOutdated'",
            "the reloaded page to say it is outdated",
        )
        .await;
    })
    .await;
}
