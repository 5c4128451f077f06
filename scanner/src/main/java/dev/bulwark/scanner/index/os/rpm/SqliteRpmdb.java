package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.scanner.budget.TemporarySpace;
import dev.bulwark.scanner.index.CappedWarnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * rpm's SQLite backend ({@code rpmdb.sqlite}, rpm 4.16 and later): table {@code Packages(hnum, blob)}. SQLite
 * needs a file, so the body is copied to a private temporary directory, with the write-ahead log beside it when
 * the image has one (rpm leaves recent changes there until a checkpoint), and removed afterwards.
 *
 * <p>The file is the image author's, and a SQLite schema is code: a {@code Packages} that is a view runs whatever
 * query it names, a generated column computes on every read. So the database is opened read-only with the schema
 * untrusted, and it is read only when {@code Packages} is a plain table without generated columns and the schema
 * holds no view or trigger; its rows are read at most as many as {@link HeaderBlobs} allows.
 */
final class SqliteRpmdb {

    private static final List<String> FILES = List.of("rpmdb.sqlite-wal", "rpmdb.sqlite-shm",
            "rpmdb.sqlite-journal", "rpmdb.sqlite");

    private SqliteRpmdb() {}

    static HeaderBlobs read(byte[] database, Optional<byte[]> writeAheadLog, TemporarySpace temporary,
            CappedWarnings problems) throws IOException {
        Path dir = temporary.newDirectory("bulwark-rpmdb-");
        Path file = dir.resolve("rpmdb.sqlite");
        try {
            Files.write(file, database);
            if (writeAheadLog.isPresent()) {
                Files.write(dir.resolve("rpmdb.sqlite-wal"), writeAheadLog.get());
            }
            return query(file, database.length + writeAheadLog.map(w -> w.length).orElse(0), problems);
        } finally {
            for (String name : FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static HeaderBlobs query(Path file, long size, CappedWarnings problems) throws IOException {
        HeaderBlobs headers = new HeaderBlobs(size);
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setReadOnly(true);
        try (Connection db = config.createConnection("jdbc:sqlite:" + file)) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA trusted_schema = OFF");
            }
            checkSchema(db);
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT hnum, blob FROM main.Packages ORDER BY hnum")) {
                while (rows.next()) {
                    byte[] blob = rows.getBytes(2);
                    if (blob == null) {
                        problems.add("package %d has no header".formatted(rows.getLong(1)));
                    } else if (!headers.room(blob.length)) {
                        break;
                    } else {
                        headers.add(rows.getLong(1), blob);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("not a readable rpm SQLite database: " + firstLine(e.getMessage()), e);
        }
        return headers;
    }

    /** Reads the schema table itself, which runs nothing of the author's. */
    private static void checkSchema(Connection db) throws SQLException, IOException {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT type, name FROM main.sqlite_schema"
                        + " WHERE type IN ('view', 'trigger') OR name = 'Packages' COLLATE NOCASE")) {
            boolean table = false;
            while (rows.next()) {
                String type = rows.getString(1);
                if (!type.equals("table")) {
                    throw new IOException("the database holds a %s (%s); rpm's never does, so it is not read"
                            .formatted(type, rows.getString(2)));
                }
                table = true;
            }
            if (!table) {
                throw new IOException("no Packages table");
            }
        }
        try (PreparedStatement columns = db.prepareStatement("SELECT name FROM pragma_table_xinfo('Packages')"
                + " WHERE hidden <> 0")) {
            try (ResultSet generated = columns.executeQuery()) {
                if (generated.next()) {
                    throw new IOException("Packages has a generated column (%s); rpm's never does, so it is not read"
                            .formatted(generated.getString(1)));
                }
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }
}
