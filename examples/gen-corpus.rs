//! Writes a synthetic Candor site for benchmarks: `cargo run --release --example gen-corpus --
//! DIR PAGES`. Pages are 1–2 KB of realistic Markdown (headings, lists, a table, links to other
//! pages and to their headings, footnotes, emphasis) in nested sections, with a data file and the
//! sample theme, so that the build exercises every stage. The output depends only on the
//! arguments, so two runs give identical sites.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: usize = 20;
const SUBSECTIONS: usize = 5;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(pages)) = (args.next(), args.next()) else {
        eprintln!("usage: gen-corpus DIR PAGES [THEME_SITE]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let pages: usize = pages.parse().unwrap_or_else(|_| {
        eprintln!("PAGES must be a whole number");
        std::process::exit(2);
    });
    let theme_site = args
        .next()
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    generate(&dir, pages, &theme_site)
}

fn generate(dir: &Path, pages: usize, theme_site: &Path) -> std::io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir.join("content"))?;
    copy_tree(&theme_site.join("themes"), &dir.join("themes"))?;
    fs::create_dir_all(dir.join("data"))?;
    fs::write(
        dir.join("site.yaml"),
        "title: Benchmark Hub\nbase_url: https://bench.example.org/\norganisation: Example Body\n",
    )?;
    fs::write(
        dir.join("data/facts.yaml"),
        "target_days: 14\nregions: [Africa, Asia Pacific, Europe, Latin America, North America]\n",
    )?;
    fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: Benchmark Hub\n---\nA generated site.\n",
    )?;
    for section in 0..SECTIONS {
        let folder = dir.join(format!("content/s{section:02}"));
        fs::create_dir_all(&folder)?;
        fs::write(
            folder.join("_index.md"),
            format!(
                "---\ntitle: Section {section}\nsort_by: date\n---\nPages of section {section}.\n"
            ),
        )?;
        for sub in 0..SUBSECTIONS {
            let sub_folder = folder.join(format!("t{sub}"));
            fs::create_dir_all(&sub_folder)?;
            fs::write(
                sub_folder.join("_index.md"),
                format!("---\ntitle: Topic {section}.{sub}\n---\n"),
            )?;
        }
    }
    for index in 0..pages {
        let (path, _) = page_location(index);
        fs::write(dir.join("content").join(path), page_text(index, pages))?;
    }
    Ok(())
}

/// The file of page `index` and its site path.
fn page_location(index: usize) -> (String, String) {
    let section = index % SECTIONS;
    let sub = (index / SECTIONS) % SUBSECTIONS;
    (
        format!("s{section:02}/t{sub}/p{index}.md"),
        format!("/s{section:02}/t{sub}/p{index}/"),
    )
}

fn page_text(index: usize, total: usize) -> String {
    let next = page_location((index + 1) % total).1;
    let far = page_location((index * 7 + 3) % total).1;
    let day = 1 + index % 28;
    let month = 1 + index % 12;
    let mut text = String::with_capacity(2048);
    let _ = write!(
        text,
        "---\ntitle: Policy note {index}\ndescription: How staff handle request {index}.\ndate: 2025-{month:02}-{day:02}\nweight: {w}\ntags: [policy, note{t}]\n---\n",
        w = index % 10,
        t = index % 5
    );
    let _ = write!(
        text,
        "Staff **acknowledge** every community request within *14 days*, and explain \
         their reasoning when they decline one.[^why] This note is part of the \
         [next note]({next}) series and refers to [the scope]({far}#scope).\n\n\
         ## Scope\n\nIt applies to:\n\n- requests sent through the public form;\n\
         - questions raised in working-group calls;\n- messages to the published contact address.\n\n\
         ## Service levels\n\n| Step | Target | Last period |\n|---|---|---|\n\
         | Acknowledge | 14 days | {a}% |\n| Substantive reply | 30 days | {b}% |\n| Escalation decision | 45 days | {c}% |\n\n\
         ## Raising a concern\n\nTalk to the staff member or their manager first. If that does not \
         resolve it, write to the Complaints Officer; the Ombudsman is the independent last step. \
         Each step is \"confidential\" unless you agree otherwise --- and none of them can be used \
         to retaliate.\n\n1. Describe what happened.\n2. Say what outcome you hope for.\n3. Keep a copy.\n\n\
         [^why]: Reasons are published with the decision.\n",
        a = 80 + index % 20,
        b = 70 + index % 25,
        c = 60 + index % 30
    );
    text
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
