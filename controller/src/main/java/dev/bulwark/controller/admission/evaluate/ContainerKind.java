package dev.bulwark.controller.admission.evaluate;

import java.util.Optional;

/** The containers of a pod spec a rule can inspect, by the names rules give them and the spec's fields. */
enum ContainerKind {
    INIT("init_containers", "initContainers"),
    STANDARD("containers", "containers"),
    EPHEMERAL("ephemeral_containers", "ephemeralContainers");

    private final String ruleName;
    private final String specField;

    ContainerKind(String ruleName, String specField) {
        this.ruleName = ruleName;
        this.specField = specField;
    }

    String specField() {
        return specField;
    }

    static Optional<ContainerKind> ofRuleName(String name) {
        for (ContainerKind k : values()) {
            if (k.ruleName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
