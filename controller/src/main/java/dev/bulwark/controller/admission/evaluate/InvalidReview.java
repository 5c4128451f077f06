package dev.bulwark.controller.admission.evaluate;

import java.util.Optional;

// SKELETON: replaced by branch admeval
public final class InvalidReview extends RuntimeException {
    public InvalidReview(String message) {
        super(message);
    }

    public Optional<String> uid() {
        return Optional.empty();
    }

    public String apiVersion() {
        return "admission.k8s.io/v1";
    }
}
