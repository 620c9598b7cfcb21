package dev.notify.smtp.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.smtp.DkimAlgorithm;
import dev.notify.smtp.DkimCanonicalization;
import dev.notify.smtp.DkimSettingKeys;
import dev.notify.smtp.internal.dkim.Canonicalization;
import dev.notify.smtp.internal.dkim.DkimSigner;
import dev.notify.smtp.internal.dkim.PrivateKeys;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.smtp.internal.dkim.SigningKey;
import dev.notify.smtp.internal.dkim.SigningPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The DKIM signers a server's settings describe ({@link DkimSettingKeys}): none when {@code email.smtp.dkim.domain}
 * is not set, else one per algorithm. This class is immutable and threadsafe.
 */
public final class DkimSetup {

    private static final DkimSetup NONE = new DkimSetup(null, List.of(), List.of());
    private static final long MAX_KEY_FILE = 64 * 1024;

    private final ResolvedSettings settings;
    private final List<DkimSigner> signers;
    private final List<String> warnings;

    private DkimSetup(ResolvedSettings settings, List<DkimSigner> signers, List<String> warnings) {
        this.settings = settings;
        this.signers = List.copyOf(signers);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads the private keys and reports what makes them unusable to {@code problems}, never quoting key
     * material. Keys without a value are left to the validator's requirements. Nothing here depends on the time
     * (a PEM private key has no validity period; {@code email.smtp.dkim.expiry} is a duration), so validation
     * needs no clock: only {@link #forSender} takes one, for the signatures' {@code t=} and {@code x=}.
     */
    public static void validate(ResolvedSettings settings, BiConsumer<SettingKey<?>, String> problems) {
        keys(settings, new ArrayList<>(), problems);
    }

    /**
     * Reads valid settings for a sender whose signatures take the time from {@code clock}.
     *
     * @throws SettingsException naming the key when a private key cannot be used
     */
    static DkimSetup forSender(ResolvedSettings settings, Clock clock) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<Keys> keys = keys(settings, warnings, (key, message) -> problems.add(settings.problem(key, message)));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return keys.map(k -> new DkimSetup(settings, k.keys().stream()
                .map(key -> new DkimSigner(key, k.policy(), clock)).toList(), warnings)).orElse(NONE);
    }

    /** The signing keys and the policy they sign with, in the order the signatures go on a message. */
    private record Keys(SigningPolicy policy, List<SigningKey> keys) {
    }

    /** The keys the settings describe; empty when DKIM is off, a key is missing or there are problems. */
    private static Optional<Keys> keys(ResolvedSettings settings, List<String> warnings,
            BiConsumer<SettingKey<?>, String> problems) {
        Optional<String> domain = settings.find(DkimSettingKeys.DOMAIN);
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        DkimCanonicalization c = settings.get(DkimSettingKeys.CANONICALIZATION);
        SigningPolicy policy;
        try {
            policy = new SigningPolicy(Arrays.stream(settings.get(DkimSettingKeys.HEADERS).split("[\\s,:]+"))
                    .filter(h -> !h.isEmpty()).toList(),
                    c.relaxedHeader() ? Canonicalization.RELAXED : Canonicalization.SIMPLE,
                    c.relaxedBody() ? Canonicalization.RELAXED : Canonicalization.SIMPLE,
                    settings.find(DkimSettingKeys.EXPIRY));
        } catch (IllegalArgumentException e) {
            problems.accept(DkimSettingKeys.HEADERS, e.getMessage());
            return Optional.empty();
        }
        DkimAlgorithm algorithm = settings.get(DkimSettingKeys.ALGORITHM);
        List<SigningKey> keys = new ArrayList<>();
        boolean complete = true;
        if (algorithm.signsRsa()) {
            complete &= add(settings, SigningAlgorithm.RSA_SHA256, DkimSettingKeys.RSA_SELECTOR,
                    DkimSettingKeys.RSA_PRIVATE_KEY, DkimSettingKeys.RSA_PRIVATE_KEY_FILE, keys, warnings, problems);
        }
        if (algorithm.signsEd25519()) {
            complete &= add(settings, SigningAlgorithm.ED25519_SHA256, DkimSettingKeys.ED25519_SELECTOR,
                    DkimSettingKeys.ED25519_PRIVATE_KEY, DkimSettingKeys.ED25519_PRIVATE_KEY_FILE, keys, warnings,
                    problems);
        }
        return complete ? Optional.of(new Keys(policy, keys)) : Optional.empty();
    }

    private static boolean add(ResolvedSettings settings, SigningAlgorithm algorithm, SettingKey<String> selectorKey,
            SettingKey<Secret> pemKey, SettingKey<Path> fileKey, List<SigningKey> keys, List<String> warnings,
            BiConsumer<SettingKey<?>, String> problems) {
        Optional<String> selector = settings.find(selectorKey);
        Optional<Secret> pem = settings.find(pemKey);
        Optional<Path> file = settings.find(fileKey);
        if (selector.isEmpty() || pem.isPresent() == file.isPresent()) {
            return false;
        }
        PrivateKey key;
        if (pem.isPresent()) {
            try {
                key = PrivateKeys.read(pem.get().reveal(), algorithm);
            } catch (PrivateKeys.KeyException e) {
                problems.accept(pemKey, "the key " + e.getMessage());
                return false;
            }
        } else {
            Optional<String> text = readFile(file.get(), fileKey, problems);
            if (text.isEmpty()) {
                return false;
            }
            try {
                key = PrivateKeys.read(text.get(), algorithm);
            } catch (PrivateKeys.KeyException e) {
                problems.accept(fileKey, "the key in " + file.get() + " " + e.getMessage());
                return false;
            }
        }
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < PrivateKeys.RECOMMENDED_RSA_BITS) {
            warnings.add(settings.fullKey(pem.isPresent() ? pemKey : fileKey) + " is an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; receivers may treat it as weak: use "
                    + PrivateKeys.RECOMMENDED_RSA_BITS + " bits (RFC 8301)");
        }
        keys.add(new SigningKey(settings.get(DkimSettingKeys.DOMAIN), selector.get(), algorithm, key));
        return true;
    }

