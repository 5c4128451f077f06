/**
 * Secret detection in image files and image settings: built-in rules, a keyword prefilter before any regular
 * expression, entropy and placeholder checks for generic rules, allowlists for paths and published example keys,
 * and redaction of everything reported.
 */
package dev.bulwark.scanner.secret;
