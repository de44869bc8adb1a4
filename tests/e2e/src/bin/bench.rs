//! The browser benchmark: what a phone user feels, measured in headless Chromium against the
//! release build — time until the survey is interactive (unthrottled and with the CPU slowed
//! four times, as a cheap phone), the time a keystroke takes to update the answers and the page,
//! and the time to write the submission to IndexedDB. Each figure is the median of several runs
//! with the minimum and maximum. Prints a table and writes `bench-results/browser.json`.
//!
//! Run through `bash scripts/bench.sh`, which builds the release and starts chromedriver.

use std::time::Duration;

use nahda_e2e::{bitmap, with_app, write_file, Browser};
use serde_json::{json, Value};

const RUNS: usize = 5;

#[derive(Clone, Debug)]
struct Figure {
    name: String,
    unit: &'static str,
    samples: Vec<f64>,
}

impl Figure {
    fn stats(&self) -> (f64, f64, f64) {
        let mut s = self.samples.clone();
        s.sort_by(f64::total_cmp);
        (
            median(&self.samples),
            *s.first().unwrap_or(&f64::NAN),
            *s.last().unwrap_or(&f64::NAN),
        )
    }
}

/// The median of samples (the mean of the two middle ones for an even count).
fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

async fn throttle(app: &Browser, rate: f64) {
    app.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": rate }))
        .await;
}

/// Milliseconds from navigation start to the survey's first frame on a fresh profile.
async fn time_to_interactive(rate: f64) -> f64 {
    let out = std::sync::Arc::new(std::sync::Mutex::new(f64::NAN));
    let result = out.clone();
    with_app(move |app| async move {
        throttle(&app, rate).await;
        app.client
            .goto(&format!("{}/#/survey", app.base))
            .await
            .expect("navigate");
        app.wait_until(
            "performance.getEntriesByName('nahda:survey-ready').length > 0",
            "the survey to be interactive",
        )
        .await;
        let ms = app
            .eval("performance.getEntriesByName('nahda:survey-ready')[0].startTime")
            .await;
        *result.lock().expect("lock") = ms.as_f64().unwrap_or(f64::NAN);
    })
    .await;
    let ms = *out.lock().expect("lock");
    ms
}

/// What typing costs on the largest form (all six sectors chosen): each keystroke's work
/// (`Keystrokes`), the time of each IndexedDB write, and the same keystrokes in an empty page
/// in the same browser at the same rate (the browser's floor).
async fn typing(rate: f64) -> (Keystrokes, Vec<f64>, Keystrokes) {
    let out = std::sync::Arc::new(std::sync::Mutex::new(Default::default()));
    let result = out.clone();
    with_app(move |app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        app.click(".section-link[data-section='area']").await;
        for sector in [
            "governance",
            "economy",
            "infrastructure",
            "education",
            "health",
            "rule_of_law",
        ] {
            app.click(&format!(
                "[data-question='sectors'] label[data-value='{sector}'] input"
            ))
            .await;
        }
        app.click(".section-link[data-section='infrastructure']")
            .await;
        app.wait_for("fieldset.section[data-section='infrastructure']")
            .await;
        app.wait_saved().await;
        throttle(&app, rate).await;
        let (keys, saves) = keystrokes_and_saves(&app, "input[type='text'][id^='q-inf_']").await;
        app.client.goto("about:blank").await.expect("an empty page");
        app.eval("(document.body.innerHTML = '<input id=\"bare\">', true)")
            .await;
        let floor = keystrokes(&app, "#bare").await;
        *result.lock().expect("lock") = (keys, saves, floor);
    })
    .await;
    let figures = std::mem::take(&mut *out.lock().expect("lock"));
    figures
}

/// Each keystroke's work until the page shows it: its own turn (the input event, the answer,
/// the checks that follow it and the start of its save) and then the frame that draws it
/// (style, layout, paint, and the tasks that come due first, such as the save's completion).
/// Each keystroke starts just after a frame, so no other frame falls in its turn, and the wait
/// for the next frame, which is idle, is left out: the figures are the same from run to run
/// whatever the frames' phase.
#[derive(Clone, Debug, Default)]
struct Keystrokes {
    turn: Vec<f64>,
    frame: Vec<f64>,
}

impl Keystrokes {
    /// Turn and frame, keystroke by keystroke.
    fn total(&self) -> Vec<f64> {
        self.turn
            .iter()
            .zip(&self.frame)
            .map(|(t, f)| t + f)
            .collect()
    }
}

