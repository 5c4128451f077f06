package dev.bulwark.controller.api;

/** NeuVector's error codes ({@code controller/api/apis.go}) with their standard texts; the values never change. */
public enum ApiError {
    NOT_FOUND(1, "URL not found"),
    METHOD_NOT_ALLOWED(2, "Method not allowed"),
    UNAUTHORIZED(3, "Authentication failed"),
    OP_NOT_ALLOWED(4, "Operation not allowed"),
    TOO_MANY_LOGIN_USERS(5, "Too many login users"),
    INVALID_REQUEST(6, "Request in wrong format"),
    OBJECT_NOT_FOUND(7, "Object not found"),
    FAIL_WRITE_CLUSTER(8, "Write to cluster failed"),
    FAIL_READ_CLUSTER(9, "Read from cluster failed"),
    DUPLICATE_NAME(13, "Duplicate name"),
    WEAK_PASSWORD(14, "Password is weak"),
    INVALID_NAME(15, "Name in wrong format"),
    OBJECT_IN_USE(16, "Object in use"),
    FAIL_EXPORT(17, "Failed to export"),
    FAIL_IMPORT(18, "Failed to import"),
    AGENT_ERROR(21, "Enforcer error"),
    WORKLOAD_NOT_RUNNING(22, "Container not running"),
    CLUSTER_RPC_ERROR(24, "Cluster RPC error"),
    OBJECT_ACCESS_DENIED(25, "Object access denied"),
    FAIL_REPO_SCAN(26, "Failed to scan repository"),
    READ_ONLY_RULES(46, "Read-only rule(s) cannot be updated by current login user"),
    USER_LOGIN_BLOCKED(47, "Temporarily blocked because of too many login failures"),
    PASSWORD_EXPIRED(48, "Password expired"),
    INVALID_QUERY_ID(53, "Invalid or expired query id"),
    SERVER_ERROR(55, "Server Error");

    private final int code;
    private final String text;

    ApiError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
