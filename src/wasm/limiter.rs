//! A counting semaphore bounding the requests one connection has in flight.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Shared limiter state.
pub struct Limiter {
    state: RefCell<State>,
}

struct State {
    available: u32,
    waiters: VecDeque<Function>,
}

/// A slot; released when dropped.
pub struct Permit(Rc<Limiter>);

impl Limiter {
    /// A limiter with `slots` concurrent permits.
    pub fn new(slots: u32) -> Rc<Self> {
        Rc::new(Limiter {
            state: RefCell::new(State {
                available: slots,
                waiters: VecDeque::new(),
            }),
        })
    }

    /// Waits for a free slot.
    pub async fn acquire(self: &Rc<Self>) -> Permit {
        let wait = {
            let mut state = self.state.borrow_mut();
            if state.available > 0 {
                state.available -= 1;
                None
            } else {
                let mut resolver = None;
                let promise = Promise::new(&mut |resolve, _| resolver = Some(resolve));
                if let Some(r) = resolver {
                    state.waiters.push_back(r);
                }
                Some(promise)
            }
        };
        if let Some(promise) = wait {
            // The slot is handed over by `release` without incrementing `available`.
            let _ = JsFuture::from(promise).await;
        }
        Permit(self.clone())
    }

    fn release(&self) {
        let next = {
            let mut state = self.state.borrow_mut();
            match state.waiters.pop_front() {
                Some(w) => Some(w),
                None => {
                    state.available += 1;
                    None
                }
            }
        };
        if let Some(resolve) = next {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.release();
    }
}
