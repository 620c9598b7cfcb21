package dev.notify.smtp.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * The RCPT TO replies of one transaction, sorted as Angus's transport sorts them: accepted (2xx), refused for
 * now (4xx, and 552 which RFC 5321 allows to mean "too many recipients"), refused (other 5xx), each refusal
 * chained as an {@link SMTPAddressFailedException}.
 *
 * <p>Not threadsafe.
 */
final class RecipientReplies {

    final List<Address> valid = new ArrayList<>();
    final List<Address> unsent = new ArrayList<>();
    final List<Address> invalid = new ArrayList<>();
    MessagingException chain;

    void add(InternetAddress address, String command, SmtpReply reply) {
        if (reply.positive()) {
            valid.add(address);
            return;
        }
        if (reply.code() < 500 || reply.code() == 552) {
            unsent.add(address);
        } else {
            invalid.add(address);
        }
        SMTPAddressFailedException e = new SMTPAddressFailedException(address, command, reply.code(), reply.text());
        if (chain == null) {
            chain = e;
        } else {
            chain.setNextException(e);
        }
    }

    Address[] validUnsent() {
        return unsent.toArray(Address[]::new);
    }

    Address[] invalid() {
        return invalid.toArray(Address[]::new);
    }

    /** The recipients a failed transaction did not reach but that may be tried again. */
    Address[] allValid() {
        List<Address> all = new ArrayList<>(valid);
        all.addAll(unsent);
        return all.toArray(Address[]::new);
    }
}
