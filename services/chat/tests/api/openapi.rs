//! `proto-docs/chat.yaml` is what the code says the API is.

#[test]
fn the_committed_document_is_the_generated_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto-docs/chat.yaml");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == chat::openapi::document(),
        "proto-docs/chat.yaml differs from the code: run `cargo run -p stack --bin openapi` and commit it"
    );
}
