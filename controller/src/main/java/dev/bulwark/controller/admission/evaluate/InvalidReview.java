package dev.bulwark.controller.admission.evaluate;

import java.util.Optional;

/**
 * A body that is no AdmissionReview this webhook answers; the message is one line naming what is wrong. The uid, when
 * it could be read, and the apiVersion to answer with (the review's when supported, else {@code admission.k8s.io/v1})
 * let the webhook still answer the API server in kind.
 */
public final class InvalidReview extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final String apiVersion;

    InvalidReview(String message, String uid, String apiVersion) {
        super(message, null, false, false);
        this.uid = uid;
        this.apiVersion = apiVersion;
    }

    public Optional<String> uid() {
        return Optional.ofNullable(uid);
    }

    public String apiVersion() {
        return apiVersion;
    }
}
