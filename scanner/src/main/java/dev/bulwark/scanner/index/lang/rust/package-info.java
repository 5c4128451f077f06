/** Rust: {@code Cargo.lock} and the cargo-auditable data of binaries. */
package dev.bulwark.scanner.index.lang.rust;
