package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vert.x's mail client with PIPELINING on and a pool of C kept-alive connections, one Vert.x instance per client.
 * Every {@code sendMail} is issued on one Vert.x context, as a verticle would; C caller threads each wait for their
 * own message. (Called from several plain threads at once, the client gives each its own context, and a pooled
 * connection still being set up can miss the server's greeting and hang.)
 */
public final class VertxMail implements Contender {

    private static final int TIMEOUT_SECONDS = 30;
    /** Vert.x writes each line with CRLF itself and quoted-printable-encodes text that contains a CR. */
    private static final String BODY = Mail.BODY.replace("\r\n", "\n");

    @Override
    public String id() {
        return "vertx-mail";
    }

    @Override
    public Client open(Target target, int threads) {
        Vertx vertx = Vertx.vertx();
        MailClient mail = MailClient.create(vertx, config(target, threads));
        Context context = vertx.getOrCreateContext();
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                Workers.run(threads, count, (thread, i) -> {
                    CompletableFuture<MailResult> sent = new CompletableFuture<>();
                    MailMessage message = message(run, i);
                    context.runOnContext(v -> mail.sendMail(message).onComplete(
                            sent::complete, sent::completeExceptionally));
                    await(sent);
                });
            }

            @Override
            public void close() {
                try {
                    await(mail.close().eventually(vertx::close));
                } catch (Exception e) {
                    throw new IllegalStateException("closing Vert.x failed", e);
                }
            }
        };
    }

    private static MailConfig config(Target target, int threads) {
        MailConfig config = new MailConfig()
                .setHostname(target.host())
                .setPort(target.port())
                .setPipelining(true)
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(threads, 1))
                .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(10));
        if (target.secure()) {
            config.setStarttls(StartTLSOptions.REQUIRED)
                    .setTrustOptions(new PfxOptions().setPath(target.sink().trustStore().toString())
                            .setPassword(target.sink().trustStorePassword()))
                    .setLogin(LoginOption.REQUIRED)
                    .setAuthMethods("PLAIN")
                    .setUsername(target.username())
                    .setPassword(target.password());
        } else {
            // Plain mode means plain: the default upgrades whenever the server offers STARTTLS.
            config.setStarttls(StartTLSOptions.DISABLED).setLogin(LoginOption.DISABLED);
        }
        return config;
    }

    private static MailMessage message(String run, int sequence) {
        return new MailMessage().setFrom(Mail.FROM).setTo(Mail.TO).setSubject(Mail.subject(run, sequence))
                .setText(BODY);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return await(future.toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("Vert.x did not complete within " + TIMEOUT_SECONDS + " s");
        }
    }
}
