package dev.bulwark.enforcer.policy;

import java.util.List;

/**
 * A group's run-time policy, in NeuVector's terms: its mode, its baseline ({@code zero-drift}: executables that came
 * with the image may run; {@code basic}: only what the rules allow), its process rules and its file rules.
 */
public record GroupPolicy(String name, Mode mode, String baseline, List<ProcessRule> process, List<FileRule> file) {

    public static final String ZERO_DRIFT = "zero-drift";
    public static final String BASIC = "basic";

    public GroupPolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a group policy needs a name");
        }
        if (mode == null) {
            throw new IllegalArgumentException("group %s: mode is Discover, Monitor or Protect".formatted(name));
        }
        baseline = baseline == null ? ZERO_DRIFT : baseline;
        if (!baseline.equals(ZERO_DRIFT) && !baseline.equals(BASIC)) {
            throw new IllegalArgumentException("group %s: baseline is zero-drift or basic".formatted(name));
        }
        process = process == null ? List.of() : List.copyOf(process);
        file = file == null ? List.of() : List.copyOf(file);
    }

    public ProcessProfile profile() {
        return new ProcessProfile(process);
    }

    public boolean zeroDrift() {
        return baseline.equals(ZERO_DRIFT);
    }

    public GroupPolicy withRule(ProcessRule rule) {
        return new GroupPolicy(name, mode, baseline, profile().with(rule).rules(), file);
    }

    public GroupPolicy withMode(Mode newMode) {
        return new GroupPolicy(name, newMode, baseline, process, file);
    }

    public GroupPolicy withFileRules(List<FileRule> rules) {
        return new GroupPolicy(name, mode, baseline, process, rules);
    }
}
