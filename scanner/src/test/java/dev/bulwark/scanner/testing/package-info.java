/**
 * Test support that builds real container images with real tools (mmdebstrap, umoci, skopeo) and caches them
 * under {@code ~/.cache/bulwark/fixtures}, so integration tests across the scanner read the same bytes an image
 * build would produce. It is not a place for test data of a single analyzer (that sits beside its test). Start at
 * {@link dev.bulwark.scanner.testing.DebianImageFixture#get()}; {@link dev.bulwark.scanner.testing.Command} runs
 * the external programs.
 */
package dev.bulwark.scanner.testing;
