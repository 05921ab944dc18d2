//! One integration-test target: every case runs the real binaries on a small fixture site
//! copied into a temporary folder, and checks what a user would check.

mod support;

mod attack;
mod build;
mod check;
mod collect;
mod incremental;
mod results;
mod serve;
mod sign;
mod survey;
