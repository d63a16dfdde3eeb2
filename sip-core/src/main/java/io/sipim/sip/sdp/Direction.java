package io.sipim.sip.sdp;

import java.util.List;

/**
 * The direction attributes of RFC 8866 §6.7 as used by RFC 3264 §5.1: whether a stream is sent,
 * received, both or neither, seen from the side that wrote the description.
 */
public enum Direction {
    /** {@code a=sendrecv}: send and receive; the default when no direction attribute is present. */
    SENDRECV("sendrecv", true, true),
    /** {@code a=sendonly}: send only. */
    SENDONLY("sendonly", true, false),
    /** {@code a=recvonly}: receive only. */
    RECVONLY("recvonly", false, true),
    /** {@code a=inactive}: neither. */
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String attributeName() {
        return attributeName;
    }

    /** The property attribute that states this direction. */
    public Attribute attribute() {
        return Attribute.of(attributeName);
    }

    /** Whether the writer sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the writer receives media. */
    public boolean receives() {
        return receives;
    }

    /** The same stream seen from the peer: sendonly ↔ recvonly; sendrecv and inactive stay. */
    public Direction reverse() {
        return of(receives, sends);
    }

    /** The direction that sends and receives as given. */
    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction named by an attribute name, or {@code null} if the name is not one. */
    public static Direction fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The last direction attribute in a list, or {@code null} when there is none. */
    static Direction find(List<Attribute> attributes) {
        Direction found = null;
        for (Attribute a : attributes) {
            Direction d = a.isProperty() ? fromAttributeName(a.name()) : null;
            if (d != null) {
                found = d;
            }
        }
        return found;
    }
}
