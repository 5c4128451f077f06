/**
 * Where an image comes from: a registry (HTTP API v2), an OCI layout (directory or archive), a docker archive,
 * or a root directory on disk. Each gives the manifest, the config and layer streams; none knows what a layer
 * contains. Start at {@link dev.bulwark.scanner.source.ImageSources#open}.
 */
package dev.bulwark.scanner.source;
