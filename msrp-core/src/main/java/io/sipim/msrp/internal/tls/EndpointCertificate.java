package io.sipim.msrp.internal.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed endpoint certificate, as MSRP endpoints use with {@code a=fingerprint} (RFC 4572
 * §6: the certificate is trusted through the signalling, not through a CA). RSA 2048, valid 30 days.
 */
public final class EndpointCertificate {
    private EndpointCertificate() {
    }

    /** A PKCS#12 key store holding a new key and its certificate for {@code names} under alias "msrp". */
    public static KeyStore create(char[] password, String... names) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048, new SecureRandom());
            KeyPair keys = rsa.generateKeyPair();
            GeneralName[] alt = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                String n = names[i];
                alt[i] = Character.digit(n.charAt(0), 16) >= 0 && (n.indexOf(':') >= 0 || n.matches("[0-9.]+"))
                        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, n);
            }
            var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "SIPIM MSRP endpoint").build();
            Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
            X509v3CertificateBuilder cb = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(from.toEpochMilli()),
                    Date.from(from), Date.from(from.plus(31, ChronoUnit.DAYS)), name, keys.getPublic())
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (alt.length > 0) {
                cb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
            }
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(cb.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry("msrp", keys.getPrivate(), password, new X509Certificate[] {cert});
            return store;
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create an endpoint certificate: " + e.getMessage(), e);
        }
    }
}
