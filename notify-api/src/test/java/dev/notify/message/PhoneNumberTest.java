package dev.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumberTest {

    private static PhoneNumber parse(String typed, Integer defaultCountryCode) {
        return defaultCountryCode == null ? PhoneNumber.parse(typed) : PhoneNumber.parse(typed, defaultCountryCode);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' (default country code {1}) is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            +1 (555) 010-1234       |    | +15550101234      | 5550101234
            +15550101234            |    | +15550101234      | 5550101234
            '  +1 555 010 1234  '   |    | +15550101234      | 5550101234
            +44 20 7946 0958        |    | +442079460958     | 2079460958
            0049 30 1234567         |    | +49301234567      | 301234567
            555.010.1234            | 1  | +15550101234      | 5550101234
            1 555 010 1234          | 1  | +15550101234      | 5550101234
            (555) 010-1234          | 1  | +15550101234      | 5550101234
            011 44 20 7946 0958     | 1  | +442079460958     | 2079460958
            020 7946 0958           | 44 | +442079460958     | 2079460958
            +44 (0)20 7946 0958     |    | +442079460958     | 2079460958
            0049 (0)30 1234567      |    | +49301234567      | 301234567
            06 1234 5678            | 39 | +390612345678     | 0612345678
            +7 912 345-67-89        |    | +79123456789      | 9123456789
            +353 1 234 5678         |    | +35312345678      | 12345678
            +49 30 1234567          | 1  | +49301234567      | 301234567
            +683 4002               |    | +6834002          | 4002
            +49 123 456 789 012 3   |    | +491234567890123  | 1234567890123
            +86 138-0013-8000       |    | +8613800138000    | 13800138000
            030 1234567             | 49 | +49301234567      | 301234567
            +886 2 1234 5678        |    | +886212345678     | 212345678
            +970 59 123 4567        |    | +970591234567     | 591234567
            +383 44 123 456         |    | +38344123456      | 44123456
            +882 16 1234 5678       |    | +8821612345678    | 1612345678
            """)
    void normalisesWhatPeopleTypeToE164(String typed, Integer defaultCountryCode, String e164, String national) {
        PhoneNumber number = parse(typed, defaultCountryCode);

        assertThat(number.e164()).isEqualTo(e164);
        assertThat(number.nationalNumber()).isEqualTo(national);
        assertThat(number.countryCode() + number.nationalNumber()).isEqualTo(e164.substring(1));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' (default country code {1}) is refused: {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                      |    | must not be empty
            ''                        |    | must not be empty
            '   '                     | 1  | must not be empty
            +1 555 CALL NOW           |    | must not contain letters
            555-0101-abc              | 1  | must not contain letters
            +1 555 010 1234 ext 5     |    | must not contain letters
            555.010.1234              |    | has no country code
            020 7946 0958             |    | has no country code
            +49 12                    |    | has only 4 digits
            123                       | 44 | has only 5 digits
            +49 1234 5678 9012 3456   |    | has 18 digits
            +44 1234 5678 9012 34     |    | has 16 digits
            ++1 555 010 1234          |    | '+' only as its first character
            1+555 010 1234            |    | '+' only as its first character
            +1 (555 010-1234          |    | unmatched or nested parentheses
            +1 555) 010 (1234         |    | unmatched or nested parentheses
            +1 ((555)) 010-1234       |    | unmatched or nested parentheses
            +0 555 010 1234           |    | country codes never start with 0
            +1 555 010 123            |    | have 10 digits after it, this one has 9
            +1 555#010#1234           |    | may contain only digits, spaces and + ( ) . -
            +44_20_7946_0958          |    | may contain only digits, spaces and + ( ) . -
            +999 1234 5678            |    | country calling code +999, which is not assigned
            +280 1234 5678            |    | country calling code +280, which is not assigned
            +422 123 4567             |    | country calling code +422, which is not assigned
            +969 123 4567             |    | country calling code +969, which is not assigned
            1234 5678                 | 999 | country calling code +999 (sms.default-country-code)
            """)
    void refusesNumbersThatCannotBeE164(String typed, Integer defaultCountryCode, String reason) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> parse(typed, defaultCountryCode));

        assertThat(e).as("parsing '%s'", typed).isNotNull();
        assertThat(e.problems()).extracting(Problem::key).containsExactly("phone-number");
        assertThat(e.problems().get(0).message()).contains(reason);
    }

    @ParameterizedTest(name = "[{index}] +{0}... has a {1}-digit country code")
    @CsvSource({
            "15550101234, 1", "79123456789, 1", "201001234567, 2", "27821234567, 2", "442079460958, 2",
            "491701234567, 2", "981234567890, 2", "2125221234567, 3", "35312345678, 3", "6834002, 3",
            "9715012345678, 3", "8801712345678, 3"
    })
    void countryCodeLengthFollowsTheCallingCodePlan(String digits, int length) {
        assertThat(CallingCodes.length(digits)).isEqualTo(length);
    }

    @Test
    void settingsGiveTheDefaultCountryCodeOfTheServer() {
        ResolvedSettings eu = TestSettings.parse("sms.default-country-code=1", "servers.eu-1.sms.default-country-code=44")
                .resolve("eu-1");

        assertThat(PhoneNumber.parse("020 7946 0958", eu).e164()).isEqualTo("+442079460958");
        assertThat(PhoneNumber.parse("+1 555 010 1234", eu).e164()).isEqualTo("+15550101234");
    }

    @Test
    void settingsWithoutADefaultCountryCodeNeedAnInternationalNumber() {
        ResolvedSettings global = TestSettings.parse("sms.max-segments=1").resolveGlobal();

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> PhoneNumber.parse("555.010.1234", global));

        assertThat(e.problems()).extracting(Problem::key).containsExactly(PhoneNumber.FIELD);
        assertThat(e.getMessage()).contains("has no country code", "sms.default-country-code");
    }

    @Test
    void unassignedDefaultCountryCodeIsRefusedWhenTheSettingsAreRead() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> TestSettings.parse("servers.eu-1.sms.default-country-code=999"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.sms.default-country-code");
            assertThat(p.message()).isEqualTo("is not an assigned country calling code (ITU-T E.164), was 999");
        });
    }

    @Test
    void numbersAreEqualByTheirE164FormAndPrintAsIt() {
        PhoneNumber typed = PhoneNumber.parse("+1 (555) 010-1234");
        PhoneNumber national = PhoneNumber.parse("555.010.1234", 1);

        assertThat(typed).isEqualTo(national).hasSameHashCodeAs(national);
        assertThat(typed).hasToString("+15550101234");
        assertThat(typed.digits()).isEqualTo("15550101234");
        assertThat(PhoneNumber.isAssignedCallingCode(44)).isTrue();
        assertThat(PhoneNumber.isAssignedCallingCode(999)).isFalse();
        assertThat(PhoneNumber.isAssignedCallingCode(0)).isFalse();
    }
}
