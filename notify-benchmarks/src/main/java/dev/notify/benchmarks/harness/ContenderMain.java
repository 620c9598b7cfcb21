package dev.notify.benchmarks.harness;

import dev.notify.benchmarks.contenders.Contenders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one contender in this JVM, which has only that contender's jars on its class path, and prints a
 * {@link RunResult} line per mode and thread count. With {@code --cold}, sends a single message and exits, for
 * the time from JVM start to the first accepted message.
 *
 * <p>Exit codes: 0 done, 3 the sink's count did not match (lost or duplicated messages), 1 any other failure.
 */
public final class ContenderMain {

    private ContenderMain() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        try {
            SinkInfo sink = SinkInfo.read(Path.of(args.get("sink")));
            Contender contender = Contenders.create(args.get("contender"));
            if (args.flag("cold")) {
                Target target = new Target(sink, Mode.PLAIN, sink.clientTls());
                try (Contender.Client client = contender.open(target, 1)) {
                    client.send("cold", 1);
                }
                System.exit(0);
            }
            Measurement measurement = new Measurement(sink.control(), args.integer("runs", 3));
            List<Mode> modes = Mode.parse(args.get("modes"));
            List<Integer> threads = Arrays.stream(args.get("threads").split(",")).map(String::trim)
                    .map(Integer::valueOf).toList();
            for (Mode mode : modes) {
                int n = mode == Mode.PLAIN_2MS ? args.integer("n-2ms", 200)
                        : mode == Mode.STARTTLS_AUTH ? args.integer("n-tls", 2000) : args.integer("n", 4000);
                if (Contenders.connectsPerMessage(args.get("contender"))) {
                    n = Math.min(n, args.integer("n-per-connection", 400));
                }
                Target target = new Target(sink, mode, sink.clientTls());
                for (int c : threads) {
                    RunResult result = measurement.measure(contender, target, c, n, Math.max(20, n));
                    System.out.println(result.toLine());
                    System.out.flush();
                }
            }
            System.exit(0);
        } catch (CountMismatchException e) {
            System.out.println("MISMATCH\t" + e.getMessage());
            System.exit(3);
        } catch (Exception | Error e) {
            System.out.println("FAILED\t" + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
