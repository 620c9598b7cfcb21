package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Spring's {@link JavaMailSenderImpl#send(MimeMessage...)} with batches of {@value #BATCH} messages (one
 * connection per batch), the batches spread over C threads.
 */
public final class SpringBatches implements Contender {

    static final int BATCH = 100;

    @Override
    public String id() {
        return "spring-batch";
    }

    @Override
    public Client open(Target target, int threads) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(target.host());
        sender.setPort(target.port());
        sender.setDefaultEncoding("UTF-8");
        if (target.secure()) {
            sender.setUsername(target.username());
            sender.setPassword(target.password());
        }
        sender.setJavaMailProperties(JakartaProperties.of(target));
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                int batches = (count + BATCH - 1) / BATCH;
                Workers.run(threads, batches, (thread, b) -> {
                    int from = b * BATCH;
                    int to = Math.min(count, from + BATCH);
                    MimeMessage[] messages = new MimeMessage[to - from];
                    for (int i = from; i < to; i++) {
                        MimeMessage m = sender.createMimeMessage();
                        MimeMessageHelper helper = new MimeMessageHelper(m, "UTF-8");
                        helper.setFrom(Mail.FROM);
                        helper.setTo(Mail.TO);
                        helper.setSubject(Mail.subject(run, i));
                        helper.setText(Mail.BODY);
                        messages[i - from] = m;
                    }
                    sender.send(messages);
                });
            }

            @Override
            public void close() {
            }
        };
    }
}
