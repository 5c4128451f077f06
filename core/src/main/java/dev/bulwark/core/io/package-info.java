/**
 * File and text helpers every module needs the same way: {@link dev.bulwark.core.io.AtomicFiles} to replace a file,
 * {@link dev.bulwark.core.io.Printable} to print what an image or a peer says.
 */
package dev.bulwark.core.io;
