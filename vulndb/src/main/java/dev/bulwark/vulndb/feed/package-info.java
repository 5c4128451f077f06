/**
 * Importers from public vulnerability feeds into the advisory model: OSV (JSON and YAML), Alpine secdb, the Debian
 * security tracker and NVD. Each tolerates bad records: they are skipped and counted, never fatal.
 */
package dev.bulwark.vulndb.feed;
