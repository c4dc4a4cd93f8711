//! A new PostgreSQL database for one run, dropped at the end.

use diesel::prelude::*;

pub struct Fresh {
    admin: String,
    pub name: String,
    pub url: String,
}

impl Fresh {
    /// `<prefix>_bench_<uuid>` on the server of the admin URL `admin`;
    /// its URL keeps the admin URL's parameters (`?sslmode=disable`).
    pub fn create(admin: &str, prefix: &str) -> Fresh {
        let name = format!("{prefix}_bench_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::establish(admin).expect("PostgreSQL answers");
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut conn)
            .expect("a new database");
        let (path, parameters) = admin
            .split_once('?')
            .map_or((admin, String::new()), |(p, q)| (p, format!("?{q}")));
        let base = path.rsplit_once('/').map_or(path, |(b, _)| b);
        Fresh {
            admin: admin.to_string(),
            url: format!("{base}/{name}{parameters}"),
            name,
        }
    }

    pub fn connect(url: &str) -> PgConnection {
        PgConnection::establish(url).expect("the bench database answers")
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}
