/** The audit trail: queries, CADF export and chain verification over HTTP. */
package org.lockbox.api.audit;
