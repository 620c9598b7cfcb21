package dev.notify.settings;

import dev.notify.Channel;
import dev.notify.Problem;
import dev.notify.internal.Discovery;
import dev.notify.internal.ProviderRegistry;
import dev.notify.internal.TemplateSettingKeys;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SettingsCheck;
import dev.notify.spi.SettingsExtension;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every setting a notifier understands: the core's {@link SettingKeys} and the keys each installed provider
 * declares, with the provider they belong to and when they apply. Reading settings, resolving them and
 * validating them all go through a schema, and {@link #describe()} gives admin pages, the CLI and IDE metadata
 * the same list.
 *
 * <p>{@link #installed()} is the schema of the providers found with ServiceLoader next to notify-api; a notifier
 * with explicitly registered providers has its own ({@code Notifier#schema()}). This class is immutable and
 * threadsafe.
 */
public final class SettingsSchema {

    /** notify's own modules follow this pattern, which lets an error name the module of a missing provider. */

    private final ProviderRegistry providers;
    private final List<SettingsExtension> extensions;
    private final Map<String, SettingKey<?>> keys;
    private final Map<String, SettingKey<?>> deprecatedNames;
    private final Map<String, List<SenderProvider>> owners;
    private final Map<String, String> extensionOf;
    private final Map<String, List<SettingKey<?>>> groups;
    /** What makes two schemas equal: the providers and extensions; a notifier looks its settings up by schema. */
    private final Set<String> identity;
    private final TemplateEngine templateEngine;
    private final ClassLoader templateLoader;
    /** The template and phrase keys the class path ships defaults for. */
    private final Map<String, SettingKey<?>> templateKeys;
    /** Keys of templates, locales and phrases no jar ships a default for, made when first named. */
    private final Map<String, SettingKey<?>> addedTemplateKeys = new ConcurrentHashMap<>();

    private SettingsSchema(ProviderRegistry providers, List<SettingsExtension> extensions, TemplateEngine templateEngine,
            ClassLoader templateLoader) {
        this.providers = providers;
        this.extensions = List.copyOf(extensions);
        this.templateEngine = Objects.requireNonNull(templateEngine, "templateEngine");
        this.templateLoader = templateLoader;
        Map<String, SettingKey<?>> byName = new LinkedHashMap<>();
        Map<String, List<SenderProvider>> byOwner = new LinkedHashMap<>();
        Map<String, String> byExtension = new LinkedHashMap<>();
        SettingKeys.all().forEach(k -> byName.put(k.name(), k));
        for (SenderProvider provider : providers.all()) {
            for (SettingKey<?> key : provider.settings().keys()) {
                if (!SettingKeys.all().contains(key)) {
                    add(byName, key);
                    byOwner.computeIfAbsent(key.name(), n -> new ArrayList<>()).add(provider);
                }
            }
        }
        for (SettingsExtension extension : this.extensions) {
            for (SettingKey<?> key : extension.settings().keys()) {
                add(byName, key);
                byExtension.putIfAbsent(key.name(), extension.id());
            }
        }
        List<SettingKey<?>> templateDefaults = TemplateSettingKeys.defaults(templateLoader, templateEngine);
        Map<String, SettingKey<?>> shipped = new LinkedHashMap<>();
        templateDefaults.forEach(key -> shipped.put(key.name(), key));
        this.templateKeys = Collections.unmodifiableMap(shipped);
        this.extensionOf = Collections.unmodifiableMap(byExtension);
        this.keys = Collections.unmodifiableMap(byName);
        this.deprecatedNames = deprecatedNames(byName);
        this.owners = Collections.unmodifiableMap(byOwner);
        this.groups = byName.values().stream().filter(k -> k.credentialGroup().isPresent())
                .collect(Collectors.groupingBy(k -> k.credentialGroup().get(), LinkedHashMap::new, Collectors.toList()));
        Set<String> ids = new LinkedHashSet<>();
        providers.all().forEach(p -> ids.add(p.channel() + "/" + p.id() + "/" + p.getClass().getName()));
        this.extensions.forEach(e -> ids.add("extension/" + e.id() + "/" + e.getClass().getName()));
        ids.add("templates/" + templateEngine.getClass().getName() + "/" + TemplateSettingKeys.fingerprint(templateDefaults));
        this.identity = Collections.unmodifiableSet(ids);
    }

    private static void add(Map<String, SettingKey<?>> byName, SettingKey<?> key) {
        SettingKey<?> previous = byName.putIfAbsent(key.name(), key);
        if (previous != null && previous.type() != key.type()) {
            throw new IllegalStateException("two modules declare " + key.name() + " with two types: "
                    + previous.type().getName() + " and " + key.type().getName());
        }
    }

    private static Map<String, SettingKey<?>> deprecatedNames(Map<String, SettingKey<?>> byName) {
        Map<String, SettingKey<?>> byOldName = new LinkedHashMap<>();
        for (SettingKey<?> key : byName.values()) {
            for (String old : key.deprecatedNames()) {
                SettingKey<?> previous = byName.containsKey(old) ? byName.get(old) : byOldName.putIfAbsent(old, key);
                if (previous != null && !previous.equals(key)) {
                    throw new IllegalStateException(key.name() + " declares the deprecated name " + old
                            + ", which is also the name of " + previous.name());
                }
            }
        }
        return Collections.unmodifiableMap(byOldName);
    }

    /** The schema of the providers and extensions ServiceLoader finds with notify-api's class loader. */
    public static SettingsSchema installed() {
        return Installed.SCHEMA;
    }

    /**
     * The schema of the given providers only.
     *
     * @throws IllegalStateException when two providers of a channel share an id, or declare one key with two types
     */
    public static SettingsSchema of(Collection<? extends SenderProvider> providers) {
        return of(providers, List.of());
    }

    /**
     * The schema of the given providers and extensions only.
     *
     * @throws IllegalStateException when two providers of a channel share an id, or modules declare one key with
     *     two types
     */
    public static SettingsSchema of(Collection<? extends SenderProvider> providers,
            Collection<? extends SettingsExtension> extensions) {
        return new SettingsSchema(ProviderRegistry.create(List.copyOf(providers), false, null),
                Discovery.extensions(List.copyOf(extensions), null), TemplateEngine.standard(),
                SettingsSchema.class.getClassLoader());
    }

    /**
     * The schema of the given providers and extensions and of those ServiceLoader finds with {@code loader}: the
     * routine every notifier, and the Spring starter, installs modules with. A given provider or extension wins
     * over a discovered one with the same id (and channel); two given ones, or two discovered ones, with the same
     * id are an error naming both classes. A module whose registration is broken is logged and skipped.
     *
     * @param loader the class loader ServiceLoader searches, usually notify-api's ({@code Notifier.class.getClassLoader()})
     * @throws IllegalStateException when two providers of a channel, or two extensions, of one origin share an id,
     *     or modules declare one key with two types
     */
    public static SettingsSchema discover(Collection<? extends SenderProvider> providers,
            Collection<? extends SettingsExtension> extensions, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new SettingsSchema(ProviderRegistry.create(List.copyOf(providers), true, loader),
                Discovery.extensions(List.copyOf(extensions), loader), TemplateEngine.standard(), loader);
    }

    /**
     * This schema with another template engine: template settings are then checked by compiling them with it.
     * Template defaults are read, as for every schema, from each {@code META-INF/notify/templates.properties} of
     * the class loader the schema was discovered with (notify-api's for {@link #of}).
     */
    public SettingsSchema withTemplateEngine(TemplateEngine engine) {
        return new SettingsSchema(providers, extensions, engine, templateLoader);
    }

    /** The engine template settings are checked and rendered with ({@link TemplateEngine#standard()} unless set). */
    public TemplateEngine templateEngine() {
        return templateEngine;
    }

    /** The extensions whose keys this schema holds. */
    public List<SettingsExtension> extensions() {
        return extensions;
    }

    /**
     * Every key, the core's first, then each provider's in the order it declares them. Templates and phrases are
     * in {@link #templateKeys()}.
     */
    public Collection<SettingKey<?>> keys() {
        return keys.values();
    }

    /**
     * The template and phrase keys ({@code templates.*}, {@code messages.*}; see
     * {@link dev.notify.template.TemplateKeys}) that jars on the class path ship defaults for, in key order: notify's
     * own texts and the host's. A layer may set further ones (another locale, another template); they resolve like
     * these, without a default.
     */
    public Collection<SettingKey<?>> templateKeys() {
        return templateKeys.values();
    }

    /** {@link #describe()} for {@link #templateKeys()}: what an admin page shows to edit templates and phrases. */
    public List<SettingDescription> describeTemplates() {
        return templateKeys.values().stream().map(k -> new SettingDescription(k.name(), "template",
                k.defaultDescription(), k.description(), k.section(), false, Optional.empty(), List.of(),
                Optional.empty(), List.of())).toList();
    }

    /**
     * The key with this name ({@code sms.acme.port}), without a server prefix, or the key that has it as a
     * {@linkplain SettingKey#deprecatedNames() deprecated name}. Every template and phrase name is a key
     * ({@code templates.promo.fr.subject}), also one no jar ships a default for; its values are checked with
     * {@link #templateEngine()}.
     */
    public Optional<SettingKey<?>> key(String name) {
        SettingKey<?> key = keys.get(name);
        if (key == null) {
            key = deprecatedNames.get(name);
        }
        if (key == null) {
            key = templateKeys.get(name);
        }
        if (key == null && TemplateKeys.isTemplateOrMessage(name)) {
            key = addedTemplateKeys.computeIfAbsent(name, n -> TemplateSettingKeys.key(n, templateEngine, null));
        }
        return Optional.ofNullable(key);
    }

    /** The installed providers, by channel and id. */
    public List<SenderProvider> providers() {
        return providers.all();
    }

    /** The installed provider of a channel with this id. */
    public Optional<SenderProvider> provider(Channel channel, String id) {
        return providers.find(channel, id);
    }

    /** The ids of the installed providers of a channel, sorted. */
    public Set<String> providerIds(Channel channel) {
        return providers.ids(channel);
    }

    /**
     * The provider that delivers a channel when {@code <channel>.delivery-method} is not set: the one installed
     * provider that declares itself the channel default, or else the only provider of the channel.
     */
    public Optional<String> defaultDeliveryMethod(Channel channel) {
        List<SenderProvider> ofChannel = providers.all().stream().filter(p -> p.channel() == channel).toList();
        List<SenderProvider> defaults = ofChannel.stream().filter(SenderProvider::isChannelDefault).toList();
        if (defaults.size() == 1) {
            return Optional.of(defaults.get(0).id());
        }
        return ofChannel.size() == 1 && defaults.isEmpty() ? Optional.of(ofChannel.get(0).id()) : Optional.empty();
    }

    /**
     * When a key matters: {@code email.delivery-method} in [{@code smtp}] for an SMTP key; empty for the core's
     * keys, which always apply.
     */
    public Optional<Condition> appliesWhen(SettingKey<?> key) {
        List<SenderProvider> declaredBy = owners.getOrDefault(key.name(), List.of());
        if (declaredBy.isEmpty()) {
            return Optional.empty();
        }
        Channel channel = declaredBy.get(0).channel();
        List<String> ids = declaredBy.stream().map(SenderProvider::id).distinct().sorted().toList();
        return Optional.of(new Condition(SettingKeys.deliveryMethod(channel), ids));
    }

    /** The ids of the providers, or the extension, that declare a key; empty for the core's keys. */
    public List<String> declaredBy(SettingKey<?> key) {
        String extension = extensionOf.get(key.name());
        if (extension != null) {
            return List.of(extension);
        }
        return owners.getOrDefault(key.name(), List.of()).stream().map(SenderProvider::id).distinct().toList();
    }

    /** A key, its value and where it applies, as admin pages and the CLI show it. */
    public List<SettingDescription> describe() {
        return keys.values().stream().map(k -> new SettingDescription(k.name(), typeName(k), k.defaultDescription(),
                k.description(), k.section(), k.isSecret(), k.credentialGroup(), k.allowedValues(), appliesWhen(k),
                declaredBy(k))).toList();
    }

    /** A key and the values one of which it must have for another key to apply. */
    public record Condition(SettingKey<String> key, List<String> anyOf) {
        public Condition {
            Objects.requireNonNull(key, "key");
            anyOf = List.copyOf(anyOf);
        }

        @Override
        public String toString() {
            return key.name() + (anyOf.size() == 1 ? "=" + anyOf.get(0) : " in " + anyOf);
        }
    }

    List<SettingKey<?>> group(String name) {
        return groups.getOrDefault(name, List.of());
    }

    /**
     * The section of a provider that is not installed, for a key no installed provider declares
     * ({@code sms.acme} for {@code sms.acme.account} without the provider {@code acme}); empty otherwise.
     */
    Optional<String> uninstalledSection(String name) {
        String[] parts = name.split("\\.");
        if (parts.length < 3 || channel(parts[0]).isEmpty()) {
            return Optional.empty();
        }
        String section = parts[0] + "." + parts[1] + ".";
        boolean known = keys.keySet().stream().anyMatch(k -> k.startsWith(section));
        return known ? Optional.empty() : Optional.of(parts[0] + "." + parts[1]);
    }

    /** "; did you mean 'sms.acme.port'?", or "" when no key is close. */
    String didYouMean(String name, String prefix) {
        return KeySuggestions.didYouMean(name, prefix, keys.keySet());
    }

    List<Problem> validate(ResolvedSettings settings, Set<String> unreadable, Map<String, Origin> uninstalled) {
        List<Problem> problems = new ArrayList<>();
        for (SettingsExtension extension : extensions) {
            SettingsCheck check = new SettingsCheck(settings, unreadable);
            extension.settings().validator().validate(check);
            problems.addAll(check.problems());
        }
        for (Channel channel : Channel.values()) {
            if (!settings.get(SettingKeys.enabled(channel))) {
                continue;
            }
            SettingsCheck check = new SettingsCheck(settings, unreadable);
            if (channel == Channel.EMAIL) {
                check.require(SettingKeys.EMAIL_SENDER, "required when email.enabled=true: the From of every email");
            }
            Optional<String> method = settings.find(SettingKeys.deliveryMethod(channel));
            Optional<SenderProvider> provider = method.flatMap(id -> providers.find(channel, id));
            if (method.isEmpty()) {
                check.missing(SettingKeys.deliveryMethod(channel), noDefault(channel, uninstalled));
            } else if (provider.isEmpty()) {
                check.problem(SettingKeys.deliveryMethod(channel), notInstalled(channel, method.get(), uninstalled));
            } else {
                provider.get().settings().validator().validate(check);
            }
            problems.addAll(check.problems());
        }
        return problems;
    }

    private String noDefault(Channel channel, Map<String, Origin> uninstalled) {
        Set<String> ids = providers.ids(channel);
        String name = channel.name().toLowerCase(Locale.ROOT);
        String message = ids.isEmpty()
                ? "required when " + name + ".enabled=true, but no " + name + " provider is installed"
                : "required when " + name + ".enabled=true: choose one of the installed providers " + String.join(", ", ids);
        Set<String> sections = new LinkedHashSet<>();
        uninstalled.keySet().stream().filter(k -> k.startsWith(name + ".")).forEach(k -> sections.add(k.split("\\.")[1]));
        for (String method : sections) {
            message += "; " + keysOf(name + "." + method, uninstalled) + hint(method);
        }
        return ids.isEmpty() && sections.isEmpty() ? message + ": add a delivery module" : message;
    }

    private String notInstalled(Channel channel, String method, Map<String, Origin> uninstalled) {
        String name = channel.name().toLowerCase(Locale.ROOT);
        Set<String> ids = providers.ids(channel);
        String message = "no " + name + " provider '" + method + "' is installed; installed: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids.stream().map(id -> withArtifact(channel, id)).toList()));
        String keys = keysOf(name + "." + method, uninstalled);
        return keys.isEmpty() ? message : message + ". " + keys + hint(method);
    }

    private static String keysOf(String section, Map<String, Origin> uninstalled) {
        List<String> keys = uninstalled.entrySet().stream().filter(e -> e.getKey().startsWith(section + "."))
                .map(e -> e.getValue().keyPrefix() + e.getKey()).toList();
        return keys.isEmpty() ? "" : String.join(", ", keys) + (keys.size() == 1 ? " is a key" : " are keys");
    }

    private static String hint(String method) {
        return " of the provider '" + method + "', which no installed module provides: add the module that does";
    }

    private String withArtifact(Channel channel, String id) {
        return id + providers.find(channel, id).flatMap(SenderProvider::artifact).map(a -> " (" + a + ")").orElse("");
    }

    private static Optional<Channel> channel(String prefix) {
        for (Channel c : Channel.values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(prefix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String typeName(SettingKey<?> key) {
        if (!key.allowedValues().isEmpty()) {
            return "choice";
        }
        Class<?> type = key.type();
        if (type == Secret.class) {
            return "secret";
        }
        if (type == Integer.class) {
            return "integer";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        if (type == java.time.Duration.class) {
            return "duration";
        }
        if (type == java.net.URI.class) {
            return "url";
        }
        if (type == java.nio.file.Path.class) {
            return "path";
        }
        if (type == dev.notify.message.EmailAddress.class) {
            return "email-address";
        }
        return "text";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingsSchema other && identity.equals(other.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "SettingsSchema[" + keys.size() + " keys; providers " + providers.all().stream()
                .map(p -> p.channel().name().toLowerCase(Locale.ROOT) + ":" + p.id()).collect(Collectors.joining(", ")) + "]";
    }

    private static final class Installed {
        static final SettingsSchema SCHEMA = discover(List.of(), List.of(), SettingsSchema.class.getClassLoader());
    }
}
