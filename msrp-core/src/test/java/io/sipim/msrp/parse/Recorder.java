package io.sipim.msrp.parse;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A handler that writes down what the parser reports; consecutive body pieces are joined into one event. */
class Recorder implements MsrpParser.Handler {
    final List<String> events = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    final List<MsrpParseException> errors = new ArrayList<>();
    private ByteArrayOutputStream body;
    int bodyCalls;

    static String crlf(String s) {
        return s.replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return crlf(s).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code data} in pieces of {@code step} bytes, then checks the stream ends between frames. */
    static Recorder parse(byte[] data, int step) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        for (int i = 0; i < data.length; i += step) {
            p.parse(ByteBuffer.wrap(data, i, Math.min(step, data.length - i)));
        }
        r.flush();
        return r;
    }

    static Recorder parse(String frames) {
        return parse(bytes(frames), Integer.MAX_VALUE);
    }

    private void flush() {
        if (body != null) {
            events.add("body " + body.toString(StandardCharsets.ISO_8859_1));
            body = null;
        }
    }

    List<String> events() {
        flush();
        return events;
    }

    @Override
    public void request(MsrpRequest request, boolean hasBody) {
        flush();
        values.add(request);
        events.add("request " + request.method() + " " + request.transactionId() + (hasBody ? " body" : ""));
    }

    @Override
    public void body(ByteBuffer data) {
        if (!data.isReadOnly() || !data.hasRemaining()) {
            throw new AssertionError("body views must be read-only and non-empty");
        }
        if (body == null) {
            body = new ByteArrayOutputStream();
        }
        bodyCalls++;
        byte[] b = new byte[data.remaining()];
        data.get(b);
        body.write(b, 0, b.length);
    }

    @Override
    public void end(ContinuationFlag flag) {
        flush();
        events.add("end " + flag.symbol());
    }

    @Override
    public void response(MsrpResponse response) {
        flush();
        values.add(response);
        events.add("response " + response.code() + " " + response.transactionId());
    }

    @Override
    public void badRequest(MsrpParseException e) {
        flush();
        errors.add(e);
        events.add("badRequest " + e.status() + " @" + e.offset() + " " + e.transactionId() + ": " + e.reason());
    }

    @Override
    public void badResponse(MsrpParseException e) {
        flush();
        errors.add(e);
        events.add("badResponse " + e.status() + " @" + e.offset() + " " + e.transactionId() + ": " + e.reason());
    }
}
