package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.auth.DigestClient;
import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.relay.RelayBinding;
import io.sipim.msrp.relay.RelayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The client's AUTH exchange with one relay (RFC 4976 §5): AUTH, 401 with a digest challenge, AUTH
 * with credentials, 200 with Use-Path and Expires; a 423 is retried once with the relay's
 * Min-Expires. The binding is refreshed on the same connection when three quarters of it have
 * passed, with the last nonce and the next nonce-count (a new challenge if the relay says stale).
 * Loop thread only.
 */
public final class RelayAuth {

    /** Told of each binding and of failure. Called on the loop. */
    public interface Listener {
        void bound(RelayBinding binding, boolean refresh);

        void failed(Throwable cause, boolean refresh);
    }

    private static final int MAX_ROUNDS = 4;

    private final AuthChannel channel;
    private final Supplier<List<MsrpUri>> via;
    private final MsrpUri relay;
    private final MsrpUri local;
    private final DigestClient digest;
    private final long askedExpires;
    private final Listener listener;
    private Scheduler.Timeout refresh;
    private boolean stopped;

    /**
     * @param via the Use-Path of the relays before this one (empty for the first): the AUTH's To-Path
     *     leads through them (RFC 4976 §5)
     * @param askedExpires the Expires to ask for in seconds, or -1 to leave it to the relay
     */
    public RelayAuth(AuthChannel channel, Supplier<List<MsrpUri>> via, MsrpUri relay, MsrpUri local,
                     DigestClient digest, long askedExpires, Listener listener) {
        this.channel = channel;
        this.via = via;
        this.relay = relay;
        this.local = local;
        this.digest = digest;
        this.askedExpires = askedExpires;
        this.listener = listener;
    }

    /** Sends the first AUTH. */
    public void start() {
        attempt(false, 0, askedExpires, null);
    }

    /** Stops refreshing. */
    public void stop() {
        stopped = true;
        if (refresh != null) {
            refresh.cancel();
        }
    }

    private void attempt(boolean refreshing, int round, long expires, String authorization) {
        List<MsrpUri> to = new ArrayList<>(via.get());
        to.add(relay);
        MsrpRequest.Builder b = MsrpRequest.builder(MsrpRequest.AUTH).transactionId(Ids.transactionId()).toPath(to)
                .fromPath(local);
        if (authorization != null) {
            b.header(MsrpHeader.AUTHORIZATION, authorization);
        }
        if (expires >= 0) {
            b.expires(expires);
        }
        channel.auth(b.build()).whenComplete((r, e) -> {
            if (stopped) {
                return;
            }
            if (e != null) {
                listener.failed(e, refreshing);
            } else {
                answered(refreshing, round, expires, authorization != null, r);
            }
        });
    }

    private void answered(boolean refreshing, int round, long expires, boolean sentCredentials, MsrpResponse r) {
        try {
            switch (r.code()) {
                case 200 -> bound(refreshing, expires, r);
                case 401 -> {
                    List<String> challenges = r.headers(MsrpHeader.WWW_AUTHENTICATE);
                    // Credentials refused without stale=true: the password is wrong; do not loop (RFC 7616 §3.4).
                    if ((sentCredentials && !DigestClient.stale(challenges)) || round >= MAX_ROUNDS) {
                        throw new RelayException(401, "relay refused the credentials: " + r.code() + " " + r.comment());
                    }
                    attempt(refreshing, round + 1, expires, digest.authorize(challenges, MsrpRequest.AUTH, relay.toString()));
                }
                case 423 -> {
                    OptionalLong min = r.numericHeader(MsrpHeader.MIN_EXPIRES);
                    if (min.isEmpty() || round >= MAX_ROUNDS || !digest.hasNonce()) {
                        throw new RelayException(423, "relay wants a longer Expires but gave no usable Min-Expires");
                    }
                    attempt(refreshing, round + 1, min.getAsLong(), digest.authorizeAgain(MsrpRequest.AUTH, relay.toString()));
                }
                default -> throw new RelayException(r.code(), "AUTH failed: " + r.code() + " " + r.comment());
            }
        } catch (RelayException | IllegalArgumentException | MsrpParseException e) {
            listener.failed(e instanceof RelayException ? e : new RelayException(0, "unusable AUTH answer: " + e.getMessage()),
                    refreshing);
        }
    }

    private void bound(boolean refreshing, long asked, MsrpResponse r) {
        List<MsrpUri> usePath = r.usePath();
        if (usePath.isEmpty()) {
            throw new RelayException(0, "200 to AUTH without Use-Path");
        }
        OptionalLong granted = r.expires();
        if (granted.isEmpty() || granted.getAsLong() < 1) {
            throw new RelayException(0, "200 to AUTH without a positive Expires");
        }
        long seconds = granted.getAsLong();
        RelayBinding binding = new RelayBinding(relay, usePath, Duration.ofSeconds(seconds));
        // RFC 4976 §5.2: refresh before the binding expires; three quarters leaves room for a retry.
        long delay = Duration.ofSeconds(seconds).toNanos() / 4 * 3;
        refresh = channel.scheduler().schedule(delay, () -> {
            if (!stopped) {
                attempt(true, 0, asked, digest.authorizeAgain(MsrpRequest.AUTH, relay.toString()));
            }
        });
        listener.bound(binding, refreshing);
    }
}