/// Types 30 characters into the text input `input`, one after each frame (`Keystrokes`).
async fn keystrokes(app: &Browser, input: &str) -> Keystrokes {
    let pairs = app
        .client
        .execute_async(
            r#"
                const done = arguments[arguments.length - 1];
                const input = document.querySelector(arguments[0]);
                // A task behind the work queued before it: a message, not a timer, which
                // would be clamped to 4 ms once timers nest five deep, as a loop of them does.
                const task = () => new Promise(r => {
                    const channel = new MessageChannel();
                    channel.port1.onmessage = () => r();
                    channel.port2.postMessage(0);
                });
                const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
                (async () => {
                    const times = [];
                    for (let i = 0; i < 30; i++) {
                        await frame();
                        await task();
                        // The frame after the keystroke ends at the first task after it: a
                        // message posted by the frame's first animation-frame callback, asked
                        // for before the keystroke, so what the page leaves for after that
                        // frame (its save) is not counted in it.
                        let drawn = 0;
                        const painted = new Promise(r => requestAnimationFrame(() => {
                            drawn = performance.now();
                            task().then(() => r(performance.now()));
                        }));
                        const t0 = performance.now();
                        input.value = input.value + (i % 10);
                        input.dispatchEvent(new Event('input', { bubbles: true }));
                        await task();
                        const turn = performance.now() - t0;
                        const end = await painted;
                        times.push([turn, end - drawn]);
                    }
                    done(times);
                })();
                "#,
            vec![json!(input)],
        )
        .await
        .expect("typing script");
    let pairs = pairs.as_array().cloned().unwrap_or_default();
    let part = |i: usize| -> Vec<f64> {
        pairs
            .iter()
            .filter_map(|p| p.get(i).and_then(Value::as_f64))
            .collect()
    };
    Keystrokes {
        turn: part(0),
        frame: part(1),
    }
}

/// Types 30 characters into the text input `input` (`keystrokes`), then types `RUNS` more,
/// each followed by its save, and returns the keystrokes and the saves as the app measures
/// them (`nahda:save`).
async fn keystrokes_and_saves(app: &Browser, input: &str) -> (Keystrokes, Vec<f64>) {
    let keystrokes = keystrokes(app, input).await;
    performance_clear(app).await;
    for i in 0..RUNS {
        app.client
            .execute(
                r#"const input = document.querySelector(arguments[1]);
                       input.value = input.value + arguments[0];
                       input.dispatchEvent(new Event('input', { bubbles: true }));"#,
                vec![json!(i.to_string()), json!(input)],
            )
            .await
            .expect("type");
        app.wait_saved().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let saves = app
        .eval("performance.getEntriesByName('nahda:save').map(e => e.duration)")
        .await;
    (keystrokes, numbers(&saves))
}

/// The same keystrokes and saves in the entity's name of a draft that holds `count` photos
/// (camera pictures of 2,000 × 1,500 kept at 1,280 × 960), with the photos' total size in KB.
async fn typing_with_photos(rate: f64, count: usize) -> (Keystrokes, Vec<f64>, f64) {
    let out = std::sync::Arc::new(std::sync::Mutex::new((
        Keystrokes::default(),
        Vec::new(),
        0.0,
    )));
    let result = out.clone();
    with_app(move |app| async move {
        let photos: Vec<Value> = (1..=count)
            .map(|n| {
                json!({"id": format!("photo_{n}"), "kind": "photo",
                    "label": {"ar": format!("صورة {n}"), "en": format!("Photo {n}")}})
            })
            .collect();
        app.load_pack_asking(&photos).await;
        let camera = write_file("camera.bmp", bitmap(2000, 1500));
        for n in 1..=count {
            app.pick_file(&format!("#q-photo_{n}"), &camera).await;
            app.wait_for(&format!("[data-question='photo_{n}'] img.media-photo"))
                .await;
        }
        app.wait_saved().await;
        let kb = app
            .eval(
                "[...document.querySelectorAll('.media-size')]\
                 .map(c => parseInt(c.textContent.replace(/[^0-9]/g, ''))).reduce((a, b) => a + b, 0)",
            )
            .await
            .as_f64()
            .unwrap_or(f64::NAN);
        throttle(&app, rate).await;
        let (keys, saves) = keystrokes_and_saves(&app, "#q-entity_name").await;
        *result.lock().expect("lock") = (keys, saves, kb);
    })
    .await;
    let figures = out.lock().expect("lock").clone();
    figures
}

/// Milliseconds to open "My submissions" with 10,000 submissions stored: read them all from
/// IndexedDB, filter, sort, and draw the first page.
async fn list_ten_thousand() -> Vec<f64> {
    let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let result = out.clone();
    with_app(move |app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        app.wait_saved().await;
        let seeded = app
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                const open = indexedDB.open('nahda');
                open.onsuccess = () => {
                    const tx = open.result.transaction('submissions', 'readwrite');
                    const store = tx.objectStore('submissions');
                    const sectors = ['governance', 'economy', 'infrastructure', 'education', 'health', 'rule_of_law'];
                    for (let i = 0; i < 10000; i++) {
                        const answers = { entity_name: 'مجلس محلي ' + i, sectors: [sectors[i % 6], sectors[(i + 2) % 6]],
                            area: { code: 'SY0204' + String(i % 6).padStart(2, '0') }, population: String(1000 + i) };
                        for (let q = 0; q < 40; q++) answers['q' + q] = 'إجابة نصية قصيرة ' + q;
                        store.put({ id: 'seed-' + i, form_id: 'six-sector-survey', form_version: 1, status: i % 3 ? 'finalised' : 'draft',
                            revision: 1, created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-' + String(1 + i % 28).padStart(2, '0') + 'T00:00:00.000Z',
                            entity_name: answers.entity_name, area_code: answers.area.code, sectors: answers.sectors, answers });
                    }
                    tx.oncomplete = () => done(true);
                    tx.onabort = () => done(false);
                };
                "#,
                vec![],
            )
            .await
            .expect("seed");
        assert_eq!(seeded, Value::Bool(true), "10,000 submissions stored");
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            app.click("a[data-nav='survey']").await;
            app.wait_for("#q-entity_name").await;
            let ms = app
                .client
                .execute_async(
                    r#"
                    const done = arguments[arguments.length - 1];
                    const t0 = performance.now();
                    document.querySelector("a[data-nav='submissions']").click();
                    const check = () => {
                        const count = document.querySelector('#submission-count');
                        if (count && /^1000[0-2]$/.test(count.textContent.replace(/[^0-9]/g, ''))
                            && document.querySelectorAll('#submission-list li').length > 0) {
                            done(performance.now() - t0);
                        } else {
                            setTimeout(check, 5);
                        }
                    };
                    check();
                    "#,
                    vec![],
                )
                .await
                .expect("open the list");
            samples.push(ms.as_f64().unwrap_or(f64::NAN));
        }
        *result.lock().expect("lock") = samples;
    })
    .await;
    let samples = out.lock().expect("lock").clone();
    samples
}

