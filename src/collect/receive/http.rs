//! The HTTP face of `receive`: one path that takes response files, one that counts them, and
//! the browser's cross-origin rules.
//!
//! Every answer a form can get is decided here, from the request alone: 201 stored, 200 an
//! identical duplicate, 409 a conflict, 400 with the reason code `ingest` would give, 413 too
//! large, 415 not JSON, 408 too slow, 403 a page of another site. Handlers never see the
//! peer's address, and nothing here logs or stores a header: the only things kept are what
//! the body holds (a response, or a rejected body in the quarantine).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::{mpsc, oneshot};

use super::writer::{Counts, Job, RECEIVED_SOURCE, Recorded, Request};
use crate::collect::decrypt::Decryption;
use crate::collect::judge::{Accepted, Refusal, judge_document};
use crate::collect::quarantine::{Note, Quarantine};
use crate::collect::read::Limits;
use crate::date::Date;
use crate::serve::http::Hosts;
use crate::survey::Survey;

/// Where forms POST response files.
pub const RESPONSES_PATH: &str = "/responses";

/// Where monitoring reads the counts.
pub const HEALTH_PATH: &str = "/health";

/// How long a client has to send a request's body once its headers have arrived.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Rejected bodies kept in the quarantine per run, and their bytes: a flood of distinct hostile
/// bodies may not fill the disk. Past either limit rejects are still answered, just not kept.
const MAX_KEPT_REJECTS: u64 = 10_000;
const MAX_KEPT_REJECT_BYTES: u64 = 64 * 1024 * 1024;

/// Everything a request handler needs; shared by all connections.
pub(crate) struct Receiver {
    pub surveys: std::collections::HashMap<String, Survey>,
    pub decryption: Decryption,
    pub limits: Limits,
    pub quarantine: Quarantine,
    pub writer: mpsc::Sender<Request>,
    pub counts: Counts,
    /// Origins (`scheme://host[:port]`) whose pages may send responses.
    pub origins: Vec<String>,
    pub kept_rejects: AtomicU64,
    pub kept_reject_bytes: AtomicU64,
    pub warned_quarantine_full: AtomicBool,
}

/// The collector's routes. `hosts` is what it answers to: on loopback only its own address, as
/// the preview does, so that no web page can read `/health` through a host name of its own.
pub(crate) fn router(receiver: Arc<Receiver>, hosts: Hosts) -> Router {
    Router::new()
        .fallback(respond)
        .layer(Extension(Arc::new(hosts)))
        .with_state(receiver)
}

async fn respond(
    State(receiver): State<Arc<Receiver>>,
    Extension(hosts): Extension<Arc<Hosts>>,
    method: Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Some(refusal) = hosts.refuses_request(&uri, &headers) {
        return closing(error(
            StatusCode::MISDIRECTED_REQUEST,
            "host",
            refusal.trim_end(),
        ));
    }
    let origin = headers
        .get(header::ORIGIN)
        .map(|value| value.to_str().unwrap_or("(not text)").to_owned());
    let allowed = origin
        .as_deref()
        .filter(|origin| receiver.origins.iter().any(|allowed| allowed == origin));
    let reply = match (uri.path(), &method) {
        (RESPONSES_PATH, &Method::OPTIONS) => return preflight(allowed, &headers),
        (RESPONSES_PATH, &Method::POST) if origin.is_some() && allowed.is_none() => closing(error(
            StatusCode::FORBIDDEN,
            "origin",
            "this collector does not accept responses from pages of that site",
        )),
        (RESPONSES_PATH, &Method::POST) => receive(&receiver, &headers, body).await,
        (RESPONSES_PATH, _) => with_allow(
            error(
                StatusCode::METHOD_NOT_ALLOWED,
                "method",
                "send response files with POST",
            ),
            "POST, OPTIONS",
        ),
        (HEALTH_PATH, &Method::GET) => health(&receiver),
        (HEALTH_PATH, _) => with_allow(
            error(StatusCode::METHOD_NOT_ALLOWED, "method", "use GET"),
            "GET",
        ),
        _ => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "response files are received at /responses",
        ),
    };
    with_cors(reply, allowed)
}

