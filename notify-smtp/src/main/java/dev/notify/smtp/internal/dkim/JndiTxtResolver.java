package dev.notify.smtp.internal.dkim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * TXT lookups through the JDK's JNDI DNS provider, with a timeout per query and one retry. This class is
 * immutable and threadsafe.
 */
public final class JndiTxtResolver implements TxtResolver {

    private final Optional<String> server;
    private final Duration timeout;

    private JndiTxtResolver(Optional<String> server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /** The name servers the platform is configured with. */
    public static JndiTxtResolver system(Duration timeout) {
        return new JndiTxtResolver(Optional.empty(), positive(timeout));
    }

    /** One name server, {@code host} or {@code host:port}. */
    public static JndiTxtResolver server(String hostAndPort, Duration timeout) {
        return new JndiTxtResolver(Optional.of(Objects.requireNonNull(hostAndPort, "hostAndPort")), positive(timeout));
    }

    @Override
    public List<String> txt(String name) throws IOException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        server.ifPresent(s -> env.put(Context.PROVIDER_URL, "dns://" + s));
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attribute txt = context.getAttributes(name, new String[] {"TXT"}).get("TXT");
            List<String> records = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    records.add(joined(String.valueOf(values.next())));
                }
            }
            return records;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw new IOException("DNS lookup of " + name + " failed: " + e.getClass().getSimpleName()
                    + (e.getExplanation() == null ? "" : " (" + e.getExplanation() + ")"), e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    // nothing is held open after the lookup
                }
            }
        }
    }

    /**
     * A TXT record's character-strings as one string. JNDI gives them separated by a space, each in quotes with
     * {@code \"} and {@code \\} escaped when it holds a space, quote or backslash or is empty.
     */
    static String joined(String jndi) {
        StringBuilder out = new StringBuilder(jndi.length());
        int i = 0;
        while (i < jndi.length()) {
            if (jndi.charAt(i) == '"') {
                i++;
                while (i < jndi.length() && jndi.charAt(i) != '"') {
                    char c = jndi.charAt(i++);
                    if (c == '\\' && i < jndi.length()) {
                        c = jndi.charAt(i++);
                    }
                    out.append(c);
                }
                i++;
            } else {
                while (i < jndi.length() && jndi.charAt(i) != ' ') {
                    out.append(jndi.charAt(i++));
                }
            }
            i++;
        }
        return out.toString();
    }

    private static Duration positive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be longer than zero, was " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "JndiTxtResolver[" + server.orElse("system name servers") + ", timeout " + timeout.toMillis() + " ms]";
    }
}
