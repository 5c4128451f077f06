package dev.bulwark.controller.admission.evaluate;

import java.time.Duration;

/** Looks up an image's scan within the time left; unscanned facts when not scanned and not scannable in time. */
public interface ImageFactsSource {
    ImageFacts facts(String image, Duration budget);
}
