/** Image compliance: checks of an image's config, history and files, with NeuVector's ids where it has the check. */
package dev.bulwark.scanner.compliance;
