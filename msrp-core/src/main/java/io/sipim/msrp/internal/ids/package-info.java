/** Random identifiers MSRP needs: session-ids and Message-IDs (internal). */
package io.sipim.msrp.internal.ids;
