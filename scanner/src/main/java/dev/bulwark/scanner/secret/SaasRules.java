package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import java.util.List;

/** Social networks and software-as-a-service APIs. */
final class SaasRules {

    private SaasRules() {}

    static List<SecretRule> all() {
        return List.of(
                prefixed("facebook-access-token", "Facebook", "Facebook access token", HIGH,
                        "\\bEAA[A-Za-z0-9]{90,400}+" + END, "eaa"),
                keyed("facebook-app-secret", "Facebook", "Facebook app secret", HIGH, "[a-f0-9]{32}", "facebook",
                        "fb_app_secret", "fb_secret"),
                prefixed("twitter-bearer-token", "Twitter", "Twitter bearer token", HIGH,
                        "\\bAAAAAAAAAAAAAAAAAAAAA[0-9A-Za-z%]{30,200}+" + END, "aaaaaaaaaaaaaaaaaaaaa"),
                keyed("twitter-api-secret", "Twitter", "Twitter API secret", HIGH, "[A-Za-z0-9]{50}", "twitter"),
                keyed("linkedin-client-secret", "LinkedIn", "LinkedIn client secret", HIGH, "[0-9a-zA-Z]{16}",
                        "linkedin"),
                prefixed("hubspot-private-app-token", "HubSpot", "HubSpot private app token", HIGH,
                        "\\bpat-(?:na|eu)1-" + UUID + END, "pat-na1-", "pat-eu1-"),
                prefixed("salesforce-access-token", "Salesforce", "Salesforce access token", HIGH,
                        "\\b00D[A-Za-z0-9]{12}![A-Za-z0-9_.]{96}" + END, "00d"),
                prefixed("airtable-token", "Airtable", "Airtable personal access token", HIGH,
                        "\\bpat[A-Za-z0-9]{14}\\.[a-f0-9]{64}" + END, "pat"),
                keyed("asana-token", "Asana", "Asana personal access token", HIGH,
                        "[0-9]/[0-9]{16}:[A-Za-z0-9]{32}|2/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}", "asana"),
                prefixed("notion-token", "Notion", "Notion integration token", HIGH,
                        "\\b(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})" + END, "secret_", "ntn_"),
                prefixed("linear-api-key", "Linear", "Linear API key", HIGH, "\\blin_api_[A-Za-z0-9]{40}" + END,
                        "lin_api_"),
                prefixed("figma-token", "Figma", "Figma personal access token", HIGH, "\\bfigd_[A-Za-z0-9_\\-]{40}" + END,
                        "figd_"),
                prefixed("mapbox-secret-token", "Mapbox", "Mapbox secret token", HIGH,
                        "\\bsk\\.eyJ[A-Za-z0-9_\\-]{50,300}+\\.[A-Za-z0-9_\\-]{20,40}" + END, "sk.eyj"),
                prefixed("dropbox-token", "Dropbox", "Dropbox short-lived access token", HIGH,
                        "\\bsl\\.[A-Za-z0-9_\\-]{130,160}+" + END, "sl."),
                prefixed("typeform-token", "Typeform", "Typeform personal access token", HIGH,
                        "\\btfp_[A-Za-z0-9_\\-.=]{59}" + END, "tfp_"),
                prefixed("frameio-token", "Frame.io", "Frame.io API token", HIGH, "\\bfio-u-[A-Za-z0-9_\\-=]{64}" + END,
                        "fio-u-"),
                prefixed("readme-api-key", "ReadMe", "ReadMe API key", HIGH, "\\brdme_[a-z0-9]{70}" + END, "rdme_"),
                prefixed("scalingo-token", "Scalingo", "Scalingo API token", HIGH, "\\btk-us-[A-Za-z0-9_\\-]{48}" + END,
                        "tk-us-"),
                keyed("zendesk-api-token", "Zendesk", "Zendesk API token", HIGH, "[A-Za-z0-9]{40}", "zendesk"),
                keyed("algolia-admin-key", "Algolia", "Algolia admin API key", HIGH, "[a-f0-9]{32}", "algolia"),
                keyed("spotify-client-secret", "Spotify", "Spotify client secret", HIGH, "[a-f0-9]{32}", "spotify"),
                keyed("sendbird-token", "Sendbird", "Sendbird API token", HIGH, "[a-f0-9]{40}", "sendbird"),
                keyed("pusher-secret", "Pusher", "Pusher channels secret", HIGH, "[a-f0-9]{20}", "pusher"),
                keyed("ably-api-key", "Ably", "Ably API key", HIGH,
                        "[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{6}:[A-Za-z0-9_\\-]{43}", "ably"),
                keyed("trello-token", "Trello", "Trello API token", HIGH, "ATTA[a-f0-9]{64}[A-F0-9]{8}|[a-f0-9]{64}",
                        "trello"));
    }
}
