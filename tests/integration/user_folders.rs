//! The per-user folders outside every site (issue 15, libraries): `candor keygen` keeps keys in
//! `$XDG_CONFIG_HOME/candor/keys`, else `~/.config/candor/keys`; `candor verify` remembers
//! accepted releases in `$XDG_STATE_HOME/candor/verify-state.json`, else under
//! `~/.local/state`. Both folders come from one place; these tests pin where they are.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Run, TestSite};

/// `candor ARGS` with `home` as the home folder and the XDG variables as given (unset if `None`).
fn candor_at_home(home: &Path, xdg: (&str, Option<&Path>), args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
    for name in [
        "CANDOR_SECRET_KEY",
        "CANDOR_KEY_PASSWORD",
        "SOURCE_DATE_EPOCH",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
    ] {
        command.env_remove(name);
    }
    if let Some(folder) = xdg.1 {
        command.env(xdg.0, folder);
    }
    command.args(args).env("HOME", home).stdin(Stdio::null());
    Run::of(command)
}

#[test]
fn keygen_keeps_keys_in_the_users_config_folder() {
    let home = tempfile::tempdir().unwrap();
    candor_at_home(
        home.path(),
        ("XDG_CONFIG_HOME", None),
        &["keygen", "--unencrypted"],
    )
    .success();
    assert!(home.path().join(".config/candor/keys/candor.key").is_file());
    assert!(home.path().join(".config/candor/keys/candor.pub").is_file());

    let config = home.path().join("elsewhere");
    candor_at_home(
        home.path(),
        ("XDG_CONFIG_HOME", Some(&config)),
        &["keygen", "--unencrypted"],
    )
    .success();
    assert!(config.join("candor/keys/candor.key").is_file());
}

#[test]
fn verify_remembers_releases_in_the_users_state_folder() {
    let site = TestSite::fixture("basic");
    site.build();
    let public = site.path("public");
    let pubkey = site.path("public/minisign.pub");
    let args = [
        "verify",
        public.to_str().unwrap(),
        "--pubkey",
        pubkey.to_str().unwrap(),
    ];
    let home = tempfile::tempdir().unwrap();
    candor_at_home(home.path(), ("XDG_STATE_HOME", None), &args).success();
    assert!(
        home.path()
            .join(".local/state/candor/verify-state.json")
            .is_file()
    );

    let state = home.path().join("elsewhere");
    candor_at_home(home.path(), ("XDG_STATE_HOME", Some(&state)), &args).success();
    assert!(state.join("candor/verify-state.json").is_file());
}

/// Found in review: `keygen --force` over a key file that was readable by everyone kept that
/// mode, since a file's mode is set only when it is created. The secret key is 0600 whatever
/// was there before.
#[cfg(unix)]
#[test]
fn a_replaced_secret_key_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let home = tempfile::tempdir().unwrap();
    let keys = home.path().join(".config/candor/keys");
    std::fs::create_dir_all(&keys).unwrap();
    let secret = keys.join("candor.key");
    std::fs::write(&secret, "old").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    candor_at_home(
        home.path(),
        ("XDG_CONFIG_HOME", None),
        &["keygen", "--unencrypted", "--force"],
    )
    .success();
    let mode = std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
}
