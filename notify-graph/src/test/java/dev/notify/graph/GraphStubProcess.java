package dev.notify.graph;

import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.UploadedAttachment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test kit's Graph stub in a JVM of its own, so that what a test measures in its own heap is the sender's alone:
 * {@link #start()} launches it with this JVM's class path, reads the settings that point at it, and asks it for its
 * uploads over the child's standard input and output. {@link #close()} ends it.
 */
final class GraphStubProcess implements AutoCloseable {

    private static final String READY = "READY";
    private static final String END = "END";

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private GraphStubProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        for (String line; !READY.equals(line = readLine()); ) {
            int eq = line.indexOf('=');
            properties.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    /** Starts the stub with tokens holding Mail.Send and Mail.ReadWrite, and waits until it serves. */
    static GraphStubProcess start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                GraphStubProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            return new GraphStubProcess(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The settings of {@link GraphServerExtension#properties()}: email through the stub, trusting its certificate. */
    Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    /** The stub's {@link GraphServerExtension#uploads()}. */
    List<UploadedAttachment> uploads() throws IOException {
        in.println("uploads");
        List<UploadedAttachment> uploads = new ArrayList<>();
        for (String line; !END.equals(line = readLine()); ) {
            String[] f = line.split("\t", -1);
            uploads.add(new UploadedAttachment(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5],
                    f[6].isEmpty() ? List.of() : List.of(f[6].split(",")), Integer.parseInt(f[7])));
        }
        return uploads;
    }

    private String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the Graph stub's JVM ended (exit " + (process.isAlive() ? "?" : process.exitValue())
                    + ")");
        }
        return line;
    }

    @Override
    public void close() {
        in.close();
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    /** The child: serves until its standard input ends, answering {@code uploads} with one line per upload. */
    public static void main(String[] args) throws IOException {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (GraphServerExtension graph = GraphServerExtension.create().start()) {
            graph.roles("Mail.Send", "Mail.ReadWrite");
            graph.properties().forEach((k, v) -> stdout.println(k + "=" + v));
            stdout.println(READY);
            stdout.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null; ) {
                if (command.equals("uploads")) {
                    for (UploadedAttachment u : graph.uploads()) {
                        stdout.println(String.join("\t", u.messageId(), u.name(), u.contentType(),
                                String.valueOf(u.size()), String.valueOf(u.received()), u.sha256(),
                                String.join(",", u.contentRanges()), String.valueOf(u.putsWithBearerToken())));
                    }
                }
                stdout.println(END);
                stdout.flush();
            }
        }
    }
}
