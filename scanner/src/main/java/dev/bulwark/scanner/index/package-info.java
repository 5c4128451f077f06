/**
 * The indexer side of the scanner: what is in an image. Analyzers (one per file format, in the leaves below)
 * declare the paths they want and turn those files into an {@link dev.bulwark.scanner.index.Inventory}; the only
 * list of them is {@link dev.bulwark.scanner.Analyzers}. Knows nothing of layers or vulnerabilities.
 */
package dev.bulwark.scanner.index;
