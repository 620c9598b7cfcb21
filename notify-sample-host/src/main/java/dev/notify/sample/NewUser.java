package dev.notify.sample;

import java.util.Objects;

/**
 * A user just registered on one of the host application's servers.
 *
 * @param name        the name to greet
 * @param email       where the welcome email goes
 * @param phoneNumber where the passcode SMS goes, as the user typed it
 */
public record NewUser(String name, String email, String phoneNumber) {

    public NewUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }
}
