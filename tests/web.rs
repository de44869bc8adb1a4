//! Browser tests: run in headless Chromium by wasm-bindgen-test, against real IndexedDB.
#![cfg(target_arch = "wasm32")]

use nahda::core::aggregate::{Report, REPORT_FORMAT};
use nahda::core::answers::{Answer, Answers};
use nahda::core::archive::{ArchivedRevision, SetAsideBy};
use nahda::core::schema::Form;
use nahda::core::sector::Sector;
use nahda::core::submission::{Status, Submission};
use nahda::storage::db::{stores, to_js, Db, DB_VERSION, REPORT_BUCKETS};
use nahda::storage::{
    archive, forms, keys, settings, submissions, Batch, StorageError, WriteVersion,
};
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
    assert_eq!(
        names,
        [
            "archive",
            "forms",
            "imports",
            "keys",
            "reports",
            "settings",
            "submissions",
            "trusted"
        ]
    );
    assert_eq!(DB_VERSION, 6);
    // Only the indexes the app reads: every other index would cost every write.
    let mut indexes = db.index_names(stores::SUBMISSIONS).expect("indexes");
    indexes.sort();
    assert_eq!(indexes, ["status", "write"]);
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
    assert!(
        matches!(
            result,
            Err(StorageError::Failed(_) | StorageError::Unavailable(_))
        ),
        "{result:?}"
    );
    Db::delete_named("nahda-test-closed")
        .await
        .expect("clean up");
}

const PACK: &str = include_str!("../public/forms/six-sector-survey.v1.json");

/// Writes one submission read at `read` (`None`: not stored yet).
async fn save(db: &Db, s: &Submission, read: Option<WriteVersion>) -> Result<(), StorageError> {
    let mut batch = Batch::new();
    batch.submission(s, read);
    db.write(batch).await
}

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

/// A record of the reports store, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Bucket {
    bucket: u32,
    format: u32,
    ids: Vec<String>,
    reports: Vec<String>,
}

/// The reports as stored, by submission id: read from the store's buckets, not through
/// `submissions::reports`, which would make up for a missing one.
async fn stored_reports(db: &Db) -> Vec<Report> {
    let mut reports = Vec::new();
    for bucket in db.all::<Bucket>(stores::REPORTS).await.expect("buckets") {
        assert!(bucket.bucket < REPORT_BUCKETS);
        assert_eq!(bucket.format, REPORT_FORMAT);
        assert_eq!(bucket.ids.len(), bucket.reports.len());
        for (id, json) in bucket.ids.iter().zip(&bucket.reports) {
            let report: Report = serde_json::from_str(json).expect("a report");
            assert_eq!(
                &report.id, id,
                "each report is kept under its submission's id"
            );
            reports.push(report);
        }
    }
    reports.sort_by(|a, b| a.id.cmp(&b.id));
    reports
}

