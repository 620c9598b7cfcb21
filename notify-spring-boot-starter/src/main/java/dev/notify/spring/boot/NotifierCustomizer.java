package dev.notify.spring.boot;

import dev.notify.NotifierBuilder;

/**
 * Changes how the auto-configured {@code Notifier} is built: threads and queue for asynchronous sends, the close
 * timeout, a clock or a scheduler. Declare beans of this type; they are applied in their {@code @Order}, after
 * the settings, providers and listeners are set.
 *
 * <pre>{@code
 * @Bean
 * NotifierCustomizer fewerThreads() {
 *     return builder -> builder.asyncThreads(2).asyncQueueCapacity(100);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface NotifierCustomizer {

    void customize(NotifierBuilder builder);
}
