package dev.bulwark.controller.admission.evaluate;

import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.controller.admission.PssViolation;
import dev.bulwark.controller.admission.PssViolation.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compiles each criterion of a rule into a {@link Check}: what it reads from the request, its pod, a container or the
 * image's scan, and how its operator and value test that (NeuVector's {@code isAdmissionRuleMet}). A criterion that
 * cannot match here (an unknown name or operator, {@code saBindRiskyRole}, {@code baseImage}) compiles to a check that
 * never matches.
 */
final class Criteria {

    private Criteria() {}

    /** The values of a criterion: a comma-separated list, trimmed, without empty or repeated items, or the value. */
    static List<String> values(Op op, String value) {
        if (!op.takesList()) {
            return List.of(value.strip());
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    static Check compile(AdmissionRules.Criterion c) {
        String name = "customPath".equals(c.type()) || "saBindRiskyRole".equals(c.type()) ? c.type()
                : String.valueOf(c.name());
        String value = c.value() == null ? "" : c.value();
        List<AdmissionRules.Criterion> subs = c.subCriteria() == null ? List.of()
                : c.subCriteria().stream().filter(s -> s != null && s.name() != null).toList();
        String description = describe(name, c.op(), value, c.path(), subs);
        if (name.equals("resourceLimit")) {
            return resourceLimit(subs, description);
        }
        Optional<Op> parsed = Op.of(String.valueOf(c.op()));
        if (parsed.isEmpty()) {
            return never(name, description);
        }
        Op op = parsed.get();
        Compiler k = new Compiler(name, op, value, description);
        return switch (name) {
            case "namespace" -> k.set(Check.Source.YAML, s -> List.of(s.pod().meta().namespace()));
            case "user" -> k.set(Check.Source.YAML, s -> s.pod().owned() ? null : List.of(s.request().user()));
            case "userGroups" -> k.set(Check.Source.YAML, s -> s.pod().owned() ? null : s.request().groups());
            case "image" -> k.check(Check.Source.YAML, SetTest.of(op, value, v -> ImagePattern.of(v)::matches,
                    ImageRef::reference), s -> List.of(s.container().imageRef()));
            case "imageRegistry" -> k.check(Check.Source.YAML, SetTest.of(op, value,
                    v -> Glob.of(ImageRef.registry(v))::matches, r -> r), s -> List.of(s.container().imageRef().registry()));
            case "labels" -> k.map(Check.Source.YAML, s -> s.pod().meta().labels());
            case "annotations" -> k.map(Check.Source.YAML, s -> s.pod().meta().annotations());
            case "envVars" -> k.map(Check.Source.YAML, s -> s.container().env());
            case "mountVolumes" -> k.set(Check.Source.YAML, s -> List.copyOf(s.container().mountVolumes()));
            case "storageClassName" -> k.set(Check.Source.YAML, s -> s.pod().storageClasses());
            case "envVarSecrets" -> k.flag(Check.Source.YAML, s -> !s.container().envSecrets().isEmpty(),
                    s -> List.of("Found environment secrets in your YAML resources: "
                            + String.join(", ", s.container().envSecrets())));
            case "runAsPrivileged" -> k.flag(Check.Source.YAML, s -> s.container().privileged(), Criteria::podRisks);
            case "allowPrivEscalation" -> k.flag(Check.Source.YAML, s -> s.container().allowPrivilegeEscalation(),
                    Criteria::podRisks);
            case "sharePidWithHost" -> k.flag(Check.Source.YAML, s -> s.pod().hostPid(), Criteria::podRisks);
            case "shareIpcWithHost" -> k.flag(Check.Source.YAML, s -> s.pod().hostIpc(), Criteria::podRisks);
            case "shareNetWithHost" -> k.flag(Check.Source.YAML, s -> s.pod().hostNetwork(), Criteria::podRisks);
            case "runAsRoot" -> k.flag(Check.Source.YAML_THEN_SCAN, s -> runsAsRoot(s).orElse(null),
                    Criteria::podRisks);
            case "pspCompliance" -> pspCompliance(k);
            case "violatePssPolicy" -> pss(k);
            case "customPath" -> {
                CustomPath path = CustomPath.of(String.valueOf(c.path()), op, String.valueOf(c.valueType()), value);
                yield new Check(name, !op.negative(), Check.Source.YAML, s -> path.test(s.pod().template()),
                        _ -> List.of(), description);
            }
            case "imageScanned" -> k.flag(Check.Source.SCAN_STATE, s -> s.facts().scanned(), _ -> List.of());
            case "imageSigned" -> k.flag(Check.Source.SCAN, s -> s.facts().signed()
                    || !s.facts().verifiers().isEmpty(), _ -> List.of());
            case "imageCompliance" -> k.flag(Check.Source.SCAN, s -> s.facts().complianceViolations(),
                    _ -> List.of("Found setuid/setgid files or secrets in the image. Please review your image"
                            + " compliance report"));
            case "imageNoOS" -> k.flag(Check.Source.SCAN, s -> !s.facts().hasOs(), _ -> List.of());
            case "imageVerifiers" -> k.set(Check.Source.SCAN, s -> s.facts().verifiers());
            case "cveNames" -> {
                SetTest<String> test = SetTest.ofTexts(op, value.toUpperCase(Locale.ROOT));
                yield k.check(Check.Source.SCAN, test, s -> s.facts().cves().stream()
                        .map(v -> v.name().toUpperCase(Locale.ROOT)).distinct().toList());
            }
            case "modules" -> k.map(Check.Source.SCAN, s -> s.facts().modules().stream()
                    .collect(Collectors.toMap(m -> m, _ -> "", (a, _) -> a)));
            case "cveCriticalCount" -> cveCount(k, Set.of("critical"), false, subs);
            case "cveHighCount" -> cveCount(k, Set.of("critical", "high"), false, subs);
            case "cveHighCountNoCritical" -> cveCount(k, Set.of("high"), false, subs);
            case "cveMediumCount" -> cveCount(k, Set.of("medium"), false, subs);
            case "cveCriticalWithFixCount" -> cveCount(k, Set.of("critical"), true, subs);
            case "cveHighWithFixCount" -> cveCount(k, Set.of("critical", "high"), true, subs);
            case "cveHighWithFixCountNoCritical" -> cveCount(k, Set.of("high"), true, subs);
            case "cveScoreCount" -> cveScoreCount(k, subs);
            // saBindRiskyRole needs the cluster's RBAC bindings, which admission requests do not carry; baseImage
            // NeuVector accepts but never evaluates (its criterion is commented out)
            default -> never(name, description);
        };
    }

    /** What compiling one criterion needs, so that each kind of value is tested in one place. */
    private record Compiler(String name, Op op, String value, String description) {

        /** A set of texts the subject gives; null when the criterion cannot be told for this subject. */
        Check set(Check.Source source, Function<Subject, List<String>> values) {
            return check(source, SetTest.ofTexts(op, value), values);
        }

        <T> Check check(Check.Source source, SetTest<T> test, Function<Subject, List<T>> values) {
            return new Check(name, !op.negative(), source, s -> {
                List<T> v = values.apply(s);
                return v != null && test.test(v);
            }, _ -> List.of(), description);
        }

        Check map(Check.Source source, Function<Subject, Map<String, String>> values) {
            MapTest test = MapTest.of(op, value);
            return new Check(name, !op.negative(), source, s -> test.test(values.apply(s)), _ -> List.of(),
                    description);
        }

        /** A true/false property, compared with {@code =} or {@code !=}; null when it cannot be told. */
        Check flag(Check.Source source, Function<Subject, Boolean> property,
                Function<Subject, List<String>> findings) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false") || op != Op.EQ && op != Op.NE) {
                return never(name, description);
            }
            boolean expected = Boolean.parseBoolean(v) == (op == Op.EQ);
            return new Check(name, !op.negative(), source, s -> {
                Boolean actual = property.apply(s);
                return actual != null && actual == expected;
            }, findings, description);
        }

        Check counted(Check.Source source, Function<Subject, Long> count, String what) {
            NumberTest test = NumberTest.of(op, value);
            return new Check(name, !op.negative(), source, s -> test.test(count.apply(s)),
                    s -> List.of("Found %d %s".formatted(count.apply(s), what)), description);
        }
    }

