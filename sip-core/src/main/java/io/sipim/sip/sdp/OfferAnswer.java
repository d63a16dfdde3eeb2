package io.sipim.sip.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answerer's side of the RFC 3264 offer/answer model: an answer built from an offer and a
 * description of what the local endpoint can do.
 *
 * <p>The local capabilities are themselves a {@link SessionDescription}: its origin, session name,
 * session-level {@code c=}, {@code b=} and attributes become the answer's, and its media
 * descriptions are templates, each used for at most one offered stream. For each offered
 * {@code m=} line, in order (RFC 3264 §6: same number and order of media lines):
 * <ul>
 *   <li>an offered stream with port 0, or one for which no unused template has the same media type
 *       and proto, or whose formats have nothing in common with the template's, is rejected: port
 *       0, the offered formats, nothing else (RFC 3264 §6);
 *   <li>otherwise the answer line is the template with the formats both sides support, in the
 *       offer's order (RFC 3264 §6.1 recommends it); a dynamic RTP payload type is matched by its
 *       {@code a=rtpmap} and answered with the offer's number, its {@code a=rtpmap} and
 *       {@code a=fmtp} renumbered (RFC 3264 §6.1); template {@code rtpmap}/{@code fmtp} lines of
 *       formats not chosen are dropped;
 *   <li>the direction is the offer's reversed, narrowed by the template's: the answer sends only if
 *       the offer receives and the template sends, and receives likewise, so sendonly gets
 *       recvonly, recvonly gets sendonly and inactive gets inactive (RFC 3264 §6.1).
 * </ul>
 * The answer's {@code t=} lines are the offer's (RFC 3264 §6). Nothing protocol-specific beyond RTP
 * payload numbers is negotiated here: MSRP's {@code a=accept-types} and {@code a=path}, for one,
 * are the templates' and msrp-core's business.
 */
public final class OfferAnswer {
    private OfferAnswer() {
    }

