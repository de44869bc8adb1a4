//! Browser tests: run in headless Chromium by wasm-bindgen-test, against real IndexedDB.
#![cfg(target_arch = "wasm32")]

use nahda::storage::db::{stores, Db, DB_VERSION};
use nahda::storage::StorageError;
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
    assert_eq!(DB_VERSION, 1);
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
