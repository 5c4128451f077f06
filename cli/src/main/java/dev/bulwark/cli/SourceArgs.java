package dev.bulwark.cli;

import dev.bulwark.scanner.source.SourceOptions;
import picocli.CommandLine.Option;

/** How to reach an image: the options {@code scan} and {@code sbom} share. */
final class SourceArgs {

    @Option(names = "--platform", defaultValue = "linux/amd64",
            description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--insecure", description = "Allow plain http to the registry.")
    boolean insecure;

    @Option(names = "--username", description = "Registry user name.")
    String username;

    @Option(names = "--password", description = "Registry password (prefer BULWARK_REGISTRY_PASSWORD).")
    String password;

    SourceOptions options() {
        return new SourceOptions(platform, insecure, username == null ? "" : username,
                password == null ? "" : password, SourceOptions.defaults().dockerConfig());
    }
}
