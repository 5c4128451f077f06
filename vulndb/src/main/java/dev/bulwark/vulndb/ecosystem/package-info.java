/**
 * The two tables every distribution and language ecosystem is a row of: {@link Distribution} (family id,
 * namespace rule, purl namespace, vendor ratings, package format, the names release files and feeds give it) and
 * {@link LanguageEcosystem} (package type, OSV name, version ordering, name folding). Nothing else in Bulwark
 * spells a family or ecosystem name; adding a distribution or ecosystem starts with one row here.
 */
package dev.bulwark.vulndb.ecosystem;
