//! Production mounts identity's keys read-only (a Kubernetes Secret volume:
//! `..data` links to a timestamped folder, each key a link into it) and
//! sets `generate_keys = false`: identity signs with the mounted key, hashes
//! codes with the mounted `code-hash.key`, and writes nothing there.

use crate::helpers::spawn_with;
use platform_auth::SigningKey;
use std::path::Path;

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The layout kubelet gives a Secret volume, read-only.
#[cfg(unix)]
fn secret_volume(key: &SigningKey) -> tempfile::TempDir {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let mount = tempfile::tempdir().unwrap();
    let data = mount.path().join("..2025_01_01_00_00_00.000000001");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("ed25519-2025.der"), key.pkcs8()).unwrap();
    std::fs::write(data.join("code-hash.key"), [9u8; 32]).unwrap();
    symlink(data.file_name().unwrap(), mount.path().join("..data")).unwrap();
    for name in ["ed25519-2025.der", "code-hash.key"] {
        symlink(Path::new("..data").join(name), mount.path().join(name)).unwrap();
    }
    for dir in [&data, &mount.path().to_path_buf()] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    mount
}

#[cfg(unix)]
#[tokio::test]
async fn identity_starts_on_read_only_mounted_keys_and_writes_nothing() {
    let key = SigningKey::generate();
    let kid = key.kid().to_string();
    let mount = secret_volume(&key);
    let before = listing(mount.path());
    let dir = mount.path().display().to_string();
    let app = spawn_with(|s| {
        s.keys_dir = dir;
        s.generate_keys = false;
        s.code_hash_key = None;
    })
    .await;

    let (status, jwks) = app.get("/.well-known/jwks.json", None).await;
    assert_eq!(status, 200);
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    assert_eq!(kids, [kid.as_str()]);

    // a code is hashed with the mounted key, and a login by it works
    let (status, _) = app.login("09121230001").await;
    assert_eq!(status, 201);
    let texts = app.texts().await;
    let code = texts[0]["code"].as_str().unwrap();
    let (status, body) = app.verify("09121230001", code).await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(listing(mount.path()), before);
    // writable again, so the folder can be removed when not run as root
    use std::os::unix::fs::PermissionsExt;
    let link = std::fs::read_link(mount.path().join("..data")).unwrap();
    let data = mount.path().join(link);
    for dir in [mount.path(), &data] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_mount_without_the_code_hash_key_stops_start_up_naming_the_key() {
    let key = SigningKey::generate();
    let mount = tempfile::tempdir().unwrap();
    std::fs::write(mount.path().join("ed25519-2025.der"), key.pkcs8()).unwrap();
    let db = platform_testkit::TestDb::new();
    let sms = wiremock::MockServer::start().await;
    let mut settings = crate::helpers::settings(&db, &mount, &sms);
    settings.generate_keys = false;
    let err = identity::Application::build(settings).await.err().unwrap();
    assert!(err.to_string().contains("code_hash_key"), "{err}");
    assert_eq!(listing(mount.path()), ["ed25519-2025.der"]);
}
