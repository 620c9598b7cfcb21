package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final EmailAddress SMS_FROM = EmailAddress.parse("sms@example.com");

    @Test
    void newIdIsRandomHexInTheDomainOfTheFrom() {
        String id = MessageIds.generate(SMS_FROM);

        assertThat(id).matches("<[0-9a-f]{32}@example\\.com>");
        assertThat(MessageIds.generate(SMS_FROM)).isNotEqualTo(id);
    }

    @Test
    void emailTakesItsOwnFromBeforeTheSettingsSender() {
        EmailMessage email = EmailMessage.builder().from(EmailAddress.parse("news@lists.example.org"))
                .to(EmailAddress.parse("a@example.net")).subject("s").text("t").build();

        assertThat(MessageIds.generate(email, Settings.of(Layer.builder()
                .set(SettingKeys.EMAIL_SENDER, EmailAddress.parse("support@notify.example")).build()).resolveGlobal()))
                .endsWith("@lists.example.org>");
    }

    @Test
    void smsWithoutEmailSenderTakesTheNoSenderDomain() {
        assertThat(MessageIds.generate(SmsMessage.of("+44 7700 900123", "t"), Settings.builder().build().resolveGlobal()))
                .endsWith("@" + MessageIds.NO_SENDER_DOMAIN + ">");
    }

    @Test
    void idMovedIntoTheFromsDomainKeepsItsUniquePart() {
        assertThat(MessageIds.inDomainOf("<a1b2@notify.example>", SMS_FROM)).isEqualTo("<a1b2@example.com>");
        assertThatThrownBy(() -> MessageIds.inDomainOf("no-brackets", SMS_FROM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageId");
    }
}
