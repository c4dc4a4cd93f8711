//! Embeds every generated API document in `proto-docs/` (the services'
//! OpenAPI documents and the Postman collection) so the gateway serves
//! them at `/docs` with no files beside the binary. A service added to the
//! stack's documents shows up here without an edit.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../proto-docs");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|read| {
            read.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.ends_with(".yaml") || name.ends_with(".postman_collection.json")
                })
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_string();
                    let full = p.canonicalize().ok()?.to_str()?.to_string();
                    println!("cargo:rerun-if-changed={full}");
                    Some((name, full))
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from("/// `(file name, contents)` of every document in `proto-docs/`.\npub static DOCUMENTS: &[(&str, &str)] = &[\n");
    for (name, path) in &entries {
        let _ = writeln!(out, "    ({name:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("documents.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
