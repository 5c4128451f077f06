package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.CRITICAL;
import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import java.util.List;

/** Payment, commerce and shipping services. */
final class PaymentRules {

    private PaymentRules() {}

    static List<SecretRule> all() {
        return List.of(
                prefixed("stripe-secret-key", "Stripe", "Stripe secret key", CRITICAL,
                        "\\bsk_(?:live|test)_[A-Za-z0-9]{24,247}+" + END, "sk_live_", "sk_test_"),
                prefixed("stripe-restricted-key", "Stripe", "Stripe restricted key", CRITICAL,
                        "\\brk_(?:live|test)_[A-Za-z0-9]{24,247}+" + END, "rk_live_", "rk_test_"),
                prefixed("stripe-webhook-secret", "Stripe", "Stripe webhook signing secret", HIGH,
                        "\\bwhsec_[A-Za-z0-9+/]{32,64}+=?" + END, "whsec_"),
                prefixed("square-access-token", "Square", "Square access token", HIGH,
                        "\\b(?:sq0atp-[0-9A-Za-z_\\-]{22}|EAAA[A-Za-z0-9_\\-]{60})" + END, "sq0atp-", "eaaa"),
                prefixed("square-oauth-secret", "Square", "Square OAuth secret", HIGH,
                        "\\bsq0csp-[0-9A-Za-z_\\-]{43}" + END, "sq0csp-"),
                prefixed("braintree-access-token", "PayPal", "PayPal Braintree access token", CRITICAL,
                        "\\baccess_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}" + END, "access_token$"),
                keyed("braintree-private-key", "PayPal", "Braintree private key", CRITICAL, "[a-f0-9]{32}",
                        "braintree"),
                keyed("paypal-client-secret", "PayPal", "PayPal REST client secret", HIGH, "E[A-Za-z0-9_\\-]{79}",
                        "paypal"),
                prefixed("adyen-api-key", "Adyen", "Adyen API key", CRITICAL,
                        "\\bAQE[A-Za-z]hmf[A-Za-z0-9+/=\\-]{80,300}+", "aqe"),
                prefixed("razorpay-key", "Razorpay", "Razorpay API key", HIGH, "\\brzp_(?:live|test)_[A-Za-z0-9]{14}" + END,
                        "rzp_live_", "rzp_test_"),
                prefixed("flutterwave-secret-key", "Flutterwave", "Flutterwave secret key", HIGH,
                        "\\bFLWSECK(?:_TEST)?-[a-h0-9]{32}-X" + END, "flwseck"),
                prefixed("plaid-access-token", "Plaid", "Plaid access token", HIGH,
                        "\\baccess-(?:sandbox|development|production)-" + UUID + END, "access-sandbox-",
                        "access-development-", "access-production-"),
                keyed("plaid-secret", "Plaid", "Plaid API secret", HIGH, "[a-f0-9]{30}", "plaid"),
                prefixed("shopify-token", "Shopify", "Shopify access token or shared secret", HIGH,
                        "\\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}" + END, "shpat_", "shpss_", "shpca_", "shppa_"),
                keyed("gocardless-token", "GoCardless", "GoCardless access token", HIGH,
                        "(?:live|sandbox)_[A-Za-z0-9_\\-=]{40}", "gocardless"),
                keyed("mollie-api-key", "Mollie", "Mollie API key", HIGH, "(?:live|test)_[A-Za-z0-9]{30}", "mollie"),
                prefixed("duffel-token", "Duffel", "Duffel API token", HIGH,
                        "\\bduffel_(?:test|live)_[A-Za-z0-9_\\-=]{43}" + END, "duffel_"),
                prefixed("shippo-token", "Shippo", "Shippo API token", HIGH, "\\bshippo_(?:live|test)_[a-f0-9]{40}" + END,
                        "shippo_"),
                prefixed("easypost-api-key", "EasyPost", "EasyPost API key", HIGH, "\\bEZ[AT]K[A-Za-z0-9]{54}" + END,
                        "ezak", "eztk"),
                keyed("lob-api-key", "Lob", "Lob API key", HIGH, "(?:live|test)_[a-f0-9]{35}", "lob"));
    }
}
