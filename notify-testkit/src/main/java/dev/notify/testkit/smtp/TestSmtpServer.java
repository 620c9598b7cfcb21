package dev.notify.testkit.smtp;

/** An embedded SMTP server on a loopback port, recording into an {@link Inbox}. */
interface TestSmtpServer {

    /** Starts the server; returns the port it listens on. */
    int start();

    /** Stops the server and closes its connections. Idempotent. */
    void stop();
}
