package io.tlsprobe.cli;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.server.StartTlsBehaviour;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code tlsprobe capture} reads and names its option values: certificate scenarios and STARTTLS behaviours
 * in lower case with dashes ({@code wrong-host}, {@code not-advertised}), accepted in any case with '-' or '_';
 * ports and connection counts with a usage error naming the option.
 *
 * <pre>{@code
 * new CaptureOptions.ScenarioConverter().convert("Wrong_Host");   // WRONG_HOST
 * CaptureOptions.scenarioName(CertificateScenario.NO_SAN);        // "no-san"
 * }</pre>
 */
final class CaptureOptions {
  private CaptureOptions() {}

  /** {@code wrong-host} for {@link CertificateScenario#WRONG_HOST}. */
  static String scenarioName(CertificateScenario scenario) {
    return scenario.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code not-advertised} for {@link StartTlsBehaviour#NOT_ADVERTISED}. */
  static String behaviourName(StartTlsBehaviour behaviour) {
    return behaviour.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code --scenario NAME}: a {@link CertificateScenario} in any case, with '-' or '_'; unknown lists them all. */
  static final class ScenarioConverter implements ITypeConverter<CertificateScenario> {
    @Override
    public CertificateScenario convert(String value) {
      String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      return Arrays.stream(CertificateScenario.values()).filter(s -> s.name().equals(wanted)).findFirst()
          .orElseThrow(() -> new TypeConversionException("unknown certificate scenario '" + value + "': use "
              + names()));
    }

    static String names() {
      return Arrays.stream(CertificateScenario.values()).map(CaptureOptions::scenarioName)
          .collect(Collectors.joining("|"));
    }
  }

  /** {@code --starttls-behaviour NAME}: a {@link StartTlsBehaviour} in any case, with '-' or '_'. */
  static final class BehaviourConverter implements ITypeConverter<StartTlsBehaviour> {
    @Override
    public StartTlsBehaviour convert(String value) {
      String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      return Arrays.stream(StartTlsBehaviour.values()).filter(b -> b.name().equals(wanted)).findFirst()
          .orElseThrow(() -> new TypeConversionException("unknown STARTTLS behaviour '" + value + "': use "
              + Arrays.stream(StartTlsBehaviour.values()).map(CaptureOptions::behaviourName)
                  .collect(Collectors.joining("|"))));
    }
  }

  /** {@code --port PORT}: 0 to 65535. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.strip());
        if (port >= 0 && port <= 0xffff) {
          return port;
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new TypeConversionException("--port '" + value + "' is not a port: use 1-65535, or 0 for a free one");
    }
  }

  /** {@code --count K}: at least 1. */
  static final class CountConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int k = Integer.parseInt(value.strip());
        if (k >= 1) {
          return k;
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new TypeConversionException("--count '" + value + "' is not a number of connections: use 1 or more");
    }
  }
}
