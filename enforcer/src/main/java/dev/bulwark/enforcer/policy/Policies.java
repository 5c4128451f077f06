package dev.bulwark.enforcer.policy;

import dev.bulwark.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import dev.bulwark.link.model.Learned;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The group policies the enforcer applies, from a policy file ({@code groups: [...]}, YAML or JSON) plus what it
 * learned, which it keeps in its own file so that a restart keeps the learning. A group the file does not name
 * starts in the default mode with an empty profile. Thread-safe.
 */
public final class Policies implements AutoCloseable {

    /** A policy file's unknown field is refused, not skipped: a misspelt rule must not vanish. */
    static final ObjectMapper YAML = Json.strictSnakeCaseYaml();
    private static final ObjectMapper LEARNED = Json.snakeCase();
    private static final long MAX_FILE = 4 << 20;
    private static final String NODES = "nodes";
    private static final System.Logger LOG = System.getLogger(Policies.class.getName());

    /** The policy file's shape; a pushed policy's {@code network} part is the network plane's, not read here. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties("network")
    record Document(List<GroupPolicy> groups) {}

    private final Map<String, GroupPolicy> groups = new LinkedHashMap<>();
    /** Saves run here, outside the lock: a decision never waits for the disk. */
    private final ExecutorService writer = Executors
            .newSingleThreadExecutor(r -> Thread.ofPlatform().name("enforcer-policy-writer").daemon().unstarted(r));
    private final AtomicBoolean savePending = new AtomicBoolean();
    private final Mode defaultMode;
    private final Optional<Path> learnedFile;
    private volatile Consumer<Learned> learnedListener = l -> { };

    private Policies(Mode defaultMode, Optional<Path> learnedFile) {
        this.defaultMode = defaultMode;
        this.learnedFile = learnedFile;
    }

    /**
     * Policies from a file (when given) and from what was learned before (when {@code learnedFile} exists); the
     * file wins for a group's mode and baseline, and the two lists of rules are joined.
     */
    public static Policies load(Optional<Path> file, Mode defaultMode, Optional<Path> learnedFile) {
        Policies p = new Policies(defaultMode, learnedFile);
        learnedFile.filter(Files::exists).ifPresent(f -> read(f).forEach(g -> p.groups.put(g.name(), g)));
        file.ifPresent(f -> read(f).forEach(g -> p.groups.merge(g.name(), g, (learned, given) -> new GroupPolicy(
                given.name(), given.mode(), given.baseline(), joined(given.process(), learned.process()),
                given.file()))));
        return p;
    }

    private static List<ProcessRule> joined(List<ProcessRule> given, List<ProcessRule> learned) {
        List<ProcessRule> all = new java.util.ArrayList<>(given);
        learned.stream().filter(r -> r.cfgType().equals(ProcessRule.LEARNED) && !given.contains(r)).forEach(all::add);
        return all;
    }

    static List<GroupPolicy> read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new InvalidInputException("policy file %s is larger than %d bytes".formatted(file, MAX_FILE));
            }
            Document d = YAML.readValue(file.toFile(), Document.class);
            if (d == null || d.groups() == null) {
                throw new InvalidInputException("policy file %s has no 'groups' list".formatted(file));
            }
            return d.groups();
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException("policy file %s: %s".formatted(file, why));
        }
    }

    /**
     * The group's policy, or a new one in the default mode; the host's group ({@code nodes}) starts in Discover
     * unless the policy file names it, so that a default of Monitor does not flood the log with the host's
     * processes.
     */
    public synchronized GroupPolicy of(String group) {
        return groups.computeIfAbsent(group, g -> new GroupPolicy(g, g.equals(NODES) ? Mode.Discover : defaultMode,
                g.equals(NODES) ? GroupPolicy.BASIC : null, List.of(), List.of()));
    }

    /**
     * Adds a learned allow rule for a process (name, path, user) if the profile does not decide it yet, and keeps it
     * on disk.
     */
    public synchronized boolean learn(String group, String name, String path, String user) {
        GroupPolicy g = of(group);
        if (g.profile().decide(name, path, user).isPresent()) {
            return false;
        }
        groups.put(group, g.withRule(new ProcessRule(name, path, user, ProcessRule.ALLOW, ProcessRule.LEARNED)));
        save();
        learnedListener.accept(Learned.process(group, name, path, user));
        return true;
    }

    /** Lets a program open a block_access file from now on: what Discover learns. */
    public synchronized void learnFileAccess(String group, FileRule rule, String application) {
        GroupPolicy g = of(group);
        List<FileRule> rules = g.file().stream().map(r -> r.equals(rule) && !r.applications().contains(application)
                ? r.withApplication(application) : r).toList();
        groups.put(group, g.withFileRules(rules));
        save();
        learnedListener.accept(Learned.fileAccess(group, rule.filter(), application));
    }

    /** Told of every rule learned from now on (the controller link reports them). */
    public void onLearned(Consumer<Learned> listener) {
        learnedListener = listener;
    }

    /**
     * Puts a controller's policy in force ({@code {"groups": [...]}}, the policy file's format): each group it
     * names takes its mode, baseline and rules; a group in Discover keeps the rules it learned that the controller
     * does not list yet (they are on their way to it). Groups it does not name keep theirs.
     *
     * @return the groups whose mode changed
     * @throws InvalidInputException when the policy does not read
     */
    public Set<String> replace(byte[] json) {
        List<GroupPolicy> pushed = parse(json);
        Set<String> changed = new java.util.HashSet<>();
        synchronized (this) {
            for (GroupPolicy p : pushed) {
                GroupPolicy old = groups.get(p.name());
                List<ProcessRule> rules = p.process();
                if (old != null && p.mode() == Mode.Discover) {
                    rules = joined(p.process(), old.process());
                }
                if (old == null || old.mode() != p.mode()) {
                    changed.add(p.name());
                }
                groups.put(p.name(), new GroupPolicy(p.name(), p.mode(), p.baseline(), rules, p.file()));
            }
        }
        save();
        return changed;
    }

    private static List<GroupPolicy> parse(byte[] json) {
        try {
            Document d = YAML.readValue(json, Document.class);
            if (d == null || d.groups() == null) {
                throw new InvalidInputException("a pushed policy has no 'groups' list");
            }
            return d.groups();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("a pushed policy does not read: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    public synchronized void setMode(String group, Mode mode) {
        groups.put(group, of(group).withMode(mode));
        save();
    }

    public synchronized List<GroupPolicy> all() {
        return List.copyOf(groups.values());
    }

    /** Schedules a write of the learned file; writes asked for while one is pending are folded into it. */
    private void save() {
        if (learnedFile.isPresent() && savePending.compareAndSet(false, true)) {
            writer.execute(this::write);
        }
    }

    /** Waits until every change made so far is on disk. */
    public void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        flush();
        writer.shutdown();
    }

    private void write() {
        savePending.set(false);
        Document snapshot;
        synchronized (this) {
            snapshot = new Document(List.copyOf(groups.values()));
        }
        Path file = learnedFile.orElseThrow();
        try {
            AtomicFiles.write(file, LEARNED.writeValueAsBytes(snapshot),
                    AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot keep the learned profiles in " + file
                    + "; they hold until the enforcer stops", e);
        }
    }
}
