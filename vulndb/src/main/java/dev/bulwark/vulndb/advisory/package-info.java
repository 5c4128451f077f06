/**
 * The advisory model every feed is imported into: what is vulnerable (namespace, package, version ranges or
 * lists, status) and what is known of it (aliases, texts, references, dates, severities per source).
 */
package dev.bulwark.vulndb.advisory;
