/** What the test kit's fixtures share; not an API: it may change in any release. */
package dev.notify.testkit.internal;
