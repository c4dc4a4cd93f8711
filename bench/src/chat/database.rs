//! Where the chat service keeps its data for one run: a new PostgreSQL
//! database dropped at the end (`crate::common::database`), or a SQLite
//! file in the run's folder.

use crate::common::database::Fresh;
use std::path::Path;

pub enum Database {
    Postgres(Fresh),
    Sqlite { url: String },
}

impl Database {
    /// `sqlite` (or a `sqlite:` URL): a file in `dir`; otherwise the
    /// PostgreSQL server of the admin URL `spec`, in a new database.
    pub fn create(spec: &str, dir: &Path) -> Database {
        if spec == "sqlite" || spec.starts_with("sqlite:") {
            let url = format!("sqlite://{}", dir.join("chat.db").display());
            return Database::Sqlite { url };
        }
        Database::Postgres(Fresh::create(spec, "chat"))
    }

    pub fn url(&self) -> &str {
        match self {
            Database::Postgres(fresh) => &fresh.url,
            Database::Sqlite { url } => url,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Database::Postgres(fresh) => {
                format!("PostgreSQL database {} (dropped at the end)", fresh.name)
            }
            Database::Sqlite { url } => format!("SQLite {url}"),
        }
    }
}
