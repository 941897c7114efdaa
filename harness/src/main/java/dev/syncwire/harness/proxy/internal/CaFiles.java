package dev.syncwire.harness.proxy.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA's files: made with BouncyCastle (certificates, PEM) and the JDK's own EC keys and
 * PKCS#12; the key file is created owner-only, never readable by others for a moment.
 */
public final class CaFiles {
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  /** Certificates and the trust store hold nothing secret: readable by all, as /etc/ssl/certs. */
  private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CaFiles() {}

  /** The CA's root certificate (what clients trust), and the signing certificate under it with its key pair. */
  public record Loaded(X509Certificate root, X509Certificate signer, KeyPair signerKeys) {}

  /**
   * Reads the CA under {@code dir}, or creates it (see {@code LocalCa.loadOrCreate}): a root whose
   * key is thrown away once it has signed one intermediate, both name-constrained, so that every
   * validator applies the constraint (Java's PKIX ignores one on a trust anchor itself).
   */
  public static Loaded loadOrCreate(Path dir, String permittedDomain) {
    Path root = dir.resolve("ca.pem");
    Path signer = dir.resolve("signer.pem");
    Path key = dir.resolve("ca-key.pem");
    Path truststore = dir.resolve("truststore.p12");
    try {
      createDirectories(dir);
      List<Path> files = List.of(root, signer, key);
      List<Path> missing = files.stream().filter(f -> !Files.exists(f)).toList();
      if (missing.size() == files.size()) {
        create(dir, root, signer, key, permittedDomain);
      } else if (!missing.isEmpty()) {
        throw new IllegalStateException("the CA folder " + dir + " holds half a CA: "
            + missing.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(" and "))
            + (missing.size() == 1 ? " is" : " are") + " missing. Delete the folder (clients that trusted the old ca.pem"
            + " must then trust the new one) or give another with --ca-dir.");
      }
      Loaded loaded = read(root, signer, key);
      if (!Files.exists(truststore)) {
        writeTruststore(dir, truststore, loaded.root());
      }
      return loaded;
    } catch (IOException e) {
      throw new IllegalStateException("cannot keep syncwire's CA in " + dir + " (" + e + "); give a folder you can"
          + " write with --ca-dir, or fix its permissions.", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make or read syncwire's CA in " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  private static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException raced) {
      // another syncwire made it first: use it
    }
  }

  private static void create(Path dir, Path rootFile, Path signerFile, Path keyFile, String permittedDomain)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair rootKeys = newKeyPair();
    X509Certificate root = caCertificate(rootKeys, null, rootKeys, permittedDomain, "root", 1);
    KeyPair signerKeys = newKeyPair();
    X509Certificate signer = caCertificate(signerKeys, root, rootKeys, permittedDomain, "signer", 0);
    // The root's private key is never written: nothing can sign outside the signer's constraint.
    // Files appear by atomic rename; the key's temporary file is owner-only from its first byte.
    Path keyTemp = Files.createTempFile(dir, ".ca-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    Path signerTemp = Files.createTempFile(dir, ".signer", ".tmp", PosixFilePermissions.asFileAttribute(PUBLIC_FILE));
    Path rootTemp = Files.createTempFile(dir, ".ca", ".tmp", PosixFilePermissions.asFileAttribute(PUBLIC_FILE));
    try {
      Files.writeString(keyTemp, pem(new JcaPKCS8Generator(signerKeys.getPrivate(), null)), StandardCharsets.US_ASCII);
      Files.writeString(signerTemp, pem(signer), StandardCharsets.US_ASCII);
      Files.writeString(rootTemp, pem(root), StandardCharsets.US_ASCII);
      move(keyTemp, keyFile);
      move(signerTemp, signerFile);
      move(rootTemp, rootFile);
    } finally {
      Files.deleteIfExists(keyTemp);
      Files.deleteIfExists(signerTemp);
      Files.deleteIfExists(rootTemp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Loaded read(Path rootFile, Path signerFile, Path keyFile) throws IOException, GeneralSecurityException {
    X509Certificate root = readCertificate(rootFile);
    X509Certificate signer = readCertificate(signerFile);
    Object keyObject = readPem(keyFile);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    PrivateKey privateKey;
    if (keyObject instanceof PrivateKeyInfo info) {
      privateKey = converter.getPrivateKey(info);
    } else if (keyObject instanceof PEMKeyPair pair) {
      privateKey = converter.getKeyPair(pair).getPrivate();
    } else {
      throw new IllegalStateException(keyFile + " holds no PEM private key; delete the CA folder to make a new CA.");
    }
    return new Loaded(root, signer, new KeyPair(signer.getPublicKey(), privateKey));
  }

  private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    if (!(readPem(file) instanceof X509CertificateHolder holder)) {
      throw new IllegalStateException(file + " holds no PEM certificate; delete the CA folder to make a new CA.");
    }
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static Object readPem(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      return parser.readObject();
    }
  }

  private static void writeTruststore(Path dir, Path truststore, X509Certificate ca) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("syncwire-ca", ca);
    Path temp = Files.createTempFile(dir, ".truststore", ".tmp", PosixFilePermissions.asFileAttribute(PUBLIC_FILE));
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        store.store(out, dev.syncwire.harness.proxy.LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
      }
      move(temp, truststore);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A P-256 key pair: instant to make, and every TLS client takes ECDSA. */
  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A CA certificate for {@code keys}, signed by {@code issuerKeys} ({@code issuer} null: self-signed), constrained to the domain. */
  private static X509Certificate caCertificate(KeyPair keys, X509Certificate issuer, KeyPair issuerKeys,
      String permittedDomain, String role, int pathLength) throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "syncwire")
        .addRDN(BCStyle.CN, "syncwire local CA " + role + " (" + permittedDomain + " only) " + Long.toHexString(RANDOM.nextLong()))
        .build();
    X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    Instant now = Instant.now();
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
        // The point of the CA: whoever trusts it trusts it for twilio.com and its subdomains, nothing else.
        .addExtension(Extension.nameConstraints, true, new NameConstraints(
            new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, permittedDomain))}, null));
    if (issuer != null) {
      builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
    }
    return sign(builder, issuerKeys.getPrivate());
  }

  /**
   * A server certificate for {@code hostName} (SAN dNSName, serverAuth, 397 days: within what
   * browsers and Apple accept) signed with {@code caKey}. It does not check the name: a leaf the
   * CA's constraint forbids is what the tests show clients reject.
   */
  public static X509Certificate signLeaf(X509Certificate ca, PrivateKey caKey, String hostName, PublicKey leafKey) {
    try {
      Instant now = Instant.now();
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
      X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(397))), subject, leafKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(leafKey.getEncoded())))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
      return sign(builder, caKey);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot sign a certificate for " + hostName + " (" + e.getMessage() + ")", e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static String pem(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(value);
    }
    return text.toString();
  }
}
