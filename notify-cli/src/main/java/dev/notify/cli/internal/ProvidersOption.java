package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.NotifierBuilder;
import dev.notify.cli.NotifyCli;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Third-party providers for the command: the jars of {@code --providers DIR}, else of the directories in the
 * {@code NOTIFY_PROVIDERS} environment variable (separated as the class path is), else of the {@code providers}
 * directory next to notify.jar when there is one. The notifier discovers providers and settings extensions in
 * them through its own discovery, given a class loader over those jars; the settings file is read with the keys
 * they declare.
 */
final class ProvidersOption {

    static final String VARIABLE = "NOTIFY_PROVIDERS";
    static final String DIRECTORY = "providers";

    @Option(names = "--providers", paramLabel = "DIR", description = "A directory of provider jars to load besides "
            + "notify's own. Default: the directories in $" + VARIABLE + ", else the " + DIRECTORY + " directory next "
            + "to notify.jar.")
    Path directory;

    private ClassLoader loader;

    /** A notifier builder that discovers the providers of notify.jar and of the provider jars. */
    NotifierBuilder builder() {
        return Notifier.builder().classLoader(loader());
    }

    /** The settings format that knows the keys of every provider the builder discovers. */
    PropertiesFormat format() {
        PropertiesFormat standard = PropertiesFormat.standard();
        if (loader() == NotifyCli.class.getClassLoader()) {
            return standard;
        }
        try (Notifier probe = builder().settings(Settings.of(Layer.empty())).build()) {
            return standard.withSchema(probe.schema());
        }
    }

    private ClassLoader loader() {
        if (loader == null) {
            List<Path> directories = directories();
            List<URL> jars = new ArrayList<>();
            for (Path directory : directories) {
                jars.addAll(jars(directory));
            }
            loader = jars.isEmpty() ? NotifyCli.class.getClassLoader()
                    : new URLClassLoader("notify-providers", jars.toArray(URL[]::new), NotifyCli.class.getClassLoader());
        }
        return loader;
    }

    private List<Path> directories() {
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("--providers: " + directory + " is not a directory");
            }
            return List.of(directory);
        }
        String variable = System.getenv(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            List<Path> paths = new ArrayList<>();
            for (String entry : variable.split(File.pathSeparator)) {
                Path path = Path.of(entry.strip());
                if (!entry.isBlank() && !Files.isDirectory(path)) {
                    throw new IllegalArgumentException(VARIABLE + ": " + path + " is not a directory");
                }
                paths.add(path);
            }
            return paths;
        }
        return besideTheJar().filter(Files::isDirectory).map(List::of).orElse(List.of());
    }

    private static Optional<Path> besideTheJar() {
        try {
            Path location = Path.of(NotifyCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.getParent() != null
                    ? Optional.of(location.getParent().resolve(DIRECTORY)) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<URL> jars(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("a provider jar in " + directory + " has no URL: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the provider jars in " + directory + ": " + e.getMessage());
        }
    }
}
