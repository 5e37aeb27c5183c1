/**
 * Test CA and certificates made on the spot (Bouncy Castle encodes, the JDK's providers make keys and signatures),
 * and the trust stores, trust managers, key managers and {@link javax.net.ssl.SSLContext}s that servers and clients
 * need to use them. Nothing JVM-global is touched.
 *
 * <pre>{@code
 * HeldCertificate ca = Certificates.certificate().subject("CN=Test CA").ca().build();
 * HeldCertificate leaf = Certificates.certificate().dns("localhost").ip("127.0.0.1").issuedBy(ca).build();
 * SSLContext server = Certificates.sslContext(leaf);
 * KeyStore clientTrust = Certificates.trustStore(ca.certificate());
 * }</pre>
 */
@NullMarked
package io.tlsprobe.cert;

import org.jspecify.annotations.NullMarked;
