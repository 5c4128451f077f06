package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A {@link BlobStore} over a directory; names that would leave the directory are refused. */
record DirectoryBlobStore(Path root) implements BlobStore {

    @Override
    public boolean exists(String name) {
        return resolve(name).map(Files::isRegularFile).orElse(false);
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path file = resolve(name).orElseThrow(() -> new InvalidInputException(
                "%s: '%s' points outside the layout".formatted(root, name)));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("%s: %s is missing".formatted(root, name));
        }
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    private java.util.Optional<Path> resolve(String name) {
        Path file = root.resolve(BlobStore.clean(name)).normalize();
        return file.startsWith(root.normalize()) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    @Override
    public String where() {
        return root.toString();
    }

    @Override
    public void close() {
        // files are opened per read
    }
}
