/** The database: schema migrations, its health, and paged query results. */
package org.lockbox.persistence;
