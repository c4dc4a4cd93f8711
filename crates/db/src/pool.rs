use crate::connection::{AnyConnection, Backend};
use crate::migrate::{self, Migrations};
use crate::DbError;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection, Pool};
use std::time::{Duration, Instant};

/// A connection handed back to the pool less than this long ago is handed
/// out again without the `SELECT 1` that checks a connection still works
/// (HikariCP's "alive bypass window", at its default): a busy pool then
/// costs no extra round trip per request, and a connection that sat idle,
/// perhaps across a restart of PostgreSQL, is checked before use. One that
/// breaks anyway fails its request once and is then dropped: diesel marks a
/// connection whose socket is gone as broken, and `has_broken` tells r2d2.
const ALIVE_BYPASS: Duration = Duration::from_millis(500);

/// A pooled connection and when it was last handed back.
pub struct Pooled {
    conn: AnyConnection,
    returned: Instant,
}

/// A connection taken from the pool, given back when dropped.
pub struct Conn(r2d2::PooledConnection<Manager>);

impl std::ops::Deref for Conn {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.0.conn
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.0.conn
    }
}

/// Picks the backend from the URL scheme. diesel's own manager for a
/// `MultiConnection` tries each backend in turn, which would open a SQLite
/// file named `postgres://…` whenever PostgreSQL is down.
#[derive(Debug)]
pub struct Manager {
    backend: Backend,
    target: String,
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Pooled, r2d2::Error> {
        let conn = AnyConnection::establish_for(self.backend, &self.target)
            .map_err(r2d2::Error::ConnectionError)?;
        Ok(Pooled {
            conn,
            returned: Instant::now(),
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), r2d2::Error> {
        if pooled.returned.elapsed() < ALIVE_BYPASS {
            return Ok(());
        }
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// Called as the connection goes back to the pool.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.returned = Instant::now();
        std::thread::panicking() || r2d2::R2D2Connection::is_broken(&mut pooled.conn)
    }
}

#[derive(Debug, Clone)]
pub struct DbOptions {
    pub max_connections: u32,
    pub connect_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            max_connections: 10,
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// A service's database: the pool and its backend. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    backend: Backend,
}

impl Db {
    /// Opens the pool and runs pending migrations. A SQLite file's folder is
    /// created when missing.
    pub fn connect(url: &str, migrations: &Migrations, options: &DbOptions) -> Result<Db, DbError> {
        let (backend, target) =
            Backend::from_url(url).ok_or_else(|| DbError::BadUrl(redact(url)))?;
        if backend == Backend::Sqlite {
            if let Some(dir) = std::path::Path::new(&target).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        DbError::Migration(format!("creating {}: {e}", dir.display()))
                    })?;
                }
            }
        }
        let pool = Pool::builder()
            .max_size(options.max_connections)
            .connection_timeout(options.connect_timeout)
            .build(Manager { backend, target })?;
        let db = Db { pool, backend };
        migrate::run(&mut *db.get()?, migrations)?;
        Ok(db)
    }

    /// [`Db::connect`] on the blocking thread pool, for async start-up code:
    /// connecting and migrating must not stall the runtime.
    pub async fn open(
        url: &str,
        migrations: &'static Migrations,
        options: &DbOptions,
    ) -> Result<Db, DbError> {
        let (url, options) = (url.to_string(), options.clone());
        actix_web::web::block(move || Db::connect(&url, migrations, &options))
            .await
            .map_err(|_| DbError::Blocking)?
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` with a pooled connection on the blocking thread pool, so a
    /// slow query never stalls an actix worker.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn.conn)
        })
        .await
        .map_err(|_| E::from(DbError::Blocking))?
    }

    /// For `/readyz`: a connection can be had and answers.
    pub async fn ping(&self) -> Result<(), DbError> {
        self.run(|conn| conn.batch_execute("SELECT 1").map_err(DbError::from))
            .await
    }

    /// Blocking access for start-up code and tests.
    pub fn get(&self) -> Result<Conn, DbError> {
        Ok(Conn(self.pool.get()?))
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
