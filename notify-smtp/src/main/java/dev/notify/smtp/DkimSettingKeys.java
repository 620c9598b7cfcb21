package dev.notify.smtp;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.smtp.internal.DkimSetup;
import dev.notify.spi.SettingsCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DKIM keys of the {@code smtp} provider, under {@code email.smtp.dkim.}. Messages are signed when
 * {@code email.smtp.dkim.domain} is set. The domain, the selectors and the private keys form one credential group
 * ({@link #IDENTITY}): a server layer that sets any of them signs with its own identity and inherits none of them,
 * so a server of another brand never signs with the brand of the global settings.
 *
 * <p>This class is threadsafe.
 */
public final class DkimSettingKeys {

    /** Credential group of the signing domain, the selectors and the private keys. */
    public static final String IDENTITY = "dkim-identity";

    private static final String SECTION = "email.smtp.dkim";
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?)*");
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final String DEFAULT_HEADERS = "From, To, Cc, Subject, Date, Message-ID, Reply-To, MIME-Version, "
            + "Content-Type";

    public static final SettingKey<String> DOMAIN = SettingKey.domain("email.smtp.dkim.domain")
            .credentialGroup(IDENTITY)
            .section(SECTION)
            .description("The signing domain (d=); setting it turns DKIM signing on. The From of every message must "
                    + "be in this domain or below it.")
            .build();
    public static final SettingKey<DkimAlgorithm> ALGORITHM = SettingKey.choice("email.smtp.dkim.algorithm",
                    DkimAlgorithm.class, DkimAlgorithm::id)
            .defaultValue(DkimAlgorithm.RSA_SHA256)
            .section(SECTION)
            .description("rsa-sha256, ed25519-sha256 (RFC 8463) or both (two signatures, each with its own "
                    + "selector and key).")
            .build();
    public static final SettingKey<String> RSA_SELECTOR = selector("email.smtp.dkim.rsa.selector", "RSA");
    public static final SettingKey<Secret> RSA_PRIVATE_KEY = privateKey("email.smtp.dkim.rsa.private-key", "RSA");
    public static final SettingKey<Path> RSA_PRIVATE_KEY_FILE = privateKeyFile("email.smtp.dkim.rsa.private-key-file",
            "RSA");
    public static final SettingKey<String> ED25519_SELECTOR = selector("email.smtp.dkim.ed25519.selector", "Ed25519");
    public static final SettingKey<Secret> ED25519_PRIVATE_KEY = privateKey("email.smtp.dkim.ed25519.private-key",
            "Ed25519");
    public static final SettingKey<Path> ED25519_PRIVATE_KEY_FILE = privateKeyFile(
            "email.smtp.dkim.ed25519.private-key-file", "Ed25519");
    public static final SettingKey<String> HEADERS = SettingKey.builder("email.smtp.dkim.headers", String.class,
                    DkimSettingKeys::headers)
            .defaultValue(DEFAULT_HEADERS)
            .section(SECTION)
            .description("The header fields signed where present, separated by commas; must include From, which is "
                    + "also signed once more than it occurs so that no From can be added.")
            .build();
    public static final SettingKey<DkimCanonicalization> CANONICALIZATION = SettingKey.choice(
                    "email.smtp.dkim.canonicalization", DkimCanonicalization.class, DkimCanonicalization::id)
            .defaultValue(DkimCanonicalization.RELAXED_RELAXED)
            .section(SECTION)
            .description("Header/body canonicalization (c=): relaxed/relaxed, relaxed/simple, simple/relaxed or "
                    + "simple/simple.")
            .build();
    public static final SettingKey<Duration> EXPIRY = SettingKey.duration("email.smtp.dkim.expiry")
            .section(SECTION)
            .description("How long a signature stays valid (x=); unset, it does not expire.")
            .build();

    private static final List<SettingKey<?>> ALL = List.of(DOMAIN, ALGORITHM, RSA_SELECTOR, RSA_PRIVATE_KEY,
            RSA_PRIVATE_KEY_FILE, ED25519_SELECTOR, ED25519_PRIVATE_KEY, ED25519_PRIVATE_KEY_FILE, HEADERS,
            CANONICALIZATION, EXPIRY);

    private DkimSettingKeys() {
    }

    /** The DKIM keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /** Checks the DKIM keys of a server whose email goes through SMTP; reads the private keys to do so. */
    static void validate(SettingsCheck check) {
        List<SettingKey<?>> identity = List.of(RSA_SELECTOR, RSA_PRIVATE_KEY, RSA_PRIVATE_KEY_FILE, ED25519_SELECTOR,
                ED25519_PRIVATE_KEY, ED25519_PRIVATE_KEY_FILE);
        for (SettingKey<?> key : identity) {
            check.requireWith(key, DOMAIN);
        }
        if (!check.isSet(DOMAIN)) {
            return;
        }
        DkimAlgorithm algorithm = check.settings().get(ALGORITHM);
        String why = "required when " + check.settings().fullKey(DOMAIN) + " is set and "
                + ALGORITHM.name() + "=" + algorithm.id();
        if (algorithm.signsRsa()) {
            check.require(RSA_SELECTOR, why).requireOneOf(RSA_PRIVATE_KEY, RSA_PRIVATE_KEY_FILE, why);
        }
        if (algorithm.signsEd25519()) {
            check.require(ED25519_SELECTOR, why).requireOneOf(ED25519_PRIVATE_KEY, ED25519_PRIVATE_KEY_FILE, why);
        }
        DkimSetup.validate(check.settings(), check::problem);
        check.settings().find(SettingKeys.EMAIL_SENDER).ifPresent(sender -> {
            if (!DkimSetup.covers(check.settings().get(DOMAIN), sender.domain())) {
                check.problem(DOMAIN, "does not cover the domain of " + check.settings().fullKey(SettingKeys.EMAIL_SENDER)
                        + " (" + sender.domain() + "): mail is signed only for the signing domain and below it; set "
                        + "the From's domain or a parent of it");
            }
        });
    }

    private static SettingKey<String> selector(String name, String algorithm) {
        return SettingKey.builder(name, String.class, DkimSettingKeys::selector)
                .credentialGroup(IDENTITY)
                .section(SECTION)
                .description("The selector (s=) of the " + algorithm + " key: receivers look the public key up at "
                        + "<selector>._domainkey.<domain>.")
                .build();
    }

    private static SettingKey<Secret> privateKey(String name, String algorithm) {
        return SettingKey.secret(name)
                .credentialGroup(IDENTITY)
                .section(SECTION)
                .description("The " + algorithm + " private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), usually "
                        + "${file:/path/key.pem}; or set " + name + "-file instead.")
                .build();
    }

    private static SettingKey<Path> privateKeyFile(String name, String algorithm) {
        return SettingKey.path(name)
                .credentialGroup(IDENTITY)
                .section(SECTION)
                .description("A file holding the " + algorithm + " private key as PKCS#8 PEM, instead of "
                        + name.substring(0, name.length() - "-file".length()) + ".")
                .build();
    }

    private static String selector(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!SELECTOR.matcher(lower).matches()) {
            throw new IllegalArgumentException("must be a DNS name such as mail2024 (letters, digits, '-', '_', "
                    + "dots between labels), was '" + s + "'");
        }
        return lower;
    }

    private static String headers(String s) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : s.split("[\\s,:]+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!FIELD_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a header field name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is named twice");
            }
            names.add(name);
        }
        if (!seen.contains("from")) {
            throw new IllegalArgumentException("must include From (RFC 6376 requires it to be signed), was '" + s + "'");
        }
        return String.join(", ", new ArrayList<>(names));
    }
}
