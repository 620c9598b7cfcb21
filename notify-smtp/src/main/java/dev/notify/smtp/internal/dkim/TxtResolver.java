package dev.notify.smtp.internal.dkim;

import java.io.IOException;
import java.util.List;

/** Looks up DNS TXT records; {@link JndiTxtResolver} asks the system's name servers. */
@FunctionalInterface
public interface TxtResolver {

    /**
     * The TXT records at {@code name}, each with its character-strings joined; empty when the name does not
     * exist or has none.
     *
     * @throws IOException when no name server answered in time
     */
    List<String> txt(String name) throws IOException;
}
