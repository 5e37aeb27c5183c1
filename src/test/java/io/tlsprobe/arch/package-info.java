/**
 * Architecture tests: DESIGN.md's layers and global-state bans as ArchUnit rules, each also shown to fail on a
 * deliberately bad fixture.
 */
@NullMarked
package io.tlsprobe.arch;

import org.jspecify.annotations.NullMarked;
