package dev.bulwark.enforcer.network.flow;

import dev.bulwark.enforcer.network.app.AppClassifier;
import dev.bulwark.enforcer.network.app.Classification;
import dev.bulwark.enforcer.network.app.Direction;
import dev.bulwark.enforcer.network.app.Transport;

/**
 * One connection of a namespace, keyed by its tuple from client to server: what conntrack counted of it, what was
 * reported of it, and its application. A classifier (a few KiB of kept bytes) lives only from the first payload
 * until it decides. Mutated by the reader thread only.
 */
final class Flow {

    /** No Protect rule dropped its packets. */
    static final int NOT_DENIED = -1;

    final FlowTuple tuple;
    final long firstSeen;
    long lastSeen;
    long conntrackId;
    long conntrackBytes;
    long deniedBytes;
    long reportedBytes;
    boolean sessionReported;
    boolean closed;
    long dumpGeneration = -1;
    int deniedBy = NOT_DENIED;
    String fqdn = "";
    private AppClassifier classifier;
    private boolean decided;
    private String application = "";

    Flow(FlowTuple tuple, long now) {
        this.tuple = tuple;
        this.firstSeen = now;
        this.lastSeen = now;
        this.decided = tuple.ipProto() != FlowTuple.TCP && tuple.ipProto() != FlowTuple.UDP;
    }

    /**
     * Feeds a captured payload to the classifier, from the client when {@code toServer}; a classifier is started
     * only when {@code mayStart}. False when one was needed and could not start: the application stays unknown.
     */
    boolean feed(boolean toServer, byte[] payload, boolean mayStart) {
        if (decided || payload.length == 0) {
            return true;
        }
        if (classifier == null) {
            if (!mayStart) {
                decided = true;
                return false;
            }
            classifier = new AppClassifier(tuple.ipProto() == FlowTuple.TCP ? Transport.TCP : Transport.UDP);
        }
        Classification result = classifier.feed(toServer ? Direction.TO_SERVER : Direction.TO_CLIENT, payload);
        if (result.decided()) {
            application = result instanceof Classification.Identified(var app) ? app.name() : "";
            decided = true;
            classifier = null;
        }
        return true;
    }

    /** NeuVector's name of its application, empty while none is identified. */
    String application() {
        return application;
    }

    /** Whether its application may still be recognised from bytes to come. */
    boolean classifying() {
        return !decided;
    }

    /** Whether it holds a classifier now (bytes fed, no decision yet). */
    boolean holdsClassifier() {
        return classifier != null;
    }

    long unreportedBytes() {
        return Math.max(0, conntrackBytes + deniedBytes - reportedBytes);
    }
}
