//! The end-to-end harness: serves the release build (`dist/`) on 127.0.0.1, opens a fresh
//! headless Chromium profile through chromedriver, and gives each test a [`Browser`] that acts
//! as a person would. Each test gets its own server port and its own empty profile, so tests
//! never share stored data.

mod server;

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub use server::Server;

/// The shipped form pack, version 1.
pub const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

/// The shipped pack as another version with another English title, as JSON.
pub fn pack_with(version: u64, title_en: &str) -> String {
    let mut pack: Value = serde_json::from_str(PACK).expect("pack");
    pack["version"] = version.into();
    pack["title"]["en"] = title_en.into();
    pack.to_string()
}

/// Writes a file for a test to pick, in a folder of this process.
pub fn write_file(name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nahda-e2e-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

/// A picture of `width` × `height` pixels as an uncompressed 24-bit BMP file, which Chromium
/// reads: a camera-sized photo without an image encoder in the tests.
pub fn bitmap(width: u32, height: u32) -> Vec<u8> {
    let row = (width * 3).div_ceil(4) * 4;
    let pixels = row * height;
    let mut file = Vec::with_capacity(54 + pixels as usize);
    file.extend(b"BM");
    for n in [54 + pixels, 0, 54, 40, width, height] {
        file.extend(n.to_le_bytes());
    }
    file.extend(1u16.to_le_bytes());
    file.extend(24u16.to_le_bytes());
    for n in [0, pixels, 2835, 2835, 0, 0] {
        file.extend(n.to_le_bytes());
    }
    for y in 0..height {
        for x in 0..width {
            file.extend([(x % 256) as u8, (y % 256) as u8, 120]);
        }
        file.extend(std::iter::repeat_n(0, (row - width * 3) as usize));
    }
    file
}

/// Sample bundles of `tests/samples/` by file name.
pub fn samples(names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../samples")
                .join(n)
        })
        .collect()
}

/// The pages of the coordinator app (`coordinator.html`); every other page is the field app's.
pub const COORDINATOR_PAGES: [&str; 3] = ["import", "coordinator", "plan"];

/// The address, relative to the site, of the app that has the page of a fragment: the field
/// app's for `#/survey`, `coordinator.html#/import` for a coordinator page.
pub fn app_address(fragment: &str) -> String {
    let slug = fragment.trim_start_matches('#').trim_start_matches('/');
    let slug = slug.split(['/', '?']).next().unwrap_or_default();
    if COORDINATOR_PAGES.contains(&slug) {
        format!("coordinator.html{fragment}")
    } else {
        fragment.to_string()
    }
}

/// The folder of the release build under test.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("NAHDA_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"))
}

/// The chromedriver to talk to: `WEBDRIVER_URL` (scripts/test.sh starts one and sets it), or
/// one the developer started with `chromedriver --port=9515`.
fn webdriver_url() -> String {
    std::env::var("WEBDRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:9515".into())
}

/// A Chromium-specific WebDriver command (`/session/{id}/{path}`), e.g. network conditions or
/// a DevTools protocol call through `goog/cdp/execute`.
#[derive(Debug)]
pub struct ChromiumCommand {
    pub path: &'static str,
    pub body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for ChromiumCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// A browser window on a fresh profile, pointed at the app.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    pub base: String,
    pub profile: PathBuf,
    server_stop: Arc<AtomicBool>,
}

/// Runs a test body against a freshly served app in a fresh profile, and always closes the
/// browser, even when the body panics (the panic is raised again afterwards).
pub async fn with_app<F, Fut>(body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_app_from(dist_dir(), body).await;
}

/// Like [`with_app`], serving the app from another folder (a copy of the build a test changes,
/// as a new deployment would).
pub async fn with_app_from<F, Fut>(dist: PathBuf, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let server = Server::start(dist);
    let profile = tempdir("profile");
    let client = connect(&profile).await;
    let browser = Browser {
        client: client.clone(),
        base: server.url(),
        profile: profile.clone(),
        server_stop: server.stop_handle(),
    };
    let outcome = tokio::spawn(body(browser)).await;
    let _ = client.close().await;
    drop(server);
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_dir_all(downloads_dir(&profile));
    if let Err(error) = outcome {
        if error.is_panic() {
            std::panic::resume_unwind(error.into_panic());
        }
        panic!("test task failed: {error}");
    }
}

/// A copy of the release build in a temporary folder, which the test may change and must remove.
pub fn copy_of_dist() -> PathBuf {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("create folder");
        for entry in std::fs::read_dir(from).expect("read folder").flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
    }
    let dir = tempdir("dist");
    copy(&dist_dir(), &dir);
    dir
}

