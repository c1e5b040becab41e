use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let t = Instant::now();
    let l = annals::load::load_bytes(src.as_bytes(), "x", annals::load::Format::Ron).unwrap();
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let _ = annals::query::SearchIndex::new(&l.timeline);
    println!("index {:?}", t.elapsed());
}
