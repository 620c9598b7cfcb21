package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command that reads settings refuses a bad file with exit code 2, naming the key, before connecting. */
class BadConfigTest {

    private static final List<String> VALID = List.of(
            "email.enabled=true",
            "email.sender=support@example.com",
            "email.smtp.host=127.0.0.1",
            "email.smtp.port=1",
            "email.smtp.tls=none",
            "email.smtp.auth.enabled=true",
            "email.smtp.auth.username=portal",
            "email.smtp.auth.password=Pa55-LEAK",
            "sms.enabled=true",
            "sms.email-gateway.sender=sms@example.com",
            "sms.email-gateway.destination-domain=sms.example.net");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key                 | email.smtp.prot=25                             | email.smtp.prot                     | did you mean 'email.smtp.port'
            bad port                    | servers.eu-1.email.smtp.port=70000             | servers.eu-1.email.smtp.port        | must be 1-65535, was 70000
            missing host                | email.smtp.host=                               | email.smtp.host                     | required when email.delivery-method=smtp
            username without password   | servers.eu-1.email.smtp.auth.username=eu       | servers.eu-1.email.smtp.auth.password | must be set together with servers.eu-1.email.smtp.auth.username
            unknown delivery method     | servers.eu-1.email.delivery-method=smpt        | servers.eu-1.email.delivery-method  | no email provider 'smpt' is installed
            bad secret reference        | email.smtp.auth.password=${env:NOTIFY_TEST_UNSET_VARIABLE} | email.smtp.auth.password | environment variable NOTIFY_TEST_UNSET_VARIABLE is not set
            unreadable secret file      | email.smtp.auth.password=${file:missing-secret} | email.smtp.auth.password           | cannot read file
            unknown reference kind      | email.smtp.auth.password=${vault:smtp}         | email.smtp.auth.password            | unknown reference
            bad tls mode                | email.smtp.tls=ssl                             | email.smtp.tls                      | must be one of none, starttls, implicit
            host with port              | email.smtp.host=mail.example.com:587           | email.smtp.host                     | without a port
            bad sender                  | servers.eu-1.email.sender=Support <support@>   | servers.eu-1.email.sender           | is not a valid host name
            bad boolean                 | email.enabled=maybe                            | email.enabled                       | must be true or false
            bad duration                | email.smtp.read-timeout=30                     | email.smtp.read-timeout             | must be a duration
            sms without gateway domain  | servers.eu-1.sms.email-gateway.destination-domain=           | servers.eu-1.sms.email-gateway.destination-domain | required when sms.enabled=true
            graph without credentials   | servers.eu-1.email.delivery-method=graph       | servers.eu-1.email.graph.tenant-id  | required when email.delivery-method=graph
            tenant id with a fragment   | servers.eu-1.email.graph.tenant-id=x#frag      | servers.eu-1.email.graph.tenant-id  | must be the Directory (tenant) ID
            tenant id with a path       | email.graph.tenant-id=not a tenant/../x?y      | email.graph.tenant-id               | or a verified domain of the tenant
            multi-tenant alias          | email.graph.tenant-id=common                   | email.graph.tenant-id               | the client-credentials flow cannot use it
            client id not a GUID        | servers.eu-1.email.graph.client-id=client-1    | servers.eu-1.email.graph.client-id  | must be the Application (client) ID
            inherits unknown server     | servers.eu-1.inherits=tenant-x                 | servers.eu-1.inherits               | names server 'tenant-x', which has no settings
            """)
    void badSettingsExitTwoNamingTheKey(String name, String line, String key, String message) {
        List<String> lines = new ArrayList<>(VALID);
        lines.add(line);
        Path config = CliRun.writeConfig(dir, lines.toArray(String[]::new));

        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"send-sms", "--to", "+15550101234", "--text", "hi"},
                new String[] {"check"},
                new String[] {"resolve"}));
        if (!key.contains("sms.")) {
            commands.add(new String[] {"test-email", "--to", "admin@example.com"});
        }
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--config", config.toString(), "--server", "eu-1"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.all()).isEqualTo(2);
            assertThat(run.err()).as(command[0]).contains(key + ": ").contains(message);
            assertThat(run.all()).doesNotContain("Pa55-LEAK");
        }
    }
}
