package io.tlsprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class InteropTest {

  @Nested
  class FindingCommands {

    @Test
    void findsAnExecutableOnPath(@TempDir Path dir) throws IOException {
      // given
      Path tool = executable(dir.resolve("bin").resolve("fake-tshark"));

      // when
      Optional<Path> found = Interop.findCommand("fake-tshark", "/nonexistent:" + tool.getParent());

      // then
      assertThat(found).contains(tool);
    }

    @Test
    void ignoresFilesThatAreNotExecutable(@TempDir Path dir) throws IOException {
      // given
      Files.writeString(dir.resolve("fake-tshark"), "not a program");

      // when
      Optional<Path> found = Interop.findCommand("fake-tshark", dir.toString());

      // then
      assertThat(found).isEmpty();
    }

    @Test
    void findsRealShellOnThisMachinesPath() {
      assertThat(Interop.findCommand("sh")).hasValueSatisfying(p -> assertThat(p).isExecutable());
    }

    @Test
    void rejectsCommandNamesWithASlash() {
      assertThatThrownBy(() -> Interop.findCommand("/usr/bin/tshark"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/usr/bin/tshark");
    }
  }

  @Nested
  class MissingThings {

    @Test
    void missingCommandFailsTheTestWhenInteropIsRequired(@TempDir Path emptyPath) {
      assertThatThrownBy(() -> Interop.requireCommand("tshark", emptyPath.toString(), true))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessage("tshark not found on PATH; TLSPROBE_INTEROP=required (install: apt-get install tshark)");
    }

    @Test
    void missingCommandSkipsTheTestWhenInteropIsOptional(@TempDir Path emptyPath) {
      assertThatThrownBy(() -> Interop.requireCommand("gnutls-cli", emptyPath.toString(), false))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("gnutls-cli not found on PATH")
          .hasMessageContaining("set TLSPROBE_INTEROP=required to fail instead")
          .hasMessageContaining("apt-get install gnutls-bin");
    }

    @Test
    void presentCommandIsReturnedInEitherMode(@TempDir Path dir) throws IOException {
      Path tool = executable(dir.resolve("openssl"));

      assertThat(Interop.requireCommand("openssl", dir.toString(), true)).isEqualTo(tool);
      assertThat(Interop.requireCommand("openssl", dir.toString(), false)).isEqualTo(tool);
    }

    @Test
    void missingFileFailsWhenRequiredAndSkipsOtherwise(@TempDir Path dir) {
      Path missing = dir.resolve("nope.hex");

      assertThatThrownBy(() -> Interop.requireFile(missing, true))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining(missing + " does not exist; TLSPROBE_INTEROP=required");
      assertThatThrownBy(() -> Interop.requireFile(missing, false))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining(missing + " does not exist; skipped");
    }

    @Test
    void existingFileIsReturned(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("v.hex"), "16");

      assertThat(Interop.requireFile(file, true)).isEqualTo(file);
    }

    @Test
    void onlyTheExactWordRequiredMakesInteropMandatory() {
      assertThat(Interop.isRequired("required")).isTrue();
      assertThat(Interop.isRequired(null)).isFalse();
      assertThat(Interop.isRequired("")).isFalse();
      assertThat(Interop.isRequired("true")).isFalse();
    }
  }

  @Nested
  class SharedVectors {

    @Test
    void findsSharedVectorsBesideTheProject(@TempDir Path root) throws IOException {
      // given: root/project and root/shared/vectors, as on dev and CI machines
      Path project = Files.createDirectories(root.resolve("project"));
      Path vectors = Files.createDirectories(root.resolve("shared").resolve("vectors"));

      // when / then
      assertThat(Interop.sharedVectorsDir(project)).contains(vectors);
    }

    @Test
    void findsSharedVectorsFromANestedWorktree(@TempDir Path root) throws IOException {
      // given: root/wt/infra is a Git worktree two levels below root/shared
      Path worktree = Files.createDirectories(root.resolve("wt").resolve("infra"));
      Path vectors = Files.createDirectories(root.resolve("shared").resolve("vectors"));

      assertThat(Interop.sharedVectorsDir(worktree)).contains(vectors);
    }

    @Test
    void absentSharedVectorsFailWhenRequired(@TempDir Path root) throws IOException {
      Path project = Files.createDirectories(root.resolve("lonely"));
      // /tmp (where @TempDir lives) and / have no shared/vectors on these machines
      Optional<Path> found = Interop.sharedVectorsDir(project);
      org.junit.jupiter.api.Assumptions.assumeTrue(found.isEmpty(), "a shared/vectors exists above " + root);

      assertThatThrownBy(() -> Interop.requireSharedVectors(project, true))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("shared/vectors not found beside " + project);
      assertThatThrownBy(() -> Interop.requireSharedVectors(project, false))
          .isInstanceOf(TestAbortedException.class);
    }
  }

  @Nested
  class RunningProcesses {

    @Test
    void returnsExitCodeAndBothOutputs() {
      ProcessResult result =
          Interop.run(Duration.ofSeconds(20), "sh", "-c", "echo to-out; echo to-err >&2; exit 3");

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdout()).isEqualTo("to-out\n");
      assertThat(result.stderr()).isEqualTo("to-err\n");
      assertThat(result.timedOut()).isFalse();
      assertThat(result.succeeded()).isFalse();
    }

    @Test
    void givesTheProcessAnEmptyStandardInput() {
      // cat would wait forever on an inherited terminal; with /dev/null it ends at once
      ProcessResult result = Interop.run(Duration.ofSeconds(20), "cat");

      assertThat(result.succeeded()).as(result.toString()).isTrue();
      assertThat(result.stdout()).isEmpty();
    }

    @Test
    void killsTheWholeProcessTreeWhenTheTimeoutRunsOut(@TempDir Path dir) throws Exception {
      // given: a shell that starts a long-lived child and then sleeps itself
      Path pidFile = dir.resolve("child.pid");
      String script = "sleep 60 & echo $! > '" + pidFile + "'; sleep 60";

      // when
      ProcessResult result = Interop.run(Duration.ofMillis(700), "sh", "-c", script);

      // then: the call returned soon after the timeout, and the child is gone too
      assertThat(result.timedOut()).isTrue();
      assertThat(result.succeeded()).isFalse();
      assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
      long childPid = Long.parseLong(Files.readString(pidFile).trim());
      assertThat(awaitDeath(childPid, Duration.ofSeconds(5))).as("child %d still alive", childPid).isTrue();
    }

    @Test
    void returnsWhenTheProcessEndsEvenIfABackgroundGrandchildStillHoldsItsOutput() {
      // a detached grandchild keeps stdout open; reading a pipe to EOF would wait for it
      ProcessResult result = Interop.run(Duration.ofSeconds(20), "sh", "-c", "(sleep 3 &); echo parent-done");

      assertThat(result.succeeded()).as(result.toString()).isTrue();
      assertThat(result.stdout()).isEqualTo("parent-done\n");
      assertThat(result.elapsed()).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void reportsACommandThatCannotStart() {
      assertThatThrownBy(() -> Interop.run(Duration.ofSeconds(5), "/nonexistent/tlsprobe-no-such-tool"))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("/nonexistent/tlsprobe-no-such-tool");
    }

    @Test
    void rejectsANonPositiveTimeout() {
      assertThatThrownBy(() -> Interop.run(Duration.ZERO, "true"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout");
    }
  }

  @Test
  void freeLoopbackPortCanBeBoundOnLoopback() throws IOException {
    int port = Interop.freeLoopbackPort();

    assertThat(port).isBetween(1024, 65535);
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static boolean awaitDeath(long pid, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
