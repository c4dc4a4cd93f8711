//! `openapi`: writes every service's OpenAPI document, generated from its
//! code, into `proto-docs/<service>.yaml`. Each service's tests fail while
//! the committed file differs from what its code says.
//!
//! cargo run -p stack --bin openapi

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto-docs");
    for (name, document) in stack::documents() {
        let path = dir.join(format!("{name}.yaml"));
        if let Err(e) = std::fs::write(&path, document) {
            eprintln!("writing {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