fn tempdir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "nahda-e2e-{what}-{}-{}",
        std::process::id(),
        server::free_port()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Where this profile's browser saves downloads.
fn downloads_dir(profile: &std::path::Path) -> PathBuf {
    profile.with_extension("downloads")
}

async fn connect(profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--disable-quic",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads_dir(profile).display().to_string(),
                "download.prompt_for_download": false,
            },
        }),
    );
    let mut last_error = None;
    for _ in 0..20 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&webdriver_url())
            .await
        {
            Ok(client) => return client,
            Err(error) => {
                last_error = Some(error);
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
    }
    panic!(
        "could not start Chromium through chromedriver at {} (is it running?): {last_error:?}",
        webdriver_url()
    );
}

impl Browser {
    /// Picks a file (or several, their paths on separate lines) in Settings → forms and
    /// returns the outcome's text.
    pub async fn load_form_file(&self, path: &std::path::Path) -> String {
        let before = self
            .eval("document.querySelector('#form-file-result').dataset.attempts")
            .await;
        self.wait_for("#form-file")
            .await
            .send_keys(&path.display().to_string())
            .await
            .expect("pick file");
        self.wait_until(
            &format!("document.querySelector('#form-file-result').dataset.attempts !== {before}"),
            "the file's outcome",
        )
        .await;
        self.text("#form-file-result").await
    }

    /// Starts a new submission from the survey page, agreeing to leave the draft with answers.
    pub async fn new_submission_leaving_draft(&self) {
        self.click("#new-submission").await;
        self.client
            .accept_alert()
            .await
            .expect("confirm leaving a draft with answers");
    }

    /// Loads the shipped pack as version 2 with more questions after the entity's name, from
    /// Settings in English, and opens a survey of it.
    pub async fn load_pack_asking(&self, questions: &[Value]) {
        self.open("#/settings").await;
        self.english().await;
        self.wait_for("#form-list li[data-version='1']").await;
        let mut pack: Value =
            serde_json::from_str(&pack_with(2, "Survey, second edition")).expect("pack");
        let asked = pack["sections"][0]["questions"]
            .as_array_mut()
            .expect("the first section's questions");
        for (place, question) in questions.iter().enumerate() {
            asked.insert(1 + place, question.clone());
        }
        // A file of its own: tests running side by side in one process share the folder.
        static PACKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let name = format!(
            "asking-{}.json",
            PACKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let added = self
            .load_form_file(&write_file(&name, pack.to_string()))
            .await;
        assert!(added.contains("Form loaded"), "{added}");
        self.click("a[data-nav='survey']").await;
    }

    /// Kills this browser's processes outright, as a phone does to a background tab (no
    /// `pagehide`, no unload), then starts the browser again on the same profile. The test
    /// must [`Browser::close`] the new one.
    pub async fn crash_and_restart(&self) -> Browser {
        let profile = self.profile.display().to_string();
        let _ = std::process::Command::new("pkill")
            .args(["-9", "-f", &format!("user-data-dir={profile}")])
            .status();
        tokio::time::sleep(Duration::from_millis(500)).await;
        Browser {
            client: connect(&self.profile).await,
            base: self.base.clone(),
            profile: self.profile.clone(),
            server_stop: self.server_stop.clone(),
        }
    }

    /// A second person with their own empty browser profile, using the same served app (a
    /// coordinator's laptop beside a council's phone). The test must [`Browser::discard`] it.
    pub async fn another_person(&self) -> Browser {
        let profile = tempdir("profile");
        Browser {
            client: connect(&profile).await,
            base: self.base.clone(),
            profile,
            server_stop: self.server_stop.clone(),
        }
    }

    /// Ends a browser made by [`Browser::another_person`] and deletes its profile.
    pub async fn discard(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
        let _ = std::fs::remove_dir_all(downloads_dir(&self.profile));
    }

    /// Waits (up to 20 s) for a finished download whose name starts with `prefix`. Chromium
    /// reserves the name with an empty file while it writes to a `.crdownload` one, so a
    /// download is finished when no `.crdownload` is left and the file is not empty.
    pub async fn downloaded(&self, prefix: &str) -> PathBuf {
        let dir = downloads_dir(&self.profile);
        for _ in 0..200 {
            let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
                let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
                let name = |p: &PathBuf| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default()
                        .to_string()
                };
                if paths.iter().any(|p| name(p).ends_with(".crdownload")) {
                    return None;
                }
                paths.into_iter().find(|p| {
                    name(p).starts_with(prefix) && std::fs::metadata(p).is_ok_and(|m| m.len() > 0)
                })
            });
            if let Some(path) = found {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no download starting with {prefix} in {}", dir.display());
    }

