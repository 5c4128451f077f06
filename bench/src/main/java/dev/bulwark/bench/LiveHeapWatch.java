package dev.bulwark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the heap in use right after each garbage collection: what the program really holds, as opposed to the
 * peak of used heap, which also counts garbage the collector had no reason to reclaim yet.
 */
final class LiveHeapWatch {

    private final AtomicLong peak = new AtomicLong();

    private LiveHeapWatch() {}

    static LiveHeapWatch start() {
        LiveHeapWatch watch = new LiveHeapWatch();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    watch.peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return watch;
    }

    long peakAfterCollection() {
        return peak.get();
    }
}
