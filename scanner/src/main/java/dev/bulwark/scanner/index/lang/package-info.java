/**
 * Analyzers of language ecosystems: one package per ecosystem, one small {@link
 * dev.bulwark.scanner.index.FileAnalyzer} per file format. Installed packages (a jar, a {@code node_modules}
 * package, a dist-info) are read wherever they are; lock files declare what a project would install.
 */
package dev.bulwark.scanner.index.lang;
