package io.tlsprobe.probe;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A point in {@link System#nanoTime()} time with the name and length of the timeout that set it, so that an expiry
 * can say which limit ran out.
 *
 * @param atNanos when it expires, in nanoTime
 * @param name which timeout, e.g. {@code "handshake"}
 * @param limit the configured length of that timeout
 */
record Deadline(long atNanos, String name, Duration limit) {
  Deadline {
    requireNonNull(name, "name");
    requireNonNull(limit, "limit");
  }

  /** A deadline {@code limit} from now. */
  static Deadline after(Duration limit, String name) {
    return new Deadline(System.nanoTime() + limit.toNanos(), name, limit);
  }

  /** The earlier of the two. */
  Deadline min(Deadline other) {
    return other.atNanos - atNanos < 0 ? other : this;
  }

  long remainingNanos() {
    return atNanos - System.nanoTime();
  }

  boolean expired() {
    return remainingNanos() <= 0;
  }

  /** {@code the handshake timeout (500 ms)}. */
  String describe() {
    return "the " + name + " timeout (" + Durations.format(limit) + ")";
  }
}
