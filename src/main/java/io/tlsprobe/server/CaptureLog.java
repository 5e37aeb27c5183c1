package io.tlsprobe.server;

import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reports of one capture server: all of them (the last {@code capacity}) and those not yet taken by {@link
 * #await}, both dropping the oldest when full.
 */
final class CaptureLog {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final ArrayDeque<TlsConnectionReport> all = new ArrayDeque<>();
  private final ArrayDeque<TlsConnectionReport> untaken = new ArrayDeque<>();
  private long count;

  CaptureLog(int capacity) {
    this.capacity = capacity;
  }

  void add(TlsConnectionReport report) {
    lock.lock();
    try {
      bounded(all, report);
      bounded(untaken, report);
      count++;
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void bounded(ArrayDeque<TlsConnectionReport> deque, TlsConnectionReport report) {
    if (deque.size() == capacity) {
      deque.removeFirst();
    }
    deque.addLast(report);
  }

  /** The oldest untaken report, waiting up to {@code timeout}; empty when none came. */
  Optional<TlsConnectionReport> await(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (untaken.isEmpty()) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = added.awaitNanos(nanos);
      }
      return Optional.of(untaken.removeFirst());
    } finally {
      lock.unlock();
    }
  }

  List<TlsConnectionReport> all() {
    lock.lock();
    try {
      return List.copyOf(all);
    } finally {
      lock.unlock();
    }
  }

  /** How many reports were ever added. */
  long count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }
}
