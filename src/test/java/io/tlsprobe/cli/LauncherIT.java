package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code target/tlsprobe}, the launcher {@code mvn package} copies from {@code src/main/dist}, with the JVM that
 * runs the build (as {@code JAVA_HOME}): it must start the CLI from the class-data sharing archive the build made for
 * that JVM (no other), and keep standard output for the command's own output.
 */
class LauncherIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path LAUNCHER = Path.of("target", "tlsprobe");
  private static final Path ARCHIVE = Path.of("target", "tlsprobe-cli.jsa");
  private static String env;

  @BeforeAll
  static void findLauncher() {
    assertThat(LAUNCHER).as("mvn package copies the launcher").isExecutable();
    env = Interop.requireCommand("env").toString();
  }

  private static ProcessResult launch(String javaOptions, String... args) {
    return launch(LAUNCHER, javaOptions, args);
  }

  private static ProcessResult launch(Path launcher, String javaOptions, String... args) {
    String[] command = new String[args.length + 4];
    command[0] = env;
    command[1] = "JAVA_HOME=" + System.getProperty("java.home");
    command[2] = "TLSPROBE_JAVA_OPTS=" + javaOptions;
    command[3] = launcher.toString();
    System.arraycopy(args, 0, command, 4, args.length);
    return Interop.run(TIMEOUT, command);
  }

  @Test
  void printsTheVersionAndNothingElseOnStandardOutput() {
    ProcessResult result = launch("", "--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout().strip()).startsWith("tlsprobe ").doesNotContain("\n").doesNotContain("warning");
  }

  @Test
  void loadsTheScanFromTheArchiveTheBuildMade(@TempDir Path dir) throws Exception {
    // given
    assertThat(ARCHIVE).as("mvn package makes the archive").isRegularFile();
    Path classes = dir.resolve("classes.txt");
    int closed = Interop.freeLoopbackPort();

    // when
    ProcessResult result = launch("-Xlog:class+load=info:file=" + classes, "scan", "127.0.0.1:" + closed, "--json",
        "--timeout", "2s");

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(Main.UNREACHABLE);
    assertThat(result.stdout()).startsWith("{").contains("\"schema\" : \"tlsprobe.scan/1\"");
    assertThat(Files.readString(classes))
        .contains("io.tlsprobe.scan.TlsScans source: shared objects file")
        .contains("io.tlsprobe.cli.ScanCommand source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file");
  }

  @Test
  void startsACopyElsewhereFromTheJdksOwnArchiveInsteadOfTheBuildsOne(@TempDir Path dir) throws Exception {
    // given: the launcher, the jar and the archive copied elsewhere; the archive names the jar where it was made
    copyBuild(dir);
    Files.copy(ARCHIVE.resolveSibling("tlsprobe-cli.jsa.jvm"), dir.resolve("tlsprobe-cli.jsa.jvm"));

    // when / then
    assertStartsFromTheJdksArchive(dir);
  }

  @Test
  void startsAnotherJvmFromItsOwnArchiveInsteadOfTheBuildsOne(@TempDir Path dir) throws Exception {
    // given: the archive said to be made by another JVM for the jar beside it
    copyBuild(dir);
    Files.writeString(dir.resolve("tlsprobe-cli.jsa.jvm"),
        dir.resolve("another-jdk") + "\n" + dir.toRealPath().resolve("tlsprobe-cli.jar") + "\n");

    // when / then
    assertStartsFromTheJdksArchive(dir);
  }

  private static void copyBuild(Path dir) throws Exception {
    for (String file : new String[] {"tlsprobe", "tlsprobe-cli.jar", "tlsprobe-cli.jsa"}) {
      Files.copy(LAUNCHER.resolveSibling(file), dir.resolve(file));
    }
  }

  /** The JDK's own archive serves the JDK's classes (a rejected archive would leave none); the CLI's come from the jar. */
  private static void assertStartsFromTheJdksArchive(Path dir) throws Exception {
    Path classes = dir.resolve("classes.txt");

    ProcessResult result = launch(dir.resolve("tlsprobe"), "-Xlog:class+load=info:file=" + classes, "--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).as(result.toString()).isEmpty();
    assertThat(Files.readString(classes))
        .contains("java.lang.Object source: shared objects file")
        .contains("io.tlsprobe.cli.Main source: file:");
  }
}
