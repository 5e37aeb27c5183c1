package io.tlsprobe.junit;

/** Fixture test classes that misuse {@code @TlsProbe}, one misuse each; see {@link TlsProbeExtensionTest.Failures}. */
final class FailureFixtures {
  private FailureFixtures() {}
}
