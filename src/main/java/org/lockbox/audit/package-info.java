/** The audit trail: hash-chained, append-only events of every key operation and authorization decision. */
package org.lockbox.audit;
