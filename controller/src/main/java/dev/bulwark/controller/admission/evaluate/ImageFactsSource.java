package dev.bulwark.controller.admission.evaluate;

import java.time.Duration;

/**
 * Looks up an image's scan within the time left. Implemented by the scanning service; must be thread-safe.
 */
public interface ImageFactsSource {

    /**
     * The facts of an image, or {@link ImageFacts#unscanned()} when it is not scanned and cannot be scanned within
     * {@code budget}. {@code image} is the normalised reference {@code registry/repository:tag} (or
     * {@code @digest}), {@code docker.io/library/...} for official images.
     */
    ImageFacts facts(String image, Duration budget);
}
