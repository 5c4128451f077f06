package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.CRITICAL;
import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.scanner.secret.SecretRule.grouped;
import static dev.bulwark.scanner.secret.SecretRule.inner;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import java.util.List;

/** Cloud providers, CDNs and hosting platforms. */
final class CloudRules {

    private CloudRules() {}

    static List<SecretRule> all() {
        return List.of(
                prefixed("aws-access-key-id", "AWS", "AWS access key ID", CRITICAL,
                        "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}" + END, "akia", "asia", "abia", "acca", "a3t"),
                keyed("aws-secret-access-key", "AWS", "AWS secret access key", CRITICAL,
                        "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", "aws", "secret_access_key", "secretaccesskey"),
                keyed("aws-session-token", "AWS", "AWS session token", HIGH, "[A-Za-z0-9/+=]{100,1200}+",
                        "aws_session_token", "awssessiontoken", "aws-session-token").reaching(1400),
                prefixed("aws-bedrock-api-key", "AWS", "Amazon Bedrock long-term API key", CRITICAL,
                        "\\bABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{60,300}+={0,2}(?![A-Za-z0-9+/=])", "absk"),
                prefixed("aws-bedrock-short-term-key", "AWS", "Amazon Bedrock short-term API key", HIGH,
                        "\\bbedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&_\\-]{40,2000}+",
                        "bedrock-api-key-").reaching(2200),
                prefixed("aws-mws-auth-token", "AWS", "Amazon MWS auth token", HIGH, "\\bamzn\\.mws\\." + UUID + END,
                        "amzn.mws."),
                prefixed("google-api-key", "Google", "Google API key", HIGH, "\\bAIza[0-9A-Za-z_\\-]{35}" + END, "aiza"),
                grouped("gcp-service-account", "Google", "Google Cloud service account key file", CRITICAL,
                        "service_account\"[^{}]{0,400}?\"private_key_id\"\\s{0,5}:\\s{0,5}\"([a-f0-9]{40})\"",
                        "service_account\""),
                prefixed("google-oauth-client-secret", "Google", "Google OAuth client secret", HIGH,
                        "\\bGOCSPX-[A-Za-z0-9_\\-]{28}" + END, "gocspx-"),
                prefixed("google-oauth-access-token", "Google", "Google OAuth access token", HIGH,
                        "\\bya29\\.[A-Za-z0-9_\\-]{50,2048}+" + END, "ya29.").reaching(2200),
                prefixed("google-oauth-refresh-token", "Google", "Google OAuth refresh token", HIGH,
                        "(?<![A-Za-z0-9_\\-])1//0[A-Za-z0-9_\\-]{40,300}+" + END, "1//0"),
                inner("firebase-cloud-messaging-key", "Google", "Firebase Cloud Messaging server key", HIGH,
                        "\\bAAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{134}" + END, ":apa91b"),
                grouped("azure-storage-account-key", "Azure", "Azure storage account key", CRITICAL,
                        "AccountKey=([A-Za-z0-9+/]{86}==)", "accountkey="),
                grouped("azure-shared-access-key", "Azure", "Azure Service Bus or Event Hubs shared access key", HIGH,
                        "SharedAccessKey=([A-Za-z0-9+/]{42,43}=)", "sharedaccesskey="),
                grouped("azure-sas-token", "Azure", "Azure shared access signature", HIGH,
                        "sv=20\\d\\d-\\d\\d-\\d\\d&[A-Za-z0-9&=%:.,_\\-]{0,300}?sig=([A-Za-z0-9%+/]{40,120}+)", "sv=20"),
                inner("azure-ad-client-secret", "Azure", "Azure AD client secret", HIGH,
                        "(?<![A-Za-z0-9_~.\\-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.\\-]{31,34}" + END, "q~"),
                keyed("azure-devops-pat", "Azure", "Azure DevOps personal access token", HIGH, "[a-z2-7]{52}",
                        "azure_devops", "azuredevops", "azure-devops", "ado_pat", "devops_pat"),
                prefixed("alibaba-access-key-id", "Alibaba", "Alibaba Cloud AccessKey ID", CRITICAL,
                        "\\bLTAI[A-Za-z0-9]{12,20}" + END, "ltai"),
                keyed("alibaba-access-key-secret", "Alibaba", "Alibaba Cloud AccessKey secret", CRITICAL,
                        "[A-Za-z0-9]{30}", "alibaba", "aliyun", "alicloud"),
                prefixed("tencent-secret-id", "Tencent", "Tencent Cloud SecretId", CRITICAL,
                        "\\bAKID[A-Za-z0-9]{32}" + END, "akid"),
                keyed("tencent-secret-key", "Tencent", "Tencent Cloud SecretKey", CRITICAL, "[A-Za-z0-9]{32}",
                        "tencent"),
                keyed("ibm-cloud-api-key", "IBM", "IBM Cloud API key", CRITICAL, "[A-Za-z0-9_\\-]{44}", "ibm_cloud",
                        "ibmcloud", "ibm-cloud", "ibm_api"),
                keyed("oracle-cloud-auth-token", "Oracle", "Oracle Cloud auth token", HIGH, "[A-Za-z0-9+.:#_\\-]{20}",
                        "oci_auth_token", "oci-auth-token", "ociauthtoken", "oracle_auth_token"),
                prefixed("digitalocean-token", "DigitalOcean", "DigitalOcean token", HIGH,
                        "\\bdo[por]_v1_[a-f0-9]{64}" + END, "dop_v1_", "doo_v1_", "dor_v1_"),
                keyed("linode-token", "Linode", "Linode personal access token", HIGH, "[a-f0-9]{64}", "linode"),
                keyed("scaleway-secret-key", "Scaleway", "Scaleway secret key", HIGH, UUID, "scaleway", "scw_secret",
                        "scw-secret"),
                keyed("hetzner-cloud-token", "Hetzner", "Hetzner Cloud API token", HIGH, "[A-Za-z0-9]{64}", "hcloud",
                        "hetzner"),
                keyed("vultr-api-key", "Vultr", "Vultr API key", HIGH, "[A-Z0-9]{36}", "vultr"),
                keyed("cloudflare-global-api-key", "Cloudflare", "Cloudflare global API key", HIGH, "[a-f0-9]{37}",
                        "cloudflare", "cf_api_key", "cf-api-key"),
                keyed("cloudflare-api-token", "Cloudflare", "Cloudflare API token", HIGH, "[A-Za-z0-9_\\-]{40}",
                        "cloudflare", "cf_api_token", "cf_token"),
                prefixed("cloudflare-origin-ca-key", "Cloudflare", "Cloudflare Origin CA key", HIGH,
                        "\\bv1\\.0-[a-f0-9]{24}-[a-f0-9]{146}" + END, "v1.0-"),
                keyed("fastly-api-token", "Fastly", "Fastly API token", HIGH, "[A-Za-z0-9_\\-]{32}", "fastly"),
                prefixed("akamai-client-token", "Akamai", "Akamai EdgeGrid client token", HIGH,
                        "\\bakab-[a-z0-9]{16}-[a-z0-9]{16}" + END, "akab-"),
                prefixed("yandex-api-key", "Yandex", "Yandex Cloud API key", HIGH, "\\bAQVN[A-Za-z0-9_\\-]{35,38}" + END,
                        "aqvn"),
                prefixed("yandex-iam-token", "Yandex", "Yandex Cloud IAM token", HIGH,
                        "\\bt1\\.[A-Za-z0-9_\\-]{20,200}+={0,2}\\.[A-Za-z0-9_\\-]{86}={0,2}" + END, "t1."),
                prefixed("yandex-oauth-token", "Yandex", "Yandex OAuth token", HIGH, "\\by[0-3]_[A-Za-z0-9_\\-]{55}" + END,
                        "y0_", "y1_", "y2_", "y3_"),
                prefixed("heroku-api-key-v2", "Heroku", "Heroku platform API token", HIGH,
                        "\\bHRKU-[A-Za-z0-9_\\-]{40,80}+" + END, "hrku-"),
                keyed("heroku-api-key", "Heroku", "Heroku API key", HIGH, UUID, "heroku"),
                prefixed("flyio-access-token", "Fly.io", "Fly.io access token", HIGH, "\\bfo1_[A-Za-z0-9_\\-]{43}" + END,
                        "fo1_"),
                prefixed("flyio-macaroon", "Fly.io", "Fly.io macaroon token", HIGH,
                        "\\bFlyV1 fm[12][ar]?_[A-Za-z0-9+/=,_\\-]{100,1200}+", "flyv1 fm").reaching(1400),
                prefixed("netlify-token", "Netlify", "Netlify access token", HIGH, "\\bnf[pco]_[A-Za-z0-9]{36}" + END,
                        "nfp_", "nfc_", "nfo_"),
                keyed("netlify-legacy-token", "Netlify", "Netlify legacy access token", HIGH, "[A-Za-z0-9_\\-]{43,45}",
                        "netlify"),
                keyed("vercel-token", "Vercel", "Vercel access token", HIGH, "[A-Za-z0-9]{24}", "vercel"),
                prefixed("render-api-key", "Render", "Render API key", HIGH, "\\brnd_[A-Za-z0-9]{28,32}" + END, "rnd_"),
                keyed("railway-token", "Railway", "Railway API token", HIGH, UUID, "railway"),
                prefixed("tailscale-key", "Tailscale", "Tailscale auth or API key", HIGH,
                        "\\btskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,40}" + END, "tskey-"),
                keyed("ngrok-authtoken", "ngrok", "ngrok authtoken", HIGH, "[1-9][A-Za-z0-9]{26}_[A-Za-z0-9]{21}",
                        "ngrok"));
    }
}
