/**
 * The contract between notify and the modules that deliver messages. A delivery module implements
 * {@link dev.notify.spi.SenderProvider} and registers it in
 * {@code META-INF/services/dev.notify.spi.SenderProvider}; its senders are {@link dev.notify.spi.EmailSender}s or
 * {@link dev.notify.spi.SmsSender}s, built from a {@link dev.notify.spi.SenderContext} that carries the settings and
 * the notifier's clock and scheduler. Applications never call these types directly.
 */
package dev.notify.spi;
