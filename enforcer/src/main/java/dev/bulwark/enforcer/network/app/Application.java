package dev.bulwark.enforcer.network.app;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An identified application: NeuVector's name for it ({@code applications} in rules and violations) and what was
 * cheap to read on the way, under the keys below (absent when not seen).
 */
public record Application(String name, Map<String, String> details) {

    public static final String HTTP = "HTTP";
    public static final String SSL = "SSL";
    public static final String SSH = "SSH";
    public static final String DNS = "DNS";
    public static final String MYSQL = "MySQL";
    public static final String POSTGRESQL = "PostgreSQL";
    public static final String REDIS = "Redis";
    public static final String MONGODB = "MongoDB";
    public static final String KAFKA = "Kafka";
    public static final String GRPC = "gRPC";

    /** TLS: the server name of the ClientHello's server_name extension. */
    public static final String SNI = "sni";
    /** HTTP: the request method; Redis: the command; Kafka: the API key. */
    public static final String METHOD = "method";
    /** HTTP: the Host header. */
    public static final String HOST = "host";
    /** HTTP: "1.0", "1.1" or "2"; TLS: the record or ClientHello version ("1.2"); MySQL: the server version. */
    public static final String VERSION = "version";
    /** SSH: the identification line, without its end of line. */
    public static final String BANNER = "banner";
    /** DNS: the first question's name. */
    public static final String QUESTION = "question";
    /** PostgreSQL: "startup", "ssl" or "gssenc"; MongoDB: "OP_MSG" or "OP_QUERY". */
    public static final String MESSAGE = "message";

    public Application {
        requireNonNull(name, "name");
        details = Map.copyOf(details);
    }

    static Application of(String name) {
        return new Application(name, Map.of());
    }
}
