//! What handlers share beyond the database.

use crate::upstream::client::Client;
use crate::upstream::Wake;

pub struct State {
    pub max_runs: i64,
    pub currency: String,
    pub client: Client,
    /// Wakes the forwarding worker.
    pub forwarder: Wake,
}
