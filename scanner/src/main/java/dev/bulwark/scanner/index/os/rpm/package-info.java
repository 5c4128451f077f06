/**
 * rpm packages, read in Java from the header blobs that rpm stores, for each of its database backends: SQLite
 * ({@code rpmdb.sqlite}), NDB ({@code Packages.db}) and Berkeley DB hash ({@code Packages}). No rpm library or
 * binary is involved.
 */
package dev.bulwark.scanner.index.os.rpm;
