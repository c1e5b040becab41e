//! Two pieces of work on two cores: the one fork-join the loader, the sort, the scan and
//! the cache's checks share (the machines annals runs on have few cores; more threads than
//! two do not pay for themselves).

/// Run `a` on a scoped thread and `b` on this one; both results. A panic in `a` is
/// resumed here, as if it had run on this thread.
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let other = s.spawn(a);
        let rb = b();
        let ra = other
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (ra, rb)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_run_and_come_back_in_order() {
        let (a, b) = super::join(|| (0..1000u64).sum::<u64>(), || "here");
        assert_eq!((a, b), (499_500, "here"));
    }
}
