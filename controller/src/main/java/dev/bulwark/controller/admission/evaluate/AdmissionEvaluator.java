package dev.bulwark.controller.admission.evaluate;

import java.time.Clock;
import java.time.Duration;

// SKELETON: replaced by branch admeval
public final class AdmissionEvaluator {
    public AdmissionEvaluator(ImageFactsSource scans, Clock clock) {
    }

    public Verdict evaluate(AdmissionPolicy policy, AdmissionRequest request, Duration budget) {
        throw new UnsupportedOperationException("skeleton; merge branch admeval");
    }
}
