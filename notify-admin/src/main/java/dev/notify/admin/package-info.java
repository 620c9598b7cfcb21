/**
 * The "Email and SMS" settings page: {@link dev.notify.admin.AdminPage} is a {@link dev.notify.web.WebHandler}
 * for global, region and server settings, rendered from the settings schema, saving through a
 * {@link dev.notify.store.SettingsStore}; the host decides who may use it through {@link
 * dev.notify.admin.AdminAuthorization}.
 */
package dev.notify.admin;
