package dev.bulwark.controller.score;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code RESTSecurityScores}: each factor of the security risk score in points, three of them also as a percentage
 * of their maximum ({@code *_by_100}), and the total, 0 (good) to 100. See {@link RiskScore} for the formula.
 */
public record SecurityScores(int newServiceModeScore, int serviceModeScore,
        @JsonProperty("service_mode_score_by_100") int serviceModeScoreBy100, int exposureScore,
        @JsonProperty("exposure_score_by_100") int exposureScoreBy100, int privilegedContainerScore,
        int runAsRootScore, int admissionRuleScore, int vulnerabilityScore,
        @JsonProperty("vulnerability_score_by_100") int vulnerabilityScoreBy100, int securityRiskScore) {}
