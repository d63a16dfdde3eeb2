/** JMH benchmarks comparing SIPIM with peer implementations in the same run. */
package io.sipim.benchmarks;