#[wasm_bindgen_test]
async fn version_1_databases_upgrade_to_the_current_version_with_their_data() {
    let name = "nahda-test-migration";
    Db::delete_named(name).await.expect("delete");
    let old = Db::open_at(name, 1).await.expect("open at version 1");
    assert!(old.index_names(stores::SUBMISSIONS).expect("indexes").len() == 5);
    // Written as the app of version 1 wrote it: the record alone, with no write version.
    let record = to_js(&sample("kept", &["health", "education"])).expect("record");
    assert!(old
        .add_raw(stores::SUBMISSIONS, &record)
        .await
        .expect("save in version 1"));
    settings::set(&old, "language", "ar")
        .await
        .expect("setting");
    old.close();

    let db = Db::open_named(name).await.expect("upgrade to current");
    let kept = submissions::get(&db, "kept")
        .await
        .expect("read")
        .expect("still there");
    assert_eq!(kept.submission.entity_name, "مجلس أعزاز المحلي");
    assert_eq!(kept.version, 0);
    assert_eq!(
        settings::get::<String>(&db, "language")
            .await
            .expect("read"),
        Some("ar".into())
    );
    // The version 5 reports are made from the submissions when first read.
    assert_eq!(
        submissions::reports(&db).await.expect("reports"),
        [Report::of(&kept.submission)]
    );
    assert_eq!(
        stored_reports(&db).await,
        [Report::of(&kept.submission)],
        "and kept"
    );
    // The version 3 archive and the version 4 key stores exist, empty.
    assert!(archive::all(&db).await.expect("archive").is_empty());
    assert!(keys::trusted(&db).await.expect("trusted").is_empty());
    assert!(keys::device_pair(&db).await.expect("keys").is_none());
    // The version 1 index of statuses still finds the record; version 6 dropped the
    // indexes nothing reads.
    assert_eq!(
        submissions::ids_with_status(&db, "draft")
            .await
            .expect("by status"),
        ["kept"]
    );
    let mut indexes = db.index_names(stores::SUBMISSIONS).expect("indexes");
    indexes.sort();
    assert_eq!(indexes, ["status", "write"]);
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn submissions_are_saved_listed_replaced_and_deleted() {
    let name = "nahda-test-submissions";
    let db = fresh(name).await;
    let mut first = sample("s1", &["health"]);
    save(&db, &first, None).await.expect("save");
    save(&db, &sample("s2", &["governance"]), None)
        .await
        .expect("save");
    assert_eq!(submissions::all(&db).await.expect("all").len(), 2);

    first.status = Status::Finalised;
    save(&db, &first, Some(1)).await.expect("replace");
    let back = submissions::get(&db, "s1")
        .await
        .expect("get")
        .expect("there");
    assert_eq!((back.submission, back.version), (first.clone(), 2));
    assert_eq!(
        submissions::all(&db).await.expect("all").len(),
        2,
        "replaced, not added"
    );

    let reported = |ids: &[&Submission]| ids.iter().map(|s| Report::of(s)).collect::<Vec<_>>();
    let second = submissions::get(&db, "s2")
        .await
        .expect("get")
        .expect("there");
    let stored = || stored_reports(&db);
    assert_eq!(
        stored().await,
        reported(&[&first, &second.submission]),
        "each write keeps the submission's report beside it"
    );

    let mut batch = Batch::new();
    batch.delete_submission("s1", 2);
    db.write(batch).await.expect("delete");
    assert_eq!(submissions::get(&db, "s1").await.expect("get"), None);
    assert_eq!(submissions::all(&db).await.expect("all").len(), 1);
    assert_eq!(
        stored().await,
        reported(&[&second.submission]),
        "the report goes with the submission"
    );
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn the_reports_follow_every_write_and_deletion_of_many_submissions() {
    let name = "nahda-test-reports";
    let db = fresh(name).await;
    // Enough submissions that every bucket holds several.
    let model = sample("model", &["health"]);
    let many: Vec<Submission> = (0..800)
        .map(|n| Submission {
            id: format!("s{n:03}"),
            status: Status::Finalised,
            ..model.clone()
        })
        .collect();
    let mut batch = Batch::new();
    for submission in &many {
        batch.submission(submission, None);
    }
    db.write(batch).await.expect("write 800");
    // Half deleted and a quarter changed, in one batch.
    let changed: Vec<Submission> = many
        .iter()
        .skip(1)
        .step_by(4)
        .map(|s| Submission {
            sectors: vec!["education".into()],
            ..s.clone()
        })
        .collect();
    let mut batch = Batch::new();
    for submission in many.iter().step_by(2) {
        batch.delete_submission(&submission.id, 1);
    }
    for submission in &changed {
        batch.submission(submission, Some(1));
    }
    db.write(batch).await.expect("delete 400, change 200");
    let expected: Vec<Report> = submissions::all(&db)
        .await
        .expect("all")
        .iter()
        .map(Report::of)
        .collect();
    assert_eq!(expected.len(), 400);
    assert_eq!(
        expected
            .iter()
            .filter(|r| r.sectors[0].sector == Sector::Education)
            .count(),
        200
    );
    assert_eq!(stored_reports(&db).await, expected);
    assert_eq!(submissions::reports(&db).await.expect("reports"), expected);

    // Reports stored by an earlier version of the app, or not readable, are made again.
    let buckets = db.all::<Bucket>(stores::REPORTS).await.expect("buckets");
    let mut older = buckets[0].clone();
    older.format = REPORT_FORMAT - 1;
    let mut unreadable = buckets[1].clone();
    unreadable.reports[0] = "{\"id\": ".into();
    for spoiled in [older, unreadable] {
        let mut batch = Batch::new();
        batch.put(stores::REPORTS, &spoiled).expect("record");
        db.write(batch).await.expect("spoil a bucket");
        assert_eq!(submissions::reports(&db).await.expect("reports"), expected);
        assert_eq!(stored_reports(&db).await, expected, "made again");
    }
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn a_write_from_a_stale_copy_is_refused_and_changes_nothing() {
    let name = "nahda-test-versions";
    Db::delete_named(name).await.expect("delete");
    // Two connections, as two tabs of the app have.
    let tab1 = Db::open_named(name).await.expect("tab 1");
    let tab2 = Db::open_named(name).await.expect("tab 2");
    let mut s = sample("s", &["health"]);
    save(&tab1, &s, None).await.expect("created");
    // Creating it again, as if it were not stored, is refused.
    assert!(matches!(
        save(&tab2, &s, None).await,
        Err(StorageError::Moved(ids)) if ids == ["s"]
    ));
    // Both tabs read version 1; tab 1 finalises first.
    s.status = Status::Finalised;
    save(&tab1, &s, Some(1)).await.expect("tab 1 writes");
    let mut stale = sample("s", &["governance"]);
    stale.status = Status::Draft;
    let refused = save(&tab2, &stale, Some(1)).await;
    assert!(
        matches!(refused, Err(StorageError::Moved(_))),
        "{refused:?}"
    );
    let stored = submissions::get(&tab2, "s")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(stored.version, 2);
    assert_eq!(
        stored.submission.status,
        Status::Finalised,
        "not turned back into a draft"
    );
    assert_eq!(stored.submission.sectors, ["health"]);
    // Deleting from a stale copy is refused too.
    let mut batch = Batch::new();
    batch.delete_submission("s", 1);
    assert!(matches!(
        tab2.write(batch).await,
        Err(StorageError::Moved(_))
    ));
    assert!(submissions::get(&tab1, "s").await.expect("read").is_some());
    tab1.close();
    tab2.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn many_ids_are_read_and_checked_a_slice_at_a_time_in_indexeddb_s_order() {
    let name = "nahda-test-many-ids";
    let db = fresh(name).await;
    // Ids whose order by UTF-16 code units (IndexedDB's) differs from their order by code
    // points: a character beyond the Basic Multilingual Plane sorts before U+FF21 in
    // IndexedDB, after it in Rust.
    let odd = ["x-\u{1F600}", "x-\u{FF21}", "x-\u{10000}z"];
    let mut stored: Vec<String> = (0..1200).map(|i| format!("m-{i:05}")).collect();
    stored.extend(odd.iter().map(|id| id.to_string()));
    let mut batch = Batch::new();
    let records: Vec<Submission> = stored.iter().map(|id| sample(id, &["health"])).collect();
    for record in &records {
        batch.submission(record, None);
    }
    db.write(batch).await.expect("stored");
    // Asked in an order of their own, with ids not stored among them, across three slices.
    let mut asked: Vec<String> = stored.iter().rev().step_by(2).cloned().collect();
    asked.extend(odd.iter().map(|id| id.to_string()));
    asked.extend((0..600).map(|i| format!("m-{i:05}-missing")));
    asked.push("x-\u{1F601}-missing".into());
    let found = submissions::get_many(&db, &asked).await.expect("read");
    let found: Vec<&str> = found.iter().map(|s| s.submission.id.as_str()).collect();
    let expected: Vec<&str> = asked
        .iter()
        .map(String::as_str)
        .filter(|id| stored.iter().any(|s| s == id))
        .collect();
    assert_eq!(found, expected, "every stored one, in the order asked");
    // Writing as new the ones that are stored is refused, each named, whatever its place.
    let mut batch = Batch::new();
    let again: Vec<Submission> = ["m-00000", "new-one", "x-\u{1F600}", "m-01199"]
        .iter()
        .map(|id| sample(id, &["health"]))
        .collect();
    for record in &again {
        batch.submission(record, None);
    }
    match db.write(batch).await {
        Err(StorageError::Moved(mut ids)) => {
            ids.sort();
            assert_eq!(ids, ["m-00000", "m-01199", "x-\u{1F600}"]);
        }
        other => panic!("not refused: {other:?}"),
    }
    assert!(submissions::get(&db, "new-one")
        .await
        .expect("read")
        .is_none());
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn a_record_stored_before_write_versions_is_at_version_0() {
    let name = "nahda-test-unversioned";
    fresh(name).await.close();
    // A record as earlier versions of the app stored it: no write version.
    let raw = idb::Factory::new()
        .expect("factory")
        .open(name, Some(DB_VERSION))
        .expect("open")
        .await
        .expect("opened");
    let tx = raw
        .transaction(&[stores::SUBMISSIONS], idb::TransactionMode::ReadWrite)
        .expect("transaction");
    let record = nahda::storage::db::to_js(&sample("old", &["health"])).expect("record");
    tx.object_store(stores::SUBMISSIONS)
        .expect("store")
        .put(&record, None)
        .expect("put")
        .await
        .expect("stored");
    tx.commit().expect("commit").await.expect("committed");
    raw.close();

    let db = Db::open_named(name).await.expect("open");
    let stored = submissions::get(&db, "old")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(stored.version, 0);
    let mut edited = stored.submission.clone();
    edited.status = Status::Finalised;
    save(&db, &edited, Some(0))
        .await
        .expect("written from version 0");
    assert!(matches!(
        save(&db, &stored.submission, Some(0)).await,
        Err(StorageError::Moved(_))
    ));
    let now = submissions::get(&db, "old")
        .await
        .expect("read")
        .expect("there");
    assert_eq!((now.version, now.submission.status), (1, Status::Finalised));
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn set_aside_revisions_are_kept_in_the_archive_by_submission() {
    let name = "nahda-test-archive";
    let db = fresh(name).await;
    let first = sample("s", &["health"]);
    let mut second = first.clone();
    second
        .answers
        .insert("focal_name".into(), Answer::Text("سلمى".into()));
    let mut batch = Batch::new().strict();
    batch
        .archived(&ArchivedRevision::of(&first, SetAsideBy::Settlement, "t1"))
        .expect("archived")
        .archived(&ArchivedRevision::of(&second, SetAsideBy::Import, "t2"))
        .expect("archived")
        .archived(&ArchivedRevision::of(
            &sample("other", &[]),
            SetAsideBy::Restore,
            "t3",
        ))
        .expect("archived");
    db.write(batch).await.expect("a strict write");
    let kept = archive::of_submission(&db, "s")
        .await
        .expect("by submission");
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().any(|a| a.revision.answers == first.answers));
    assert!(kept.iter().any(|a| a.revision.answers == second.answers));
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
    let name = "nahda-test-batch";
    let db = fresh(name).await;
    let setting = Setting {
        key: "k".into(),
        value: "v".into(),
    };
    let (b1, b2) = (sample("b1", &["health"]), sample("b2", &["health"]));
    // The last record has no `[id, version]`, so the forms store refuses it: nothing is
    // written, the submissions before it included.
    let mut refused = Batch::new();
    refused
        .submission(&b1, None)
        .submission(&b2, None)
        .put(stores::FORMS, &setting)
        .expect("record");
    assert!(db.write(refused).await.is_err());
    assert!(
        submissions::all(&db).await.expect("all").is_empty(),
        "no partial write"
    );
    assert!(stored_reports(&db).await.is_empty());

    let mut batch = Batch::new();
    batch
        .submission(&b1, None)
        .submission(&b2, None)
        .setting(&setting.key, &setting.value)
        .expect("record");
    db.write(batch).await.expect("a valid batch");
    assert_eq!(submissions::all(&db).await.expect("all").len(), 2);
    assert_eq!(
        settings::get::<String>(&db, "k").await.expect("get"),
        Some("v".into())
    );

    // One stale submission in a batch stops all of it, the other stores included.
    let (e1, e2) = (sample("b1", &["education"]), sample("b2", &["education"]));
    let mut stale = Batch::new();
    stale
        .setting("k", &"changed")
        .expect("record")
        .submission(&e1, Some(1))
        .submission(&e2, Some(7));
    assert!(matches!(db.write(stale).await, Err(StorageError::Moved(ids)) if ids == ["b2"]));
    assert_eq!(
        settings::get::<String>(&db, "k").await.expect("get"),
        Some("v".into())
    );
    let b1 = submissions::get(&db, "b1")
        .await
        .expect("get")
        .expect("there");
    assert_eq!(
        stored_reports(&db).await[0],
        Report::of(&b1.submission),
        "the report stays as the submission is"
    );
    assert_eq!(
        (b1.version, b1.submission.sectors),
        (1, vec!["health".to_string()])
    );
    db.close();
    Db::delete_named(name).await.expect("clean up");
}

#[wasm_bindgen_test]
async fn keys_and_sealing_identities_are_kept() {
    use nahda::core::keys::PublicKey;
    use nahda::core::trust::TrustedKey;
    use nahda::seal::SealingIdentity;

    let name = "nahda-test-keys";
    let db = fresh(name).await;
    let key = TrustedKey {
        key: PublicKey::from_hex(&"ab".repeat(32)).expect("a key"),
        name: "مجلس مارع المحلي".into(),
        coordinator: true,
        form_author: false,
        added_at: "2026-11-29T10:00:00Z".into(),
        revoked_at: None,
    };
    let mut batch = Batch::new();
    batch.trusted_key(&key).expect("record");
    db.write(batch).await.expect("written");
    assert_eq!(keys::trusted(&db).await.expect("trusted"), [key]);

    assert!(keys::sealing_identities(&db)
        .await
        .expect("none")
        .is_empty());
    let identity = SealingIdentity {
        secret: "AGE-SECRET-KEY-1TEST".into(),
        recipient: "age1test".into(),
        created_at: "2026-11-29T10:00:00Z".into(),
    };
    keys::keep_sealing_identities(&db, std::slice::from_ref(&identity))
        .await
        .expect("kept");
    assert_eq!(
        keys::sealing_identities(&db).await.expect("read"),
        [identity]
    );
    // No device key pair until the app makes one.
    assert!(keys::device_pair(&db).await.expect("read").is_none());
    db.close();
    Db::delete_named(name).await.expect("clean up");
}
