package dev.syncwire.harness.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.harness.proxy.internal.CaFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local CA on disk: made once, owner-only key, and a name constraint that real PKIX validation enforces. */
class LocalCaTest {
  @TempDir
  Path home;

  @Test
  void theNameConstraintLetsATwilioLeafValidateAndFailsALeafForAnyOtherDomain() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(home.resolve("ca"));
    // Signed with the CA's key, read back from its file, as a thief holding the key would.
    PrivateKey caKey = readKey(ca.keyFile());
    X509Certificate signer = readCertificate(ca.dir().resolve(LocalCa.SIGNER_FILE));
    var leafKey = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    X509Certificate twilio = CaFiles.signLeaf(signer, caKey, "sync.twilio.com", leafKey);
    X509Certificate other = CaFiles.signLeaf(signer, caKey, "example.com", leafKey);
    X509Certificate lookalike = CaFiles.signLeaf(signer, caKey, "twilio.com.example.com", leafKey);

    validate(ca, twilio, signer); // no exception: inside the permitted subtree
    validate(ca, ca.leafCertificate("sync.dublin.ie1.twilio.com"), signer);
    assertThatThrownBy(() -> validate(ca, other, signer)).isInstanceOf(CertPathValidatorException.class)
        .hasMessageContaining("name constraints");
    assertThatThrownBy(() -> validate(ca, lookalike, signer)).isInstanceOf(CertPathValidatorException.class)
        .hasMessageContaining("name constraints");
    assertThatThrownBy(() -> ca.leafCertificate("example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("syncwire's CA signs for twilio.com and its subdomains only, not 'example.com'");
  }

  @Test
  void theCaCertificateCarriesACriticalNameConstraintPermittingTwilioComOnly() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(home.resolve("ca"));
    assertThat(ca.certificate().getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
    NameConstraints constraints = NameConstraints.getInstance(
        new JcaX509CertificateHolder(ca.certificate()).getExtension(Extension.nameConstraints).getParsedValue());
    assertThat(constraints.getPermittedSubtrees()).hasSize(1);
    GeneralName permitted = constraints.getPermittedSubtrees()[0].getBase();
    assertThat(permitted.getTagNo()).isEqualTo(GeneralName.dNSName);
    assertThat(permitted.getName()).hasToString("twilio.com");
    assertThat(ca.certificate().getBasicConstraints()).isEqualTo(1); // the root signs one intermediate, which signs leaves
  }

  @Test
  void theKeyIsOwnerOnlyAndASecondLoadReusesTheSameCa() throws Exception {
    Path dir = home.resolve("nested/ca");
    LocalCa first = LocalCa.loadOrCreate(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyFile()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.certificateFile()))).isEqualTo("rw-r--r--");
    assertThat(Files.readString(first.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.pem", "signer.pem", "ca-key.pem", "truststore.p12");
    }
    LocalCa second = LocalCa.loadOrCreate(dir);
    assertThat(second.certificate()).isEqualTo(first.certificate());
    assertThat(readKey(second.keyFile())).isEqualTo(readKey(first.keyFile()));
  }

  @Test
  void theTruststoreHoldsTheCaForJavaAndIsWrittenAgainWhenMissing() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(home.resolve("ca"));
    Files.delete(ca.truststoreFile());
    LocalCa.loadOrCreate(home.resolve("ca"));

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.truststoreFile())) {
      store.load(in, LocalCa.TRUSTSTORE_PASSWORD.toCharArray());
    }
    assertThat(List.copyOf(java.util.Collections.list(store.aliases()))).containsExactly("syncwire-ca");
    assertThat(store.getCertificate("syncwire-ca")).isEqualTo(ca.certificate());
  }

  @Test
  void halfACaIsRefusedNamingTheMissingFileAndTheFix() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(home.resolve("ca"));
    Files.delete(ca.keyFile());

    assertThatThrownBy(() -> LocalCa.loadOrCreate(home.resolve("ca"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the CA folder " + ca.dir() + " holds half a CA: ca-key.pem is missing. Delete the folder"
            + " (clients that trusted the old ca.pem must then trust the new one) or give another with --ca-dir.");
  }

  /** PKIX as a JVM's default trust manager runs it: the root a trust anchor with no constraints of its own given. */
  private static void validate(LocalCa ca, X509Certificate leaf, X509Certificate signer) throws Exception {
    var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, signer));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, parameters);
  }

  private static X509Certificate readCertificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey readKey(Path file) throws Exception {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
  }
}