/// Takes one response file: the same checks as `ingest`, stored by the writer.
async fn receive(receiver: &Receiver, headers: &HeaderMap, body: Body) -> Response {
    if !is_json(headers) {
        return closing(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type",
            "send the response file as Content-Type: application/json",
        ));
    }
    let max_bytes = receiver.limits.max_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_bytes) {
        return closing(too_large(max_bytes));
    }
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, read_body(body, max_bytes)).await {
        Err(_) => {
            return closing(error(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                "the request was not sent in time",
            ));
        }
        Ok(Err(BodyError::TooLarge)) => return closing(too_large(max_bytes)),
        Ok(Err(BodyError::Broken)) => {
            return closing(error(
                StatusCode::BAD_REQUEST,
                "truncated",
                "the request's body was cut short",
            ));
        }
        Ok(Ok(bytes)) => bytes,
    };
    let today = Date::today();
    let judged = judge_document(
        &bytes,
        &receiver.surveys,
        &receiver.decryption,
        &receiver.limits,
        today,
    );
    // A conflicting body is kept in the quarantine as it came: an envelope stays encrypted.
    let job = match judged {
        Ok(Accepted { response, .. }) => Job::Store {
            response,
            body: bytes,
        },
        Err(refusal) => return reject(receiver, *refusal, bytes, today).await,
    };
    match record(receiver, job).await {
        Ok(Recorded::Stored) => reply(StatusCode::CREATED, r#"{"outcome":"stored"}"#),
        Ok(Recorded::Duplicate) => reply(StatusCode::OK, r#"{"outcome":"duplicate"}"#),
        Ok(Recorded::Conflict { message }) => error(StatusCode::CONFLICT, "conflict", &message),
        Ok(Recorded::Booked) | Err(()) => unavailable(),
    }
}

/// Answers 400 with the reason `ingest` would give, after keeping the body in the quarantine
/// (unless this run has already kept as many rejects as it may).
async fn reject(
    receiver: &Receiver,
    refusal: Refusal,
    bytes: bytes::Bytes,
    today: Date,
) -> Response {
    let Refusal {
        problem, survey, ..
    } = refusal;
    let answer = error(StatusCode::BAD_REQUEST, problem.code, &problem.message);
    let count = receiver.kept_rejects.fetch_add(1, Ordering::Relaxed);
    let total = receiver
        .kept_reject_bytes
        .fetch_add(bytes.len() as u64, Ordering::Relaxed);
    if count >= MAX_KEPT_REJECTS || total + bytes.len() as u64 > MAX_KEPT_REJECT_BYTES {
        if !receiver
            .warned_quarantine_full
            .swap(true, Ordering::Relaxed)
        {
            eprintln!(
                "warning: {MAX_KEPT_REJECTS} rejected bodies or {} MiB kept in the quarantine since start; \
                 further rejected bodies are answered 400 but not kept until restart",
                MAX_KEPT_REJECT_BYTES / 1024 / 1024
            );
        }
        return answer;
    }
    let quarantine = receiver.quarantine.clone();
    let kept = tokio::task::spawn_blocking(move || {
        let note = Note {
            outcome: "rejected",
            problem: &problem,
            source: Path::new(RECEIVED_SOURCE),
            seen: today,
        };
        quarantine
            .keep_bytes(&bytes, &note)
            .map(|kept_as| (kept_as, problem.code))
    })
    .await;
    let (kept_as, reason) = match kept {
        Ok(Ok(kept)) => kept,
        Ok(Err(error)) => {
            eprintln!("error: {error:#}");
            return unavailable();
        }
        Err(_) => return unavailable(),
    };
    let job = Job::Book {
        kept_as,
        reason,
        survey,
    };
    match record(receiver, job).await {
        Ok(_) => answer,
        Err(()) => unavailable(),
    }
}

/// Hands a job to the writer and waits until it is committed.
async fn record(receiver: &Receiver, job: Job) -> Result<Recorded, ()> {
    let (reply, answer) = oneshot::channel();
    receiver
        .writer
        .send(Request { job, reply })
        .await
        .map_err(drop)?;
    answer.await.map_err(drop)?
}

enum BodyError {
    TooLarge,
    Broken,
}

/// Reads the whole body, stopping as soon as it exceeds `max_bytes`.
async fn read_body(body: Body, max_bytes: u64) -> Result<bytes::Bytes, BodyError> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| BodyError::Broken)?;
        if (bytes.len() + chunk.len()) as u64 > max_bytes {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes.into())
}

/// `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// Counts only: responses stored per survey, never a response.
fn health(receiver: &Receiver) -> Response {
    let counts = receiver
        .counts
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let body = serde_json::json!({ "status": "ok", "stored": counts });
    reply(StatusCode::OK, &body.to_string())
}

/// A CORS preflight: allowed only for a listed origin asking to POST JSON.
fn preflight(allowed: Option<&str>, headers: &HeaderMap) -> Response {
    let wants_post = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .is_some_and(|method| method == "POST");
    let asked_headers_ok = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|names| {
            names
                .split(',')
                .map(str::trim)
                .all(|name| name.is_empty() || name.eq_ignore_ascii_case("content-type"))
        });
    match allowed {
        Some(origin) if wants_post && asked_headers_ok => {
            let mut response = with_cors(StatusCode::NO_CONTENT.into_response(), Some(origin));
            let headers = response.headers_mut();
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST"),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type"),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            response
        }
        _ => error(
            StatusCode::FORBIDDEN,
            "origin",
            "this collector accepts responses only from the site's own pages",
        ),
    }
}

/// Lets the page of an allowed origin read the answer; nothing for any other page.
fn with_cors(mut response: Response, allowed: Option<&str>) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("origin"));
    if let Some(value) = allowed.and_then(|origin| HeaderValue::from_str(origin).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}

/// Ends the connection after this answer: it was given without reading the request's body,
/// so the connection cannot carry another request, and the client must know not to reuse it.
fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

fn with_allow(mut response: Response, methods: &'static str) -> Response {
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(methods));
    response
}

fn too_large(max_bytes: u64) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        &format!("response files are at most {max_bytes} bytes"),
    )
}

fn unavailable() -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "the response could not be stored right now; send it again later",
    )
}

/// `{"reason": code, "message": text}`: the code is the one `ingest` reports.
fn error(status: StatusCode, reason: &str, message: &str) -> Response {
    let body = serde_json::json!({ "reason": reason, "message": message });
    reply(status, &body.to_string())
}

fn reply(status: StatusCode, json: &str) -> Response {
    let mut response = (status, json.to_owned()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
