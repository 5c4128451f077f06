package dev.bulwark.scanner.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.ImageSettings;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.scanner.layer.FileTree;
import dev.bulwark.scanner.secret.SecretScanner;
import dev.bulwark.scanner.source.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an image the way NeuVector's image compliance does (CIS Docker Benchmark section 4: {@code I.4.1},
 * {@code I.4.6}, {@code I.4.8}, {@code I.4.9}, {@code I.4.10}) plus Bulwark's own {@code I.B.*} checks, and
 * gives the image settings with secrets redacted.
 */
public final class ImageCompliance {

    private static final int MAX_EVIDENCE = 20;
    private static final Set<String> ROOT_USERS = Set.of("", "root", "0", "root:root", "0:0", "root:0", "0:root");
    private static final Pattern REMOTE_ADD = Pattern.compile("(?:^|\\s|\\(nop\\)\\s+)ADD\\s+(?:--\\S+\\s+)*(https?://\\S+)");
    private static final List<String> CACHE_DIRS = List.of("var/cache/apt/archives", "var/lib/apt/lists",
            "var/cache/apk", "var/cache/yum", "var/cache/dnf", "var/cache/zypp", "root/.cache/pip", "root/.npm/_cacache");
    private static final Set<String> APT_LIST_KEEP = Set.of("var/lib/apt/lists/lock");

    private final SecretScanner secrets;

    public ImageCompliance(SecretScanner secrets) {
        this.secrets = secrets;
    }

    /** What the checks found and the settings as reports show them. */
    public record Result(ImageSettings settings, List<ComplianceCheck> checks) {}

    /**
     * @param registryReference the normalised reference of an image pulled from a registry, empty for archives
     *     and layouts, whose tag says nothing about what gets deployed
     */
    public Result check(ImageConfig config, Optional<String> registryReference, FileTree tree,
            List<SetIdFile> setIdFiles) {
        JsonNode c = config.raw().path("config");
        String user = c.path("User").asText("");
        List<String> secretEvidence = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (JsonNode e : c.path("Env")) {
            env.add(redacted("ENV", e.asText(), secretEvidence));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(l -> {
            String shown = redacted("LABEL", l.getKey() + "=" + l.getValue().asText(""), secretEvidence);
            labels.put(l.getKey(), shown.substring(shown.indexOf('=') + 1));
        });
        List<String> history = new ArrayList<>();
        for (ImageConfig.HistoryEntry h : config.history()) {
            history.add(redacted("history", h.createdBy(), secretEvidence));
        }
        List<String> ports = new ArrayList<>();
        c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        JsonNode test = c.path("Healthcheck").path("Test");
        boolean healthcheck = test.isArray() && !test.isEmpty() && !test.get(0).asText().equals("NONE");
        ImageSettings settings = new ImageSettings(user, env, labels, ports, strings(c.path("Entrypoint")),
                strings(c.path("Cmd")), healthcheck, history);

        List<ComplianceCheck> checks = new ArrayList<>();
        checks.add(check("I.4.1", "Ensure a user for the container has been created",
                ROOT_USERS.contains(user.strip()) ? List.of("USER is " + (user.isBlank() ? "not set (root)" : user))
                        : List.of(),
                "Create a non-root user in the Dockerfile and switch to it with USER."));
        checks.add(check("I.4.6", "Ensure HEALTHCHECK instructions have been added to container images",
                healthcheck ? List.of() : List.of("no HEALTHCHECK in the image config"),
                "Add a HEALTHCHECK instruction that tests the service the container provides."));
        checks.add(check("I.4.8", "Ensure setuid and setgid permissions are removed",
                setIdFiles.stream().map(f -> f.kind() + " " + f.mode() + " /" + f.path()).limit(MAX_EVIDENCE).toList(),
                "Remove setuid and setgid bits the application does not need: RUN find / -perm /6000 -type f "
                        + "-exec chmod a-s {} + || true"));
        checks.add(check("I.4.9", "Ensure that COPY is used instead of ADD in Dockerfiles (remote URLs)",
                remoteAdds(config), "Download with a verified checksum in a RUN step, or COPY files from the build "
                        + "context, instead of ADD of a remote URL."));
        checks.add(check("I.4.10", "Ensure secrets are not stored in Dockerfiles",
                secretEvidence.stream().limit(MAX_EVIDENCE).toList(),
                "Pass secrets at run time (orchestrator secrets, mounted files) or with build secrets "
                        + "(RUN --mount=type=secret), never in ENV, LABEL or build arguments."));
        checks.add(check("I.B.1", "Ensure the image does not ship or expose an SSH server", ssh(ports, tree),
                "Remove openssh-server and EXPOSE 22; use kubectl exec or docker exec for access."));
        registryReference.map(ImageCompliance::tagCheck).ifPresent(checks::add);
        checks.add(check("I.B.3", "Ensure package manager caches are removed", caches(tree),
                "Clean caches in the same RUN step that installs packages (apt-get clean && rm -rf "
                        + "/var/lib/apt/lists/*, apk add --no-cache, dnf clean all)."));
        return new Result(settings, checks);
    }

    private static ComplianceCheck check(String id, String description, List<String> evidence, String remediation) {
        return new ComplianceCheck(id, evidence.isEmpty() ? ComplianceCheck.PASS : ComplianceCheck.WARN, description,
                evidence, remediation);
    }

    /** The text with every secret in it redacted; each secret also becomes evidence for I.4.10. */
    private String redacted(String where, String text, List<String> evidence) {
        List<SecretScanner.Match> found = secrets.scan(text);
        if (found.isEmpty()) {
            return text;
        }
        found.forEach(m -> evidence.add("%s: %s (%s)".formatted(where, m.redacted(), m.rule().title())));
        return found.getFirst().redacted();
    }

    private static List<String> remoteAdds(ImageConfig config) {
        List<String> out = new ArrayList<>();
        for (ImageConfig.HistoryEntry h : config.history()) {
            var m = REMOTE_ADD.matcher(h.createdBy());
            if (m.find()) {
                out.add("ADD " + m.group(1));
            }
        }
        return out;
    }

    private static List<String> ssh(List<String> ports, FileTree tree) {
        List<String> out = new ArrayList<>();
        if (ports.contains("22/tcp") || ports.contains("22")) {
            out.add("port 22 is exposed");
        }
        for (String sshd : List.of("usr/sbin/sshd", "usr/sbin/dropbear")) {
            if (tree.fileLayer(sshd) >= 0) {
                out.add("/" + sshd + " is installed");
            }
        }
        return out;
    }

    private static ComplianceCheck tagCheck(String reference) {
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        boolean latest = !reference.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"));
        return check("I.B.2", "Ensure images are referenced by a fixed tag or digest",
                latest ? List.of(reference + " uses the latest tag, which moves") : List.of(),
                "Deploy images by digest or by an immutable version tag.");
    }

    private static List<String> caches(FileTree tree) {
        List<String> out = new ArrayList<>();
        for (String dir : CACHE_DIRS) {
            tree.filesUnder(dir, MAX_EVIDENCE).stream().filter(f -> !APT_LIST_KEEP.contains(f.path()))
                    .findFirst().ifPresent(f -> out.add("/" + dir + " holds files (/" + f.path() + ")"));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
