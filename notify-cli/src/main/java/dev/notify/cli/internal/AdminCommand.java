package dev.notify.cli.internal;

import dev.notify.admin.AdminPage;
import dev.notify.store.SettingsStore;
import dev.notify.web.jdk.JdkWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Serve the Email and SMS settings page for a settings store (--config FILE or --jdbc-url URL) on "
                + "127.0.0.1 until interrupted (Ctrl+C). Prints the address with a random access token: only a browser "
                + "that opened that address can use the page.")
public final class AdminCommand extends BaseCommand {

    @Mixin
    StoreLocation location;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The port on 127.0.0.1 (default: a free port, printed at start).")
    int port;

    @Override
    int run(Output out) {
        AdminToken token = AdminToken.random(System.getProperty("user.name", "admin"));
        CountDownLatch stopped = new CountDownLatch(1);
        try (SettingsStore store = location.open()) {
            AdminPage page = AdminPage.builder(store, token).build();
            JdkWebServer server = JdkWebServer.builder(token.guard(page)).port(port).build().start();
            Thread hook = new Thread(() -> {
                server.stop();
                stopped.countDown();
            }, "notify-admin-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            // Output masks URL credentials such as token=; this one address is the point of the command. It is made
            // of the loopback URI and base64url characters only, so nothing in it can disturb the terminal.
            java.io.PrintWriter console = spec.commandLine().getOut();
            console.println("Email and SMS settings page: " + server.uri() + "?" + token.query());
            console.flush();
            out.line("Open it in a browser on this machine; the address is the key, keep it to yourself. "
                    + "Ctrl+C stops the page.");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                server.stop();
                removeHook(hook);
            }
            out.line("Stopped.");
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }
}
