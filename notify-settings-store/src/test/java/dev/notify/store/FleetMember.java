package dev.notify.store;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.EmailMessage;
import dev.notify.settings.SettingKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One server of the fleet test, in a JVM of its own: sends email as server {@code eu-1} through a notifier on a
 * {@link JdbcSettingsStore} as soon as the store tells of a change and every 200 ms otherwise (a busy server sends
 * all the time; sending in a loop would only load the machine), and applies the changes its standard input asks
 * for. Writes to standard
 * output, with {@link System#nanoTime()} (one clock for every process of the machine):
 * <ul>
 * <li>{@code C <n> <nanos>}: change n is about to be applied (the time is taken before the transaction starts);
 * <li>{@code U <n> <nanos>}: the first send with the sender of change n started then, and was accepted ({@code U 0}:
 * the first send, with the seeded settings, so the member is ready);
 * <li>{@code S <state>}: the store's status changed;
 * <li>{@code F <reason>}: a send failed.
 * </ul>
 * Arguments: the JDBC URL and this member's name. Input lines: {@code CHANGE <n> [<smtp port>]}.
 */
public final class FleetMember {

    private FleetMember() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        SettingsStore store = JdbcSettingsStore.builder(EmbeddedDatabase.dataSource(args[0])).createTables(false)
                .options(StoreOptions.builder().checkInterval(Duration.ofSeconds(2)).build()).build();
        Semaphore changed = new Semaphore(0);
        store.addListener(new StoreListener() {
            @Override
            public void settingsChanged(long version) {
                changed.release();
            }

            @Override
            public void statusChanged(StoreStatus status) {
                print("S " + status.state());
            }
        });
        Notifier notifier = Notifier.builder().settings(store).build();
        Thread sender = new Thread(() -> send(store, notifier, name, changed), "fleet-sender");
        sender.setDaemon(true);
        sender.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            int change = Integer.parseInt(words[1]);
            long started = System.nanoTime();
            ChangeSet.Builder edit = ChangeSet.builder(store.snapshot().version(), name)
                    .set("servers.eu.email.sender", "Fleet <c" + change + "@fleet.example>");
            if (words.length > 2) {
                edit.set("servers.eu.email.smtp.port", words[2]);
            }
            store.apply(edit.build());
            print("C " + change + " " + started);
        }
        System.exit(0);
    }

    private static void send(SettingsStore store, Notifier notifier, String name, Semaphore changed) {
        int last = -1;
        while (true) {
            String sender = store.current().resolve("eu-1").get(SettingKeys.EMAIL_SENDER).localPart();
            int change = Integer.parseInt(sender.substring(1));
            long pickedUp = System.nanoTime();
            try {
                SendResult result = notifier.server("eu-1").sendEmail(EmailMessage.builder().to("ops@fleet.example")
                        .subject(name + " " + change).text("sent by " + name).build());
                if (!result.isAccepted()) {
                    print("F " + result.status());
                } else if (change > last) {
                    last = change;
                    print("U " + change + " " + pickedUp);
                }
                changed.tryAcquire(200, TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (RuntimeException e) {
                print("F " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
