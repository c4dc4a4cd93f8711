use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;

/// One connection type for both backends; diesel routes each query to the
/// variant in use. Where SQL must differ, match on the variant in one place.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    /// `postgres://` and `postgresql://` are PostgreSQL; `sqlite://path`,
    /// `sqlite:path` and a bare file path are SQLite. Returns the backend and
    /// the string its driver takes.
    pub fn from_url(url: &str) -> Option<(Backend, String)> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Some((Backend::Postgres, url.to_string()));
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            return (!path.is_empty()).then(|| (Backend::Sqlite, path.to_string()));
        }
        // any other scheme is a typo, not a file name
        if url.is_empty() || url.contains("://") {
            return None;
        }
        Some((Backend::Sqlite, url.to_string()))
    }
}

/// How long a SQLite connection waits for another's lock.
const BUSY_MS: u64 = 10_000;

/// WAL lets readers run beside the one writer; the mode stays with the
/// file. Connections opening a new file together (a pool filling up, or
/// replicas starting on one file) each try to switch it, and SQLite fails
/// all but one switch at once with "database is locked", whatever
/// busy_timeout says: the others try again until the first has switched
/// it, for as long as busy_timeout would have waited.
fn switch_to_wal(conn: &mut diesel::SqliteConnection) -> QueryResult<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(BUSY_MS);
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        match conn.batch_execute("PRAGMA journal_mode = WAL;") {
            Err(diesel::result::Error::DatabaseError(_, info))
                if info.message().contains("database is locked")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(50));
            }
            done => return done,
        }
    }
}

impl AnyConnection {
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgresql(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }

    pub(crate) fn establish_for(backend: Backend, target: &str) -> ConnectionResult<Self> {
        match backend {
            Backend::Postgres => diesel::PgConnection::establish(target).map(Self::Postgresql),
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(target)?;
                let setup = |conn: &mut diesel::SqliteConnection, sql: &str| {
                    conn.batch_execute(sql)
                        .map_err(ConnectionError::CouldntSetupConfiguration)
                };
                setup(&mut conn, &format!("PRAGMA busy_timeout = {BUSY_MS};"))?;
                switch_to_wal(&mut conn).map_err(ConnectionError::CouldntSetupConfiguration)?;
                setup(
                    &mut conn,
                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                )?;
                Ok(Self::Sqlite(conn))
            }
        }
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// `BEGIN` (`BEGIN IMMEDIATE`), so two writers queue on busy_timeout
    /// instead of one failing when its read lock cannot be upgraded.
    pub fn write_transaction<T, E>(
        &mut self,
        f: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        match self {
            AnyConnection::Postgresql(_) => self.transaction(f),
            AnyConnection::Sqlite(_) => self.begun_with("BEGIN IMMEDIATE", f),
        }
    }

    /// A write transaction that holds the advisory lock `key` from its
    /// start, for changes whose correctness needs one writer at a time per
    /// key even where no row exists yet to lock. On PostgreSQL the lock
    /// (`pg_advisory_xact_lock`, released at the end of the transaction) is
    /// taken in the same round trip as `BEGIN`, so every statement of the
    /// transaction sees what the lock's previous holders committed. SQLite's
    /// `BEGIN IMMEDIATE` already lets one writer in at a time.
    pub fn locked_transaction<T, E>(
        &mut self,
        key: i64,
        f: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        match self {
            AnyConnection::Postgresql(_) => {
                // an integer, never input text, is written into the SQL
                let begin = format!("BEGIN; SELECT pg_advisory_xact_lock({key})");
                self.begun_with(&begin, f)
            }
            AnyConnection::Sqlite(_) => self.begun_with("BEGIN IMMEDIATE", f),
        }
    }

    /// Runs `f` in a transaction opened by `begin`, committed when `f`
    /// succeeds and rolled back when it fails.
    fn begun_with<T, E>(
        &mut self,
        begin: &str,
        f: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        match self {
            AnyConnection::Postgresql(inner) => {
                AnsiTransactionManager::begin_transaction_sql(inner, begin)?
            }
            AnyConnection::Sqlite(inner) => {
                AnsiTransactionManager::begin_transaction_sql(inner, begin)?
            }
        }
        let result = f(self);
        let ended = match (self, result.is_ok()) {
            (AnyConnection::Postgresql(inner), true) => {
                AnsiTransactionManager::commit_transaction(inner)
            }
            (AnyConnection::Postgresql(inner), false) => {
                AnsiTransactionManager::rollback_transaction(inner)
            }
            (AnyConnection::Sqlite(inner), true) => {
                AnsiTransactionManager::commit_transaction(inner)
            }
            (AnyConnection::Sqlite(inner), false) => {
                AnsiTransactionManager::rollback_transaction(inner)
            }
        };
        ended?;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    /// How many of 8 connections opened at the same moment fail, over 20
    /// new files.
    fn failures_opening_together(dir: &std::path::Path) -> usize {
        let mut failures = 0;
        for i in 0..20 {
            let path = dir.join(format!("{i}.db"));
            let path = path.to_str().unwrap().to_string();
            let start = Arc::new(Barrier::new(8));
            let opened: Vec<_> = (0..8)
                .map(|_| {
                    let (start, path) = (Arc::clone(&start), path.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        AnyConnection::establish_for(Backend::Sqlite, &path).is_ok()
                    })
                })
                .collect();
            failures += opened
                .into_iter()
                .map(|t| t.join().unwrap())
                .filter(|ok| !ok)
                .count();
        }
        failures
    }

    /// Connections switching a new file to WAL together all succeed.
    /// (Without the retries in `switch_to_wal`, 1 to 4 of these 160 failed
    /// in every run on the machine this was written on.)
    #[test]
    fn connections_opening_a_new_file_together_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(failures_opening_together(dir.path()), 0);
    }

    #[test]
    fn backend_is_chosen_by_scheme() {
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap().0,
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("sqlite://./data/x.db").unwrap(),
            (Backend::Sqlite, "./data/x.db".into())
        );
        assert_eq!(
            Backend::from_url("data/x.db").unwrap(),
            (Backend::Sqlite, "data/x.db".into())
        );
        assert!(Backend::from_url("mysql://h/db").is_none());
        assert!(Backend::from_url("").is_none());
    }
}
