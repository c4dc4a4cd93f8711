//! `smm-reconcile`: checks with smm's own settings that every account's
//! ledger sums to its balance. Prints the report as JSON; exits 1 when an
//! account differs, 2 when the check could not run.

use smm::wallet::reconcile;
use smm::Settings;
use std::process::ExitCode;

fn main() -> ExitCode {
    let settings: Settings = match platform_service::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("smm-reconcile: {e}");
            return ExitCode::from(2);
        }
    };
    let options = platform_db::DbOptions {
        max_connections: 1,
        ..platform_db::DbOptions::default()
    };
    let report =
        platform_db::Db::connect(&settings.common.database_url, &smm::MIGRATIONS, &options)
            .and_then(|db| {
                let mut conn = db.get()?;
                Ok(reconcile::run(&mut conn)?)
            });
    match report {
        Ok(report) => {
            match serde_json::to_string_pretty(&report) {
                Ok(text) => println!("{text}"),
                Err(e) => eprintln!("smm-reconcile: {e}"),
            }
            if report.differences.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("smm-reconcile: {e}");
            ExitCode::from(2)
        }
    }
}
