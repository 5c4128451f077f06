/**
 * Test support that runs real containers with runc on this machine, for the enforcer's integration tests. Start at
 * {@link dev.bulwark.enforcer.testing.RuncContainer#builder(java.nio.file.Path)}; tests that use it skip through
 * {@link dev.bulwark.enforcer.testing.RuncContainer#assumeAvailable()} where runc, busybox or root is missing.
 */
package dev.bulwark.enforcer.testing;
