//! A tiny static file server for the release build, on a free port of 127.0.0.1. It runs on its
//! own threads so it outlives any one async runtime, and stops when dropped (so a test can cut
//! the network by stopping it).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running static server.
pub struct Server {
    port: u16,
    stopped: Arc<AtomicBool>,
}

impl Server {
    /// Serves `root` until dropped or [`Server::stop`]ped.
    pub fn start(root: PathBuf) -> Server {
        assert!(
            root.join("index.html").is_file(),
            "no release build at {} (run trunk build --release first)",
            root.display()
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let stopped = Arc::new(AtomicBool::new(false));
        let flag = stopped.clone();
        std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let root = root.clone();
                        let flag = flag.clone();
                        std::thread::spawn(move || serve(stream, &root, &flag));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Server { port, stopped }
    }

    /// The server's address, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A handle that stops this server from elsewhere.
    pub fn stop_handle(&self) -> Arc<AtomicBool> {
        self.stopped.clone()
    }

    /// Stops answering: the network is gone as far as the page can tell.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(stream: TcpStream, root: &Path, stopped: &AtomicBool) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 || stopped.load(Ordering::SeqCst) {
            return;
        }
        let mut header = String::new();
        while reader.read_line(&mut header).unwrap_or(0) > 2 {
            header.clear();
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/");
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let relative = path.trim_start_matches('/');
        let relative = if relative.is_empty() {
            "index.html"
        } else {
            relative
        };
        let file = root.join(relative);
        let inside = !relative.split('/').any(|part| part == "..");
        let response = match (inside, std::fs::read(&file)) {
            (true, Ok(body)) => (200, content_type(&file), body),
            _ => (404, "text/plain", b"not found".to_vec()),
        };
        let head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\r\n",
            response.0,
            if response.0 == 200 { "OK" } else { "Not Found" },
            response.1,
            response.2.len()
        );
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&response.2).is_err() {
            return;
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
