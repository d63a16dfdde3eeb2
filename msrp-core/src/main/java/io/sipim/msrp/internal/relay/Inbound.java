package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.ContinuationFlag;
import java.nio.ByteBuffer;

/** Where the body of the request being read goes. */
interface Inbound {
    void body(ByteBuffer data);

    void end(ContinuationFlag flag);

    /** The connection closed before the end-line. */
    void abandon();
}
