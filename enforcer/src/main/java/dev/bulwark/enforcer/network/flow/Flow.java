package dev.bulwark.enforcer.network.flow;

import dev.bulwark.enforcer.network.app.AppClassifier;
import dev.bulwark.enforcer.network.app.Classification;
import dev.bulwark.enforcer.network.app.Direction;
import dev.bulwark.enforcer.network.app.Transport;

/**
 * One connection of a namespace, keyed by its tuple from client to server: what conntrack counted of it, what was
 * reported of it, and the classifier its first payloads feed. Mutated by the reader thread only.
 */
final class Flow {

    /** No Protect rule dropped its packets. */
    static final int NOT_DENIED = -1;

    final FlowTuple tuple;
    final long firstSeen;
    private final AppClassifier classifier;
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

    Flow(FlowTuple tuple, long now) {
        this.tuple = tuple;
        this.firstSeen = now;
        this.lastSeen = now;
        this.classifier = tuple.ipProto() == FlowTuple.TCP || tuple.ipProto() == FlowTuple.UDP
                ? new AppClassifier(tuple.ipProto() == FlowTuple.TCP ? Transport.TCP : Transport.UDP) : null;
    }

    /** Feeds a captured payload to the classifier, from the client when {@code toServer}. */
    void feed(boolean toServer, byte[] payload) {
        if (classifier != null && payload.length > 0) {
            classifier.feed(toServer ? Direction.TO_SERVER
                    : Direction.TO_CLIENT, payload);
        }
    }

    /** NeuVector's name of its application, empty while none is identified. */
    String application() {
        return classifier != null && classifier.classification() instanceof Classification.Identified(var app)
                ? app.name() : "";
    }

    /** Whether its application may still be recognised from bytes to come. */
    boolean classifying() {
        return classifier != null && !classifier.classification().decided();
    }

    long unreportedBytes() {
        return Math.max(0, conntrackBytes + deniedBytes - reportedBytes);
    }
}