    /**
     * Builds the answer to {@code offer} from the local capabilities.
     *
     * @param offer the received offer
     * @param local the local origin, session-level lines and one template media description per
     *     stream the endpoint can accept
     * @return the answer, with as many media descriptions as the offer
     */
    public static SessionDescription answer(SessionDescription offer, SessionDescription local) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(local, "local");
        List<MediaDescription> templates = new ArrayList<>(local.media());
        List<MediaDescription> answered = new ArrayList<>(offer.media().size());
        for (MediaDescription offered : offer.media()) {
            MediaDescription line = null;
            if (!offered.isRejected()) {
                for (int i = 0; i < templates.size() && line == null; i++) {
                    MediaDescription template = templates.get(i);
                    if (template != null && !template.isRejected() && sameKind(offered, template)) {
                        line = accept(offer, offered, local, template);
                        if (line != null) {
                            templates.set(i, null); // one template, one stream: ports are not shared
                        }
                    }
                }
            }
            answered.add(line != null ? line : reject(offered));
        }
        List<Attribute> sessionAttributes = new ArrayList<>(local.attributes());
        // Directions are stated per media line in the answer; a session-level one would contradict them.
        sessionAttributes.removeIf(OfferAnswer::isDirection);
        return local.toBuilder()
                .timings(offer.timings())
                .attributes(sessionAttributes)
                .media(answered)
                .build();
    }

    /**
     * The answer line for a stream the answerer declines (RFC 3264 §6): port 0, the offered media
     * type, proto and formats, and nothing else.
     */
    public static MediaDescription reject(MediaDescription offered) {
        return MediaDescription.builder()
                .media(offered.media())
                .port(0)
                .proto(offered.proto())
                .formats(offered.formats())
                .build();
    }

    private static boolean sameKind(MediaDescription a, MediaDescription b) {
        return a.media().equalsIgnoreCase(b.media()) && a.proto().equalsIgnoreCase(b.proto());
    }

    private static MediaDescription accept(SessionDescription offer, MediaDescription offered,
            SessionDescription local, MediaDescription template) {
        Map<String, String> chosen = formats(offered, template); // offered number -> template number
        if (chosen.isEmpty()) {
            return null;
        }
        Direction theirs = offer.direction(offered);
        Direction mine = local.direction(template);
        Direction direction = Direction.of(theirs.receives() && mine.sends(), theirs.sends() && mine.receives());

        Map<String, String> renumber = new LinkedHashMap<>();
        chosen.forEach((offeredFormat, templateFormat) -> renumber.put(templateFormat, offeredFormat));
        Set<String> templateFormats = new HashSet<>(template.formats());
        List<Attribute> attributes = new ArrayList<>();
        for (Attribute a : template.attributes()) {
            if (isDirection(a)) {
                continue;
            }
            String pt = payloadType(a);
            if (pt != null && templateFormats.contains(pt)) {
                String number = renumber.get(pt);
                if (number == null) {
                    continue; // describes a format the answer does not carry
                }
                a = Attribute.of(a.name(), number + a.value().substring(pt.length()));
            }
            attributes.add(a);
        }
        if (direction != Direction.SENDRECV || Direction.find(template.attributes()) != null
                || Direction.find(offered.attributes()) != null) {
            attributes.add(direction.attribute());
        }
        return template.toBuilder()
                .formats(new ArrayList<>(chosen.keySet()))
                .attributes(attributes)
                .build();
    }

    /** Formats both sides support, in the offer's order, each mapped to the template format it matched. */
    private static Map<String, String> formats(MediaDescription offered, MediaDescription template) {
        Map<String, String> offeredMaps = rtpmaps(offered);
        Map<String, String> templateMaps = rtpmaps(template);
        Map<String, String> chosen = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String f : offered.formats()) {
            String theirs = offeredMaps.get(f);
            String match = null;
            if (template.formats().contains(f)) {
                String ours = templateMaps.get(f);
                boolean bothMapped = theirs != null && ours != null;
                boolean neitherMapped = theirs == null && ours == null;
                if (bothMapped ? sameCodec(theirs, ours) : neitherMapped || isStaticRtp(f)) {
                    match = f;
                }
            }
            if (match == null && theirs != null) {
                for (String g : template.formats()) {
                    String ours = templateMaps.get(g);
                    if (!used.contains(g) && ours != null && sameCodec(theirs, ours)) {
                        match = g;
                        break;
                    }
                }
            }
            if (match != null && used.add(match)) {
                chosen.put(f, match);
            }
        }
        return chosen;
    }

    /** RFC 3551 §6: payload types 0 to 95 have fixed meanings, so a missing rtpmap is no mismatch. */
    private static boolean isStaticRtp(String format) {
        return format.length() <= 2 && Syntax.isDigits(format) && Integer.parseInt(format) < 96;
    }

    /** RFC 8866 §6.6: rtpmap is {@code <payload type> <encoding name>/<clock rate>[/<parameters>]}. */
    private static Map<String, String> rtpmaps(MediaDescription m) {
        Map<String, String> maps = new LinkedHashMap<>();
        for (Attribute a : m.attributes("rtpmap")) {
            String pt = payloadType(a);
            if (pt != null) {
                maps.putIfAbsent(pt, a.value().substring(pt.length()).trim());
            }
        }
        return maps;
    }

    /** Encoding names are case-insensitive (RFC 4855 §3); one audio channel is the default. */
    private static boolean sameCodec(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String rtpmap) {
        String s = rtpmap.toLowerCase(Locale.ROOT);
        return s.endsWith("/1") && s.indexOf('/') != s.length() - 2 ? s.substring(0, s.length() - 2) : s;
    }

    /** The format a per-format attribute ({@code rtpmap}, {@code fmtp}, {@code rtcp-fb}) is about, or null. */
    private static String payloadType(Attribute a) {
        if (a.value() == null || !(a.name().equals("rtpmap") || a.name().equals("fmtp") || a.name().equals("rtcp-fb"))) {
            return null;
        }
        int space = a.value().indexOf(' ');
        String pt = space < 0 ? a.value() : a.value().substring(0, space);
        return pt.isEmpty() ? null : pt;
    }

    private static boolean isDirection(Attribute a) {
        return a.isProperty() && Direction.fromAttributeName(a.name()) != null;
    }
}
