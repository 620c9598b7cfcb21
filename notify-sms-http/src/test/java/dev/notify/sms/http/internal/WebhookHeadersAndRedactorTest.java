package dev.notify.sms.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookHeadersAndRedactorTest {

    @Test
    void headersAreNameValueEntriesSeparatedBySemicolons() {
        List<WebhookHeaders.Header> headers = WebhookHeaders.parse(" Authorization: Bearer a:b=c ;X-Tenant:portal;; ");

        assertThat(headers).containsExactly(new WebhookHeaders.Header("Authorization", "Bearer a:b=c"),
                new WebhookHeaders.Header("X-Tenant", "portal"));
        assertThat(headers.get(0)).hasToString("Authorization: ********");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            X-Ok: 1; no colon secret-1        | entry 2 has no ':'
            Bad Name: secret-1                | entry 1 does not start with a valid header name
            Host: secret-1                    | entry 1 sets Host, which notify sets itself
            content-type: secret-1            | entry 1 sets content-type, which notify sets itself
            """)
    void headerErrorsNameTheEntryButNeverAValue(String text, String message) {
        assertThatThrownBy(() -> WebhookHeaders.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).message().doesNotContain("secret-1");
    }

    @Test
    void controlCharacterInAValueIsRefusedWithoutTheValue() {
        assertThatThrownBy(() -> WebhookHeaders.parse("X-Token: secret-1\u0007"))
                .hasMessage("the value of X-Token (entry 1) contains a control character");
    }

    @Test
    void redactorMasksEverySecretLongestFirstAndCutsAfterRedacting() {
        Redactor redactor = Redactor.of(List.of("token-123", "token-123-long", "abc"));

        assertThat(redactor.redact("a token-123-long and token-123 and abc")).isEqualTo("a ******** and ******** and abc");
        assertThat(redactor.excerpt("x".repeat(5) + "token-123" + "y".repeat(10), 8)).isEqualTo("xxxxx***...");
        assertThat(redactor.excerpt("line 1\r\nline 2", 100)).isEqualTo("line 1 line 2");
    }

    @Test
    void redactorMasksASecretInEveryFramingAServiceMayQuoteItIn() {
        Redactor redactor = Redactor.of(List.of("Bearer tok/en+\"42\""));

        assertThat(redactor.redact("id tok/en+\"42\" end")).isEqualTo("id ******** end");
        assertThat(redactor.redact("{\"id\":\"tok\\/en+\\\"42\\\"\"}")).isEqualTo("{\"id\":\"********\"}");
        assertThat(redactor.redact("{\"id\":\"tok/en+\\\"42\\\"\"}")).isEqualTo("{\"id\":\"********\"}");
        assertThat(redactor.redact("to=tok%2Fen%2B%2242%22&x")).isEqualTo("to=********&x");
        assertThat(redactor.excerpt("a\u001b[31m\u202eb", 100)).isEqualTo("a [31m b");
    }
}
