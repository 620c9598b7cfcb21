package dev.notify.spring.boot.receipts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS delivery receipt endpoint, under {@code notify.sms-receipts.}: the starter's own properties, not notify
 * settings. Point {@code notify.sms.receipts.public-base-url} at the public URL of {@code path}.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param enabled Whether to mount the endpoint that Twilio, Vonage and Infobip report SMS delivery to. Off by default.
 * @param path    Where the endpoint is mounted in the application, below the servlet context path; the services call
 *                path/twilio, path/vonage, path/infobip, and path/provider/server-id for a server's settings.
 */
@ConfigurationProperties("notify.sms-receipts")
public record NotifyReceiptsProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("/notify/sms-receipts") String path) {

    public NotifyReceiptsProperties {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("notify.sms-receipts.path must be a path such as /notify/sms-receipts, "
                    + "was '" + path + "'");
        }
    }
}