    private static Check never(String name, String description) {
        return new Check(name, true, Check.Source.YAML, _ -> false, _ -> List.of(), description);
    }

    /**
     * Whether the container runs as root: its {@code runAsUser} (the container's, else the pod's) when set, not when
     * {@code runAsNonRoot} is true, else the image's configured user ({@code ""}, {@code root} and {@code 0} are
     * root); empty when the image was not scanned.
     */
    static Optional<Boolean> runsAsRoot(Subject s) {
        ContainerView c = s.container();
        if (c.runAsUser().isPresent()) {
            return Optional.of(c.runAsUser().get() == 0);
        }
        if (c.runAsNonRoot().orElse(false)) {
            return Optional.of(false);
        }
        ImageFacts facts = s.facts();
        if (!facts.scanned()) {
            return Optional.empty();
        }
        String user = facts.configuredUser().split(":", 2)[0].strip();
        return Optional.of(user.isEmpty() || user.equals("root") || user.equals("0"));
    }

    /**
     * NeuVector's report of the risky pod settings found ({@code fillDenyMessageFromRule}); the image's user only
     * when its scan was already needed.
     */
    private static List<String> podRisks(Subject s) {
        ContainerView c = s.container();
        PodView p = s.pod();
        List<String> found = new ArrayList<>();
        Map<String, Boolean> yaml = new LinkedHashMap<>();
        yaml.put("privileged=true", c.privileged());
        yaml.put("runAsUser=0", c.runAsUser().orElse(-1L) == 0);
        yaml.put("hostIPC=true", p.hostIpc());
        yaml.put("hostNetwork=true", p.hostNetwork());
        yaml.put("hostPID=true", p.hostPid());
        yaml.put("(allowPrivilegeEscalation=true or capabilities:add:SYS_ADMIN is enabled)",
                c.allowPrivilegeEscalation());
        String inYaml = yaml.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        if (!inYaml.isEmpty()) {
            found.add(inYaml + " in your YAML resources");
        }
        boolean imageRoot = c.runAsUser().isEmpty() && !c.runAsNonRoot().orElse(false)
                && s.scans().ifAsked(c.imageRef()).filter(ImageFacts::scanned).isPresent()
                && runsAsRoot(s).orElse(false);
        if (imageRoot) {
            found.add("runAsRoot in the image");
        }
        return found.isEmpty() ? List.of() : List.of("Found " + String.join(" or ", found));
    }

