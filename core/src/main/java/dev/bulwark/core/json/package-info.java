/** The shared Jackson configuration: one place decides naming and strictness. Start at {@link dev.bulwark.core.json.Json}. */
package dev.bulwark.core.json;
