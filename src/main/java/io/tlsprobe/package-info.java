/**
 * The TLS vocabulary: protocol versions, cipher suites, named groups, signature schemes, extension types,
 * compression methods and alert descriptions, every entry of the IANA TLS registries loaded from data.
 *
 * <p>This package is a leaf: it imports nothing else of tlsprobe.
 */
@NullMarked
package io.tlsprobe;

import org.jspecify.annotations.NullMarked;
