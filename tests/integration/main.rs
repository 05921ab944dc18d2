//! One integration-test target: every case runs the real binaries on a small fixture site
//! copied into a temporary folder, and checks what a user would check.

mod support;

mod build;
mod check;
mod collect;
mod collect_safety;
mod editor_errors;
mod incremental;
mod output_safety;
mod report_safety;
mod results;
mod serve;
mod sign;
mod source_safety;
mod survey;
mod verify_safety;