    private static Optional<String> readFile(Path file, SettingKey<Path> key,
            BiConsumer<SettingKey<?>, String> problems) {
        try {
            if (Files.size(file) > MAX_KEY_FILE) {
                problems.accept(key, file + " is larger than 64 KiB: not a private key");
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            problems.accept(key, file + " does not exist");
        } catch (IOException | RuntimeException e) {
            problems.accept(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    /** Whether {@code fromDomain} is {@code signingDomain} or below it. */
    public static boolean covers(String signingDomain, String fromDomain) {
        return SigningKey.covers(signingDomain, fromDomain);
    }

    /** The settings read; null when DKIM is off. */
    ResolvedSettings settings() {
        return settings;
    }

    /** Whether messages are signed. */
    boolean enabled() {
        return !signers.isEmpty();
    }

    /** One signer per signature, in the order the fields go on the message. */
    List<DkimSigner> signers() {
        return signers;
    }

    /** What is usable but weak, for the log. */
    List<String> warnings() {
        return warnings;
    }

    /**
     * The signers for a message from {@code from}.
     *
     * @throws SettingsException naming {@code email.smtp.dkim.domain} when the From is outside the signing domain
     */
    List<DkimSigner> signersFor(EmailAddress from) {
        SigningKey key = signers.get(0).key();
        if (!key.covers(from.domain())) {
            throw new SettingsException(List.of(settings.problem(DkimSettingKeys.DOMAIN, "does not cover the From "
                    + "domain " + from.domain() + ": the message was not signed and not sent; send from "
                    + key.domain() + " or below it, or give this server its own DKIM identity")));
        }
        return signers;
    }

    @Override
    public String toString() {
        return "DkimSetup" + signers.stream().map(s -> s.key().toString()).toList();
    }
}
