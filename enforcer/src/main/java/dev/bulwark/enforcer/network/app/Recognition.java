package dev.bulwark.enforcer.network.app;

import static java.util.Objects.requireNonNull;

/** One recogniser's answer about the bytes seen so far. */
sealed interface Recognition {

    Recognition NOT_THIS = new NotThis();
    Recognition NEED_MORE = new NeedMore();

    /** It is this application. */
    record Match(Application application) implements Recognition {
        public Match {
            requireNonNull(application, "application");
        }
    }

    /** It cannot be this application, whatever follows. */
    record NotThis() implements Recognition {
    }

    /** It may be this application: wait for more bytes. */
    record NeedMore() implements Recognition {
    }

    static Recognition match(Application application) {
        return new Match(application);
    }
}
