package dev.notify.benchmarks.jmh;

import dev.notify.benchmarks.harness.Mail;
import dev.notify.message.EmailMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Building the benchmark's {@link EmailMessage}: one recipient, a subject and a 2 KB text body. */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageBuildBenchmark {

    private int sequence;

    @Benchmark
    public EmailMessage buildEmailMessage() {
        return EmailMessage.builder()
                .to(Mail.TO)
                .subject(Mail.subject("jmh", sequence++))
                .text(Mail.BODY)
                .build();
    }
}
