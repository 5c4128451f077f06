/**
 * The database bundle: advisories from every source merged, laid out for memory-mapped lookup by namespace and
 * package, compressed per package, and signed with Ed25519. {@link dev.bulwark.vulndb.bundle.BundleWriter}
 * builds one, {@link dev.bulwark.vulndb.bundle.Bundle} opens and reads one.
 */
package dev.bulwark.vulndb.bundle;
