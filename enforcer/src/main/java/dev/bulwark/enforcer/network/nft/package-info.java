/**
 * Network enforcement with nftables: {@link dev.bulwark.enforcer.network.nft.TableCompiler} turns the network policy
 * of the containers of one network namespace into a script for {@code table inet bulwark}, and
 * {@link dev.bulwark.enforcer.network.nft.NftApplier} installs it in that namespace in one transaction, adopts a
 * table already installed by an earlier enforcer, fills the sets of DNS names at run time and removes the table
 * when the namespace's containers are gone. Nothing from a policy reaches a script without being parsed into a
 * value this package renders itself.
 */
package dev.bulwark.enforcer.network.nft;
