/**
 * The {@code notify} command line. Its commands live in {@code dev.notify.cli.internal}, which is not exported;
 * it is opened to picocli only, which reads the command annotations and sets the option fields reflectively.
 */
module dev.notify.cli {
    requires dev.notify.admin;
    requires dev.notify.api;
    requires dev.notify.outbox;
    requires dev.notify.sms.passcodes;
    requires dev.notify.store;
    requires greenmail;
    requires info.picocli;
    requires jakarta.mail;
    requires java.sql;

    exports dev.notify.cli;

    opens dev.notify.cli to info.picocli;
    opens dev.notify.cli.internal to info.picocli;
}