/// Waits up to two minutes for a JavaScript expression to be true.
async fn wait_long(app: &Browser, js_expression: &str) {
    for _ in 0..1200 {
        if app.eval(js_expression).await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out: {js_expression}");
}

/// The duration of the latest performance measure with this name.
async fn measured(app: &Browser, name: &str) -> f64 {
    app.eval(&format!(
        "(performance.getEntriesByName('{name}').at(-1) || {{duration: NaN}}).duration"
    ))
    .await
    .as_f64()
    .unwrap_or(f64::NAN)
}

/// Sets the reporting entity in Settings: a bundle of many entities' surveys is sent under it.
async fn set_profile(app: &Browser, entity: &str) {
    app.open("#/settings").await;
    app.type_into("#profile-entity-name", entity).await;
    app.click("#profile-save").await;
    app.wait_until(
        "document.querySelector('#profile-result').textContent.length > 0",
        "the profile",
    )
    .await;
}

/// Stores `count` real submissions of the shipped form (valid, made from the corpus's valid
/// bundle with new ids and entity names) straight into IndexedDB.
async fn seed(app: &Browser, count: usize) {
    seed_named(app, count, "seed").await;
}

/// Like [`seed`], with ids that start with `prefix`.
async fn seed_named(app: &Browser, count: usize, prefix: &str) {
    let sample: Value = serde_json::from_str(
        &std::fs::read_to_string(crate_dir().join("../bundles/valid.json"))
            .expect("tests/bundles/valid.json"),
    )
    .expect("sample bundle");
    let seeded = app
        .client
        .execute_async(
            r#"
            const [samples, count, prefix, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
            const open = indexedDB.open('nahda');
            open.onsuccess = () => {
                const tx = open.result.transaction('submissions', 'readwrite');
                const store = tx.objectStore('submissions');
                for (let i = 0; i < count; i++) {
                    const s = structuredClone(samples[i % samples.length]);
                    s.id = prefix + '-' + String(i).padStart(6, '0');
                    s.entity_name = s.answers.entity_name = s.entity_name + ' ' + i;
                    delete s.history; delete s.previous_hash;
                    store.put(s);
                }
                tx.oncomplete = () => done(true);
                tx.onabort = () => done(false);
            };
            "#,
            vec![sample["submissions"].clone(), json!(count), json!(prefix)],
        )
        .await
        .expect("seed");
    assert_eq!(seeded, Value::Bool(true), "{count} submissions stored");
}

/// Samples of the export and import of 10,000 submissions.
#[derive(Default)]
struct BigBundle {
    bytes: f64,
    export: Vec<f64>,
    check: Vec<f64>,
    write: Vec<f64>,
    longest_freeze: Vec<f64>,
    /// The platform's floor, in the same browser: IndexedDB `put` of 10,000 records of 2 KB
    /// in one strict transaction, and `JSON.parse` of the bundle's text.
    floor_put: Vec<f64>,
    floor_parse: Vec<f64>,
}

/// What the browser cannot do faster for an import: 10,000 records of about 2 KB (40 answers
/// of 40 characters) put into a scratch database in one strict transaction, and the bundle's
/// text parsed by `JSON.parse`. Gives (put ms, parse ms).
async fn floor(app: &Browser, bundle: &str) -> (f64, f64) {
    let out = app
        .client
        .execute_async(
            r#"
            const [text, done] = [arguments[0], arguments[arguments.length - 1]];
            const t0 = performance.now();
            JSON.parse(text);
            const parse = performance.now() - t0;
            const del = indexedDB.deleteDatabase('nahda-floor');
            del.onsuccess = () => {
                const open = indexedDB.open('nahda-floor', 1);
                open.onupgradeneeded = () => open.result.createObjectStore('records', {keyPath: 'id'});
                open.onsuccess = () => {
                    const db = open.result;
                    const answer = 'x'.repeat(40);
                    const t1 = performance.now();
                    const tx = db.transaction('records', 'readwrite', {durability: 'strict'});
                    const store = tx.objectStore('records');
                    for (let i = 0; i < 10000; i++) {
                        const answers = {};
                        for (let q = 0; q < 40; q++) answers['q' + q] = answer;
                        store.put({id: 'floor-' + i, answers});
                    }
                    tx.oncomplete = () => { const put = performance.now() - t1; db.close(); done([put, parse]); };
                };
            };
            "#,
            vec![Value::String(bundle.to_string())],
        )
        .await
        .expect("the platform's floor");
    (
        out[0].as_f64().unwrap_or(f64::NAN),
        out[1].as_f64().unwrap_or(f64::NAN),
    )
}

/// Exports 10,000 stored submissions (real answers of the shipped form, valid) as one bundle,
/// then imports that bundle into an empty profile: reading and parsing, checking every
/// submission against its form, merging, and writing — and the longest time the page did not
/// answer during the import, from a 20 ms timer.
async fn bundle_ten_thousand() -> BigBundle {
    let out = std::sync::Arc::new(std::sync::Mutex::new(BigBundle::default()));
    let result = out.clone();
    with_app(move |app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        app.wait_saved().await;
        seed(&app, 10_000).await;
        set_profile(&app, "Azaz coordination office").await;
        let mut bench = BigBundle::default();
        for _ in 0..RUNS {
            app.click("a[data-nav='survey']").await;
            app.click("a[data-nav='export']").await;
            wait_long(&app, "document.querySelector('#export-count')?.dataset.count === '10000'").await;
            bench.export.push(measured(&app, "nahda:export").await);
        }
        app.click("#export-save").await;
        let file = app.downloaded("nahda-").await;
        bench.bytes = std::fs::metadata(&file).map(|m| m.len() as f64).unwrap_or(f64::NAN);

        let coordinator = app.another_person().await;
        coordinator.open("#/import").await;
        for _ in 0..RUNS {
            coordinator.clear_site_data().await;
            coordinator.reload().await;
            coordinator.click("a[data-nav='import']").await;
            coordinator.wait_for("#import-files").await;
            coordinator
                .eval("(window.__gaps = [], window.__last = performance.now(), window.__tick = setInterval(() => { const now = performance.now(); window.__gaps.push(now - window.__last); window.__last = now; }, 20), true)")
                .await;
            coordinator.pick_file("#import-files", &file).await;
            wait_long(&coordinator, "document.querySelector('#import-status').dataset.stage === 'preview'").await;
            coordinator.click("#import-confirm").await;
            wait_long(&coordinator, "document.querySelector('#import-status').dataset.stage === 'done'").await;
            let new = coordinator
                .eval("document.querySelector('.import-file [data-outcome=new]').dataset.count")
                .await;
            assert_eq!(new, "10000", "every submission is new in an empty profile");
            bench.check.push(measured(&coordinator, "nahda:import-check").await);
            bench.write.push(measured(&coordinator, "nahda:import-write").await);
            let freeze = coordinator
                .eval("(clearInterval(window.__tick), Math.max(...window.__gaps))")
                .await;
            bench.longest_freeze.push(freeze.as_f64().unwrap_or(f64::NAN));
        }
        let text = std::fs::read_to_string(&file).expect("the bundle");
        for _ in 0..RUNS {
            let (put, parse) = floor(&coordinator, &text).await;
            bench.floor_put.push(put);
            bench.floor_parse.push(parse);
        }
        coordinator.discard().await;
        *result.lock().expect("lock") = bench;
    })
    .await;
    let bench = std::mem::take(&mut *out.lock().expect("lock"));
    bench
}

/// Peak memory importing ten bundles of about 6 MB each (9,000 submissions each, all different)
/// picked at once: the WebAssembly memory when the import is written (it only grows, so it is
/// its peak), and the largest JavaScript heap sampled every 100 ms meanwhile. Gives
/// (file size in MB, WebAssembly MB, JavaScript heap MB).
async fn memory_ten_bundles() -> (f64, f64, f64) {
    let out = std::sync::Arc::new(std::sync::Mutex::new((f64::NAN, f64::NAN, f64::NAN)));
    let result = out.clone();
    with_app(move |app| async move {
        let dir = app.profile.with_extension("ten-bundles");
        std::fs::create_dir_all(&dir).expect("bundle dir");
        let mut files = Vec::new();
        for k in 0..10 {
            app.clear_site_data().await;
            set_profile(&app, "Memory test council").await;
            seed_named(&app, 9_000, &format!("file{k}")).await;
            app.click("a[data-nav='export']").await;
            wait_long(&app, "document.querySelector('#export-count')?.dataset.count === '9000'").await;
            app.click("#export-save").await;
            let file = app.downloaded("nahda-").await;
            let kept = dir.join(format!("bundle-{k}.json"));
            std::fs::rename(&file, &kept).expect("keep the bundle");
            files.push(kept);
        }
        let size = std::fs::metadata(&files[0]).map(|m| m.len() as f64).unwrap_or(f64::NAN);

        let coordinator = app.another_person().await;
        coordinator
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": "addEventListener('TrunkApplicationStarted', e => { window.__wasm = e.detail.wasm; });"}),
            )
            .await;
        coordinator.open("#/import").await;
        coordinator.wait_for("#import-files").await;
        let mut heap: f64 = 0.0;
        let mut sample = |usage: Value| {
            heap = heap.max(usage["usedSize"].as_f64().unwrap_or(0.0));
        };
        sample(coordinator.cdp("Runtime.getHeapUsage", json!({})).await);
        coordinator.pick_files("#import-files", &files).await;
        for stage in ["preview", "done"] {
            for _ in 0..3000 {
                sample(coordinator.cdp("Runtime.getHeapUsage", json!({})).await);
                let now = coordinator.eval("document.querySelector('#import-status').dataset.stage").await;
                if now == stage {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            if stage == "preview" {
                coordinator.click("#import-confirm").await;
            }
        }
        let new = coordinator
            .eval("[...document.querySelectorAll('.import-file [data-outcome=new]')].reduce((n, e) => n + Number(e.dataset.count), 0)")
            .await;
        assert_eq!(new, 90_000, "every submission of the ten files is new");
        let wasm = coordinator
            .eval("window.__wasm.memory.buffer.byteLength")
            .await
            .as_f64()
            .unwrap_or(f64::NAN);
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
        const MB: f64 = 1024.0 * 1024.0;
        *result.lock().expect("lock") = (size / MB, wasm / MB, heap / MB);
    })
    .await;
    let figures = *out.lock().expect("lock");
    figures
}

/// The coordinator's dashboard over 100,000 stored submissions (two sectors each, 50 areas,
/// two entity types): the time from opening the page until the picture of all 100,000 is on
/// screen (read from IndexedDB, aggregate, draw) the first time, when the reports are made
/// from the submissions, and twice more after a reload, then the `nahda:dashboard` measure of
/// recomputing the picture when a filter changes.
async fn dashboard_hundred_thousand() -> Vec<Figure> {
    let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let result = out.clone();
    with_app(move |app| async move {
        // Storing and reading 100,000 submissions takes longer than WebDriver's default 30 s.
        app.client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(600)),
                None,
                None,
            ))
            .await
            .expect("script timeout");
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        app.wait_saved().await;
        let areas: Value = serde_json::from_str(
            &std::fs::read_to_string(crate_dir().join("../../public/areas.json")).expect("areas"),
        )
        .expect("area list");
        let codes: Vec<Value> = areas["areas"]
            .as_array()
            .map(|a| a.iter().map(|x| x["code"].clone()).take(50).collect())
            .unwrap_or_default();
        let seeded = app
            .client
            .execute_async(
                r#"
                const [codes, done] = [arguments[0], arguments[arguments.length - 1]];
                const prefixes = ['gov', 'eco', 'inf', 'edu', 'hea', 'rol'];
                const sectors = ['governance', 'economy', 'infrastructure', 'education', 'health', 'rule_of_law'];
                const open = indexedDB.open('nahda');
                open.onsuccess = () => {
                    const tx = open.result.transaction('submissions', 'readwrite');
                    const store = tx.objectStore('submissions');
                    for (let i = 0; i < 100000; i++) {
                        const [a, b] = [i % 6, (i + 3) % 6];
                        const answers = { entity_name: 'جهة ' + (i % 300), entity_type: i % 2 ? 'ngo' : 'local_council',
                            authority: 'local_council', population: String(1000 + (i % 5000)), sectors: [sectors[a], sectors[b]],
                            assessment_date: '2026-11-' + String(1 + (i % 28)).padStart(2, '0') };
                        answers[prefixes[a] + '_severity'] = String(1 + (i % 5));
                        answers[prefixes[b] + '_severity'] = String(1 + ((i * 7) % 5));
                        answers[prefixes[a] + '_priority_needs'] = ['need_' + (i % 4)];
                        store.put({ id: 'dash-' + i, form_id: 'six-sector-survey', form_version: 1, status: 'finalised',
                            revision: 1, created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z',
                            entity_name: answers.entity_name, area_code: codes[i % codes.length],
                            sectors: answers.sectors, answers });
                    }
                    tx.oncomplete = () => done(true);
                    tx.onabort = () => done(false);
                };
                "#,
                vec![Value::Array(codes)],
            )
            .await
            .expect("seed");
        assert_eq!(seeded, Value::Bool(true), "100,000 submissions stored");
        let open_dashboard = || async {
            app.client
                .execute_async(
                    r#"
                const done = arguments[arguments.length - 1];
                const t0 = performance.now();
                document.querySelector("a[data-nav='coordinator']").click();
                const check = () => {
                    const summary = document.querySelector('#coord-summary');
                    if (summary && summary.dataset.submissions === '100000' && document.querySelector('#matrix button.cell')) {
                        done(performance.now() - t0);
                    } else {
                        setTimeout(check, 20);
                    }
                };
                check();
                "#,
                    vec![],
                )
                .await
                .expect("open the dashboard")
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        // The dashboard is opened from another page of the coordinator app (Import), as a
        // coordinator does. The submissions were written without their reports, as in a
        // database just upgraded: the first opening makes the reports from the submissions,
        // later ones read them.
        app.open("#/import").await;
        app.wait_for("#import-files").await;
        let first = open_dashboard().await;
        let (mut later, mut reading, mut drawing) = (Vec::new(), Vec::new(), Vec::new());
        let mut freezes = Vec::new();
        for _ in 0..2 {
            app.open("#/import").await;
            app.reload().await;
            app.wait_for("#import-files").await;
            app.eval("(window.__gaps = [], window.__last = performance.now(), window.__tick = setInterval(() => { const now = performance.now(); window.__gaps.push(now - window.__last); window.__last = now; }, 20), true)").await;
            later.push(open_dashboard().await);
            let freeze = app.eval("(clearInterval(window.__tick), Math.max(...window.__gaps))").await;
            freezes.push(freeze.as_f64().unwrap_or(f64::NAN));
            reading.push(measured(&app, "nahda:coordinator-reports").await);
            drawing.push(measured(&app, "nahda:dashboard").await);
        }
        let mut recompute = Vec::new();
        for run in 0..RUNS {
            let (value, expected) = if run % 2 == 0 { ("ngo", "50000") } else { ("", "100000") };
            app.choose("#coord-entity-type", value).await;
            wait_long(
                &app,
                &format!("document.querySelector('#coord-summary').dataset.submissions === '{expected}'"),
            )
            .await;
            recompute.push(measured(&app, "nahda:dashboard").await);
        }
        let figure = |name: &str, samples: Vec<f64>| Figure {
            name: format!("dashboard: {name}"),
            unit: "ms",
            samples,
        };
        *result.lock().expect("lock") = vec![
            figure("first open with 100,000 stored (reports made from them)", vec![first]),
            figure("open with 100,000 stored (read reports, aggregate, draw)", later),
            figure("  of which reading the 100,000 reports", reading),
            figure("  of which the picture of 100,000", drawing),
            figure("  longest the page did not answer", freezes),
            figure("recompute 100,000 on a filter change", recompute),
        ];
    })
    .await;
    let figures = std::mem::take(&mut *out.lock().expect("lock"));
    figures
}

