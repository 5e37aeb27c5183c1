package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.report.ServerProfile;

/**
 * The closing line of every server-profile message: the profile in one line, with its endpoint, the versions it
 * accepts, the connections the scan opened and any reason it is partial.
 *
 * <pre>{@code
 * ProfileContext.context(profile);
 * // "\nServer profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites), TLSv1_3 (1 suites); 14 connections]"
 * }</pre>
 */
final class ProfileContext {
  private ProfileContext() {}

  /** A line break and {@code Server profile: <profile>}. */
  static String context(ServerProfile profile) {
    return NL + "Server profile: " + profile;
  }
}
