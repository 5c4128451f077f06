package dev.bulwark.scanner.source;

/**
 * Where the files to scan come from: a layered {@link Image} or a {@link RootDirectory} on disk. Open one with
 * {@link ImageSources#open}.
 */
public sealed interface ImageSource extends AutoCloseable permits Image, RootDirectory {

    /** The reference as the user gave it, normalised with its kind ({@code oci-dir:/tmp/img:1.0}). */
    String reference();

    @Override
    void close();
}
