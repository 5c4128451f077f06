package dev.bulwark.controller.store;

import java.nio.file.Path;

/** Run by {@link EmbeddedStoreTest} in a child JVM: commits keys until killed, acknowledging each on stdout. */
public final class StoreWriterMain {

    private StoreWriterMain() {}

    public static void main(String[] args) {
        ClusterStore store = EmbeddedStore.open(Path.of(args[0]));
        for (int i = 0; ; i++) {
            String key = "burst/" + i;
            store.put(key, "value " + i + " " + "x".repeat(i % 200));
            System.out.println("ok " + key);
            System.out.flush();
        }
    }
}
