package dev.bulwark.controller.admission.evaluate;

// SKELETON: replaced by branch admeval
public final class Reviews {
    private Reviews() {}

    public static AdmissionRequest parse(byte[] body) throws InvalidReview {
        throw new UnsupportedOperationException("skeleton; merge branch admeval");
    }
}
