//! Where the chat service keeps its data for one run: a new PostgreSQL
//! database dropped at the end, or a SQLite file in the run's folder.

use diesel::prelude::*;
use std::path::Path;

pub enum Database {
    Postgres {
        admin: String,
        name: String,
        url: String,
    },
    Sqlite {
        url: String,
    },
}

impl Database {
    /// `sqlite` (or a `sqlite:` URL): a file in `dir`; otherwise the
    /// PostgreSQL server of the admin URL `spec`, in a new database.
    pub fn create(spec: &str, dir: &Path) -> Database {
        if spec == "sqlite" || spec.starts_with("sqlite:") {
            let url = format!("sqlite://{}", dir.join("chat.db").display());
            return Database::Sqlite { url };
        }
        let name = format!("chat_bench_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::establish(spec).expect("PostgreSQL answers");
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut conn)
            .expect("a new database");
        let base = spec.rsplit_once('/').map_or(spec, |(b, _)| b);
        Database::Postgres {
            admin: spec.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Database::Postgres { url, .. } | Database::Sqlite { url } => url,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Database::Postgres { name, .. } => {
                format!("PostgreSQL database {name} (dropped at the end)")
            }
            Database::Sqlite { url } => format!("SQLite {url}"),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Database::Postgres { admin, name, .. } = self {
            if let Ok(mut conn) = PgConnection::establish(admin) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn);
            }
        }
    }
}
