/**
 * Views of the vulnerabilities of every asset at once (NeuVector's Security Risks): what runs, the nodes, and the
 * images of registries, as the scans found them and the vulnerability profile leaves them. {@code AssetApi} is the
 * legacy all-at-once view; {@code VulAssetApi} the console's query sessions, starting at {@code AssetCatalog} (what a
 * caller may see) and {@code VulQuery} (what a query takes). Nothing here scans or stores.
 */
package dev.bulwark.controller.assets;
