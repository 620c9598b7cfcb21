package dev.notify.outbox.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test: a real full disk and a real read-only file system, which a root user cannot
 * fake with permissions. Tests using it are skipped where mounting is not allowed (not root, no mount namespace).
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code mountPoint}, or skips the test when that is not possible. */
    public static Tmpfs mount(Path mountPoint, int kilobytes) {
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", mountPoint.toString()),
                "mounting a tmpfs needs root: skipped");
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Makes the file system read-only, as a disk the kernel remounted after errors. */
    public void remountReadOnly() {
        if (!run("mount", "-o", "remount,ro", mountPoint.toString())) {
            throw new IllegalStateException("cannot remount " + mountPoint + " read-only");
        }
    }

    @Override
    public void close() {
        run("umount", mountPoint.toString());
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
