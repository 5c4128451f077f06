/** Rust: {@code Cargo.lock}. */
package dev.bulwark.scanner.index.lang.rust;
