package dev.syncwire.harness.proxy;

import dev.syncwire.harness.proxy.internal.CaFiles;
import dev.syncwire.harness.proxy.internal.LeafCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * syncwire's own certificate authority, made once on this machine, that the proxy mode signs
 * {@code sync.twilio.com}'s certificate with. It is name-constrained (X.509 permitted subtree,
 * critical) to {@code twilio.com}: a client that trusts it accepts it for Twilio's names only, so
 * even a leaked key cannot sign any other site. Its key file is readable by its owner only.
 *
 * <pre>{@code
 * LocalCa ca = LocalCa.loadOrCreate(LocalCa.defaultDir());   // ~/.syncwire/ca/
 * try (SyncApiFake fake = SyncApiFake.builder().proxy(ca).start()) {
 *   // HTTPS_PROXY=fake.proxyUrl(), NODE_EXTRA_CA_CERTS=ca.certificateFile(), ...
 * }
 * }</pre>
 *
 * <p>Files in its folder: {@value #CERTIFICATE_FILE} (the root certificate, PEM: what Node, Python
 * and curl trust), {@value #SIGNER_FILE} (the intermediate that signs each host's certificate),
 * {@value #KEY_FILE} (the intermediate's private key, PKCS#8 PEM, mode 600) and
 * {@value #TRUSTSTORE_FILE} (a PKCS#12 trust store for Java holding only the root, password
 * {@value #TRUSTSTORE_PASSWORD}: it guards nothing secret, as with Java's own cacerts). Both
 * certificates carry the constraint, and the root's key is discarded once it has signed the
 * intermediate: Java's PKIX ignores a constraint on the trusted certificate itself, but applies
 * the intermediate's, and with no root key nothing can sign outside it.
 */
public final class LocalCa {
  public static final String CERTIFICATE_FILE = "ca.pem";
  public static final String KEY_FILE = "ca-key.pem";
  public static final String SIGNER_FILE = "signer.pem";
  public static final String TRUSTSTORE_FILE = "truststore.p12";
  public static final String TRUSTSTORE_PASSWORD = "changeit";
  /** The only DNS subtree the CA may sign for. */
  public static final String PERMITTED_DOMAIN = "twilio.com";

  private final Path dir;
  private final X509Certificate certificate;
  private final LeafCertificates leaves;

  private LocalCa(Path dir, CaFiles.Loaded loaded) {
    this.dir = dir;
    this.certificate = loaded.root();
    this.leaves = new LeafCertificates(loaded.signer(), loaded.signerKeys());
  }

  /** {@code ~/.syncwire/ca}: where the CLI keeps the CA unless {@code --ca-dir} says otherwise. */
  public static Path defaultDir() {
    return Path.of(System.getProperty("user.home"), ".syncwire", "ca");
  }

  /**
   * Reads the CA in {@code dir}, or creates it there (folder mode 700, key mode 600) when the
   * folder holds none; a missing trust store is written again from the certificate.
   *
   * @throws IllegalStateException naming the file and what to do, when the folder holds half a CA,
   *     a file that cannot be read, or cannot be written
   */
  public static LocalCa loadOrCreate(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path absolute = dir.toAbsolutePath().normalize();
    return new LocalCa(absolute, CaFiles.loadOrCreate(absolute, PERMITTED_DOMAIN));
  }

  public Path dir() {
    return dir;
  }

  /** {@code ca.pem}: the certificate to trust (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, curl --cacert). */
  public Path certificateFile() {
    return dir.resolve(CERTIFICATE_FILE);
  }

  /** {@code ca-key.pem}: the private key that signs host certificates (the intermediate's), owner-only. */
  public Path keyFile() {
    return dir.resolve(KEY_FILE);
  }

  /** {@code truststore.p12}: for {@code -Djavax.net.ssl.trustStore}, password {@value #TRUSTSTORE_PASSWORD}. */
  public Path truststoreFile() {
    return dir.resolve(TRUSTSTORE_FILE);
  }

  /** The root certificate: the one clients trust ({@value #CERTIFICATE_FILE}). */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A certificate for {@code hostName} signed by this CA (SAN dNSName, server authentication),
   * minted on first use and kept in memory.
   *
   * @throws IllegalArgumentException if the name is outside {@value #PERMITTED_DOMAIN}: no client would accept it
   */
  public X509Certificate leafCertificate(String hostName) {
    return leaves.chain(hostName)[0];
  }

  /** A server-side TLS context that presents, for each SNI name under twilio.com, a leaf for that name. */
  public SSLContext serverContext() {
    return leaves.serverContext();
  }

  @Override
  public String toString() {
    return "LocalCa[" + certificateFile() + ", constrained to " + PERMITTED_DOMAIN + "]";
  }
}
