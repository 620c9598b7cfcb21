package dev.notify.benchmarks.harness;

import java.util.List;

/**
 * One contender in one mode at one thread count: the median of the measured runs.
 *
 * @param contender        the contender's id
 * @param mode             how the sink was reached
 * @param threads          C
 * @param messages         N per run
 * @param messagesPerSecond median throughput
 * @param cpuMicrosPerMessage median client process CPU per message
 * @param connections      connections the sink accepted in the median run
 * @param commandsPerMessage SMTP commands per message in the median run
 * @param roundTripsPerMessage the sink's reply flushes per message in the median run
 * @param runs             every measured run's throughput
 */
public record RunResult(String contender, Mode mode, int threads, int messages, double messagesPerSecond,
        double cpuMicrosPerMessage, long connections, double commandsPerMessage, double roundTripsPerMessage,
        List<Double> runs) {

    /** One tab-separated line, for a child JVM to report to the orchestrator. */
    public String toLine() {
        return String.join("\t", "RESULT", contender, mode.id(), String.valueOf(threads), String.valueOf(messages),
                String.valueOf(messagesPerSecond), String.valueOf(cpuMicrosPerMessage), String.valueOf(connections),
                String.valueOf(commandsPerMessage), String.valueOf(roundTripsPerMessage),
                String.join(",", runs.stream().map(String::valueOf).toList()));
    }

    public static RunResult parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 11 || !f[0].equals("RESULT")) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        return new RunResult(f[1], Mode.byId(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7]), Double.parseDouble(f[8]),
                Double.parseDouble(f[9]), java.util.Arrays.stream(f[10].split(",")).map(Double::valueOf).toList());
    }
}
