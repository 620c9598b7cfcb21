/** The command line's commands and output. Not public API: may change in any release. */
package dev.notify.cli.internal;
