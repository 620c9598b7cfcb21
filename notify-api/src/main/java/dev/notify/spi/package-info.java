/**
 * The contract between notify and the modules that deliver messages. A delivery module implements
 * {@link dev.notify.spi.SenderProvider} and registers it in
 * {@code META-INF/services/dev.notify.spi.SenderProvider}; applications never call these types directly.
 */
package dev.notify.spi;
