package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.CRITICAL;
import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.core.scan.SeverityLevel.MEDIUM;
import static dev.bulwark.scanner.secret.SecretRule.grouped;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import dev.bulwark.core.scan.SeverityLevel;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Source hosting, CI/CD and package registries. */
final class SourceRules {

    private SourceRules() {}

    /** A GitLab token body: 20 characters, or a routable token's payload with its {@code .01.} suffix. */
    private static final String GITLAB_BODY = "[A-Za-z0-9_\\-]{20,300}+(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?";

    private static SecretRule gitlab(String id, String title, SeverityLevel severity, String prefix, String body) {
        return prefixed(id, "GitLab", title, severity, "\\b" + prefix + body + END, prefix.toLowerCase(Locale.ROOT));
    }

    static List<SecretRule> all() {
        return Stream.of(github(), gitlab(), others()).flatMap(List::stream).toList();
    }

    private static List<SecretRule> github() {
        return List.of(
                prefixed("github-pat", "GitHub", "GitHub personal access token", CRITICAL, "\\bghp_[A-Za-z0-9]{36}" + END,
                        "ghp_"),
                prefixed("github-fine-grained-pat", "GitHub", "GitHub fine-grained personal access token", CRITICAL,
                        "\\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + END, "github_pat_"),
                prefixed("github-oauth-token", "GitHub", "GitHub OAuth access token", CRITICAL,
                        "\\bgho_[A-Za-z0-9]{36}" + END, "gho_"),
                prefixed("github-app-token", "GitHub", "GitHub app token", CRITICAL, "\\bgh[us]_[A-Za-z0-9]{36}" + END,
                        "ghu_", "ghs_"),
                prefixed("github-refresh-token", "GitHub", "GitHub refresh token", CRITICAL,
                        "\\bghr_[A-Za-z0-9]{36,76}" + END, "ghr_"));
    }

    private static List<SecretRule> gitlab() {
        return List.of(
                gitlab("gitlab-pat", "GitLab personal, project or group access token", CRITICAL, "glpat-", GITLAB_BODY),
                gitlab("gitlab-deploy-token", "GitLab deploy token", HIGH, "gldt-", GITLAB_BODY),
                gitlab("gitlab-feed-token", "GitLab feed token", HIGH, "glft-", GITLAB_BODY),
                gitlab("gitlab-incoming-mail-token", "GitLab incoming mail token", HIGH, "glimt-", GITLAB_BODY),
                gitlab("gitlab-agent-token", "GitLab agent for Kubernetes token", CRITICAL, "glagent-",
                        "[A-Za-z0-9_\\-]{50,300}+(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?"),
                gitlab("gitlab-oauth-app-secret", "GitLab OAuth application secret", HIGH, "gloas-",
                        "[a-f0-9]{64}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?"),
                gitlab("gitlab-ci-job-token", "GitLab CI/CD job token", HIGH, "glcbt-",
                        "(?:[0-9a-f]{1,5}_)?" + GITLAB_BODY),
                gitlab("gitlab-feature-flag-token", "GitLab feature flags client token", HIGH, "glffct-", GITLAB_BODY),
                gitlab("gitlab-scim-token", "GitLab SCIM OAuth access token", HIGH, "glsoat-", GITLAB_BODY),
                gitlab("gitlab-runner-token", "GitLab runner authentication token", CRITICAL, "glrt-",
                        "(?:t\\d_)?" + GITLAB_BODY),
                gitlab("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", HIGH, "glptt-",
                        "[0-9a-f]{40}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?"),
                gitlab("gitlab-runner-registration-token", "GitLab runner registration token", HIGH, "GR1348941",
                        "[A-Za-z0-9_\\-]{20}"),
                gitlab("gitlab-workspace-token", "GitLab workspace token", HIGH, "glwt-",
                        GITLAB_BODY),
                grouped("gitlab-session-cookie", "GitLab", "GitLab session cookie", HIGH,
                        "_gitlab_session=([0-9a-f]{32})" + END, "_gitlab_session="));
    }

    private static List<SecretRule> others() {
        return List.of(
                prefixed("bitbucket-app-password", "Bitbucket", "Bitbucket app password", CRITICAL,
                        "\\bATBB[A-Za-z0-9_=.\\-]{32}" + END, "atbb"),
                keyed("bitbucket-client-secret", "Bitbucket", "Bitbucket OAuth client secret", HIGH,
                        "[A-Za-z0-9_=\\-]{32,64}", "bitbucket"),
                prefixed("atlassian-api-token", "Atlassian", "Atlassian API token", HIGH,
                        "\\bATATT3[A-Za-z0-9_\\-=]{180,200}+" + END, "atatt3"),
                keyed("atlassian-legacy-api-token", "Atlassian", "Atlassian legacy API token", HIGH, "[A-Za-z0-9]{24}",
                        "atlassian", "jira", "confluence"),
                prefixed("circleci-token", "CircleCI", "CircleCI personal or project token", HIGH,
                        "\\bCCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}" + END, "ccipat_", "cciprj_"),
                keyed("circleci-legacy-token", "CircleCI", "CircleCI legacy API token", HIGH, "[a-f0-9]{40}",
                        "circleci", "circle_token"),
                keyed("travis-ci-token", "Travis CI", "Travis CI API token", HIGH, "[A-Za-z0-9_\\-]{22}", "travis"),
                prefixed("buildkite-token", "Buildkite", "Buildkite API access token", HIGH, "\\bbkua_[a-f0-9]{40}" + END,
                        "bkua_"),
                keyed("jenkins-api-token", "Jenkins", "Jenkins API token", HIGH, "11[a-f0-9]{32}", "jenkins"),
                keyed("drone-ci-token", "Drone", "Drone CI token", HIGH, "[A-Za-z0-9]{32}", "drone_token",
                        "drone-token", "dronetoken"),
                keyed("codecov-token", "Codecov", "Codecov upload token", MEDIUM, UUID, "codecov"),
                prefixed("sonarqube-token", "SonarQube", "SonarQube or SonarCloud token", HIGH,
                        "\\bsq[pua]_[a-f0-9]{40}" + END, "sqp_", "squ_", "sqa_"),
                keyed("snyk-token", "Snyk", "Snyk API token", HIGH, UUID, "snyk"),
                prefixed("octopus-deploy-api-key", "Octopus Deploy", "Octopus Deploy API key", HIGH,
                        "\\bAPI-[A-Z0-9]{26}" + END, "api-"),
                prefixed("harness-token", "Harness", "Harness access token", HIGH,
                        "\\b(?:pat|sat)\\.[A-Za-z0-9_\\-]{22}\\.[0-9a-f]{24}\\.[A-Za-z0-9]{20}" + END, "pat.", "sat."),
                prefixed("npm-access-token", "npm", "npm access token", CRITICAL, "\\bnpm_[A-Za-z0-9]{36}" + END, "npm_"),
                grouped("npmrc-auth-token", "npm", "npm registry auth token in .npmrc", HIGH,
                        "_authToken=([A-Za-z0-9_\\-.=]{20,200}+)", "_authtoken="),
                prefixed("pypi-upload-token", "PyPI", "PyPI upload token", CRITICAL,
                        "\\bpypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\\-]{50,300}+" + END, "pypi-age"),
                prefixed("rubygems-api-key", "RubyGems", "RubyGems API key", CRITICAL,
                        "\\brubygems_[a-f0-9]{48}" + END, "rubygems_"),
                prefixed("nuget-api-key", "NuGet", "NuGet API key", CRITICAL, "\\boy2[a-z0-9]{43}" + END, "oy2"),
                prefixed("docker-hub-token", "Docker", "Docker Hub personal or organization access token", CRITICAL,
                        "\\bdckr_(?:pat|oat)_[A-Za-z0-9_\\-]{27,32}" + END, "dckr_pat_", "dckr_oat_"),
                grouped("docker-config-auth", "Docker", "Registry credentials in a Docker config", HIGH,
                        "\"auth\"\\s{0,5}:\\s{0,5}\"([A-Za-z0-9+/]{12,400}+={0,2})\"", "\"auth\""),
                prefixed("jfrog-api-key", "JFrog", "JFrog Artifactory API key", CRITICAL,
                        "\\bAKCp[A-Za-z0-9]{69}" + END, "akcp"),
                prefixed("jfrog-reference-token", "JFrog", "JFrog Artifactory reference token", CRITICAL,
                        "\\bcmVmdGtu[A-Za-z0-9]{56}" + END, "cmvmdgtu"),
                prefixed("clojars-token", "Clojars", "Clojars deploy token", HIGH, "\\bCLOJARS_[a-z0-9]{60}" + END,
                        "clojars_"),
                prefixed("crates-io-token", "crates.io", "crates.io API token", HIGH, "\\bcio[A-Za-z0-9]{32}" + END,
                        "cio"));
    }
}
