//! Hashes the sources into GRADLAB_BUILD_ID, which the page and the worker compare when the
//! worker says Ready: two builds whose wire could differ get different ids, and the page and
//! worker of one build (two binaries of one crate) get the same.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

fn hash_dir(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_dir(&path, hasher);
        } else if path.extension().is_some_and(|e| e == "rs") {
            path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&path)
                .hash(hasher);
            std::fs::read(&path).unwrap_or_default().hash(hasher);
        }
    }
}

pub fn write() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // DefaultHasher's algorithm is fixed within one toolchain, which builds both binaries.
    let mut hasher = DefaultHasher::new();
    hash_dir(&root.join("src"), &mut hasher);
    std::fs::read(root.join("Cargo.lock"))
        .unwrap_or_default()
        .hash(&mut hasher);
    println!("cargo:rustc-env=GRADLAB_BUILD_ID={:016x}", hasher.finish());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
