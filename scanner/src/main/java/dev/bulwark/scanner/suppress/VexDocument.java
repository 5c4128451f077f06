package dev.bulwark.scanner.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.SuppressedFinding;
import dev.bulwark.core.scan.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenVEX document (v0.2.0, and the v0.0.x form where {@code vulnerability} is a string). Statements with
 * status {@code not_affected} or {@code fixed} suppress the findings they name: the vulnerability by its name or
 * aliases, and the package by a subcomponent purl, else by a product purl; a product that is the image itself
 * ({@code pkg:oci/...}, {@code pkg:docker/...}) without subcomponents covers every package. {@code affected} and
 * {@code under_investigation} change nothing. When several statements match, the last in the document wins.
 */
public final class VexDocument implements Suppression {

    static final long MAX_BYTES = 16L << 20;
    private static final Set<String> SUPPRESSING = Set.of("not_affected", "fixed");
    private static final Set<String> STATUSES = Set.of("not_affected", "fixed", "affected", "under_investigation");

    /** One statement, reduced to what matching needs. */
    record Statement(List<String> vulnerabilities, List<String> products, List<String> subcomponents, String status,
            String reason) {}

    private final String name;
    private final List<Statement> statements;

    VexDocument(String name, List<Statement> statements) {
        this.name = name;
        this.statements = List.copyOf(statements);
    }

    public static VexDocument read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("%s: VEX document is larger than %d bytes".formatted(file, MAX_BYTES));
            }
            return parse(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read VEX document %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    static VexDocument parse(String name, byte[] body) {
        JsonNode root;
        try {
            root = Json.lenient().readTree(body);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidInputException("%s: not JSON: %s".formatted(name,
                    message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message), e);
        }
        if (root == null || !root.isObject() || !root.path("@context").asText("").startsWith("https://openvex.dev/ns")) {
            throw new InvalidInputException(name + ": not an OpenVEX document (no https://openvex.dev/ns @context)");
        }
        List<Statement> statements = new ArrayList<>();
        int index = 0;
        for (JsonNode s : root.path("statements")) {
            index++;
            String status = s.path("status").asText("");
            if (!STATUSES.contains(status)) {
                throw new InvalidInputException("%s: statement %d has unknown status '%s'".formatted(name, index, status));
            }
            List<String> vulns = new ArrayList<>();
            JsonNode v = s.path("vulnerability");
            if (v.isTextual()) {
                vulns.add(v.asText());
            } else {
                addText(v.path("name"), vulns);
                addText(v.path("@id"), vulns);
                v.path("aliases").forEach(a -> addText(a, vulns));
            }
            if (vulns.isEmpty()) {
                throw new InvalidInputException("%s: statement %d names no vulnerability".formatted(name, index));
            }
            List<String> products = new ArrayList<>();
            List<String> subcomponents = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                addRef(p, products);
                p.path("subcomponents").forEach(c -> addRef(c, subcomponents));
            }
            s.path("subcomponents").forEach(c -> addRef(c, subcomponents));
            String reason = String.join("; ", List.of(s.path("justification").asText(""),
                    s.path("impact_statement").asText(""), s.path("status_notes").asText("")).stream()
                    .filter(t -> !t.isBlank()).toList());
            statements.add(new Statement(vulns, products, subcomponents, status, reason));
        }
        return new VexDocument(name, statements);
    }

    private static void addText(JsonNode n, List<String> out) {
        if (n.isTextual() && !n.asText().isBlank()) {
            out.add(n.asText().strip());
        }
    }

    /** A product or subcomponent: a string, or an object with {@code @id} and purl identifiers. */
    private static void addRef(JsonNode n, List<String> out) {
        addText(n, out);
        addText(n.path("@id"), out);
        addText(n.path("identifiers").path("purl"), out);
    }

    @Override
    public Optional<SuppressedFinding> suppress(Vulnerability finding) {
        Statement last = null;
        for (Statement s : statements) {
            if (s.vulnerabilities().stream().anyMatch(id -> Suppression.names(finding, id)) && covers(s, finding)) {
                last = s;
            }
        }
        return last == null || !SUPPRESSING.contains(last.status()) ? Optional.empty()
                : Optional.of(new SuppressedFinding(finding, "vex:" + name, last.status(), last.reason()));
    }

    private static boolean covers(Statement s, Vulnerability finding) {
        if (!s.subcomponents().isEmpty()) {
            return s.subcomponents().stream().anyMatch(c -> Suppression.namesPackage(finding, c));
        }
        return s.products().stream().anyMatch(p -> p.startsWith("pkg:oci/") || p.startsWith("pkg:docker/")
                || Suppression.namesPackage(finding, p));
    }

    @Override
    public List<String> notices() {
        return List.of();
    }
}