fn crate_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rows of the large XLSForm: 15 groups of 98 questions, with their begin and end rows.
const XLSFORM_ROWS: usize = 15 * 100;

/// A form of 15 sections of 98 questions (text, numbers with a constraint, choices shown on
/// a condition), which the app saves as an XLSForm of 1,500 survey rows.
fn large_form() -> Value {
    let text = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let sections: Vec<Value> = (0..15)
        .map(|s| {
            let questions: Vec<Value> = (0..98)
                .map(|q| {
                    let id = format!("s{s}_q{q}");
                    match q % 3 {
                        0 => json!({"id": id, "kind": "text", "label": text(&id)}),
                        1 => json!({"id": id, "kind": "integer", "label": text(&id),
                                    "constraint": ". >= 0 and . / 1 < 10000",
                                    "constraint_message": text("0 to 9,999")}),
                        _ => json!({"id": id, "kind": "select_one", "label": text(&id), "choices": "abc",
                                    "relevant": format!("${{s{s}_q{}}} != ''", q - 2)}),
                    }
                })
                .collect();
            json!({"id": format!("s{s}"), "title": text(&format!("section {s}")), "questions": questions})
        })
        .collect();
    let choice = |v: &str| json!({"value": v, "label": text(v)});
    json!({
        "format": "nahda.form", "id": "bench-large", "version": 1, "title": text("large"),
        "choice_lists": {"abc": [choice("a"), choice("b"), choice("c")]},
        "sections": sections,
    })
}

