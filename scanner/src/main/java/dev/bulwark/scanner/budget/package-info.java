/**
 * What one scan may spend, since the image is untrusted input: bytes per file and kept in all, entries per layer,
 * temporary disk and wall time ({@link dev.bulwark.scanner.budget.ScanBudget}), and where temporary files go
 * ({@link dev.bulwark.scanner.budget.TemporarySpace}). Readers and analyzers check their part; knows nothing of
 * formats.
 */
package dev.bulwark.scanner.budget;
