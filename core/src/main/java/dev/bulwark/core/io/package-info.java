/** File helpers every module needs the same way. Start at {@link dev.bulwark.core.io.AtomicFiles}. */
package dev.bulwark.core.io;
