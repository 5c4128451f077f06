package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.core.scan.SeverityLevel.MEDIUM;
import static dev.bulwark.scanner.secret.SecretRule.inner;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;
import static dev.bulwark.scanner.secret.SecretRules.UUID;

import java.util.List;

/** Chat, email and SMS services. */
final class MessagingRules {

    private MessagingRules() {}

    static List<SecretRule> all() {
        return List.of(
                prefixed("slack-bot-token", "Slack", "Slack bot token", HIGH,
                        "\\bxoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}" + END, "xoxb-"),
                prefixed("slack-user-token", "Slack", "Slack user token", HIGH,
                        "\\bxox[pa]-[0-9]{1,14}-[0-9]{8,14}-[0-9]{8,14}-[a-f0-9]{32}" + END, "xoxp-", "xoxa-"),
                prefixed("slack-legacy-token", "Slack", "Slack legacy workspace or session token", HIGH,
                        "\\bxox[ors]-(?:[0-9]{1,14}-){1,3}[A-Za-z0-9]{8,64}" + END, "xoxo-", "xoxr-", "xoxs-"),
                prefixed("slack-config-token", "Slack", "Slack app configuration token", HIGH,
                        "\\bxoxe\\.xox[bp]-\\d-[A-Za-z0-9]{140,200}" + END, "xoxe.xoxb-", "xoxe.xoxp-"),
                prefixed("slack-refresh-token", "Slack", "Slack token rotation refresh token", HIGH,
                        "\\bxoxe-\\d-[A-Za-z0-9]{130,180}" + END, "xoxe-"),
                prefixed("slack-app-token", "Slack", "Slack app-level token", HIGH,
                        "\\bxapp-\\d-[A-Z0-9]{9,12}-\\d{10,13}-[a-f0-9]{64}" + END, "xapp-"),
                prefixed("slack-webhook-url", "Slack", "Slack incoming webhook", MEDIUM,
                        "hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}" + END,
                        "hooks.slack.com"),
                prefixed("slack-workflow-webhook", "Slack", "Slack workflow webhook", MEDIUM,
                        "hooks\\.slack\\.com/(?:workflows|triggers)/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/\\d{8,20}/"
                                + "[A-Za-z0-9]{24,40}" + END, "hooks.slack.com"),
                prefixed("discord-webhook-url", "Discord", "Discord webhook", MEDIUM,
                        "discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_\\-]{60,70}" + END,
                        "discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
                keyed("discord-bot-token", "Discord", "Discord bot token", HIGH,
                        "[MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,40}", "discord"),
                inner("telegram-bot-token", "Telegram", "Telegram bot token", HIGH,
                        "\\b\\d{8,10}:AA[A-Za-z0-9_\\-]{33}" + END, ":aa"),
                prefixed("microsoft-teams-webhook", "Microsoft Teams", "Microsoft Teams incoming webhook", MEDIUM,
                        "webhook\\.office\\.com/webhookb2/" + UUID + "@" + UUID + "/IncomingWebhook/[a-f0-9]{32}/"
                                + UUID + "(?:/[A-Za-z0-9_\\-]{40,60})?", "webhook.office.com/webhookb2/"),
                keyed("mattermost-token", "Mattermost", "Mattermost access token", HIGH, "[a-z0-9]{26}", "mattermost"),
                keyed("twitch-token", "Twitch", "Twitch API token", HIGH, "[a-z0-9]{30}", "twitch"),
                keyed("intercom-token", "Intercom", "Intercom access token", HIGH, "[A-Za-z0-9=_\\-]{59,60}",
                        "intercom"),
                prefixed("sendgrid-api-key", "SendGrid", "SendGrid API key", HIGH,
                        "\\bSG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}" + END, "sg."),
                keyed("mailgun-api-key", "Mailgun", "Mailgun API key", HIGH,
                        "key-[0-9a-z]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}", "mailgun"),
                inner("mailchimp-api-key", "Mailchimp", "Mailchimp API key", HIGH, "\\b[0-9a-f]{32}-us[0-9]{1,2}" + END,
                        "-us"),
                keyed("mandrill-api-key", "Mailchimp", "Mandrill API key", HIGH, "(?:md-)?[A-Za-z0-9_\\-]{22}",
                        "mandrill"),
                keyed("postmark-token", "Postmark", "Postmark server or account token", HIGH, UUID, "postmark"),
                keyed("sparkpost-api-key", "SparkPost", "SparkPost API key", HIGH, "[a-f0-9]{40}", "sparkpost"),
                prefixed("brevo-api-key", "Brevo", "Brevo (Sendinblue) API or SMTP key", HIGH,
                        "\\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}" + END, "xkeysib-", "xsmtpsib-"),
                keyed("mailjet-api-key", "Mailjet", "Mailjet API key", HIGH, "[a-f0-9]{32}", "mailjet"),
                prefixed("resend-api-key", "Resend", "Resend API key", HIGH, "\\bre_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}" + END,
                        "re_"),
                prefixed("mailersend-api-key", "MailerSend", "MailerSend API token", HIGH,
                        "\\bmlsn\\.[a-f0-9]{64}" + END, "mlsn."),
                prefixed("twilio-api-key", "Twilio", "Twilio API key", HIGH, "\\bSK[0-9a-f]{32}" + END, "sk"),
                keyed("twilio-auth-token", "Twilio", "Twilio auth token", HIGH, "[a-f0-9]{32}", "twilio"),
                keyed("vonage-api-secret", "Vonage", "Vonage (Nexmo) API secret", HIGH, "[A-Za-z0-9]{16}", "vonage",
                        "nexmo"),
                keyed("messagebird-api-key", "MessageBird", "MessageBird API key", HIGH, "[A-Za-z0-9]{25}",
                        "messagebird"),
                keyed("pushbullet-token", "Pushbullet", "Pushbullet access token", HIGH, "o\\.[A-Za-z0-9]{32}",
                        "pushbullet"));
    }
}
