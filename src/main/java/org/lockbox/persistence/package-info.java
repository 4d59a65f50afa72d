/** The database: schema migrations and its health. */
package org.lockbox.persistence;
