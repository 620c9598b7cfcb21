package dev.notify.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's fleet: three JVMs share one PostgreSQL and send through their own notifiers; a change saved in one is
 * used by the next sends of the others. Prints the propagation delay (commit started to the first send with the new
 * value, {@link System#nanoTime()} in every JVM) over 100 changes; asserts only that every change propagated.
 */
class FleetTest {

    private static final int CHANGES = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final SmtpServerExtension SMTP_A = SmtpServerExtension.plain();
    @RegisterExtension
    static final SmtpServerExtension SMTP_B = SmtpServerExtension.plain();

    @TempDir
    Path dir;

    @Test
    void changeSavedInOneJvmIsUsedByTheOthersAndSendsGoOnWhileTheDatabaseIsDown() throws Exception {
        List<Member> members = new ArrayList<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.on(dir.resolve("pg"), JdbcSettingsStoreTest.freePort())) {
            String url = database.url("postgres");
            try (SettingsStore seed = JdbcSettingsStore.builder(EmbeddedDatabase.dataSource(url)).build()) {
                ChangeSet.Builder global = ChangeSet.builder(0, "fleet-test");
                SMTP_A.properties().forEach(global::set);
                seed.apply(global.addServer("eu", null).set("servers.eu.email.sender", "Fleet <c0@fleet.example>")
                        .addServer("eu-1", "eu").build());
            }
            try {
                for (int m = 0; m < 3; m++) {
                    members.add(Member.start(url, "m" + m, dir.resolve("m" + m + ".log")));
                }
                for (Member member : members) {
                    member.await("U 0 ");
                }

                List<Long> delays = new ArrayList<>();
                boolean onB = false;
                long slowest = 0;
                int slowestChange = 0;
                for (int change = 1; change <= CHANGES; change++) {
                    String port = "";
                    if (change % 10 == 0) {
                        onB = !onB;
                        port = " " + (onB ? SMTP_B : SMTP_A).port();
                    }
                    List<Long> these = change(members, change, port);
                    delays.addAll(these);
                    if (Collections.max(these) > slowest) {
                        slowest = Collections.max(these);
                        slowestChange = change;
                    }
                }
                System.out.printf("Fleet: the slowest change was number %d%n", slowestChange);
                report("propagation delay over " + CHANGES + " changes", delays);
                assertThat(delays).hasSize(2 * CHANGES);
                assertDelivered(members, onB);

                database.stop();
                for (Member member : members) {
                    member.await("S UNAVAILABLE");
                }
                int before = sentBy(onB ? SMTP_B : SMTP_A, "Fleet <c" + CHANGES + "@fleet.example>");
                awaitSent(onB ? SMTP_B : SMTP_A, "Fleet <c" + CHANGES + "@fleet.example>", before + 3 * 3);
                for (Member member : members) {
                    assertThat(member.failures).as(member.name + " sent with the last good settings").isEmpty();
                }

                database.start();
                for (Member member : members) {
                    member.await("S OK");
                }
                report("after the restart", change(members, CHANGES + 1, " " + SMTP_A.port()));
            } finally {
                members.forEach(Member::close);
            }
        }
    }

    /** Has member {@code change % 3} apply the change; returns the delay until each other member used it, in ns. */
    private static List<Long> change(List<Member> members, int change, String port) throws Exception {
        Member writer = members.get(change % 3);
        writer.input.println("CHANGE " + change + port);
        writer.input.flush();
        long committed = Long.parseLong(writer.await("C " + change + " ").split(" ")[2]);
        List<Long> delays = new ArrayList<>();
        for (Member member : members) {
            if (member != writer) {
                long used = Long.parseLong(member.await("U " + change + " ").split(" ")[2]);
                delays.add(used - committed);
            }
        }
        return delays;
    }

    /** Every change reached the SMTP server it named, from both members that did not save it. */
    private static void assertDelivered(List<Member> members, boolean lastOnB) {
        List<EmailMessage> a = SMTP_A.messages();
        List<EmailMessage> b = SMTP_B.messages();
        boolean onB = false;
        for (int change = 1; change <= CHANGES; change++) {
            if (change % 10 == 0) {
                onB = !onB;
            }
            String from = "Fleet <c" + change + "@fleet.example>";
            for (int m = 0; m < 3; m++) {
                if (m != change % 3) {
                    String subject = "m" + m + " " + change;
                    assertThat(onB ? b : a).as(subject).anyMatch(mail -> mail.subject().equals(subject)
                            && mail.from().map(Object::toString).orElse("").equals(from));
                }
            }
        }
        assertThat(onB).isEqualTo(lastOnB);
        assertThat(members).allMatch(m -> m.failures.isEmpty());
    }

    private static int sentBy(SmtpServerExtension smtp, String from) {
        return (int) smtp.messages().stream().filter(m -> m.from().map(Object::toString).orElse("").equals(from))
                .count();
    }

    private static void awaitSent(SmtpServerExtension smtp, String from, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sentBy(smtp, from) < count) {
            assertThat(System.nanoTime() - deadline).as("sends with the last good settings").isNegative();
            Thread.sleep(50);
        }
    }

    private static void report(String what, List<Long> delaysNanos) {
        List<Long> sorted = new ArrayList<>(delaysNanos);
        Collections.sort(sorted);
        long within1s = sorted.stream().filter(d -> d <= 1_000_000_000L).count();
        System.out.printf("Fleet %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d of %d within 1 s%n", what,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                within1s, sorted.size());
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A {@link FleetMember} JVM and the lines it printed. */
    private static final class Member implements AutoCloseable {
        final String name;
        final Process process;
        final PrintWriter input;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        private Member(String name, Process process) {
            this.name = name;
            this.process = process;
            this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "fleet-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Member start(String url, String name, Path log) throws IOException {
            return new Member(name, new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), FleetMember.class.getName(), url, name)
                    .redirectError(log.toFile()).start());
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("F ")) {
                        failures.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        /** The next line starting with {@code prefix}, skipping others. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(line).as(name + " printed '" + prefix + "' (alive: " + process.isAlive() + ")").isNotNull();
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
