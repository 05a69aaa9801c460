//! Whether an attempt's whole request reached the connection: the line between a failure that
//! proves the server did not act (nothing, or only part of the request, was written) and one
//! after which the server may have acted (the request went out, the answer was lost).
//!
//! Every connection the agent makes is wrapped in [`Tracked`]. ureq waits for the answer only
//! after it has handed the last byte of the request to the connection, so the first wait for
//! input during an attempt marks the request as written. A request is framed (Content-Length,
//! or nothing after the headers), so a server never acts on a request cut short. ureq runs a
//! call on the calling thread, so the mark is thread-local: each attempt clears it first.

use std::cell::Cell;
use std::fmt;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};
use ureq::Timeout;

thread_local! {
    static WRITTEN: Cell<bool> = const { Cell::new(false) };
}

/// Clears the mark before an attempt.
pub fn start_attempt() {
    WRITTEN.with(|w| w.set(false));
}

/// True once the current attempt's whole request was handed to the connection.
pub fn request_written() -> bool {
    WRITTEN.with(Cell::get)
}

/// Waiting for a `100 Continue` comes before the body; every other wait is for the answer.
fn mark(timeout: &NextTimeout) {
    if timeout.reason != Timeout::Await100 {
        WRITTEN.with(|w| w.set(true));
    }
}

/// The connector that wraps every transport of the chain in [`Tracked`].
#[derive(Debug, Default)]
pub struct TrackWrites;

impl Connector<Box<dyn Transport>> for TrackWrites {
    type Out = Tracked;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Tracked>, ureq::Error> {
        Ok(chained.map(Tracked))
    }
}

/// A transport that marks the request as written when the answer is first waited for.
pub struct Tracked(Box<dyn Transport>);

impl fmt::Debug for Tracked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Tracked").field(&self.0).finish()
    }
}

impl Transport for Tracked {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.0.transmit_output(amount, timeout)
    }

    fn maybe_await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        mark(&timeout);
        self.0.maybe_await_input(timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        mark(&timeout);
        self.0.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}
