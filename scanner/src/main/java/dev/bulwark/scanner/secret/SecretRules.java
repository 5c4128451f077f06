package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.CRITICAL;
import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.core.scan.SeverityLevel.MEDIUM;
import static dev.bulwark.scanner.secret.SecretRule.assignment;
import static dev.bulwark.scanner.secret.SecretRule.contextual;
import static dev.bulwark.scanner.secret.SecretRule.grouped;
import static dev.bulwark.scanner.secret.SecretRule.token;

import java.util.List;

/**
 * The built-in rules. Token formats come from the providers' published formats; a rule with a distinctive prefix
 * uses it as keyword. Patterns use bounded repetition only, so a 100 MB line costs linear time.
 */
public final class SecretRules {

    private SecretRules() {}

    /** End of a token: not followed by another token character. */
    private static final String END = "(?![A-Za-z0-9_\\-])";

    private static final List<SecretRule> BUILT_IN = List.of(
            token("aws-access-key-id", "AWS", "AWS access key ID", CRITICAL,
                    "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}" + END, "akia", "asia", "abia", "acca", "a3t"),
            grouped("aws-secret-access-key", "AWS", "AWS secret access key", CRITICAL,
                    "(?i)aws_?(?:secret)?_?(?:access)?_?key[\"']?\\s{0,5}[:=]\\s{0,5}[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
                    "aws"),
            token("github-pat", "GitHub", "GitHub personal access token", CRITICAL, "\\bghp_[A-Za-z0-9]{36}" + END,
                    "ghp_"),
            token("github-fine-grained-pat", "GitHub", "GitHub fine-grained personal access token", CRITICAL,
                    "\\bgithub_pat_[A-Za-z0-9_]{82}" + END, "github_pat_"),
            token("github-oauth-token", "GitHub", "GitHub OAuth access token", CRITICAL, "\\bgho_[A-Za-z0-9]{36}" + END,
                    "gho_"),
            token("github-app-token", "GitHub", "GitHub app token", CRITICAL, "\\b(?:ghu|ghs)_[A-Za-z0-9]{36}" + END,
                    "ghu_", "ghs_"),
            token("github-refresh-token", "GitHub", "GitHub refresh token", CRITICAL,
                    "\\bghr_[A-Za-z0-9]{36,76}" + END, "ghr_"),
            token("gitlab-pat", "GitLab", "GitLab personal access token", CRITICAL,
                    "\\bglpat-[A-Za-z0-9_\\-]{20}" + END, "glpat-"),
            token("gitlab-runner-token", "GitLab", "GitLab runner authentication token", CRITICAL,
                    "\\bglrt-[A-Za-z0-9_\\-]{20}" + END, "glrt-"),
            token("gitlab-pipeline-trigger-token", "GitLab", "GitLab pipeline trigger token", HIGH,
                    "\\bglptt-[0-9a-f]{40}" + END, "glptt-"),
            token("slack-bot-token", "Slack", "Slack bot token", HIGH,
                    "\\bxoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}" + END, "xoxb-"),
            token("slack-user-token", "Slack", "Slack user token", HIGH,
                    "\\bxox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}" + END, "xoxp-", "xoxe-"),
            token("slack-app-token", "Slack", "Slack app-level token", HIGH,
                    "\\bxapp-\\d-[A-Z0-9]{9,12}-\\d{10,13}-[a-f0-9]{64}" + END, "xapp-"),
            token("slack-webhook-url", "Slack", "Slack incoming webhook", MEDIUM,
                    "https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}" + END,
                    "hooks.slack.com"),
            token("stripe-secret-key", "Stripe", "Stripe live secret or restricted key", CRITICAL,
                    "\\b(?:sk|rk)_live_[A-Za-z0-9]{24,99}" + END, "sk_live_", "rk_live_"),
            token("google-api-key", "Google", "Google API key", HIGH, "\\bAIza[0-9A-Za-z_\\-]{35}" + END, "aiza"),
            token("gcp-service-account", "Google", "Google Cloud service account key file", CRITICAL,
                    "\"type\"\\s{0,5}:\\s{0,5}\"service_account\"", "service_account"),
            grouped("private-key", "PrivateKey", "Private key", CRITICAL,
                    "-----BEGIN ((?:[A-Z0-9]{1,10} ){0,3}PRIVATE KEY(?: BLOCK)?)-----\\r?\\n"
                            + "(?:[A-Za-z-]{1,30}: [^\\n]{1,200}\\r?\\n){0,4}\\s{0,4}"
                            + "(?:[A-Za-z0-9+/=]{40,100}\\r?\\n){2}",
                    "private key").reaching(4096),
            token("jwt", "JWT", "JSON Web Token", MEDIUM,
                    "\\beyJ[A-Za-z0-9_\\-]{10,2000}\\.eyJ[A-Za-z0-9_\\-]{10,8000}\\.[A-Za-z0-9_\\-]{20,1000}" + END,
                    "eyj").reaching(12_000),
            token("npm-access-token", "npm", "npm access token", CRITICAL, "\\bnpm_[A-Za-z0-9]{36}" + END, "npm_"),
            grouped("npmrc-auth-token", "npm", "npm registry auth token in .npmrc", HIGH,
                    "//[^\\s/]{1,200}/(?:[^\\s]{0,200}/)?:_authToken=([A-Za-z0-9_\\-.=]{20,200})", "_authtoken"),
            token("pypi-upload-token", "PyPI", "PyPI upload token", CRITICAL,
                    "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,200}" + END, "pypi-ageichlwas5vcmc"),
            grouped("docker-config-auth", "Docker", "Registry credentials in a Docker config", HIGH,
                    "\"auth\"\\s{0,5}:\\s{0,5}\"([A-Za-z0-9+/]{12,400}={0,2})\"", "\"auth\""),
            token("sendgrid-api-key", "SendGrid", "SendGrid API key", HIGH,
                    "\\bSG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}" + END, "sg."),
            token("twilio-api-key", "Twilio", "Twilio API key", HIGH, "\\bSK[0-9a-f]{32}" + END, "sk"),
            grouped("mailgun-api-key", "Mailgun", "Mailgun API key", HIGH,
                    "(?i)mailgun.{0,40}\\b(key-[0-9a-z]{32})" + END, "mailgun"),
            token("mailchimp-api-key", "MailChimp", "Mailchimp API key", HIGH, "\\b[0-9a-f]{32}-us[0-9]{1,2}" + END,
                    "-us"),
            grouped("heroku-api-key", "Heroku", "Heroku API key", HIGH,
                    "(?i)heroku.{0,40}\\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b", "heroku"),
            token("square-access-token", "Square", "Square access token", HIGH,
                    "\\bsq0atp-[0-9A-Za-z_\\-]{22}" + END, "sq0atp-"),
            token("square-oauth-secret", "Square", "Square OAuth secret", HIGH,
                    "\\bsq0csp-[0-9A-Za-z_\\-]{43}" + END, "sq0csp-"),
            token("shopify-token", "Shopify", "Shopify access token or shared secret", HIGH,
                    "\\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}" + END, "shpat_", "shpss_", "shpca_", "shppa_"),
            token("facebook-access-token", "Facebook", "Facebook access token", HIGH,
                    "\\bEAACEdEose0cBA[0-9A-Za-z]{20,300}" + END, "eaacedeose0cba"),
            token("twitter-bearer-token", "Twitter", "Twitter bearer token", HIGH,
                    "\\bAAAAAAAAAAAAAAAAAAAAA[0-9A-Za-z%]{30,200}" + END, "aaaaaaaaaaaaaaaaaaaaa"),
            grouped("linkedin-client-secret", "LinkedIn", "LinkedIn client secret", HIGH,
                    "(?i)linkedin.{0,20}(?:secret|key).{0,10}[:=]\\s{0,5}[\"']?([0-9a-zA-Z]{16})\\b", "linkedin"),
            grouped("azure-storage-account-key", "Azure", "Azure storage account key", CRITICAL,
                    "AccountKey=([A-Za-z0-9+/]{86}==)", "accountkey="),
            token("azure-ad-client-secret", "Azure", "Azure AD client secret", HIGH,
                    "(?<![A-Za-z0-9_~.\\-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.\\-]{31,34}" + END, "q~"),
            token("digitalocean-token", "DigitalOcean", "DigitalOcean token", HIGH,
                    "\\bdo[por]_v1_[a-f0-9]{64}" + END, "dop_v1_", "doo_v1_", "dor_v1_"),
            token("vault-service-token", "HashiCorp", "HashiCorp Vault service token", CRITICAL,
                    "\\bhvs\\.[A-Za-z0-9_\\-]{90,120}" + END, "hvs."),
            token("terraform-cloud-token", "HashiCorp", "Terraform Cloud API token", HIGH,
                    "\\b[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_\\-=]{60,70}" + END, "atlasv1"),
            token("openai-api-key", "OpenAI", "OpenAI API key", HIGH,
                    "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,74}T3BlbkFJ[A-Za-z0-9_\\-]{20,74}" + END,
                    "t3blbkfj"),
            token("anthropic-api-key", "Anthropic", "Anthropic API key", HIGH,
                    "\\bsk-ant-(?:api03|admin01)-[A-Za-z0-9_\\-]{80,100}" + END, "sk-ant-"),
            token("databricks-token", "Databricks", "Databricks API token", HIGH, "\\bdapi[a-f0-9]{32}(?:-\\d)?" + END,
                    "dapi"),
            token("age-secret-key", "Age", "age encryption secret key", CRITICAL,
                    "\\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\\b", "age-secret-key-1"),
            contextual("uri-credentials", "Credentials", "Password in a connection string or URL", HIGH,
                    "\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|ldaps?"
                            + "|ftp|sftp|https?|jdbc:[a-z]{2,12}:?/?)://[^\\s:/@\"'<>]{1,64}:([^\\s@/\"'<>]{3,128})"
                            + "@[A-Za-z0-9][A-Za-z0-9.\\-]{0,253}",
                    2.0, "://"),
            assignment("generic-secret-assignment", "Credentials", "Secret assigned in a configuration file", MEDIUM,
                    "(?i)(?:password|passwd|pwd|secret|token|api_?key|access_?key)"
                            + "[A-Za-z0-9_.\\-]{0,20}[\"']?\\s{0,5}(?::|=|:=|=>)\\s{0,5}[\"']([^\"'\\s]{8,100})[\"']",
                    3.0, "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "accesskey", "access_key"),
            assignment("env-secret-assignment", "Credentials", "Secret in an environment-style assignment", MEDIUM,
                    "(?m)^\\s{0,8}(?:export\\s{1,4})?[A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY)"
                            + "[A-Z0-9_]{0,20}\\s{0,3}=\\s{0,3}([^\\s'\"#]{8,100})\\s{0,20}$",
                    3.0, "password", "passwd", "secret", "token", "api_key", "access_key"));

    public static List<SecretRule> builtIn() {
        return BUILT_IN;
    }
}
