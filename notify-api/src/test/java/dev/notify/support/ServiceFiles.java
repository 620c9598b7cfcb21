package dev.notify.support;

import dev.notify.spi.SenderProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class loader that sees this module's test classes plus one more {@code META-INF/services} file listing the
 * given providers, as a class path with one more provider jar would.
 */
public final class ServiceFiles {

    private ServiceFiles() {
    }

    public static URLClassLoader loaderListing(Path directory, List<Class<?>> providers) {
        return loaderListing(directory, SenderProvider.class, providers);
    }

    /** The same for any service interface, such as {@code SettingsExtension}. */
    public static URLClassLoader loaderListing(Path directory, Class<?> service, List<Class<?>> implementations) {
        try {
            Path services = Files.createDirectories(directory.resolve("META-INF/services"));
            Files.write(services.resolve(service.getName()),
                    implementations.stream().map(Class::getName).toList());
            return new URLClassLoader(new URL[] {directory.toUri().toURL()}, ServiceFiles.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
