package dev.notify.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    @Test
    void tokenIsValidForItsSubjectOnly() {
        CsrfTokens tokens = CsrfTokens.random();
        String token = tokens.tokenFor("alice");

        assertThat(tokens.isValid("alice", token)).isTrue();
        assertThat(tokens.isValid("bob", token)).isFalse();
        assertThat(tokens.isValid("alice", token + "A")).isFalse();
        assertThat(tokens.isValid("alice", "")).isFalse();
        assertThat(tokens.isValid("alice", null)).isFalse();
        assertThat(tokens.isValid("alice", "not base64 !")).isFalse();
    }

    @Test
    void anotherSecretGivesOtherTokens() {
        String token = CsrfTokens.random().tokenFor("alice");

        assertThat(CsrfTokens.random().isValid("alice", token)).isFalse();
    }

    @Test
    void theSameSecretGivesTheSameTokensOnEveryNode() {
        byte[] secret = new byte[32];
        secret[0] = 7;

        assertThat(CsrfTokens.withSecret(secret).isValid("alice", CsrfTokens.withSecret(secret).tokenFor("alice")))
                .isTrue();
        assertThatThrownBy(() -> CsrfTokens.withSecret(new byte[16])).hasMessageContaining("32 bytes");
    }
}
