package io.sipim.msrp.transport;

import io.sipim.msrp.sdp.Fingerprint;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS for {@code msrps} (RFC 4975 §14), through Bouncy Castle's JSSE provider, TLS 1.3 and 1.2.
 *
 * <p>How the peer is trusted is one of three explicit choices:
 * <ul>
 *   <li>{@link Verification#CERTIFICATE_AUTHORITY} (the default): the chain must lead to a trusted
 *       root (the given trust store, or the JDK's) and the name must match the host of the MSRP URI
 *       connected to (RFC 4975 §14.2);</li>
 *   <li>{@link Verification#FINGERPRINT}: any certificate passes the handshake, and a session then
 *       accepts the connection only if the certificate's hash equals the {@code a=fingerprint} that
 *       the peer's SDP gave (RFC 4572 / RFC 8122) — the usual case for self-signed endpoint
 *       certificates negotiated over SIP;</li>
 *   <li>{@link Verification#NONE}: nothing is checked; for tests only, and named so in code.</li>
 * </ul>
 */
public final class MsrpTls {

    /** How the peer's certificate is judged. */
    public enum Verification { CERTIFICATE_AUTHORITY, FINGERPRINT, NONE }

    private final SSLContext context;
    private final Verification verification;
    private final X509Certificate certificate;

    private MsrpTls(SSLContext context, Verification verification, X509Certificate certificate) {
        this.context = context;
        this.verification = verification;
        this.certificate = certificate;
    }

    /** Our own certificate (from the key store), or null when none was given. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Our {@code a=fingerprint} value, {@code sha-256 AB:CD:…}, for the SDP we send; null without a certificate. */
    public String fingerprint() {
        if (certificate == null) {
            return null;
        }
        try {
            return Fingerprint.of("sha-256", certificate.getEncoded()).value();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode our certificate: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The context engines are made from. */
    public SSLContext context() {
        return context;
    }

    public Verification verification() {
        return verification;
    }

    /** Builds {@link MsrpTls}. */
    public static final class Builder {
        private KeyStore keyStore;
        private char[] keyPassword = new char[0];
        private KeyStore trustStore;
        private Verification verification = Verification.CERTIFICATE_AUTHORITY;

        private Builder() {
        }

        /** Our certificate and private key (required to accept msrps connections). */
        public Builder keyStore(KeyStore keyStore, char[] password) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.keyPassword = password.clone();
            return this;
        }

        /**
         * A new self-signed certificate for {@code names} (host names or addresses) as our identity,
         * the usual choice with {@link #verifyByFingerprint()}: the peer learns our
         * {@link MsrpTls#fingerprint()} from the SDP (RFC 4572 §6).
         */
        public Builder selfSigned(String... names) {
            char[] pw = "msrp".toCharArray();
            return keyStore(io.sipim.msrp.internal.tls.EndpointCertificate.create(pw, names), pw);
        }

        /** Roots for {@link Verification#CERTIFICATE_AUTHORITY}; the JDK's when not set. */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** Trust by {@code a=fingerprint} (RFC 4572/8122) instead of by certificate authority. */
        public Builder verifyByFingerprint() {
            this.verification = Verification.FINGERPRINT;
            return this;
        }

        /** Trust any certificate. Tests only. */
        public Builder insecureTrustAll() {
            this.verification = Verification.NONE;
            return this;
        }

        public MsrpTls build() {
            try {
                BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
                KeyManagerFactory kmf = null;
                if (keyStore != null) {
                    kmf = KeyManagerFactory.getInstance("PKIX", jsse);
                    kmf.init(keyStore, keyPassword);
                }
                TrustManager[] trust;
                if (verification == Verification.CERTIFICATE_AUTHORITY) {
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
                    tmf.init(trustStore);
                    trust = tmf.getTrustManagers();
                } else {
                    trust = new TrustManager[] {new AcceptAny()};
                }
                SSLContext ctx = SSLContext.getInstance("TLS", jsse);
                ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, new SecureRandom());
                X509Certificate own = null;
                if (keyStore != null) {
                    for (String alias : java.util.Collections.list(keyStore.aliases())) {
                        if (keyStore.getCertificate(alias) instanceof X509Certificate x) {
                            own = x;
                            break;
                        }
                    }
                }
                return new MsrpTls(ctx, verification, own);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable TLS key or trust material: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Passes every chain; the session checks the fingerprint afterwards (or, for NONE, nothing). An
     * extended trust manager, so that the provider does not wrap it in its own host-name check.
     */
    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // judged by fingerprint after the handshake
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // judged by fingerprint after the handshake
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // judged by fingerprint after the handshake
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // judged by fingerprint after the handshake
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // judged by fingerprint after the handshake
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // judged by fingerprint after the handshake
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
