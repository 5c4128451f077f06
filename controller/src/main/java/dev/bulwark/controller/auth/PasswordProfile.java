package dev.bulwark.controller.auth;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;

/**
 * NeuVector's password profile ({@code RESTPwdProfile}): complexity, expiry, history, lockout after failed logins
 * and the default session timeout. The defaults lock an account for 30 minutes after 5 failures.
 */
public record PasswordProfile(String name, String comment, int minLen, int minUppercaseCount, int minLowercaseCount,
        int minDigitCount, int minSpecialCount, boolean enablePasswordExpiration, int passwordExpireAfterDays,
        boolean enablePasswordHistory, int passwordKeepHistoryCount, boolean enableBlockAfterFailedLogin,
        int blockAfterFailedLoginCount, int blockMinutes, int sessionTimeout) {

    public static final Kind<PasswordProfile> KIND = Kind.of("pwd_profile", PasswordProfile.class,
            "Password profile", Section.USER);

    public static final String DEFAULT = "default";

    public static PasswordProfile defaults() {
        return new PasswordProfile(DEFAULT, "default password profile", 8, 1, 1, 1, 0, false, 0, false, 0, true, 5,
                30, 300);
    }

    /** Checks a new password; a {@link ApiError#WEAK_PASSWORD} error says which rule it breaks. */
    public void checkComplexity(String password) {
        int upper = 0;
        int lower = 0;
        int digit = 0;
        int special = 0;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            } else if (Character.isDigit(c)) {
                digit++;
            } else {
                special++;
            }
        }
        if (password.length() < minLen || upper < minUppercaseCount || lower < minLowercaseCount
                || digit < minDigitCount || special < minSpecialCount) {
            throw new ApiException(400, ApiError.WEAK_PASSWORD, ("Password must have at least %d characters, %d upper"
                    + " case, %d lower case, %d digits and %d special characters").formatted(minLen, minUppercaseCount,
                    minLowercaseCount, minDigitCount, minSpecialCount));
        }
        if (password.length() > 256) {
            throw new ApiException(400, ApiError.WEAK_PASSWORD, "Password is longer than 256 characters");
        }
    }

    public void validate() {
        if (minLen < 1 || minLen > 64 || minUppercaseCount < 0 || minLowercaseCount < 0 || minDigitCount < 0
                || minSpecialCount < 0 || passwordExpireAfterDays < 0 || passwordKeepHistoryCount < 0
                || passwordKeepHistoryCount > 32 || blockAfterFailedLoginCount < 0 || blockMinutes < 0
                || sessionTimeout < 30 || sessionTimeout > 3600) {
            throw ApiException.badRequest("Invalid password profile: lengths 1-64, counts not negative, history up to"
                    + " 32, session timeout 30-3600 seconds");
        }
    }
}
