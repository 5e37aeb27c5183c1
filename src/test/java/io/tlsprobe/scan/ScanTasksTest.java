package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A scan's tasks run on shared threads, in order where limited, and none outlives the scan. */
class ScanTasksTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void limitedStartsTasksInTheOrderGivenAndNeverMoreThanItsBoundAtOnce() throws Exception {
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(12);
    try (ScanTasks tasks = new ScanTasks(threads, Duration.ofSeconds(2))) {
      var limited = tasks.limited(3);
      for (int i = 0; i < 12; i++) {
        int number = i;
        limited.execute(() -> {
          started.add(number);
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          sleep(15);
          running.decrementAndGet();
          done.countDown();
        });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(most.get()).isEqualTo(3);
    assertThat(started).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    // handed to the threads in order; tasks handed out together (up to the bound) may record their start in any order
    for (int position = 0; position < started.size(); position++) {
      assertThat(Math.abs(started.get(position) - position)).as("task %d started %d-th: %s", started.get(position),
          position, started).isLessThan(3);
    }
  }

  @Test
  void closeInterruptsWhatStillRunsAndWaitsForItToEnd() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean ended = new AtomicBoolean();
    ScanTasks tasks = new ScanTasks(threads, Duration.ofSeconds(5));
    tasks.execute(() -> {
      running.countDown();
      try {
        new CountDownLatch(1).await(); // a read that never gets its answer
      } catch (InterruptedException e) {
        sleep(50); // ends a little after the interrupt
        ended.set(true);
      }
    });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    tasks.close();

    assertThat(ended).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void refusesTasksOnceTheScanIsOverAndDropsQueuedOnes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean queuedRan = new AtomicBoolean();
    ScanTasks tasks = new ScanTasks(threads, Duration.ofMillis(500));
    var limited = tasks.limited(1);
    limited.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    limited.execute(() -> queuedRan.set(true));

    tasks.close();
    release.countDown();
    sleep(100);

    assertThat(queuedRan).isFalse();
    assertThatThrownBy(() -> tasks.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
        .hasMessage("the scan is over");
  }

  @Test
  void givesThreadsBackWithoutTheInterruptMeantForItsTask() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      ScanTasks tasks = new ScanTasks(one, Duration.ofSeconds(2));
      CountDownLatch ran = new CountDownLatch(1);
      tasks.execute(() -> {
        Thread.currentThread().interrupt();
        ran.countDown();
      });
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      tasks.close();

      AtomicBoolean interrupted = new AtomicBoolean(true);
      one.submit(() -> interrupted.set(Thread.currentThread().isInterrupted())).get(5, TimeUnit.SECONDS);
      assertThat(interrupted).isFalse();
    } finally {
      one.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
