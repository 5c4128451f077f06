package dev.bulwark.controller.admission.evaluate;

import dev.bulwark.controller.admission.AdmissionRules;
import java.util.List;

// SKELETON: replaced by branch admeval
public final class AdmissionPolicy {
    private AdmissionPolicy() {}

    public static AdmissionPolicy compile(AdmissionRules.State state, List<AdmissionRules.Rule> rules,
            String ownNamespace) {
        throw new UnsupportedOperationException("skeleton; merge branch admeval");
    }
}
