package dev.bulwark.bench;

import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Random;

/** Realistic version strings for benchmarks: the shapes that distributions and registries actually publish. */
final class VersionSamples {

    private VersionSamples() {}

    static String version(Ecosystem ecosystem, Random r) {
        String upstream = r.nextInt(30) + "." + r.nextInt(20) + "." + r.nextInt(100);
        return switch (ecosystem) {
            case DEB -> (r.nextInt(10) == 0 ? r.nextInt(3) + ":" : "") + upstream
                    + (r.nextInt(4) == 0 ? "~rc" + r.nextInt(3) : "") + "-" + r.nextInt(5) + "+deb12u" + r.nextInt(9);
            case RPM -> (r.nextInt(10) == 0 ? r.nextInt(3) + ":" : "") + upstream + "-" + r.nextInt(40) + ".el9_"
                    + r.nextInt(6);
            case APK -> upstream + (r.nextInt(5) == 0 ? "_rc" + r.nextInt(3) : "") + "-r" + r.nextInt(12);
            case MAVEN -> upstream + (r.nextInt(4) == 0 ? "-RC" + r.nextInt(3) : r.nextInt(4) == 0 ? ".Final" : "");
            case PYPI -> upstream + (r.nextInt(4) == 0 ? "rc" + r.nextInt(3) : r.nextInt(6) == 0 ? ".post1" : "");
            case SEMVER, NUGET -> upstream + (r.nextInt(4) == 0 ? "-beta." + r.nextInt(3) : "");
            case GO -> "v" + upstream + (r.nextInt(6) == 0 ? "-0.20240101000000-0123456789ab" : "");
            case GEM -> upstream + (r.nextInt(4) == 0 ? ".rc" + r.nextInt(3) : "");
            case COMPOSER -> upstream + (r.nextInt(4) == 0 ? "-beta" + r.nextInt(3) : "");
        };
    }

    /** Prints {@code count} pairs, one {@code A B} per line, for {@code vercmp --batch} timing. */
    public static void main(String[] args) {
        Ecosystem e = Ecosystem.parse(args[0]);
        int count = Integer.parseInt(args[1]);
        Random random = new Random(42);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(version(e, random)).append(' ').append(version(e, random)).append('\n');
            if (out.length() > 1 << 16) {
                System.out.print(out);
                out.setLength(0);
            }
        }
        System.out.print(out);
        System.out.flush();
    }
}
