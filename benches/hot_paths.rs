//! Micro-benchmarks of the work Candor repeats per page and per response file: the costs that
//! multiply by ten thousand in a large build or by a hundred thousand in an ingest. Inputs are
//! the sample site's own content, theme and survey, so the figures track what users run.
//!
//! `cargo bench --bench hot_paths`; the tool-against-tool comparison is `benches/compare.sh`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest as _, Sha256};

use candor::config::SiteConfig;
use candor::content::{self, PageKind};
use candor::date::Date;
use candor::links::collect_ids;
use candor::markdown;
use candor::render::{Theme, page_value};
use candor::survey::{Response, Survey, validate_response};

/// The sample site at the repository root.
fn sample_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The longest page of the sample site (about 5 KB of Markdown).
const PAGE_FILE: &str = "content/standards.md";

fn read(relative: &str) -> String {
    let path = sample_site().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn parse_sample_page() -> content::Page {
    content::parse_page(
        Path::new(PAGE_FILE),
        read(PAGE_FILE),
        "/standards/".to_owned(),
        PageKind::Page,
    )
    .unwrap_or_else(|problems| panic!("{PAGE_FILE}: {problems:?}"))
}

fn front_matter(c: &mut Criterion) {
    let text = read(PAGE_FILE);
    c.bench_function("front matter: split and parse one page", |b| {
        b.iter(|| {
            content::parse_page(
                Path::new(PAGE_FILE),
                black_box(text.clone()),
                "/standards/".to_owned(),
                PageKind::Page,
            )
        })
    });
}

fn markdown_to_html(c: &mut Criterion) {
    let page = parse_sample_page();
    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(page.body().len() as u64));
    group.bench_function("one page to HTML", |b| {
        b.iter(|| markdown::render(black_box(page.body()), &page.source, "/"))
    });
    group.finish();
}

fn template_render(c: &mut Criterion) {
    let root = sample_site();
    let config = SiteConfig::load(&root).unwrap_or_else(|problem| panic!("{problem}"));
    let (site_content, _) = content::load(&root, false, None);
    let theme = Theme::load(&root, &config, &site_content.data, false)
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    let page = parse_sample_page();
    let rendered = markdown::render(page.body(), &page.source, &config.base_path);
    c.bench_function("template: page value and page.html", |b| {
        b.iter(|| {
            let value = page_value(&page, &rendered.html, &rendered.toc, &config, None, None);
            let context = Theme::context(&page.path, "page", value);
            theme.render("page.html", &context, None)
        })
    });
    let html = theme
        .render(
            "page.html",
            &Theme::context(
                &page.path,
                "page",
                page_value(&page, &rendered.html, &rendered.toc, &config, None, None),
            ),
            None,
        )
        .unwrap_or_else(|problem| panic!("{problem}"));
    c.bench_function("links: collect ids of one rendered page", |b| {
        b.iter(|| collect_ids(black_box(&html)))
    });
}

fn hashing(c: &mut Criterion) {
    let mut group = c.benchmark_group("sha256");
    for size in [8 * 1024, 1024 * 1024] {
        let bytes = vec![b'x'; size];
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(format!("{} KiB", size / 1024), |b| {
            b.iter(|| Sha256::digest(black_box(&bytes)))
        });
    }
    group.finish();
}

const RESPONSE: &str = r#"{
  "format": "candor-response/1",
  "survey": "community-2026",
  "version": 1,
  "response_id": "3f0c9a52-8d1e-4b7a-9c64-2e5f1d0b7a13",
  "submitted": "2026-11-10",
  "answers": {
    "stakeholder_group": "civil_society",
    "region": "europe",
    "years": "2_to_5",
    "contacted_staff": "yes",
    "channels": ["email", "meeting"],
    "responsiveness": 4,
    "courtesy": 5,
    "fairness": 4,
    "standards_met": "mostly",
    "overall": 7,
    "escalation_awareness": ["manager", "ombudsman"],
    "raised_concern": "no",
    "improvement": "Reply to emails sooner."
  }
}"#;

fn response_validation(c: &mut Criterion) {
    let root = sample_site();
    let survey = Survey::from_file(&root.join("surveys/community-2026.yaml"), &root)
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    let today: Date = "2026-12-01".parse().unwrap_or_else(|_| unreachable!());
    let parsed = Response::parse(RESPONSE).unwrap_or_else(|problem| panic!("{problem}"));
    assert!(validate_response(&survey, &parsed, today).is_ok());
    c.bench_function("response: parse and validate one file", |b| {
        b.iter(|| {
            let response = Response::parse(black_box(RESPONSE))?;
            validate_response(&survey, &response, today).map_err(|mut problems| problems.remove(0))
        })
    });
}

criterion_group!(
    benches,
    front_matter,
    markdown_to_html,
    template_render,
    hashing,
    response_validation
);
criterion_main!(benches);
