//! A loopback HTTP server for the browser and reader-verification tests: serves a built site's
//! `public/` folder under its base path (tower-http's `ServeDir`, which percent-decodes request
//! paths and refuses `..` as a real server does) and plays a collector that accepts
//! (`/collect`) or refuses (`/refuse`) POSTed responses, recording what it was sent.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use tower_http::services::ServeDir;

/// What the collector was sent: the bodies POSTed to `/collect`, in order.
type Collected = Arc<Mutex<Vec<String>>>;

/// A running server; its thread ends with the test process.
pub struct Server {
    pub port: u16,
    /// The bodies POSTed to `/collect`, in order.
    pub collected: Collected,
}

impl Server {
    /// Serves `public` at `http://127.0.0.1:<port><base_path>`.
    pub fn start(public: &Path, base_path: &str) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let port = listener.local_addr().expect("bound address").port();
        let collected = Collected::default();
        let app = router(public, base_path, Arc::clone(&collected));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("a listener");
                let _ = axum::serve(listener, app).await;
            });
        });
        Server { port, collected }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn router(public: &Path, base_path: &str, collected: Collected) -> Router {
    let files = ServeDir::new(public);
    let router = Router::new()
        .route("/collect", post(collect).options(preflight))
        .route("/refuse", post(refuse).options(preflight))
        .with_state(collected);
    match base_path.trim_end_matches('/') {
        "" => router.fallback_service(files),
        base => router.nest_service(base, files),
    }
}

/// Lets a survey page served from another origin post to the collector.
const CORS: [(header::HeaderName, &str); 3] = [
    (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
    (header::ACCESS_CONTROL_ALLOW_METHODS, "POST"),
    (header::ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type"),
];

async fn preflight() -> impl IntoResponse {
    (StatusCode::NO_CONTENT, CORS)
}

async fn collect(State(collected): State<Collected>, body: Bytes) -> impl IntoResponse {
    collected
        .lock()
        .expect("collector lock")
        .push(String::from_utf8_lossy(&body).into_owned());
    (CORS, "stored")
}

async fn refuse() -> impl IntoResponse {
    (StatusCode::INTERNAL_SERVER_ERROR, CORS, "no")
}
