package dev.bulwark.scanner.index.os.rpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * rpm's SQLite backend ({@code rpmdb.sqlite}, rpm 4.16 and later): table {@code Packages(hnum, blob)}. SQLite
 * needs a file, so the body is copied to a private temporary directory, with the write-ahead log beside it when
 * the image has one (rpm leaves recent changes there until a checkpoint), and removed afterwards.
 */
final class SqliteRpmdb {

    private SqliteRpmdb() {}

    static HeaderBlobs read(byte[] database, Optional<byte[]> writeAheadLog) throws IOException {
        Path dir = Files.createTempDirectory("bulwark-rpmdb-");
        Path file = dir.resolve("rpmdb.sqlite");
        Path wal = dir.resolve("rpmdb.sqlite-wal");
        try {
            Files.write(file, database);
            if (writeAheadLog.isPresent()) {
                Files.write(wal, writeAheadLog.get());
            }
            return query(file);
        } finally {
            for (String name : List.of("rpmdb.sqlite-wal", "rpmdb.sqlite-shm", "rpmdb.sqlite-journal",
                    "rpmdb.sqlite")) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static HeaderBlobs query(Path file) throws IOException {
        List<HeaderBlobs.Blob> headers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
            while (rows.next()) {
                byte[] blob = rows.getBytes(2);
                if (blob == null) {
                    problems.add("package %d has no header".formatted(rows.getLong(1)));
                } else {
                    headers.add(new HeaderBlobs.Blob(rows.getLong(1), blob));
                }
            }
        } catch (SQLException e) {
            throw new IOException("not a readable rpm SQLite database: " + firstLine(e.getMessage()), e);
        }
        return new HeaderBlobs(headers, problems);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }
}
