/**
 * The SIP transaction layer (RFC 3261 §17, with the Accepted states of RFC 6026): the four
 * transaction state machines, the {@link io.sipim.sip.transaction.TransactionLayer} that matches
 * messages to them, and {@link io.sipim.sip.transaction.TransactionTimers} (T1, T2, T4 and
 * Timers A–M). Everything runs on one {@link io.sipim.sip.loop.Scheduler} thread, so no state
 * here is locked.
 */
package io.sipim.sip.transaction;
