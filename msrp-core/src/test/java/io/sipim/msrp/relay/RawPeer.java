package io.sipim.msrp.relay;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare MSRP endpoint on a blocking socket for relay tests: writes frames with {@link MsrpEncoder},
 * reads them with {@link MsrpParser} on a thread of its own (unless told not to read at all), and
 * can answer each complete SEND with 200 by itself.
 */
final class RawPeer implements AutoCloseable {

    /** A request chunk with its body and flag, or a response. */
    record Frame(MsrpRequest request, byte[] body, ContinuationFlag flag, MsrpResponse response) {
        @Override
        public String toString() {
            return request != null ? request + " " + flag : String.valueOf(response);
        }
    }

    final MsrpUri uri;
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile boolean autoAnswer;
    private volatile boolean keepBodies = true;
    private boolean paused;

    /**
     * @param receiveBuffer socket receive buffer size, or 0 for the default
     * @param read whether to start reading at once
     */
    RawPeer(InetSocketAddress relay, String name, int receiveBuffer, boolean read) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(relay, 5000);
        out = socket.getOutputStream();
        uri = MsrpUri.parse("msrp://" + name + ".example:7777/" + name + "s1;tcp");
        if (read) {
            startReading();
        }
    }

    RawPeer(InetSocketAddress relay, String name) throws IOException {
        this(relay, name, 0, true);
    }

    /** Answer every complete request chunk with Failure-Report: yes with 200. */
    RawPeer autoAnswer() {
        autoAnswer = true;
        return this;
    }

    /** Count body bytes instead of keeping them (bulk transfers). */
    RawPeer discardBodies() {
        keepBodies = false;
        return this;
    }

    long bodyBytes() {
        return bodyBytes.get();
    }

    /** Stops reading from the socket after the read in progress (a slow receiver). */
    synchronized void pauseReading() {
        paused = true;
    }

    synchronized void resumeReading() {
        paused = false;
        notifyAll();
    }

    private synchronized void awaitResume() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    void startReading() {
        Thread t = new Thread(this::readLoop, "raw-peer-" + uri.sessionId());
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, new MsrpParser.Handler() {
            MsrpRequest current;
            ByteArrayOutputStream body;

            @Override
            public void request(MsrpRequest r, boolean hasBody) {
                current = r;
                body = hasBody ? new ByteArrayOutputStream() : null;
            }

            @Override
            public void body(ByteBuffer data) {
                bodyBytes.addAndGet(data.remaining());
                if (keepBodies) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    body.write(b, 0, b.length);
                }
            }

            @Override
            public void end(ContinuationFlag flag) {
                MsrpRequest r = current;
                frames.add(new Frame(r, body == null ? null : body.toByteArray(), flag, null));
                if (autoAnswer && !MsrpRequest.REPORT.equals(r.method()) && r.failureReport() == FailureReport.YES) {
                    send(MsrpResponse.to(r, 200).build());
                }
            }

            @Override
            public void response(MsrpResponse r) {
                frames.add(new Frame(null, null, null, r));
            }

            @Override
            public void badRequest(MsrpParseException e) {
                throw e;
            }
        });
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                awaitResume();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                parser.parse(ByteBuffer.wrap(buf, 0, n));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // socket closed
        }
    }

    void send(MsrpRequest head, byte[] body, ContinuationFlag flag) {
        write(MsrpEncoder.encode(head, body, flag));
    }

    void send(MsrpResponse r) {
        write(MsrpEncoder.encode(r));
    }

    void write(byte[] bytes) {
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    Frame next() throws InterruptedException {
        Frame f = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(f, "no frame within 10 s");
        return f;
    }

    MsrpResponse nextResponse() throws InterruptedException {
        Frame f = next();
        assertNotNull(f.response(), () -> "expected a response, got " + f);
        return f.response();
    }

    Frame nextRequest() throws InterruptedException {
        Frame f = next();
        assertNotNull(f.request(), () -> "expected a request, got " + f);
        return f;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
