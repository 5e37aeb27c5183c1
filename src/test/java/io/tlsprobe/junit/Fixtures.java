package io.tlsprobe.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs {@link Fixture @Fixture} test classes through the Jupiter engine of junit-platform-testkit, with
 * configuration parameters and an output directory for published files, and reads what came out.
 *
 * <pre>{@code
 * EngineExecutionResults results = Fixtures.run(PortTestCase.class, Map.of("test.port", "8443"), outputDir);
 * results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
 * }</pre>
 */
final class Fixtures {
  private Fixtures() {}

  static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters, Path outputDir) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put(Fixture.Guard.RUN_FIXTURES, "true");
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameters(all)
        .outputDirectoryCreator(new Directories(outputDir))
        .execute();
  }

  /**
   * The failure of each failed test (or container), as the message of the {@link ExtensionConfigurationException}
   * in its cause chain, else of the failure itself.
   */
  static List<String> failureMessages(EngineExecutionResults results) {
    List<String> messages = new ArrayList<>();
    results.allEvents().failed().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
        .forEach(failure -> messages.add(configurationFailure(failure).orElse(failure).getMessage()));
    return messages;
  }

  private static Optional<Throwable> configurationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ExtensionConfigurationException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Every report entry published, key to value, in publishing order. */
  static List<Map<String, String>> reportEntries(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .toList();
  }

  /** The report entry values published under {@code key}, in publishing order. */
  static List<String> reportEntries(EngineExecutionResults results, String key) {
    return reportEntries(results).stream().filter(m -> m.containsKey(key)).map(m -> m.get(key)).toList();
  }

  /** One directory per test descriptor under a root. */
  private record Directories(Path root) implements OutputDirectoryCreator {
    @Override
    public Path getRootDirectory() {
      return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
      String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      return Files.createDirectories(root.resolve(name));
    }
  }
}
