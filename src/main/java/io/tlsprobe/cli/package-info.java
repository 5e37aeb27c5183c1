/** The {@code tlsprobe} command line: {@code java -jar tlsprobe-cli.jar <command> …}. */
@NullMarked
package io.tlsprobe.cli;

import org.jspecify.annotations.NullMarked;
