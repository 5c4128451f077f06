package dev.bulwark.controller.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The scan state of each registry, as {@link RegistryScans} keeps it and the summaries show it; a registry never
 * scanned since the controller started is {@link RegistryScanState#IDLE}. Thread-safe.
 */
public final class RegistryScanStates {

    private final Map<String, RegistryScanState> states = new ConcurrentHashMap<>();

    public RegistryScanState get(String name) {
        return states.getOrDefault(name, RegistryScanState.IDLE);
    }

    /** Changes a registry's state atomically. */
    RegistryScanState change(String name, UnaryOperator<RegistryScanState> change) {
        return states.compute(name, (k, old) -> change.apply(old == null ? RegistryScanState.IDLE : old));
    }

    void forget(String name) {
        states.remove(name);
    }
}
