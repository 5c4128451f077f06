package dev.bulwark.enforcer.network.app;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;

/**
 * Decides which application one TCP or UDP conversation speaks from the first bytes of each direction. Bytes may
 * come in any number of segments; at most {@link #KEPT_PER_DIRECTION} bytes and {@link #MAX_SEGMENTS} segments of
 * each direction are looked at (for UDP, the first datagram of each), so memory and work are bounded whatever
 * arrives. Once decided, the classification no longer changes and further bytes are ignored. No input throws.
 * Not thread-safe: one conversation is fed from one thread.
 */
public final class AppClassifier {

    public static final int KEPT_PER_DIRECTION = 4096;
    public static final int MAX_SEGMENTS = 64;

    private final Exchange exchange;
    private final List<AppRecogniser> recognisers;
    private final boolean[] ruledOut;
    private Classification classification = new Classification.Pending();

    public AppClassifier(Transport transport) {
        this(transport, KEPT_PER_DIRECTION, AppRecognisers.all());
    }

    AppClassifier(Transport transport, int kept, List<AppRecogniser> recognisers) {
        this.exchange = new Exchange(transport, new Bytes(kept), new Bytes(kept));
        this.recognisers = List.copyOf(recognisers);
        this.ruledOut = new boolean[this.recognisers.size()];
    }

    /** Adds {@code data} sent in {@code direction}; returns the classification after it. */
    public Classification feed(Direction direction, byte[] data) {
        return feed(direction, data, 0, data.length);
    }

    /** Adds {@code count} bytes of {@code data} from {@code offset} sent in {@code direction}. */
    public Classification feed(Direction direction, byte[] data, int offset, int count) {
        requireNonNull(direction, "direction");
        Objects.checkFromIndexSize(offset, count, data.length);
        if (classification.decided() || count == 0) {
            return classification;
        }
        Bytes bytes = direction == Direction.TO_SERVER ? exchange.client() : exchange.server();
        if (!exchange.tcp() && bytes.segments() > 0) {
            return classification;
        }
        bytes.append(data, offset, count);
        classification = decide(bytes);
        return classification;
    }

    public Classification classification() {
        return classification;
    }

    private Classification decide(Bytes fed) {
        boolean anyLeft = false;
        for (int i = 0; i < recognisers.size(); i++) {
            if (ruledOut[i]) {
                continue;
            }
            switch (recognisers.get(i).recognise(exchange)) {
                case Recognition.Match(Application application) -> {
                    return new Classification.Identified(application);
                }
                case Recognition.NotThis _ -> ruledOut[i] = true;
                case Recognition.NeedMore _ -> anyLeft = true;
            }
        }
        if (!anyLeft) {
            return new Classification.Unknown("no recogniser knows these bytes");
        }
        if (fed.full()) {
            return new Classification.Unknown("%d bytes kept without a decision".formatted(fed.capacity()));
        }
        if (fed.segments() >= MAX_SEGMENTS) {
            return new Classification.Unknown("%d segments without a decision".formatted(MAX_SEGMENTS));
        }
        if (!exchange.tcp() && exchange.client().segments() > 0 && exchange.server().segments() > 0) {
            return new Classification.Unknown("a datagram each way without a decision");
        }
        return classification;
    }
}
