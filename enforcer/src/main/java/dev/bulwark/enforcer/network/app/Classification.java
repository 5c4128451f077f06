package dev.bulwark.enforcer.network.app;

import static java.util.Objects.requireNonNull;

/** What a classifier has decided about its conversation so far. */
public sealed interface Classification {

    /** Not decided yet: more bytes may tell. */
    record Pending() implements Classification {
    }

    /** The conversation speaks this application. Final. */
    record Identified(Application application) implements Classification {
        public Identified {
            requireNonNull(application, "application");
        }
    }

    /** No recogniser knows it, or the bytes kept ran out before one could tell. Final. */
    record Unknown(String reason) implements Classification {
        public Unknown {
            requireNonNull(reason, "reason");
        }
    }

    /** Whether no more bytes can change it. */
    default boolean decided() {
        return !(this instanceof Pending);
    }
}
