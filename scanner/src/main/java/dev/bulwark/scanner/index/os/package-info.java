/**
 * Operating system analyzers: one leaf package per format (release files, dpkg, apk, rpm). Leaves do not depend
 * on each other, so each can be read, tested and replaced alone.
 */
package dev.bulwark.scanner.index.os;
