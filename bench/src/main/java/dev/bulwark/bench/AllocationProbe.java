package dev.bulwark.bench;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How many heap bytes a running JVM (the enforcer) allocates while something else runs: in all, and by its live
 * threads whose name starts with each prefix given. It reads the JVM's own counters ({@code getThreadAllocatedBytes},
 * exact, free for the measured process until read) once, prints {@code ready}, reads them again when its standard
 * input ends, and prints the differences divided by COUNT: {@code total N PREFIX N ...} on one line. One connection
 * serves both readings, so that connecting (over a megabyte of the measured JVM's heap) falls outside the window. A
 * virtual thread's allocation counts on its carrier ({@code ForkJoinPool-}).
 * {@code AllocationProbe PID COUNT PREFIX...}
 */
public final class AllocationProbe {

    private AllocationProbe() {}

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        long count = Long.parseLong(args[1]);
        List<String> prefixes = List.of(args).subList(2, args.length);
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            long[] before = readings(threads, prefixes, false);
            System.out.println("ready");
            System.in.transferTo(OutputStream.nullOutputStream());
            long[] after = readings(threads, prefixes, true);
            StringBuilder line = new StringBuilder("total ").append((after[0] - before[0]) / count);
            for (int i = 0; i < prefixes.size(); i++) {
                line.append(' ').append(prefixes.get(i)).append(' ').append((after[i + 1] - before[i + 1]) / count);
            }
            System.out.println(line);
        }
    }

    /** The total, then the sum per prefix; the total is read last before the window and first after it. */
    private static long[] readings(ThreadMXBean threads, List<String> prefixes, boolean totalFirst) {
        long total = totalFirst ? threads.getTotalThreadAllocatedBytes() : 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long[] out = new long[prefixes.size() + 1];
        for (int p = 0; p < prefixes.size(); p++) {
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null && allocated[i] > 0 && infos[i].getThreadName().startsWith(prefixes.get(p))) {
                    out[p + 1] += allocated[i];
                }
            }
        }
        out[0] = totalFirst ? total : threads.getTotalThreadAllocatedBytes();
        return out;
    }
}
