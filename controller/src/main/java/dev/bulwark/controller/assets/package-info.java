/**
 * Views of the vulnerabilities of every asset at once (NeuVector's Security Risks): what runs, the nodes, and the
 * images of registries, as the scans found them and the vulnerability profile leaves them.
 */
package dev.bulwark.controller.assets;
