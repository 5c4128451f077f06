package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.core.scan.SeverityLevel.MEDIUM;
import static dev.bulwark.scanner.secret.SecretRule.inner;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import java.util.List;

/** Monitoring, logging, error tracking and feature flags. */
final class ObservabilityRules {

    private ObservabilityRules() {}

    static List<SecretRule> all() {
        return List.of(
                keyed("datadog-api-key", "Datadog", "Datadog API key", HIGH, "[a-f0-9]{32}", "datadog", "dd_api_key",
                        "dd-api-key", "ddapikey"),
                keyed("datadog-app-key", "Datadog", "Datadog application key", HIGH, "[a-f0-9]{40}", "datadog",
                        "dd_app_key", "dd-app-key", "ddappkey"),
                prefixed("newrelic-user-key", "New Relic", "New Relic user API key", HIGH, "\\bNRAK-[A-Z0-9]{27}" + END,
                        "nrak-"),
                prefixed("newrelic-insert-key", "New Relic", "New Relic insert key", HIGH,
                        "\\bNRI[IQ]-[A-Za-z0-9_\\-]{32}" + END, "nrii-", "nriq-"),
                prefixed("newrelic-browser-key", "New Relic", "New Relic browser API key", MEDIUM,
                        "\\bNRJS-[a-f0-9]{19}" + END, "nrjs-"),
                prefixed("newrelic-rest-key", "New Relic", "New Relic REST API key", HIGH, "\\bNRRA-[a-f0-9]{42}" + END,
                        "nrra-"),
                inner("newrelic-license-key", "New Relic", "New Relic license key", HIGH, "\\b[a-f0-9]{36}NRAL" + END,
                        "nral"),
                prefixed("dynatrace-token", "Dynatrace", "Dynatrace API token", HIGH,
                        "\\bdt0[cs]01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}" + END, "dt0c01.", "dt0s01."),
                prefixed("grafana-cloud-token", "Grafana", "Grafana Cloud access policy token", HIGH,
                        "\\bglc_[A-Za-z0-9+/]{32,400}+={0,2}" + END, "glc_"),
                prefixed("grafana-service-account-token", "Grafana", "Grafana service account token", HIGH,
                        "\\bglsa_[A-Za-z0-9]{32}_[a-f0-9]{8}" + END, "glsa_"),
                prefixed("grafana-api-key", "Grafana", "Grafana API key", HIGH, "\\beyJrIjoi[A-Za-z0-9]{60,200}+={0,2}"
                        + END, "eyjrijoi"),
                prefixed("sentry-org-token", "Sentry", "Sentry organization auth token", HIGH,
                        "\\bsntrys_eyJ[A-Za-z0-9+/=_\\-]{60,500}+", "sntrys_"),
                prefixed("sentry-user-token", "Sentry", "Sentry user auth token", HIGH, "\\bsntryu_[a-f0-9]{64}" + END,
                        "sntryu_"),
                keyed("sentry-auth-token", "Sentry", "Sentry legacy auth token", HIGH, "[a-f0-9]{64}", "sentry"),
                keyed("honeycomb-api-key", "Honeycomb", "Honeycomb API key", HIGH,
                        "hc[a-z]{2}[ki]_[a-z0-9]{58}|[A-Za-z0-9]{32}|[A-Za-z0-9]{22}", "honeycomb"),
                keyed("splunk-hec-token", "Splunk", "Splunk HTTP event collector token", HIGH, UUID, "splunk"),
                keyed("sumologic-access-key", "Sumo Logic", "Sumo Logic access key", HIGH, "[A-Za-z0-9]{64}", "sumo"),
                keyed("pagerduty-token", "PagerDuty", "PagerDuty API token", HIGH, "[A-Za-z0-9_+\\-]{20}", "pagerduty"),
                keyed("opsgenie-api-key", "Opsgenie", "Opsgenie API key", HIGH, UUID, "opsgenie"),
                keyed("rollbar-token", "Rollbar", "Rollbar access token", HIGH, "[a-f0-9]{32}", "rollbar"),
                keyed("bugsnag-api-key", "Bugsnag", "Bugsnag API key", MEDIUM, "[a-f0-9]{32}", "bugsnag"),
                keyed("loggly-token", "Loggly", "Loggly customer token", MEDIUM, UUID, "loggly"),
                prefixed("coralogix-key", "Coralogix", "Coralogix API key", HIGH, "\\bcx(?:tp|up)_[A-Za-z0-9]{30}" + END,
                        "cxtp_", "cxup_"),
                prefixed("axiom-token", "Axiom", "Axiom API or personal token", HIGH, "\\bxa[ap]t-" + UUID + END,
                        "xaat-", "xapt-"),
                prefixed("launchdarkly-key", "LaunchDarkly", "LaunchDarkly SDK or API key", HIGH,
                        "\\b(?:api|sdk|mob)-" + UUID + END, "api-", "sdk-", "mob-"));
    }
}