/// Saves the large form as an XLSForm workbook from Settings, then loads the workbook back
/// (read, converted and checked in the XLSForm worker, then compared with the form on the
/// device): the time from the click or the pick to the outcome on screen, worker start
/// included.
async fn xlsform_large(rate: f64) -> (Vec<f64>, Vec<f64>) {
    let dir = std::env::temp_dir().join(format!("nahda-bench-xlsform-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let json_file = dir.join("bench-large.json");
    std::fs::write(&json_file, large_form().to_string()).expect("write the form");
    let out = std::sync::Arc::new(std::sync::Mutex::new((Vec::new(), Vec::new())));
    let result = out.clone();
    with_app(move |app| async move {
        app.open("#/settings").await;
        app.english().await;
        let attempts = "Number(document.querySelector('#form-file-result').dataset.attempts)";
        app.pick_file("#form-file", &json_file).await;
        app.wait_until(&format!("{attempts} === 1"), "the form loaded")
            .await;
        throttle(&app, rate).await;
        let (mut save, mut load) = (Vec::new(), Vec::new());
        let mut workbook = None;
        for run in 0..RUNS {
            let start = std::time::Instant::now();
            app.click("#form-list li[data-form='bench-large'] .save-xlsform")
                .await;
            let path = app.downloaded("bench-large.v1").await;
            save.push(start.elapsed().as_secs_f64() * 1000.0);
            let kept = dir.join(format!("bench-large-{run}.xlsx"));
            std::fs::rename(&path, &kept).expect("keep the workbook");
            workbook = Some(kept);
        }
        let workbook = workbook.expect("a workbook saved");
        for run in 0..RUNS {
            let start = std::time::Instant::now();
            app.pick_file("#form-file", &workbook).await;
            app.wait_until(&format!("{attempts} === {}", run + 2), "the workbook read")
                .await;
            load.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let outcome = app.text("#form-file-result").await;
        assert!(outcome.contains("already on this device"), "{outcome}");
        *result.lock().expect("results") = (save, load);
    })
    .await;
    let figures = out.lock().expect("results").clone();
    figures
}

async fn performance_clear(app: &Browser) {
    app.eval("(performance.clearMeasures(), true)").await;
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // `cargo run --bin bench -- bundles` runs only the named groups (survey, photos, list,
    // dashboard, bundles, memory, xlsform).
    let only: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |group: &str| only.is_empty() || only.iter().any(|o| o == group);
    let mut figures = Vec::new();
    for rate in [1.0, 4.0].into_iter().filter(|_| wanted("survey")) {
        let label = if rate == 1.0 {
            "unthrottled"
        } else {
            "CPU ×4 slower"
        };
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            samples.push(time_to_interactive(rate).await);
        }
        figures.push(Figure {
            name: format!("survey interactive, first visit ({label})"),
            unit: "ms",
            samples,
        });
        let (keys, saves, floor) = typing(rate).await;
        figures.push(Figure {
            name: format!("keystroke → page updated: its turn and its frame ({label})"),
            unit: "ms",
            samples: keys.total(),
        });
        figures.push(Figure {
            name: format!("  of which its turn: answer, checks, page updates ({label})"),
            unit: "ms",
            samples: keys.turn,
        });
        figures.push(Figure {
            name: format!("keystroke in an empty page, the browser's floor ({label})"),
            unit: "ms",
            samples: floor.total(),
        });
        figures.push(Figure {
            name: format!("answers written to IndexedDB ({label})"),
            unit: "ms",
            samples: saves,
        });
    }
    for (rate, label) in [(1.0, "unthrottled"), (4.0, "CPU ×4 slower")] {
        for photos in [0, 5].into_iter().filter(|_| wanted("photos")) {
            let (keys, saves, kb) = typing_with_photos(rate, photos).await;
            println!("\na draft with {photos} photos of {kb} KB in all ({label})");
            figures.push(Figure {
                name: format!("keystroke, {photos} photos in the draft ({label})"),
                unit: "ms",
                samples: keys.total(),
            });
            figures.push(Figure {
                name: format!("answers and {photos} photos written to IndexedDB ({label})"),
                unit: "ms",
                samples: saves,
            });
        }
    }
    if wanted("list") {
        figures.push(Figure {
            name: "open My submissions with 10,000 stored (unthrottled)".into(),
            unit: "ms",
            samples: list_ten_thousand().await,
        });
    }
    if wanted("dashboard") {
        figures.extend(dashboard_hundred_thousand().await);
    }
    if wanted("memory") {
        let (size, wasm, heap) = memory_ten_bundles().await;
        println!(
            "\nten bundles of {size:.1} MB (9,000 submissions each) picked at once and imported"
        );
        for (name, mb) in [
            ("import ten 6 MB bundles: WebAssembly memory, peak", wasm),
            (
                "import ten 6 MB bundles: JavaScript heap, largest sampled",
                heap,
            ),
        ] {
            figures.push(Figure {
                name: name.into(),
                unit: "MB",
                samples: vec![mb],
            });
        }
    }
    if wanted("xlsform") {
        for (rate, label) in [(1.0, "unthrottled"), (4.0, "CPU ×4 slower")] {
            let (save, load) = xlsform_large(rate).await;
            figures.push(Figure {
                name: format!("XLSForm of {XLSFORM_ROWS} rows: save from a form ({label})"),
                unit: "ms",
                samples: save,
            });
            figures.push(Figure {
                name: format!("XLSForm of {XLSFORM_ROWS} rows: load, read, check ({label})"),
                unit: "ms",
                samples: load,
            });
        }
    }
    let big = if wanted("bundles") {
        bundle_ten_thousand().await
    } else {
        BigBundle::default()
    };
    if wanted("bundles") {
        println!(
            "\nbundle of 10,000 submissions: {:.1} MB",
            big.bytes / 1024.0 / 1024.0
        );
        let import = median(&big.check) + median(&big.write);
        let floor = median(&big.floor_put) + median(&big.floor_parse);
        println!(
            "import 10,000 (check + write, medians): {import:.0} ms; the platform's floor (put + parse): {floor:.0} ms; ratio {:.1}",
            import / floor
        );
    }
    for (name, samples) in [
        (
            "export 10,000: read, build bundle, digest, serialise",
            big.export,
        ),
        (
            "import 10,000: read, parse, digest, check, merge with stored",
            big.check,
        ),
        ("import 10,000: write in one transaction", big.write),
        (
            "import 10,000: longest the page did not answer",
            big.longest_freeze,
        ),
        (
            "floor: IndexedDB put of 10,000 records of 2 KB, one transaction",
            big.floor_put,
        ),
        (
            "floor: JSON.parse of the 10,000-submission bundle",
            big.floor_parse,
        ),
    ]
    .into_iter()
    .filter(|(_, samples)| !samples.is_empty())
    {
        figures.push(Figure {
            name: name.into(),
            unit: "ms",
            samples,
        });
    }

    println!(
        "\n{:<58} {:>9} {:>9} {:>9} {:>5}",
        "measure", "median", "min", "max", "runs"
    );
    let mut json_rows = Vec::new();
    for figure in &figures {
        let (median, min, max) = figure.stats();
        println!(
            "{:<58} {:>7.1}{} {:>7.1}{} {:>7.1}{} {:>5}",
            figure.name,
            median,
            figure.unit,
            min,
            figure.unit,
            max,
            figure.unit,
            figure.samples.len()
        );
        json_rows.push(json!({
            "measure": figure.name, "unit": figure.unit, "median": median, "min": min, "max": max,
            "runs": figure.samples.len(),
        }));
    }
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench-results");
    std::fs::create_dir_all(&dir).expect("results dir");
    std::fs::write(
        dir.join("browser.json"),
        serde_json::to_string_pretty(&json!({ "browser": json_rows })).expect("json"),
    )
    .expect("write results");
    println!("\nwritten to bench-results/browser.json");
}
