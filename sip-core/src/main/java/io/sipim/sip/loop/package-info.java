/**
 * The thread model of a SIP stack: one {@link io.sipim.sip.loop.Scheduler} thread owns all
 * protocol state; {@link io.sipim.sip.loop.EventLoop} is the NIO selector implementation and
 * {@link io.sipim.sip.loop.ManualScheduler} the virtual-time one for tests.
 */
package io.sipim.sip.loop;
