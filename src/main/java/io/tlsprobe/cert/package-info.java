/**
 * Test CA ({@link io.tlsprobe.cert.TestAuthority}), certificate scenarios ({@link
 * io.tlsprobe.cert.CertificateScenario}) and certificates made on the spot (Bouncy Castle encodes, the JDK's
 * providers make keys and signatures), and the trust stores, trust managers, key managers and {@link
 * javax.net.ssl.SSLContext}s that servers and clients need to use them ({@link io.tlsprobe.cert.ClientTrust}).
 * Nothing JVM-global is touched.
 *
 * <pre>{@code
 * HeldCertificate ca = Certificates.certificate().subject("CN=Test CA").ca().build();
 * HeldCertificate leaf = Certificates.certificate().dns("localhost").ip("127.0.0.1").issuedBy(ca).build();
 * SSLContext server = Certificates.sslContext(leaf);
 * KeyStore clientTrust = Certificates.trustStore(ca.certificate());
 *
 * ServerIdentity expired = CertificateScenario.EXPIRED.identity();   // from the run's shared TestAuthority
 * try (ClientTrust trust = expired.clientTrust()) {
 *   SSLSocketFactory factory = trust.socketFactory();                   // a correct client rejects: expired
 * }
 * }</pre>
 */
@NullMarked
package io.tlsprobe.cert;

import org.jspecify.annotations.NullMarked;
