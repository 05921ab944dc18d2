//! The preview's connections, held against clients that never finish a request.
//!
//! `axum::serve` keeps a connection open for as long as the client likes: 500 sockets that
//! send half a request and stop stay open forever, and each holds a file descriptor. Here every
//! connection gets a deadline for its request headers (an idle keep-alive connection too), and
//! at most [`Limits::max_connections`] are served at once; the next waits to be accepted until
//! one closes. Once headers are read, a response may take as long as it needs: the live-reload
//! event stream stays open for the life of the tab.
//!
//! Only HTTP/1.1 is spoken: browsers use HTTP/2 only over TLS, which a preview does not have,
//! and HTTP/2's connection preface would be one more read without a deadline.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

/// How much the preview server gives each client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's headers once it connects or after its last
    /// response.
    pub header_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

/// Serves `app` on `listener` within `limits` until `stop` resolves, then lets every open
/// connection finish its response and returns once all have closed.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // `true` asks every connection to finish; each holds a receiver, so the sender sees all
    // of them gone once the last connection has closed.
    let (stopping, stopping_seen) = watch::channel(false);
    let mut stop = std::pin::pin!(stop);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            () = &mut stop => break,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted: wait a
            // little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        let mut stopping = stopping_seen.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            let connection =
                http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app));
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stopping.wait_for(|&stopping| stopping) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        });
    }
    let _ = stopping.send(true);
    drop(stopping_seen);
    stopping.closed().await;
}
