package dev.bulwark.bench;

import dev.bulwark.vulndb.version.Ecosystem;
import dev.bulwark.vulndb.version.VersionComparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many version pairs per second each comparator orders (the in-process cost behind {@code vercmp --batch}
 * and, later, every advisory match). Run: {@code bench/run vercmp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VersionCompareBench {

    static final int PAIRS = 1024;

    @Param({"deb", "rpm", "apk", "maven", "pypi", "semver", "go", "gem", "composer", "nuget"})
    String ecosystem;

    private VersionComparator comparator;
    private String[] left;
    private String[] right;

    @Setup
    public void setUp() {
        Ecosystem e = Ecosystem.parse(ecosystem);
        comparator = e.comparator();
        Random random = new Random(42);
        left = new String[PAIRS];
        right = new String[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            left[i] = VersionSamples.version(e, random);
            right[i] = VersionSamples.version(e, random);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int comparePairs() {
        int sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            sum += comparator.compare(left[i], right[i]);
        }
        return sum;
    }
}
