package dev.notify.testkit.smtp;

import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.AuthCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;

/**
 * GreenMail's SMTP commands with PIPELINING in the EHLO reply. GreenMail reads commands and message content from
 * one buffered stream, so it answers a pipelined group correctly, but it does not offer PIPELINING. Its
 * {@code SmtpHandler} takes the command registry as a constructor argument, and {@code SmtpServer}'s protected
 * {@code createProtocolHandler} is where {@link GreenMailServer} passes this one.
 */
final class GreenMailPipelining extends SmtpCommandRegistry {

    private static final SmtpCommand EHLO = new PipeliningEhlo();

    @Override
    public SmtpCommand getCommand(String name) {
        return "EHLO".equals(name) ? EHLO : super.getCommand(name);
    }

    /** The reply of GreenMail 2.1's {@code HeloCommand} to EHLO, with PIPELINING before AUTH. */
    private static final class PipeliningEhlo extends SmtpCommand {
        @Override
        public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
            conn.setHeloName(commandLine.length() > 5 ? commandLine.substring(5) : null);
            state.clearMessage();
            conn.send("250-" + conn.getServerGreetingsName());
            conn.send("250-PIPELINING");
            conn.send("250 AUTH " + AuthCommand.SUPPORTED_AUTH_MECHANISM);
        }
    }
}
