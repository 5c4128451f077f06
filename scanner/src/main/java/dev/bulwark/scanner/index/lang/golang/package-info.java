/** Go: the build information the Go linker embeds in binaries (modules, replacements, toolchain version). */
package dev.bulwark.scanner.index.lang.golang;
