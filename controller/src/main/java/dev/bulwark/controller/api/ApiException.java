package dev.bulwark.controller.api;

/** A request that fails with an HTTP status and one of NeuVector's error codes; the message is for the caller. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;

    public ApiException(int status, ApiError error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ApiError.INVALID_REQUEST, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, ApiError.OBJECT_NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden() {
        return new ApiException(403, ApiError.OBJECT_ACCESS_DENIED, "Object access denied");
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, ApiError.UNAUTHORIZED, message);
    }

    public static ApiException duplicate(String what) {
        return new ApiException(409, ApiError.DUPLICATE_NAME, what + " already exists");
    }

    public static ApiException invalidName(String message) {
        return new ApiException(400, ApiError.INVALID_NAME, message);
    }

    /** The body NeuVector clients parse. */
    public record Body(int code, String error, String message) {}

    public Body body() {
        return new Body(error.code(), error.text(), getMessage());
    }
}
