package dev.bulwark.controller;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;

/** Whether an administrator accepted the EULA (NeuVector's {@code RESTEULA}); kept with the system settings. */
public record EulaAcceptance(boolean accepted) {

    public static final Kind<EulaAcceptance> KIND = Kind.single("eula", "eula", EulaAcceptance.class, "EULA",
            Section.SYSTEM);
}
