package dev.bulwark.controller.admission.evaluate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scans one request needs, asked for lazily: an image's facts are asked of the {@link ImageFactsSource} the first
 * time a criterion needs them, once per image, with the time left before the request's deadline. A source that fails
 * or answers nothing counts as "not scanned". Not thread-safe: one request is evaluated on one thread.
 */
final class ScanLookup {

    private static final System.Logger LOG = System.getLogger(ScanLookup.class.getName());

    private final ImageFactsSource source;
    private final Clock clock;
    private final Instant deadline;
    private final Map<String, ImageFacts> asked = new LinkedHashMap<>();

    ScanLookup(ImageFactsSource source, Clock clock, Instant deadline) {
        this.source = source;
        this.clock = clock;
        this.deadline = deadline;
    }

    ImageFacts facts(ImageRef image) {
        return asked.computeIfAbsent(image.reference(), this::ask);
    }

    /** The facts of an image if a criterion already asked for them. */
    Optional<ImageFacts> ifAsked(ImageRef image) {
        return Optional.ofNullable(asked.get(image.reference()));
    }

    private ImageFacts ask(String reference) {
        Duration left = Duration.between(clock.instant(), deadline);
        try {
            ImageFacts facts = source.facts(reference, left.isNegative() ? Duration.ZERO : left);
            return facts == null ? ImageFacts.unscanned() : facts;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "admission: scan of {0} not available", reference, e);
            return ImageFacts.unscanned();
        }
    }

    /** The images asked for that turned out not to be scanned, in the order asked. */
    List<String> unscanned() {
        return asked.entrySet().stream().filter(e -> !e.getValue().scanned()).map(Map.Entry::getKey).toList();
    }
}
