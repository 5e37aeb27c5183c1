package io.tlsprobe.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a host name within a deadline. Address literals are parsed without a lookup; a name is looked up on a
 * short-lived daemon thread so that a slow resolver cannot hold the probe past its connect timeout.
 */
final class Resolver {
  private Resolver() {}

  static InetSocketAddress resolve(String host, int port, Deadline deadline) throws IOException {
    if (ProbeOptions.isIpLiteral(host)) {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    }
    Lookup lookup = new Lookup(host);
    Thread thread = new Thread(lookup, "tlsprobe-resolve-" + host);
    thread.setDaemon(true);
    thread.start();
    try {
      long nanos = deadline.remainingNanos();
      if (nanos > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while resolving " + host);
    }
    return new InetSocketAddress(lookup.result(deadline), port);
  }

  /** One lookup, its result published through synchronized access. */
  private static final class Lookup implements Runnable {
    private final String host;
    private @Nullable InetAddress address;
    private @Nullable UnknownHostException failure;
    private boolean done;

    Lookup(String host) {
      this.host = host;
    }

    @Override
    public void run() {
      try {
        InetAddress found = InetAddress.getByName(host);
        synchronized (this) {
          address = found;
          done = true;
        }
      } catch (UnknownHostException e) {
        synchronized (this) {
          failure = e;
          done = true;
        }
      }
    }

    synchronized InetAddress result(Deadline deadline) throws IOException {
      if (!done) {
        throw new Connection.DeadlineExceeded(deadline);
      }
      if (failure != null || address == null) {
        throw failure != null ? failure : new UnknownHostException(host);
      }
      return address;
    }
  }
}
