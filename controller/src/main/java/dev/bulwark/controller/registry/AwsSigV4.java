package dev.bulwark.controller.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 of one request, for the few AWS calls the controller makes without AWS's SDK. Every
 * header given is signed, with {@code host} and {@code x-amz-date}. Checked against botocore's signer in the tests.
 */
final class AwsSigV4 {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** An access key; the secret never leaves this process. */
    record Key(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Key[accessKeyId=%s]".formatted(accessKeyId);
        }
    }

    private AwsSigV4() {
    }

    /** The headers to send besides {@code headers}: {@code X-Amz-Date} and {@code Authorization}. */
    static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, String region,
            String service, Key key, Instant now) {
        String stamp = STAMP.format(now);
        String day = stamp.substring(0, 8);
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), value.strip()
                .replaceAll(" +", " ")));
        canonical.put("host", host(uri));
        canonical.put("x-amz-date", stamp);
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder request = new StringBuilder()
                .append(method).append('\n')
                .append(path(uri)).append('\n')
                .append(query(uri)).append('\n');
        canonical.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        request.append('\n').append(signedHeaders).append('\n').append(HEX.formatHex(sha256(body)));
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + stamp + "\n" + scope + "\n"
                + HEX.formatHex(sha256(request.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
        for (String part : List.of(region, service, "aws4_request")) {
            signingKey = hmac(signingKey, part);
        }
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", stamp);
        added.put("Authorization", "%s Credential=%s/%s, SignedHeaders=%s, Signature=%s".formatted(ALGORITHM,
                key.accessKeyId(), scope, signedHeaders, HEX.formatHex(hmac(signingKey, toSign))));
        return added;
    }

    private static String host(URI uri) {
        int port = uri.getPort();
        boolean usual = port < 0 || port == 443 && uri.getScheme().equals("https")
                || port == 80 && uri.getScheme().equals("http");
        return uri.getHost() + (usual ? "" : ":" + port);
    }

    /** The path as sent, encoded once more (AWS's rule for every service but S3). */
    private static String path(URI uri) {
        String raw = uri.getRawPath();
        return raw == null || raw.isEmpty() ? "/" : encode(raw, "/");
    }

    /** Parameters sorted by name, then value, each encoded as AWS does. */
    private static String query(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {encode(name, ""), encode(value, "")});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Percent-encodes every byte but the unreserved characters and those in {@code keep}. */
    private static String encode(String s, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0
                    || keep.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
