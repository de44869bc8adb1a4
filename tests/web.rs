//! Browser tests: run in headless Chromium by wasm-bindgen-test, against real IndexedDB.
#![cfg(target_arch = "wasm32")]

use nahda::core::answers::{Answer, Answers};
use nahda::core::schema::Form;
use nahda::core::submission::{Status, Submission};
use nahda::storage::db::{stores, Db, DB_VERSION};
use nahda::storage::{forms, settings, submissions, StorageError};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Setting {
    key: String,
    value: String,
}

async fn fresh(name: &str) -> Db {
    Db::delete_named(name)
        .await
        .expect("delete old test database");
    Db::open_named(name).await.expect("open test database")
}

#[wasm_bindgen_test]
async fn opening_creates_every_store_of_the_current_version() {
    let db = fresh("nahda-test-stores").await;
    let mut names = db.store_names();
    names.sort();
    assert_eq!(names, ["forms", "imports", "settings", "submissions"]);
    assert_eq!(DB_VERSION, 2);
    let mut indexes = db.index_names(stores::SUBMISSIONS).expect("indexes");
    indexes.sort();
    assert_eq!(
        indexes,
        ["area", "deleted", "entity", "form", "sector", "status", "updated"]
    );
    db.close();
    Db::delete_named("nahda-test-stores")
        .await
        .expect("clean up");
}

#[wasm_bindgen_test]
async fn a_record_round_trips_through_indexeddb() {
    let db = fresh("nahda-test-roundtrip").await;
    let record = Setting {
        key: "profile.entity".into(),
        value: "المجلس المحلي في أعزاز".into(),
    };
    db.put(stores::SETTINGS, &record).await.expect("put");
    let back: Option<Setting> = db
        .get(stores::SETTINGS, &JsValue::from_str("profile.entity"))
        .await
        .expect("get");
    assert_eq!(back, Some(record));
    let missing: Option<Setting> = db
        .get(stores::SETTINGS, &JsValue::from_str("nothing"))
        .await
        .expect("get missing");
    assert_eq!(missing, None);

    // Reopening the database finds the record again: it was really stored.
    db.close();
    let db = Db::open_named("nahda-test-roundtrip")
        .await
        .expect("reopen");
    let again: Option<Setting> = db
        .get(stores::SETTINGS, &JsValue::from_str("profile.entity"))
        .await
        .expect("get after reopen");
    assert_eq!(
        again.map(|s| s.value).as_deref(),
        Some("المجلس المحلي في أعزاز")
    );
    db.close();
    Db::delete_named("nahda-test-roundtrip")
        .await
        .expect("clean up");
}

#[wasm_bindgen_test]
async fn writing_into_a_closed_database_is_a_typed_error() {
    let db = fresh("nahda-test-closed").await;
    db.close();
    let result = db
        .put(
            stores::SETTINGS,
            &Setting {
                key: "k".into(),
                value: "v".into(),
            },
        )
        .await;
    assert!(matches!(result, Err(StorageError::Failed(_))), "{result:?}");
    Db::delete_named("nahda-test-closed")
        .await
        .expect("clean up");
}

const PACK: &str = include_str!("../public/forms/six-sector-survey.v1.json");

fn sample(id: &str, sectors: &[&str]) -> Submission {
    let form = Form::from_json(PACK).expect("pack");
    let mut submission = Submission::new_draft(id.into(), &form, "2026-11-29T10:00:00.000Z");
    let answers = Answers::from([
        (
            "entity_name".into(),
            Answer::Text("مجلس أعزاز المحلي".into()),
        ),
        (
            "sectors".into(),
            Answer::Choices(sectors.iter().map(|s| s.to_string()).collect()),
        ),
    ]);
    submission.set_answers(&form, answers, "2026-11-29T10:01:00.000Z");
    submission
}

