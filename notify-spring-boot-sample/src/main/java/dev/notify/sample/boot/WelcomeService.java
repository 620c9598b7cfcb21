package dev.notify.sample.boot;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.EmailMessage;
import org.springframework.stereotype.Service;

/** Welcomes a new user of a server by email, with that server's notify settings. */
@Service
public class WelcomeService {

    private final Notifier notifier;

    public WelcomeService(Notifier notifier) {
        this.notifier = notifier;
    }

    public SendResult welcome(String server, String name, String email) {
        return notifier.server(server).sendEmail(EmailMessage.builder()
                .to(email)
                .subject("Welcome to " + server + ", " + name)
                .text("Hello " + name + ",\n\nyour account on " + server + " is ready.")
                .build());
    }
}