    /// Everything the app stored in IndexedDB, store by store, record by record (all but the
    /// `keys` store, whose `CryptoKey`s have no JSON form), to compare before and after a step
    /// that must change nothing.
    pub async fn stored_data(&self) -> Value {
        self.client
            .execute_async(
                r#"const done = arguments[0];
                const open = indexedDB.open('nahda');
                open.onsuccess = () => {
                    const db = open.result;
                    const names = [...db.objectStoreNames].filter((n) => n !== 'keys');
                    const tx = db.transaction(names);
                    const out = {};
                    for (const name of names) {
                        tx.objectStore(name).getAll().onsuccess = (e) => { out[name] = e.target.result; };
                    }
                    tx.oncomplete = () => { db.close(); done(out); };
                };"#,
                vec![],
            )
            .await
            .expect("read the stored data")
    }

    /// Clears everything the site stored (IndexedDB, local storage, caches), as "clear site
    /// data" in the browser's settings does.
    pub async fn clear_site_data(&self) {
        self.cdp(
            "Storage.clearDataForOrigin",
            json!({"origin": self.base, "storageTypes": "all"}),
        )
        .await;
    }

    /// Picks a file in the file input matching the selector.
    pub async fn pick_file(&self, css: &str, path: &std::path::Path) {
        self.wait_for(css)
            .await
            .send_keys(&path.display().to_string())
            .await
            .expect("pick file");
    }

    /// Picks several files at once in the `multiple` file input matching the selector.
    pub async fn pick_files(&self, css: &str, paths: &[PathBuf]) {
        let joined: Vec<String> = paths
            .iter()
            .map(|p| {
                let path = p
                    .canonicalize()
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                path.display().to_string()
            })
            .collect();
        self.wait_for(css)
            .await
            .send_keys(&joined.join("\n"))
            .await
            .expect("pick files");
    }

    /// Imports bundle files as a coordinator does: the Import page, pick them, wait for the
    /// preview, confirm, wait until it is written.
    pub async fn import_bundles(&self, files: &[PathBuf]) {
        self.click("a[data-nav='import']").await;
        self.wait_for("#import-files").await;
        self.pick_files("#import-files", files).await;
        self.wait_until(
            "document.querySelector('#import-status').dataset.stage === 'preview'",
            "the import preview",
        )
        .await;
        self.click("#import-confirm").await;
        self.wait_until(
            "document.querySelector('#import-status').dataset.stage === 'done'",
            "the import to be written",
        )
        .await;
    }

    /// Opens the survey and waits until the service worker controls the page.
    pub async fn open_controlled(&self) {
        self.open("#/survey").await;
        self.wait_for("#q-entity_name").await;
        self.wait_until(
            "navigator.serviceWorker.controller !== null",
            "the service worker to control the page",
        )
        .await;
    }

    /// Cuts the network: the server stops answering and the browser is switched offline
    /// (`navigator.onLine` turns false), as on a phone with no signal.
    pub async fn go_offline(&self) {
        self.server_stop.store(true, Ordering::SeqCst);
        self.client
            .issue_cmd(ChromiumCommand {
                path: "chromium/network_conditions",
                body: json!({"network_conditions": {
                    "offline": true, "latency": 0, "download_throughput": -1, "upload_throughput": -1,
                }}),
            })
            .await
            .expect("switch the browser offline");
    }

    /// Opens the app at a fragment in a new window of the same browser (same profile, same
    /// stored data: a second tab side by side with the first, both on screen) and switches to
    /// it; gives the window's handle.
    pub async fn new_tab(&self, fragment: &str) -> fantoccini::wd::WindowHandle {
        let tab = self.new_tab_at("areas.json").await;
        self.open(fragment).await;
        tab
    }

    /// Opens a file of the site (not the app) in a new window and switches to it: a page of
    /// the same origin that runs no app code.
    pub async fn new_tab_at(&self, path: &str) -> fantoccini::wd::WindowHandle {
        let tab = self
            .client
            .new_window(false)
            .await
            .expect("a new window")
            .handle;
        self.switch_to(&tab).await;
        self.client
            .goto(&format!("{}/{path}", self.base))
            .await
            .expect("open a file of the site");
        tab
    }

