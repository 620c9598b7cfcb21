package dev.notify.support;

/** The second provider with the id {@code duplicate}. */
public final class DuplicateIdProviderB extends DuplicateIdProviderA {
}
