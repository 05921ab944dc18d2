use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let t = Instant::now();
    let (content, _d) = candor::content::load(&root, false);
    eprintln!(
        "content::load {:?} ({} pages)",
        t.elapsed(),
        content.pages.len()
    );
    let t = Instant::now();
    let site = candor::build::Site::load(&root, None, false, false)
        .ok()
        .unwrap();
    eprintln!("Site::load {:?}", t.elapsed());
    let out = std::path::PathBuf::from("/dev/shm/cb/phases-out");
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    struct Null;
    impl candor::output::Sink for Null {
        fn write(&self, _: &str, _: &[u8]) -> anyhow::Result<()> {
            Ok(())
        }
        fn copy(&self, _: &str, _: &std::path::Path) -> anyhow::Result<()> {
            Ok(())
        }
    }
    site.write(&Null).unwrap();
    eprintln!("write (null sink) {:?}", t.elapsed());
    let t = Instant::now();
    site.write(&candor::output::DirSink::new(&out)).unwrap();
    eprintln!("write (dir sink) {:?}", t.elapsed());
    let t = Instant::now();
    std::fs::remove_dir_all(&out).unwrap();
    eprintln!("remove {:?}", t.elapsed());
}
