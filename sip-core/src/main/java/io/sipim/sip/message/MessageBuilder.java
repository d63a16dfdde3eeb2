package io.sipim.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SipRequest.Builder} and {@link SipResponse.Builder} share: adding, replacing and
 * removing headers, and the body. {@code build()} adds Content-Length when it is missing, so a
 * built message can go over any transport (RFC 3261 §20.14).
 *
 * @param <B> the concrete builder
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>> permits SipRequest.Builder, SipResponse.Builder {
    final List<Header> headers = new ArrayList<>();
    byte[] body;

    MessageBuilder() {}

    MessageBuilder(SipMessage m) {
        headers.addAll(m.headers());
        body = m.body;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Appends a header line. */
    public B header(Header header) {
        headers.add(Objects.requireNonNull(header, "header"));
        return self();
    }

    /** Appends a header line with one typed value. */
    public <T> B header(HeaderName<T> name, T value) {
        return header(Header.of(name, value));
    }

    /** Appends a header from text; known headers are parsed and checked. */
    public B header(String name, String value) {
        return header(Header.of(name, value));
    }

    /** Replaces every line of {@code name} by one line with {@code value}, where the first one stood. */
    public <T> B set(HeaderName<T> name, T value) {
        Header h = Header.of(name, value);
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equals(name)) {
                headers.remove(i);
                at = i;
            }
        }
        if (at < 0) {
            headers.add(h);
        } else {
            headers.add(at, h);
        }
        return self();
    }

    /** Inserts a header line before all others (e.g. a new topmost Via, RFC 3261 §16.6 step 8). */
    public <T> B prepend(HeaderName<T> name, T value) {
        headers.add(0, Header.of(name, value));
        return self();
    }

    /** Removes every line of {@code name}. */
    public B remove(HeaderName<?> name) {
        headers.removeIf(h -> h.name().equals(name));
        return self();
    }

    /** Removes the first value of {@code name} (e.g. the topmost Via or Route), keeping the rest of its line. */
    public <T> B removeFirst(HeaderName<T> name) {
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.name().equals(name)) {
                List<T> vals = new ArrayList<>();
                h.collect(name, vals);
                headers.remove(i);
                if (vals.size() > 1) {
                    headers.add(i, Header.of(name, vals.subList(1, vals.size())));
                }
                break;
            }
        }
        return self();
    }

    public B via(Via via) {
        return header(HeaderName.VIA, via);
    }

    public B from(NameAddr from) {
        return set(HeaderName.FROM, from);
    }

    public B to(NameAddr to) {
        return set(HeaderName.TO, to);
    }

    public B callId(String callId) {
        return set(HeaderName.CALL_ID, callId);
    }

    public B cseq(CSeq cseq) {
        return set(HeaderName.CSEQ, cseq);
    }

    public B contact(NameAddr contact) {
        return header(HeaderName.CONTACT, contact);
    }

    public B expires(long seconds) {
        return set(HeaderName.EXPIRES, seconds);
    }

    /** Sets the body and its Content-Type. */
    public B body(MediaType type, byte[] content) {
        set(HeaderName.CONTENT_TYPE, type);
        this.body = content.clone();
        return self();
    }

    /** Sets a text body, encoded as UTF-8 unless {@code type} names another charset. */
    public B body(MediaType type, String text) {
        set(HeaderName.CONTENT_TYPE, type);
        this.body = text.getBytes(type.parameters().has("charset") ? type.charset() : StandardCharsets.UTF_8);
        return self();
    }

    /** Removes the body and Content-Type. */
    public B noBody() {
        remove(HeaderName.CONTENT_TYPE);
        this.body = null;
        return self();
    }

    Header[] finish() {
        int len = body == null ? 0 : body.length;
        Long cl = null;
        for (Header h : headers) {
            if (h.name() == HeaderName.CONTENT_LENGTH) {
                cl = h.first();
            }
        }
        if (cl == null || cl != len) {
            set(HeaderName.CONTENT_LENGTH, (long) len);
        }
        return headers.toArray(new Header[0]);
    }
}
