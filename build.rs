//! Renders the domain declarations (src/domains) to JSON at build time, so the wasm carries one
//! compact string instead of the declaration tables and the code that serialises them.

extern crate alloc;

#[path = "src/domains/mod.rs"]
#[allow(dead_code)]
mod domains;

fn main() {
    println!("cargo:rerun-if-changed=src/domains");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&out).join("registry.json");
    std::fs::write(&path, domains::registry_json()).expect("OUT_DIR is writable");
}
