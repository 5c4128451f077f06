package dev.bulwark.controller.assets;

import com.fasterxml.jackson.databind.JsonNode;

/** One vulnerability in one package of one asset, as its report has it ({@code RESTVulnerability}). */
record Finding(String name, String severity, String description, String link, double score, String vectors,
        double scoreV3, String vectorsV3, long published, long lastModified, String feedRating, String packageName,
        String packageVersion, String fixedVersion) {

    static Finding of(JsonNode v) {
        return new Finding(v.path("name").asText(), v.path("severity").asText(), v.path("description").asText(),
                v.path("link").asText(), v.path("score").asDouble(), v.path("vectors").asText(),
                v.path("score_v3").asDouble(), v.path("vectors_v3").asText(), v.path("published_timestamp").asLong(),
                v.path("last_modified_timestamp").asLong(), v.path("feed_rating").asText(),
                v.path("package_name").asText(), v.path("package_version").asText(),
                v.path("fixed_version").asText());
    }

    /** The findings of a report as users see it (the profile's accepted ones already left out). */
    static java.util.List<Finding> of(java.util.Optional<JsonNode> report) {
        java.util.List<Finding> found = new java.util.ArrayList<>();
        report.ifPresent(r -> r.path("vulnerabilities").forEach(v -> found.add(of(v))));
        return found;
    }
}
