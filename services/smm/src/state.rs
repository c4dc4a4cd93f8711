//! What handlers share beyond the database.

use crate::payments::zarinpal::Zarinpal;
use crate::people::Directory;
use crate::settings::{FreeCreditSettings, WheelSettings};
use crate::upstream::client::Client;
use crate::upstream::Wake;

pub struct State {
    pub max_runs: i64,
    pub currency: String,
    pub client: Client,
    /// Wakes the forwarding worker.
    pub forwarder: Wake,
    /// identity's names and masked mobiles.
    pub people: Directory,
    pub zarinpal: Zarinpal,
    pub free_credit: FreeCreditSettings,
    pub wheel: WheelSettings,
}
