/**
 * Real HTTP client libraries (OkHttp 5, Apache HttpClient 5, the JDK's {@code HttpClient}) against the capture server:
 * what each offers and agrees with a valid certificate, and whether it refuses each bad one, asserted as observed
 * from both sides (the library's own view and the server's report).
 */
@NullMarked
package io.tlsprobe.clients;

import org.jspecify.annotations.NullMarked;
