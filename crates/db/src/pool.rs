use crate::connection::{AnyConnection, Backend};
use crate::migrate::{self, Migrations};
use crate::DbError;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection, Pool};
use std::time::Duration;

/// Picks the backend from the URL scheme. diesel's own manager for a
/// `MultiConnection` tries each backend in turn, which would open a SQLite
/// file named `postgres://…` whenever PostgreSQL is down.
#[derive(Debug)]
pub struct Manager {
    backend: Backend,
    target: String,
}

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, r2d2::Error> {
        AnyConnection::establish_for(self.backend, &self.target)
            .map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        std::thread::panicking() || r2d2::R2D2Connection::is_broken(conn)
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
        let mut conn = db.pool.get()?;
        migrate::run(&mut conn, migrations)?;
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
            f(&mut conn)
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
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, DbError> {
        Ok(self.pool.get()?)
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