#[wasm_bindgen_test]
async fn version_1_databases_upgrade_to_the_current_version_with_their_data() {
    let name = "nahda-test-migration";
    Db::delete_named(name).await.expect("delete");
    let old = Db::open_at(name, 1).await.expect("open at version 1");
    assert!(old.index_names(stores::SUBMISSIONS).expect("indexes").len() == 5);
    submissions::save(&old, &sample("kept", &["health", "education"]))
        .await
        .expect("save in version 1");
    settings::set(&old, "language", "ar")
        .await
        .expect("setting");
    old.close();

    let db = Db::open_named(name).await.expect("upgrade to current");
    let kept = submissions::get(&db, "kept")
        .await
        .expect("read")
        .expect("still there");
    assert_eq!(kept.entity_name, "مجلس أعزاز المحلي");
    assert_eq!(
        settings::get::<String>(&db, "language")
            .await
            .expect("read"),
        Some("ar".into())
    );
    // The version 2 index covers records written before it existed.
    assert_eq!(
        submissions::ids_by_sector(&db, "education")
            .await
            .expect("by sector"),
        ["kept"]
    );
    assert!(submissions::ids_by_sector(&db, "governance")
        .await
        .expect("by sector")
        .is_empty());
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn submissions_are_saved_listed_replaced_and_deleted() {
    let name = "nahda-test-submissions";
    let db = fresh(name).await;
    let mut first = sample("s1", &["health"]);
    submissions::save(&db, &first).await.expect("save");
    submissions::save(&db, &sample("s2", &["governance"]))
        .await
        .expect("save");
    assert_eq!(submissions::all(&db).await.expect("all").len(), 2);

    first.status = Status::Finalised;
    submissions::save(&db, &first).await.expect("replace");
    let back = submissions::get(&db, "s1")
        .await
        .expect("get")
        .expect("there");
    assert_eq!(back, first);
    assert_eq!(
        submissions::all(&db).await.expect("all").len(),
        2,
        "replaced, not added"
    );

    submissions::delete_forever(&db, "s1")
        .await
        .expect("delete");
    assert_eq!(submissions::get(&db, "s1").await.expect("get"), None);
    assert_eq!(submissions::all(&db).await.expect("all").len(), 1);
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn forms_are_stored_by_id_and_version() {
    let name = "nahda-test-forms";
    let db = fresh(name).await;
    let form = Form::from_json(PACK).expect("pack");
    let mut second = form.spec().clone();
    second.version = 2;
    forms::save(&db, form.spec()).await.expect("save v1");
    forms::save(&db, &second).await.expect("save v2");
    forms::save(&db, form.spec()).await.expect("save v1 again");
    let stored = forms::all(&db).await.expect("all");
    let versions: Vec<u32> = stored.iter().map(|f| f.version).collect();
    assert_eq!(versions, [1, 2]);
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn a_batch_is_written_all_or_nothing() {
    use nahda::storage::db::to_js;
    let name = "nahda-test-batch";
    let db = fresh(name).await;
    let good = |id: &str| to_js(&sample(id, &["health"])).expect("record");
    let no_key = to_js(&Setting {
        key: "k".into(),
        value: "v".into(),
    })
    .expect("record");
    // The last record has no `id`, so the submissions store refuses it: nothing is written.
    let refused = db
        .put_batch(&[(stores::SUBMISSIONS, vec![good("b1"), good("b2"), no_key])])
        .await;
    assert!(refused.is_err());
    assert!(
        submissions::all(&db).await.expect("all").is_empty(),
        "no partial write"
    );

    db.put_batch(&[
        (stores::SUBMISSIONS, vec![good("b1"), good("b2")]),
        (
            stores::SETTINGS,
            vec![to_js(&Setting {
                key: "k".into(),
                value: "v".into(),
            })
            .expect("record")],
        ),
    ])
    .await
    .expect("a valid batch");
    assert_eq!(submissions::all(&db).await.expect("all").len(), 2);
    assert_eq!(
        settings::get::<String>(&db, "k").await.expect("get"),
        Some("v".into())
    );
    db.close();
    Db::delete_named(name).await.expect("clean up");
}
