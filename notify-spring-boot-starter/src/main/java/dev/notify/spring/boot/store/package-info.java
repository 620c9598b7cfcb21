/**
 * The settings store on the application's database: {@code notify.store.type=jdbc} keeps administrators' changes in
 * a {@code JdbcSettingsStore} layered over the {@code notify.} properties.
 */
package dev.notify.spring.boot.store;
