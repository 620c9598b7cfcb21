/**
 * Implementation of notify's API. Not part of the public API: anything here may change or disappear in any
 * release. Do not use these classes from application or provider code.
 */
package dev.notify.internal;
