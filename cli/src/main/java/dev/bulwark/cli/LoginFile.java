package dev.bulwark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the client keeps its login: {@code --login-file}, else {@code $XDG_CONFIG_HOME/bulwark/login.json}. */
final class LoginFile {

    @Option(names = "--login-file", paramLabel = "FILE", description = "The saved login (default: ~/.config/bulwark/login.json).")
    Path file;

    Path path() {
        return file != null ? file : DbLocations.system().clientLogin();
    }

    ControllerClient client() {
        return ControllerClient.saved(path());
    }
}
