package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code RESTWorkloadStatsData} (also {@code RESTAgentStatsData}): a container's, enforcer's or controller's CPU,
 * memory and traffic over the last sample, 12 and 60 samples. Enforcers do not measure these yet, so every figure
 * is 0: they are not measured, not measured as zero. The interval is NeuVector's 5 s, which its clients multiply to
 * label the spans.
 */
record Stats(String id, String readAt, Spans stats) {

    static final int INTERVAL_SECONDS = 5;

    /** {@code RESTStats}. */
    record Spans(int interval, Metry total, @JsonProperty("span_1") Metry span1,
            @JsonProperty("span_12") Metry span12, @JsonProperty("span_60") Metry span60) {}

    /** {@code RESTMetry}: cpu is a fraction, memory bytes. */
    record Metry(double cpu, long memory, long sessionIn, long sessionOut, long packetIn, long packetOut,
            long byteIn, long byteOut) {

        static final Metry NOT_MEASURED = new Metry(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Stats of {@code id} read now, none measured. */
    static Stats notMeasured(String id, Instant now) {
        Metry zero = Metry.NOT_MEASURED;
        return new Stats(id, RestTime.format(now), new Spans(INTERVAL_SECONDS, zero, zero, zero, zero));
    }
}