    /// The handle of the tab the browser is driving now.
    pub async fn current_tab(&self) -> fantoccini::wd::WindowHandle {
        self.client.window().await.expect("the current tab")
    }

    /// Switches to a tab, as a person tapping it.
    pub async fn switch_to(&self, tab: &fantoccini::wd::WindowHandle) {
        self.client
            .switch_to_window(tab.clone())
            .await
            .expect("switch tab");
    }

    /// Stops this tab from telling the app's other tabs what it writes, as when the message is
    /// lost (a tab the phone froze or discarded): the others then learn of its writes only
    /// when their own writes are refused.
    pub async fn mute_announcements(&self) {
        self.eval(
            "(() => { BroadcastChannel.prototype.postMessage = function () {}; return true; })()",
        )
        .await;
    }

    /// Ends this browser session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Opens the app that has the page of a fragment such as `#/survey` (the field app) or
    /// `#/import` (the coordinator app, `coordinator.html`), or an address of the site such as
    /// `coordinator.html#/settings`, and waits until the app has mounted.
    pub async fn open(&self, fragment: &str) {
        self.client
            .goto(&format!("{}/{}", self.base, app_address(fragment)))
            .await
            .expect("navigate");
        self.wait_for("header.app-header").await;
    }

    /// Reloads the page and waits until the app has mounted again.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for("header.app-header").await;
    }

    /// Waits (up to 20 s) for an element matching the CSS selector, in whichever page is
    /// loaded by then: a search that a navigation cut short (an app sending the person on to
    /// the other app) is made again in the new page.
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Ok(element) => return element,
                Err(e) if e.to_string().contains("aborted by navigation") && !left.is_zero() => {}
                Err(e) => panic!("no element matches {css}: {e}"),
            }
        }
    }

    /// Waits (up to 10 s) until a JavaScript expression is true; panics with `what` otherwise.
    pub async fn wait_until(&self, js_expression: &str, what: &str) {
        for _ in 0..100 {
            if self.eval(js_expression).await == Value::Bool(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what} ({js_expression})");
    }

    /// Evaluates a JavaScript expression in the page and returns its JSON value.
    pub async fn eval(&self, js_expression: &str) -> Value {
        self.client
            .execute(&format!("return ({js_expression});"), vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {js_expression}: {e}"))
    }

    /// The visible text of the first element matching the selector. An element drawn again
    /// between finding it and reading it (a page that shows it is loading, then its content)
    /// is found again.
    pub async fn text(&self, css: &str) -> String {
        for _ in 0..20 {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text,
                Err(error) if error.is_stale_element_reference() => continue,
                Err(error) => panic!("the text of {css}: {error}"),
            }
        }
        panic!("{css} was drawn again each time its text was read")
    }

    /// The first element matching the selector, scrolled to the middle of the screen.
    async fn centred(&self, css: &str) -> Element {
        let element = self.wait_for(css).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).expect("element")],
            )
            .await
            .expect("scroll");
        element
    }

    /// Clicks the first element matching the selector, once it is scrolled to the middle of
    /// the screen (where a person would have it before tapping).
    pub async fn click(&self, css: &str) {
        self.centred(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Presses the element as a person does: the pointer goes down on it, stays down for
    /// `hold` (a tap or a click takes about a tenth of a second), and comes up where it is.
    pub async fn press(&self, css: &str, hold: Duration) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let element = self.centred(css).await;
        let actions = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Pause { duration: hold })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("press {css}: {e}"));
    }

    /// Calls a Chrome DevTools protocol method, e.g. `Emulation.setCPUThrottlingRate`.
    pub async fn cdp(&self, method: &str, params: Value) -> Value {
        self.client
            .issue_cmd(ChromiumCommand {
                path: "goog/cdp/execute",
                body: json!({"cmd": method, "params": params}),
            })
            .await
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Types into the input matching the selector, key by key, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_for(css)
            .await
            .send_keys(text)
            .await
            .expect("type");
    }

    /// Pastes text into the input matching the selector: the whole text arrives in one input
    /// event, as a paste or a word from the keyboard's suggestions does.
    pub async fn paste_into(&self, css: &str, text: &str) {
        self.wait_for(css).await.click().await.expect("focus");
        self.cdp("Input.insertText", json!({ "text": text })).await;
    }

    /// Clears the input matching the selector and types a new value.
    pub async fn retype(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input.clear().await.expect("clear");
        input.send_keys(text).await.expect("type");
    }

    /// Chooses an option of the `<select>` matching the selector by its value.
    pub async fn choose(&self, css: &str, value: &str) {
        self.wait_for(css)
            .await
            .select_by_value(value)
            .await
            .expect("choose option");
    }

    /// The `value` property of the input matching the selector.
    pub async fn value(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    /// True when an element matching the selector is in the page now.
    pub async fn exists(&self, css: &str) -> bool {
        self.eval(&format!("document.querySelector({css:?}) !== null"))
            .await
            .as_bool()
            .unwrap_or(false)
    }

    /// Switches the app to English and waits for it, and for the choice to be kept in
    /// IndexedDB's settings (a moment later), so that stored data read afterwards holds it.
    pub async fn english(&self) {
        self.click("#lang-switch").await;
        self.wait_until("document.documentElement.lang === 'en'", "English")
            .await;
        for _ in 0..100 {
            let stored = self.stored_data().await;
            let kept = stored["settings"].as_array().is_some_and(|settings| {
                settings.iter().any(|s| {
                    s["key"] == "language"
                        && s["value"].as_str().is_some_and(|v| v.starts_with("en "))
                })
            });
            if kept {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the choice of English was not kept in IndexedDB");
    }

    /// Saves the reporting entity in Settings (the English page).
    pub async fn set_profile(&self, entity: &str) {
        self.click("a[data-nav='settings']").await;
        self.type_into("#profile-entity-name", entity).await;
        self.click("#profile-save").await;
        self.wait_until(
            "document.querySelector('#profile-result').textContent.includes('saved')",
            "the profile",
        )
        .await;
    }

    /// Fills the smallest finalisable survey (an area, a date and the governance sector) with
    /// `value` typed into the question `question` first, and finalises it; gives its id.
    pub async fn fill_and_finalise(&self, question: &str, value: &str) -> String {
        let input = format!("#q-{question}");
        self.click("a[data-nav='survey']").await;
        self.wait_for(&input).await;
        self.type_into(&input, value).await;
        self.click(".section-link[data-section='area']").await;
        self.choose("#q-area", "SY02").await;
        self.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-11-01'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
        self.click("[data-question='sectors'] label[data-value='governance'] input")
            .await;
        self.click(".section-link[data-section='governance']").await;
        self.click("[data-question='gov_severity'] label[data-value='3'] input")
            .await;
        self.wait_saved().await;
        self.click("#finalise").await;
        self.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "finalised",
        )
        .await;
        let id = self
            .eval("document.querySelector('#submission-status').dataset.id")
            .await;
        id.as_str().expect("the submission's id").to_string()
    }

    /// Picks bundle files on the import page and waits for the preview (or the failure).
    pub async fn preview_import(&self, files: &[PathBuf]) {
        self.click("a[data-nav='import']").await;
        self.wait_for("#import-files").await;
        self.pick_files("#import-files", files).await;
        self.wait_until(
            "['preview', 'failed'].includes(document.querySelector('#import-status').dataset.stage)",
            "the preview",
        )
        .await;
    }

    /// Confirms the import previewed and waits until it is written.
    pub async fn confirm_import(&self) {
        self.click("#import-confirm").await;
        self.wait_until(
            "document.querySelector('#import-status').dataset.stage === 'done'",
            "the import to be written",
        )
        .await;
    }

    /// The message the import preview shows for a refused file.
    pub async fn refusal(&self, file: &str) -> String {
        self.text(&format!(
            ".import-file.refused[data-file='{file}'] .file-problem"
        ))
        .await
    }

    /// Waits until every answer on screen is stored in IndexedDB.
    pub async fn wait_saved(&self) {
        self.wait_until(
            "document.querySelector('#save-status')?.dataset.state === 'saved'",
            "the answers to be saved",
        )
        .await;
    }

    /// `<html lang>` and `<html dir>`.
    pub async fn lang_dir(&self) -> (String, String) {
        let v = self
            .eval("[document.documentElement.lang, document.documentElement.dir]")
            .await;
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        )
    }

    /// Prints the page to PDF as Chromium's print dialog does (A4, backgrounds, the print
    /// stylesheet), saves it under `target/screenshots/NAME.pdf` for people to look at, and
    /// gives its number of pages.
    pub async fn print_to_pdf(&self, name: &str) -> usize {
        let printed = self
            .cdp(
                "Page.printToPDF",
                serde_json::json!({"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true}),
            )
            .await;
        let data = printed["data"].as_str().expect("the PDF");
        let pdf = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data)
            .expect("base64");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.pdf")), &pdf).expect("write the PDF");
        let text = String::from_utf8_lossy(&pdf);
        text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
    }

    /// Saves a PNG screenshot of the page under `target/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }
}
