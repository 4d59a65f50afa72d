/** The secret aggregate: entity, payload types, listing queries and the secret service. */
package org.lockbox.secret;
