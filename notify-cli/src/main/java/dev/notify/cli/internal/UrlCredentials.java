package dev.notify.cli.internal;

import java.util.regex.Pattern;

/**
 * Masks the credentials a URL may carry, in any text the command prints: the password of {@code user:PW@host}
 * (and Oracle's {@code user/PW@host}), and the value of every parameter whose name says password, secret, token
 * or key, after {@code ?}, {@code &}, {@code ;} or {@code :} ({@code ;password=}, {@code ;PASSWORD=},
 * {@code ?password=}, {@code &sslpassword=}).
 *
 * <p>This class is threadsafe.
 */
public final class UrlCredentials {

    private static final String MASK = "********";
    private static final Pattern USER_INFO =
            Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@\\s:;?]*:)[^@/\\s]*@");
    private static final Pattern ORACLE_USER = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@:\\s]*/)[^@\\s]*@");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)([;?&:]\\s*[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|apikey|api-key|api_key|credentials?)"
                    + "\\s*=)[^;&\\s]*");

    private UrlCredentials() {
    }

    /** {@code text} with every URL credential replaced by {@code ********}. */
    public static String mask(String text) {
        String out = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        out = ORACLE_USER.matcher(out).replaceAll("$1" + MASK + "@");
        return PARAMETER.matcher(out).replaceAll("$1" + MASK);
    }
}
