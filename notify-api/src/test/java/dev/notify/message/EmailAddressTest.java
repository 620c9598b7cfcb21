package dev.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void bareAddress() {
        EmailAddress a = EmailAddress.parse("alice@example.com");

        assertThat(a.address()).isEqualTo("alice@example.com");
        assertThat(a.displayName()).isEmpty();
        assertThat(a).hasToString("alice@example.com");
    }

    @Test
    void displayNameAndAddress() {
        EmailAddress a = EmailAddress.parse("Customer Service <support@example.com>");

        assertThat(a.displayName()).contains("Customer Service");
        assertThat(a.address()).isEqualTo("support@example.com");
        assertThat(a).hasToString("Customer Service <support@example.com>");
    }

    @Test
    void quotedDisplayNameMayContainCommasAndEscapedQuotes() {
        EmailAddress a = EmailAddress.parse("\"Doe, Jane \\\"JD\\\"\" <jane@example.com>");

        assertThat(a.displayName()).contains("Doe, Jane \"JD\"");
        assertThat(a.address()).isEqualTo("jane@example.com");
    }

    @Test
    void internationalisedDomainIsSentAsPunycode() {
        EmailAddress a = EmailAddress.parse("Müller <info@bücher.example>");

        assertThat(a.address()).isEqualTo("info@bücher.example");
        assertThat(a.asciiAddress()).isEqualTo("info@xn--bcher-kva.example");
        assertThat(a.displayName()).contains("Müller");
    }

    @Test
    void equalityIgnoresDisplayNameAndDomainCase() {
        assertThat(EmailAddress.parse("A <bob@Example.COM>")).isEqualTo(EmailAddress.parse("bob@example.com"));
        assertThat(EmailAddress.parse("Bob@example.com")).isNotEqualTo(EmailAddress.parse("bob@example.com"));
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertThat(EmailAddress.parse("  alice@example.com ").address()).isEqualTo("alice@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "alice",
        "alice@",
        "@example.com",
        "alice@localhost",
        "alice@example..com",
        "alice@-example.com",
        ".alice@example.com",
        "al..ice@example.com",
        "\"alice smith\"@example.com",
        "alice@example.com, bob@example.com",
        "Alice <alice@example.com",
        "Alice alice@example.com>",
        "Alice <alice@example.com> trailing",
        "Alice <a> <alice@example.com>",
        "(comment) alice@example.com",
        "alice@[127.0.0.1]",
        "alice\u0000@example.com",
        "alice@example.com\r\nRCPT TO:<victim@example.com>",
        "bob\u010D@example.com",
        "bob@exam\u010Aple.com",
        "älice@example.com",
    })
    void invalidFormsAreRefusedNamingTheField(String text) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> EmailAddress.parse(text, "to[0]"));

        assertThat(e).as("parsing '%s'", text).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("to[0]"));
    }

    @Test
    void localPartLongerThan64IsRefused() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> EmailAddress.parse("a".repeat(65) + "@example.com"));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("64"));
    }

    @Test
    void displayNameWithLineBreakIsRefusedInOf() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> EmailAddress.of("Bob\nBcc: x@example.com", "bob@example.com"));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("display name"));
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
        '\u200E', '\u200F', '\u061C'})
    void displayNameWithABidiControlCharacterIsRefusedNamingTheField(char control) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> EmailAddress.parse("Support " + control + "moc.elpmaxe <support@example.com>", "from"));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("from");
            assertThat(p.message()).contains("display name").contains(String.format("U+%04X", (int) control));
        });
    }

    @Test
    void displayNameInRightToLeftScriptWithoutControlsIsAccepted() {
        EmailAddress a = EmailAddress.parse("\u05EA\u05DE\u05D9\u05DB\u05D4 <support@example.com>");

        assertThat(a.displayName()).contains("\u05EA\u05DE\u05D9\u05DB\u05D4");
    }

    @Test
    void withDisplayNameKeepsTheAddress() {
        EmailAddress a = EmailAddress.parse("bob@example.com").withDisplayName("Bob");

        assertThat(a).hasToString("Bob <bob@example.com>");
    }
}
