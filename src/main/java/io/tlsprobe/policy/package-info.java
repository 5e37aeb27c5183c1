/**
 * TLS policies: named sets of rules (allowed protocol versions, cipher suites, groups, minimum DHE prime size,
 * compression) that a {@link io.tlsprobe.report.ServerProfile}, a {@link io.tlsprobe.report.TlsConnectionReport} or a
 * {@link io.tlsprobe.report.ClientOffer} is checked against, every breach returned as a {@link
 * io.tlsprobe.policy.Violation}.
 *
 * <pre>{@code
 * List<Violation> violations = TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(profile);
 * }</pre>
 */
@NullMarked
package io.tlsprobe.policy;

import org.jspecify.annotations.NullMarked;
