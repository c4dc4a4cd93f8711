//! `openapi`: writes every service's OpenAPI document, generated from its
//! code, into `proto-docs/<service>.yaml`, and the Postman collection made
//! from them into `proto-docs/platform.postman_collection.json`. Each
//! service's tests (and the stack's, for the collection) fail while a
//! committed file differs from what the code says.
//!
//! cargo run -p stack --bin openapi

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto-docs");
    let documents = stack::documents();
    let collection = match stack::postman::collection(&documents) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("the Postman collection: {e}");
            return ExitCode::FAILURE;
        }
    };
    let postman = dir.join("platform.postman_collection.json");
    if let Err(e) = std::fs::write(&postman, collection) {
        eprintln!("writing {}: {e}", postman.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", postman.display());
    for (name, document) in documents {
        let path = dir.join(format!("{name}.yaml"));
        if let Err(e) = std::fs::write(&path, document) {
            eprintln!("writing {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
