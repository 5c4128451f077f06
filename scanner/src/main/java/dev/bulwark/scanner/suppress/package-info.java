/** Findings users declare not applicable: ignore files with expiry dates, and OpenVEX documents. */
package dev.bulwark.scanner.suppress;
