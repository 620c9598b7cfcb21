package dev.notify.benchmarks.harness;

import javax.net.ssl.SSLContext;

/**
 * The sink in one mode, as a contender connects to it.
 *
 * @param sink where it is
 * @param mode plain or STARTTLS + AUTH
 * @param tls  trusts only the sink's certificate
 */
public record Target(SinkInfo sink, Mode mode, SSLContext tls) {

    public String host() {
        return sink.host();
    }

    public int port() {
        return sink.port();
    }

    public boolean secure() {
        return mode.secure();
    }

    public String username() {
        return sink.username();
    }

    public String password() {
        return sink.password();
    }
}
