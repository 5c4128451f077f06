/** Node.js: installed {@code node_modules} packages, npm, yarn and pnpm lock files. */
package dev.bulwark.scanner.index.lang.node;
