/**
 * The cluster store: a key-value store with compare-and-swap revisions, transactions, prefix watches, leases and
 * leader election ({@link dev.bulwark.controller.store.ClusterStore}); {@link
 * dev.bulwark.controller.store.EmbeddedStore} keeps it on local disk for one controller.
 */
package dev.bulwark.controller.store;
