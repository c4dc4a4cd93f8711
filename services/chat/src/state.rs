use crate::live::Live;
use crate::peers::Peers;
use crate::Settings;
use platform_db::Db;

/// What every handler and socket shares.
pub struct State {
    pub db: Db,
    pub peers: Peers,
    pub live: Live,
    pub replay_limit: i64,
    pub socket_queue: usize,
    pub ping: std::time::Duration,
}

impl State {
    pub fn new(db: Db, peers: Peers, live: Live, settings: &Settings) -> State {
        State {
            db,
            peers,
            live,
            replay_limit: settings.replay_limit,
            socket_queue: settings.socket_queue,
            ping: std::time::Duration::from_secs(settings.ping_secs),
        }
    }
}
