package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A scan of files collected from a running container or host: which files (the id the controller gave them) and
 * what they are of, for the report.
 */
public record FilesScanRequest(String files, String reference) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    public FilesScanRequest {
        if (files == null || !ID.matcher(files).matches()) {
            throw new InvalidInputException("files: the id of the files to scan, 32 hexadecimal digits");
        }
        reference = reference == null ? "" : reference.length() > 512 ? reference.substring(0, 512) : reference;
    }
}
