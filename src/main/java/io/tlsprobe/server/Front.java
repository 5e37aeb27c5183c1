package io.tlsprobe.server;

import java.io.IOException;

/**
 * The server side of one plain-text protocol for the capture server: greets the client, converses (recording every
 * line through its {@link FrontSession}), performs or refuses the upgrade as the session's {@link
 * StartTlsBehaviour} says, and serves enough of the protocol over TLS for a real client library to finish its job.
 * Never blocks without a bound: every read of the session has the idle timeout, and every loop ends on the session's
 * limits or the client's end of stream.
 *
 * <p>One implementation per protocol, registered in {@link Fronts}. With implicit TLS the session is already over
 * TLS when {@link #serve(FrontSession)} starts, and the front neither advertises nor accepts an upgrade.
 */
interface Front {
  /** Serves one client until it quits, closes, or breaks a limit. */
  void serve(FrontSession session) throws IOException;
}
