//! Policies that may still be loading: `tollgate scan` compiles them on their own thread while
//! the workers walk, plan, read and parse, and a worker waits only when it has a document to
//! evaluate.

use crate::policy::PolicySet;
use std::sync::{Condvar, Mutex, OnceLock};

/// Where the loading thread leaves the policies (`None`: they did not load; its error is the
/// loader's to report).
#[derive(Default)]
pub struct PolicySlot {
    set: OnceLock<Option<PolicySet>>,
    done: Mutex<bool>,
    filled: Condvar,
}

impl PolicySlot {
    /// Hands the loaded policies (or `None`) to every waiting worker. Call once; a later call
    /// changes nothing.
    pub fn fill(&self, policies: Option<PolicySet>) {
        let _ = self.set.set(policies);
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done = true;
        self.filled.notify_all();
    }

    fn wait(&self) -> Option<&PolicySet> {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while !*done {
            done = self.filled.wait(done).unwrap_or_else(|e| e.into_inner());
        }
        self.set.get().and_then(Option::as_ref)
    }
}

/// Fills the slot with `None` when dropped unfilled, so that a loader that panics or returns
/// early never leaves the workers waiting.
pub struct FillOnDrop<'a>(pub &'a PolicySlot);

impl Drop for FillOnDrop<'_> {
    fn drop(&mut self) {
        if self.0.set.get().is_none() {
            self.0.fill(None);
        }
    }
}

/// The policies a scan judges with: loaded, or still loading.
#[derive(Clone, Copy)]
pub enum Policies<'a> {
    Ready(&'a PolicySet),
    Loading(&'a PolicySlot),
}

impl<'a> Policies<'a> {
    /// The policies, once loaded; `None` if they failed to load.
    pub fn wait(self) -> Option<&'a PolicySet> {
        match self {
            Policies::Ready(set) => Some(set),
            Policies::Loading(slot) => slot.wait(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_are_released_by_a_fill_or_by_a_loader_that_gave_up() {
        let slot = PolicySlot::default();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| Policies::Loading(&slot).wait().is_none());
            // A loader that ends without filling (an error, a panic) still releases the waiter.
            drop(FillOnDrop(&slot));
            assert!(waiter.join().unwrap());
        });
        // Filled once: a later fill changes nothing.
        slot.fill(None);
        assert!(Policies::Loading(&slot).wait().is_none());
    }
}
