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

/** Infrastructure and secret-management tools, identity providers and hosted databases. */
final class InfrastructureRules {

    private InfrastructureRules() {}

    static List<SecretRule> all() {
        return List.of(
                prefixed("vault-service-token", "HashiCorp", "HashiCorp Vault service token", CRITICAL,
                        "\\bhvs\\.[A-Za-z0-9_\\-]{24,300}+" + END, "hvs."),
                prefixed("vault-batch-token", "HashiCorp", "HashiCorp Vault batch token", CRITICAL,
                        "\\bhvb\\.[A-Za-z0-9_\\-]{24,300}+" + END, "hvb."),
                keyed("vault-legacy-token", "HashiCorp", "HashiCorp Vault token (legacy format)", CRITICAL,
                        "[sb]\\.[A-Za-z0-9]{24}", "vault"),
                inner("terraform-cloud-token", "HashiCorp", "Terraform Cloud API token", HIGH,
                        "\\b[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_\\-=]{60,70}" + END, "atlasv1"),
                keyed("consul-token", "HashiCorp", "HashiCorp Consul or Nomad ACL token", HIGH, UUID,
                        "consul_http_token", "consul_token", "nomad_token"),
                prefixed("pulumi-access-token", "Pulumi", "Pulumi access token", HIGH, "\\bpul-[a-f0-9]{40}" + END,
                        "pul-"),
                prefixed("doppler-token", "Doppler", "Doppler token", HIGH,
                        "\\bdp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}" + END, "dp.pt.", "dp.st.", "dp.sa.",
                        "dp.ct.", "dp.scim.", "dp.audit."),
                prefixed("onepassword-service-account-token", "1Password", "1Password service account token", CRITICAL,
                        "\\bops_eyJ[A-Za-z0-9+/=_\\-]{200,1500}+", "ops_eyj").reaching(1700),
                prefixed("onepassword-secret-key", "1Password", "1Password account secret key", CRITICAL,
                        "\\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
                                + END, "a3-"),
                grouped("kubeconfig-client-key", "Kubernetes", "Client key in a kubeconfig", CRITICAL,
                        "client-key-data:[ \\t]{0,5}+\"?([A-Za-z0-9+/]{100,8000}+={0,2})", "client-key-data")
                        .reaching(8200),
                prefixed("infracost-api-key", "Infracost", "Infracost API key", HIGH, "\\bico-[A-Za-z0-9]{32}" + END,
                        "ico-"),
                prefixed("prefect-api-key", "Prefect", "Prefect API key", HIGH, "\\bpnu_[A-Za-z0-9]{36}" + END, "pnu_"),
                prefixed("postman-api-key", "Postman", "Postman API key", HIGH, "\\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}" + END,
                        "pmak-"),
                prefixed("contentful-token", "Contentful", "Contentful personal access token", HIGH,
                        "\\bCFPAT-[A-Za-z0-9_\\-]{43}" + END, "cfpat-"),
                prefixed("sourcegraph-token", "Sourcegraph", "Sourcegraph access token", HIGH,
                        "\\bsgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}" + END, "sgp_"),
                keyed("okta-api-token", "Okta", "Okta API token", HIGH, "00[A-Za-z0-9_\\-]{40}", "okta"),
                keyed("auth0-client-secret", "Auth0", "Auth0 client secret", HIGH, "[A-Za-z0-9_\\-]{64}", "auth0"),
                prefixed("databricks-token", "Databricks", "Databricks API token", HIGH,
                        "\\bdapi[a-f0-9]{32}(?:-\\d)?" + END, "dapi"),
                prefixed("planetscale-token", "PlanetScale", "PlanetScale token or password", HIGH,
                        "\\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\\-.]{32,64}+" + END, "pscale_"),
                keyed("mongodb-atlas-private-key", "MongoDB", "MongoDB Atlas API private key", HIGH, UUID,
                        "atlas_private", "atlas-private", "mongodb_atlas", "atlasprivate"),
                prefixed("aiven-service-password", "Aiven", "Aiven service password", HIGH,
                        "\\bAVNS_[A-Za-z0-9_\\-]{20,40}+" + END, "avns_"),
                keyed("influxdb-token", "InfluxDB", "InfluxDB API token", HIGH, "[A-Za-z0-9_\\-]{86}==", "influx"),
                prefixed("neon-api-key", "Neon", "Neon API key", HIGH, "\\bnapi_[a-z0-9]{64}" + END, "napi_"),
                prefixed("supabase-access-token", "Supabase", "Supabase access token", HIGH, "\\bsbp_[a-f0-9]{40}" + END,
                        "sbp_"),
                prefixed("supabase-secret-key", "Supabase", "Supabase secret API key", HIGH,
                        "\\bsb_secret_[A-Za-z0-9_\\-]{31}" + END, "sb_secret_"),
                keyed("firebase-database-secret", "Google", "Firebase database secret", HIGH, "[A-Za-z0-9]{40}",
                        "firebase"),
                prefixed("age-secret-key", "Age", "age encryption secret key", CRITICAL,
                        "\\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\\b", "age-secret-key-1"));
    }
}