    /**
     * {@code pspCompliance = true}: any of privileged, root, privilege escalation or a host namespace, the settings a
     * PodSecurityPolicy's best practice forbade. The image's user is asked for only when the YAML shows none.
     */
    private static Check pspCompliance(Compiler k) {
        List<Predicate<Subject>> risks = List.of(s -> s.container().privileged(),
                s -> s.container().allowPrivilegeEscalation(), s -> s.pod().hostIpc(), s -> s.pod().hostNetwork(),
                s -> s.pod().hostPid(), s -> runsAsRoot(s).orElse(false));
        return k.flag(Check.Source.YAML_THEN_SCAN, s -> risks.stream().anyMatch(r -> r.test(s)), Criteria::podRisks);
    }

    private static Check pss(Compiler k) {
        Optional<Level> level = Arrays.stream(Level.values())
                .filter(l -> l.value().equals(k.value().strip().toLowerCase(Locale.ROOT))).findFirst();
        if (level.isEmpty() || k.op() != Op.EQ) {
            return never(k.name(), k.description());
        }
        Function<Subject, List<PssViolation>> violations = s -> PodSecurityStandards.violations(level.get(), s.pod(),
                s.container());
        return new Check(k.name(), true, Check.Source.YAML, s -> !violations.apply(s).isEmpty(),
                s -> List.of("Deployment has PSS/PSA Violations: " + violations.apply(s).stream()
                        .map(PssViolation::text).collect(Collectors.joining(" "))), k.description());
    }

