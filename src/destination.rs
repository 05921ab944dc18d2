//! Where a build may go: the check made before anything is written.
//!
//! A build replaces everything in the folder it builds into, so a wrong `--output` must never
//! reach the swap. This module refuses the site folder or any folder holding it, the site's
//! source folders and its private `.candor/`, a file, and a folder holding files that is not a
//! previous Candor build (recognised by its signature, see [`sign::is_signed_build`]). An empty
//! or missing folder is fine. Paths are compared by real location, so `..` and links cannot
//! disguise a forbidden place.
//!
//! A destination that is a link (a deploy layout such as `public -> /var/www/site`) is
//! followed: the build is published into the link's target, swapped in beside it, and the link
//! itself stays as it is. Nothing is ever deleted through a link: the swap replaces the target
//! folder by renaming, and the previous build is deleted once it is out of the way.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

use crate::local_state;
use crate::sign;
use crate::site_layout::{DEFAULT_OUTPUT_DIR, SOURCE_DIRS, real_location};

/// Checks that `output` may be replaced by a build of the site at `root` and returns the real
/// folder to swap the build into (the target, when `output` is a link).
pub fn resolve(root: &Path, output: &Path) -> anyhow::Result<PathBuf> {
    let real_root = root
        .canonicalize()
        .with_context(|| format!("cannot find the site folder {}", root.display()))?;
    let real_output = real_location(output)
        .with_context(|| format!("cannot resolve the output folder {}", output.display()))?;
    // A link that leads nowhere resolves to itself; it is shown with the target it names.
    let link_target = fs::read_link(output).ok();
    let is_dangling = fs::symlink_metadata(&real_output).is_ok_and(|meta| meta.is_symlink());
    let shown = match &link_target {
        Some(target) if is_dangling => {
            format!("{} (a link to {})", output.display(), target.display())
        }
        Some(_) => format!("{} (a link to {})", output.display(), real_output.display()),
        None => output.display().to_string(),
    };
    let refuse = |reason: String, hint: String| {
        anyhow!(
            "refusing to build into {shown}: {reason}, and a build replaces everything in the folder it builds into\n  hint: {hint}"
        )
    };
    let default_output = root.join(DEFAULT_OUTPUT_DIR);
    let elsewhere = || {
        if output == default_output {
            format!(
                "move {} out of the way, or name with --output an empty folder that is not part of the site's sources",
                output.display()
            )
        } else {
            format!(
                "leave out --output to build into {}, or name an empty folder that is not part of the site's sources",
                default_output.display()
            )
        }
    };

    if real_root == real_output {
        return Err(refuse("it is the site folder itself".into(), elsewhere()));
    }
    if real_root.starts_with(&real_output) {
        return Err(refuse("the site is inside it".into(), elsewhere()));
    }
    for name in SOURCE_DIRS {
        let dir = root.join(name);
        let Some(real_dir) = real_location(&dir) else {
            continue;
        };
        if real_output.starts_with(&real_dir) {
            let place = if real_output == real_dir {
                ""
            } else {
                "inside "
            };
            let reason = format!("it is {place}the site's source folder {}", dir.display());
            return Err(refuse(reason, elsewhere()));
        }
    }
    let private = root.join(local_state::DIR);
    if real_location(&private).is_some_and(|real_private| real_output.starts_with(real_private)) {
        let reason = format!(
            "it is inside {}, the site's private folder (keys, survey responses)",
            private.display()
        );
        return Err(refuse(reason, elsewhere()));
    }

    match fs::symlink_metadata(&real_output) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(real_output),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", output.display())),
        Ok(_) if is_dangling => Err(refuse(
            "it is a link to a folder that does not exist".into(),
            format!(
                "create the folder it names first, or remove the link to build into {}",
                output.display()
            ),
        )),
        Ok(meta) if !meta.is_dir() => Err(refuse("it is a file, not a folder".into(), elsewhere())),
        Ok(_) if may_be_replaced(&real_output)? => Ok(real_output),
        Ok(_) => Err(refuse(
            "it already holds files and is not a previous Candor build (it has no SHA256SUMS signed by Candor)"
                .into(),
            "empty it first if none of its files are needed, or name another folder with --output"
                .into(),
        )),
    }
}

/// Whether the folder `dir` may be replaced by a build: it is empty or a previous Candor build.
/// Asked before the build and again right before the swap, since a folder can fill meanwhile.
pub(crate) fn may_be_replaced(dir: &Path) -> anyhow::Result<bool> {
    Ok(is_empty(dir)? || sign::is_signed_build(dir))
}

fn is_empty(dir: &Path) -> anyhow::Result<bool> {
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read the folder {}", dir.display()))?;
    Ok(entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(root: &Path, output: &Path) -> String {
        resolve(root, output).unwrap_err().to_string()
    }

    #[test]
    fn a_missing_or_empty_output_beside_the_sources_is_fine() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().canonicalize().unwrap();
        fs::create_dir(root.join("content")).unwrap();
        assert_eq!(
            resolve(&root, &root.join("public")).unwrap(),
            root.join("public")
        );
        fs::create_dir(root.join("public")).unwrap();
        assert_eq!(
            resolve(&root, &root.join("x/../public")).unwrap(),
            root.join("public")
        );
        // A name that only starts like a source folder's is not inside it.
        assert!(resolve(&root, &root.join("contents")).is_ok());
    }

    #[test]
    fn the_root_its_sources_and_its_private_folder_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(message(&root, &root).contains(": it is the site folder itself, "));
        assert!(message(&root, temp.path()).contains(": the site is inside it, "));
        assert!(
            message(&root, &root.join("content/a/b"))
                .contains(": it is inside the site's source folder ")
        );
        assert!(message(&root, &root.join("templates")).contains(": it is the site's source"));
        assert!(message(&root, &root.join(".candor")).contains("the site's private folder"));
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_a_candor_build_is_not() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        let out = temp.path().join("out");
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(sign::MANIFEST_FILE), "").unwrap();
        assert!(message(&root, &out).contains("is not a previous Candor build"));
        fs::write(
            out.join(sign::SIGNATURE_FILE),
            "untrusted comment: u\nRWQ=\ntrusted comment: candor-release format=1 release=1\nAA==\n",
        )
        .unwrap();
        assert_eq!(resolve(&root, &out).unwrap(), out.canonicalize().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_resolves_to_its_target_unless_the_target_is_missing() {
        let temp = tempfile::tempdir().unwrap();
        let outer = temp.path().canonicalize().unwrap();
        let root = outer.join("site");
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(outer.join("www/site")).unwrap();
        std::os::unix::fs::symlink("../www/site", root.join("public")).unwrap();
        assert_eq!(
            resolve(&root, &root.join("public")).unwrap(),
            outer.join("www/site")
        );
        std::os::unix::fs::symlink("../www/gone", root.join("dangling")).unwrap();
        assert!(
            message(&root, &root.join("dangling"))
                .contains("it is a link to a folder that does not exist")
        );
        std::os::unix::fs::symlink(".", root.join("here")).unwrap();
        assert!(message(&root, &root.join("here")).contains("it is the site folder itself"));
    }
}
