package io.sipim.sip.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS settings for the {@code TLS} transport (RFC 3261 §26.2, RFC 5922), built on Bouncy Castle's
 * JSSE provider. Secure by default: TLS 1.3 and 1.2 only, the peer's certificate chain is
 * checked against the trust store (the JDK's default trust anchors unless one is given) and a
 * server's certificate must name the host we connected to — the server name of the
 * {@link TransportAddress}, sent as SNI, or its IP address. {@link Builder#insecureTrustAll()}
 * turns both checks off, for development only.
 *
 * <p>A listening TLS transport needs a key store with its certificate and private key
 * ({@link Builder#keyStore}); {@link SelfSignedCertificate} makes one for development.
 */
public final class TlsConfig {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final boolean verifyPeer;
    private final boolean requireClientCertificate;

    private TlsConfig(Builder b) throws GeneralSecurityException {
        Provider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        KeyManagerFactory kmf = null;
        if (b.keyStore != null) {
            kmf = KeyManagerFactory.getInstance("PKIX", jsse);
            kmf.init(b.keyStore, b.keyPassword);
        }
        TrustManager[] trust;
        if (!b.verifyPeer) {
            trust = new TrustManager[] {new TrustAll()};
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
            tmf.init(b.trustStore);
            trust = tmf.getTrustManagers();
        }
        this.context = SSLContext.getInstance("TLS", jsse);
        context.init(kmf == null ? null : kmf.getKeyManagers(), trust, new SecureRandom());
        this.verifyPeer = b.verifyPeer;
        this.requireClientCertificate = b.requireClientCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether peer certificates and host names are verified (true unless {@link Builder#insecureTrustAll()}). */
    public boolean verifiesPeer() {
        return verifyPeer;
    }

    /** An engine for a connection we open to {@code to}: SNI and host-name check on its server name (or IP). */
    SSLEngine clientEngine(TransportAddress to) {
        String host = to.serverName() != null ? to.serverName() : to.address().getAddress().getHostAddress();
        SSLEngine e = context.createSSLEngine(host, to.address().getPort());
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        if (verifyPeer) {
            // RFC 5922 §7.2 and RFC 2818 §3.1 name matching: a DNS SubjectAltName for a name, an IP one for an address.
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (to.serverName() != null && !to.serverName().isEmpty() && !Character.isDigit(to.serverName().charAt(0))
                && to.serverName().indexOf(':') < 0) {
            p.setServerNames(List.of(new SNIHostName(to.serverName())));
        }
        e.setSSLParameters(p);
        return e;
    }

    /** An engine for a connection accepted on a TLS listen point. */
    SSLEngine serverEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        p.setNeedClientAuth(requireClientCertificate);
        e.setSSLParameters(p);
        return e;
    }

    /** Builder of {@link TlsConfig}. */
    public static final class Builder {
        private KeyStore keyStore;
        private char[] keyPassword = new char[0];
        private KeyStore trustStore;
        private boolean verifyPeer = true;
        private boolean requireClientCertificate;

        private Builder() {
        }

        /** Our certificate chain and private key (needed to listen for TLS, or for mutual TLS). */
        public Builder keyStore(KeyStore keyStore, char[] password) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.keyPassword = password.clone();
            return this;
        }

        /** Trust anchors for peer certificates; default: the JDK's. */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** Accept any certificate for any name. Never in production: it defeats TLS against an active attacker. */
        public Builder insecureTrustAll() {
            this.verifyPeer = false;
            return this;
        }

        /** Listening side: require a client certificate (mutual TLS, RFC 5923 §5). */
        public Builder requireClientCertificate(boolean require) {
            this.requireClientCertificate = require;
            return this;
        }

        /** Builds the SSL context; fails when the key or trust store cannot be used. */
        public TlsConfig build() {
            try {
                return new TlsConfig(this);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable TLS key or trust material: " + e.getMessage(), e);
            }
        }
    }

    /** Used only after {@link Builder#insecureTrustAll()}. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Trusts everything by the user's explicit choice.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Trusts everything by the user's explicit choice.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