    /**
     * A count of the image's CVEs of some severities, only those with a fix or not, and with a {@code publishDays}
     * sub-criterion only those published at least that many days before the request.
     */
    private static Check cveCount(Compiler k, Set<String> severities, boolean withFix,
            List<AdmissionRules.Criterion> subs) {
        Optional<BigDecimal> days = subs.stream().filter(s -> s.name().equals("publishDays"))
                .findFirst().flatMap(s -> Quantities.parse(String.valueOf(s.value())));
        String what = String.join(" or ", severities.stream().sorted().toList()) + " CVEs"
                + (withFix ? " with fix" : "");
        return k.counted(Check.Source.SCAN, s -> {
            long before = days.map(d -> s.now().getEpochSecond() - d.multiply(BigDecimal.valueOf(86_400)).longValue())
                    .orElse(Long.MAX_VALUE);
            return s.facts().cves().stream()
                    .filter(v -> severities.contains(v.severity().toLowerCase(Locale.ROOT)))
                    .filter(v -> !withFix || v.fixed()).filter(v -> v.publishedEpochSeconds() <= before)
                    .map(ImageFacts.Cve::name).distinct().count();
        }, what);
    }

    /** {@code cveScoreCount >= SCORE} with {@code count >= N}: at least N CVEs of at least that score. */
    private static Check cveScoreCount(Compiler k, List<AdmissionRules.Criterion> subs) {
        Optional<AdmissionRules.Criterion> count = subs.stream().filter(s -> s.name().equals("count")).findFirst();
        Optional<BigDecimal> score = Quantities.parse(k.value());
        if (count.isEmpty() || score.isEmpty() || k.op() != Op.GE) {
            return never(k.name(), k.description());
        }
        NumberTest enough = NumberTest.of(Op.of(String.valueOf(count.get().op())).orElse(Op.GE),
                String.valueOf(count.get().value()));
        double min = score.get().doubleValue();
        Function<Subject, Long> scored = s -> s.facts().cves().stream().filter(v -> v.score() >= min)
                .map(ImageFacts.Cve::name).distinct().count();
        return new Check(k.name(), true, Check.Source.SCAN, s -> enough.test(scored.apply(s)),
                s -> List.of("Found %d CVEs with a score of %s or more".formatted(scored.apply(s), k.value().strip())),
                k.description());
    }

    /**
     * {@code resourceLimit}: its sub-criteria compare a container's {@code cpuRequest}, {@code cpuLimit},
     * {@code memoryRequest} or {@code memoryLimit} ({@link ContainerView#resources()}) with a number or quantity;
     * as in NeuVector, any one holding is enough.
     */
    private static Check resourceLimit(List<AdmissionRules.Criterion> subs, String description) {
        Map<String, NumberTest> tests = new LinkedHashMap<>();
        for (AdmissionRules.Criterion sub : subs) {
            Optional<Op> op = Op.of(String.valueOf(sub.op()));
            if (op.isPresent() && sub.value() != null && !sub.value().isBlank()) {
                tests.put(sub.name(), NumberTest.of(op.get(), sub.value()));
            }
        }
        return new Check("resourceLimit", true, Check.Source.YAML, s -> tests.entrySet().stream()
                .anyMatch(t -> {
                    BigDecimal actual = s.container().resources().get(t.getKey());
                    return actual != null && t.getValue().test(actual);
                }), _ -> List.of(), description);
    }

    /** How a criterion reads in messages: {@code runAsPrivileged = true}, {@code cveHighCount >= 3 (publishDays >= 30)}. */
    private static String describe(String name, String op, String value, String path,
            List<AdmissionRules.Criterion> subs) {
        StringBuilder b = new StringBuilder(name);
        if (name.equals("customPath") && path != null) {
            b.append(' ').append(path);
        }
        if (op != null && !op.isEmpty()) {
            b.append(' ').append(op);
        }
        if (!value.isEmpty()) {
            b.append(' ').append(Op.of(String.valueOf(op)).map(Op::takesList).orElse(false) ? "{" + value + "}"
                    : value);
        }
        if (!subs.isEmpty()) {
            b.append(" (").append(subs.stream().map(s -> s.name() + " " + s.op() + " " + s.value())
                    .collect(Collectors.joining(", "))).append(')');
        }
        return b.toString();
    }
}
