//! Two pieces of work on two cores: the one fork-join the loader, the sort, the scan and
//! the cache's checks share (the machines annals runs on have few cores; more threads than
//! two do not pay for themselves). And many small pieces on every core, taken in order by
//! this thread as they are done, so that a big result is built without a second copy.

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

/// Make `count` pieces with `make` on up to `workers` threads and hand each to `take` on
/// this thread, in order (0, 1, 2…), as soon as it and those before it are done. A worker
/// does not start a piece more than two per worker ahead of the one `take` waits for, so
/// few pieces are ever held. A panic in a worker is resumed here.
pub fn in_order<T: Send>(
    count: usize,
    workers: usize,
    make: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::sync::{Condvar, Mutex};
    let workers = workers.clamp(1, count.max(1));
    let ahead = 2 * workers;
    let next = AtomicUsize::new(0);
    // The piece `take` waits for, and whether a worker panicked; workers wait on `moved`
    // while they are too far ahead.
    let state = Mutex::new((0usize, false));
    let moved = Condvar::new();
    let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (tx, next, make, moved, lock) = (tx.clone(), &next, &make, &moved, &lock);
                s.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, Relaxed);
                        let mut st = lock();
                        while k < count && !st.1 && k >= st.0 + ahead {
                            st = moved.wait(st).unwrap_or_else(|p| p.into_inner());
                        }
                        if k >= count || st.1 {
                            return;
                        }
                        drop(st);
                        let piece =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(k)));
                        match piece {
                            Ok(piece) => {
                                if tx.send((k, piece)).is_err() {
                                    return;
                                }
                            }
                            Err(p) => {
                                // Wake the waiting workers so that they stop too.
                                lock().1 = true;
                                moved.notify_all();
                                std::panic::resume_unwind(p);
                            }
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        // Should `take` panic, the workers waiting for it are woken and stop (the panic
        // then comes back from here once they are joined).
        let _stop = Stop {
            state: &state,
            moved: &moved,
        };
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        for (k, piece) in rx {
            waiting.insert(k, piece);
            while let Some(piece) = waiting.remove(&want) {
                take(piece);
                want += 1;
                lock().0 = want;
                moved.notify_all();
            }
        }
        for h in handles {
            if let Err(p) = h.join() {
                std::panic::resume_unwind(p);
            }
        }
    });
}

/// Tells the workers of [`in_order`] to stop when dropped (the main side's end, or panic).
struct Stop<'a> {
    state: &'a std::sync::Mutex<(usize, bool)>,
    moved: &'a std::sync::Condvar,
}

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).1 = true;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_run_and_come_back_in_order() {
        let (a, b) = super::join(|| (0..1000u64).sum::<u64>(), || "here");
        assert_eq!((a, b), (499_500, "here"));
    }

    #[test]
    fn pieces_come_in_order_whoever_finishes_first() {
        for workers in [1, 2, 5] {
            let mut got = Vec::new();
            super::in_order(
                40,
                workers,
                |k| {
                    // Early pieces take longest, so later ones finish first.
                    std::thread::sleep(std::time::Duration::from_micros(((40 - k) * 50) as u64));
                    k * 3
                },
                |v| got.push(v),
            );
            assert_eq!(got, (0..40).map(|k| k * 3).collect::<Vec<_>>(), "{workers}");
        }
        let mut none = 0;
        super::in_order(0, 2, |k| k, |_| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn a_worker_that_panics_stops_the_others_and_the_panic_comes_back() {
        let r = std::panic::catch_unwind(|| {
            super::in_order(1000, 2, |k| assert!(k != 3, "piece three"), |()| {});
        });
        assert!(r.is_err());
    }

    #[test]
    fn a_take_that_panics_stops_the_workers_and_the_panic_comes_back() {
        let r = std::panic::catch_unwind(|| {
            super::in_order(1000, 2, |k| k, |k| assert!(k != 3, "taking three"));
        });
        assert!(r.is_err());
    }

    #[test]
    fn workers_stay_close_to_the_piece_taken() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let taken = AtomicUsize::new(0);
        let worst = AtomicUsize::new(0);
        super::in_order(
            200,
            3,
            |k| {
                worst.fetch_max(k.saturating_sub(taken.load(SeqCst)), SeqCst);
                k
            },
            |_| {
                std::thread::sleep(std::time::Duration::from_micros(200));
                taken.fetch_add(1, SeqCst);
            },
        );
        assert!(worst.load(SeqCst) < 2 * 3, "{}", worst.load(SeqCst));
    }
}
