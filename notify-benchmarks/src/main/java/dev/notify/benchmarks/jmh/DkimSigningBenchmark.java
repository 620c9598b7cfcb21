package dev.notify.benchmarks.jmh;

import dev.notify.benchmarks.harness.Mail;
import dev.notify.smtp.internal.dkim.DkimSigner;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.smtp.internal.dkim.SigningKey;
import dev.notify.smtp.internal.dkim.SigningPolicy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM signing of the benchmark's ~2 KB message (relaxed/relaxed, the default headers): the whole signature
 * with RSA-2048 and with Ed25519, and what notify adds around the private-key operation (canonicalization,
 * hashing, the DKIM-Signature field) measured on its own ({@code ...WithoutPrivateKeyOperation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DkimSigningBenchmark {

    private byte[] message;
    private DkimSigner rsa2048;
    private DkimSigner ed25519;

    @Setup
    public void setUp() throws GeneralSecurityException {
        String headers = String.join("\r\n",
                "Date: Mon, 30 Nov 2026 10:00:00 +0000",
                "From: notify benchmark <" + Mail.FROM + ">",
                "To: " + Mail.TO,
                "Message-ID: <4f1c2a9e0b7d4e3f9a8b6c5d4e3f2a1b@example.com>",
                "Subject: " + Mail.subject("jmh", 1),
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 7bit",
                "",
                "");
        message = (headers + Mail.BODY).getBytes(StandardCharsets.US_ASCII);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsa2048 = new DkimSigner(new SigningKey("example.com", "rsa2048", SigningAlgorithm.RSA_SHA256,
                rsa.generateKeyPair().getPrivate()), SigningPolicy.defaults(), Clock.systemUTC());
        ed25519 = new DkimSigner(new SigningKey("example.com", "ed1", SigningAlgorithm.ED25519_SHA256,
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()), SigningPolicy.defaults(),
                Clock.systemUTC());
    }

    /** The message's size in bytes, for the report. */
    public int messageSize() {
        return message.length;
    }

    @Benchmark
    public String rsa2048() {
        return rsa2048.sign(message);
    }

    @Benchmark
    public String ed25519() {
        return ed25519.sign(message);
    }

    @Benchmark
    public DkimSigner.Prepared rsa2048WithoutPrivateKeyOperation() {
        return rsa2048.prepare(message, message.length);
    }

    @Benchmark
    public DkimSigner.Prepared ed25519WithoutPrivateKeyOperation() {
        return ed25519.prepare(message, message.length);
    }
}
