/**
 * SIP dialogs (RFC 3261 §12): the peer-to-peer relationship an INVITE or a SUBSCRIBE sets up,
 * identified by Call-ID, local tag and remote tag, with the state every request inside it needs
 * (remote target, route set, CSeq numbers). {@link io.sipim.sip.dialog.Dialog} is the state
 * machine, {@link io.sipim.sip.dialog.DialogId} its key and
 * {@link io.sipim.sip.dialog.DialogTable} the table a dialog usage (an INVITE session, a
 * subscription) keeps its dialogs in. Everything here is changed on the stack's loop thread only;
 * nothing is locked.
 */
package io.sipim.sip.dialog;
