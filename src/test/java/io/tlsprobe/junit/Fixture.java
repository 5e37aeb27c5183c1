package io.tlsprobe.junit;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture test class: disabled unless the configuration parameter {@value Guard#RUN_FIXTURES} is
 * {@code true}, which only {@link Fixtures#run} sets. So an IDE or Surefire that discovers a fixture skips it
 * instead of failing on its missing configuration.
 *
 * <pre>{@code
 * @Fixture
 * @TlsProbe(host = "localhost", port = "${test.port}")
 * static class PortTestCase { @Test void probes(TlsConnectionReport report) {} }
 * }</pre>
 */
@Target(TYPE)
@Retention(RUNTIME)
@ExtendWith(Fixture.Guard.class)
@interface Fixture {

  /** Enables fixtures only inside {@link Fixtures#run}. */
  final class Guard implements ExecutionCondition {
    static final String RUN_FIXTURES = "tlsprobe.test.run-fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(RUN_FIXTURES).filter("true"::equals).isPresent()
          ? ConditionEvaluationResult.enabled("run through Fixtures.run")
          : ConditionEvaluationResult.disabled("a fixture: runs only through Fixtures.run (junit-platform-testkit)");
    }
  }
}
