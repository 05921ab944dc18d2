use std::path::{Path, PathBuf};
use std::time::Instant;
fn main() {
    let root = Path::new("/dev/shm/c10k");
    let (live, first) = candor::incremental::LiveSite::build(root, "http://127.0.0.1:1111/", false);
    let mut live = live.unwrap();
    let first = first.unwrap();
    eprintln!("first: load {:?} render {:?}", first.load, first.render);
    drop(first);
    let page = PathBuf::from("content/s02/t2/p4242.md");
    let text = std::fs::read_to_string(root.join(&page)).unwrap();
    for i in 0..8 {
        std::fs::write(root.join(&page), text.replace("Staff **ack", &format!("Staff ({i}) **ack"))).unwrap();
        let t = Instant::now();
        let out = live.apply_changes(&[page.clone()]).unwrap().unwrap();
        let total = t.elapsed();
        eprintln!("update: total {:?} load {:?} render {:?} rendered {}", total, out.load, out.render, out.rendered);
        let t = Instant::now();
        drop(out);
        eprintln!("  drop {:?}", t.elapsed());
    }
    std::fs::write(root.join(&page), text).unwrap();
}
